//! The panel "Vertegenwoordiging" on the client's dossier: the legal status, the date of death
//! and the representatives with their ground and validity (names, Dutch dates), and the form
//! that adds one, for whoever may change the registration data it is kept in (the category
//! `juridisch`, else `naw`). Reading it is a logged read; adding one a logged write. Bad input
//! is shown beside its field with what was typed, and changes nothing.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::i18n::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{Action, Requester};
use zorgkluis_core::{Lang, t};
use zorgkluis_store::vault::{NewRepresentative, Representation, Representative, VaultError};

use super::layout::page;
use crate::{AppError, AppState, Caller};

/// Where the form that adds a representative posts.
pub(crate) fn add_path(person: &str) -> String {
    format!("/clienten/{person}/vertegenwoordiger")
}

fn today() -> Date {
    zorgkluis_core::time::dutch_date(jiff::Timestamp::now())
}

fn validity(r: &Representative, lang: Lang) -> String {
    let mut s = match r.valid_until {
        Some(u) => t!(
            lang,
            "representation-valid-between",
            from = &format_date(r.valid_from, lang),
            until = &format_date(u, lang)
        ),
        None => t!(
            lang,
            "representation-valid-from",
            from = &format_date(r.valid_from, lang)
        ),
    };
    if let Some(d) = r.authorised_on {
        s.push_str("; ");
        s.push_str(&t!(
            lang,
            "representation-authorised",
            date = &format_date(d, lang)
        ));
    }
    if let Some(e) = r.ended_on {
        s.push_str("; ");
        s.push_str(&t!(
            lang,
            "representation-ended",
            date = &format_date(e, lang)
        ));
    }
    s
}

/// The panel for the dossier: what the caller may read of it (nothing where he may not: no
/// panel, so that nothing tells whether there is any), with the form for whoever may add.
pub(crate) async fn panel(
    s: &AppState,
    caller: &Caller,
    person: &str,
    care_team: bool,
) -> Result<Markup, AppError> {
    let vault = &s.vault;
    let category = vault.representation_category();
    let may_read = care_team || vault.may_without_care(&caller.actor, Action::Read, category);
    if !may_read {
        return Ok(html! {});
    }
    let r = match vault.representation(&caller.actor, person).await {
        Ok(r) => r,
        Err(VaultError::Denied(_)) => return Ok(html! {}),
        Err(e) => return Err(e.into()),
    };
    let may_add = vault.may_without_care(&caller.actor, Action::Write, category);
    Ok(panel_html(caller, &r, may_add, &AddForm::default(), None))
}

