//! Sealed personal data, and the one way to open it.
//!
//! This module is the capability behind the access path. Everything that decrypts personal
//! data is here, and nothing here decrypts without a [`Receipt`]:
//!
//! 1. [`authorize`] asks the policy engine (the only caller of `decide` in the store) and turns
//!    an allowed decision into a [`Permit`] that names what it covers: the tenant, the persons,
//!    the category and what may be revealed. A denial yields no permit, only the event to log.
//! 2. [`commit`] writes the permit's audit event (with its statements) through the writer and,
//!    once it is durable, turns the permit into a [`Receipt`].
//! 3. [`Sealed::open`] checks the receipt against what it holds (tenant, person, category,
//!    kind) and only then decrypts.
//!
//! A [`DataKey`]'s bytes never leave this module, and its AEAD primitives are private, so no
//! other code in the crate can decrypt: a receipt of a denied event cannot exist, and one of
//! another person or category opens nothing.

use std::fmt;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use zeroize::Zeroizing;
use zorgkluis_core::decide::{AccessDecision, AccessPolicy, AccessRequest, DutyRequest};
use zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY;
use zorgkluis_core::vocabulary::{Action, Duty};

use crate::StoreError;
use crate::audit::Outcome;
use crate::writer::{NewEvent, Stmt, Writer};

pub(crate) const KEY_LEN: usize = 32;
const NONCE_LEN: usize = 12;
/// Sealed data starts with this version byte, so the format can change without guessing.
const SEAL_VERSION: u8 = 1;

pub(crate) fn random<const N: usize>() -> Result<[u8; N], StoreError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Crypto(format!("random: {e}")))?;
    Ok(bytes)
}

/// Seals `plain` with `key`, binding it to `context` (authenticated, not stored): the ciphertext
/// of one field cannot be swapped into another.
fn seal_with(key: &[u8; KEY_LEN], plain: &[u8], context: &[u8]) -> Result<Vec<u8>, StoreError> {
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|e| StoreError::Crypto(e.to_string()))?;
    let nonce_bytes: [u8; NONCE_LEN] = random()?;
    let nonce = Nonce::from(nonce_bytes);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: context,
            },
        )
        .map_err(|_| StoreError::Crypto("encryption failed".into()))?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + sealed.len());
    out.push(SEAL_VERSION);
    out.extend_from_slice(&nonce_bytes);
    out.extend_from_slice(&sealed);
    Ok(out)
}

