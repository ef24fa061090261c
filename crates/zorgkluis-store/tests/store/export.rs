//! Carrying out inzage, afschrift and inzage in de logging (issue 13 parts 1, 8, 9): the export
//! of a decided request holds the records and what art. 15 lid 1 AVG asks beside them; an entry
//! about another person is withheld with its reason and without its content; every read is in
//! the audit log with the request as its purpose and object; an undecided or unreleased request
//! is not carried out; the access overview names roles, never user ids.

use jiff::civil::Date;
use zorgkluis_core::Lang;
use zorgkluis_core::vocabulary::{Channel, Fee, RequestOutcome, RequestStatus, RequestType};
use zorgkluis_store::audit::AuditAction;
use zorgkluis_store::vault::{
    Actor, NewPerson, NewRequest, PersonFacts, RequestDetails, RequesterFacts, SubjectExport,
    Vault, VaultError,
};
use zorgkluis_testkit::{Backend, STAFF, actor, add_staff, all_bytes, contains};

use crate::access_path::event_count;

pub(crate) fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

pub(crate) fn handler() -> Actor {
    actor("dir-1", "directie")
}

pub(crate) fn caregiver() -> Actor {
    actor("zorg-1", "zorgverlener")
}

/// A client in zorg-1's care team, with a health record (corrected once), a report, and a
/// financial record that the directie may not export (BG wonen: clientadministratie).
pub(crate) async fn client_with_dossier(vault: &Vault) -> String {
    add_staff(vault, STAFF).await;
    let admin = actor("admin-1", "administratie");
    let person = vault
        .register_person(
            &admin,
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: "Synthetische Proefcliënt".into(),
                    birth_date: Some(jiff::civil::date(1950, 3, 2)),
                    client_number: Some("C-4711".into()),
                }),
            },
            "intake",
        )
        .await
        .unwrap();
    vault
        .assign_care(
            &admin,
            "zorg-1",
            &person,
            jiff::civil::date(2020, 1, 1),
            None,
        )
        .await
        .unwrap();
    let health = vault
        .add_record(
            &caregiver(),
            &person,
            "gezondheid",
            "Diabetes type 2, metformine",
            "zorgverlening",
        )
        .await
        .unwrap();
    vault
        .correct_record(
            &caregiver(),
            &health,
            "Diabetes type 2, metformine 500 mg",
            "correctie",
        )
        .await
        .unwrap();
    vault
        .add_record(
            &caregiver(),
            &person,
            "rapportage",
            "Rustige week, goed gegeten",
            "zorgverlening",
        )
        .await
        .unwrap();
    vault
        .add_record(
            &admin,
            &person,
            "financieel",
            "Eigen bijdrage CAK",
            "administratie",
        )
        .await
        .unwrap();
    person
}

fn new_request(person: &str, request: RequestType, channel: Channel) -> NewRequest {
    NewRequest {
        person: person.to_owned(),
        request,
        channel,
        received: today(),
        requester: RequesterFacts::default(),
        details: RequestDetails::default(),
    }
}

/// Files and decides a request of the subject (identity established first, BG wonen 4.4).
pub(crate) async fn decided(
    vault: &Vault,
    person: &str,
    request: RequestType,
    outcome: RequestOutcome,
    grounds: &[&str],
) -> String {
    decided_via(
        vault,
        person,
        request,
        outcome,
        grounds,
        Channel::Schriftelijk,
    )
    .await
}

/// [`decided`], for a request that came in by `channel`.
pub(crate) async fn decided_via(
    vault: &Vault,
    person: &str,
    request: RequestType,
    outcome: RequestOutcome,
    grounds: &[&str],
    channel: Channel,
) -> String {
    let filed = vault
        .file_request(&handler(), &new_request(person, request, channel), Lang::Nl)
        .await
        .unwrap();
    vault
        .advance_request(
            &handler(),
            &filed.id,
            RequestStatus::IdentiteitVastgesteld,
            today(),
            Lang::Nl,
        )
        .await
        .unwrap();
    let grounds: Vec<String> = grounds.iter().map(|g| (*g).to_owned()).collect();
    vault
        .decide_request(&handler(), &filed.id, outcome, &grounds, today(), Lang::Nl)
        .await
        .unwrap();
    filed.id
}

fn json(export: &SubjectExport) -> String {
    serde_json::to_string(export).unwrap()
}

