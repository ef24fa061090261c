//! Persons: registration with their identification facts, finding them again (lists, search,
//! BSN) with one logged event per list or search, the dossier's header, and what erasure
//! leaves of them.

use std::collections::BTreeSet;

use jiff::civil::{Date, date};
use sqlx::Row as _;
use zorgkluis_store::audit::{AuditAction, AuditEvent, Outcome};
use zorgkluis_store::vault::{
    Actor, ClientSummary, NewPerson, PersonFacts, SearchCriteria, Vault, VaultError,
};
use zorgkluis_testkit::{Backend, STAFF, TestStore, actor, add_staff, all_bytes, contains};

use crate::access_path::{HEALTH_NOTE, event_count};

const EVA: &str = "Éva de Vries";
const JAN: &str = "Jan de Vries";
const EVA_BSN: &str = "111222333";

fn admin() -> Actor {
    actor("admin-1", "administratie")
}

fn fg() -> Actor {
    actor("fg-1", "fg")
}

fn facts(name: &str, birth_date: Date, client_number: &str) -> PersonFacts {
    PersonFacts {
        name: name.into(),
        birth_date: Some(birth_date),
        client_number: Some(client_number.into()),
    }
}

fn client(bsn: Option<&str>, facts: PersonFacts) -> NewPerson {
    NewPerson {
        subject_category: "client".into(),
        bsn: bsn.map(str::to_owned),
        facts: Some(facts),
    }
}

/// Éva (with a BSN) and Jan de Vries, registered by the administration.
async fn the_de_vrieses(vault: &Vault) -> (String, String) {
    let eva = vault
        .register_person(
            &admin(),
            &client(Some(EVA_BSN), facts(EVA, date(1950, 3, 1), "C-001")),
            "intake",
        )
        .await
        .unwrap();
    let jan = vault
        .register_person(
            &admin(),
            &client(None, facts(JAN, date(1962, 7, 15), "C-002")),
            "intake",
        )
        .await
        .unwrap();
    (eva, jan)
}

fn ids(persons: &[ClientSummary]) -> BTreeSet<String> {
    persons.iter().map(|p| p.id.clone()).collect()
}

fn set<const N: usize>(ids: [&String; N]) -> BTreeSet<String> {
    ids.into_iter().cloned().collect()
}

/// The events of `action` in `log`.
fn of(log: &[AuditEvent], action: AuditAction) -> Vec<&AuditEvent> {
    log.iter().filter(|e| e.action == action).collect()
}

/// Every text field of every audit event, straight from the database, and the sealed reasons.
async fn every_logged_field(store: &TestStore) -> Vec<Vec<u8>> {
    let mut raw = store.raw().await;
    let rows = sqlx::query(
        "SELECT tenant_id, at, user_id, role, on_behalf_of, person_id, action, category, purpose, \
         source, outcome, articles, object, subjects, reason FROM audit_events ORDER BY seq",
    )
    .fetch_all(&mut raw)
    .await
    .unwrap();
    assert!(!rows.is_empty(), "{}", store.name());
    let mut out = Vec::new();
    for r in &rows {
        for i in 0..14 {
            if let Some(text) = r.try_get::<Option<String>, _>(i).unwrap() {
                out.push(text.to_lowercase().into_bytes());
            }
        }
        if let Some(reason) = r.try_get::<Option<Vec<u8>>, _>(14).unwrap() {
            out.push(reason);
        }
    }
    out
}

/// The subjects of every event of `action`, oldest first, straight from the database.
async fn logged_subjects(store: &TestStore, action: AuditAction) -> Vec<BTreeSet<String>> {
    let mut raw = store.raw().await;
    let rows = sqlx::query("SELECT subjects FROM audit_events WHERE action = $1 ORDER BY seq")
        .bind(action.id())
        .fetch_all(&mut raw)
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            r.try_get::<Option<String>, _>(0)
                .unwrap()
                .map(|s| s.split(' ').map(str::to_owned).collect())
                .unwrap_or_default()
        })
        .collect()
}