fn open_with(
    key: &[u8; KEY_LEN],
    sealed: &[u8],
    context: &[u8],
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    let (Some(&SEAL_VERSION), Some(nonce), Some(body)) = (
        sealed.first(),
        sealed.get(1..1 + NONCE_LEN),
        sealed.get(1 + NONCE_LEN..),
    ) else {
        return Err(StoreError::Crypto(
            "sealed data has an unknown format".into(),
        ));
    };
    let cipher = Aes256Gcm::new_from_slice(key).map_err(|e| StoreError::Crypto(e.to_string()))?;
    let nonce_bytes: [u8; NONCE_LEN] = nonce
        .try_into()
        .map_err(|_| StoreError::Crypto("bad nonce".into()))?;
    cipher
        .decrypt(
            &Nonce::from(nonce_bytes),
            Payload {
                msg: body,
                aad: context,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| StoreError::Crypto("sealed data does not authenticate".into()))
}

/// Seals the second-factor secret of staff account `user`: an account's credential, not
/// personal data, so it needs no permit; bound to the tenant and the account.
pub(crate) fn seal_account_secret(
    key: &[u8; KEY_LEN],
    tenant: &str,
    user: &str,
    secret: &[u8],
) -> Result<Vec<u8>, StoreError> {
    seal_with(key, secret, &account_context(tenant, user))
}

/// Opens what [`seal_account_secret`] sealed for the same tenant and account.
pub(crate) fn open_account_secret(
    key: &[u8; KEY_LEN],
    tenant: &str,
    user: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    open_with(key, sealed, &account_context(tenant, user))
}

fn account_context(tenant: &str, user: &str) -> Vec<u8> {
    [
        &b"account-second-factor\0"[..],
        tenant.as_bytes(),
        b"\0",
        user.as_bytes(),
    ]
    .concat()
}

/// Seals a register's free text (an incident's) under the register key, bound to the tenant
/// and the entry.
pub(crate) fn seal_register_text(
    key: &[u8; KEY_LEN],
    tenant: &str,
    entry: &str,
    text: &[u8],
) -> Result<Vec<u8>, StoreError> {
    seal_with(key, text, &register_context(tenant, entry))
}

/// Opens a register's free text, if `receipt` is of an allowed access to the register of the
/// same tenant; otherwise nothing is opened.
pub(crate) fn open_register_text(
    key: &[u8; KEY_LEN],
    receipt: &Receipt,
    tenant: &str,
    entry: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    if receipt.grant.reveals != Reveals::RegisterTexts || receipt.grant.tenant != tenant {
        return Err(StoreError::NotCovered);
    }
    open_with(key, sealed, &register_context(tenant, entry))
}

/// Opens a note of the log review (sealed as a register's free text, under its own entry), if
/// `receipt` is of an allowed reading of the audit log (`read_audit`) of the same tenant.
pub(crate) fn open_audit_note(
    key: &[u8; KEY_LEN],
    receipt: &Receipt,
    tenant: &str,
    entry: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    if receipt.grant.duty != Some(Duty::ReadAudit) || receipt.grant.tenant != tenant {
        return Err(StoreError::NotCovered);
    }
    open_with(key, sealed, &register_context(tenant, entry))
}

fn register_context(tenant: &str, entry: &str) -> Vec<u8> {
    [
        &b"register-text\0"[..],
        tenant.as_bytes(),
        b"\0",
        entry.as_bytes(),
    ]
    .concat()
}

/// A person's data key. Never stored in plaintext; zeroed when dropped; its bytes never leave
/// this module. It knows whose it is, so that it opens nothing of anyone else.
pub(crate) struct DataKey {
    bytes: Zeroizing<[u8; KEY_LEN]>,
    /// The tenant and person it was unwrapped for; `None` for a key not yet wrapped.
    owner: Option<(String, String)>,
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    pub(crate) fn generate() -> Result<DataKey, StoreError> {
        Ok(DataKey {
            bytes: Zeroizing::new(random()?),
            owner: None,
        })
    }

    /// A fresh key for `person` of `tenant`, which may open what it seals.
    pub(crate) fn generate_for(tenant: &str, person: &str) -> Result<DataKey, StoreError> {
        Ok(DataKey {
            bytes: Zeroizing::new(random()?),
            owner: Some((tenant.to_owned(), person.to_owned())),
        })
    }

    /// Seals personal data of this key's person. Sealing reveals nothing, so it needs no
    /// receipt; the statement that stores it goes with the access's audit event.
    pub(crate) fn seal(
        &self,
        plain: &[u8],
        what: &SealedKind,
        tenant: &str,
        person: &str,
    ) -> Result<Vec<u8>, StoreError> {
        seal_with(&self.bytes, plain, &what.context(tenant, person))
    }

    /// This key wrapped by a master key, bound to `tenant` and `person`.
    pub(crate) fn wrap(
        &self,
        master: &[u8; KEY_LEN],
        tenant: &str,
        person: &str,
    ) -> Result<Vec<u8>, StoreError> {
        seal_with(master, self.bytes.as_slice(), &wrap_context(tenant, person))
    }

    /// The data key of `person` of `tenant`, unwrapped from its master key (the wrapping is
    /// bound to them as well).
    pub(crate) fn unwrap(
        master: &[u8; KEY_LEN],
        wrapped: &[u8],
        tenant: &str,
        person: &str,
    ) -> Result<DataKey, StoreError> {
        let context = wrap_context(tenant, person);
        let plain = open_with(master, wrapped, &context)?;
        DataKey::unwrapped(&plain, tenant, person)
    }

    /// The key whose bytes a wrapping opened to, owned by `person` of `tenant`.
    fn unwrapped(plain: &[u8], tenant: &str, person: &str) -> Result<DataKey, StoreError> {
        let key: [u8; KEY_LEN] = plain
            .try_into()
            .map_err(|_| StoreError::Crypto("a wrapped key has the wrong length".into()))?;
        Ok(DataKey {
            bytes: Zeroizing::new(key),
            owner: Some((tenant.to_owned(), person.to_owned())),
        })
    }
}

impl DataKey {
    /// A new key for one category of this (person's) key's records, wrapped by this key and
    /// bound to the category: the new key, and its wrapped form for the key store.
    pub(crate) fn new_category_key(
        &self,
        category: &str,
    ) -> Result<(DataKey, Vec<u8>), StoreError> {
        let (tenant, person) = self.owner_or_err()?;
        let key = DataKey::generate()?;
        let wrapped = seal_with(
            &self.bytes,
            key.bytes.as_slice(),
            &category_wrap_context(tenant, person, category),
        )?;
        Ok((key, wrapped))
    }

    /// The key of one category of this key's person, unwrapped; it opens that person's data.
    pub(crate) fn category_key(
        &self,
        category: &str,
        wrapped: &[u8],
    ) -> Result<DataKey, StoreError> {
        let (tenant, person) = self.owner_or_err()?;
        let plain = open_with(
            &self.bytes,
            wrapped,
            &category_wrap_context(tenant, person, category),
        )?;
        DataKey::unwrapped(&plain, tenant, person)
    }

    fn owner_or_err(&self) -> Result<(&str, &str), StoreError> {
        self.owner
            .as_ref()
            .map(|(t, p)| (t.as_str(), p.as_str()))
            .ok_or_else(|| StoreError::Crypto("a category key needs its person's key".into()))
    }
}

fn category_wrap_context(tenant: &str, person: &str, category: &str) -> Vec<u8> {
    format!("category-key\0{tenant}\0{person}\0{category}").into_bytes()
}

fn wrap_context(tenant: &str, person: &str) -> Vec<u8> {
    format!("person-key\0{tenant}\0{person}").into_bytes()
}

/// What a piece of sealed data is; its context binds the ciphertext to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SealedKind {
    /// A dossier record of a category.
    Record { id: String, category: String },
    /// The structured facts of a person in a category (name, birth date, client number).
    Facts { category: String },
    /// The number of an identity document.
    IdentityDocument { id: String },
    /// The reason a user gave for emergency access to a category.
    EmergencyReason { user: String, category: String },
    /// A reason sealed by a release before reasons were bound to whom and what they concern.
    LegacyEmergencyReason,
    /// What a data subject request asks (categories, the changes wanted, who files it), or the
    /// reason of its extension: `field` says which, the request id binds it.
    Request { id: String, field: String },
    /// The reason a legal hold was placed (free text about the person).
    HoldReason { id: String },
    /// The reason a retention extension was decided (the caregiver's judgement, or where the
    /// client's consent is recorded).
    ExtensionReason { id: String },
    /// The free text of a consent's evidence (the text shown, a signed form's reference, a
    /// representative's name), opened with a read of the category consents are kept in.
    ConsentDetails { id: String, category: String },
    /// The letter that told the subject of a disclosure, or the reason it was not sent.
    /// Opened with a read of the entry's first category.
    DisclosureNotice { id: String, category: String },
    /// The free text of an objection: the grounds the person gave with a representative's
    /// name (`details`), or the compelling grounds of a rejection (`compelling_grounds`),
    /// opened under the duty of handling requests.
    ObjectionText { id: String, field: String },
    /// The facts the law turns on (`field` `legal_facts`: the date of death, the legal status)
    /// or a representative's link (`link`: its ground, the date of a written authorisation),
    /// opened with a read of their category or under the duty of handling requests (who may
    /// file).
    Representation {
        id: String,
        field: String,
        /// The category the reglement keeps them in (`juridisch`, or `naw`): what a read must
        /// be of to open them. Not in the context: the ciphertext stays the same whichever.
        category: String,
    },
}

