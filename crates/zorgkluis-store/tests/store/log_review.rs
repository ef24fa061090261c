//! The log review (NEN 7513) over a synthetic month on both backends: one caregiver reading
//! forty dossiers on a day against a usual five is flagged, the others are not; an emergency
//! access left unreviewed past the term is flagged, one the review showed in time is not; a
//! caregiver reading a colleague's file is flagged; running again stores nothing twice; a
//! flag closes only with a note, or becomes an incident. Only the role with `read_audit` runs
//! it.

use std::ops::RangeInclusive;

use jiff::civil::{Date, date};
use zorgkluis_core::log_review::{Details, FlagKind};
use zorgkluis_store::vault::{Actor, NewPerson, PersonFacts, Vault, VaultError};
use zorgkluis_testkit::{Backend, STAFF, TestStore, actor, add_staff};

use crate::access_path::event_count;

fn fg() -> Actor {
    actor("fg-1", "fg")
}

fn zorg(n: u8) -> Actor {
    actor(&format!("zorg-{n}"), "zorgverlener")
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn days_ago(n: i64) -> Date {
    today().checked_sub(jiff::Span::new().days(n)).unwrap()
}

async fn last_seq(store: &TestStore) -> i64 {
    let mut raw = store.raw().await;
    let row: (i64,) = zorgkluis_testkit::sqlx::query_as(
        "SELECT MAX(seq) FROM audit_events WHERE tenant_id = 'bg-wonen'",
    )
    .fetch_one(&mut raw)
    .await
    .unwrap();
    row.0
}

/// Sets the moment of the events `seqs` back to `day` at `hour` UTC, as if they were logged
/// then (test setup only: the store's clock is the real one, and the log is append-only, so the
/// guard is lifted for the update). Their hashes no longer verify; the newest event of the
/// chain must stay as it was, since the writer checks it before it appends.
async fn backdate(store: &TestStore, seqs: RangeInclusive<i64>, day: Date, hour: u8) {
    let mut raw = store.raw().await;
    let at = format!("{day}T{hour:02}:00:00Z");
    let (lift, restore) = match store.backend {
        Backend::Sqlite => (
            "DROP TRIGGER audit_events_no_update",
            "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events \
             BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
        ),
        Backend::Postgres => (
            "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update",
            "ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update",
        ),
    };
    use zorgkluis_testkit::sqlx::query;
    query(lift).execute(&mut raw).await.unwrap();
    query(
        "UPDATE audit_events SET at = $1 WHERE tenant_id = 'bg-wonen' AND seq >= $2 AND seq <= $3",
    )
    .bind(&at)
    .bind(*seqs.start())
    .bind(*seqs.end())
    .execute(&mut raw)
    .await
    .unwrap();
    query(restore).execute(&mut raw).await.unwrap();
}

async fn register(vault: &Vault, n: usize, subject: &str) -> String {
    vault
        .register_person(
            &actor("admin-1", "administratie"),
            &NewPerson {
                subject_category: subject.into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: format!("Synthetische Persoon {n:02}"),
                    birth_date: Some(date(1960, 1, 1)),
                    client_number: Some(format!("BG-{n:04}")),
                }),
            },
            "intake",
        )
        .await
        .unwrap()
}

/// Reads the health category of each client, several at a time (the writer commits them
/// together).
async fn read_all(vault: &Vault, who: &Actor, clients: &[String]) {
    let mut reads = tokio::task::JoinSet::new();
    for c in clients {
        let (vault, who, c) = (vault.clone(), who.clone(), c.clone());
        reads.spawn(async move {
            vault
                .read_category(&who, &c, "gezondheid", "zorgverlening", None)
                .await
                .unwrap()
        });
    }
    while let Some(r) = reads.join_next().await {
        r.unwrap();
    }
}

struct Month {
    clients: Vec<String>,
    colleague: String,
}

