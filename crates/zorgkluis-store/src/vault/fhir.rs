//! The FHIR R4 (4.0.1) bundle of a portability or transfer export (issue 13 parts 6 and 7; art.
//! 20 AVG): the person's data in a structured, commonly used and machine-readable format that
//! another care provider's system reads.
//!
//! Built from the [`SubjectExport`] alone, after the reads were decided and logged: it holds
//! nothing the export withheld (an entry withheld is absent, a category not included too).
//! A `collection` bundle, each entry with a `urn:uuid:` full URL that every reference inside
//! points to:
//! - `Organization`: the controller (name, address);
//! - `Patient`: the name, the birth date, the client number, and the BSN (system
//!   [`BSN_SYSTEM`]) only when the export holds it (its category `bsn` exported);
//! - one `DocumentReference` per record (but the BSN's, which is the Patient's identifier): the text as a `text/plain` attachment, the category,
//!   `current` or (an earlier version) `superseded`; a correction `replaces` the version before
//!   it, a statement of the client `appends` to the entry's current version;
//! - one `Consent` per recorded consent (scope, categories, period, withdrawn ones `inactive`);
//! - one `Provenance`: the organisation made all of the above for the request, on that moment.
//!
//! `docs/export.md` documents the mapping resource by resource.

use base64::Engine as _;
use fhir_r4::builder::BuilderError;
use fhir_r4::coded::Coded;
use fhir_r4::codes::{
    BundleType, ConsentProvisionType, ConsentStateCodes, DocumentReferenceStatus,
    DocumentRelationshipType, ProvenanceEntityRole,
};
use fhir_r4::resources::bundle::BundleEntry;
use fhir_r4::resources::consent::{ConsentProvision, ConsentProvisionActor};
use fhir_r4::resources::document_reference::{
    DocumentReferenceContent, DocumentReferenceRelatesTo,
};
use fhir_r4::resources::provenance::{ProvenanceAgent, ProvenanceEntity};
use fhir_r4::resources::{
    Bundle, Consent, DocumentReference, Organization, Patient, Provenance, Resource,
};
use fhir_r4::types;
use vec1::Vec1;

use zorgkluis_core::taxonomy::BSN_CATEGORY;

use super::export::{ExportConsent, ExportVersion, SubjectExport};

/// The Dutch BSN's naming system (Nictiz).
pub const BSN_SYSTEM: &str = "http://fhir.nl/fhir/NamingSystem/bsn";
/// The identifier system of a `urn:uuid:` value (RFC 3986).
const URI_SYSTEM: &str = "urn:ietf:rfc:3986";
/// The FHIR consent scope code system.
const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
/// LOINC, whose 59284-0 is "Patient Consent".
const LOINC: &str = "http://loinc.org";
/// The provenance participant types.
const PARTICIPANT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
/// HL7 v3 participation types, whose IRCP is the information recipient.
const PARTICIPATION_TYPE: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// The GDPR, the policy the bundle was made under.
pub const AVG_POLICY: &str = "http://data.europa.eu/eli/reg/2016/679/oj";

fn s(text: impl Into<String>) -> types::String {
    types::String(text.into())
}

fn uri(text: impl Into<String>) -> types::Uri {
    types::Uri(text.into())
}

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// A `urn:uuid:` for an id of the vault (uuids); another text gets a fresh uuid.
fn urn_of(id: &str) -> String {
    match uuid::Uuid::parse_str(id) {
        Ok(u) => urn(&u.to_string()),
        Err(_) => urn(&uuid::Uuid::new_v4().to_string()),
    }
}

fn reference<T>(full_url: &str, display: Option<&str>) -> types::Reference<T> {
    types::Reference {
        reference: Some(s(full_url)),
        display: display.map(s),
        ..types::Reference::default()
    }
}

fn concept(system: Option<&str>, code: &str, display: &str) -> types::CodeableConcept {
    types::CodeableConcept {
        coding: vec![types::Coding {
            system: system.map(uri),
            code: Some(types::Code(code.to_owned())),
            display: Some(s(display)),
            ..types::Coding::default()
        }],
        text: Some(s(display)),
        ..types::CodeableConcept::default()
    }
}

fn identifier(value: &str) -> types::Identifier {
    types::Identifier {
        system: Some(uri(URI_SYSTEM)),
        value: Some(s(value)),
        ..types::Identifier::default()
    }
}

