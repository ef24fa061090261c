//! The frame of every page, and how the pages write what the vault returns for care staff:
//! labels from the reglement's taxonomy instead of ids, Dutch dates and times.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use zorgkluis_core::i18n::t;
use zorgkluis_core::taxonomy::Taxonomy;
use zorgkluis_core::time::{format_date, format_stored_moment};
use zorgkluis_core::vocabulary::Duty;
use zorgkluis_core::{Lang, t};
use zorgkluis_store::audit::{AuditAction, Outcome};
use zorgkluis_store::vault::{PersonFacts, Vault};

use crate::Caller;

/// A link of the navigation, shown when the caller may use it.
struct NavLink {
    href: &'static str,
    label: &'static str,
}

/// What the navigation offers `caller`: asked of the vault, never decided by role here.
fn nav_links(vault: &Vault, caller: &Caller) -> Vec<NavLink> {
    let actor = &caller.actor;
    let mut links = vec![NavLink {
        href: "/",
        label: "nav-home",
    }];
    if vault.may(actor, Duty::ListPersons) {
        links.push(NavLink {
            href: "/clienten",
            label: "nav-clients",
        });
    }
    if vault.may(actor, Duty::SearchPersons) {
        links.push(NavLink {
            href: "/clienten/zoeken",
            label: "nav-search",
        });
    }
    if may_register(vault, caller) {
        links.push(NavLink {
            href: "/clienten/nieuw",
            label: "nav-register",
        });
    }
    if vault.may(actor, Duty::ReviewEmergency) {
        links.push(NavLink {
            href: "/toezicht/noodtoegang",
            label: "nav-emergency-review",
        });
    }
    if vault.may(actor, Duty::ManageIncidents) {
        links.push(NavLink {
            href: "/toezicht/incidenten",
            label: "nav-incidents",
        });
    }
    if vault.may(actor, Duty::ManageIncidents) {
        links.push(NavLink {
            href: super::processors::REGISTER_PATH,
            label: "nav-processors",
        });
    }
    if vault.may(actor, Duty::HandleRequests) {
        links.push(NavLink {
            href: "/verzoeken",
            label: "nav-requests",
        });
    }
    if vault.may(actor, Duty::ManageComplaints) {
        links.push(NavLink {
            href: super::complaints::REGISTER_PATH,
            label: "nav-complaints",
        });
    }
    if vault.may(actor, Duty::CheckContact) {
        links.push(NavLink {
            href: super::contacts::PATH,
            label: "nav-do-not-contact",
        });
    }
    if vault.may(actor, Duty::RunRetention) {
        links.push(NavLink {
            href: super::retention::PLAN_PATH,
            label: "nav-retention",
        });
    }
    if vault.may(actor, Duty::PlaceHold) {
        links.push(NavLink {
            href: super::retention::HOLDS_PATH,
            label: "nav-holds",
        });
    }
    if vault.may(actor, Duty::ReadAudit) {
        links.push(NavLink {
            href: super::disclosures::LEDGER_PATH,
            label: "nav-disclosures",
        });
    }
    if vault.may(actor, Duty::ManageRecipients) {
        links.push(NavLink {
            href: super::disclosures::RECIPIENTS_PATH,
            label: "nav-recipients",
        });
    }
    if vault.may(actor, Duty::ReadAudit) {
        links.push(NavLink {
            href: super::log_review::PATH,
            label: "nav-log-review",
        });
    }
    if vault.may(actor, Duty::ReadAudit) || vault.may(actor, Duty::ViewOverview) {
        links.push(NavLink {
            href: super::annual_report::PATH,
            label: "nav-annual-report",
        });
    }
    links
}

/// Whether the caller may register clients: write their identification data without a care
/// relationship (there is none yet).
pub(crate) fn may_register(vault: &Vault, caller: &Caller) -> bool {
    vault.may_without_care(
        &caller.actor,
        zorgkluis_core::vocabulary::Action::Write,
        zorgkluis_core::taxonomy::IDENTIFICATION_CATEGORY,
    )
}

/// A page for a logged-in caller.
pub(crate) fn page(vault: &Vault, caller: &Caller, title: &str, body: Markup) -> Markup {
    let lang = caller.lang;
    let links = nav_links(vault, caller);
    let role = role_label(
        vault.reglement().taxonomy.role(&caller.actor.role),
        &caller.actor.role,
        lang,
    );
    frame(
        lang,
        title,
        html! {
            nav aria-label=(t(lang, "nav-label")) {
                ul {
                    @for l in &links { li { a href=(l.href) { (t(lang, l.label)) } } }
                }
            }
            div.account {
                span.who { (caller.actor.user_id) " · " (role) }
                form method="post" action="/uitloggen" {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    button type="submit" { (t(lang, "logout")) }
                }
                (language_switch(lang))
            }
        },
        body,
    )
}

