//! The NEN 7513 audit log: who (user and role, on whose behalf), for whom (person, or the
//! persons a list showed), what (action and category), when, why (purpose, emergency reason),
//! from where, and the outcome with the articles that decided it.
//!
//! Events are chained per tenant: each event's hash is an HMAC-SHA256, keyed by a secret derived
//! from the root key outside the database ([`ChainKey`]), over the previous event's hash and
//! the event's own fields. Changing, removing, inserting or reordering an event breaks the
//! chain ([`chain`]), and someone who can write the database but does not hold the key cannot
//! append an event that verifies. Events written by releases before the key (plain SHA-256)
//! keep verifying below the position the signed checkpoints name as `keyed_from`
//! ([`ChainRule`]). The newest hash is anchored at most a second after it is written by an
//! Ed25519-signed checkpoint in a log outside the database ([`checkpoint`]), which also detects
//! cutting off the newest events. No personal plaintext is hashed: ids and categories only,
//! and a free-text reason as ciphertext sealed with the person's key, so crypto-shredding a
//! person leaves the chain verifiable.

pub mod chain;
pub mod checkpoint;

use hmac::{Hmac, KeyInit, Mac as _};
use serde::Serialize;
use sha2::Sha256;

use crate::keys::sha256;

pub use chain::{ChainBreak, ChainWalker, Finding, Stretch, join_stretches};
pub use checkpoint::{
    Checkpoint, CheckpointKind, CheckpointLog, CheckpointLogPaths, LogLine, NewCheckpoint, append,
    line_hash, read_log,
};

pub const GENESIS: [u8; 32] = [0; 32];

/// Generates the closed list of logged actions: the enum and its stored ids.
macro_rules! audit_actions {
    ($($(#[$doc:meta])* $variant:ident = $id:literal,)+) => {
        /// What an audit event records was done (NEN 7513's "what"). Stored by its id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum AuditAction {
            $($(#[$doc])* #[serde(rename = $id)] $variant,)+
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)+];

            /// The id as stored in the log.
            pub fn id(self) -> &'static str {
                match self { $(AuditAction::$variant => $id,)+ }
            }

            pub fn from_id(id: &str) -> Option<AuditAction> {
                match id { $($id => Some(AuditAction::$variant),)+ _ => None }
            }
        }
    };
}

