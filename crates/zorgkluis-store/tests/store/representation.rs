//! Persons with the facts the law turns on, and their representatives (issue 12 part 1): the
//! stored link and facts decide who may file a request; bad input names the field and changes
//! nothing; every step is in the audit chain.

use jiff::ToSpan as _;
use jiff::civil::Date;
use zorgkluis_core::Lang;
use zorgkluis_core::vocabulary::{Channel, Ground, RequestType, Requester};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{
    Actor, LegalFacts, NewPerson, NewRepresentative, NewRequest, PersonFacts, RequestDetails,
    RequestFilter, RequesterFacts, Vault, VaultError,
};
use zorgkluis_testkit::{Backend, STAFF, actor, add_staff, all_bytes, contains};

use crate::access_path::event_count;

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn admin() -> Actor {
    actor("admin-1", "administratie")
}

fn handler() -> Actor {
    actor("dir-1", "directie")
}

/// A person of `category`, `years` old (and a day) today.
async fn person(vault: &Vault, category: &str, name: &str, years: i16) -> String {
    let born = today()
        .checked_sub(years.years())
        .unwrap()
        .checked_sub(1.day())
        .unwrap();
    vault
        .register_person(
            &admin(),
            &NewPerson {
                subject_category: category.into(),
                bsn: None,
                facts: Some(PersonFacts {
                    name: name.into(),
                    birth_date: Some(born),
                    client_number: None,
                }),
            },
            "intake",
        )
        .await
        .unwrap()
}

fn link(subject: &str, by: &str, ground: Requester) -> NewRepresentative {
    NewRepresentative {
        subject: subject.to_owned(),
        representative: by.to_owned(),
        ground,
        valid_from: today().checked_sub(1.year()).unwrap(),
        valid_until: None,
        authorised_on: None,
    }
}

/// An inzage received today, filed by the registered person `by` (no kind or ground given:
/// they come from what is stored).
fn by_person(subject: &str, by: &str) -> NewRequest {
    NewRequest {
        person: subject.to_owned(),
        request: RequestType::Inzage,
        channel: Channel::Schriftelijk,
        received: today(),
        requester: RequesterFacts {
            person: Some(by.to_owned()),
            ..RequesterFacts::default()
        },
        details: RequestDetails::default(),
    }
}

async fn rows(vault: &Vault) -> usize {
    vault
        .list_requests(&handler(), RequestFilter::default())
        .await
        .unwrap()
        .len()
}

/// The outcome of the last event in the chain that is a filing of a request.
async fn last_filing(vault: &Vault, subject: &str) -> Outcome {
    let log = vault
        .audit_for_person(&actor("fg-1", "fg"), subject)
        .await
        .unwrap();
    log.iter()
        .rev()
        .find(|e| e.action == AuditAction::RequestFile)
        .map(|e| e.outcome)
        .expect("a filing event")
}

