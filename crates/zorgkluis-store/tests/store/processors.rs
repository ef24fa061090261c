//! The processor register (art. 28 AVG) and the privacy assets (BG wonen's E13): the FG, who
//! keeps the incident register (`manage_incidents`, BG wonen 1.3), keeps them; the next review
//! is the signing date plus the reglement's interval (a year when it names none) and shows in
//! `reviews_due` a month ahead; a reglement that demands the EEA (`[verwerkers] alleen_eer`)
//! refuses an agreement or an asset outside it, naming the field and the article; an unknown
//! processing or category is named; a role without the duty is refused and logged; the
//! security measures are sealed.

use jiff::ToSpan as _;
use jiff::civil::Date;
use zorgkluis_store::vault::{Actor, NewAsset, NewProcessor, Vault, VaultError};
use zorgkluis_testkit::{Backend, TENANT, TestStore, actor, all_bytes, contains};

use crate::access_path::event_count;

fn fg() -> Actor {
    actor("fg-1", "fg")
}

const SECURITY: &str = "Versleuteling in rust met sleutelbeheer bij de leverancier";

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

pub(crate) fn agreement(signed: Date, countries: &[&str]) -> NewProcessor {
    NewProcessor {
        processor: "Voorbeeld ECD BV".into(),
        kvk: Some("12345678".into()),
        processings: vec!["zorgverlening".into()],
        categories: vec!["naw".into(), "gezondheid".into()],
        subprocessors: vec!["Voorbeeld Hosting BV".into()],
        countries: countries.iter().map(|c| (*c).to_owned()).collect(),
        signed_on: Some(signed),
        next_review: None,
        security: SECURITY.into(),
    }
}

fn asset(country: &str, agreement: Option<String>) -> NewAsset {
    NewAsset {
        name: "ECD".into(),
        kind: "applicatie".into(),
        categories: vec!["gezondheid".into()],
        country: country.into(),
        location: Some("Datacentrum".into()),
        agreement,
        owner_role: "fg".into(),
    }
}

fn invalid(e: &VaultError) -> (&'static str, &str) {
    match e {
        VaultError::Invalid { field, message } => (field, message.as_str()),
        other => panic!("not an invalid field: {other:?}"),
    }
}

/// BG wonen with `[verwerkers] alleen_eer = true` added (no seed demands the EEA).
async fn open_eea_only(store: &TestStore) -> Vault {
    zorgkluis_store::vault::init(&store.location).expect("init");
    let source = format!(
        "{}\n[verwerkers]\nalleen_eer = true\nherzien = \"6 maanden\"\nartikel = \"test\"\n",
        zorgkluis_testkit::reglement_source("bg-wonen")
    );
    let reglement =
        zorgkluis_core::Reglement::load("bg-wonen.toml", &source, zorgkluis_core::Lang::En)
            .unwrap_or_else(|d| panic!("{d:?}"));
    let policy = zorgkluis_testkit::policy(&reglement);
    Vault::open(&store.location, TENANT, reglement, &source, policy)
        .await
        .unwrap()
}