audit_actions! {
    /// Reading a category of a person's data.
    Read = "read",
    /// Recording data in a category (a record, an identity check).
    Write = "write",
    Correct = "correct",
    Erase = "erase",
    Disclose = "disclose",
    Export = "export",
    /// Registering a person (with their identification facts and BSN).
    Register = "register",
    /// Looking a person up by BSN.
    FindByBsn = "find_by_bsn",
    /// A page of a client list: the persons shown are the event's subjects.
    ListPersons = "list_persons",
    /// A search: the persons found are the event's subjects.
    SearchPersons = "search_persons",
    AssignCare = "assign_care",
    EndCare = "end_care",
    /// Reading a person's access log.
    ReadAudit = "read_audit",
    /// Reviewing emergency accesses (the persons shown are the subjects).
    ReviewEmergency = "review_emergency",
    /// The organisation's overview: counts, no personal data.
    ViewOverview = "view_overview",
    /// Recording a privacy incident or data breach in the register.
    IncidentRecord = "incident_record",
    /// A decision or a notification recorded for an incident.
    IncidentChange = "incident_change",
    /// Reading the incident register (its free text).
    IncidentRead = "incident_read",
    /// Recording a complaint in the complaints register.
    ComplaintRecord = "complaint_record",
    /// An extension, a decision, a referral recorded for a complaint.
    ComplaintChange = "complaint_change",
    /// Reading the complaints register (its free text).
    ComplaintRead = "complaint_read",
    /// Recording a processor agreement (art. 28 AVG).
    ProcessorRecord = "processor_record",
    /// A review or the end of a processor agreement.
    ProcessorChange = "processor_change",
    /// Reading the processor register (its security measures where the reader keeps it).
    ProcessorRead = "processor_read",
    /// Recording a privacy asset (a system and the categories it keeps).
    AssetRecord = "asset_record",
    /// Reading the register of privacy assets.
    AssetRead = "asset_read",
    /// Making the annual privacy report (figures with the events they count).
    AnnualReport = "annual_report",
    UserCreate = "user_create",
    /// Disabling a staff account (its sessions and its API token end with it).
    UserDisable = "user_disable",
    /// Setting a staff account's password (a change or an administrator's reset).
    UserPassword = "user_password",
    /// Giving a staff account a second factor, or taking it away.
    UserSecondFactor = "user_second_factor",
    /// A portal account issued to a registered person (the object is its login name).
    PortalIssue = "portal_issue",
    /// A person's portal account revoked: it cannot log in, its sessions end.
    PortalRevoke = "portal_revoke",
    TokenCreate = "token_create",
    TokenRevoke = "token_revoke",
    /// Listing the API tokens (their names, never the tokens).
    TokenList = "token_list",
    Login = "login",
    /// The second factor's code after the password.
    LoginCode = "login_code",
    Logout = "logout",
    KeysRotate = "keys_rotate",
    Backup = "backup",
    Restore = "restore",
    /// An erasure made after a restored backup, applied again.
    EraseReapplied = "erase_reapplied",
    /// A data subject request filed (the object is its id), or refused because its requester
    /// may not file it.
    RequestFile = "request_file",
    /// A change of a request: its status, decision, extension or withdrawal (the object is its
    /// id; the purpose names the step).
    RequestChange = "request_change",
    /// Reading a request, or the register (the persons shown are the subjects); also the
    /// subject's birth date read to decide who may file.
    RequestRead = "request_read",
    /// Placing a legal hold on a person (or a category of theirs).
    HoldPlace = "hold_place",
    /// Releasing a legal hold.
    HoldRelease = "hold_release",
    /// Reading the hold register (the reasons opened; the persons shown are the subjects).
    ReadHolds = "read_holds",
    /// Extending a category's retention for a person, on consent or the caregiver's judgement
    /// (the object is the extension's id).
    RetentionExtend = "retention_extend",
    /// Withdrawing a retention extension.
    RetentionExtendWithdraw = "retention_extend_withdraw",
    /// The whole registration transferred to another organisation: the retention terms are
    /// suspended (the object is the transfer's id).
    RegistrationTransfer = "registration_transfer",
    /// A change of a transfer: the clients told, or its end.
    RegistrationTransferChange = "registration_transfer_change",
    /// A person put on the do-not-contact register (for one purpose, or all).
    ContactBlock = "contact_block",
    /// A person taken off the do-not-contact register at their word.
    ContactUnblock = "contact_unblock",
    /// Whether a person may be approached for a purpose (the answer only).
    ContactCheck = "contact_check",
    /// The do-not-contact register read (the persons shown are the subjects).
    ContactList = "contact_list",
    /// A consent recorded for a person (the object is its id; the articles those of who
    /// consents).
    ConsentGive = "consent_give",
    /// A consent withdrawn (AVG art. 7 lid 3), recorded beside it.
    ConsentWithdraw = "consent_withdraw",
    /// A person's consents read, with their evidence.
    ConsentRead = "consent_read",
    /// Whether a live consent covers a disclosure or processing (the answer only).
    ConsentCheck = "consent_check",
    /// An organisation registered as a recipient (the object is its id).
    RecipientRegister = "recipient_register",
    /// The register of recipients read.
    RecipientList = "recipient_list",
    /// A disclosure entered in the ledger, after each category's `disclose` was logged: only
    /// then does the extract go out (the object is the entry).
    DisclosureRecord = "disclosure_record",
    /// How the subject was told of a disclosure, or the exception why not.
    DisclosureNotice = "disclosure_notice",
    /// The ledger of disclosures read (the persons in it are the subjects).
    DisclosureList = "disclosure_list",
    /// A recipient told of the correction, restriction or erasure of a record it received
    /// (AVG art. 19), or why not (the object is the recipient).
    RecipientTold = "recipient_told",
    /// A research export made (the object is the export; each client's `disclose` is logged
    /// before it, each client in it has a ledger entry).
    ResearchExport = "research_export",
    /// An objection (art. 21 AVG) recorded (the object is its id; the articles those of its
    /// answer and of who made it).
    ObjectionFile = "objection_file",
    /// The decision on an objection, with the balancing (upheld, or rejected on compelling
    /// grounds).
    ObjectionDecide = "objection_decide",
    /// An objection withdrawn by the person, recorded beside it.
    ObjectionWithdraw = "objection_withdraw",
    /// A person's objections read, with the grounds given and the balancing.
    ObjectionRead = "objection_read",
    /// A retention plan: what is due as of a date (ids and categories, no content).
    RetentionPlan = "retention_plan",
    /// A retention run started or resumed (the run is the event's object).
    RetentionRun = "retention_run",
    /// Destroying what a retention run found due: a person's whole file or records of a
    /// category, citing the retention's articles.
    Destroy = "destroy",
    /// A retention run finished and its destruction certificate written.
    RetentionCertificate = "retention_certificate",
    /// Restricting the processing of a person's data, or a category of it (art. 18 AVG).
    Restrict = "restrict",
    /// Lifting a restriction, the subject told (art. 18 lid 3 AVG).
    RestrictionLift = "restriction_lift",
    /// A log review run (NEN 7513): the log of a window read under `read_audit` and the new
    /// flags stored (the persons they concern are the subjects).
    LogReviewRun = "log_review_run",
    /// The log review's flags read (the persons shown are the subjects).
    LogReviewRead = "log_review_read",
    /// A flag of the log review closed with a note (the object is the flag).
    LogReviewClose = "log_review_close",
    /// A flag of the log review made an incident (the object is the flag).
    LogReviewIncident = "log_review_incident",
    /// A version of the reglement adopted, with its announcement and effective dates (the
    /// object is the file's SHA-256).
    ReglementAdopt = "reglement_adopt",
}

