//! The letters of a request (issue 12 part 4), from templates in the catalogue, in the
//! reader's language, as a page to print or save as PDF from the browser: the confirmation of
//! receipt with the deadline, the extension notice with its reason, and the decision with its
//! grounds and, on a refusal, where the requester can complain (the organisation's complaint
//! channels as the reglement names them, the Autoriteit Persoonsgegevens, the court).

use axum::extract::{Path, Query, State};
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::RequestOutcome;
use zorgkluis_store::vault::RequestView;

use super::layout::{bare_page, person_name};
use crate::{AppError, AppState, Caller};

/// Which letter.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Ontvangst,
    Verlenging,
    Besluit,
}

#[derive(Deserialize)]
pub(crate) struct LetterQuery {
    pub(crate) soort: Kind,
}

/// The letters a request has so far, for the links on its page.
pub(crate) fn available(r: &RequestView) -> Vec<(&'static str, &'static str)> {
    let mut out = vec![("ontvangst", "letter-receipt")];
    if r.extension.is_some() {
        out.push(("verlenging", "letter-extension"));
    }
    if r.decision.is_some() {
        out.push(("besluit", "letter-decision"));
    }
    out
}

pub(crate) fn body(
    s: &AppState,
    r: &RequestView,
    kind: Kind,
    lang: Lang,
) -> Result<Markup, AppError> {
    let reglement = s.vault.reglement();
    let org = &reglement.file.organisation;
    let kind_label = r.request_type.label(lang);
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let paragraphs: Vec<String> = match kind {
        Kind::Ontvangst => {
            let mut p = vec![t!(
                lang,
                "letter-receipt-text",
                kind = kind_label,
                received = &format_date(r.received, lang),
                channel = r.channel.label(lang),
                date = &format_date(r.respond_by, lang),
                articles = &cite_list(&r.respond_by_articles)
            )];
            if r.identity_required && r.identity_on.is_none() {
                p.push(t(lang, "letter-receipt-identity"));
            }
            p
        }
        Kind::Verlenging => {
            let (Some(x), Some(until)) = (&r.extension, r.extendable_to) else {
                return Err(AppError::NotFound);
            };
            vec![t!(
                lang,
                "letter-extension-text",
                kind = kind_label,
                date = &format_date(until, lang),
                reason = x.reason.as_deref().unwrap_or("—")
            )]
        }
        Kind::Besluit => {
            let Some(d) = &r.decision else {
                return Err(AppError::NotFound);
            };
            let mut p = vec![t!(
                lang,
                "letter-decision-text",
                kind = kind_label,
                date = &format_date(d.decided_on, lang),
                outcome = d.outcome.label(lang)
            )];
            for g in &d.grounds {
                p.push(format!("{} ({})", g.text, cite_list(&g.articles)));
            }
            if d.outcome != RequestOutcome::Toegewezen {
                let own = reglement.file.complaints.as_ref();
                let officer = own
                    .and_then(|c| c.officer.clone())
                    .unwrap_or_else(|| org.name.clone());
                p.push(t!(lang, "letter-complain-own", officer = officer.as_str()));
                if let Some(body) = own.and_then(|c| c.dispute_body.as_deref()) {
                    p.push(t!(lang, "letter-complain-dispute", body = body));
                }
                p.push(t(lang, "letter-complain-ap"));
            }
            p
        }
    };
    let title = match kind {
        Kind::Ontvangst => t(lang, "letter-receipt"),
        Kind::Verlenging => t(lang, "letter-extension"),
        Kind::Besluit => t(lang, "letter-decision"),
    };
    Ok(html! {
        article.letter {
            p { strong { (org.name) } @if let Some(a) = &org.address { br; (a) } }
            p { (format_date(today, lang)) }
            p { (t!(lang, "letter-to", name = &person_name(r.subject.as_ref(), lang))) }
            p { strong { (t!(lang, "letter-subject", kind = kind_label, title = title.as_str())) } }
            p { (t(lang, "letter-salutation")) }
            @for para in &paragraphs { p { (para) } }
            p { (t(lang, "letter-closing")) br; (org.controller) }
        }
    })
}

/// A letter of a request, decided and logged as a read of the request.
pub(crate) async fn letter(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<LetterQuery>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let r = s.vault.request(&caller.actor, &id).await?;
    let title = t(lang, "letter-page-title");
    Ok(bare_page(lang, &title, body(&s, &r, q.soort, lang)?))
}