zorgkluis_testkit::on_both_backends! {
    async fn the_fg_keeps_the_register_and_a_review_falls_due(store) {
        let vault = store.open().await;
        let signed = today().checked_sub(350.days()).unwrap();
        let id = vault.record_processor(&fg(), &agreement(signed, &["NL", "US"])).await.unwrap();
        let a = vault.processor(&fg(), &id).await.unwrap();
        assert_eq!(a.next_review, signed.checked_add(1.year()).unwrap(), "a year: no interval in BG wonen");
        assert_eq!(a.security.as_deref(), Some(SECURITY));
        assert_eq!(a.countries, ["NL", "US"], "outside the EEA is allowed: BG wonen does not demand it");
        assert_eq!(a.processings, ["zorgverlening"]);

        // Due in 15 days: within the month's lead.
        let due = vault.reviews_due(&fg(), today()).await.unwrap();
        assert_eq!(due.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), [id.as_str()]);
        assert!(!due[0].overdue(today()));
        assert!(due[0].overdue(a.next_review.checked_add(1.day()).unwrap()));
        let early = vault.reviews_due(&fg(), today().checked_sub(60.days()).unwrap()).await.unwrap();
        assert!(early.is_empty(), "two months ahead nothing is due yet");

        // The review done: the next one a year on.
        let reviewed = vault.review_processor(&fg(), &id, today(), None).await.unwrap();
        assert_eq!(reviewed.reviewed_on, Some(today()));
        assert_eq!(reviewed.next_review, today().checked_add(1.year()).unwrap());
        assert!(vault.reviews_due(&fg(), today()).await.unwrap().is_empty());
        let e = vault.review_processor(&fg(), &id, today().checked_add(1.day()).unwrap(), None).await.unwrap_err();
        assert_eq!(invalid(&e).0, "on");

        // An asset under the agreement.
        let asset_id = vault.record_asset(&fg(), &asset("NL", Some(id.clone()))).await.unwrap();
        let assets = vault.assets(&fg()).await.unwrap();
        assert_eq!(assets.len(), 1);
        assert_eq!((assets[0].id.as_str(), assets[0].agreement.as_deref()), (asset_id.as_str(), Some(id.as_str())));
        let e = vault.record_asset(&fg(), &asset("NL", Some("geen".into()))).await.unwrap_err();
        assert_eq!(invalid(&e).0, "agreement");

        // Ended: no review due any more.
        let ended = vault.end_processor(&fg(), &id, today()).await.unwrap();
        assert!(!ended.active());
        assert!(vault.reviews_due(&fg(), today().checked_add(2.years()).unwrap()).await.unwrap().is_empty());

        vault.close().await;
        if store.backend == Backend::Sqlite {
            assert!(!contains(&all_bytes(store.dir.path()), "sleutelbeheer"), "the security measures are sealed");
        }
        let vault = store.open().await;
        let report = vault.verify_audit().await.unwrap();
        assert!(report.ok(), "{}: {:?}", store.name(), report.findings);
    }

    async fn bad_input_is_named_and_a_role_without_the_duty_is_refused_and_logged(store) {
        let vault = store.open().await;
        let signed = today().checked_sub(10.days()).unwrap();
        let before = event_count(&vault).await;
        let mut bad = agreement(signed, &["NL"]);
        bad.processings = vec!["zorgverlening".into(), "verkoop".into()];
        let e = vault.record_processor(&fg(), &bad).await.unwrap_err();
        assert_eq!(invalid(&e).0, "processings");
        assert!(invalid(&e).1.contains("verkoop"), "{e}");
        let mut bad = agreement(signed, &["NL"]);
        bad.categories = vec!["gezondheid".into(), "gezondhied".into()];
        let e = vault.record_processor(&fg(), &bad).await.unwrap_err();
        assert_eq!(invalid(&e).0, "categories");
        assert!(invalid(&e).1.contains("gezondhied"), "{e}");
        let mut bad = agreement(signed, &["NL"]);
        bad.categories = vec!["camerabeelden".into()];
        let e = vault.record_processor(&fg(), &bad).await.unwrap_err();
        assert_eq!(invalid(&e).0, "categories", "not a category of zorgverlening");
        let e = vault.record_processor(&fg(), &agreement(signed, &["nl"])).await.unwrap_err();
        assert_eq!(invalid(&e).0, "countries");
        let mut bad = agreement(signed, &["NL"]);
        bad.kvk = Some("1234".into());
        assert_eq!(invalid(&vault.record_processor(&fg(), &bad).await.unwrap_err()).0, "kvk");
        let e = vault.record_asset(&fg(), &NewAsset { owner_role: "kok".into(), ..asset("NL", None) }).await.unwrap_err();
        assert_eq!(invalid(&e).0, "owner_role");
        assert_eq!(event_count(&vault).await, before, "bad input decides and logs nothing");

        let caregiver = actor("zorg-1", "zorgverlener");
        let refused = vault.record_processor(&caregiver, &agreement(signed, &["NL"])).await;
        assert!(matches!(refused, Err(VaultError::Denied(_))), "{refused:?}");
        assert!(matches!(vault.processors(&caregiver).await, Err(VaultError::Denied(_))));
        assert!(matches!(vault.record_asset(&caregiver, &asset("NL", None)).await, Err(VaultError::Denied(_))));
        assert_eq!(event_count(&vault).await, before + 3, "each refusal is logged");
        assert!(vault.processors(&fg()).await.unwrap().is_empty(), "nothing was recorded");
    }

    async fn a_reglement_that_demands_the_eea_refuses_a_processor_outside_it(store) {
        let vault = open_eea_only(&store).await;
        let signed = today().checked_sub(10.days()).unwrap();
        let e = vault.record_processor(&fg(), &agreement(signed, &["NL", "US"])).await.unwrap_err();
        let (field, message) = invalid(&e);
        assert_eq!(field, "countries");
        assert!(message.contains("US") && message.contains("test (AVG art. 44–46)"), "{message}");
        let e = vault.record_asset(&fg(), &asset("US", None)).await.unwrap_err();
        assert_eq!(invalid(&e).0, "country");

        let id = vault.record_processor(&fg(), &agreement(signed, &["NL", "IE"])).await.unwrap();
        let a = vault.processor(&fg(), &id).await.unwrap();
        assert_eq!(a.next_review, signed.checked_add(6.months()).unwrap(), "the reglement's interval");
        assert_eq!(vault.processors(&fg()).await.unwrap().len(), 1);
    }
}
