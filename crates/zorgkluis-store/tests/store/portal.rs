//! Portal accounts through the vault (issue 12 part 5): a portal account files and reads its
//! own requests and those it files for a person it represents, under its own duty; another
//! person's request is not found; the handler's steps are denied it and logged; a staff
//! account is refused the portal's duty.

use jiff::ToSpan as _;
use jiff::civil::Date;
use zorgkluis_core::Lang;
use zorgkluis_core::vocabulary::{Channel, RequestOutcome, RequestType, Requester};
use zorgkluis_store::vault::{
    Actor, NewPerson, NewRepresentative, NewRequest, PersonFacts, PortalFiling, RequestDetails,
    RequesterFacts, Vault, VaultError,
};
use zorgkluis_testkit::{STAFF, actor, add_staff};

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

async fn person(vault: &Vault, category: &str, name: &str, years: i16) -> String {
    let born = today()
        .checked_sub(years.years())
        .unwrap()
        .checked_sub(1.day())
        .unwrap();
    vault
        .register_person(
            &actor("admin-1", "administratie"),
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

/// The portal actor of `person`, as its web session would have it.
async fn portal_actor(vault: &Vault, person: &str) -> Actor {
    let issued = vault
        .accounts()
        .issue_portal(&Actor::system("test"), person)
        .await
        .unwrap();
    vault
        .accounts()
        .login(&issued.login, &issued.initial_password, "test")
        .await
        .unwrap()
        .expect("a session")
        .actor
}

fn filing(subject: Option<&str>) -> PortalFiling {
    PortalFiling {
        request: RequestType::Inzage,
        subject: subject.map(str::to_owned),
        details: RequestDetails::default(),
    }
}

zorgkluis_testkit::on_both_backends! {
    async fn a_portal_account_files_and_follows_only_its_own_requests(store) {
        let vault = store.open().await;
        add_staff(&vault, STAFF).await;
        let parent = person(&vault, "vertegenwoordiger", "Synthetische Ouder", 40).await;
        let child = person(&vault, "client", "Synthetisch Kind", 10).await;
        let stranger = person(&vault, "client", "Synthetische Buurman", 50).await;
        vault
            .add_representative(
                &actor("admin-1", "administratie"),
                &NewRepresentative {
                    subject: child.clone(),
                    representative: parent.clone(),
                    ground: Requester::Ouder,
                    valid_from: today().checked_sub(1.year()).unwrap(),
                    valid_until: None,
                    authorised_on: None,
                },
            )
            .await
            .unwrap();
        let handler = actor("dir-1", "directie");
        let strangers = vault
            .file_request(&handler, &NewRequest {
                person: stranger.clone(),
                request: RequestType::Inzage,
                channel: Channel::Schriftelijk,
                received: today(),
                requester: RequesterFacts::default(),
                details: RequestDetails::default(),
            }, Lang::Nl)
            .await
            .unwrap();
        let me = portal_actor(&vault, &parent).await;
        assert_eq!(me.role, "portaal");
        let own = vault.portal_file(&me, &filing(None), Lang::Nl).await.unwrap();
        let for_child = vault.portal_file(&me, &filing(Some(&child)), Lang::Nl).await.unwrap();
        assert!(for_child.requester.allowed, "{:?}", for_child.requester);
        let shown = vault.request(&me, &for_child.id).await.unwrap();
        assert_eq!(shown.channel, Channel::Portaal);
        assert_eq!(shown.requester.kind, Requester::Ouder);
        assert_eq!(shown.requester.person.as_deref(), Some(parent.as_str()));
        assert_eq!(vault.request(&me, &own.id).await.unwrap().requester.kind, Requester::Betrokkene);
        let mine: Vec<String> = vault.portal_requests(&me).await.unwrap().into_iter().map(|i| i.summary.id).collect();
        assert_eq!(mine.len(), 2, "{mine:?}");
        assert!(!mine.contains(&strangers.id));
        // Another person's request is not found; filing for him is refused naming the field.
        assert!(matches!(vault.request(&me, &strangers.id).await, Err(VaultError::NotFound(_))));
        match vault.portal_file(&me, &filing(Some(&stranger)), Lang::Nl).await {
            Err(VaultError::Invalid { field: "subject", .. }) => {}
            other => panic!("{other:?}"),
        }
        // Nor through the handler's own filing, as another requester or channel.
        let sneaky = NewRequest {
            person: stranger.clone(),
            request: RequestType::Inzage,
            channel: Channel::Portaal,
            received: today(),
            requester: RequesterFacts::default(),
            details: RequestDetails::default(),
        };
        assert!(matches!(vault.file_request(&me, &sneaky, Lang::Nl).await, Err(VaultError::Invalid { field: "requester", .. })));
        // The handler's steps are the handler's: denied, and logged.
        let decided = vault
            .decide_request(&me, &own.id, RequestOutcome::Toegewezen, &[], today(), Lang::Nl)
            .await;
        assert!(matches!(decided, Err(VaultError::Denied(_))), "{decided:?}");
        assert!(matches!(vault.list_requests(&me, Default::default()).await, Err(VaultError::Denied(_))));
        // Staff are not portal accounts.
        assert!(matches!(vault.portal_requests(&handler).await, Err(VaultError::Denied(_))));
        // Whom the parent represents today.
        let represented = vault.portal_represented(&me, today()).await.unwrap();
        assert_eq!(represented.len(), 1);
        assert_eq!(represented[0].0.subject, child);
        assert_eq!(represented[0].1.as_ref().unwrap().name, "Synthetisch Kind");
        assert!(vault.verify_audit().await.unwrap().ok());
        vault.close().await;
    }
}