impl SealedKind {
    fn context(&self, tenant: &str, person: &str) -> Vec<u8> {
        match self {
            // The record context predates the person in it; the record id binds it as well.
            SealedKind::Record { id, category } => {
                format!("record\0{tenant}\0{id}\0{category}").into_bytes()
            }
            SealedKind::Facts { category } => {
                format!("facts\0{tenant}\0{person}\0{category}").into_bytes()
            }
            SealedKind::IdentityDocument { id } => format!("identity\0{tenant}\0{id}").into_bytes(),
            SealedKind::EmergencyReason { user, category } => {
                format!("audit-reason\0{tenant}\0{person}\0{user}\0{category}").into_bytes()
            }
            SealedKind::LegacyEmergencyReason => b"audit-reason".to_vec(),
            SealedKind::Request { id, field } => {
                format!("request\0{tenant}\0{person}\0{id}\0{field}").into_bytes()
            }
            SealedKind::HoldReason { id } => {
                format!("hold-reason\0{tenant}\0{person}\0{id}").into_bytes()
            }
            SealedKind::ExtensionReason { id } => {
                format!("extension-reason\0{tenant}\0{person}\0{id}").into_bytes()
            }
            SealedKind::ConsentDetails { id, category } => {
                format!("consent\0{tenant}\0{person}\0{id}\0{category}").into_bytes()
            }
            SealedKind::DisclosureNotice { id, category } => {
                format!("disclosure-notice\0{tenant}\0{person}\0{id}\0{category}").into_bytes()
            }
            SealedKind::ObjectionText { id, field } => {
                format!("objection\0{tenant}\0{person}\0{id}\0{field}").into_bytes()
            }
            SealedKind::Representation { id, field, .. } => {
                format!("representation\0{tenant}\0{person}\0{id}\0{field}").into_bytes()
            }
        }
    }
}

