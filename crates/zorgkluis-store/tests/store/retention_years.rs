//! Twenty-five years of retention, with the clock as a parameter: a synthetic organisation
//! under each of the five seed reglementen, its records dated in the past, and a retention run
//! as of every 31 December from 2001 to 2025. What each run destroys is compared with what the
//! reglement and the law beneath it say, dates worked out below from the rules (not copied
//! from a run): the fiscal records after seven years from the end of their year, the dossier
//! when its term ends, under the law in force on the day of the run (the WGBO's fifteen years
//! from the making of a document from 2005, twenty from the last change of the dossier from
//! 2020; the Jeugdwet's alike from 2015), a file kept while a complaint hold stands and
//! destroyed by the first run after its release, and camera footage gone after four weeks.
//!
//! The organisation, in every seed (synthetic: no names, no content of the seed documents):
//! - `A`: registered 1 March 2002, a dossier record and a fiscal record of that day;
//! - `B`: registered 1 May 2008, dossier records of that day and of 1 June 2010;
//! - `C`: registered 15 January 2003, care from then until 30 June 2005, a dossier record and
//!   a fiscal record of 1 February 2004;
//! - `H`: registered 15 January 2001, a dossier record of that day; where the reglement lets a
//!   role place holds, a complaint hold from 1 June of the year its file is first due, released
//!   after the run of the year after.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::{Date, date};
use zorgkluis_core::decide::{RetentionFacts, retention};
use zorgkluis_core::vocabulary::HoldKind;
use zorgkluis_store::vault::{Actor, NewHold, NewPerson, RunOptions, Vault, VaultError};
use zorgkluis_testkit::sqlx;
use zorgkluis_testkit::{TENANT, TestStore, actor, add_staff, on_both_backends};

const A_MADE: Date = date(2002, 3, 1);
const B_MADE: Date = date(2008, 5, 1);
const B_LAST: Date = date(2010, 6, 1);
const C_REGISTERED: Date = date(2003, 1, 15);
const C_MADE: Date = date(2004, 2, 1);
const C_CARE_END: Date = date(2005, 6, 30);
const H_MADE: Date = date(2001, 1, 15);

const FIRST_YEAR: i16 = 2001;
const LAST_YEAR: i16 = 2025;

fn plus_years(d: Date, n: i16) -> Date {
    d.checked_add(jiff::Span::new().years(n)).unwrap()
}

fn end_of_year(d: Date) -> Date {
    date(d.year(), 12, 31)
}

/// The year of the first run (as of 31 December) after the last day of retention: data is due
/// the day after `until`, so a term ending on 31 December goes the year after.
fn run_after(until: Date) -> i16 {
    if until == end_of_year(until) {
        until.year() + 1
    } else {
        until.year()
    }
}

/// What a run destroys: a person's whole file, or the records of one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    File,
    Records(&'static str),
}

/// A seed and how its organisation is staffed: who registers, who keeps the care teams, who
/// writes the dossier (in a care relationship) and the fiscal records, and who places holds.
struct Seed {
    id: &'static str,
    staff: &'static [(&'static str, &'static str)],
    registrar: (&'static str, &'static str),
    care_teams: (&'static str, &'static str),
    carer: (&'static str, &'static str),
    cashier: (&'static str, &'static str),
    /// The dossier category the carer writes.
    dossier: &'static str,
    /// Who places holds, if the reglement gives any role `place_hold`.
    holds: Option<(&'static str, &'static str)>,
}

const ZORG: (&str, &str) = ("zorg-1", "zorgverlener");
const ADMIN: (&str, &str) = ("admin-1", "administratie");
const DIRECTIE: (&str, &str) = ("dir-1", "directie");

const COMMON_STAFF: &[(&str, &str)] = &[ZORG, ADMIN, DIRECTIE];