impl From<zorgkluis_core::vocabulary::Action> for AuditAction {
    fn from(a: zorgkluis_core::vocabulary::Action) -> AuditAction {
        use zorgkluis_core::vocabulary::Action;
        match a {
            Action::Read => AuditAction::Read,
            Action::Write => AuditAction::Write,
            Action::Correct => AuditAction::Correct,
            Action::Erase => AuditAction::Erase,
            Action::Disclose => AuditAction::Disclose,
            Action::Export => AuditAction::Export,
        }
    }
}

impl std::fmt::Display for AuditAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// The allowed or denied outcome of an access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Allowed,
    Denied,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
        }
    }

    pub fn from_id(id: &str) -> Option<Outcome> {
        match id {
            "allowed" => Some(Outcome::Allowed),
            "denied" => Some(Outcome::Denied),
            _ => None,
        }
    }
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub tenant_id: String,
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub user_id: String,
    pub role: String,
    pub on_behalf_of: Option<String>,
    pub person_id: Option<String>,
    pub action: AuditAction,
    pub category: Option<String>,
    pub purpose: String,
    /// The emergency reason, sealed with the person's data key; opened only for the review.
    #[serde(skip)]
    pub reason: Option<Vec<u8>>,
    pub emergency: bool,
    pub source: String,
    pub outcome: Outcome,
    /// The deciding articles, separated by "; ". Articles only, never a note.
    pub articles: String,
    /// What the event acted on besides a person: the staff member put in a care team, the
    /// account or token made or revoked. An id that exists, never free text.
    pub object: Option<String>,
    /// The persons a list, a search or a review showed.
    pub subjects: Vec<String>,
    #[serde(serialize_with = "as_hex")]
    pub prev_hash: Vec<u8>,
    #[serde(serialize_with = "as_hex")]
    pub hash: Vec<u8>,
}

fn as_hex<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(bytes))
}