/// What an allowed access may reveal of the sealed data of the persons it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reveals {
    /// The content of the access's category: a read, an export, a disclosure.
    Content,
    /// Who the persons are (the identification facts: name, birth date, client number): a
    /// list, a search, an access log.
    Identification,
    /// The identification facts and the reasons given for emergency access: the review.
    EmergencyReasons,
    /// The free text of the organisation's registers (incidents, complaints): not of one
    /// person.
    RegisterTexts,
    /// What a data subject request asks, and who the subject is (the identification facts,
    /// for the birth date that decides who may file): handling requests.
    Requests,
    /// The reasons given for legal holds (the hold register, for the roles that place holds).
    HoldReasons,
    /// Nothing: a write, a correction, an erasure, a duty without personal data.
    Nothing,
}

/// What a permit, and the receipt made of it, covers.
#[derive(Debug, Clone)]
pub(crate) struct Grant {
    tenant: String,
    persons: Vec<String>,
    category: Option<String>,
    reveals: Reveals,
    /// The duty the access was decided as, if it was one.
    duty: Option<Duty>,
}

/// The question an access asks the policy engine.
pub(crate) enum Question<'a> {
    Data(AccessRequest<'a>),
    Duty(DutyRequest<'a>),
}

impl Question<'_> {
    fn reveals(&self) -> Reveals {
        match self {
            Question::Data(r) => match r.action {
                Action::Read | Action::Export | Action::Disclose => Reveals::Content,
                Action::Write | Action::Correct | Action::Erase => Reveals::Nothing,
            },
            Question::Duty(r) => match r.duty {
                Duty::ListPersons | Duty::SearchPersons | Duty::ReadAudit => {
                    Reveals::Identification
                }
                Duty::ReviewEmergency => Reveals::EmergencyReasons,
                Duty::ManageIncidents | Duty::ManageComplaints => Reveals::RegisterTexts,
                // A portal account follows its own requests: what they ask, and who the
                // subject is (the vault limits it to the holder's requests).
                Duty::HandleRequests | Duty::PortalRequests => Reveals::Requests,
                Duty::PlaceHold => Reveals::HoldReasons,
                Duty::ManageCareTeam
                | Duty::ManageAccounts
                | Duty::ViewOverview
                | Duty::RunRetention
                | Duty::CheckContact
                | Duty::ManageRecipients
                | Duty::AdoptReglement => Reveals::Nothing,
            },
        }
    }
}

/// An allowed access whose audit event is yet to be written. Only [`authorize`] makes one.
#[derive(Debug)]
pub(crate) struct Permit {
    grant: Grant,
    event: NewEvent,
}

/// A denied access: the decision, and the event that logs it.
#[derive(Debug)]
pub(crate) struct Denial {
    pub decision: AccessDecision,
    pub event: NewEvent,
}

