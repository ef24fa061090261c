//! The consent tab of the dossier (issue 14 part 6): the person's consents with their history
//! (form, scope, valid from and until, who gave it, the evidence, the withdrawal), a form to
//! record one with its evidence, and a button to withdraw one. Decided and logged as the
//! vault's consent room does (a write of the identification category to record or withdraw,
//! a read to list); bad input is shown on the page, naming the field, and records nothing.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::decide::ConsentScope;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{ConsentGiven, Ground, Requester};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{ConsentEvidence, ConsentRecord, NewConsent, VaultError};

use super::layout::{category_label, page};
use crate::{AppError, AppState, Caller};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// The path of a person's consent tab.
pub(crate) fn path(person: &str) -> String {
    format!("/clienten/{person}/toestemmingen")
}

/// The tabs above a person's dossier: the dossier itself and its consents.
pub(crate) fn tabs(lang: Lang, person: &str, current: &str) -> Markup {
    let items = [
        ("dossier", format!("/clienten/{person}"), "dossier"),
        ("toestemmingen", path(person), "consent-tab"),
    ];
    html! {
        nav.tabs aria-label=(t(lang, "dossier-tabs")) {
            ul {
                @for (id, href, label) in &items {
                    li {
                        @if *id == current {
                            a href=(href) aria-current="page" { (t(lang, label)) }
                        } @else {
                            a href=(href) { (t(lang, label)) }
                        }
                    }
                }
            }
        }
    }
}

/// What was typed, to show again with an error.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct GiveForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    vorm: String,
    #[serde(default)]
    gegeven_door: String,
    #[serde(default)]
    gegeven_op: String,
    /// The second who consents (the minor of 12 up to 16 beside a parent, or the other way).
    #[serde(default)]
    ook_door: String,
    /// A representative who is no registered person: the name the organisation knows.
    #[serde(default)]
    vertegenwoordiger: String,
    /// The subject's legal status, or that he cannot weigh his interests.
    #[serde(default)]
    grond: String,
    /// `ja`: the written authorisation of a proxy is there.
    #[serde(default)]
    machtiging: String,
    /// The subject's birth date where none is registered.
    #[serde(default)]
    geboren: String,
    #[serde(default)]
    verwerking: String,
    #[serde(default)]
    ontvanger: String,
    #[serde(default)]
    categorieen: Vec<String>,
    #[serde(default)]
    doel: String,
    #[serde(default)]
    geldig_van: String,
    #[serde(default)]
    geldig_tot: String,
    #[serde(default)]
    tekst: String,
    #[serde(default)]
    tekst_versie: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    document_sha256: String,
}

fn scope_text(s: &AppState, scope: &ConsentScope, lang: Lang) -> String {
    let taxonomy = &s.vault.reglement().taxonomy;
    let mut parts = Vec::new();
    if let Some(p) = &scope.processing {
        let name = s
            .vault
            .reglement()
            .file
            .processings
            .iter()
            .map(|x| x.get_ref())
            .find(|x| x.id.get_ref() == p)
            .map_or_else(|| p.clone(), |x| x.name.clone());
        parts.push(name);
    }
    if let Some(r) = &scope.recipient {
        parts.push(
            taxonomy
                .recipient(r)
                .map_or_else(|| r.clone(), |t| t.label(lang).to_owned()),
        );
    }
    if let Some(p) = &scope.purpose {
        parts.push(format!("“{p}”"));
    }
    parts.join(" · ")
}