fn put(out: &mut Vec<u8>, field: Option<&[u8]>) {
    match field {
        // A length prefix keeps ("ab", "c") and ("a", "bc") apart; u32::MAX marks "absent".
        Some(bytes) => {
            out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
            out.extend_from_slice(bytes);
        }
        None => out.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
}

/// The fields an event's hash covers, borrowed from an [`AuditEvent`] or straight from a
/// database row, so that `audit verify` hashes rows without copying them.
#[derive(Debug, Clone, Copy)]
pub struct EventFields<'a> {
    pub tenant_id: &'a [u8],
    pub at: &'a [u8],
    pub user_id: &'a [u8],
    pub role: &'a [u8],
    pub on_behalf_of: Option<&'a [u8]>,
    pub person_id: Option<&'a [u8]>,
    pub action: &'a [u8],
    pub category: Option<&'a [u8]>,
    pub purpose: &'a [u8],
    pub reason: Option<&'a [u8]>,
    pub emergency: bool,
    pub source: &'a [u8],
    pub outcome: &'a [u8],
    pub articles: &'a [u8],
    pub object: Option<&'a [u8]>,
    /// The subjects as stored: person ids separated by single spaces.
    pub subjects: Option<&'a [u8]>,
}

/// The encodings of an event's fields, by the release that wrote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// The first release's fields (no object, no subjects), hashed with SHA-256.
    First,
    /// With the object and the subjects, hashed with SHA-256.
    Second,
    /// Every field, authenticated with the tenant's [`ChainKey`].
    Keyed,
}

impl EventFields<'_> {
    /// Writes the fixed, unambiguous encoding of the fields at position `seq` into `out`.
    fn encode(&self, seq: i64, encoding: Encoding, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(match encoding {
            Encoding::First => b"zk-audit-1",
            Encoding::Second => b"zk-audit-2",
            Encoding::Keyed => b"zk-audit-3",
        });
        put(out, Some(self.tenant_id));
        out.extend_from_slice(&seq.to_be_bytes());
        put(out, Some(self.at));
        put(out, Some(self.user_id));
        put(out, Some(self.role));
        put(out, self.on_behalf_of);
        put(out, self.person_id);
        put(out, Some(self.action));
        put(out, self.category);
        put(out, Some(self.purpose));
        put(out, self.reason);
        out.push(u8::from(self.emergency));
        put(out, Some(self.source));
        put(out, Some(self.outcome));
        put(out, Some(self.articles));
        if encoding != Encoding::First {
            put(out, self.object);
            put(out, self.subjects);
        }
    }

    /// The hash a release before the chain key gave these fields after `prev` at `seq`:
    /// SHA-256, which anyone can compute. Events without an object or subjects kept the first
    /// encoding.
    pub fn unkeyed_hash(&self, prev: &[u8], seq: i64, scratch: &mut Vec<u8>) -> [u8; 32] {
        let encoding = if self.object.is_some() || self.subjects.is_some() {
            Encoding::Second
        } else {
            Encoding::First
        };
        self.encode(seq, encoding, scratch);
        sha256(&[prev, scratch.as_slice()])
    }

    /// The authenticated hash of these fields after `prev` at `seq`.
    pub fn keyed_hash(
        &self,
        key: &ChainKey,
        prev: &[u8],
        seq: i64,
        scratch: &mut Vec<u8>,
    ) -> [u8; 32] {
        self.encode(seq, Encoding::Keyed, scratch);
        key.mac(prev, scratch)
    }

    /// Whether `hash` is what someone without the key could have computed for these fields:
    /// SHA-256 over any of the encodings. Where a keyed hash is due, such an event is forged.
    pub fn hashed_without_key(
        &self,
        prev: &[u8],
        seq: i64,
        hash: &[u8],
        scratch: &mut Vec<u8>,
    ) -> bool {
        [Encoding::First, Encoding::Second, Encoding::Keyed]
            .into_iter()
            .any(|encoding| {
                self.encode(seq, encoding, scratch);
                sha256(&[prev, scratch.as_slice()]).as_slice() == hash
            })
    }
}

