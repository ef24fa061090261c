//! The demo organisation, BG wonen: its reglement built into the binary, staff in every role
//! with a web account and an API token each, and twelve synthetic clients with care teams.
//! Every name, date and number here is made up.

use std::io::Write as _;
use std::path::Path;

use jiff::civil::{Date, date};
use zorgkluis_store::vault::{Actor, NewPerson, PersonFacts, Vault, VaultError};

/// The demo organisation's reglement, built into the binary so `demo` works anywhere.
pub const REGLEMENT: &str = include_str!("../../../reglementen/bg-wonen.toml");
pub const TENANT: &str = "bg-wonen";
/// The demo staff's password: a demo, on loopback, with synthetic data only.
pub const PASSWORD: &str = "demo-wachtwoord";
/// Staff of the demo organisation: user id (also the API token's name) and role.
pub const STAFF: &[(&str, &str)] = &[
    ("zorg-1", "zorgverlener"),
    ("zorg-2", "zorgverlener"),
    ("admin-1", "administratie"),
    ("dir-1", "directie"),
    ("fg-1", "fg"),
];

/// Made-up clients: name, date of birth.
const CLIENTS: &[(&str, (i16, i8, i8))] = &[
    ("Anna van Dalenveld", (1948, 3, 2)),
    ("Bram Kortewind", (1961, 11, 17)),
    ("Chantal Hoogerbrug", (1979, 6, 5)),
    ("Daan Westerkamp", (1990, 1, 23)),
    ("Eva Lindeboom", (1955, 8, 14)),
    ("Fatima el Amrani-Proef", (1983, 4, 30)),
    ("Gerrit Zonnebloem", (1939, 12, 9)),
    ("Hanna de Wilgenhof", (2001, 7, 19)),
    ("Ismail Bergwaard", (1972, 2, 28)),
    ("Joke Ravensteyn-Demo", (1944, 10, 1)),
    ("Karel Duinkerk", (1966, 5, 12)),
    ("Lotte Vermeulenhof", (1998, 9, 3)),
];

/// Synthetic BSNs: nine digits that pass the 11-check, counted up from a fixed start.
fn synthetic_bsns(n: usize) -> Vec<String> {
    (100_000_000u32..)
        .map(|x| x.to_string())
        .filter(|s| zorgkluis_core::bsn::is_valid(s))
        .take(n)
        .collect()
}

fn staff(user: &str, role: &str) -> Actor {
    Actor {
        user_id: user.into(),
        role: role.into(),
        on_behalf_of: None,
        source: "demo".into(),
        supervised: false,
    }
}