fn history(s: &AppState, caller: &Caller, list: &[ConsentRecord]) -> Markup {
    let lang = caller.lang;
    let taxonomy = &s.vault.reglement().taxonomy;
    let day = today();
    html! {
        @if list.is_empty() {
            p.empty { (t(lang, "consent-none")) }
        } @else {
            table.consents {
                caption.sub { (t(lang, "consent-history-caption")) }
                thead { tr {
                    th scope="col" { (t(lang, "consent-col-scope")) }
                    th scope="col" { (t(lang, "consent-col-form")) }
                    th scope="col" { (t(lang, "consent-col-period")) }
                    th scope="col" { (t(lang, "consent-col-given-by")) }
                    th scope="col" { (t(lang, "consent-col-evidence")) }
                    th scope="col" { (t(lang, "consent-col-status")) }
                } }
                tbody {
                    @for c in list {
                        tr data-consent=(c.id) {
                            td {
                                (scope_text(s, &c.scope, lang)) br;
                                span.meta { (c.scope.categories.iter().map(|k| category_label(taxonomy, k, lang)).collect::<Vec<_>>().join(", ")) }
                            }
                            td { (c.form.label(lang)) }
                            td {
                                (t!(lang, "consent-valid-from", date = &format_date(c.valid_from, lang)))
                                br;
                                @match c.valid_until {
                                    Some(u) if u == c.valid_from => { (t(lang, "consent-one-day")) }
                                    Some(u) => { (t!(lang, "consent-valid-until", date = &format_date(u, lang))) }
                                    None => { (t(lang, "consent-until-withdrawn")) }
                                }
                            }
                            td {
                                (c.given_by.label(lang))
                                @if let Some(also) = c.also_by { " + " (also.label(lang)) }
                                @if let Some(n) = &c.representative_name { br; span.meta { (t!(lang, "consent-representative-is", name = n.as_str())) } }
                                @if let Some(g) = c.ground { br; span.meta { (t!(lang, "consent-ground-is", ground = g.label(lang))) } }
                                @if c.authorisation { br; span.meta { (t(lang, "consent-authorisation-given")) } }
                                br; span.meta { (t!(lang, "consent-given-on", date = &format_date(c.given_on, lang))) }
                            }
                            td {
                                @if let Some(v) = &c.evidence.text_version {
                                    (t!(lang, "consent-evidence-text", version = v.as_str()))
                                    @if let Some(text) = &c.evidence.text { details { summary { (t(lang, "consent-evidence-show")) } p.text { (text) } } }
                                }
                                @if let Some(d) = &c.evidence.document {
                                    (t!(lang, "consent-evidence-document", document = d.as_str()))
                                    @if let Some(h) = &c.evidence.document_sha256 { br; code { "SHA-256 " (h) } }
                                }
                            }
                            td {
                                @if let Some(w) = &c.withdrawal {
                                    strong { (t!(lang, "consent-withdrawn-on", date = &format_date(w.withdrawn_on, lang))) }
                                    br; span.meta { (w.withdrawn_by.label(lang)) " · " (w.recorded_by) }
                                } @else if c.live_on(day) {
                                    (t(lang, "consent-in-force"))
                                    form.inline method="post" action={ "/toestemmingen/" (c.id) "/intrekken" } {
                                        input type="hidden" name="csrf" value=(caller.csrf());
                                        button type="submit" { (t(lang, "consent-withdraw")) }
                                    }
                                } @else if c.valid_from > day {
                                    (t(lang, "consent-not-yet"))
                                } @else {
                                    (t(lang, "consent-expired"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn give_form(s: &AppState, caller: &Caller, person: &str, typed: &GiveForm) -> Markup {
    let lang = caller.lang;
    let reglement = s.vault.reglement();
    let taxonomy = &reglement.taxonomy;
    let mut categories: Vec<(String, String)> = taxonomy
        .categories
        .iter()
        .map(|c| (c.id.clone(), c.label(lang).to_owned()))
        .collect();
    categories.sort_by(|a, b| a.1.cmp(&b.1));
    let mut recipients: Vec<(String, String)> = taxonomy
        .recipients
        .iter()
        .map(|r| (r.id.clone(), r.label(lang).to_owned()))
        .collect();
    recipients.sort_by(|a, b| a.1.cmp(&b.1));
    let processings: Vec<(String, String)> = reglement
        .file
        .processings
        .iter()
        .map(|p| {
            let p = p.get_ref();
            (p.id.get_ref().clone(), p.name.clone())
        })
        .collect();
    let day = today().to_string();
    let or_today = |v: &str| {
        if v.is_empty() {
            day.clone()
        } else {
            v.to_owned()
        }
    };
    html! {
        section.panel aria-labelledby="consent-give-title" {
            h2 id="consent-give-title" { (t(lang, "consent-give-title")) }
            form method="post" action=(path(person)) {
                input type="hidden" name="csrf" value=(caller.csrf());
                label for="toestemming-vorm" { (t(lang, "consent-form-label")) }
                select id="toestemming-vorm" name="vorm" {
                    @for f in ConsentGiven::ALL {
                        option value=(f.id()) selected[typed.vorm == f.id()] { (f.label(lang)) }
                    }
                }
                label for="toestemming-door" { (t(lang, "consent-given-by-label")) }
                select id="toestemming-door" name="gegeven_door" {
                    @for r in [Requester::Betrokkene, Requester::Ouder, Requester::Voogd, Requester::Curator, Requester::Mentor, Requester::Gemachtigde] {
                        option value=(r.id()) selected[typed.gegeven_door == r.id()] { (r.label(lang)) }
                    }
                }
                label for="toestemming-op" { (t(lang, "consent-given-on-label")) }
                input type="date" id="toestemming-op" name="gegeven_op" value=(or_today(&typed.gegeven_op)) required;
                (representation_fieldset(lang, typed))
                fieldset {
                    legend { (t(lang, "consent-scope-legend")) }
                    label for="toestemming-verwerking" { (t(lang, "consent-processing-label")) }
                    select id="toestemming-verwerking" name="verwerking" {
                        option value="" { (t(lang, "consent-none-chosen")) }
                        @for (id, name) in &processings { option value=(id) selected[typed.verwerking == *id] { (name) } }
                    }
                    label for="toestemming-ontvanger" { (t(lang, "consent-recipient-label")) }
                    select id="toestemming-ontvanger" name="ontvanger" {
                        option value="" { (t(lang, "consent-none-chosen")) }
                        @for (id, name) in &recipients { option value=(id) selected[typed.ontvanger == *id] { (name) } }
                    }
                    label for="toestemming-categorieen" { (t(lang, "consent-categories-label")) }
                    select id="toestemming-categorieen" name="categorieen" multiple size="6" required {
                        @for (id, name) in &categories { option value=(id) selected[typed.categorieen.contains(id)] { (name) } }
                    }
                    label for="toestemming-doel" { (t(lang, "consent-purpose-label")) }
                    input type="text" id="toestemming-doel" name="doel" value=(typed.doel) pattern="[a-z0-9 _\\-]{1,60}";
                }
                fieldset {
                    legend { (t(lang, "consent-period-legend")) }
                    label for="toestemming-van" { (t(lang, "consent-from-label")) }
                    input type="date" id="toestemming-van" name="geldig_van" value=(typed.geldig_van);
                    label for="toestemming-tot" { (t(lang, "consent-until-label")) }
                    input type="date" id="toestemming-tot" name="geldig_tot" value=(typed.geldig_tot);
                }
                fieldset {
                    legend { (t(lang, "consent-evidence-legend")) }
                    label for="toestemming-tekst" { (t(lang, "consent-text-label")) }
                    textarea id="toestemming-tekst" name="tekst" rows="3" { (typed.tekst) }
                    label for="toestemming-versie" { (t(lang, "consent-text-version-label")) }
                    input type="text" id="toestemming-versie" name="tekst_versie" value=(typed.tekst_versie);
                    label for="toestemming-document" { (t(lang, "consent-document-label")) }
                    input type="text" id="toestemming-document" name="document" value=(typed.document);
                    label for="toestemming-hash" { (t(lang, "consent-sha256-label")) }
                    input type="text" id="toestemming-hash" name="document_sha256" value=(typed.document_sha256) inputmode="latin";
                }
                button.primary type="submit" { (t(lang, "consent-give-button")) }
            }
        }
    }
}

/// Who consented on the client's behalf, or beside him: the second consenter (the minor of 12
/// up to 16 and a parent both), the representative's name, his ground, a proxy's written
/// authorisation, and the birth date where none is registered. The vault checks it.
fn representation_fieldset(lang: Lang, typed: &GiveForm) -> Markup {
    html! {
        fieldset data-fieldset="namens" {
            legend { (t(lang, "consent-on-behalf-legend")) }
            p.meta id="namens-uitleg" { (t(lang, "consent-on-behalf-explained")) }
            label for="toestemming-ook" { (t(lang, "consent-also-by-label")) }
            select id="toestemming-ook" name="ook_door" aria-describedby="namens-uitleg" {
                option value="" { (t(lang, "consent-none-chosen")) }
                @for r in [Requester::Betrokkene, Requester::Ouder, Requester::Voogd] {
                    option value=(r.id()) selected[typed.ook_door == r.id()] { (r.label(lang)) }
                }
            }
            label for="toestemming-vertegenwoordiger" { (t(lang, "consent-representative-label")) }
            input type="text" id="toestemming-vertegenwoordiger" name="vertegenwoordiger" value=(typed.vertegenwoordiger) maxlength="200" autocomplete="off";
            label for="toestemming-grond" { (t(lang, "consent-ground-label")) }
            select id="toestemming-grond" name="grond" {
                option value="" { (t(lang, "consent-none-chosen")) }
                @for g in [Ground::Curatele, Ground::Mentorschap, Ground::Wilsonbekwaam] {
                    option value=(g.id()) selected[typed.grond == g.id()] { (g.label(lang)) }
                }
            }
            label.choice {
                input type="checkbox" id="toestemming-machtiging" name="machtiging" value="ja" checked[typed.machtiging == "ja"];
                " " (t(lang, "consent-authorisation-label"))
            }
            label for="toestemming-geboren" { (t(lang, "consent-born-label")) }
            input type="date" id="toestemming-geboren" name="geboren" value=(typed.geboren);
        }
    }
}

async fn render(
    s: &AppState,
    caller: &Caller,
    person: &str,
    typed: &GiveForm,
    error: Option<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let list = s.vault.consents(&caller.actor, person).await?;
    let body = html! {
        (tabs(lang, person, "toestemmingen"))
        p.sub { (t(lang, "consent-explained")) }
        @if let Some(e) = &error { p.error role="alert" { (e) } }
        (history(s, caller, &list))
        (give_form(s, caller, person, typed))
    };
    Ok(page(&s.vault, caller, &t(lang, "consent-title"), body))
}

/// The consent tab: the history and the form.
pub(crate) async fn consents_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
) -> Result<Markup, AppError> {
    s.vault.check_person_known(&person).await?;
    render(&s, &caller, &person, &GiveForm::default(), None).await
}

fn form_date(field: &'static str, value: &str) -> Result<Option<Date>, (&'static str, String)> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| (field, "YYYY-MM-DD".to_owned()))
}

fn opt(v: &str) -> Option<String> {
    Some(v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn new_consent(person: &str, f: &GiveForm) -> Result<NewConsent, (&'static str, String)> {
    let form =
        ConsentGiven::from_id(&f.vorm).ok_or_else(|| ("form", ConsentGiven::ids().join(", ")))?;
    let given_by = match f.gegeven_door.trim() {
        "" => Requester::Betrokkene,
        r => Requester::from_id(r).ok_or_else(|| ("given_by", Requester::ids().join(", ")))?,
    };
    let given_on = form_date("given_on", &f.gegeven_op)?.unwrap_or_else(today);
    let also_by = match f.ook_door.trim() {
        "" => None,
        r => Some(Requester::from_id(r).ok_or_else(|| ("also_by", Requester::ids().join(", ")))?),
    };
    let ground = match f.grond.trim() {
        "" => None,
        g => Some(Ground::from_id(g).ok_or_else(|| ("ground", Ground::ids().join(", ")))?),
    };
    Ok(NewConsent {
        person: person.to_owned(),
        given_by,
        also_by,
        representative_person: None,
        representative_name: opt(&f.vertegenwoordiger),
        ground,
        authorisation: f.machtiging == "ja",
        subject_born: form_date("subject_born", &f.geboren)?,
        form,
        given_on,
        scope: ConsentScope {
            processing: opt(&f.verwerking),
            recipient: opt(&f.ontvanger),
            categories: f
                .categorieen
                .iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
            purpose: opt(&f.doel),
        },
        valid_from: form_date("valid_from", &f.geldig_van)?.unwrap_or(given_on),
        valid_until: form_date("valid_until", &f.geldig_tot)?,
        evidence: ConsentEvidence {
            text: opt(&f.tekst),
            text_version: opt(&f.tekst_versie),
            document: opt(&f.document),
            document_sha256: opt(&f.document_sha256),
        },
    })
}

/// The field's label on the form, for an error message.
fn field_label(lang: Lang, field: &str) -> String {
    let key = match field {
        "form" => "consent-form-label",
        "given_by" => "consent-given-by-label",
        "also_by" => "consent-also-by-label",
        "ground" => "consent-ground-label",
        "authorisation" => "consent-authorisation-label",
        "representative_name" | "representative_person" => "consent-representative-label",
        "subject_born" => "consent-born-label",
        "given_on" => "consent-given-on-label",
        "processing" => "consent-processing-label",
        "recipient" => "consent-recipient-label",
        "categories" => "consent-categories-label",
        "purpose" => "consent-purpose-label",
        "valid_from" => "consent-from-label",
        "valid_until" => "consent-until-label",
        "evidence_text" => "consent-text-label",
        "evidence_version" => "consent-text-version-label",
        "evidence_document" => "consent-document-label",
        "evidence_sha256" => "consent-sha256-label",
        "scope" => "consent-scope-legend",
        _ => "consent-evidence-legend",
    };
    t(lang, key)
}

/// Records a consent from the form; bad input is shown on the tab, naming the field.
pub(crate) async fn give(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<GiveForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault.check_person_known(&person).await?;
    let lang = caller.lang;
    let refuse = |field: &str, message: String| {
        t!(
            lang,
            "consent-error",
            field = &field_label(lang, field),
            name = field,
            message = &message
        )
    };
    let error = match new_consent(&person, &form) {
        Err((field, message)) => refuse(field, message),
        Ok(new) => match s.vault.give_consent(&caller.actor, &new, lang).await {
            Ok(_) => return Ok(Redirect::to(&path(&person)).into_response()),
            Err(VaultError::Invalid { field, message }) => refuse(field, message),
            Err(other) => return Err(other.into()),
        },
    };
    let markup = render(&s, &caller, &person, &form, Some(error)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, markup).into_response())
}

#[derive(Deserialize)]
pub(crate) struct WithdrawForm {
    #[serde(default)]
    csrf: String,
}

/// Withdraws a consent from today (by the subject); the record stays, the withdrawal beside it.
pub(crate) async fn withdraw(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault.check_consent_known(&id).await?;
    let person = s
        .vault
        .withdraw_consent(&caller.actor, &id, Requester::Betrokkene, None)
        .await?;
    Ok(Redirect::to(&path(&person)).into_response())
}