/// The secret that authenticates one tenant's chain: an HMAC-SHA256 key derived from the root
/// key, which the database does not hold. Cloning it is cheap (the keyed state is copied).
#[derive(Clone)]
pub struct ChainKey {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for ChainKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ChainKey(..)")
    }
}

impl ChainKey {
    pub(crate) fn new(key: &[u8; 32]) -> ChainKey {
        // HMAC pads a key shorter than SHA-256's 64-byte block with zeros (RFC 2104): the
        // padded key is the same key, and takes the infallible constructor.
        let mut block = zeroize::Zeroizing::new([0u8; 64]);
        block[..32].copy_from_slice(key);
        ChainKey {
            mac: <Hmac<Sha256> as KeyInit>::new(&(*block).into()),
        }
    }

    fn mac(&self, prev: &[u8], encoded: &[u8]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(prev);
        mac.update(encoded);
        mac.finalize().into_bytes().into()
    }
}

/// How one tenant's chain is hashed: the events before `keyed_from` were written before the
/// chain had a key (SHA-256), every event from it on is authenticated with the key. The
/// position is fixed when a release with the key first writes to the chain, and stated in
/// every signed checkpoint after.
#[derive(Debug, Clone)]
pub struct ChainRule {
    pub key: ChainKey,
    pub keyed_from: i64,
}

impl ChainRule {
    /// The hash the event with these fields must have after `prev` at `seq`.
    pub fn expected(
        &self,
        fields: &EventFields<'_>,
        prev: &[u8],
        seq: i64,
        scratch: &mut Vec<u8>,
    ) -> [u8; 32] {
        if self.is_keyed(seq) {
            fields.keyed_hash(&self.key, prev, seq, scratch)
        } else {
            fields.unkeyed_hash(prev, seq, scratch)
        }
    }

    pub fn is_keyed(&self, seq: i64) -> bool {
        seq >= self.keyed_from
    }
}

/// The subjects as stored: ids joined by a space, or nothing when there are none.
pub(crate) fn subjects_text(subjects: &[String]) -> Option<String> {
    (!subjects.is_empty()).then(|| subjects.join(" "))
}