fn seed(id: &str) -> Seed {
    let plain = |id: &'static str, dossier, holds| Seed {
        id,
        staff: COMMON_STAFF,
        registrar: ADMIN,
        care_teams: ADMIN,
        carer: ZORG,
        cashier: ADMIN,
        dossier,
        holds,
    };
    match id {
        // Aanzien: the team leader keeps the care teams; the carer writes the history and
        // social environment (its own category, not part of a medical record).
        "aanzien" => Seed {
            staff: &[ZORG, ADMIN, DIRECTIE, ("lead-1", "teamleider")],
            care_teams: ("lead-1", "teamleider"),
            ..plain("aanzien", "voorgeschiedenis", None)
        },
        "aliantus" => plain("aliantus", "gezondheid", None),
        "alpo-zorg" => plain("alpo-zorg", "gezondheid", None),
        "bg-wonen" => plain("bg-wonen", "gezondheid", Some(DIRECTIE)),
        "rondomzorg" => plain("rondomzorg", "gezondheid", Some(DIRECTIE)),
        other => panic!("no seed {other}"),
    }
}

fn who(a: (&str, &str)) -> Actor {
    actor(a.0, a.1)
}

async fn raw_update(store: &TestStore, sql: &str, args: &[&str]) {
    let mut raw = store.raw().await;
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).bind(TENANT);
    for a in args {
        q = q.bind(*a);
    }
    q.execute(&mut raw).await.unwrap();
}

/// A client registered on `registered`, in the carer's care team (from `care.0` to `care.1`;
/// open while it goes on), with records of `(category, day)`. The writes happen now, through
/// the access path; their dates are then set back (test setup only).
async fn client(
    store: &TestStore,
    vault: &Vault,
    s: &Seed,
    registered: Date,
    care: (Date, Option<Date>),
    records: &[(&str, Date)],
) -> String {
    let person = vault
        .register_person(
            &who(s.registrar),
            &NewPerson {
                subject_category: "client".into(),
                bsn: None,
                facts: None,
            },
            "intake",
        )
        .await
        .unwrap_or_else(|e| panic!("{}: register: {e}", s.id));
    vault
        .assign_care(
            &who(s.care_teams),
            s.carer.0,
            &person,
            date(2020, 1, 1),
            None,
        )
        .await
        .unwrap_or_else(|e| panic!("{}: care: {e}", s.id));
    for (n, (category, day)) in records.iter().enumerate() {
        let author = if *category == "financieel" {
            s.cashier
        } else {
            s.carer
        };
        let id = vault
            .add_record(
                &who(author),
                &person,
                category,
                &format!("Synthetisch {category} {n}"),
                "zorg",
            )
            .await
            .unwrap_or_else(|e| panic!("{}: {category} by {}: {e}", s.id, author.1));
        raw_update(
            store,
            "UPDATE records SET created_at = $3 WHERE tenant_id = $1 AND id = $2",
            &[&id, &format!("{day}T10:00:00Z")],
        )
        .await;
    }
    raw_update(
        store,
        "UPDATE persons SET created_at = $3 WHERE tenant_id = $1 AND id = $2",
        &[&person, &format!("{registered}T09:00:00Z")],
    )
    .await;
    let until = care.1.map(|d| d.to_string());
    let mut raw = store.raw().await;
    sqlx::query(
        "UPDATE care_relationships SET valid_from = $3, valid_until = $4 \
         WHERE tenant_id = $1 AND person_id = $2",
    )
    .bind(TENANT)
    .bind(&person)
    .bind(care.0.to_string())
    .bind(until)
    .execute(&mut raw)
    .await
    .unwrap();
    person
}