fn role_label(term: Option<&zorgkluis_core::taxonomy::Term>, id: &str, lang: Lang) -> String {
    term.map_or_else(|| id.to_owned(), |t| t.label(lang).to_owned())
}

fn language_switch(lang: Lang) -> Markup {
    html! {
        span.lang {
            @if lang == Lang::Nl {
                a href="?taal=en" lang="en" hreflang="en" { "English" }
            } @else {
                a href="?taal=nl" lang="nl" hreflang="nl" { "Nederlands" }
            }
        }
    }
}

/// A page of the clients' portal: its own navigation (no staff page is ever offered), who is
/// logged in, and the logout.
pub(crate) fn portal_page(caller: &Caller, title: &str, body: Markup) -> Markup {
    let lang = caller.lang;
    frame(
        lang,
        title,
        html! {
            nav aria-label=(t(lang, "nav-label")) {
                ul {
                    li { a href=(super::portal::PATH) { (t(lang, "portal-nav-home")) } }
                    li { a href=(super::portal::FILE_PATH) { (t(lang, "portal-nav-file")) } }
                }
            }
            div.account {
                span.who { (caller.actor.user_id) " · " (t(lang, "portal-role")) }
                form method="post" action="/uitloggen" {
                    input type="hidden" name="csrf" value=(caller.csrf());
                    button type="submit" { (t(lang, "logout")) }
                }
                (language_switch(lang))
            }
        },
        body,
    )
}

/// A page without a session: the login page, an error page.
pub(crate) fn bare_page(lang: Lang, title: &str, body: Markup) -> Markup {
    frame(
        lang,
        title,
        html! { div.account { (language_switch(lang)) } },
        body,
    )
}

/// The page an error renders to.
pub(crate) fn error_page(lang: Lang, title: &str, detail: &str) -> Markup {
    bare_page(
        lang,
        title,
        html! {
            @if !detail.is_empty() { p.error role="alert" { (detail) } }
            p { a href="/" { (t(lang, "back-home")) } }
        },
    )
}

fn frame(lang: Lang, title: &str, header: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — zorgkluis" }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href="#inhoud" { (t(lang, "skip-to-content")) }
                header {
                    a.brand href="/" { "zorgkluis" }
                    (header)
                }
                main id="inhoud" { h1 { (title) } (body) }
            }
        }
    }
}

