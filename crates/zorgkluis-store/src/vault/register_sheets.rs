//! The registers as spreadsheets (issue 16 part 6; BG wonen keeps them as Excel sheets E11 to
//! E14): the processing register, the incidents and data breaches, the requests, the
//! complaints, the disclosure ledger, the processor agreements and the privacy assets, each a
//! tab of one workbook. Every tab is read through
//! the register's own logged read, and only the registers the caller's role may read are in
//! it; a client's name only where the reglement lets the caller read it (the id otherwise).
//! Columns have stable ids, so a sheet imports back (`register_import`) whatever its language.

use std::collections::BTreeMap;

use zorgkluis_core::i18n::{Lang, t};
use zorgkluis_core::register::ProcessingRegister;
use zorgkluis_core::reglement::Reglement;
use zorgkluis_core::vocabulary::Duty;

use super::{Actor, Disclosure, PersonFacts, RequestFilter, Vault, VaultError};
use crate::spreadsheet::{Cell, Sheet};

/// A register the workbook holds, by its id (the tab's and the command line's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Register {
    Verwerkingen,
    Incidenten,
    Verzoeken,
    Klachten,
    Verstrekkingen,
    Verwerkers,
    Middelen,
}

impl Register {
    pub const ALL: [Register; 7] = [
        Register::Verwerkingen,
        Register::Incidenten,
        Register::Verzoeken,
        Register::Klachten,
        Register::Verstrekkingen,
        Register::Verwerkers,
        Register::Middelen,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Register::Verwerkingen => "verwerkingen",
            Register::Incidenten => "incidenten",
            Register::Verzoeken => "verzoeken",
            Register::Klachten => "klachten",
            Register::Verstrekkingen => "verstrekkingen",
            Register::Verwerkers => "verwerkers",
            Register::Middelen => "middelen",
        }
    }

    pub fn from_id(id: &str) -> Option<Register> {
        Register::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn ids() -> Vec<&'static str> {
        Register::ALL.iter().map(|r| r.id()).collect()
    }

    fn label_key(self) -> &'static str {
        match self {
            Register::Verwerkingen => "sheet-verwerkingen",
            Register::Incidenten => "sheet-incidenten",
            Register::Verzoeken => "sheet-verzoeken",
            Register::Klachten => "sheet-klachten",
            Register::Verstrekkingen => "sheet-verstrekkingen",
            Register::Verwerkers => "sheet-verwerkers",
            Register::Middelen => "sheet-middelen",
        }
    }

    /// The tab's name in `lang`.
    pub fn tab(self, lang: Lang) -> String {
        t(lang, self.label_key())
    }

    /// The register a tab holds, by its name in either language or its id.
    pub fn from_tab(name: &str) -> Option<Register> {
        let name = name.trim().to_lowercase();
        Register::ALL.into_iter().find(|r| {
            r.id() == name
                || [Lang::Nl, Lang::En]
                    .iter()
                    .any(|l| r.tab(*l).to_lowercase() == name)
        })
    }

    /// The duty that reads the register (none: the processing register is the reglement's).
    fn duty(self) -> Option<Duty> {
        match self {
            Register::Verwerkingen => None,
            Register::Incidenten => Some(Duty::ManageIncidents),
            Register::Verzoeken => Some(Duty::HandleRequests),
            Register::Klachten => Some(Duty::ManageComplaints),
            Register::Verstrekkingen => Some(Duty::ReadAudit),
            // The processor register is kept by who keeps the incident register.
            Register::Verwerkers | Register::Middelen => Some(Duty::ManageIncidents),
        }
    }
}

/// A column: its stable id and the i18n key of its header.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub id: &'static str,
    pub label: &'static str,
}

const fn col(id: &'static str, label: &'static str) -> Column {
    Column { id, label }
}