/// What the rules say each run destroys, per seed: (year of the run, client, scope).
fn expected(s: &Seed) -> Vec<(i16, &'static str, Scope)> {
    let fiscal = Scope::Records("financieel");
    // Every seed keeps the fiscal records seven years from the end of their fiscal year
    // (art. 52 lid 4 AWR; the AWR's own seven years from the making end earlier).
    let a_fiscal = run_after(plus_years(end_of_year(A_MADE), 7)); // 2009-12-31: the run of 2010
    let c_fiscal = run_after(plus_years(end_of_year(C_MADE), 7)); // 2011-12-31: 2012
    match s.id {
        // 13: five years from the end of care (and the identification seven years after the
        // fiscal year of the last change). A's, B's and H's care goes on: their terms have not
        // started. C's history goes five years after the end of care; the rest of C's file
        // with the fiscal record (naw: the later of 2010-06-30 and 2011-12-31).
        "aanzien" => vec![
            (a_fiscal, "A", fiscal),
            (
                run_after(plus_years(C_CARE_END, 5)),
                "C",
                Scope::Records("voorgeschiedenis"),
            ),
            (c_fiscal, "C", Scope::File),
        ],
        // "Verantwoordelijk": 15 years from the making, the identification too. The WGBO in
        // force until 2020 says the same (15 years from the making); from 2020 it says 20 years
        // from the last change, which keeps B (2030) past its 15 years (2023 and 2025).
        "aliantus" => vec![
            (a_fiscal, "A", fiscal),
            (c_fiscal, "C", fiscal),
            (run_after(plus_years(H_MADE, 15)), "H", Scope::File),
            (run_after(plus_years(A_MADE, 15)), "A", Scope::File),
            (run_after(plus_years(C_MADE, 15)), "C", Scope::File),
        ],
        // 13.1: 10 years from the making. The WGBO of 2005 (15 years from the making) governs
        // the shorter term: H, A and C go five years later than the reglement says.
        "alpo-zorg" => vec![
            (a_fiscal, "A", fiscal),
            (c_fiscal, "C", fiscal),
            (run_after(plus_years(H_MADE, 15)), "H", Scope::File),
            (run_after(plus_years(A_MADE, 15)), "A", Scope::File),
            (run_after(plus_years(C_MADE, 15)), "C", Scope::File),
        ],
        // 3.4: 20 years from the last change (the identification: 20 years from the last
        // change or the registration, 1.1). H is due in 2021, held by the complaint in 2021
        // and 2022, released, and destroyed by the run of 2023.
        "bg-wonen" => vec![
            (a_fiscal, "A", fiscal),
            (c_fiscal, "C", fiscal),
            (run_after(plus_years(A_MADE, 20)), "A", Scope::File),
            (run_after(plus_years(H_MADE, 20)) + 2, "H", Scope::File),
            (run_after(plus_years(C_MADE, 20)), "C", Scope::File),
        ],
        // 1.2: 7 years from the last change; the WGBO of 2005 and the Jeugdwet of 2015 (15
        // years from the making) govern it: H is due in 2016 (held 2016 and 2017, destroyed
        // in 2018), A in 2017, C in 2019.
        "rondomzorg" => vec![
            (a_fiscal, "A", fiscal),
            (c_fiscal, "C", fiscal),
            (run_after(plus_years(H_MADE, 15)) + 2, "H", Scope::File),
            (run_after(plus_years(A_MADE, 15)), "A", Scope::File),
            (run_after(plus_years(C_MADE, 15)), "C", Scope::File),
        ],
        _ => unreachable!(),
    }
}

/// The year H's file is first due where a hold keeps it (the hold's year).
fn hold_year(s: &Seed) -> Option<i16> {
    match s.id {
        "bg-wonen" => Some(run_after(plus_years(H_MADE, 20))),
        "rondomzorg" => Some(run_after(plus_years(H_MADE, 15))),
        _ => None,
    }
}

