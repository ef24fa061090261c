//! The annual privacy report from the year's events (issue 16 part 7): a synthetic BG wonen
//! walked through last year (requests on time, late and withdrawn, breaches within and after
//! the 72 hours, complaints in and out of term, consents given and withdrawn) and through this
//! year (emergency accesses before and after a review); every figure is checked against the
//! events that made it, and nothing of one year counts in the other.

use jiff::civil::{Date, date};
use jiff::{SignedDuration, Timestamp, ToSpan as _};
use zorgkluis_core::Lang;
use zorgkluis_core::annual_report::AnnualReport;
use zorgkluis_core::incident::IncidentFacts;
use zorgkluis_core::time::amsterdam;
use zorgkluis_core::vocabulary::{
    BreachNature, ComplainantKind, ComplaintOutcome, RequestOutcome, RequestStatus, RequestType,
    Requester,
};
use zorgkluis_store::vault::{
    NewComplaint, NewRequest, RequestDetails, RequesterFacts, Vault, VaultError,
};
use zorgkluis_testkit::actor;

use crate::access_path::{event_count, seeded};
use crate::consents::audit_consent;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(Timestamp::now())
}

/// Dutch wall-clock time as a moment.
fn at(y: i16, m: i8, d: i8, h: i8, min: i8) -> Timestamp {
    jiff::civil::datetime(y, m, d, h, min, 0, 0)
        .to_zoned_datetime(amsterdam())
        .unwrap()
        .timestamp()
}

fn events(report: &AnnualReport, section: &str, id: &str) -> Vec<String> {
    report
        .figure(section, id)
        .unwrap_or_else(|| panic!("{section}/{id} is in the report"))
        .events
        .clone()
}

/// The events of a figure that counts `id` alone.
fn one(id: &str) -> Vec<String> {
    vec![id.to_owned()]
}

async fn request(vault: &Vault, person: &str, kind: RequestType, received: Date) -> (String, Date) {
    let filed = vault
        .file_request(
            &actor("dir-1", "directie"),
            &NewRequest {
                person: person.to_owned(),
                request: kind,
                channel: zorgkluis_core::vocabulary::Channel::Schriftelijk,
                received,
                requester: RequesterFacts {
                    kind: Some(Requester::Betrokkene),
                    ..RequesterFacts::default()
                },
                details: RequestDetails {
                    categories: vec!["gezondheid".into()],
                    changes: None,
                    requester_name: None,
                },
            },
            Lang::Nl,
        )
        .await
        .unwrap();
    (filed.id, filed.respond_by)
}

async fn decide(vault: &Vault, id: &str, outcome: RequestOutcome, grounds: &[String], on: Date) {
    let handler = actor("dir-1", "directie");
    vault
        .advance_request(
            &handler,
            id,
            RequestStatus::IdentiteitVastgesteld,
            on,
            Lang::Nl,
        )
        .await
        .unwrap();
    vault
        .decide_request(&handler, id, outcome, grounds, on, Lang::Nl)
        .await
        .unwrap();
}

async fn breach(vault: &Vault, discovered: Timestamp, notified_after_hours: Option<i64>) -> String {
    let fg = actor("fg-1", "fg");
    let id = vault
        .record_incident(
            &fg,
            &IncidentFacts {
                discovered: Some(discovered),
                description: "Een overdrachtslijst is per e-mail naar een verkeerd adres gegaan"
                    .into(),
                nature: vec![BreachNature::Vertrouwelijkheid],
                ..IncidentFacts::default()
            },
        )
        .await
        .unwrap();
    if let Some(h) = notified_after_hours {
        let when = discovered
            .checked_add(SignedDuration::from_hours(h))
            .unwrap();
        let late = if h > 72 {
            "De melding kwam na het weekend bij de FG"
        } else {
            ""
        };
        vault
            .record_ap_notification(&fg, &id, when, "M-1", late)
            .await
            .unwrap();
    }
    id
}