/// The incident register's columns; the last two are computed, never imported.
pub const INCIDENT_COLUMNS: [Column; 26] = [
    col("kenmerk", "sheet-col-id"),
    col("ontdekt", "sheet-col-discovered"),
    col("begonnen", "sheet-col-started"),
    col("beeindigd", "sheet-col-ended"),
    col("ontdekt_door", "sheet-col-discovered-by"),
    col("hoe_ontdekt", "sheet-col-how-discovered"),
    col("omschrijving", "sheet-col-description"),
    col("aard", "sheet-col-nature"),
    col("categorieen", "sheet-col-categories"),
    col("personen_min", "sheet-col-persons-min"),
    col("personen_max", "sheet-col-persons-max"),
    col("aantal_records", "sheet-col-records"),
    col("versleuteld", "sheet-col-encrypted"),
    col("gevolgen", "sheet-col-consequences"),
    col("risico", "sheet-col-risk"),
    col("maatregelen", "sheet-col-measures"),
    col("ap_melden", "sheet-col-notify-ap"),
    col("reden_besluit", "sheet-col-decision-reason"),
    col("gemeld_bij_ap", "sheet-col-ap-notified"),
    col("meldnummer_ap", "sheet-col-ap-reference"),
    col("reden_te_laat", "sheet-col-late-reason"),
    col("betrokkenen_geinformeerd", "sheet-col-persons-notified"),
    col("aantal_geinformeerd", "sheet-col-persons-notified-count"),
    col("hoe_geinformeerd", "sheet-col-persons-notified-how"),
    col("melden_uiterlijk", "sheet-col-notify-by"),
    col("status", "sheet-col-state"),
];

/// The columns an incident import reads (the computed ones and the id left out).
pub const INCIDENT_IMPORTED: std::ops::Range<usize> = 1..24;

/// The complaints register's columns; the last two are computed, never imported.
pub const COMPLAINT_COLUMNS: [Column; 14] = [
    col("kenmerk", "sheet-col-id"),
    col("ontvangen", "sheet-col-received"),
    col("klager", "sheet-col-complainant"),
    col("client", "sheet-col-client-id"),
    col("over", "sheet-col-about"),
    col("klachtenfunctionaris", "sheet-col-officer"),
    col("verlenging_gemeld", "sheet-col-extension-told"),
    col("reden_verlenging", "sheet-col-extension-reason"),
    col("besloten_op", "sheet-col-decided-on"),
    col("uitkomst", "sheet-col-outcome"),
    col("toelichting", "sheet-col-decision-text"),
    col("geschilleninstantie", "sheet-col-referred"),
    col("ap", "sheet-col-to-ap"),
    col("besluit_uiterlijk", "sheet-col-decide-by"),
];

/// The columns a complaint import reads.
pub const COMPLAINT_IMPORTED: std::ops::Range<usize> = 1..13;

/// The processor register's columns.
pub const PROCESSOR_COLUMNS: [Column; 12] = [
    col("kenmerk", "sheet-col-id"),
    col("verwerker", "sheet-col-processor"),
    col("kvk", "sheet-col-kvk"),
    col("verwerkingen", "sheet-col-processings"),
    col("categorieen", "sheet-col-categories"),
    col("subverwerkers", "sheet-col-subprocessors"),
    col("landen", "sheet-col-countries"),
    col("getekend_op", "sheet-col-signed-on"),
    col("herzien_op", "sheet-col-reviewed-on"),
    col("volgende_herziening", "sheet-col-next-review"),
    col("beeindigd_op", "sheet-col-ended-on"),
    col("beveiliging", "sheet-col-security"),
];

/// The columns a processor import reads (all but the id).
pub const PROCESSOR_IMPORTED: std::ops::Range<usize> = 1..12;

fn header(columns: &[Column], lang: Lang) -> Vec<String> {
    columns.iter().map(|c| t(lang, c.label)).collect()
}

fn ids<T: Copy>(v: &[T], id: impl Fn(T) -> &'static str) -> Cell {
    Cell::text(v.iter().map(|x| id(*x)).collect::<Vec<_>>().join(", "))
}

fn name_of(names: &BTreeMap<String, PersonFacts>, id: &str) -> Cell {
    Cell::text(names.get(id).map(|f| f.name.clone()).unwrap_or_default())
}

