//! Disclosure: may this recipient receive this category, is consent needed and in what form,
//! does an objection block it, must the subject be told.
//!
//! Where several rules cover the same recipient and category, the strictest consent they ask
//! governs; an objection blocks when any of them says so, or when consent is the ground.

use serde::Serialize;

use super::{DecisionError, cite_list, known_id, push_article};
use crate::i18n::Lang;
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::taxonomy::IdKind;
use crate::vocabulary::ConsentForm;

const AVG_6_A: &str = "AVG art. 6 lid 1 sub a";
const AVG_9_A: &str = "AVG art. 9 lid 2 sub a";

/// What is known of the subject's wishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisclosureFacts {
    /// The subject gave consent in the form the rule asks.
    pub consent: bool,
    /// The subject objected to the disclosure.
    pub objection: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosureAnswer {
    pub recipient: String,
    pub category: String,
    pub allowed: bool,
    pub needs_consent: bool,
    pub consent_form: ConsentForm,
    pub objection_blocks: bool,
    pub notify_subject: bool,
    pub articles: Vec<String>,
    pub conditions: Vec<String>,
    /// No rule of the reglement names this recipient for this category; the default applies.
    pub by_default: bool,
}

pub fn disclose(
    reglement: &Reglement,
    recipient: &str,
    category: &str,
    facts: DisclosureFacts,
) -> Result<DisclosureAnswer, DecisionError> {
    known_id(reglement, IdKind::Recipient, recipient)?;
    known_id(reglement, IdKind::Category, category)?;
    let special = reglement
        .taxonomy
        .category(category)
        .is_some_and(|c| c.special.is_some());
    let hereditary = reglement
        .taxonomy
        .category(category)
        .is_some_and(|c| c.hereditary);

    let rules: Vec<_> = reglement
        .file
        .disclosures
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.recipients.iter().any(|id| id.get_ref() == recipient))
        .filter(|r| {
            r.categories
                .as_ref()
                .is_none_or(|cats| cats.iter().any(|c| c.get_ref() == category))
        })
        .collect();

    let mut articles = Vec::new();
    let mut conditions = Vec::new();
    let (consent_form, rule_objection, rule_notify) = if rules.is_empty() {
        match &reglement.file.disclosure.default {
            Some(d) => {
                push_article(&mut articles, cite(d.article.get_ref(), d.law.as_deref()));
                // A default of the reglement cannot ask less than the law for special data.
                let form = if special {
                    d.consent.max(ConsentForm::Uitdrukkelijk)
                } else {
                    d.consent
                };
                if form != d.consent {
                    push_article(&mut articles, AVG_9_A.to_owned());
                }
                (form, false, false)
            }
            None if special => {
                push_article(&mut articles, AVG_9_A.to_owned());
                (ConsentForm::Uitdrukkelijk, false, false)
            }
            None => {
                push_article(&mut articles, AVG_6_A.to_owned());
                (ConsentForm::Toestemming, false, false)
            }
        }
    } else {
        let mut form = ConsentForm::Geen;
        let (mut objection, mut notify) = (false, false);
        for r in &rules {
            push_article(&mut articles, cite(r.article.get_ref(), r.law.as_deref()));
            form = form.max(r.consent);
            objection |= r.objection_blocks;
            notify |= r.notify;
            for c in &r.conditions {
                if !conditions.contains(c) {
                    conditions.push(c.clone());
                }
            }
        }
        (form, objection, notify)
    };
    if hereditary && let Some(h) = &reglement.file.disclosure.hereditary {
        push_article(&mut articles, cite(h.article.get_ref(), h.law.as_deref()));
        let condition = "alleen over de betrokkene die de gegevens heeft verstrekt".to_owned();
        if !conditions.contains(&condition) {
            conditions.push(condition);
        }
    }

    let needs_consent = consent_form != ConsentForm::Geen;
    // Where consent is the ground, an objection means there is none.
    let objection_blocks = rule_objection || needs_consent;
    let allowed = (!needs_consent || facts.consent) && !(facts.objection && objection_blocks);
    let without_consent = allowed && !facts.consent;
    let general_notify = if without_consent {
        reglement.file.disclosure.notify_without_consent.as_ref()
    } else {
        None
    };
    if let Some(n) = general_notify {
        push_article(&mut articles, n.article.get_ref().clone());
        if let Some(e) = &n.exception {
            let condition = format!("niet informeren {e}");
            if !conditions.contains(&condition) {
                conditions.push(condition);
            }
        }
    }
    Ok(DisclosureAnswer {
        recipient: recipient.to_owned(),
        category: category.to_owned(),
        allowed,
        needs_consent,
        consent_form,
        objection_blocks,
        notify_subject: allowed && (rule_notify || general_notify.is_some()),
        articles,
        conditions,
        by_default: rules.is_empty(),
    })
}

impl DisclosureAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let (recipient, category) = (self.recipient.as_str(), self.category.as_str());
        let mut sentences = vec![if self.allowed {
            t!(
                lang,
                "disclosure-allowed",
                category = category,
                recipient = recipient,
                articles = &articles
            )
        } else {
            t!(
                lang,
                "disclosure-not-allowed",
                category = category,
                recipient = recipient,
                articles = &articles
            )
        }];
        sentences.push(if self.needs_consent {
            t!(
                lang,
                "disclosure-needs-consent",
                consent = self.consent_form.label(lang)
            )
        } else {
            t!(lang, "disclosure-no-consent-needed")
        });
        if self.objection_blocks {
            sentences.push(t!(lang, "disclosure-objection-blocks"));
        }
        if self.notify_subject {
            sentences.push(t!(lang, "disclosure-notify-subject"));
        }
        if self.by_default {
            sentences.push(t!(lang, "disclosure-by-default"));
        }
        if !self.conditions.is_empty() {
            sentences.push(t!(
                lang,
                "disclosure-conditions",
                conditions = &self.conditions.join("; ")
            ));
        }
        sentences.join(" ")
    }
}