zorgkluis_testkit::on_both_backends! {
    async fn the_report_counts_each_years_events_and_lists_them(store) {
        let vault = store.open().await;
        let (person, _) = seeded(&vault).await;
        let year = today().year() - 1;
        let y = |m: i8, d: i8| date(year, m, d);

        // Requests: one on time, one refused three days late, one extended then withdrawn,
        // and one of the year before, which this year's report leaves out.
        let (on_time, due) = request(&vault, &person, RequestType::Inzage, y(3, 2)).await;
        decide(&vault, &on_time, RequestOutcome::Toegewezen, &[], due).await;
        let (late, due) = request(&vault, &person, RequestType::Afschrift, y(5, 4)).await;
        decide(&vault, &late, RequestOutcome::Afgewezen, &["kennelijk_ongegrond".into()], due.checked_add(3.days()).unwrap()).await;
        let (extended, due) = request(&vault, &person, RequestType::Bezwaar, y(9, 1)).await;
        vault
            .extend_request(&actor("dir-1", "directie"), &extended, "Het dossier ligt in het archief", due, Lang::Nl)
            .await
            .unwrap();
        vault.withdraw_request(&actor("dir-1", "directie"), &extended, Lang::Nl).await.unwrap();
        let (before, _) = request(&vault, &person, RequestType::Inzage, date(year - 1, 12, 30)).await;

        // Breaches: told within 20 hours, told after 80, one found half an hour before the new
        // year (Dutch time) and one half an hour after it, in this year's report.
        let quick = breach(&vault, at(year, 6, 5, 10, 0), Some(20)).await;
        let slow = breach(&vault, at(year, 10, 2, 16, 0), Some(80)).await;
        let eve = breach(&vault, at(year, 12, 31, 23, 30), None).await;
        let new_year = breach(&vault, at(year + 1, 1, 1, 0, 30), None).await;

        // Complaints: decided in term, and decided five days after the term.
        let directie = actor("dir-1", "directie");
        let complaint = |received: Date| NewComplaint {
            received,
            by: ComplainantKind::Client,
            person: None,
            about: "Een brief met gezondheidsgegevens ging naar het oude adres".into(),
            officer_involved: false,
        };
        let in_term = vault.record_complaint(&directie, &complaint(y(2, 2))).await.unwrap();
        vault
            .decide_complaint(&directie, &in_term, y(3, 2), ComplaintOutcome::Gegrond, "Adres is gecorrigeerd")
            .await
            .unwrap();
        let overdue = vault.record_complaint(&directie, &complaint(y(10, 5))).await.unwrap();
        let decide_by = vault.complaint(&directie, &overdue).await.unwrap().clock.decide_by;
        vault
            .decide_complaint(&directie, &overdue, decide_by.checked_add(5.days()).unwrap(), ComplaintOutcome::Ongegrond, "Geen fout gevonden")
            .await
            .unwrap();

        // Consents: one given and withdrawn in the year, one given this year.
        let admin = actor("admin-1", "administratie");
        let given = vault.give_consent(&admin, &audit_consent(&person, y(4, 1)), Lang::Nl).await.unwrap();
        vault.withdraw_consent(&admin, &given, Requester::Betrokkene, Some(y(4, 20))).await.unwrap();
        let this_years = vault.give_consent(&admin, &audit_consent(&person, today()), Lang::Nl).await.unwrap();

        // Emergency accesses (this year): one before the FG's review, one after it.
        let other = actor("zorg-9", "zorgverlener");
        let reason = Some("Cliënt onwel in de nacht, huisarts onbereikbaar");
        vault.read_category(&other, &person, "gezondheid", "spoed", reason).await.unwrap();
        let fg = actor("fg-1", "fg");
        vault.emergency_review(&fg, 50).await.unwrap();
        vault.read_category(&other, &person, "gezondheid", "spoed", reason).await.unwrap();
        // A colleague's file read in an emergency: the log review flags it.
        let colleague = vault
            .register_person(
                &admin,
                &zorgkluis_store::vault::NewPerson {
                    subject_category: "medewerker".into(),
                    bsn: None,
                    facts: None,
                },
                "personeelsdossier",
            )
            .await
            .unwrap();
        let _ = vault.read_category(&other, &colleague, "gezondheid", "spoed", reason).await;
        vault.run_log_review(&fg, Some(today()), Some(today())).await.unwrap();
        let mut flags: Vec<String> = vault
            .log_review_flags(&fg, false)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.id)
            .collect();
        flags.sort();
        assert!(!flags.is_empty(), "the colleague's file is flagged");

        // Last year's report, made by the FG (read_audit), logged as one event.
        let before_report = event_count(&vault).await;
        let report = vault.annual_report(&fg, year, Lang::Nl).await.unwrap();
        assert_eq!(event_count(&vault).await, before_report + 1);
        assert_eq!(report.year, year);

        let mut all = vec![on_time.clone(), late.clone(), extended.clone()];
        all.sort();
        let mut counted = events(&report, "verzoeken", "total");
        counted.sort();
        assert_eq!(counted, all, "{}: the year before is left out ({before})", store.name());
        assert_eq!(events(&report, "verzoeken", "type_inzage"), one(&on_time));
        assert_eq!(events(&report, "verzoeken", "on_time"), one(&on_time));
        assert_eq!(events(&report, "verzoeken", "late"), [format!("{late} (3 dagen te laat)")]);
        assert_eq!(events(&report, "verzoeken", "withdrawn"), one(&extended));
        assert_eq!(events(&report, "verzoeken", "extended"), one(&extended));
        assert_eq!(events(&report, "verzoeken", "refused"), one(&late));
        assert_eq!(events(&report, "verzoeken", "ground_kennelijk_ongegrond"), one(&late));
        assert!(events(&report, "verzoeken", "open").is_empty());

        let mut found = events(&report, "incidenten", "total");
        found.sort();
        let mut expected = vec![quick.clone(), slow.clone(), eve.clone()];
        expected.sort();
        assert_eq!(found, expected, "the new year's breach is next year's");
        assert_eq!(events(&report, "incidenten", "within_72h"), one(&quick));
        assert_eq!(events(&report, "incidenten", "after_72h"), [format!("{slow} (8 uur na de 72 uur)")]);
        assert_eq!(report.figure("incidenten", "notified").unwrap().value, 2);

        assert_eq!(events(&report, "klachten", "in_term"), one(&in_term));
        assert_eq!(events(&report, "klachten", "late"), [format!("{overdue} (5 dagen te laat)")]);
        assert_eq!(report.figure("klachten", "total").unwrap().value, 2);

        assert_eq!(events(&report, "toestemming_en_bewaren", "consents_given"), one(&given));
        assert_eq!(events(&report, "toestemming_en_bewaren", "consents_withdrawn"), one(&given));
        assert!(events(&report, "toezicht", "emergency").is_empty(), "this year's, not last year's");

        // This year's report: the new year's breach, this year's consent and the three emergency
        // accesses, the first reviewed and the later ones not yet, and the log review's flags.
        let now = vault.annual_report(&fg, year + 1, Lang::Nl).await.unwrap();
        assert_eq!(events(&now, "incidenten", "total"), [new_year]);
        assert_eq!(events(&now, "toestemming_en_bewaren", "consents_given"), [this_years]);
        assert_eq!(now.figure("verzoeken", "total").unwrap().value, 0);
        let emergencies = events(&now, "toezicht", "emergency");
        assert_eq!(emergencies.len(), 3, "two after the review: {emergencies:?}");
        assert_eq!(events(&now, "toezicht", "emergency_reviewed"), one(&emergencies[0]));
        let mut counted = events(&now, "toezicht", "flags");
        counted.sort();
        assert_eq!(counted, flags, "every flag of the log review, by its id");
        assert!(events(&report, "toezicht", "flags").is_empty());

        // The directie makes it too (view_overview: figures only); a caregiver may not; a year
        // out of range is named.
        assert!(vault.annual_report(&directie, year, Lang::Nl).await.is_ok());
        let refused = vault.annual_report(&actor("zorg-1", "zorgverlener"), year, Lang::Nl).await;
        assert!(matches!(refused, Err(VaultError::Denied(_))), "{refused:?}");
        let bad = vault.annual_report(&fg, 1850, Lang::Nl).await;
        assert!(matches!(bad, Err(VaultError::Invalid { field: "year", .. })), "{bad:?}");
    }
}