zorgkluis_testkit::on_both_backends! {
    /// A parent with authority files for a child of 10 (accepted), of 14 (accepted, the
    /// minor's own rights kept), of 17 (refused: the minor files himself); the kind comes from
    /// the stored link, not from a flag.
    async fn a_parent_files_by_the_childs_age(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let parent = person(&vault, "vertegenwoordiger", "Synthetische Ouder", 45).await;
        let mut filed = Vec::new();
        for age in [10, 14, 17] {
            let child = person(&vault, "client", "Synthetisch Kind", age).await;
            vault.add_representative(&admin(), &link(&child, &parent, Requester::Ouder)).await.unwrap();
            filed.push((child.clone(), vault.file_request(&handler(), &by_person(&child, &parent), Lang::Nl).await));
        }
        let ten = filed[0].1.as_ref().unwrap();
        assert!(ten.requester.allowed);
        assert!(ten.requester.also_needed.is_empty(), "{:?}", ten.requester);
        let fourteen = filed[1].1.as_ref().unwrap();
        assert!(fourteen.requester.allowed);
        assert!(!fourteen.requester.also_needed.is_empty(), "the minor's rights are kept");
        let shown = vault.request(&handler(), &fourteen.id).await.unwrap();
        assert_eq!(shown.requester.kind, Requester::Ouder, "the kind is the link's");
        assert_eq!(shown.requester.person.as_deref(), Some(parent.as_str()));
        match &filed[2].1 {
            Err(VaultError::Invalid { field: "requester", message }) => {
                assert!(message.contains("Vanaf 16 jaar"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(last_filing(&vault, &filed[2].0).await, Outcome::Denied);
        assert_eq!(rows(&vault).await, 2);
        event_count(&vault).await;
        vault.close().await;
    }

    /// A curator of an adult under curatele files: the legal status comes from the stored
    /// facts, in force since its start; the facts are sealed.
    async fn a_curator_files_for_an_adult_under_curatele(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let client = person(&vault, "client", "Synthetische Cliënt", 40).await;
        let curator = person(&vault, "vertegenwoordiger", "Synthetische Curator", 50).await;
        vault.add_representative(&admin(), &link(&client, &curator, Requester::Curator)).await.unwrap();
        // Without the status registered, a curator is refused.
        let e = vault.file_request(&handler(), &by_person(&client, &curator), Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "requester", .. })), "{e:?}");
        let since = today().checked_sub(6.months()).unwrap();
        vault
            .set_legal_facts(&admin(), &client, &LegalFacts {
                deceased: None,
                legal_status: Some(Ground::Curatele),
                legal_status_since: Some(since),
            })
            .await
            .unwrap();
        let filed = vault.file_request(&handler(), &by_person(&client, &curator), Lang::Nl).await.unwrap();
        assert!(filed.requester.allowed, "{:?}", filed.requester);
        let shown = vault.request(&handler(), &filed.id).await.unwrap();
        assert_eq!(shown.requester.kind, Requester::Curator);
        assert_eq!(shown.requester.ground, Some(Ground::Curatele));
        // The administration reads them back; the panel names the curator.
        let r = vault.representation(&admin(), &client).await.unwrap();
        assert_eq!(r.facts.legal_status, Some(Ground::Curatele));
        assert_eq!(r.facts.legal_status_since, Some(since));
        assert_eq!(r.representatives.len(), 1);
        assert_eq!(r.representatives[0].representative_name.as_deref(), Some("Synthetische Curator"));
        // A caregiver outside the care team may not: denied, and logged.
        let denied = vault.legal_facts(&actor("zorg-1", "zorgverlener"), &client).await;
        assert!(matches!(denied, Err(VaultError::Denied(_))), "{denied:?}");
        vault.checkpoint_now().await.unwrap();
        if store.backend == Backend::Sqlite {
            assert!(!contains(&all_bytes(store.dir.path()), "legal_status_since"), "sealed");
        }
        event_count(&vault).await;
        vault.close().await;
    }

    /// A neighbour registered as a person but not linked is refused naming `requester`,
    /// logged as a denied filing; nothing is filed. So is a gemachtigde whose link ended before
    /// the received date, while one whose link holds files.
    async fn who_is_not_linked_on_the_day_is_refused(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let client = person(&vault, "client", "Synthetische Cliënt", 40).await;
        let neighbour = person(&vault, "vertegenwoordiger", "Synthetische Buurman", 60).await;
        let before = event_count(&vault).await;
        let e = vault.file_request(&handler(), &by_person(&client, &neighbour), Lang::Nl).await;
        match e {
            Err(VaultError::Invalid { field: "requester", message }) => {
                assert!(message.contains("not registered as a representative"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(last_filing(&vault, &client).await, Outcome::Denied);
        assert!(event_count(&vault).await > before, "the refusal is logged");
        assert_eq!(rows(&vault).await, 0, "nothing filed");
        // A proxy whose link ended ten days ago.
        let proxy = person(&vault, "vertegenwoordiger", "Synthetische Gemachtigde", 35).await;
        let mut proxied = link(&client, &proxy, Requester::Gemachtigde);
        proxied.authorised_on = Some(today().checked_sub(1.year()).unwrap());
        let added = vault.add_representative(&admin(), &proxied).await.unwrap();
        let mut earlier = by_person(&client, &proxy);
        earlier.received = today().checked_sub(20.days()).unwrap();
        vault.end_representation(&admin(), &added.id, today().checked_sub(10.days()).unwrap()).await.unwrap();
        let e = vault.file_request(&handler(), &by_person(&client, &proxy), Lang::Nl).await;
        match e {
            Err(VaultError::Invalid { field: "requester", message }) => {
                assert!(message.contains("did not hold"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(rows(&vault).await, 0);
        // Received while the link held: the proxy files, with his authorisation.
        let filed = vault.file_request(&handler(), &earlier, Lang::Nl).await.unwrap();
        assert!(filed.requester.allowed, "{:?}", filed.requester);
        // The ended link stays in the history; a second end is refused.
        let r = vault.representation(&admin(), &client).await.unwrap();
        assert_eq!(r.representatives[0].ended_on, Some(today().checked_sub(10.days()).unwrap()));
        let again = vault.end_representation(&admin(), &added.id, today()).await;
        assert!(matches!(again, Err(VaultError::Conflict { field: "on", .. })), "{again:?}");
        // Whom the proxy acts for: on a day the link held, the client; today nobody.
        let then = vault.acting_for(&admin(), &proxy, earlier.received).await.unwrap();
        assert_eq!(then.len(), 1);
        assert_eq!(then[0].subject, client);
        assert_eq!(then[0].ground, Requester::Gemachtigde);
        assert!(vault.acting_for(&admin(), &proxy, today()).await.unwrap().is_empty());
        event_count(&vault).await;
        vault.close().await;
    }

    /// An heir of a deceased client files on a ground of the seed's [nabestaanden] (BG wonen
    /// 2.8: a weighty interest); the date of death comes from the stored facts. The same heir
    /// without a ground is refused.
    async fn an_heir_files_for_a_deceased_client(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let client = person(&vault, "client", "Synthetische Overledene", 80).await;
        let heir = person(&vault, "vertegenwoordiger", "Synthetische Erfgenaam", 50).await;
        let died = today().checked_sub(2.months()).unwrap();
        vault
            .set_legal_facts(&admin(), &client, &LegalFacts { deceased: Some(died), ..LegalFacts::default() })
            .await
            .unwrap();
        vault.add_representative(&admin(), &link(&client, &heir, Requester::Nabestaande)).await.unwrap();
        let e = vault.file_request(&handler(), &by_person(&client, &heir), Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "requester", .. })), "{e:?}");
        let mut grounded = by_person(&client, &heir);
        grounded.requester.ground = Some(Ground::ZwaarwegendBelang);
        let filed = vault.file_request(&handler(), &grounded, Lang::Nl).await.unwrap();
        assert!(filed.requester.allowed, "{:?}", filed.requester);
        assert!(filed.requester.articles.iter().any(|a| a.contains("2.8") || a.contains("7:458a")), "{:?}", filed.requester.articles);
        // A date of death given at filing that contradicts the stored one is refused.
        let mut wrong = grounded.clone();
        wrong.requester.subject_deceased = Some(died.checked_sub(1.day()).unwrap());
        let e = vault.file_request(&handler(), &wrong, Lang::Nl).await;
        assert!(matches!(e, Err(VaultError::Invalid { field: "subject_deceased", .. })), "{e:?}");
        event_count(&vault).await;
        vault.close().await;
    }

    /// Bad input names the field and changes nothing: an end before the start, a gemachtigde
    /// without his authorisation, a person linked to himself, an unknown person, a date of
    /// death in the future, a legal status without its start.
    async fn bad_representation_input_changes_nothing(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let client = person(&vault, "client", "Synthetische Cliënt", 40).await;
        let other = person(&vault, "vertegenwoordiger", "Synthetische Ander", 40).await;
        let before = event_count(&vault).await;
        let mut until = link(&client, &other, Requester::Mentor);
        until.valid_until = Some(until.valid_from.checked_sub(1.day()).unwrap());
        let mut proxy = link(&client, &other, Requester::Gemachtigde);
        proxy.authorised_on = None;
        let own = link(&client, &client, Requester::Mentor);
        let unknown = link(&client, "00000000-0000-0000-0000-000000000000", Requester::Mentor);
        for (new, field) in [(until, "until"), (proxy, "authorised_on"), (own, "by"), (unknown, "by")] {
            let e = vault.add_representative(&admin(), &new).await;
            match e {
                Err(VaultError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        for (facts, field) in [
            (LegalFacts { deceased: Some(today().checked_add(1.day()).unwrap()), ..LegalFacts::default() }, "deceased"),
            (LegalFacts { legal_status: Some(Ground::Mentorschap), ..LegalFacts::default() }, "legal_status_since"),
            (LegalFacts { legal_status: Some(Ground::Wilsonbekwaam), legal_status_since: Some(today()), ..LegalFacts::default() }, "legal_status"),
        ] {
            let e = vault.set_legal_facts(&admin(), &client, &facts).await;
            match e {
                Err(VaultError::Invalid { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        let e = vault.add_representative(&admin(), &link("00000000-0000-0000-0000-000000000000", &other, Requester::Mentor)).await;
        assert!(matches!(e, Err(VaultError::NotFound(_))), "{e:?}");
        let e = vault.end_representation(&admin(), "no-such-link", today()).await;
        assert!(matches!(e, Err(VaultError::NotFound(_))), "{e:?}");
        assert_eq!(event_count(&vault).await, before, "nothing was written");
        let r = vault.representation(&admin(), &client).await.unwrap();
        assert!(r.representatives.is_empty());
        assert_eq!(r.facts, LegalFacts::default());
        vault.close().await;
    }
}

/// Rows of `person` in the representation tables: his legal facts, and the links where he is
/// the subject or the representative.
async fn representation_rows(store: &zorgkluis_testkit::TestStore, person: &str) -> i64 {
    let mut raw = store.raw().await;
    let facts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM person_legal_facts WHERE person_id = $1")
            .bind(person)
            .fetch_one(&mut raw)
            .await
            .unwrap();
    let links: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM representatives WHERE subject_id = $1 OR representative_id = $1",
    )
    .bind(person)
    .fetch_one(&mut raw)
    .await
    .unwrap();
    facts + links
}

zorgkluis_testkit::on_both_backends! {
    /// Erasing a person deletes his legal facts, every link where he is the subject or the
    /// representative, and his portal account with its sessions; the links of others stay.
    async fn erasing_a_person_deletes_his_representation(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let client = person(&vault, "client", "Synthetische Cliënt", 40).await;
        let curator = person(&vault, "vertegenwoordiger", "Synthetische Curator", 50).await;
        let ward = person(&vault, "client", "Synthetische Pupil", 30).await;
        let other = person(&vault, "vertegenwoordiger", "Synthetische Mentor", 55).await;
        vault
            .set_legal_facts(
                &admin(),
                &client,
                &LegalFacts {
                    legal_status: Some(Ground::Curatele),
                    legal_status_since: Some(today().checked_sub(2.years()).unwrap()),
                    ..LegalFacts::default()
                },
            )
            .await
            .unwrap();
        vault.add_representative(&admin(), &link(&client, &curator, Requester::Curator)).await.unwrap();
        // The client acts for someone too, and someone else acts for the ward.
        vault.add_representative(&admin(), &link(&ward, &client, Requester::Mentor)).await.unwrap();
        vault.add_representative(&admin(), &link(&ward, &other, Requester::Mentor)).await.unwrap();
        assert_eq!(representation_rows(&store, &client).await, 3, "{}", store.name());
        let issued = vault.accounts().issue_portal(&Actor::system("test"), &client).await.unwrap();
        let session = vault.accounts().login(&issued.login, &issued.initial_password, "test").await.unwrap();
        assert!(session.is_some(), "the portal account logs in");
        vault.erase_person(&handler(), &client, "verzoek").await.unwrap();
        assert_eq!(representation_rows(&store, &client).await, 0, "{}", store.name());
        let mut raw = store.raw().await;
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE person_id = $1 OR id = $2")
            .bind(&client)
            .bind(&issued.login)
            .fetch_one(&mut raw)
            .await
            .unwrap();
        assert_eq!(accounts, 0, "the portal account is gone");
        drop(raw);
        let again = vault.accounts().login(&issued.login, &issued.initial_password, "test").await.unwrap();
        assert!(again.is_none());
        let session = session.unwrap();
        assert!(vault.accounts().session(&session.token, "test").await.unwrap().is_none(), "its session ended");
        // The ward's other link is left alone, and still opens.
        let r = vault.representation(&admin(), &ward).await.unwrap();
        assert_eq!(r.representatives.len(), 1, "{:?}", r.representatives);
        assert_eq!(representation_rows(&store, &other).await, 1);
        vault.close().await;
    }
}