/// The processing register (art. 30 AVG), one row per processing, from the adopted reglement.
pub fn processing_sheet(reglement: &Reglement, lang: Lang) -> Sheet {
    let register = ProcessingRegister::from_reglement(reglement, lang);
    let mut header = vec![
        t(lang, "sheet-col-id"),
        t(lang, "sheet-col-name"),
        t(lang, "sheet-col-article"),
    ];
    let mut rows = Vec::new();
    for (i, e) in register.processings.iter().enumerate() {
        let fields = ProcessingRegister::rows(e, lang);
        if i == 0 {
            header.extend(fields.iter().map(|(k, _)| k.clone()));
        }
        let mut row = vec![
            Cell::text(e.id.clone()),
            Cell::text(e.name.clone()),
            Cell::text(e.article.clone()),
        ];
        row.extend(fields.into_iter().map(|(_, v)| Cell::text(v)));
        rows.push(row);
    }
    Sheet {
        name: Register::Verwerkingen.tab(lang),
        header,
        rows,
    }
}

/// The incident register, newest discovery first.
pub fn incident_sheet(incidents: &[super::Incident], lang: Lang) -> Sheet {
    let rows = incidents
        .iter()
        .map(|i| {
            let f = &i.facts;
            let n = &i.notification;
            let state = if i.open() {
                "open"
            } else if n.notify_ap == Some(false) {
                "niet_gemeld"
            } else {
                "gemeld"
            };
            vec![
                Cell::text(i.id.clone()),
                Cell::moment(f.discovered),
                Cell::moment(f.started),
                Cell::moment(f.ended),
                Cell::text(f.discovered_by.clone()),
                Cell::text(f.how_discovered.clone()),
                Cell::text(f.description.clone()),
                ids(&f.nature, |n| n.id()),
                Cell::text(f.categories.join(", ")),
                Cell::count(f.persons_min),
                Cell::count(f.persons_max),
                Cell::count(f.records),
                Cell::YesNo(f.encrypted),
                Cell::text(f.consequences.clone()),
                Cell::text(f.risk.map(|r| r.id().to_owned()).unwrap_or_default()),
                Cell::text(f.measures.clone()),
                Cell::yes_no(n.notify_ap),
                Cell::text(n.decision_reason.clone()),
                Cell::moment(n.ap_notified),
                Cell::text(n.ap_reference.clone()),
                Cell::text(n.late_reason.clone()),
                Cell::moment(n.persons_notified),
                Cell::count(n.persons_notified_count),
                Cell::text(n.persons_notified_how.clone()),
                Cell::Moment(i.clock.deadline()),
                Cell::text(state),
            ]
        })
        .collect();
    Sheet {
        name: Register::Incidenten.tab(lang),
        header: header(&INCIDENT_COLUMNS, lang),
        rows,
    }
}

/// The complaints register, newest receipt first.
pub fn complaint_sheet(complaints: &[super::Complaint], lang: Lang) -> Sheet {
    let rows = complaints
        .iter()
        .map(|c| {
            vec![
                Cell::text(c.id.clone()),
                Cell::Date(c.received),
                Cell::text(c.by.id()),
                Cell::text(c.person.clone().unwrap_or_default()),
                Cell::text(c.about.clone()),
                Cell::YesNo(c.officer_involved),
                Cell::date(c.extension.as_ref().map(|e| e.told)),
                Cell::text(
                    c.extension
                        .as_ref()
                        .map(|e| e.reason.clone())
                        .unwrap_or_default(),
                ),
                Cell::date(c.decision.as_ref().map(|d| d.on)),
                Cell::text(
                    c.decision
                        .as_ref()
                        .map(|d| d.outcome.id().to_owned())
                        .unwrap_or_default(),
                ),
                Cell::text(
                    c.decision
                        .as_ref()
                        .map(|d| d.text.clone())
                        .unwrap_or_default(),
                ),
                Cell::date(c.referred),
                Cell::YesNo(c.to_ap),
                Cell::Date(c.clock.decide_by),
            ]
        })
        .collect();
    Sheet {
        name: Register::Klachten.tab(lang),
        header: header(&COMPLAINT_COLUMNS, lang),
        rows,
    }
}