/// Forty clients (zorg-1 in the team of all, zorg-2 of the first five, zorg-3 of the next
/// five) and a colleague in zorg-1's team. Nine days ago to two days ago every caregiver reads
/// five clients a day; yesterday zorg-1 reads forty. Ten days ago zorg-2 breaks the glass for
/// client 31, the officer's review shows it, and later that day zorg-2 breaks it for client 30,
/// which no review shows. Today zorg-1 reads the colleague's file.
async fn month(store: &TestStore, vault: &Vault) -> Month {
    add_staff(vault, STAFF).await;
    add_staff(vault, &[("zorg-3", "zorgverlener")]).await;
    let admin = actor("admin-1", "administratie");
    let mut clients = Vec::new();
    for n in 0..40 {
        clients.push(register(vault, n, "client").await);
    }
    let colleague = register(vault, 99, "medewerker").await;
    let start = days_ago(60);
    for (i, c) in clients.iter().enumerate() {
        vault
            .assign_care(&admin, "zorg-1", c, start, None)
            .await
            .unwrap();
        if i < 5 {
            vault
                .assign_care(&admin, "zorg-2", c, start, None)
                .await
                .unwrap();
        } else if i < 10 {
            vault
                .assign_care(&admin, "zorg-3", c, start, None)
                .await
                .unwrap();
        }
    }
    vault
        .assign_care(&admin, "zorg-1", &colleague, start, None)
        .await
        .unwrap();

    // Ten days ago: two emergency accesses, the review between them.
    let mut ranges = Vec::new();
    let s = last_seq(store).await + 1;
    vault
        .read_category(
            &zorg(2),
            &clients[31],
            "gezondheid",
            "zorgverlening",
            Some("Val op de gang, arts belt"),
        )
        .await
        .unwrap();
    ranges.push((s..=last_seq(store).await, days_ago(10), 7));
    let s = last_seq(store).await + 1;
    let shown = vault.emergency_review(&fg(), 200).await.unwrap();
    assert_eq!(shown.len(), 1);
    ranges.push((s..=last_seq(store).await, days_ago(10), 9));
    let s = last_seq(store).await + 1;
    vault
        .read_category(
            &zorg(2),
            &clients[30],
            "gezondheid",
            "zorgverlening",
            Some("Medicatievraag in de nacht"),
        )
        .await
        .unwrap();
    ranges.push((s..=last_seq(store).await, days_ago(10), 14));

    for ago in (2..=9).rev() {
        let s = last_seq(store).await + 1;
        read_all(vault, &zorg(1), &clients[10..15]).await;
        read_all(vault, &zorg(2), &clients[0..5]).await;
        read_all(vault, &zorg(3), &clients[5..10]).await;
        ranges.push((s..=last_seq(store).await, days_ago(ago), 10));
    }
    let s = last_seq(store).await + 1;
    read_all(vault, &zorg(1), &clients).await;
    read_all(vault, &zorg(2), &clients[0..5]).await;
    read_all(vault, &zorg(3), &clients[5..10]).await;
    ranges.push((s..=last_seq(store).await, days_ago(1), 10));

    // Today, and the newest event of the chain: not set back.
    read_all(vault, &zorg(1), std::slice::from_ref(&colleague)).await;
    for (seqs, day, hour) in ranges {
        backdate(store, seqs, day, hour).await;
    }
    Month { clients, colleague }
}