async fn walk(store: TestStore, id: &str) {
    let s = seed(id);
    let vault = store.open_with(s.id).await;
    add_staff(&vault, s.staff).await;
    let d = s.dossier;
    let a = client(
        &store,
        &vault,
        &s,
        A_MADE,
        (A_MADE, None),
        &[(d, A_MADE), ("financieel", A_MADE)],
    )
    .await;
    let b = client(
        &store,
        &vault,
        &s,
        B_MADE,
        (B_MADE, None),
        &[(d, B_MADE), (d, B_LAST)],
    )
    .await;
    let c = client(
        &store,
        &vault,
        &s,
        C_REGISTERED,
        (C_REGISTERED, Some(C_CARE_END)),
        &[(d, C_MADE), ("financieel", C_MADE)],
    )
    .await;
    let h = client(&store, &vault, &s, H_MADE, (H_MADE, None), &[(d, H_MADE)]).await;
    let label: BTreeMap<String, &str> = [(&a, "A"), (&b, "B"), (&c, "C"), (&h, "H")]
        .into_iter()
        .map(|(p, l)| (p.clone(), l))
        .collect();

    // The complaint hold on H, where a role may place one; elsewhere no role may.
    let hold = match (s.holds, hold_year(&s)) {
        (Some(placer), Some(year)) => Some(
            vault
                .place_hold(
                    &who(placer),
                    &NewHold {
                        person: h.clone(),
                        category: None,
                        kind: HoldKind::Klacht,
                        reason: "Synthetische klacht".into(),
                        starts_on: date(year, 6, 1),
                        ends_on: None,
                        review_on: Some(date(year + 1, 6, 1)),
                    },
                )
                .await
                .unwrap(),
        ),
        _ => {
            for (user, role) in s.staff {
                let refused = vault
                    .place_hold(
                        &actor(user, role),
                        &NewHold {
                            person: h.clone(),
                            category: None,
                            kind: HoldKind::Klacht,
                            reason: "Synthetische klacht".into(),
                            starts_on: date(2010, 1, 1),
                            ends_on: None,
                            review_on: None,
                        },
                    )
                    .await;
                assert!(
                    matches!(refused, Err(VaultError::Denied(_))),
                    "{}: {role} places a hold: {refused:?}",
                    s.id
                );
            }
            None
        }
    };

    let system = Actor::system("test");
    let mut seen: Vec<(i16, &str, Scope)> = Vec::new();
    for year in FIRST_YEAR..=LAST_YEAR {
        let as_of = date(year, 12, 31);
        let run = vault
            .retention_run(&system, as_of, RunOptions::default())
            .await
            .unwrap();
        let cert = run.certificate.unwrap();
        assert!(
            cert.skipped.is_empty(),
            "{} {year}: {:?}",
            s.id,
            cert.skipped
        );
        for item in &cert.destroyed {
            let scope = if item.scope == "person" {
                Scope::File
            } else {
                let c = item.entries[0].category.clone();
                Scope::Records(if c == "financieel" {
                    "financieel"
                } else {
                    assert_eq!(c, s.dossier, "{} {year}", s.id);
                    s.dossier
                })
            };
            let name = label[&item.person_id];
            seen.push((year, name, scope));
            // The articles of what goes: the fiscal rule, or the dossier's, or the law's.
            for e in &item.entries {
                assert!(!e.articles.is_empty(), "{} {year}: {e:?}", s.id);
                assert!(
                    e.retain_until.is_some_and(|u| u < as_of),
                    "{} {year}: {e:?}",
                    s.id
                );
            }
            // Where the law set a longer term than the reglement, the certificate cites it:
            // A's dossier under the WGBO of 2005, 15 years from the making, in Alpo zorg (10
            // years, 13.1) and Rondomzorg (7 years from the last change, 1.2).
            if name == "A" && scope == Scope::File && matches!(s.id, "alpo-zorg" | "rondomzorg") {
                let e = item.entries.iter().find(|e| e.category == d).unwrap();
                assert_eq!(e.retain_until, Some(plus_years(A_MADE, 15)), "{}", s.id);
                assert!(
                    e.articles.iter().any(|x| x == "art. 7:454 lid 3 BW"),
                    "{}: {:?}",
                    s.id,
                    e.articles
                );
            }
        }
        // The held years: the hold keeps H's file, and the certificate says so.
        if let (Some(id), Some(hy)) = (&hold, hold_year(&s)) {
            if year == hy || year == hy + 1 {
                let held = cert.held.iter().find(|x| &x.hold_id == id);
                let held = held.unwrap_or_else(|| panic!("{} {year}: {:?}", s.id, cert.held));
                assert_eq!(
                    (held.person_id.as_str(), held.records_kept),
                    (h.as_str(), 1)
                );
                assert!(
                    held.articles.contains(&"3.5".to_owned()),
                    "{:?}",
                    held.articles
                );
            }
            if year == hy + 1 {
                vault.release_hold(&who(DIRECTIE), id).await.unwrap();
            }
        }
    }
    seen.sort();
    let mut want = expected(&s);
    want.sort();
    assert_eq!(seen, want, "{}: what was destroyed when", s.id);

    // After 25 years: B's file stays, and opens.
    let files: BTreeSet<&str> = want
        .iter()
        .filter(|w| w.2 == Scope::File)
        .map(|w| w.1)
        .collect();
    for (p, l) in &label {
        let dossier = vault.read_category(&who(s.carer), p, d, "zorg", None).await;
        if files.contains(l) {
            assert!(
                matches!(dossier, Err(VaultError::Erased(_))),
                "{} {l}: {dossier:?}",
                s.id
            );
        } else {
            assert!(!dossier.unwrap().is_empty(), "{} {l}", s.id);
        }
    }
    assert!(!files.contains("B"));

    // Looking ahead: B's dossier is kept until twenty years after its last change (the WGBO
    // since 2020, art. 7:454 lid 3 BW), past the reglement's shorter term, and the plan says
    // why. In Aanzien B's term counts from the end of care, which has not come.
    let b_until = plus_years(B_LAST, 20);
    let before = vault
        .retention_plan(&system, end_of_year(plus_years(B_LAST, 19)))
        .await
        .unwrap();
    assert!(!before.persons.iter().any(|p| p.person_id == b), "{}", s.id);
    let after = vault
        .retention_plan(&system, end_of_year(b_until))
        .await
        .unwrap();
    let b_plan = after.persons.iter().find(|p| p.person_id == b);
    if s.id == "aanzien" {
        assert!(b_plan.is_none(), "{b_plan:?}");
    } else {
        let b_plan = b_plan.unwrap_or_else(|| panic!("{}: {:?}", s.id, after.persons));
        assert!(b_plan.whole_file, "{}: {b_plan:?}", s.id);
        let dossier = b_plan.entries.iter().find(|e| e.category == d).unwrap();
        assert_eq!(dossier.records, 2);
        assert_eq!(dossier.retain_until, Some(b_until), "{}", s.id);
        let cites = |a: &str| dossier.articles.iter().any(|x| x == a);
        match s.id {
            // The reglement's own 20 years from the last change: its article.
            "bg-wonen" => assert!(cites("3.4"), "{:?}", dossier.articles),
            // The law over the shorter term: its article, not the reglement's.
            "aliantus" | "alpo-zorg" => {
                assert!(
                    cites("art. 7:454 lid 3 BW"),
                    "{}: {:?}",
                    s.id,
                    dossier.articles
                )
            }
            "rondomzorg" => assert!(
                cites("art. 7:454 lid 3 BW") && cites("art. 7.3.8 Jeugdwet"),
                "{:?}",
                dossier.articles
            ),
            _ => unreachable!(),
        }
    }
    let report = vault.verify_audit().await.unwrap();
    assert!(report.ok(), "{}: {:?}", s.id, report.findings);
    vault.close().await;
}