/// The request register (E14), most urgent first.
pub fn request_sheet(
    requests: &[super::RequestSummary],
    names: &BTreeMap<String, PersonFacts>,
    lang: Lang,
) -> Sheet {
    let head = [
        "sheet-col-id",
        "sheet-col-received",
        "sheet-col-request-type",
        "sheet-col-client-id",
        "sheet-col-client",
        "sheet-col-channel",
        "sheet-col-state",
        "sheet-col-due",
        "sheet-col-overdue",
    ];
    let rows = requests
        .iter()
        .map(|r| {
            vec![
                Cell::text(r.id.clone()),
                Cell::Date(r.received),
                Cell::text(r.request_type.id()),
                Cell::text(r.person_id.clone()),
                name_of(names, &r.person_id),
                Cell::text(r.channel.id()),
                Cell::text(r.status.id()),
                Cell::date(r.due),
                Cell::YesNo(r.overdue),
            ]
        })
        .collect();
    Sheet {
        name: Register::Verzoeken.tab(lang),
        header: head.iter().map(|k| t(lang, k)).collect(),
        rows,
    }
}

/// The disclosure ledger (art. 15 lid 1 sub c, art. 19 AVG), one row per disclosure: what went
/// out, to whom, on which ground, and the notice to the client.
pub fn ledger_sheet(
    reglement: &Reglement,
    disclosures: &[Disclosure],
    names: &BTreeMap<String, PersonFacts>,
    lang: Lang,
) -> Sheet {
    let taxonomy = &reglement.taxonomy;
    let head = [
        "ledger-csv-date",
        "ledger-csv-client-id",
        "ledger-csv-client",
        "ledger-csv-recipient",
        "ledger-csv-kind",
        "ledger-csv-agb",
        "ledger-csv-kvk",
        "ledger-csv-country",
        "ledger-csv-categories",
        "ledger-csv-records",
        "ledger-csv-purpose",
        "ledger-csv-consent",
        "ledger-csv-articles",
        "ledger-csv-by",
        "ledger-csv-role",
        "ledger-csv-notice",
        "ledger-csv-notice-date",
        "ledger-csv-id",
        "ledger-csv-sha256",
    ];
    let rows = disclosures
        .iter()
        .map(|d| {
            let notice = match (&d.notice, d.notice_required) {
                (Some(n), _) => n.outcome.id(),
                (None, true) => "te_doen",
                (None, false) => "niet_nodig",
            };
            let kind = taxonomy
                .recipient(&d.recipient.kind)
                .map_or_else(|| d.recipient.kind.clone(), |r| r.label(lang).to_owned());
            let categories = d
                .categories
                .iter()
                .map(|c| {
                    taxonomy
                        .category(c)
                        .map_or_else(|| c.clone(), |x| x.label(lang).to_owned())
                })
                .collect::<Vec<_>>()
                .join(", ");
            let role = taxonomy
                .role(&d.disclosed_role)
                .map_or_else(|| d.disclosed_role.clone(), |r| r.label(lang).to_owned());
            vec![
                Cell::Date(d.disclosed_on),
                Cell::text(d.person_id.clone()),
                name_of(names, &d.person_id),
                Cell::text(d.recipient.name.clone()),
                Cell::text(kind),
                Cell::text(d.recipient.agb_code.clone().unwrap_or_default()),
                Cell::text(d.recipient.kvk_number.clone().unwrap_or_default()),
                Cell::text(d.recipient.country.clone()),
                Cell::text(categories),
                Cell::Number(d.record_ids.len() as f64),
                Cell::text(d.purpose.clone()),
                Cell::text(t(
                    lang,
                    if d.consent_ids.is_empty() {
                        "ledger-csv-no"
                    } else {
                        "ledger-csv-yes"
                    },
                )),
                Cell::text(d.articles.join("; ")),
                Cell::text(d.disclosed_by.clone()),
                Cell::text(role),
                Cell::text(notice),
                Cell::date(d.notice.as_ref().map(|n| n.on)),
                Cell::text(d.id.clone()),
                Cell::text(d.payload_sha256.clone()),
            ]
        })
        .collect();
    Sheet {
        name: Register::Verstrekkingen.tab(lang),
        header: head.iter().map(|k| t(lang, k)).collect(),
        rows,
    }
}

