//! The home page: the work of whoever logs in, composed from what the reglement lets them do.
//! A caregiver sees their own clients; administration registration and search; the privacy
//! officer a dashboard (the emergency accesses to review, finding a client's access log; the
//! requests and registers join it as they come); management the organisation's overview.
//! Whoever decides on destruction, and the privacy officer who supervises it, sees what the
//! daily retention plan found due. Which panel
//! shows is asked of the vault, never decided by a role id here.

use axum::extract::State;
use maud::{Markup, html};
use zorgkluis_core::i18n::t;
use zorgkluis_core::t;
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_store::vault::ListScope;

use super::clients::{client_table, search_form};
use super::layout::{may_register, page};
use crate::{AppError, AppState, Caller};

pub(crate) async fn home(State(s): State<AppState>, caller: Caller) -> Result<Markup, AppError> {
    let vault = &s.vault;
    let actor = &caller.actor;
    let lang = caller.lang;
    let own_clients = vault.scope(actor, Duty::ListPersons) == Some(ListScope::OwnClients);
    let reviews = vault.may(actor, Duty::ReviewEmergency);
    let reads_logs = vault.may(actor, Duty::ReadAudit);
    let searches = vault.may(actor, Duty::SearchPersons);
    let registers = may_register(vault, &caller);
    let overview = vault.may(actor, Duty::ViewOverview);
    // Whoever keeps or reads a register can take the registers to Excel.
    let keeps_registers = [
        Duty::ManageIncidents,
        Duty::ManageComplaints,
        Duty::HandleRequests,
        Duty::ReadAudit,
    ]
    .into_iter()
    .any(|d| vault.may(actor, d));
    let checks_contact = vault.may(actor, Duty::CheckContact);

    // Work that is due comes first: the requests with a deadline, the emergency accesses to
    // review.
    let handles_requests = vault.may(actor, Duty::HandleRequests);
    let requests = if handles_requests {
        let open = vault
            .list_requests(
                actor,
                zorgkluis_store::vault::RequestFilter {
                    open: true,
                    ..Default::default()
                },
            )
            .await?;
        let overdue = open.iter().filter(|r| r.overdue).count();
        let soon = open.iter().filter(|r| r.due_soon).count();
        let next = open.iter().filter(|r| !r.overdue).find_map(|r| r.due);
        Some((open.len(), overdue, soon, next))
    } else {
        None
    };
    // The AP's clock runs in hours: the incidents still waiting for it.
    let incidents = if vault.may(actor, Duty::ManageIncidents) {
        let open: Vec<_> = super::incidents::by_urgency(vault.incidents(actor).await?)
            .into_iter()
            .filter(|i| i.open())
            .collect();
        Some(open)
    } else {
        None
    };
    // The Wkkgz clock runs in days: the open complaints due soonest.
    let complaints = super::complaints::panel(&s, &caller).await?;
    // Processor agreements whose review is due (a month ahead, overdue first).
    let processors = super::processors::panel(&s, &caller).await?;
    // What the daily plan found due for destruction, for whoever decides on it.
    // The daily plan's counts (no personal data) for whoever decides on destruction and for
    // the privacy officer, who supervises it (BG wonen 1.9); only the former opens the plan.
    let decides_destruction = vault.may(actor, Duty::RunRetention);
    let retention = (decides_destruction || reads_logs).then(|| s.jobs.retention_summary());
    // The log review's open flags (NEN 7513), the emergency accesses past their term apart.
    let log_review = if reads_logs {
        Some(vault.log_review_open_count(actor).await?)
    } else {
        None
    };
    let emergencies = if reviews {
        Some(vault.emergency_count(actor).await?)
    } else {
        None
    };
    let clients = if own_clients {
        let mut list = vault.list_clients(actor, 0, 200).await?.clients;
        list.sort_by(|a, b| {
            let name = |c: &zorgkluis_store::vault::ClientSummary| {
                c.facts.as_ref().map(|f| f.name.to_lowercase())
            };
            name(a).cmp(&name(b))
        });
        Some(list)
    } else {
        None
    };
    let counts = if overview {
        Some(vault.overview(actor).await?)
    } else {
        None
    };
    let title = if own_clients {
        t(lang, "my-clients")
    } else if reviews || reads_logs {
        t(lang, "privacy-dashboard")
    } else if handles_requests && !overview {
        t(lang, "requests-queue")
    } else if overview {
        t(lang, "overview")
    } else if registers || searches {
        t(lang, "registration-and-search")
    } else {
        t(lang, "home")
    };
    let today = zorgkluis_core::time::dutch_date(jiff::Timestamp::now());
    let body = html! {
        @if let Some(open) = &incidents {
            section.panel aria-labelledby="incidenten-titel" {
                h2 id="incidenten-titel" { (t(lang, "incidents-register")) }
                @if let Some(first) = open.first() {
                    p { (t!(lang, "incidents-open-count", count = open.len() as i64)) ": "
                        strong.late[first.clock.hours_left(jiff::Timestamp::now()) < 24] {
                            (super::incidents::state(first, jiff::Timestamp::now(), lang)) } }
                } @else {
                    p { (t(lang, "incidents-none-open")) }
                }
                p { a href="/toezicht/incidenten" { (t(lang, "incidents-open")) } }
            }
        }
        @if let Some(panel) = &complaints { (panel) }
        @if let Some(panel) = &processors { (panel) }
        @if let Some((open, overdue, soon, next)) = requests {
            section.panel aria-labelledby="verzoeken-titel" {
                h2 id="verzoeken-titel" { (t(lang, "requests-queue")) }
                p {
                    (t!(lang, "requests-open-count", count = open as i64))
                    @if overdue > 0 { ", " strong.late { (t!(lang, "requests-overdue-count", count = overdue as i64)) } }
                    @if soon > 0 { ", " span.soon { (t!(lang, "requests-due-soon-count", count = soon as i64)) } }
                }
                @if let Some(due) = next {
                    p { (t!(lang, "requests-next-due", date = &zorgkluis_core::time::format_date(due, lang), left = &super::requests::days_left(due, today, lang))) }
                }
                p { a href="/verzoeken" { (t(lang, "requests-open")) } }
            }
        }
        @if let Some(summary) = &retention {
            section.panel aria-labelledby="bewaartermijnen-titel" {
                h2 id="bewaartermijnen-titel" { (t(lang, "retention-title")) }
                @match summary {
                    Some(r) if r.dossiers == 0 => {
                        p { (t(lang, "retention-dashboard-nothing")) }
                        @if r.holds > 0 {
                            p { (t!(lang, "retention-dashboard-held", count = r.holds as i64, records = r.held_records as i64)) }
                        }
                        p.sub { (t!(lang, "retention-dashboard-planned", date = &zorgkluis_core::time::format_date(r.as_of, lang))) }
                    }
                    Some(r) => {
                        p {
                            (t!(lang, "retention-dashboard-due", dossiers = r.dossiers as i64, records = r.records as i64))
                            @if r.overdue > 0 { ", " strong.late { (t!(lang, "retention-dashboard-overdue", count = r.overdue as i64)) } }
                        }
                        @if r.holds > 0 {
                            p { (t!(lang, "retention-dashboard-held", count = r.holds as i64, records = r.held_records as i64)) }
                        }
                        p.sub { (t!(lang, "retention-dashboard-planned", date = &zorgkluis_core::time::format_date(r.as_of, lang))) }
                    }
                    None => p { (t(lang, "retention-dashboard-not-yet")) },
                }
                @if decides_destruction {
                    p { a href=(super::retention::PLAN_PATH) { (t(lang, "retention-dashboard-open")) } }
                } @else {
                    p.sub { (t(lang, "retention-dashboard-supervise")) }
                }
            }
        }
        @if checks_contact {
            section.panel aria-labelledby="niet-benaderen-titel" {
                h2 id="niet-benaderen-titel" { (t(lang, "contacts-title")) }
                p { (t(lang, "contacts-home")) }
                p { a href=(super::contacts::PATH) { (t(lang, "contacts-open")) } }
            }
        }
        @if let Some((open, overdue)) = log_review {
            section.panel aria-labelledby="logcontrole-titel" {
                h2 id="logcontrole-titel" { (t(lang, "log-review-title")) }
                p {
                    (t!(lang, "log-review-open-count", count = open))
                    @if overdue > 0 { ", " strong.late { (t!(lang, "log-review-overdue-count", count = overdue)) } }
                }
                p { a href="/toezicht/logcontrole" { (t(lang, "log-review-open")) } }
            }
        }
        @if let Some(n) = emergencies {
            section.panel aria-labelledby="noodtoegang-titel" {
                h2 id="noodtoegang-titel" { (t(lang, "emergency-review")) }
                p { (t!(lang, "emergency-count", count = n)) }
                p { a href="/toezicht/noodtoegang" { (t(lang, "emergency-review-open")) } }
            }
        }
        @if let Some(list) = &clients {
            section aria-label=(t(lang, "my-clients")) {
                @if list.is_empty() {
                    p.empty { (t(lang, "no-clients")) }
                } @else {
                    (client_table(lang, list))
                }
            }
        }
        @if let Some(o) = &counts {
            section.panel aria-labelledby="overzicht-titel" {
                h2 id="overzicht-titel" { (t(lang, "overview-figures")) }
                p.sub { (t(lang, "overview-no-personal-data")) }
                ul.counts {
                    li { strong { (o.persons) } (t(lang, "count-persons")) }
                    li { strong { (o.care_relationships) } (t(lang, "count-care-relationships")) }
                    li { strong { (o.records) } (t(lang, "count-records")) }
                    li { strong { (o.events) } (t(lang, "count-events")) }
                    li { strong { (o.emergency_accesses) } (t(lang, "count-emergency")) }
                    li { strong { (o.denied) } (t(lang, "count-denied")) }
                    li { strong { (o.erased) } (t(lang, "count-erased")) }
                }
            }
        }
        @if searches {
            section.panel aria-labelledby="zoeken-titel" {
                h2 id="zoeken-titel" { (t(lang, "search-clients")) }
                @if reads_logs { p.sub { (t(lang, "search-for-log")) } }
                (search_form(lang, &caller, &Default::default()))
            }
        }
        @if keeps_registers {
            section.panel aria-labelledby="registers-titel" {
                h2 id="registers-titel" { (t(lang, "registers-excel")) }
                p.sub { (t(lang, "registers-excel-explained")) }
                p { a href=(super::downloads::WORKBOOK_PATH) download { (t(lang, "registers-excel-download")) } }
            }
        }
        @if reads_logs || overview {
            section.panel aria-labelledby="jaarverslag-titel" {
                h2 id="jaarverslag-titel" { (t(lang, "annual-web-home-title")) }
                p.sub { (t!(lang, "annual-web-home", year = &super::annual_report::this_year().to_string())) }
                p { a href=(super::annual_report::PATH) { (t(lang, "annual-web-home-open")) } }
            }
        }
        @if registers {
            p { a.button href="/clienten/nieuw" { (t(lang, "register-client")) } }
        }
        @if requests.is_none() && log_review.is_none() && incidents.is_none() && complaints.is_none() && retention.is_none() && emergencies.is_none() && clients.is_none() && !searches && !registers && counts.is_none() && !checks_contact && !keeps_registers && !reads_logs {
            p.empty { (t(lang, "nothing-to-do")) }
        }
    };
    Ok(page(vault, &caller, &title, body))
}