on_both_backends! {
    async fn retention_years_aanzien(store) {
        walk(store, "aanzien").await;
    }

    async fn retention_years_aliantus(store) {
        walk(store, "aliantus").await;
    }

    async fn retention_years_alpo_zorg(store) {
        walk(store, "alpo-zorg").await;
    }

    async fn retention_years_bg_wonen(store) {
        walk(store, "bg-wonen").await;
    }

    async fn retention_years_rondomzorg(store) {
        walk(store, "rondomzorg").await;
    }
}

/// The statutory minimum over a shorter reglement term, as the core answers it: B's dossier
/// (made 1 May 2008, last changed 1 June 2010) asked about at the end of 2023. The reglement
/// alone ends it earlier; the answer follows the WGBO's twenty years from the last change,
/// says so, cites art. 7:454 lid 3 BW and keeps the reglement's own term beside it.
#[test]
fn retention_years_the_law_governs_a_shorter_reglement_term() {
    for (id, own_end) in [
        // 15 years from the making of the first record ("Verantwoordelijk").
        ("aliantus", plus_years(B_MADE, 15)),
        // 10 years from the making (13.1).
        ("alpo-zorg", plus_years(B_MADE, 10)),
        // 7 years from the last change (1.2).
        ("rondomzorg", plus_years(B_LAST, 7)),
    ] {
        let reglement = zorgkluis_testkit::reglement(id);
        let answer = retention(
            &reglement,
            "gezondheid",
            RetentionFacts {
                created: Some(B_MADE),
                last_change: Some(B_LAST),
                care_ended: None,
                last_treatment: None,
                legal_hold: false,
                as_of: Some(date(2023, 12, 31)),
            },
        )
        .unwrap();
        assert_eq!(answer.retain_until, Some(plus_years(B_LAST, 20)), "{id}");
        let own = answer
            .reglement_term
            .as_ref()
            .expect("the reglement's own term");
        assert_eq!(own.retain_until, Some(own_end), "{id}");
        assert!(own_end < plus_years(B_LAST, 20));
        assert!(
            answer
                .law
                .iter()
                .any(|l| l.article == "art. 7:454 lid 3 BW"),
            "{id}: {:?}",
            answer.law
        );
        assert!(
            answer.articles.contains(&"art. 7:454 lid 3 BW".to_owned()),
            "{id}"
        );
    }
}