fn panel_html(
    caller: &Caller,
    r: &Representation,
    may_add: bool,
    typed: &AddForm,
    error: Option<(&str, String)>,
) -> Markup {
    let lang = caller.lang;
    let f = &r.facts;
    let err = |field: &str| -> Markup {
        html! {
            @if let Some((f, m)) = &error {
                @if *f == field { p.error role="alert" id={ "fout-" (field) } { (m) } }
            }
        }
    };
    html! {
        section.representation aria-labelledby="vertegenwoordiging-titel" data-panel="vertegenwoordiging" {
            h2 id="vertegenwoordiging-titel" { (t(lang, "representation-title")) }
            @if let Some(d) = f.deceased {
                p.deceased { (t!(lang, "representation-deceased", date = &format_date(d, lang))) }
            }
            p.legal-status {
                strong { (t(lang, "representation-legal-status")) } ": "
                @match (f.legal_status, f.legal_status_since) {
                    (Some(st), Some(since)) => {
                        (t!(lang, "representation-legal-status-since", status = st.label(lang), since = &format_date(since, lang)))
                    }
                    _ => { (t(lang, "representation-no-legal-status")) }
                }
            }
            @if r.representatives.is_empty() {
                p.empty { (t(lang, "representation-none")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (t(lang, "representation-col-name")) }
                        th scope="col" { (t(lang, "representation-ground-label")) }
                        th scope="col" { (t(lang, "representation-col-validity")) }
                    } }
                    tbody {
                        @for rep in &r.representatives {
                            tr data-link=(rep.id) {
                                td { (rep.representative_name.clone().unwrap_or_else(|| t(lang, "representation-name-withheld"))) }
                                td { (rep.ground.label(lang)) }
                                td { (validity(rep, lang)) }
                            }
                        }
                    }
                }
            }
            @if may_add {
                details.amend data-form="vertegenwoordiger" open[error.is_some()] {
                    summary { (t(lang, "representation-add-open")) }
                    form method="post" action=(add_path(&r.person)) {
                        input type="hidden" name="csrf" value=(caller.csrf());
                        label for="vertegenwoordiger-persoon" { (t(lang, "representation-by-label")) }
                        input type="text" id="vertegenwoordiger-persoon" name="persoon" value=(typed.persoon) required;
                        (err("by"))
                        label for="vertegenwoordiger-grond" { (t(lang, "representation-ground-label")) }
                        select id="vertegenwoordiger-grond" name="grond" {
                            @for k in Requester::ALL.iter().filter(|k| **k != Requester::Betrokkene) {
                                option value=(k.id()) selected[typed.grond == k.id()] { (k.label(lang)) }
                            }
                        }
                        (err("ground"))
                        label for="vertegenwoordiger-vanaf" { (t(lang, "representation-from-label")) }
                        input type="date" id="vertegenwoordiger-vanaf" name="vanaf" value=(if typed.vanaf.is_empty() { today().to_string() } else { typed.vanaf.clone() });
                        (err("from"))
                        label for="vertegenwoordiger-tot" { (t(lang, "representation-until-label")) }
                        input type="date" id="vertegenwoordiger-tot" name="tot" value=(typed.tot);
                        (err("until"))
                        label for="vertegenwoordiger-machtiging" { (t(lang, "representation-authorised-label")) }
                        input type="date" id="vertegenwoordiger-machtiging" name="machtiging" value=(typed.machtiging);
                        (err("authorised_on"))
                        button.primary type="submit" { (t(lang, "representation-add-button")) }
                    }
                }
            }
        }
    }
}

/// What was typed into the form that adds a representative.
#[derive(Deserialize, Default, Clone)]
pub(crate) struct AddForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    persoon: String,
    #[serde(default)]
    grond: String,
    #[serde(default)]
    vanaf: String,
    #[serde(default)]
    tot: String,
    #[serde(default)]
    machtiging: String,
}

fn form_date(field: &'static str, value: &str) -> Result<Option<Date>, (&'static str, String)> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse()
        .map(Some)
        .map_err(|_| (field, "a date (YYYY-MM-DD)".to_owned()))
}

fn parse(person: &str, f: &AddForm) -> Result<NewRepresentative, (&'static str, String)> {
    let ground = Requester::from_id(f.grond.trim())
        .filter(|g| *g != Requester::Betrokkene)
        .ok_or((
            "ground",
            "ouder, voogd, curator, mentor, gemachtigde, nabestaande".to_owned(),
        ))?;
    Ok(NewRepresentative {
        subject: person.to_owned(),
        representative: f.persoon.trim().to_owned(),
        ground,
        valid_from: form_date("from", &f.vanaf)?.unwrap_or_else(today),
        valid_until: form_date("until", &f.tot)?,
        authorised_on: form_date("authorised_on", &f.machtiging)?,
    })
}

/// Adds a representative; back to the dossier, or the panel again with the error beside its
/// field (422).
pub(crate) async fn add(
    State(s): State<AppState>,
    caller: Caller,
    Path(person): Path<String>,
    Form(form): Form<AddForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault.check_person_known(&person).await?;
    let failed = match parse(&person, &form) {
        Ok(new) => match s.vault.add_representative(&caller.actor, &new).await {
            Ok(_) => return Ok(Redirect::to(&format!("/clienten/{person}")).into_response()),
            Err(
                VaultError::Invalid { field, message } | VaultError::Conflict { field, message },
            ) => (field, message),
            Err(e) => return Err(e.into()),
        },
        Err(e) => e,
    };
    let lang = caller.lang;
    let r = s.vault.representation(&caller.actor, &person).await?;
    let body = html! {
        (panel_html(&caller, &r, true, &form, Some(failed)))
        p { a href={ "/clienten/" (person) } { (t(lang, "back-to-dossier")) } }
    };
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&s.vault, &caller, &t(lang, "representation-title"), body),
    )
        .into_response())
}