zorgkluis_testkit::on_both_backends! {
    /// A granted inzage: the identification facts, every record with its history, what the
    /// reglement does not let the handler export named with the reason, and beside it the
    /// purposes, categories, recipients, retention, sources, rights, where to complain, the
    /// fee and the access overview. Every category read is an export logged with the request
    /// as its purpose and object.
    async fn a_granted_inzage_holds_the_records_and_the_art_15_information(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        let id = decided(&vault, &person, RequestType::Inzage, RequestOutcome::Toegewezen, &[]).await;
        let export = vault.subject_export(&handler(), &id, Lang::Nl).await.unwrap();
        assert_eq!(export.format, "zorgkluis-export/1");
        assert_eq!(export.subject.facts.as_ref().unwrap().name, "Synthetische Proefcliënt");
        let ids: Vec<&str> = export.categories.iter().map(|c| c.category.as_str()).collect();
        // The identification facts head the export (`subject`); the records follow in the
        // taxonomy's order.
        assert_eq!(ids, ["gezondheid", "rapportage"]);
        assert_eq!(export.subject.facts.as_ref().unwrap().client_number.as_deref(), Some("C-4711"));
        let health = &export.categories[0];
        assert!(health.special);
        assert_eq!(health.entries.len(), 1, "the correction is a version of the same entry");
        let entry = &health.entries[0];
        assert_eq!(entry.current.text, "Diabetes type 2, metformine 500 mg");
        assert_eq!(entry.current.kind, "correction");
        assert_eq!(entry.earlier.len(), 1);
        assert_eq!(entry.earlier[0].text, "Diabetes type 2, metformine");
        // BG wonen gives the directie export of the care categories (4.7), not of the
        // financial administration: named, with the reglement's reason, its content not there.
        assert_eq!(export.not_included.len(), 1, "{:?}", export.not_included);
        assert_eq!(export.not_included[0].category, "financieel");
        assert!(!json(&export).contains("Eigen bijdrage"));
        // Art. 15 lid 1 AVG beside the data.
        let info = export.information.as_ref().unwrap();
        let processings: Vec<&str> = info.processings.iter().map(|p| p.id.as_str()).collect();
        assert!(processings.contains(&"zorgverlening") && processings.contains(&"clientadministratie"), "{processings:?}");
        let care = info.processings.iter().find(|p| p.id == "zorgverlening").unwrap();
        assert!(!care.purpose.is_empty() && !care.sources.is_empty() && !care.legal_basis.is_empty());
        assert!(care.recipients.iter().any(|r| r.id == "inspectie"));
        let retention = info.retention.iter().find(|r| r.category == "gezondheid").unwrap();
        let in_20_years = today().checked_add(jiff::Span::new().years(20)).unwrap();
        assert_eq!(retention.retain_until, Some(in_20_years), "20 years from the last change (3.4, WGBO)");
        assert!(export.rights.iter().any(|r| r.request_type == RequestType::Verwijdering
            && r.articles.iter().any(|a| a == "AVG art. 17")));
        assert!(export.complaints.authority.contains("Autoriteit Persoonsgegevens"));
        let fee = export.fee.as_ref().unwrap();
        assert!(fee.first_copy);
        assert_eq!(fee.fee, Some(Fee::Geen));
        // The reads of the export: one per category, an export decided for the directie, with
        // the request as object; and the read of the access overview.
        let events = vault.audit_for_person(&actor("fg-1", "fg"), &person).await.unwrap();
        let exports: Vec<_> = events
            .iter()
            .filter(|e| e.action == AuditAction::Export && e.object.as_deref() == Some(id.as_str()))
            .collect();
        let mut categories: Vec<&str> = exports.iter().filter_map(|e| e.category.as_deref()).collect();
        categories.sort_unstable();
        assert_eq!(categories, ["financieel", "gezondheid", "naw", "rapportage"]);
        assert!(exports.iter().all(|e| e.purpose == "verzoek-inzage" && e.role == "directie"));
        assert!(exports.iter().any(|e| e.category.as_deref() == Some("financieel")
            && e.outcome == zorgkluis_store::audit::Outcome::Denied));
        assert!(events.iter().any(|e| e.action == AuditAction::ReadAudit
            && e.object.as_deref() == Some(id.as_str()) && e.purpose == "verzoek-inzage"));
        // The overview names the caregiver's role and the organisation, never the account.
        assert!(export.access_log.iter().any(|a| a.role_label == "Zorgverlener"
            && a.organisation == "BG wonen" && a.action == AuditAction::Write));
        let log = serde_json::to_string(&export.access_log).unwrap();
        for user in ["zorg-1", "admin-1", "dir-1"] {
            assert!(!log.contains(user), "{user} in the overview: {log}");
        }
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{:?}", report.findings);
        vault.close().await;
    }

    /// An entry about a family member: withheld, on the decision's ground, with the reason;
    /// the export names it but not its content, the reason is sealed; released and carried
    /// out, the request is executed today. A further copy is no longer free (BG wonen 4.6).
    async fn an_entry_about_a_family_member_is_withheld_with_its_reason(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        let about_sister = vault
            .add_record(
                &caregiver(),
                &person,
                "rapportage",
                "Zus Proefmans vertelde over haar eigen schulden",
                "zorgverlening",
            )
            .await
            .unwrap();
        // Granted in full, nothing may be withheld: that is a partial refusal.
        let full = decided(&vault, &person, RequestType::Afschrift, RequestOutcome::Toegewezen, &[]).await;
        let e = vault
            .withhold_export_entry(&handler(), &full, &about_sister, None, "gaat over de zus", Lang::Nl)
            .await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "outcome", .. })), "{e:?}");
        vault.withdraw_request(&handler(), &full, Lang::Nl).await.ok();
        let id = decided(
            &vault,
            &person,
            RequestType::Afschrift,
            RequestOutcome::DeelsToegewezen,
            &["rechten_van_anderen"],
        )
        .await;
        let before = event_count(&vault).await;
        let e = vault
            .withhold_export_entry(&handler(), &id, &about_sister, None, "  ", Lang::Nl)
            .await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "reason", .. })), "{e:?}");
        let e = vault
            .withhold_export_entry(&handler(), &id, "no-such-record", None, "x", Lang::Nl)
            .await;
        assert!(matches!(e, Err(VaultError::NotFound(_))), "{e:?}");
        assert_eq!(event_count(&vault).await, before, "bad input changes nothing");
        vault
            .withhold_export_entry(
                &handler(),
                &id,
                &about_sister,
                None,
                "Betreft de schulden van de zus van cliënt",
                Lang::Nl,
            )
            .await
            .unwrap();
        let export = vault.subject_export(&handler(), &id, Lang::Nl).await.unwrap();
        let reports = export.categories.iter().find(|c| c.category == "rapportage").unwrap();
        assert_eq!(reports.entries.len(), 1, "the other report goes out");
        assert_eq!(reports.withheld.len(), 1);
        let w = &reports.withheld[0];
        assert_eq!(w.id, about_sister);
        assert_eq!(w.reason, "Betreft de schulden van de zus van cliënt");
        assert_eq!(w.ground.id, "rechten_van_anderen");
        assert!(w.ground.articles.iter().any(|a| a == "AVG art. 15 lid 4"), "{:?}", w.ground);
        let text = json(&export);
        assert!(!text.contains("Proefmans"), "the withheld content is not in the export");
        vault.checkpoint_now().await.unwrap();
        if store.backend == Backend::Sqlite {
            assert!(!contains(&all_bytes(store.dir.path()), "schulden van de zus"), "the reason is sealed");
        }
        // Not released: not carried out, and nothing delivered.
        let mut delivered = false;
        let e = vault
            .execute_export(&handler(), &id, Lang::Nl, |_| {
                delivered = true;
                Ok(())
            })
            .await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "release", .. })), "{e:?}");
        assert!(!delivered);
        vault.release_export(&handler(), &id, Lang::Nl).await.unwrap();
        let (done, json_out) = vault
            .execute_export(&handler(), &id, Lang::Nl, |x| Ok(json(x)))
            .await
            .unwrap();
        assert_eq!(done.release.executed_on, Some(today()));
        assert!(json_out.contains("Rustige week") && !json_out.contains("Proefmans"));
        let shown = vault.request(&handler(), &id).await.unwrap();
        assert_eq!(shown.status, RequestStatus::Uitgevoerd);
        assert_eq!(shown.executed_on, Some(today()));
        let steps: Vec<&str> = shown
            .timeline
            .iter()
            .filter(|e| e.action == AuditAction::RequestChange)
            .map(|e| e.step.as_str())
            .collect();
        assert_eq!(
            steps,
            ["verzoek-identiteit-vastgesteld", "verzoek-besloten", "verzoek-achtergehouden", "verzoek-vrijgegeven", "verzoek-uitgevoerd"]
        );
        // Once carried out, not again.
        let again = vault.execute_export(&handler(), &id, Lang::Nl, |_| Ok(())).await;
        assert!(matches!(again, Err(VaultError::Invalid { field: "status", .. })), "{again:?}");
        // A further copy: the reglement's fee (BG wonen 4.6: a reasonable fee).
        let next = decided(&vault, &person, RequestType::Afschrift, RequestOutcome::Toegewezen, &[]).await;
        let export = vault.subject_export(&handler(), &next, Lang::Nl).await.unwrap();
        let fee = export.fee.unwrap();
        assert!(!fee.first_copy);
        assert_eq!(fee.fee, Some(Fee::Redelijk));
        assert!(fee.articles.iter().any(|a| a == "4.6"), "{:?}", fee.articles);
        vault.close().await;
    }

    /// An undecided request, one refused, one of a type this room does not carry out, and an
    /// inzage marked carried out by hand: each refused naming why, and nothing logged but the
    /// handler's own reads.
    async fn an_undecided_request_cannot_be_executed(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        let filed = vault
            .file_request(&handler(), &new_request(&person, RequestType::Inzage, Channel::Schriftelijk), Lang::Nl)
            .await
            .unwrap();
        let before = event_count(&vault).await;
        for e in [
            vault.subject_export(&handler(), &filed.id, Lang::Nl).await.err(),
            vault.release_export(&handler(), &filed.id, Lang::Nl).await.err(),
            vault.execute_export(&handler(), &filed.id, Lang::Nl, |_| Ok(())).await.err(),
        ] {
            match e {
                Some(VaultError::Invalid { field: "status", message }) => {
                    assert!(message.contains("niet besloten"), "{message}");
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(event_count(&vault).await, before, "nothing was read or written");
        // A request of another type names its type.
        let correction = decided(&vault, &person, RequestType::Correctie, RequestOutcome::Toegewezen, &[]).await;
        match vault.execute_export(&handler(), &correction, Lang::Nl, |_| Ok(())).await {
            Err(VaultError::Invalid { field: "type", message }) => assert!(message.contains("correctie"), "{message}"),
            other => panic!("{other:?}"),
        }
        // A decided inzage is carried out by its export, not by marking it.
        let id = decided(&vault, &person, RequestType::Inzage, RequestOutcome::Toegewezen, &[]).await;
        let e = vault
            .advance_request(&handler(), &id, RequestStatus::Uitgevoerd, today(), Lang::Nl)
            .await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "status", .. })), "{e:?}");
        // A caregiver handles no requests: the export is denied, and the denial logged.
        let before = event_count(&vault).await;
        let e = vault.subject_export(&caregiver(), &id, Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Denied(_))), "{e:?}");
        assert_eq!(event_count(&vault).await, before + 1);
        vault.close().await;
    }

    /// Inzage in de logging: the overview of who accessed the file, when and why, by role and
    /// organisation, with the rights; no records.
    async fn inzage_logging_lists_accesses_by_role_not_user(store) {
        let vault = store.open().await;
        let person = client_with_dossier(&vault).await;
        vault
            .read_category(&caregiver(), &person, "gezondheid", "zorgverlening", None)
            .await
            .unwrap();
        let id = decided(&vault, &person, RequestType::InzageLogging, RequestOutcome::Toegewezen, &[]).await;
        let export = vault.subject_export(&handler(), &id, Lang::Nl).await.unwrap();
        assert!(export.categories.is_empty() && export.information.is_none() && export.fee.is_none());
        assert_eq!(export.subject.facts.as_ref().unwrap().name, "Synthetische Proefcliënt");
        assert!(export.rights.iter().any(|r| r.request_type == RequestType::InzageLogging
            && r.articles.first().map(String::as_str) == Some("art. 15e Wabvpz")));
        let read = export
            .access_log
            .iter()
            .find(|a| a.action == AuditAction::Read && a.category.as_deref() == Some("gezondheid"))
            .expect("the caregiver's read");
        assert_eq!(read.role, "zorgverlener");
        assert_eq!(read.role_label, "Zorgverlener");
        assert_eq!(read.purpose, "zorgverlening");
        assert_eq!(read.category_label.as_deref(), Some("Gezondheidsgegevens (medisch dossier)"));
        assert!(export.access_log.iter().any(|a| a.role_label == "Administratie en secretariaat"
            && a.action == AuditAction::Register));
        let text = json(&export);
        for user in ["zorg-1", "admin-1", "dir-1"] {
            assert!(!text.contains(&format!("\"{user}\"")), "{user} in the export");
        }
        assert!(!text.contains("metformine"), "no records in the log overview");
        vault.release_export(&handler(), &id, Lang::Nl).await.unwrap();
        vault.execute_export(&handler(), &id, Lang::Nl, |_| Ok(())).await.unwrap();
        vault.close().await;
    }
}