/// Decides `question` for the access that `event` logs (its actor, person, category and
/// purpose); the event gets the outcome and the articles. Allowed: a permit for `person` (if
/// any) in the event's category. Denied: the denial, to be logged.
pub(crate) fn authorize(
    policy: &dyn AccessPolicy,
    question: Question<'_>,
    mut event: NewEvent,
) -> Result<(Permit, AccessDecision), Box<Denial>> {
    let decision = match &question {
        Question::Data(r) => policy.decide(r),
        Question::Duty(r) => policy.decide_duty(r),
    };
    event.articles = decision.articles.join("; ");
    event.emergency = decision.emergency;
    if !decision.allowed {
        event.outcome = Outcome::Denied;
        return Err(Box::new(Denial { decision, event }));
    }
    event.outcome = Outcome::Allowed;
    let grant = Grant {
        tenant: event.tenant_id.clone(),
        persons: event.person_id.iter().cloned().collect(),
        category: event.category.clone(),
        reveals: question.reveals(),
        duty: match &question {
            Question::Duty(r) => Some(r.duty),
            Question::Data(_) => None,
        },
    };
    Ok((Permit { grant, event }, decision))
}

impl Permit {
    /// The persons a list, a search or a review turned out to show: their ids go into the event,
    /// so each person's access log finds it. Only a permit that reveals identification (or the
    /// emergency reasons with it) comes to cover them; any other permit covers no more than it
    /// was decided for, whatever it records.
    pub(crate) fn showing(mut self, persons: Vec<String>) -> Permit {
        if matches!(
            self.grant.reveals,
            Reveals::Identification
                | Reveals::EmergencyReasons
                | Reveals::HoldReasons
                | Reveals::Requests
        ) {
            self.grant.persons = persons.clone();
        }
        self.event.subjects = persons;
        self
    }

    /// The emergency reason the user gave, sealed with the person's key, for the event.
    pub(crate) fn with_reason(mut self, sealed: Vec<u8>) -> Permit {
        self.event.reason = Some(sealed);
        self
    }

    /// A disclosure without the consent its rule asks, on a conflict of duties: like an
    /// emergency access, an exception on the caregiver's own judgement, so the event carries
    /// the justification (sealed as an emergency reason) and is flagged for the same review.
    pub(crate) fn on_conflict_of_duties(mut self, sealed: Vec<u8>) -> Permit {
        self.event.emergency = true;
        self.event.reason = Some(sealed);
        self
    }

    /// The event of an access that was allowed but then refused for another reason (what it
    /// would create exists already): logged as denied, and no receipt is ever made of it.
    pub(crate) fn refused(mut self) -> NewEvent {
        self.event.outcome = Outcome::Denied;
        self.event
    }

    /// Articles the event cites beside the decision's own (the retention rule a destruction
    /// carries out, the law a hold rests on).
    pub(crate) fn citing(mut self, articles: &[String]) -> Permit {
        for a in articles {
            if !self.event.articles.split("; ").any(|e| e == a) {
                if !self.event.articles.is_empty() {
                    self.event.articles.push_str("; ");
                }
                self.event.articles.push_str(a);
            }
        }
        self
    }

    /// The category the event is about, for a duty that concerns one (a destruction of a
    /// category's records); the permit covers no more for it.
    pub(crate) fn about_category(mut self, category: &str) -> Permit {
        self.event.category = Some(category.to_owned());
        self
    }

    /// The staff member or token the event acts on (an id that exists).
    pub(crate) fn with_object(mut self, id: &str) -> Permit {
        self.event.object = Some(id.to_owned());
        self
    }
}

/// Admission to the writer: only this module makes one, so every event and change the writer
/// takes has come through a permit here, or through [`record`] with its reason named.
pub(crate) struct Admitted(());

/// Why an event is written without a permit: the events that record an access refused, or an
/// operation that is no access to anyone's personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unpermitted {
    /// A denied access (the decision said no; the event says so).
    Denial,
    /// A login attempt or a logout: authentication, before and after any decision.
    Session,
    /// An operation on the installation (backup, restore, key rotation).
    Operation,
    /// An erasure made after a restored backup, applied again at start-up.
    ErasureReapplied,
}

/// Writes events that need no permit, with their statements, naming why they need none.
pub(crate) async fn record(
    writer: &Writer,
    why: Unpermitted,
    events: Vec<NewEvent>,
    statements: Vec<Stmt>,
) -> Result<Vec<i64>, StoreError> {
    debug_assert!(
        why != Unpermitted::Denial
            || events
                .iter()
                .all(|e| e.outcome == Outcome::Denied && statements.is_empty()),
        "a denial changes nothing"
    );
    writer.submit_all(Admitted(()), events, statements).await
}