/// The web accounts of the demo staff, made where missing (also in a demo directory made by
/// a release that made none).
pub async fn ensure_accounts(vault: &Vault) -> Result<(), String> {
    let system = Actor::system("demo");
    for (id, role) in STAFF {
        match vault
            .accounts()
            .create_user(&system, id, role, PASSWORD, false)
            .await
        {
            Ok(()) | Err(VaultError::Conflict { .. }) => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(())
}

/// Fills the demo organisation once: accounts and tokens for the staff, the clients with their
/// care teams and a health record each. Returns the tokens (kept in the data directory,
/// owner-only, for the demo): name, role, token.
pub async fn seed(vault: &Vault, dir: &Path) -> Result<Vec<(String, String, String)>, String> {
    let tokens_file = dir.join("demo-tokens.txt");
    ensure_accounts(vault).await?;
    if let Ok(text) = std::fs::read_to_string(&tokens_file) {
        return Ok(text
            .lines()
            .filter_map(|l| {
                let mut p = l.split(' ');
                Some((
                    p.next()?.to_owned(),
                    p.next()?.to_owned(),
                    p.next()?.to_owned(),
                ))
            })
            .collect());
    }
    let system = Actor::system("demo");
    let mut tokens = Vec::new();
    for (name, role) in STAFF {
        let t = vault
            .accounts()
            .create_token(&system, name, role)
            .await
            .map_err(|e| e.to_string())?;
        tokens.push(((*name).to_owned(), (*role).to_owned(), t));
    }
    let admin = staff("admin-1", "administratie");
    let mut persons = Vec::new();
    for (i, (bsn, (name, (y, m, d)))) in synthetic_bsns(CLIENTS.len())
        .iter()
        .zip(CLIENTS)
        .enumerate()
    {
        let n = i + 1;
        let born: Date = date(*y, *m, *d);
        let person = vault
            .register_person(
                &admin,
                &NewPerson {
                    subject_category: "client".into(),
                    bsn: Some(bsn.clone()),
                    facts: Some(PersonFacts {
                        name: (*name).to_owned(),
                        birth_date: Some(born),
                        client_number: Some(format!("C-{:04}", 1000 + n)),
                    }),
                },
                "intake",
            )
            .await
            .map_err(|e| e.to_string())?;
        vault
            .add_record(
                &admin,
                &person,
                "naw",
                &format!("Voorbeeldstraat {n}, 1000 AA Demostad"),
                "intake",
            )
            .await
            .map_err(|e| e.to_string())?;
        persons.push(person.clone());
        let caregiver = if n <= 6 { "zorg-1" } else { "zorg-2" };
        vault
            .assign_care(&admin, caregiver, &person, date(2025, 1, 1), None)
            .await
            .map_err(|e| e.to_string())?;
        vault
            .add_record(
                &staff(caregiver, "zorgverlener"),
                &person,
                "gezondheid",
                &format!("Synthetische rapportage {n}: bloeddruk en medicatie gecontroleerd."),
                "zorgverlening",
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    file_requests(vault, &persons).await?;
    record_incident(vault).await?;
    let text: String = tokens
        .iter()
        .map(|(n, r, t)| format!("{n} {r} {t}\n"))
        .collect();
    write_owner_only(&tokens_file, &text)?;
    Ok(tokens)
}

fn write_owner_only(path: &Path, text: &str) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| e.to_string())
}

/// The second-factor keys of the demo staff whose role needs one (the FG: it reads the audit
/// log), made once and kept in the data directory, owner-only, like the tokens: user id, key.
pub async fn second_factors(vault: &Vault, dir: &Path) -> Result<Vec<(String, String)>, String> {
    let file = dir.join("demo-second-factors.txt");
    if let Ok(text) = std::fs::read_to_string(&file) {
        return Ok(text
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(u, k)| (u.to_owned(), k.to_owned()))
            .collect());
    }
    let system = Actor::system("demo");
    let mut keys = Vec::new();
    for (id, role) in STAFF {
        if vault.second_factor_required(role) {
            let enrolment = vault
                .accounts()
                .provision_second_factor(&system, id)
                .await
                .map_err(|e| e.to_string())?;
            keys.push(((*id).to_owned(), enrolment.secret));
        }
    }
    let text: String = keys.iter().map(|(u, k)| format!("{u} {k}\n")).collect();
    write_owner_only(&file, &text)?;
    Ok(keys)
}

/// Three data subject requests for the directie's queue (BG wonen 4.7): an access request that
/// came in forty days ago and is overdue, a correction of ten days ago, and an erasure asked
/// for by telephone today.
async fn file_requests(vault: &Vault, persons: &[String]) -> Result<(), String> {
    use zorgkluis_core::vocabulary::{Channel, RequestType};
    use zorgkluis_store::vault::{NewRequest, RequestDetails, RequesterFacts};
    let directie = staff("dir-1", "directie");
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let ago = |days: i64| {
        today
            .checked_sub(jiff::Span::new().days(days))
            .unwrap_or(today)
    };
    let requests = [
        (0, RequestType::Inzage, Channel::Schriftelijk, ago(40)),
        (3, RequestType::Correctie, Channel::Email, ago(10)),
        (8, RequestType::Verwijdering, Channel::Telefonisch, today),
    ];
    for (i, request, channel, received) in requests {
        let Some(person) = persons.get(i) else {
            continue;
        };
        vault
            .file_request(
                &directie,
                &NewRequest {
                    person: person.clone(),
                    request,
                    channel,
                    received,
                    requester: RequesterFacts::default(),
                    details: RequestDetails::default(),
                },
                zorgkluis_core::Lang::Nl,
            )
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A data breach found this morning, for the FG's register: the AP's 72 hours running.
async fn record_incident(vault: &Vault) -> Result<(), String> {
    use zorgkluis_core::incident::IncidentFacts;
    use zorgkluis_core::vocabulary::BreachNature;
    let found = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(5))
        .map_err(|e| e.to_string())?;
    vault
        .record_incident(
            &Actor::system("demo"),
            &IncidentFacts {
                discovered: Some(found),
                discovered_by: "zorg-2".into(),
                how_discovered: "Een collega vond de lijst in de trein".into(),
                description: "Een uitgeprinte overdrachtslijst van team Oost lag in de trein"
                    .into(),
                nature: vec![BreachNature::Vertrouwelijkheid],
                categories: vec!["naw".into(), "gezondheid".into()],
                persons_min: Some(6),
                persons_max: Some(6),
                ..IncidentFacts::default()
            },
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