/// The FHIR R4 bundle of `export`; an error only if a resource misses a required element.
pub fn bundle(export: &SubjectExport) -> Result<Bundle, BuilderError> {
    let mut entries: Vec<(String, Resource)> = Vec::new();
    let organisation_url = urn(&uuid::Uuid::new_v4().to_string());
    let organisation = Organization {
        identifier: vec![],
        active: Some(types::Boolean(true)),
        name: Some(s(&export.organisation.name)),
        alias: vec![s(&export.organisation.controller)].into(),
        address: export
            .organisation
            .address
            .iter()
            .map(|a| types::Address {
                text: Some(s(a)),
                ..types::Address::default()
            })
            .collect(),
        ..Organization::default()
    };
    entries.push((
        organisation_url.clone(),
        Resource::Organization(Box::new(organisation)),
    ));
    let organisation_ref = || reference(&organisation_url, Some(&export.organisation.name));

    let patient_url = urn_of(&export.subject.person_id);
    let facts = export.subject.facts.as_ref();
    // The BSN, where the export holds it: the current version of the `bsn` category's entry.
    let bsn = export
        .categories
        .iter()
        .filter(|c| c.category == BSN_CATEGORY)
        .flat_map(|c| &c.entries)
        .map(|e| types::Identifier {
            system: Some(uri(BSN_SYSTEM)),
            value: Some(s(e.current.text.trim())),
            ..types::Identifier::default()
        });
    let client_number = facts
        .and_then(|f| f.client_number.as_deref())
        .map(|n| types::Identifier {
            r#type: Some(types::CodeableConcept {
                text: Some(s("cliëntnummer")),
                ..types::CodeableConcept::default()
            }),
            value: Some(s(n)),
            assigner: Some(Box::new(organisation_ref())),
            ..types::Identifier::default()
        });
    let patient = Patient {
        identifier: bsn.chain(client_number).collect(),
        name: facts
            .map(|f| types::HumanName {
                text: Some(s(&f.name)),
                ..types::HumanName::default()
            })
            .into_iter()
            .collect(),
        birth_date: facts
            .and_then(|f| f.birth_date)
            .map(|d| types::Date(d.to_string())),
        managing_organization: Some(organisation_ref()),
        ..Patient::default()
    };
    entries.push((patient_url.clone(), Resource::Patient(Box::new(patient))));
    let patient_display = facts.map(|f| f.name.as_str());

    for category in export
        .categories
        .iter()
        .filter(|c| c.category != BSN_CATEGORY)
    {
        let kind = concept(None, &category.category, &category.label);
        for entry in &category.entries {
            // The versions of the entry, oldest first: each replaces the one before it.
            let mut previous: Option<String> = None;
            let own: Vec<&ExportVersion> = entry.earlier.iter().chain([&entry.current]).collect();
            let last = own.len().saturating_sub(1);
            for (i, version) in own.into_iter().enumerate() {
                let url = urn_of(&version.record_id);
                let relates_to = previous
                    .iter()
                    .map(|p| DocumentReferenceRelatesTo {
                        code: Coded::Known(DocumentRelationshipType::Replaces),
                        target: reference(p, None),
                        ..DocumentReferenceRelatesTo::default()
                    })
                    .collect();
                let status = if i == last {
                    DocumentReferenceStatus::Current
                } else {
                    DocumentReferenceStatus::Superseded
                };
                let doc = document(
                    version,
                    status,
                    relates_to,
                    &kind,
                    (&patient_url, patient_display),
                    organisation_ref(),
                    export,
                )?;
                entries.push((url.clone(), doc));
                previous = Some(url);
            }
            let current = previous.unwrap_or_default();
            for supplement in &entry.supplements {
                let relates_to = vec![DocumentReferenceRelatesTo {
                    code: Coded::Known(DocumentRelationshipType::Appends),
                    target: reference(&current, None),
                    ..DocumentReferenceRelatesTo::default()
                }];
                let doc = document(
                    supplement,
                    DocumentReferenceStatus::Current,
                    relates_to,
                    &kind,
                    (&patient_url, patient_display),
                    organisation_ref(),
                    export,
                )?;
                entries.push((urn_of(&supplement.record_id), doc));
            }
        }
    }

    for c in &export.consents {
        entries.push((
            urn_of(&c.id),
            consent(c, (&patient_url, patient_display), organisation_ref())?,
        ));
    }

    let targets: Vec<types::Reference> = entries
        .iter()
        .map(|(url, _)| reference(url, None))
        .collect();
    let agent = ProvenanceAgent {
        r#type: Some(concept(Some(PARTICIPANT_TYPE), "custodian", "Custodian")),
        who: reference(&organisation_url, Some(&export.organisation.name)),
        ..ProvenanceAgent::default()
    };
    let source = ProvenanceEntity {
        role: Coded::Known(ProvenanceEntityRole::Source),
        what: types::Reference {
            identifier: Some(identifier(&urn_of(&export.request.id))),
            display: Some(s(format!(
                "{} {}",
                export.request.label, export.request.received
            ))),
            ..types::Reference::default()
        },
        ..ProvenanceEntity::default()
    };
    // The Patient and the Organization are always there: the targets are never empty.
    if let Ok(target) = Vec1::try_from_vec(targets) {
        let provenance = Provenance::builder()
            .target(target)
            .recorded(types::Instant(export.generated_at.clone()))
            .policy(vec![uri(AVG_POLICY)].into())
            .activity(concept(
                None,
                export.request.request_type.id(),
                &export.request.label,
            ))
            .agent(Vec1::new(agent))
            .entity(vec![source])
            .build()?;
        entries.push((
            urn(&uuid::Uuid::new_v4().to_string()),
            Resource::Provenance(Box::new(provenance)),
        ));
    }

    Ok(Bundle {
        identifier: Some(identifier(&urn_of(&export.request.id))),
        r#type: Coded::Known(BundleType::Collection),
        timestamp: Some(types::Instant(export.generated_at.clone())),
        entry: entries
            .into_iter()
            .map(|(url, resource)| BundleEntry {
                full_url: Some(uri(url)),
                resource: serde_json::to_value(&resource).ok(),
                ..BundleEntry::default()
            })
            .collect(),
        ..Bundle::default()
    })
}