/// The processor agreements (art. 28 AVG), the reviews due first; the security measures only
/// where the keeper's read opened them.
pub fn processor_sheet(agreements: &[super::ProcessorAgreement], lang: Lang) -> Sheet {
    let rows = agreements
        .iter()
        .map(|a| {
            vec![
                Cell::text(a.id.clone()),
                Cell::text(a.processor.clone()),
                Cell::text(a.kvk.clone().unwrap_or_default()),
                Cell::text(a.processings.join(", ")),
                Cell::text(a.categories.join(", ")),
                Cell::text(a.subprocessors.join(", ")),
                Cell::text(a.countries.join(", ")),
                Cell::Date(a.signed_on),
                Cell::date(a.reviewed_on),
                Cell::Date(a.next_review),
                Cell::date(a.ended_on),
                Cell::text(a.security.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Sheet {
        name: Register::Verwerkers.tab(lang),
        header: header(&PROCESSOR_COLUMNS, lang),
        rows,
    }
}

/// The privacy assets (BG wonen E13): the systems and where each keeps which categories.
pub fn asset_sheet(assets: &[super::PrivacyAsset], lang: Lang) -> Sheet {
    let head = [
        "sheet-col-id",
        "sheet-col-name",
        "sheet-col-kind",
        "sheet-col-categories",
        "sheet-col-country",
        "sheet-col-location",
        "sheet-col-agreement",
        "sheet-col-owner-role",
    ];
    let rows = assets
        .iter()
        .map(|a| {
            vec![
                Cell::text(a.id.clone()),
                Cell::text(a.name.clone()),
                Cell::text(a.kind.clone()),
                Cell::text(a.categories.join(", ")),
                Cell::text(a.country.clone()),
                Cell::text(a.location.clone().unwrap_or_default()),
                Cell::text(a.agreement.clone().unwrap_or_default()),
                Cell::text(a.owner_role.clone()),
            ]
        })
        .collect();
    Sheet {
        name: Register::Middelen.tab(lang),
        header: head.iter().map(|k| t(lang, k)).collect(),
        rows,
    }
}

impl Vault {
    /// The registers of `which` (all where empty) that the caller's role may read, each
    /// through its own logged read; a register the role may not read is left out, not refused.
    pub async fn register_workbook(
        &self,
        actor: &Actor,
        which: &[Register],
        lang: Lang,
    ) -> Result<Vec<Sheet>, VaultError> {
        let which: Vec<Register> = if which.is_empty() {
            Register::ALL.to_vec()
        } else {
            which.to_vec()
        };
        let mut sheets = Vec::new();
        for r in which {
            if r.duty().is_some_and(|d| !self.may(actor, d)) {
                continue;
            }
            sheets.push(self.register_sheet(actor, r, lang).await?);
        }
        Ok(sheets)
    }

    /// One register as a sheet (refused when the caller's role may not read it).
    pub async fn register_sheet(
        &self,
        actor: &Actor,
        register: Register,
        lang: Lang,
    ) -> Result<Sheet, VaultError> {
        let reglement = &self.inner.reglement;
        Ok(match register {
            Register::Verwerkingen => processing_sheet(reglement, lang),
            Register::Incidenten => incident_sheet(&self.incidents(actor).await?, lang),
            Register::Klachten => complaint_sheet(&self.complaints(actor).await?, lang),
            Register::Verzoeken => {
                let filter = RequestFilter::default();
                let list = self.list_requests(actor, filter).await?;
                let persons: Vec<String> = list.iter().map(|r| r.person_id.clone()).collect();
                let names = self.names_of(actor, &persons, "verzoek-register").await?;
                request_sheet(&list, &names, lang)
            }
            Register::Verstrekkingen => {
                let ledger = self.disclosures(actor, None).await?;
                let persons: Vec<String> = ledger.iter().map(|d| d.person_id.clone()).collect();
                let names = self.names_of(actor, &persons, "verstrekkingen").await?;
                ledger_sheet(reglement, &ledger, &names, lang)
            }
            Register::Verwerkers => processor_sheet(&self.processors(actor).await?, lang),
            Register::Middelen => asset_sheet(&self.assets(actor).await?, lang),
        })
    }
}
