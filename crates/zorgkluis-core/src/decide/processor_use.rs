//! May the processor of a processing process for this purpose? A processor processes only on
//! the controller's documented instructions (art. 28 lid 3 sub a AVG); one that determines a
//! purpose of its own is a controller for it (art. 28 lid 10 AVG). Where the reglement limits
//! the processor to one purpose (`verwerker_doel`), any other is refused; where it names none,
//! the answer says that only the processing's instructions bind.
//!
//! Where it processes is checked when the reglement is read (`verwerker_land` against
//! `[verwerkers] alleen_eer`); the answer repeats the country and whether it lies in the EEA.

use serde::Serialize;

use super::{DecisionError, cite_list, known_processing, push_article};
use crate::i18n::Lang;
use crate::reglement::{Reglement, cite};
use crate::t;

const INSTRUCTIONS: &str = "AVG art. 28 lid 3 sub a";
const OWN_PURPOSE: &str = "AVG art. 28 lid 10";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProcessorUseAnswer {
    pub processing: String,
    pub purpose: String,
    pub allowed: bool,
    /// The processor as the reglement names it; none where the processing has none.
    pub processor: Option<String>,
    /// The one purpose the reglement allows it, if it names one.
    pub only_purpose: Option<String>,
    /// Where it processes (ISO 3166-1 alpha-2), and whether that lies in the EEA.
    pub country: Option<String>,
    pub in_eea: Option<bool>,
    pub articles: Vec<String>,
}

/// Whether the processor of `processing` may process its data for `purpose`.
pub fn processor_use(
    reglement: &Reglement,
    processing: &str,
    purpose: &str,
) -> Result<ProcessorUseAnswer, DecisionError> {
    let p = known_processing(reglement, processing)?;
    let mut articles = vec![p.article.get_ref().clone()];
    let country = p.processor_country.as_ref().map(|c| c.get_ref().clone());
    let in_eea = country.as_deref().map(crate::processor::in_eea);
    if let Some(v) = &reglement.file.processors
        && v.eea_only
    {
        push_article(
            &mut articles,
            cite(
                v.article.get_ref(),
                Some(v.law.as_deref().unwrap_or(crate::processor::TRANSFER_LAW)),
            ),
        );
    }
    let only_purpose = p.processor_purpose.as_ref().map(|d| d.get_ref().clone());
    let allowed = match (&p.processor, &only_purpose) {
        (None, _) => false,
        (Some(_), Some(only)) => only == purpose,
        (Some(_), None) => true,
    };
    if p.processor.is_some() {
        push_article(&mut articles, INSTRUCTIONS.to_owned());
        if only_purpose.is_some() && !allowed {
            push_article(&mut articles, OWN_PURPOSE.to_owned());
        }
    }
    Ok(ProcessorUseAnswer {
        processing: processing.to_owned(),
        purpose: purpose.to_owned(),
        allowed,
        processor: p.processor.clone(),
        only_purpose,
        country,
        in_eea,
        articles,
    })
}

impl ProcessorUseAnswer {
    pub fn explain(&self, lang: Lang) -> String {
        let articles = cite_list(&self.articles);
        let (processing, purpose) = (self.processing.as_str(), self.purpose.as_str());
        match (&self.processor, &self.only_purpose) {
            (None, _) => t!(
                lang,
                "processor-use-none",
                processing = processing,
                articles = &articles
            ),
            (Some(_), Some(only)) if !self.allowed => t!(
                lang,
                "processor-use-other-purpose",
                processing = processing,
                only = only,
                purpose = purpose,
                articles = &articles
            ),
            (Some(_), Some(_)) => t!(
                lang,
                "processor-use-allowed",
                processing = processing,
                purpose = purpose,
                articles = &articles
            ),
            (Some(_), None) => t!(
                lang,
                "processor-use-unlimited",
                processing = processing,
                articles = &articles
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    const RULES: &str = "[verwerkers]\nalleen_eer = true\nartikel = \"11.1\"\n\
        [[verwerkingen]]\nid = \"declaratie\"\nnaam = \"Declaratie\"\nartikel = \"2.2\"\n\
        doel = \"Declareren\"\ngrondslag = [\"wettelijke_plicht\"]\ncategorieen = [\"naw\"]\n\
        verwerker = \"Declaratieservice\"\nverwerker_land = \"NL\"\n\
        verwerker_doel = \"declaratie\"\n\
        [[verwerkingen]]\nid = \"intern\"\nnaam = \"Intern\"\nartikel = \"2.4\"\n\
        doel = \"Intern\"\ngrondslag = [\"overeenkomst\"]\ncategorieen = [\"naw\"]\n\
        [[bewaartermijnen]]\ncategorieen = [\"naw\"]\ntermijn = \"7 jaar\"\n\
        vanaf = \"aanmaak\"\nartikel = \"5.1\"\n";

    #[test]
    fn a_processor_limited_to_one_purpose_may_not_serve_another() {
        let r = test_reglement(RULES);
        let a = processor_use(&r, "declaratie", "declaratie").unwrap();
        assert!(a.allowed);
        assert_eq!(a.in_eea, Some(true));
        assert_eq!(
            a.articles,
            vec!["2.2", "11.1 (AVG art. 44–46)", "AVG art. 28 lid 3 sub a"]
        );
        let b = processor_use(&r, "declaratie", "marketing").unwrap();
        assert!(!b.allowed);
        assert!(b.articles.contains(&"AVG art. 28 lid 10".to_owned()));
        assert!(b.explain(Lang::En).contains("only for declaratie"));
        let none = processor_use(&r, "intern", "declaratie").unwrap();
        assert!(!none.allowed && none.processor.is_none());
    }

    #[test]
    fn an_unknown_processing_is_named_with_a_suggestion() {
        let r = test_reglement(RULES);
        let e = processor_use(&r, "declaratei", "declaratie").unwrap_err();
        assert_eq!(
            e,
            DecisionError::UnknownProcessing {
                id: "declaratei".to_owned(),
                suggestion: Some("declaratie".to_owned())
            }
        );
    }

    #[test]
    fn a_purpose_without_a_processor_and_a_country_outside_the_eea_are_errors() {
        let without = RULES.replace("verwerker = \"Declaratieservice\"\n", "");
        let codes = test_reglement_errors(&without);
        assert!(codes.contains(&"reglement.processor_purpose_without_processor"));
        let outside = RULES.replace("verwerker_land = \"NL\"", "verwerker_land = \"US\"");
        assert!(test_reglement_errors(&outside).contains(&"reglement.processor_outside_eea"));
    }
}