/// How many rows of `table` belong to `person`.
async fn rows_of(store: &TestStore, table: &str, person: &str) -> i64 {
    let mut raw = store.raw().await;
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {table} WHERE person_id = $1"
    )))
    .bind(person)
    .fetch_one(&mut raw)
    .await
    .unwrap()
}

zorgkluis_testkit::on_both_backends! {
    /// A list is one audited event per page, with the page's persons as its subjects, so that
    /// each person's access log shows the list; a caregiver's list holds their own clients only.
    async fn a_list_is_one_logged_event_per_page_naming_the_persons_it_showed(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let mut persons = Vec::new();
        for (i, name) in ["Anna Bos", "Bram de Wit", "Cor van Dam"]
            .iter()
            .enumerate()
        {
            let person = vault
                .register_person(
                    &admin(),
                    &client(
                        None,
                        facts(name, date(1940 + i as i16, 1, 1), &format!("L-{i}")),
                    ),
                    "intake",
                )
                .await
                .unwrap();
            persons.push(person);
        }
        let all: BTreeSet<String> = persons.iter().cloned().collect();

        let before = event_count(&vault).await;
        let page = vault.list_clients(&admin(), 0, 10).await.unwrap().clients;
        assert_eq!(
            event_count(&vault).await,
            before + 1,
            "{}: one event for the page",
            store.name()
        );
        assert_eq!(ids(&page), all, "{}", store.name());
        let names: BTreeSet<&str> = page
            .iter()
            .filter_map(|p| p.facts.as_ref().map(|f| f.name.as_str()))
            .collect();
        assert_eq!(
            names,
            BTreeSet::from(["Anna Bos", "Bram de Wit", "Cor van Dam"])
        );
        assert_eq!(
            logged_subjects(&store, AuditAction::ListPersons).await,
            std::slice::from_ref(&all)
        );

        let mut seqs = BTreeSet::new();
        for person in &persons {
            let log = vault.audit_for_person(&fg(), person).await.unwrap();
            let lists = of(&log, AuditAction::ListPersons);
            assert_eq!(lists.len(), 1, "{}: {log:?}", store.name());
            let list = lists[0];
            assert_eq!(list.user_id, "admin-1");
            assert_eq!(list.outcome, Outcome::Allowed);
            assert_eq!(list.person_id, None);
            // Each person's log names them of the list's subjects, and no one else.
            assert_eq!(list.subjects, std::slice::from_ref(person));
            seqs.insert(list.seq);
        }
        assert_eq!(
            seqs.len(),
            1,
            "{}: the same event in every log",
            store.name()
        );

        // Pages: one event each, naming that page's persons only.
        let first = vault.list_persons(&admin(), 0, 2).await.unwrap();
        let rest = vault.list_persons(&admin(), 2, 2).await.unwrap();
        assert_eq!((first.len(), rest.len()), (2, 1), "{}", store.name());
        let pages: BTreeSet<String> = first.iter().chain(&rest).cloned().collect();
        assert_eq!(pages, all);
        let logged = logged_subjects(&store, AuditAction::ListPersons).await;
        assert_eq!(
            logged[1..],
            [
                first.iter().cloned().collect::<BTreeSet<_>>(),
                rest.iter().cloned().collect(),
            ],
            "{}",
            store.name()
        );

        // A caregiver sees their own clients only, and the list names only them.
        vault
            .assign_care(&admin(), "zorg-1", &persons[1], date(2020, 1, 1), None)
            .await
            .unwrap();
        let own = vault
            .list_clients(&actor("zorg-1", "zorgverlener"), 0, 10)
            .await
            .unwrap()
            .clients;
        assert_eq!(ids(&own), set([&persons[1]]), "{}", store.name());
        assert_eq!(
            own[0].facts.as_ref().map(|f| f.name.as_str()),
            Some("Bram de Wit")
        );
        let none = vault
            .list_clients(&actor("zorg-2", "zorgverlener"), 0, 10)
            .await
            .unwrap()
            .clients;
        assert!(none.is_empty(), "{}: {none:?}", store.name());
        let logged = logged_subjects(&store, AuditAction::ListPersons).await;
        assert_eq!(
            logged[3..],
            [set([&persons[1]]), BTreeSet::new()],
            "{}",
            store.name()
        );
        let outside = vault.audit_for_person(&fg(), &persons[0]).await.unwrap();
        assert!(
            of(&outside, AuditAction::ListPersons)
                .iter()
                .all(|e| e.user_id == "admin-1"),
            "{}: {outside:?}",
            store.name()
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }

    /// Registration keeps a person's name, birth date and client number sealed; search finds
    /// them by keyed hashes of each (name words without case or accents), logs one event with
    /// the persons found, and never logs what was searched for.
    async fn search_finds_by_name_birth_date_client_number_and_bsn_and_never_logs_words(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (eva, jan) = the_de_vrieses(&vault).await;
        vault
            .assign_care(&admin(), "zorg-1", &jan, date(2020, 1, 1), None)
            .await
            .unwrap();
        let by_name = |name: &str| SearchCriteria {
            name: Some(name.into()),
            ..SearchCriteria::default()
        };
        let searches: Vec<(Actor, SearchCriteria, BTreeSet<String>)> = vec![
            (admin(), by_name("de vries"), set([&eva, &jan])),
            (admin(), by_name("eva"), set([&eva])),
            (admin(), by_name("EVA"), set([&eva])),
            (admin(), by_name("  Éva  "), set([&eva])),
            (admin(), by_name("vries eva"), set([&eva])),
            (admin(), by_name("pietersen"), BTreeSet::new()),
            (
                admin(),
                SearchCriteria {
                    birth_date: Some(date(1962, 7, 15)),
                    ..SearchCriteria::default()
                },
                set([&jan]),
            ),
            (
                admin(),
                SearchCriteria {
                    client_number: Some("C-002".into()),
                    ..SearchCriteria::default()
                },
                set([&jan]),
            ),
            (
                admin(),
                SearchCriteria {
                    bsn: Some(EVA_BSN.into()),
                    ..SearchCriteria::default()
                },
                set([&eva]),
            ),
            (
                admin(),
                SearchCriteria {
                    name: Some("de vries".into()),
                    birth_date: Some(date(1950, 3, 1)),
                    ..SearchCriteria::default()
                },
                set([&eva]),
            ),
            // A caregiver searches their own clients only.
            (
                actor("zorg-1", "zorgverlener"),
                by_name("de vries"),
                set([&jan]),
            ),
            (
                actor("dir-1", "directie"),
                by_name("de vries"),
                set([&eva, &jan]),
            ),
        ];
        for (who, criteria, expected) in &searches {
            let before = event_count(&vault).await;
            let found = vault.search_persons(who, criteria, 10).await.unwrap();
            // One event per search, and one for the BSN's read when it looks one up.
            let events = before + 1 + u64::from(criteria.bsn.is_some());
            assert_eq!(
                event_count(&vault).await,
                events,
                "{}: {criteria:?}: one event per search",
                store.name()
            );
            assert_eq!(
                &ids(&found.persons),
                expected,
                "{}: {criteria:?}",
                store.name()
            );
            assert!(!found.truncated);
            for p in &found.persons {
                let name = p.facts.as_ref().map(|f| f.name.as_str());
                assert_eq!(
                    name,
                    Some(if p.id == eva { EVA } else { JAN }),
                    "{}",
                    store.name()
                );
            }
        }
        let expected: Vec<BTreeSet<String>> = searches.iter().map(|s| s.2.clone()).collect();
        assert_eq!(
            logged_subjects(&store, AuditAction::SearchPersons).await,
            expected,
            "{}: each search's subjects are the persons it found",
            store.name()
        );

        // A search needs something to look for; refused searches write nothing.
        let before = event_count(&vault).await;
        for empty in [
            SearchCriteria::default(),
            by_name("   "),
            SearchCriteria {
                client_number: Some(" ".into()),
                ..SearchCriteria::default()
            },
        ] {
            let refused = vault.search_persons(&admin(), &empty, 10).await;
            assert!(
                matches!(refused, Err(VaultError::Invalid { field: "name", .. })),
                "{}: {empty:?}: {refused:?}",
                store.name()
            );
        }
        assert_eq!(event_count(&vault).await, before, "{}", store.name());
        // The reglement decides who searches: not the processor.
        let denied = vault
            .search_persons(&actor("lev-1", "verwerker"), &by_name("de vries"), 10)
            .await;
        assert!(
            matches!(denied, Err(VaultError::Denied(_))),
            "{}: {denied:?}",
            store.name()
        );

        // The words searched for are in no field of any event.
        let logged = every_logged_field(&store).await;
        for word in [
            "vries",
            "eva",
            "éva",
            "pietersen",
            "c-001",
            "c-002",
            "1962-07-15",
            "1950-03-01",
            EVA_BSN,
        ] {
            assert!(
                !logged.iter().any(|field| contains(field, word)),
                "{}: `{word}` is in the audit log",
                store.name()
            );
        }
        let log = vault.audit_for_person(&fg(), &eva).await.unwrap();
        assert_eq!(
            of(&log, AuditAction::SearchPersons).len(),
            expected.iter().filter(|s| s.contains(&eva)).count(),
            "{}: every search that found Éva is in her access log",
            store.name()
        );
        if store.backend == Backend::Sqlite {
            let bytes = all_bytes(store.dir.path());
            for plain in ["Vries", "C-001", EVA_BSN] {
                assert!(!contains(&bytes, plain), "`{plain}` in plaintext on disk");
            }
        }
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }

    /// A BSN and a client number belong to one person; a care team takes a staff member with an
    /// account, once per start date. What is refused writes nothing but, for a registration,
    /// the refusal (asking whether a BSN is taken is an access too).
    async fn duplicates_and_unknown_staff_are_refused_and_change_nothing(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (eva, _) = the_de_vrieses(&vault).await;
        let before = event_count(&vault).await;

        let same_bsn = vault
            .register_person(
                &admin(),
                &client(
                    Some(EVA_BSN),
                    facts("Eva Jansen", date(1951, 1, 1), "C-003"),
                ),
                "intake",
            )
            .await;
        assert!(
            matches!(same_bsn, Err(VaultError::Conflict { field: "bsn", .. })),
            "{}: {same_bsn:?}",
            store.name()
        );
        for number in ["C-002", " C-002 "] {
            let same_number = vault
                .register_person(
                    &admin(),
                    &client(None, facts("Kees Jansen", date(1951, 1, 1), number)),
                    "intake",
                )
                .await;
            assert!(
                matches!(
                    same_number,
                    Err(VaultError::Conflict {
                        field: "client_number",
                        ..
                    })
                ),
                "{}: {number:?}: {same_number:?}",
                store.name()
            );
        }
        let unknown_staff = vault
            .assign_care(&admin(), "zorg-9", &eva, date(2020, 1, 1), None)
            .await;
        assert!(
            matches!(
                unknown_staff,
                Err(VaultError::Invalid { field: "user", .. })
            ),
            "{}: {unknown_staff:?}",
            store.name()
        );
        let unknown_person = vault
            .assign_care(&admin(), "zorg-1", "no-such-person", date(2020, 1, 1), None)
            .await;
        assert!(
            matches!(unknown_person, Err(VaultError::NotFound(_))),
            "{}: {unknown_person:?}",
            store.name()
        );
        // Nothing was written but the refusals of the registrations: the BSN's (a registration
        // and its BSN write) and the two client numbers'.
        assert_eq!(
            event_count(&vault).await,
            before + 4,
            "{}: only the refusals were logged",
            store.name()
        );
        let mut raw = store.raw().await;
        let persons: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM persons")
            .fetch_one(&mut raw)
            .await
            .unwrap();
        assert_eq!(persons, 2, "{}", store.name());
        drop(raw);

        vault
            .assign_care(&admin(), "zorg-1", &eva, date(2020, 1, 1), None)
            .await
            .unwrap();
        let twice = vault
            .assign_care(&admin(), "zorg-1", &eva, date(2020, 1, 1), None)
            .await;
        assert!(
            matches!(twice, Err(VaultError::Conflict { .. })),
            "{}: {twice:?}",
            store.name()
        );
        assert_eq!(
            event_count(&vault).await,
            before + 4 + 1,
            "{}: of the assignments only the first is logged",
            store.name()
        );
        let overview = vault.overview(&actor("dir-1", "directie")).await.unwrap();
        assert_eq!(
            (overview.persons, overview.care_relationships),
            (2, 1),
            "{}",
            store.name()
        );
        vault.close().await;
    }

    /// The dossier is headed by the person's identification facts, decided like every
    /// category: a caregiver in the care team sees them, one outside it has them withheld, and
    /// even a dossier without records is one logged access.
    async fn the_dossier_is_headed_by_the_facts_and_every_view_is_logged(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (_, jan) = the_de_vrieses(&vault).await;
        vault
            .assign_care(&admin(), "zorg-1", &jan, date(2020, 1, 1), None)
            .await
            .unwrap();
        let own = actor("zorg-1", "zorgverlener");
        let outside = actor("zorg-2", "zorgverlener");

        // Jan has no BSN and no records yet.
        let before = event_count(&vault).await;
        let view = vault.dossier(&own, &jan, "zorgverlening").await.unwrap();
        assert_eq!(
            event_count(&vault).await,
            before + 1,
            "{}: one event",
            store.name()
        );
        assert_eq!(
            view.facts,
            Some(facts(JAN, date(1962, 7, 15), "C-002")),
            "{}",
            store.name()
        );
        assert!(
            view.records.is_empty() && view.withheld.is_empty(),
            "{}: {view:?}",
            store.name()
        );

        // Outside the care team: refused, citing the identification category's rule, and
        // logged, even though Jan has no records.
        let refused = vault.dossier(&outside, &jan, "zorgverlening").await;
        assert_eq!(
            event_count(&vault).await,
            before + 2,
            "{}: one event",
            store.name()
        );
        match &refused {
            Err(VaultError::Denied(d)) => assert!(!d.allowed && !d.articles.is_empty(), "{d:?}"),
            other => panic!("{}: {other:?}", store.name()),
        }

        vault
            .add_record(&own, &jan, "gezondheid", HEALTH_NOTE, "zorgverlening")
            .await
            .unwrap();
        let view = vault.dossier(&own, &jan, "zorgverlening").await.unwrap();
        assert_eq!(view.facts.as_ref().map(|f| f.name.as_str()), Some(JAN));
        assert_eq!(view.records.len(), 1, "{}", store.name());
        assert_eq!(view.records[0].text, HEALTH_NOTE);
        // Now that Jan has health records, the refusal is the same: it does not tell an
        // outsider which kinds of records he has (review L4).
        let again = vault.dossier(&outside, &jan, "zorgverlening").await;
        match (&refused, &again) {
            (Err(VaultError::Denied(a)), Err(VaultError::Denied(b))) => {
                assert_eq!(a, b, "{}", store.name());
            }
            other => panic!("{}: {other:?}", store.name()),
        }

        let log = vault.audit_for_person(&fg(), &jan).await.unwrap();
        let reads = |user: &str, outcome: Outcome| {
            log.iter()
                .filter(|e| {
                    e.user_id == user
                        && e.action == AuditAction::Read
                        && e.outcome == outcome
                        && e.category.as_deref() == Some("naw")
                })
                .count()
        };
        assert_eq!(
            reads("zorg-1", Outcome::Allowed),
            2,
            "{}: {log:?}",
            store.name()
        );
        assert_eq!(
            reads("zorg-2", Outcome::Denied),
            2,
            "{}: {log:?}",
            store.name()
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;
    }

    /// Erasure takes a person's facts, their search hashes, their records, identity checks and
    /// key: search finds them by nothing any more, and no file holds their name.
    async fn an_erased_person_is_found_by_nothing_and_no_file_holds_their_name(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (eva, jan) = the_de_vrieses(&vault).await;
        vault
            .assign_care(&admin(), "zorg-1", &eva, date(2020, 1, 1), None)
            .await
            .unwrap();
        vault
            .add_record(
                &actor("zorg-1", "zorgverlener"),
                &eva,
                "gezondheid",
                HEALTH_NOTE,
                "zorgverlening",
            )
            .await
            .unwrap();
        vault
            .record_identity_check(
                &admin(),
                &eva,
                date(2024, 1, 1),
                "paspoort",
                "NX1234567",
                date(2030, 1, 1),
            )
            .await
            .unwrap();
        let search = |criteria: SearchCriteria| {
            let vault = vault.clone();
            async move {
                ids(&vault
                    .search_persons(&admin(), &criteria, 10)
                    .await
                    .unwrap()
                    .persons)
            }
        };
        let by_name = |name: &str| SearchCriteria {
            name: Some(name.into()),
            ..SearchCriteria::default()
        };
        assert_eq!(
            search(by_name("eva")).await,
            set([&eva]),
            "{}",
            store.name()
        );
        for table in [
            "person_facts",
            "person_search",
            "person_keys",
            "records",
            "identity_checks",
        ] {
            assert!(
                rows_of(&store, table, &eva).await > 0,
                "{}: {table}",
                store.name()
            );
        }

        vault
            .erase_person(&actor("dir-1", "directie"), &eva, "verzoek")
            .await
            .unwrap();

        assert_eq!(
            search(by_name("eva")).await,
            BTreeSet::new(),
            "{}",
            store.name()
        );
        assert_eq!(
            search(by_name("Éva de Vries")).await,
            BTreeSet::new(),
            "{}",
            store.name()
        );
        assert_eq!(
            search(by_name("de vries")).await,
            set([&jan]),
            "{}",
            store.name()
        );
        for criteria in [
            SearchCriteria {
                birth_date: Some(date(1950, 3, 1)),
                ..SearchCriteria::default()
            },
            SearchCriteria {
                client_number: Some("C-001".into()),
                ..SearchCriteria::default()
            },
            SearchCriteria {
                bsn: Some(EVA_BSN.into()),
                ..SearchCriteria::default()
            },
        ] {
            assert_eq!(
                search(criteria.clone()).await,
                BTreeSet::new(),
                "{}: {criteria:?}",
                store.name()
            );
        }
        for table in [
            "person_facts",
            "person_search",
            "person_keys",
            "records",
            "identity_checks",
        ] {
            assert_eq!(
                rows_of(&store, table, &eva).await,
                0,
                "{}: {table}",
                store.name()
            );
        }
        assert!(
            rows_of(&store, "person_search", &jan).await > 0,
            "{}",
            store.name()
        );
        let listed = vault.list_persons(&admin(), 0, 10).await.unwrap();
        assert_eq!(listed, std::slice::from_ref(&jan), "{}", store.name());

        // Her access log stays, without who she was.
        let log = vault.access_log(&fg(), &eva).await.unwrap();
        assert_eq!(log.facts, None, "{}", store.name());
        assert!(
            !of(&log.events, AuditAction::Erase).is_empty(),
            "{}",
            store.name()
        );
        let dossier = vault
            .dossier(&actor("zorg-1", "zorgverlener"), &eva, "zorgverlening")
            .await;
        assert!(
            matches!(dossier, Err(VaultError::Erased(_))),
            "{}: {dossier:?}",
            store.name()
        );
        assert!(vault.verify_audit().await.unwrap().ok(), "{}", store.name());
        vault.close().await;

        if store.backend == Backend::Sqlite {
            let bytes = all_bytes(store.dir.path());
            for plain in [
                EVA,
                "Éva",
                "Vries",
                "C-001",
                "NX1234567",
                EVA_BSN,
                "bloeddruk",
            ] {
                assert!(!contains(&bytes, plain), "`{plain}` in plaintext on disk");
            }
        }
    }

    /// Looking a person up by BSN is a read of the BSN, also inside a search: a role that may
    /// search but not read BSNs (BG wonen's privacy officer) is refused and the attempt is
    /// logged; administration finds the person, and the lookup is logged beside the search.
    async fn a_search_by_bsn_is_a_read_of_the_bsn(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (eva, _) = the_de_vrieses(&vault).await;
        let by_bsn = SearchCriteria {
            bsn: Some(EVA_BSN.into()),
            ..SearchCriteria::default()
        };
        let refused = vault.search_persons(&fg(), &by_bsn, 10).await;
        assert!(
            matches!(refused, Err(VaultError::Denied(_))),
            "{}: {refused:?}",
            store.name()
        );
        let found = vault.search_persons(&admin(), &by_bsn, 10).await.unwrap();
        assert_eq!(ids(&found.persons), set([&eva]), "{}", store.name());
        let log = vault.audit_for_person(&fg(), &eva).await.unwrap();
        let lookups = of(&log, AuditAction::FindByBsn);
        assert_eq!(lookups.len(), 1, "{}: {lookups:?}", store.name());
        assert_eq!(lookups[0].user_id, "admin-1");
        assert_eq!(lookups[0].category.as_deref(), Some("bsn"));
        let mut raw = store.raw().await;
        let denied: i64 = sqlx::query(
            "SELECT COUNT(*) FROM audit_events WHERE user_id = 'fg-1' AND action = 'find_by_bsn' AND outcome = 'denied'",
        )
        .fetch_one(&mut raw)
        .await
        .unwrap()
        .get(0);
        assert_eq!(denied, 1, "{}: the refused lookup is logged", store.name());
        vault.close().await;
    }

    /// A client's own access log shows that a list showed them, not who else it showed.
    async fn a_persons_log_does_not_name_the_others_a_list_showed(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let (eva, jan) = the_de_vrieses(&vault).await;
        vault.list_clients(&admin(), 0, 10).await.unwrap();
        let log = vault.audit_for_person(&fg(), &eva).await.unwrap();
        let lists = of(&log, AuditAction::ListPersons);
        assert_eq!(lists.len(), 1, "{}", store.name());
        assert_eq!(lists[0].subjects, std::slice::from_ref(&eva), "{}", store.name());
        assert!(
            !format!("{log:?}").contains(&jan),
            "{}: Jan's id in Éva's log",
            store.name()
        );
        vault.close().await;
    }

    /// Asking whether a BSN is registered, by registering it again, is logged as a refusal.
    async fn a_refused_registration_of_a_taken_bsn_is_logged(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        the_de_vrieses(&vault).await;
        let before = event_count(&vault).await;
        let again = vault
            .register_person(
                &admin(),
                &client(Some(EVA_BSN), facts("Eva Dubbel", date(1970, 1, 1), "C-009")),
                "intake",
            )
            .await;
        assert!(
            matches!(again, Err(VaultError::Conflict { field: "bsn", .. })),
            "{}: {again:?}",
            store.name()
        );
        let mut raw = store.raw().await;
        let refused: i64 = sqlx::query(
            "SELECT COUNT(*) FROM audit_events WHERE action IN ('register', 'write') AND outcome = 'denied'",
        )
        .fetch_one(&mut raw)
        .await
        .unwrap()
        .get(0);
        assert_eq!(refused, 2, "{}: the registration and its BSN write", store.name());
        assert_eq!(event_count(&vault).await, before + 2, "{}", store.name());
        let persons: i64 = sqlx::query("SELECT COUNT(*) FROM persons")
            .fetch_one(&mut raw)
            .await
            .unwrap()
            .get(0);
        assert_eq!(persons, 2, "{}: nothing else was written", store.name());
        vault.close().await;
    }
}