const CSS: &str = "*{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.45}\
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#0b4f6c;padding:.3rem .6rem;z-index:2}\
header{display:flex;gap:1rem;align-items:center;padding:.5rem 1rem;background:#0b4f6c;color:#fff;flex-wrap:wrap}\
header a{color:#fff}.brand{font-weight:700;font-size:1.15rem;text-decoration:none;margin-right:.5rem}\
header nav ul{list-style:none;display:flex;gap:.9rem;margin:0;padding:0;flex-wrap:wrap}\
.account{margin-left:auto;display:flex;gap:.8rem;align-items:center;flex-wrap:wrap}.account form{display:inline;margin:0}\
.account button{background:none;color:#fff;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;cursor:pointer;font-size:.95rem}\
main{max-width:60rem;margin:1rem auto;padding:0 1rem 3rem}h1{margin:.6rem 0 .2rem}h2{margin-top:1.6rem}\
.sub{color:#444;margin:0 0 1rem}label{display:block;margin-top:.8rem;font-weight:600}\
input,select,textarea{font-size:1rem;padding:.45rem;width:100%;max-width:30rem;border:1px solid #767676;border-radius:3px}\
fieldset{border:1px solid #bbb;margin-top:1rem;max-width:32rem}form button.primary{display:block}button.primary,a.button{display:inline-block;margin-top:1rem;font-size:1rem;padding:.55rem 1.1rem;background:#0b4f6c;color:#fff;border:0;border-radius:4px;cursor:pointer;text-decoration:none}\
:focus-visible{outline:3px solid #f0a202;outline-offset:2px}.withheld{border-left:4px solid #a4161a;background:#fdecea;padding:.6rem;margin:.6rem 0}\
.notice{border-left:4px solid #b36b00;background:#fff4e0;padding:.6rem}.error{color:#a4161a;font-weight:600}\
table{border-collapse:collapse;width:100%;margin-top:.6rem}th,td{border-bottom:1px solid #ccc;padding:.45rem;text-align:left;vertical-align:top}th{background:#f2f5f7}\
tr.emergency td{background:#fff4e0}tr.overdue td{background:#fdecea}strong.late,li.late{color:#a4161a}.soon{display:inline-block;padding:0 .4em;border:1px solid #7a4b00;border-radius:3px;color:#7a4b00;font-size:.85em}@media print{header{display:none}.no-print{display:none}}\
label.choice{display:flex;gap:.5rem;align-items:baseline;font-weight:400;margin-top:.4rem}label.choice input{width:auto;margin:0}fieldset{max-width:none}.record{border:1px solid #ccc;border-radius:4px;padding:.6rem .8rem;margin:.5rem 0}\
.record .text{white-space:pre-wrap;margin:.2rem 0}.meta{color:#4a4a4a;font-size:.9rem;margin:.2rem 0}.kind{font-weight:600;color:#0b4f6c;margin:0 0 .2rem}\
.supplement{border-left:4px solid #0b4f6c;background:#eef5f8;margin:.5rem 0 0;padding:.4rem .6rem}\
details{margin-top:.4rem}summary{cursor:pointer;color:#0b4f6c}.panel{border:1px solid #d0d7dc;border-radius:6px;padding:.2rem 1rem 1rem;margin:1rem 0}\
.counts{display:flex;gap:1rem;flex-wrap:wrap;list-style:none;padding:0}.counts li{border:1px solid #d0d7dc;border-radius:6px;padding:.6rem 1rem;min-width:10rem}\
.counts strong{display:block;font-size:1.6rem}.empty{color:#4a4a4a;font-style:italic}\
dt{font-weight:600}dd{margin:0 0 .4rem 0}.earlier{border-top:1px dashed #ccc;margin-top:.4rem}\
form.inline{display:inline-block;margin:.2rem 0 0 .4rem}form.inline button{font-size:.9rem;padding:.2rem .6rem;cursor:pointer}\
.notice.hold{border-left-color:#a4161a;background:#fdecea;margin:.6rem 0}progress{width:100%;max-width:30rem;height:1.2rem}\
code{font-size:.85rem;word-break:break-all}\
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem}dl.facts dd{margin:0}\
nav.tabs ul{list-style:none;display:flex;gap:.3rem;margin:.6rem 0 1rem;padding:0;border-bottom:2px solid #0b4f6c}\
nav.tabs a{display:block;padding:.35rem .9rem;border:1px solid #d0d7dc;border-bottom:0;border-radius:4px 4px 0 0;text-decoration:none;color:#0b4f6c}\
nav.tabs a[aria-current=page]{background:#0b4f6c;color:#fff;border-color:#0b4f6c}caption{text-align:left}";

/// A category's label in the reglement's taxonomy (its id if it has none).
pub(crate) fn category_label(taxonomy: &Taxonomy, id: &str, lang: Lang) -> String {
    taxonomy
        .category(id)
        .map_or_else(|| id.to_owned(), |c| c.label(lang).to_owned())
}

/// A role's label in the reglement's taxonomy.
pub(crate) fn role_name(taxonomy: &Taxonomy, id: &str, lang: Lang) -> String {
    role_label(taxonomy.role(id), id, lang)
}

/// What an audit event records was done, in words.
pub(crate) fn action_label(action: AuditAction, lang: Lang) -> String {
    t(
        lang,
        &format!("audit-action-{}", action.id().replace('_', "-")),
    )
}

/// What an event flagged as an exception was: a disclosure on a conflict of duties, or an
/// access outside the care relationship (emergency access).
pub(crate) fn exception_label(action: AuditAction, lang: Lang) -> String {
    match action {
        AuditAction::Disclose => t(lang, "conflict-of-duties-short"),
        _ => t(lang, "emergency-short"),
    }
}

pub(crate) fn outcome_label(outcome: Outcome, lang: Lang) -> String {
    match outcome {
        Outcome::Allowed => t(lang, "outcome-allowed"),
        Outcome::Denied => t(lang, "outcome-denied"),
    }
}

/// A stored moment (UTC) in Dutch time and words.
pub(crate) fn moment(stored: &str, lang: Lang) -> String {
    format_stored_moment(stored, lang)
}

/// The name of a person as a page shows it, or a note that none is recorded.
pub(crate) fn person_name(facts: Option<&PersonFacts>, lang: Lang) -> String {
    facts.map_or_else(|| t(lang, "no-name"), |f| f.name.clone())
}

/// "geboren 2 maart 1950 · cliëntnummer 1001", as far as known.
pub(crate) fn person_details(facts: Option<&PersonFacts>, lang: Lang) -> String {
    let Some(f) = facts else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(b) = f.birth_date {
        parts.push(t!(lang, "born-on", date = &format_date(b, lang)));
    }
    if let Some(n) = &f.client_number {
        parts.push(t!(lang, "client-number-is", number = n));
    }
    parts.join(" · ")
}
