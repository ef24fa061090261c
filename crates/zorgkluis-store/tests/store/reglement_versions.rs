//! Versions of the reglement in force by date (issue 17 part 4): the directie adopts a new
//! version (BG wonen 8.1, `adopt_reglement`) with one audit event; the version in force is the
//! old one before the new one's effective date and the new one from it; an effective date
//! inside the announcement period is refused naming `effective` and the article, an invalid file
//! naming `file`, the same text twice as a conflict, a role without the duty as a denial, and
//! none of these stores anything.

use jiff::ToSpan as _;
use jiff::civil::Date;
use zorgkluis_store::vault::{NewReglementVersion, Vault, VaultError};
use zorgkluis_testkit::actor;

use crate::access_path::event_count;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

/// BG wonen as a new version: its number, and the complaints term (Wkkgz: six weeks at most)
/// shortened to four, so that the two versions answer differently.
fn new_version(extra_version_keys: &str) -> String {
    let source = zorgkluis_testkit::reglement_source("bg-wonen");
    let source = source.replacen(
        "nummer = \"1-2020\"",
        &format!("nummer = \"2-2026\"{extra_version_keys}"),
        1,
    );
    assert!(source.contains("2-2026"));
    source
}

async fn versions(vault: &Vault) -> usize {
    vault.reglement_versions().await.unwrap().len()
}

fn invalid(e: VaultError) -> (&'static str, String) {
    match e {
        VaultError::Invalid { field, message } => (field, message),
        other => panic!("not an invalid field: {other:?}"),
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn the_directie_adopts_and_the_version_in_force_follows_the_date(store) {
        let vault = store.open().await;
        let directie = actor("dir-1", "directie");
        let source = new_version("");
        let announced = today().checked_sub(3.days()).unwrap();
        let effective = today().checked_add(30.days()).unwrap();
        assert_eq!(versions(&vault).await, 1, "the version the vault was opened with");
        let before = event_count(&vault).await;
        let adopted = vault
            .adopt_reglement(
                &directie,
                &NewReglementVersion {
                    file_name: "bg-wonen-2026.toml",
                    source: &source,
                    announced,
                    effective,
                },
                zorgkluis_core::Lang::Nl,
            )
            .await
            .unwrap();
        assert_eq!(adopted.version, "2-2026");
        assert_eq!(adopted.adopted_by.as_deref(), Some("dir-1"));
        assert!(!adopted.in_force);
        assert_eq!(event_count(&vault).await, before + 1, "one reglement_adopt event");

        let history = vault.reglement_versions().await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].version, "2-2026", "newest effective first");
        assert_eq!(history[0].announced, Some(announced));
        assert_eq!(history[0].effective, effective);
        assert!(!history[0].in_force && history[1].in_force, "{history:?}");

        // Before its effective date the old version decides; from it the new one.
        let number = |day: Date| vault.with_reglement_on(day, |r| r.file.version.number.clone());
        assert_eq!(number(today()), "1-2020");
        assert_eq!(number(effective.checked_sub(1.day()).unwrap()), "1-2020");
        assert_eq!(number(effective), "2-2026");
        let (_, text) = vault.reglement_source_in_force(effective).await.unwrap().unwrap();
        assert_eq!(text, source);
        let (sha, _) = vault.reglement_source_in_force(today()).await.unwrap().unwrap();
        assert_eq!(sha, vault.reglement_sha(), "today the text the vault was opened with");

        // The same text again is a conflict, and stores nothing.
        let again = vault
            .adopt_reglement(
                &directie,
                &NewReglementVersion {
                    file_name: "bg-wonen-2026.toml",
                    source: &source,
                    announced,
                    effective,
                },
                zorgkluis_core::Lang::Nl,
            )
            .await
            .unwrap_err();
        assert!(matches!(again, VaultError::Conflict { field: "file", .. }), "{again:?}");
        assert_eq!(versions(&vault).await, 2);
    }

    async fn an_effective_date_inside_the_announcement_period_is_refused(store) {
        let vault = store.open().await;
        let directie = actor("dir-1", "directie");
        // The new version states four weeks under its article 8.3.
        let source = new_version("\naankondigingstermijn = \"4 weken\"\naankondigingsartikel = \"8.3\"");
        let announced = today();
        let before = event_count(&vault).await;
        let refused = vault
            .adopt_reglement(
                &directie,
                &NewReglementVersion {
                    file_name: "bg-wonen-2026.toml",
                    source: &source,
                    announced,
                    effective: announced.checked_add(27.days()).unwrap(),
                },
                zorgkluis_core::Lang::En,
            )
            .await
            .unwrap_err();
        let (field, message) = invalid(refused);
        assert_eq!(field, "effective");
        assert!(message.contains("4 weeks") && message.contains("art. 8.3"), "{message}");
        assert_eq!(versions(&vault).await, 1, "nothing stored");
        assert_eq!(event_count(&vault).await, before, "nothing logged");
        // Four weeks after the announcement it is allowed.
        vault
            .adopt_reglement(
                &directie,
                &NewReglementVersion {
                    file_name: "bg-wonen-2026.toml",
                    source: &source,
                    announced,
                    effective: announced.checked_add(28.days()).unwrap(),
                },
                zorgkluis_core::Lang::En,
            )
            .await
            .unwrap();
        assert_eq!(versions(&vault).await, 2);
    }

    async fn an_invalid_file_or_a_role_without_the_duty_adopts_nothing(store) {
        let vault = store.open().await;
        let source = new_version("");
        let broken = source.replacen("vanaf = \"laatste_wijziging\"", "vanaf = \"ooit\"", 1);
        let new = |text| NewReglementVersion {
            file_name: "nieuw.toml",
            source: text,
            announced: today(),
            effective: today(),
        };
        let (field, message) = invalid(
            vault
                .adopt_reglement(&actor("dir-1", "directie"), &new(&broken), zorgkluis_core::Lang::En)
                .await
                .unwrap_err(),
        );
        assert_eq!(field, "file");
        assert!(message.contains("nieuw.toml:") && message.contains("ooit"), "{message}");
        let denied = vault
            .adopt_reglement(&actor("zorg-1", "zorgverlener"), &new(&source), zorgkluis_core::Lang::En)
            .await
            .unwrap_err();
        assert!(matches!(denied, VaultError::Denied(_)), "{denied:?}");
        assert_eq!(versions(&vault).await, 1);
    }
}