impl AuditEvent {
    /// Hashes the fields as they are stored; `subjects` is their stored text.
    fn with_fields<T>(&self, subjects: Option<&str>, f: impl FnOnce(EventFields<'_>) -> T) -> T {
        f(EventFields {
            tenant_id: self.tenant_id.as_bytes(),
            at: self.at.as_bytes(),
            user_id: self.user_id.as_bytes(),
            role: self.role.as_bytes(),
            on_behalf_of: self.on_behalf_of.as_deref().map(str::as_bytes),
            person_id: self.person_id.as_deref().map(str::as_bytes),
            action: self.action.id().as_bytes(),
            category: self.category.as_deref().map(str::as_bytes),
            purpose: self.purpose.as_bytes(),
            reason: self.reason.as_deref(),
            emergency: self.emergency,
            source: self.source.as_bytes(),
            outcome: self.outcome.id().as_bytes(),
            articles: self.articles.as_bytes(),
            object: self.object.as_deref().map(str::as_bytes),
            subjects: subjects.map(str::as_bytes),
        })
    }

    /// The hash of this event after `prev`, were it at position `seq`, under `rule`.
    pub fn hash_under(&self, rule: &ChainRule, prev: &[u8], seq: i64) -> [u8; 32] {
        let subjects = subjects_text(&self.subjects);
        self.with_fields(subjects.as_deref(), |fields| {
            rule.expected(&fields, prev, seq, &mut Vec::with_capacity(256))
        })
    }

    /// Whether the stored hash is this event's at position `seq`, after its stored `prev_hash`.
    pub(crate) fn verifies_at(&self, rule: &ChainRule, seq: i64) -> bool {
        self.hash_under(rule, &self.prev_hash, seq).as_slice() == self.hash.as_slice()
    }

    /// Whether the stored hash is one anyone could compute (no key) at position `seq`.
    pub(crate) fn hashed_without_key(&self, seq: i64) -> bool {
        let subjects = subjects_text(&self.subjects);
        self.with_fields(subjects.as_deref(), |fields| {
            fields.hashed_without_key(&self.prev_hash, seq, &self.hash, &mut Vec::new())
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A rule for tests: keyed from `keyed_from`, with a fixed key.
    pub(crate) fn rule(keyed_from: i64) -> ChainRule {
        ChainRule {
            key: ChainKey::new(&[7; 32]),
            keyed_from,
        }
    }

    /// An event at `seq` after `prev`, hashed under `rule(1)` (keyed).
    pub(crate) fn event(seq: i64, prev: &[u8], action: AuditAction) -> AuditEvent {
        event_under(&rule(1), seq, prev, action)
    }

    pub(crate) fn event_under(
        rule: &ChainRule,
        seq: i64,
        prev: &[u8],
        action: AuditAction,
    ) -> AuditEvent {
        let mut e = AuditEvent {
            tenant_id: "t".into(),
            seq,
            at: "2026-01-01T00:00:00Z".into(),
            user_id: "u".into(),
            role: "zorgverlener".into(),
            on_behalf_of: None,
            person_id: Some("p".into()),
            action,
            category: Some("gezondheid".into()),
            purpose: "zorg".into(),
            reason: None,
            emergency: false,
            source: "127.0.0.1".into(),
            outcome: Outcome::Allowed,
            articles: "2.2".into(),
            object: None,
            subjects: Vec::new(),
            prev_hash: prev.to_vec(),
            hash: Vec::new(),
        };
        e.hash = e.hash_under(rule, prev, seq).to_vec();
        e
    }

    #[test]
    fn an_event_without_the_new_fields_hashes_as_before() {
        // The hash of a fixed event under the first encoding, computed before the object and
        // subjects fields existed: events already in a log must keep verifying.
        let e = event_under(&rule(2), 1, &GENESIS, AuditAction::Read);
        assert_eq!(
            hex::encode(&e.hash),
            "5f2bedbcb9551e6e6d4439a7681cf19151b19da310335e418de22921c1f6d382"
        );
    }

    #[test]
    fn object_and_subjects_are_covered_by_the_hash() {
        let plain = event(1, &GENESIS, AuditAction::ListPersons);
        let mut listed = plain.clone();
        listed.subjects = vec!["p1".into(), "p2".into()];
        let mut other = plain.clone();
        other.subjects = vec!["p1".into()];
        let mut object = plain.clone();
        object.object = Some("zorg-1".into());
        for keyed_from in [1, 2] {
            let rule = rule(keyed_from);
            let hashes = [
                plain.hash_under(&rule, &GENESIS, 1),
                listed.hash_under(&rule, &GENESIS, 1),
                other.hash_under(&rule, &GENESIS, 1),
                object.hash_under(&rule, &GENESIS, 1),
            ];
            for (i, a) in hashes.iter().enumerate() {
                for b in &hashes[i + 1..] {
                    assert_ne!(a, b);
                }
            }
        }
    }

    #[test]
    fn a_keyed_hash_needs_the_key() {
        let e = event(1, &GENESIS, AuditAction::Read);
        assert!(e.verifies_at(&rule(1), 1));
        assert!(!e.hashed_without_key(1));
        let other_key = ChainRule {
            key: ChainKey::new(&[8; 32]),
            keyed_from: 1,
        };
        assert!(!e.verifies_at(&other_key, 1), "another key, another hash");
        // What someone without the key computes verifies as the old scheme only: below
        // `keyed_from`, and nowhere a keyed hash is due.
        let forged = event_under(&rule(5), 1, &GENESIS, AuditAction::Export);
        assert!(forged.verifies_at(&rule(5), 1));
        assert!(!forged.verifies_at(&rule(1), 1));
        assert!(forged.hashed_without_key(1));
    }

    #[test]
    fn action_ids_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_id(a.id()), Some(*a));
        }
        assert_eq!(AuditAction::from_id("lezen"), None);
        assert_eq!(Outcome::from_id("denied"), Some(Outcome::Denied));
    }
}