/// Proof that an allowed access was logged: its audit event committed. Only [`commit`] makes
/// one, from a [`Permit`].
#[derive(Debug)]
pub struct Receipt {
    seq: i64,
    grant: Grant,
}

impl Receipt {
    /// The audit event's position in its tenant's chain.
    pub fn seq(&self) -> i64 {
        self.seq
    }
}

/// Writes the permit's audit event with `statements` in one transaction; once it is durable,
/// the receipt.
pub(crate) async fn commit(
    writer: &Writer,
    permit: Permit,
    statements: Vec<Stmt>,
) -> Result<Receipt, StoreError> {
    let seq = writer
        .submit(Admitted(()), permit.event, statements)
        .await?;
    Ok(Receipt {
        seq,
        grant: permit.grant,
    })
}

/// Writes the events of several permits with `statements`, all in one transaction (a
/// registration that also records a BSN, a dossier's categories); their receipts, in order.
pub(crate) async fn commit_all(
    writer: &Writer,
    permits: Vec<Permit>,
    statements: Vec<Stmt>,
) -> Result<Vec<Receipt>, StoreError> {
    let (grants, events): (Vec<Grant>, Vec<NewEvent>) =
        permits.into_iter().map(|p| (p.grant, p.event)).unzip();
    let seqs = writer.submit_all(Admitted(()), events, statements).await?;
    Ok(seqs
        .into_iter()
        .zip(grants)
        .map(|(seq, grant)| Receipt { seq, grant })
        .collect())
}

/// Personal data as stored: ciphertext, and what it is of whom.
#[derive(Debug, Clone)]
pub(crate) struct Sealed {
    bytes: Vec<u8>,
    tenant: String,
    person: String,
    kind: SealedKind,
}

impl Sealed {
    pub(crate) fn new(bytes: Vec<u8>, tenant: &str, person: &str, kind: SealedKind) -> Sealed {
        Sealed {
            bytes,
            tenant: tenant.to_owned(),
            person: person.to_owned(),
            kind,
        }
    }

    /// Whether `receipt` covers this data.
    fn covered_by(&self, receipt: &Receipt) -> bool {
        let g = &receipt.grant;
        if g.tenant != self.tenant || !g.persons.contains(&self.person) {
            return false;
        }
        let same_category = |c: &str| g.category.as_deref() == Some(c);
        match (&self.kind, g.reveals) {
            (SealedKind::Record { category, .. }, Reveals::Content) => same_category(category),
            (SealedKind::Facts { category }, Reveals::Content) => same_category(category),
            (
                SealedKind::ConsentDetails { category, .. }
                | SealedKind::DisclosureNotice { category, .. },
                Reveals::Content,
            ) => same_category(category),
            (
                SealedKind::Facts { category },
                Reveals::Identification | Reveals::EmergencyReasons,
            ) => category == IDENTIFICATION_CATEGORY,
            (SealedKind::IdentityDocument { .. }, Reveals::Content) => {
                same_category(zorgkluis_core::taxonomy::IDENTITY_DOCUMENT_CATEGORY)
            }
            (
                SealedKind::EmergencyReason { .. } | SealedKind::LegacyEmergencyReason,
                Reveals::EmergencyReasons,
            ) => true,
            (SealedKind::Facts { category }, Reveals::Requests) => {
                category == IDENTIFICATION_CATEGORY
            }
            (SealedKind::Request { .. } | SealedKind::ObjectionText { .. }, Reveals::Requests) => {
                true
            }
            (
                SealedKind::HoldReason { .. } | SealedKind::ExtensionReason { .. },
                Reveals::HoldReasons,
            ) => true,
            (SealedKind::Representation { category, .. }, Reveals::Content) => {
                same_category(category)
            }
            (SealedKind::Representation { .. }, Reveals::Requests) => true,
            _ => false,
        }
    }