/// The seed with a write grant on camera footage for the directie: no seed gives any role
/// `write` on `camerabeelden` (the camera system is outside the reglement, its protocol too),
/// so the footage cannot enter the vault through the access path otherwise. Only that grant
/// is added; the retention rules are the seed's own.
fn with_camera_writer(id: &str) -> (zorgkluis_core::Reglement, String) {
    let source = zorgkluis_testkit::reglement_source(id);
    let start = source
        .find("id = \"cameratoezicht\"")
        .expect("a camera processing");
    let rest = &source[start..];
    // The processing's own lines end at the first blank line; its users follow, up to the next
    // processing or section.
    let end = start + rest.find("\n\n").expect("the end of the processing");
    let region = ["\n[[verwerkingen]]", "\n# ---"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let block = &rest[..region];
    let text = if let Some(at) = block.find("rol = \"directie\"\nacties = [\"read\"]") {
        let at = start + at;
        format!(
            "{}rol = \"directie\"\nacties = [\"read\", \"write\"]{}",
            &source[..at],
            &source[at + "rol = \"directie\"\nacties = [\"read\"]".len()..]
        )
    } else {
        format!(
            "{}\n\n[[verwerkingen.gebruikers]]\nrol = \"directie\"\nacties = [\"read\", \"write\"]\nartikel = \"test\"{}",
            &source[..end],
            &source[end..]
        )
    };
    let reglement =
        zorgkluis_core::Reglement::load(&format!("{id}.toml"), &text, zorgkluis_core::Lang::En)
            .unwrap_or_else(|d| panic!("{id}: {d:?}"));
    (reglement, text)
}

async fn camera(store: TestStore, id: &str) {
    let (reglement, source) = with_camera_writer(id);
    zorgkluis_store::vault::init(&store.location).unwrap();
    let policy = zorgkluis_testkit::policy(&reglement);
    let vault = Vault::open(&store.location, TENANT, reglement, &source, policy)
        .await
        .unwrap();
    add_staff(&vault, COMMON_STAFF).await;
    let s = seed(id);
    let first = date(2025, 3, 3);
    let second = date(2025, 3, 20);
    let person = client(
        &store,
        &vault,
        &s,
        date(2024, 1, 10),
        (date(2024, 1, 10), None),
        &[("gezondheid", date(2024, 1, 10))],
    )
    .await;
    for day in [first, second] {
        let rec = vault
            .add_record(
                &who(DIRECTIE),
                &person,
                "camerabeelden",
                "Synthetische opname",
                "veiligheid",
            )
            .await
            .unwrap();
        raw_update(
            &store,
            "UPDATE records SET created_at = $3 WHERE tenant_id = $1 AND id = $2",
            &[&rec, &format!("{day}T03:00:00Z")],
        )
        .await;
    }
    let system = Actor::system("test");
    let four_weeks = |d: Date| d.checked_add(jiff::Span::new().weeks(4)).unwrap();
    let camera_due = |plan: &zorgkluis_store::vault::RetentionPlan| {
        plan.persons
            .iter()
            .filter(|p| p.person_id == person)
            .flat_map(|p| p.entries.iter().filter(|e| e.category == "camerabeelden"))
            .cloned()
            .collect::<Vec<_>>()
    };
    // Four weeks from the recording, whatever destruction window the reglement adds (BG wonen
    // and Rondomzorg give a year after the end of a term, 3.5): the last day is the day four
    // weeks on, and destruction is due by that day.
    let kept = vault
        .retention_plan(&system, four_weeks(first))
        .await
        .unwrap();
    assert!(camera_due(&kept).is_empty(), "{id}: {:?}", kept.persons);
    let day_after = four_weeks(first).tomorrow().unwrap();
    let due = camera_due(&vault.retention_plan(&system, day_after).await.unwrap());
    assert_eq!(due.len(), 1, "{id}: {due:?}");
    assert_eq!(due[0].records, 1, "{id}");
    assert_eq!(due[0].retain_until, Some(four_weeks(first)), "{id}");
    assert_eq!(
        due[0].destroy_by,
        Some(four_weeks(first)),
        "{id}: no window past four weeks"
    );
    assert!(due[0].overdue, "{id}");
    let both_day = four_weeks(second).tomorrow().unwrap();
    let both = camera_due(&vault.retention_plan(&system, both_day).await.unwrap());
    assert_eq!(both[0].records, 2, "{id}");
    // The run of that day destroys the footage, and only that: the health record stays.
    let run = vault
        .retention_run(&system, both_day, RunOptions::default())
        .await
        .unwrap();
    let cert = run.certificate.unwrap();
    let counts: Vec<(&str, usize)> = cert
        .counts
        .iter()
        .map(|c| (c.category.as_str(), c.records))
        .collect();
    assert_eq!(counts, vec![("camerabeelden", 2)], "{id}");
    assert_eq!(cert.whole_files, 0);
    let footage = vault
        .read_category(&who(DIRECTIE), &person, "camerabeelden", "veiligheid", None)
        .await
        .unwrap();
    assert!(footage.is_empty(), "{id}");
    let health = vault
        .read_category(&who(ZORG), &person, "gezondheid", "zorg", None)
        .await
        .unwrap();
    assert_eq!(health.len(), 1, "{id}");
    vault.close().await;
}

on_both_backends! {
    async fn retention_years_camera_footage_goes_after_four_weeks_aliantus(store) {
        camera(store, "aliantus").await;
    }

    async fn retention_years_camera_footage_goes_after_four_weeks_bg_wonen(store) {
        camera(store, "bg-wonen").await;
    }

    async fn retention_years_camera_footage_goes_after_four_weeks_rondomzorg(store) {
        camera(store, "rondomzorg").await;
    }
}
