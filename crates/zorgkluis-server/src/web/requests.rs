//! The work queue of data subject requests, for the roles the reglement gives
//! `handle_requests`: the open requests by what is due, overdue ones on top, each with the
//! client's name, the kind of request, when it came in, the deadline that runs and the calendar
//! days left to it (the AVG's month and the seeds' weeks are calendar periods).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use maud::{Markup, html};
use serde::Deserialize;
use zorgkluis_core::Lang;
use zorgkluis_core::decide::cite_list;
use zorgkluis_core::decide::request::allowed_grounds;
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::time::format_date;
use zorgkluis_core::vocabulary::{RequestOutcome, RequestStatus, RequestType, RestrictionGround};
use zorgkluis_store::vault::{ErasureCertificate, Restriction};

use super::layout::{category_label, moment, outcome_label, page, person_name};
use crate::{AppError, AppState, Caller};

/// "nog 5 dagen", "vandaag", "3 dagen te laat".
pub(crate) fn days_left(due: Date, today: Date, lang: Lang) -> String {
    let days = (due - today).get_days();
    match days {
        0 => t(lang, "requests-due-today"),
        d if d > 0 => t!(lang, "requests-days-left", days = d),
        d => t!(lang, "requests-days-late", days = -d),
    }
}

pub(crate) async fn queue(State(s): State<AppState>, caller: Caller) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let queue = s.vault.request_queue(&caller.actor).await?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let title = t(lang, "requests-queue");
    let body = html! {
        p.sub { (t(lang, "requests-queue-explained")) }
        @if queue.is_empty() {
            p.empty { (t(lang, "requests-none")) }
        } @else {
            table {
                caption { (t!(lang, "requests-open-count", count = queue.len() as i64)) }
                thead { tr {
                    th scope="col" { (t(lang, "requests-due")) }
                    th scope="col" { (t(lang, "client")) }
                    th scope="col" { (t(lang, "requests-type")) }
                    th scope="col" { (t(lang, "requests-received")) }
                    th scope="col" { (t(lang, "requests-channel")) }
                    th scope="col" { (t(lang, "requests-status")) }
                } }
                tbody {
                    @for (r, facts) in &queue {
                        tr.overdue[r.overdue] {
                            td {
                                @if let Some(due) = r.due {
                                    strong { (days_left(due, today, lang)) }
                                    @if r.due_soon { " " span.soon { (t(lang, "requests-due-soon")) } }
                                    br;
                                    (format_date(due, lang))
                                } @else { "—" }
                            }
                            td { a href={ "/verzoeken/" (r.id) } { (person_name(facts.as_ref(), lang)) } }
                            td { (r.request_type.label(lang)) }
                            td { (format_date(r.received, lang)) }
                            td { (r.channel.label(lang)) }
                            td { (r.status.label(lang)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(&s.vault, &caller, &title, body))
}

/// One request: the client, its deadlines, what is asked, who files it, its decision, the
/// steps still open (each a form), and its history from the audit chain.
pub(crate) async fn request_page(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Markup, AppError> {
    let lang = caller.lang;
    let r = s.vault.request(&caller.actor, &id).await?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let grounds = allowed_grounds(s.vault.reglement(), r.request_type, lang);
    let taxonomy = &s.vault.reglement().taxonomy;
    let title = t!(lang, "request-title", kind = r.request_type.label(lang));
    let open = !matches!(
        r.status,
        RequestStatus::Uitgevoerd | RequestStatus::Ingetrokken
    ) && r
        .decision
        .as_ref()
        .is_none_or(|d| d.outcome != RequestOutcome::Afgewezen);
    let action = |step: &str| format!("/verzoeken/{}/{step}", r.id);
    let exported = zorgkluis_store::vault::carried_out_by_export(r.request_type);
    // An erasure is carried out by erasing; its certificate shows once it is. So does the
    // certificate of what a transfer of care erased after it (the reglement's `[overdracht]`).
    let erasure = r.request_type == RequestType::Verwijdering;
    let transfer = r.request_type == RequestType::Overdracht;
    let certificates: Vec<ErasureCertificate> = if erasure || transfer {
        s.vault
            .erasure_certificates(&caller.actor, &r.person_id)
            .await?
            .into_iter()
            .filter(|c| c.request_id.as_deref() == Some(r.id.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    // A restriction is carried out by restricting, on its ground of art. 18 lid 1.
    let restriction = r.request_type == RequestType::Afscherming;
    let restrictions: Vec<Restriction> = if restriction {
        s.vault
            .restrictions(&caller.actor, &r.person_id)
            .await?
            .into_iter()
            .filter(|x| x.request_id.as_deref() == Some(r.id.as_str()))
            .collect()
    } else {
        Vec::new()
    };
    let decided = matches!(
        r.status,
        RequestStatus::Besloten | RequestStatus::Uitgevoerd
    ) && r
        .decision
        .as_ref()
        .is_some_and(|d| d.outcome != RequestOutcome::Afgewezen);
    let body = html! {
        p.sub {
            strong { (person_name(r.subject.as_ref(), lang)) }
            " · " (t!(lang, "request-received-on", date = &format_date(r.received, lang)))
            " · " (r.channel.label(lang))
            " · " (r.status.label(lang))
        }
        section.panel aria-labelledby="termijnen" {
            h2 id="termijnen" { (t(lang, "request-deadlines")) }
            ul {
                li.late[r.overdue] {
                    (t!(lang, "request-respond-by", date = &format_date(r.respond_by, lang)))
                    " (" (days_left(r.respond_by, today, lang)) "; " (cite_list(&r.respond_by_articles)) ")"
                    @if r.due_soon { " " span.soon { (t(lang, "requests-due-soon")) } }
                }
                @if let Some(x) = r.extendable_to { li { (t!(lang, "request-extendable-to", date = &format_date(x, lang))) } }
                @if let Some(e) = r.execute_by { li { (t!(lang, "request-execute-by", date = &format_date(e, lang))) } }
                @if let Some(e) = r.erase_by { li { (t!(lang, "request-erase-by", date = &format_date(e, lang))) } }
                @if let Some(x) = &r.extension {
                    li { (t!(lang, "request-extended", date = &format_date(x.told, lang)))
                        @if let Some(reason) = &x.reason { ": " (reason) } }
                }
            }
        }
        section.panel aria-labelledby="gevraagd" {
            h2 id="gevraagd" { (t(lang, "request-asked")) }
            @match &r.details {
                Some(d) => {
                    @if !d.categories.is_empty() {
                        p { (t(lang, "request-categories")) ": "
                            (d.categories.iter().map(|c| category_label(taxonomy, c, lang)).collect::<Vec<_>>().join(", ")) }
                    }
                    @if let Some(c) = d.changes.as_deref().filter(|c| !c.is_empty()) { p { (t(lang, "request-changes")) ": " (c) } }
                    @if d.categories.is_empty() && d.changes.as_deref().is_none_or(str::is_empty) { p.empty { (t(lang, "request-asked-all")) } }
                }
                None => p.empty { (t(lang, "reason-erased")) },
            }
            p { (t(lang, "request-requester")) ": " (r.requester.kind.label(lang))
                @if !r.requester.articles.is_empty() { " (" (cite_list(&r.requester.articles)) ")" } }
            @for n in &r.requester.also_needed { p.sub { (n) } }
        }
        @if let Some(d) = &r.decision {
            section.panel aria-labelledby="besluit" {
                h2 id="besluit" { (t(lang, "request-decision")) }
                p { strong { (d.outcome.label(lang)) } " · " (format_date(d.decided_on, lang)) }
                @for g in &d.grounds { p { (g.text) " (" (cite_list(&g.articles)) ")" } }
            }
        }
        @if open {
            @if r.decision.is_none() {
                section.panel aria-labelledby="beslissen" {
                    h2 id="beslissen" { (t(lang, "request-decide")) }
                    form method="post" action=(action("besluit")) {
                        input type="hidden" name="csrf" value=(caller.csrf());
                        fieldset {
                            legend { (t(lang, "request-outcome")) }
                            @for o in RequestOutcome::ALL {
                                label.choice { input type="radio" name="uitkomst" value=(o.id()) required; " " (o.label(lang)) }
                            }
                        }
                        fieldset {
                            legend { (t(lang, "request-grounds")) }
                            @for g in &grounds {
                                label.choice { input type="checkbox" name="grond" value=(g.id); " " (g.text) " (" (cite_list(&g.articles)) ")" }
                            }
                        }
                        label for="op" { (t(lang, "request-decided-on")) }
                        input id="op" name="op" type="date" value=(today.to_string()) required;
                        button.primary type="submit" { (t(lang, "request-decide-button")) }
                    }
                }
            }
            @if r.extension.is_none() && r.extendable_to.is_some() && r.decision.is_none() {
                section.panel aria-labelledby="verlengen" {
                    h2 id="verlengen" { (t(lang, "request-extend")) }
                    form method="post" action=(action("verlenging")) {
                        input type="hidden" name="csrf" value=(caller.csrf());
                        label for="reden" { (t(lang, "request-extend-reason")) }
                        textarea id="reden" name="reden" required {}
                        label for="gemeld" { (t(lang, "request-extend-told")) }
                        input id="gemeld" name="gemeld" type="date" value=(today.to_string()) required;
                        button type="submit" { (t(lang, "request-extend-button")) }
                    }
                }
            }
            section.panel aria-labelledby="stappen" {
                h2 id="stappen" { (t(lang, "request-steps")) }
                form method="post" action=(action("stap")) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    label for="stap" { (t(lang, "request-next-step")) }
                    select id="stap" name="stap" {
                        @for st in [RequestStatus::IdentiteitVastgesteld, RequestStatus::InBehandeling, RequestStatus::Uitgevoerd, RequestStatus::Ingetrokken] {
                            // An inzage, afschrift or inzage in de logging is carried out by its export.
                            @if st != RequestStatus::Uitgevoerd || !(exported || erasure || restriction) {
                                option value=(st.id()) { (st.label(lang)) }
                            }
                        }
                    }
                    label for="stap-op" { (t(lang, "request-step-on")) }
                    input id="stap-op" name="op" type="date" value=(today.to_string()) required;
                    button type="submit" { (t(lang, "request-step-button")) }
                }
            }
        }
        @if exported && decided {
            section.panel aria-labelledby="uitvoeren" {
                h2 id="uitvoeren" { (t(lang, "export-request-section")) }
                p { (t(lang, "export-request-explained")) }
                p { a.button href={ "/verzoeken/" (r.id) "/export" } { (t(lang, "export-link")) } }
            }
        }
        @if erasure && decided && r.status == RequestStatus::Besloten {
            section.panel aria-labelledby="verwijderen" {
                h2 id="verwijderen" { (t(lang, "erasure-section")) }
                p { (t(lang, "erasure-explained")) }
                form method="post" action=(action("verwijderen")) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    button type="submit" { (t(lang, "erasure-button")) }
                }
            }
        }
        @if restriction && decided && r.status == RequestStatus::Besloten {
            section.panel aria-labelledby="afschermen" {
                h2 id="afschermen" { (t(lang, "restriction-section")) }
                p { (t(lang, "restriction-explained")) }
                form method="post" action=(action("afschermen")) {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    fieldset {
                        legend { (t(lang, "restriction-ground")) }
                        @for g in RestrictionGround::ALL {
                            label.choice { input type="radio" name="grond" value=(g.id()) required; " " (g.label(lang)) " (" (g.article()) ")" }
                        }
                    }
                    button type="submit" { (t(lang, "restriction-button")) }
                }
            }
        }
        @if !restrictions.is_empty() {
            section.panel aria-labelledby="afgeschermd" {
                h2 id="afgeschermd" { (t(lang, "restriction-standing")) }
                table {
                    thead { tr { th scope="col" { (t(lang, "erasure-category")) } th scope="col" { (t(lang, "restriction-ground")) } th scope="col" { (t(lang, "when")) } th scope="col" { (t(lang, "restriction-state")) } } }
                    tbody {
                        @for x in &restrictions {
                            tr {
                                td { (x.category.as_deref().map_or_else(|| t(lang, "restriction-everything"), |c| category_label(taxonomy, c, lang))) }
                                td { (x.ground.label(lang)) " (" (x.article) ")" }
                                td { (moment(&x.placed_at, lang)) }
                                td {
                                    @if let Some(at) = &x.lifted_at { (t(lang, "restriction-lifted")) " " (moment(at, lang)) }
                                    @else {
                                        (t(lang, "restriction-stands"))
                                        form method="post" action={ "/afscherming/" (x.id) "/opheffen" } {
                                            input type="hidden" name="csrf" value=(caller.csrf());
                                            input type="hidden" name="verzoek" value=(r.id);
                                            label for={ "geinformeerd-" (x.id) } { (t(lang, "restriction-told-on")) }
                                            input id={ "geinformeerd-" (x.id) } name="geinformeerd" type="date" value=(today.to_string()) required;
                                            button type="submit" { (t(lang, "restriction-lift")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @for c in &certificates {
            section.panel aria-labelledby={ "verklaring-" (c.id) } {
                h2 id={ "verklaring-" (c.id) } { (t(lang, "erasure-certificate")) }
                @if transfer { p { (t(lang, "transfer-erased-after")) } }
                p.sub { (moment(&c.issued_at, lang)) " · " (c.issued_by)
                    @if c.whole_file { " · " (t(lang, "erasure-whole-file")) } }
                table {
                    thead { tr { th scope="col" { (t(lang, "erasure-category")) } th scope="col" { (t(lang, "erasure-what")) } th scope="col" { (t(lang, "erasure-articles")) } } }
                    tbody {
                        @for e in &c.erased {
                            tr { td { (category_label(taxonomy, &e.category, lang)) } td { (t!(lang, "erasure-erased-records", count = e.records)) } td { (e.articles.join("; ")) } }
                        }
                        @for k in &c.refused {
                            @for g in &k.grounds {
                                tr { td { (category_label(taxonomy, &k.category, lang)) } td { (t(lang, "erasure-kept")) ": " (g.reason) } td { (g.article) } }
                            }
                        }
                    }
                }
            }
        }
        section.panel aria-labelledby="brieven" {
            h2 id="brieven" { (t(lang, "letters")) }
            ul {
                @for (kind, label) in super::letters::available(&r) {
                    li { a href={ "/verzoeken/" (r.id) "/brief?soort=" (kind) } { (t(lang, label)) } }
                }
            }
        }
        section aria-labelledby="geschiedenis" {
            h2 id="geschiedenis" { (t(lang, "request-history")) }
            table {
                thead { tr { th scope="col" { (t(lang, "when")) } th scope="col" { (t(lang, "who")) } th scope="col" { (t(lang, "request-step")) } th scope="col" { (t(lang, "outcome")) } } }
                tbody {
                    @for e in &r.timeline {
                        tr { td { (moment(&e.at, lang)) } td { (e.user_id) } td { (e.step) } td { (outcome_label(e.outcome, lang)) } }
                    }
                }
            }
        }
        p { a href="/verzoeken" { (t(lang, "requests-back")) } }
    };
    Ok(page(&s.vault, &caller, &title, body))
}

#[derive(Deserialize)]
pub(crate) struct RestrictForm {
    #[serde(default)]
    csrf: String,
    grond: String,
}

/// Carries out a decided restriction request from its page, on the ground chosen.
pub(crate) async fn restrict(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<RestrictForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let ground = RestrictionGround::from_id(&form.grond).ok_or_else(|| {
        AppError::invalid(
            "grond",
            &format!("expected one of: {}", RestrictionGround::ids().join(", ")),
        )
    })?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    s.vault
        .execute_restriction(&caller.actor, &id, ground, today, caller.lang)
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct LiftForm {
    #[serde(default)]
    csrf: String,
    verzoek: String,
    geinformeerd: Date,
}

/// Lifts a standing restriction from its request's page, once the client was told.
pub(crate) async fn lift_restriction(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<LiftForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault
        .lift_restriction(&caller.actor, &id, form.geinformeerd)
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{}", form.verzoek)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(default)]
    csrf: String,
    uitkomst: String,
    #[serde(default)]
    grond: Vec<String>,
    op: Date,
}

pub(crate) async fn decide(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<DecisionForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let outcome = RequestOutcome::from_id(&form.uitkomst).ok_or_else(|| {
        AppError::invalid("uitkomst", "toegewezen, deels_toegewezen of afgewezen")
    })?;
    s.vault
        .decide_request(
            &caller.actor,
            &id,
            outcome,
            &form.grond,
            form.op,
            caller.lang,
        )
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct ExtendForm {
    #[serde(default)]
    csrf: String,
    reden: String,
    gemeld: Date,
}

pub(crate) async fn extend(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<ExtendForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    s.vault
        .extend_request(&caller.actor, &id, &form.reden, form.gemeld, caller.lang)
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct StepForm {
    #[serde(default)]
    csrf: String,
    stap: String,
    op: Date,
}

pub(crate) async fn step(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<StepForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let to = RequestStatus::from_id(&form.stap)
        .ok_or_else(|| AppError::invalid("stap", "an unknown step"))?;
    if to == RequestStatus::Ingetrokken {
        s.vault
            .withdraw_request(&caller.actor, &id, caller.lang)
            .await?;
    } else {
        s.vault
            .advance_request(&caller.actor, &id, to, form.op, caller.lang)
            .await?;
    }
    Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct EraseForm {
    #[serde(default)]
    csrf: String,
}

/// Carries out a decided erasure request from its page: what the law lets go is erased, and
/// the page shows the certificate.
pub(crate) async fn erase(
    State(s): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<EraseForm>,
) -> Result<Response, AppError> {
    caller.check_csrf(&form.csrf)?;
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    s.vault
        .execute_erasure(&caller.actor, &id, today, caller.lang)
        .await?;
    Ok(Redirect::to(&format!("/verzoeken/{id}")).into_response())
}