    /// Decrypts with the person's key, if `receipt` covers this data; otherwise nothing is
    /// opened.
    pub(crate) fn open(
        &self,
        key: &DataKey,
        receipt: &Receipt,
    ) -> Result<Zeroizing<Vec<u8>>, StoreError> {
        if !self.covered_by(receipt) {
            return Err(StoreError::NotCovered);
        }
        // A key opens only its own person's data: defence against pairing the wrong key with
        // rows whose context leaves the person out (records bind their id instead).
        if let Some((tenant, person)) = &key.owner
            && (*tenant != self.tenant || *person != self.person)
        {
            return Err(StoreError::NotCovered);
        }
        open_with(
            &key.bytes,
            &self.bytes,
            &self.kind.context(&self.tenant, &self.person),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receipt(person: &str, category: Option<&str>, reveals: Reveals) -> Receipt {
        Receipt {
            seq: 1,
            grant: Grant {
                tenant: "t".into(),
                persons: vec![person.into()],
                category: category.map(str::to_owned),
                reveals,
                duty: None,
            },
        }
    }

    fn record(key: &DataKey, person: &str, category: &str) -> Sealed {
        let kind = SealedKind::Record {
            id: "r1".into(),
            category: category.into(),
        };
        let bytes = key.seal(b"Jansen", &kind, "t", person).unwrap();
        assert!(!bytes.windows(6).any(|w| w == b"Jansen"));
        Sealed::new(bytes, "t", person, kind)
    }

    #[test]
    fn a_receipt_opens_only_what_it_covers() {
        let key = DataKey::generate().unwrap();
        let sealed = record(&key, "p1", "naw");
        let right = receipt("p1", Some("naw"), Reveals::Content);
        assert_eq!(sealed.open(&key, &right).unwrap().as_slice(), b"Jansen");
        for wrong in [
            receipt("p2", Some("naw"), Reveals::Content),
            receipt("p1", Some("gezondheid"), Reveals::Content),
            receipt("p1", Some("naw"), Reveals::Nothing),
            receipt("p1", Some("naw"), Reveals::Identification),
        ] {
            assert!(
                matches!(sealed.open(&key, &wrong), Err(StoreError::NotCovered)),
                "{wrong:?}"
            );
        }
        let other_tenant = Receipt {
            seq: 1,
            grant: Grant {
                tenant: "u".into(),
                ..right.grant.clone()
            },
        };
        assert!(sealed.open(&key, &other_tenant).is_err());
    }

    #[test]
    fn ciphertext_is_bound_to_what_it_is() {
        let key = DataKey::generate().unwrap();
        let sealed = record(&key, "p1", "naw");
        // The same bytes presented as another category do not authenticate.
        let moved = Sealed::new(
            sealed.bytes.clone(),
            "t",
            "p1",
            SealedKind::Record {
                id: "r1".into(),
                category: "gezondheid".into(),
            },
        );
        let r = receipt("p1", Some("gezondheid"), Reveals::Content);
        assert!(matches!(moved.open(&key, &r), Err(StoreError::Crypto(_))));
        let other = DataKey::generate().unwrap();
        let right = receipt("p1", Some("naw"), Reveals::Content);
        assert!(sealed.open(&other, &right).is_err());
    }

    /// The receipt of a denied access cannot exist: the policy engine's denial yields no
    /// permit to commit, only the event that logs it.
    #[test]
    fn a_denied_access_yields_no_permit() {
        let source = include_str!("../../../reglementen/bg-wonen.toml");
        let reglement =
            zorgkluis_core::Reglement::load("bg-wonen.toml", source, zorgkluis_core::Lang::En)
                .unwrap();
        let policy = zorgkluis_policy::CedarPolicy::compile(&reglement, None).unwrap();
        let event = |role: &str| NewEvent {
            tenant_id: "t".into(),
            user_id: "u".into(),
            role: role.into(),
            on_behalf_of: None,
            person_id: Some("p1".into()),
            action: crate::audit::AuditAction::Read,
            category: Some("gezondheid".into()),
            purpose: "zorg".into(),
            reason: None,
            emergency: false,
            source: "test".into(),
            outcome: Outcome::Allowed,
            articles: String::new(),
            object: None,
            subjects: Vec::new(),
        };
        let ask = |role: &'static str, care: bool| {
            Question::Data(AccessRequest {
                care_relationship: care,
                ..AccessRequest::new(role, Action::Read, "gezondheid")
            })
        };
        let denied = authorize(&policy, ask("administratie", true), event("administratie"))
            .expect_err("administration never reads health data");
        assert_eq!(denied.event.outcome, Outcome::Denied);
        assert!(!denied.decision.allowed);
        let denied = authorize(&policy, ask("zorgverlener", false), event("zorgverlener"))
            .expect_err("no care relationship");
        assert_eq!(denied.event.outcome, Outcome::Denied);
        let (permit, decision) =
            authorize(&policy, ask("zorgverlener", true), event("zorgverlener")).unwrap();
        assert!(decision.allowed);
        assert_eq!(permit.grant.persons, ["p1"]);
        assert_eq!(permit.grant.reveals, Reveals::Content);
    }

    /// A key knows whose it is: another person's key opens nothing under this person's
    /// receipt, even where the ciphertext's context leaves the person out (records).
    #[test]
    fn a_key_opens_only_its_own_persons_data() {
        let master = [7u8; KEY_LEN];
        let own = DataKey::generate().unwrap();
        let wrapped = own.wrap(&master, "t", "p1").unwrap();
        let own = DataKey::unwrap(&master, &wrapped, "t", "p1").unwrap();
        let sealed = record(&own, "p1", "naw");
        let right = receipt("p1", Some("naw"), Reveals::Content);
        assert!(sealed.open(&own, &right).is_ok());
        // The same key bytes unwrapped as another person's (as a mix-up would pair them).
        let wrapped_as_other = own.wrap(&master, "t", "p2").unwrap();
        let others = DataKey::unwrap(&master, &wrapped_as_other, "t", "p2").unwrap();
        assert!(matches!(
            sealed.open(&others, &right),
            Err(StoreError::NotCovered)
        ));
        assert!(
            DataKey::unwrap(&master, &wrapped, "t", "p2").is_err(),
            "bound to the person"
        );
    }

    /// Reasons sealed by the release before reasons were bound to their event still open for
    /// the review, and for nothing else.
    #[test]
    fn a_reason_sealed_by_the_previous_release_opens_for_the_review() {
        let key = DataKey::generate().unwrap();
        let legacy = seal_with(&key.bytes, b"val in badkamer", b"audit-reason").unwrap();
        let sealed = Sealed::new(legacy, "t", "p1", SealedKind::LegacyEmergencyReason);
        let review = receipt("p1", None, Reveals::EmergencyReasons);
        assert_eq!(
            sealed.open(&key, &review).unwrap().as_slice(),
            b"val in badkamer"
        );
        let read = receipt("p1", Some("gezondheid"), Reveals::Content);
        assert!(sealed.open(&key, &read).is_err());
    }

    /// What a request asks opens for the receipt of handling requests for that person only,
    /// and no read of a category opens it.
    #[test]
    fn a_request_opens_for_its_handler_only() {
        let key = DataKey::generate().unwrap();
        let kind = SealedKind::Request {
            id: "q1".into(),
            field: "details".into(),
        };
        let bytes = key.seal(b"{}", &kind, "t", "p1").unwrap();
        let sealed = Sealed::new(bytes, "t", "p1", kind);
        assert!(
            sealed
                .open(&key, &receipt("p1", None, Reveals::Requests))
                .is_ok()
        );
        for wrong in [
            receipt("p2", None, Reveals::Requests),
            receipt("p1", Some("gezondheid"), Reveals::Content),
            receipt("p1", None, Reveals::Identification),
            receipt("p1", None, Reveals::EmergencyReasons),
        ] {
            assert!(sealed.open(&key, &wrong).is_err(), "{wrong:?}");
        }
        // Presented as another request's, the bytes do not authenticate.
        let moved = Sealed::new(
            sealed.bytes.clone(),
            "t",
            "p1",
            SealedKind::Request {
                id: "q2".into(),
                field: "details".into(),
            },
        );
        assert!(
            moved
                .open(&key, &receipt("p1", None, Reveals::Requests))
                .is_err()
        );
    }

    #[test]
    fn identification_opens_the_naw_facts_only() {
        let key = DataKey::generate().unwrap();
        let facts = SealedKind::Facts {
            category: IDENTIFICATION_CATEGORY.into(),
        };
        let bytes = key.seal(b"{}", &facts, "t", "p1").unwrap();
        let sealed = Sealed::new(bytes, "t", "p1", facts);
        let listed = receipt("p1", None, Reveals::Identification);
        assert!(sealed.open(&key, &listed).is_ok());
        // A list does not open the person's records of the same category.
        let naw_record = record(&key, "p1", IDENTIFICATION_CATEGORY);
        assert!(naw_record.open(&key, &listed).is_err());
    }
}