/// The bundle of `export` as JSON (pretty), as it is written and hashed.
/// As a resource (with its `resourceType`, which the bare struct leaves out).
pub fn bundle_json(export: &SubjectExport) -> Result<String, String> {
    let bundle = Resource::Bundle(Box::new(bundle(export).map_err(|e| e.to_string())?));
    serde_json::to_string_pretty(&bundle).map_err(|e| e.to_string())
}

fn document(
    version: &ExportVersion,
    status: DocumentReferenceStatus,
    relates_to: Vec<DocumentReferenceRelatesTo>,
    kind: &types::CodeableConcept,
    (patient_url, patient_display): (&str, Option<&str>),
    custodian: types::Reference<Organization>,
    export: &SubjectExport,
) -> Result<Resource, BuilderError> {
    let data = base64::engine::general_purpose::STANDARD.encode(version.text.as_bytes());
    let doc = DocumentReference::builder()
        .identifier(vec![identifier(&urn_of(&version.record_id))])
        .status(Coded::Known(status))
        .r#type(concept(None, &version.kind, &version.kind))
        .category(vec![kind.clone()])
        .subject(reference(patient_url, patient_display))
        .date(types::Instant(version.recorded_at.clone()))
        .custodian(custodian)
        .relates_to(relates_to)
        .content(Vec1::new(DocumentReferenceContent {
            attachment: types::Attachment {
                content_type: Some(types::Code("text/plain; charset=utf-8".to_owned())),
                language: Some(types::Code(export.language.tag().to_owned())),
                data: Some(types::Base64Binary(data)),
                creation: Some(types::DateTime(version.recorded_at.clone())),
                ..types::Attachment::default()
            },
            ..DocumentReferenceContent::default()
        }))
        .build()?;
    Ok(Resource::DocumentReference(Box::new(doc)))
}

fn consent(
    c: &ExportConsent,
    (patient_url, patient_display): (&str, Option<&str>),
    organisation: types::Reference<Organization>,
) -> Result<Resource, BuilderError> {
    let status = if c.live {
        ConsentStateCodes::Active
    } else {
        ConsentStateCodes::Inactive
    };
    let end = c
        .withdrawn_on
        .into_iter()
        .chain(c.valid_until)
        .min()
        .map(|d| types::DateTime(d.to_string()));
    let mut purpose = Vec::new();
    if let Some(p) = &c.purpose {
        purpose.push(types::Coding {
            display: Some(s(p)),
            ..types::Coding::default()
        });
    }
    let mut actions: Vec<types::CodeableConcept> = Vec::new();
    if let Some(p) = &c.processing {
        actions.push(types::CodeableConcept {
            text: Some(s(p)),
            ..types::CodeableConcept::default()
        });
    }
    let consent = Consent::builder()
        .identifier(vec![identifier(&urn_of(&c.id))])
        .status(Coded::Known(status))
        .scope(concept(
            Some(CONSENT_SCOPE),
            "patient-privacy",
            "Privacy Consent",
        ))
        .category(Vec1::new(concept(
            Some(LOINC),
            "59284-0",
            "Patient Consent",
        )))
        .patient(reference(patient_url, patient_display))
        .date_time(types::DateTime(c.given_on.to_string()))
        .organization(vec![organisation])
        .provision(ConsentProvision {
            r#type: Some(Coded::Known(ConsentProvisionType::Permit)),
            period: Some(types::Period {
                start: Some(types::DateTime(c.valid_from.to_string())),
                end,
                ..types::Period::default()
            }),
            action: actions,
            purpose,
            code: c
                .categories
                .iter()
                .map(|cat| types::CodeableConcept {
                    text: Some(s(cat)),
                    ..types::CodeableConcept::default()
                })
                .collect(),
            actor: c
                .recipient
                .iter()
                .map(|r| ConsentProvisionActor {
                    role: concept(Some(PARTICIPATION_TYPE), "IRCP", "information recipient"),
                    reference: types::Reference {
                        display: Some(s(r)),
                        ..types::Reference::default()
                    },
                    ..ConsentProvisionActor::default()
                })
                .collect(),
            ..ConsentProvision::default()
        })
        .build()?;
    Ok(Resource::Consent(Box::new(consent)))
}