fn invalid_field(e: &VaultError) -> &'static str {
    match e {
        VaultError::Invalid { field, .. } => field,
        other => panic!("not an invalid field: {other:?}"),
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn a_month_of_reads_flags_what_deserves_a_look_once(store) {
        let vault = store.open().await;
        let m = month(&store, &vault).await;

        // A caregiver does not review the log: refused, and nothing stored.
        assert!(matches!(
            vault.run_log_review(&zorg(1), Some(days_ago(10)), None).await,
            Err(VaultError::Denied(_))
        ));

        let run = vault.run_log_review(&fg(), Some(days_ago(10)), None).await.unwrap();
        let kinds: Vec<(FlagKind, &str)> = run.new.iter().map(|f| (f.kind, f.user.as_str())).collect();
        assert_eq!(run.new.len(), 3, "{}: {:#?}", store.name(), run.new);
        assert!(kinds.contains(&(FlagKind::OngewoonVeelDossiers, "zorg-1")), "{kinds:?}");
        assert!(kinds.contains(&(FlagKind::NoodtoegangNietBeoordeeld, "zorg-2")), "{kinds:?}");
        assert!(kinds.contains(&(FlagKind::CollegaOfBekende, "zorg-1")), "{kinds:?}");

        let volume = run.new.iter().find(|f| f.kind == FlagKind::OngewoonVeelDossiers).unwrap();
        assert_eq!(volume.day, days_ago(1));
        assert_eq!(volume.persons.len(), 40);
        match &volume.details {
            Details::OngewoonVeelDossiers { count, own_usual, role_usual, .. } => {
                assert_eq!((*count, *own_usual, *role_usual), (40, Some(5), Some(5)));
            }
            other => panic!("{other:?}"),
        }
        assert!(volume.reason.starts_with("40 verschillende dossiers gelezen op"), "{}", volume.reason);
        let emergency = run.new.iter().find(|f| f.kind == FlagKind::NoodtoegangNietBeoordeeld).unwrap();
        assert_eq!(emergency.persons, [m.clients[30].clone()], "the reviewed one is not flagged");
        assert_eq!(emergency.due, Some(days_ago(3)), "seven days from ten days ago");
        let colleague = run.new.iter().find(|f| f.kind == FlagKind::CollegaOfBekende).unwrap();
        assert_eq!(colleague.persons, std::slice::from_ref(&m.colleague));
        assert!(colleague.articles.iter().any(|a| a == "NEN 7513"));

        // Running again stores nothing twice.
        let again = vault.run_log_review(&fg(), Some(days_ago(10)), None).await.unwrap();
        assert!(again.new.is_empty(), "{:#?}", again.new);
        assert_eq!(again.known, 3);

        // The list: by what is due, the emergency access on top, with who the client is.
        let open = vault.log_review_flags(&fg(), true).await.unwrap();
        assert_eq!(open.len(), 3);
        assert_eq!(open[0].kind, FlagKind::NoodtoegangNietBeoordeeld);
        assert_eq!(open[0].facts[0].as_ref().unwrap().name, "Synthetische Persoon 30");
        assert_eq!(vault.log_review_open_count(&fg()).await.unwrap(), (3, 1));

        // Closing needs a note: without one, the field is named and nothing changes.
        let before = last_seq(&store).await;
        let e = vault.close_log_review_flag(&fg(), &colleague.id, "  ").await.unwrap_err();
        assert_eq!(invalid_field(&e), "note");
        assert_eq!(last_seq(&store).await, before, "nothing logged");
        assert_eq!(vault.log_review_flags(&fg(), true).await.unwrap().len(), 3);
        vault
            .close_log_review_flag(&fg(), &colleague.id, "Collega is ook cliënt; zorg-1 is haar begeleider")
            .await
            .unwrap();
        assert!(matches!(
            vault.close_log_review_flag(&fg(), &colleague.id, "nogmaals").await,
            Err(VaultError::Conflict { field: "id", .. })
        ));
        assert!(matches!(
            vault.close_log_review_flag(&fg(), "geen-melding", "x").await,
            Err(VaultError::NotFound(_))
        ));

        // A flag made an incident: the incident is in the register, the flag closed with it.
        let incident = vault.flag_to_incident(&fg(), &volume.id).await.unwrap();
        let incidents = vault.incidents(&fg()).await.unwrap();
        let recorded = incidents.iter().find(|i| i.id == incident).expect("recorded");
        assert!(recorded.facts.description.contains("40 verschillende dossiers"), "{}", recorded.facts.description);

        let open = vault.log_review_flags(&fg(), true).await.unwrap();
        assert_eq!(open.len(), 1);
        let all = vault.log_review_flags(&fg(), false).await.unwrap();
        assert_eq!(all.len(), 3);
        let closed = all.iter().find(|f| f.id == colleague.id).unwrap();
        let closing = closed.closed.as_ref().unwrap();
        assert_eq!(closing.note, "Collega is ook cliënt; zorg-1 is haar begeleider");
        assert_eq!(closing.by, "fg-1");
        let made = all.iter().find(|f| f.id == volume.id).unwrap();
        assert_eq!(made.incident.as_deref(), Some(incident.as_str()));

        // The note is sealed: it is not in the database as written.
        let mut raw = store.raw().await;
        let rows: Vec<(String,)> = zorgkluis_testkit::sqlx::query_as(
            "SELECT details FROM log_review_flags WHERE tenant_id = 'bg-wonen'",
        )
        .fetch_all(&mut raw)
        .await
        .unwrap();
        assert!(rows.iter().all(|(d,)| !d.contains("begeleider")));
        if store.backend == Backend::Sqlite {
            assert!(!zorgkluis_testkit::contains(
                &zorgkluis_testkit::all_bytes(store.dir.path()),
                "zorg-1 is haar begeleider"
            ));
        }
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn a_window_that_cannot_be_names_its_field_and_runs_nothing(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let before = event_count(&vault).await;
        let e = vault.run_log_review(&fg(), Some(days_ago(1)), Some(days_ago(3))).await.unwrap_err();
        assert_eq!(invalid_field(&e), "from");
        let tomorrow = today().checked_add(jiff::Span::new().days(1)).unwrap();
        let e = vault.run_log_review(&fg(), None, Some(tomorrow)).await.unwrap_err();
        assert_eq!(invalid_field(&e), "to");
        assert_eq!(event_count(&vault).await, before);
    }
}
