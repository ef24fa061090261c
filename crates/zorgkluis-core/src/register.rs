//! The processing register (verwerkingsregister, art. 30 AVG) as a reglement defines it, in the
//! form a privacy officer hands to the supervisory authority: JSON, Markdown or HTML.

use std::fmt::Write as _;

use serde::Serialize;

use crate::i18n::{Lang, t};
use crate::reglement::{Reglement, cite};
use crate::t;

#[derive(Debug, Clone, Serialize)]
pub struct Labelled {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dpo {
    pub function: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegisterEntry {
    pub id: String,
    pub name: String,
    pub article: String,
    pub controller: String,
    pub purpose: String,
    pub legal_basis: Vec<String>,
    pub special_category_exceptions: Vec<String>,
    pub subjects: Vec<Labelled>,
    pub categories: Vec<Labelled>,
    pub special_categories: Vec<String>,
    pub sources: Vec<String>,
    pub workings: Option<String>,
    pub processor: Option<String>,
    pub recipients: Vec<Labelled>,
    pub transfers: String,
    pub retention: Vec<String>,
    pub security: Option<String>,
    pub users: Vec<String>,
}

/// The art. 30(1) AVG record of processing activities.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessingRegister {
    pub organisation: String,
    pub controller: String,
    pub address: Option<String>,
    pub dpo: Option<Dpo>,
    pub version: String,
    pub effective: String,
    pub processings: Vec<RegisterEntry>,
    /// Where the document is silent and which law applies instead.
    pub silences: Vec<String>,
}

impl ProcessingRegister {
    pub fn from_reglement(reglement: &Reglement, lang: Lang) -> ProcessingRegister {
        let f = &reglement.file;
        let taxonomy = &reglement.taxonomy;
        let label_of = |id: &str, label: Option<&str>| Labelled {
            id: id.to_owned(),
            label: label.unwrap_or(id).to_owned(),
        };
        let processings = f
            .processings
            .iter()
            .map(|p| {
                let p = p.get_ref();
                let categories: Vec<Labelled> = p
                    .categories
                    .iter()
                    .map(|c| {
                        label_of(
                            c.get_ref(),
                            taxonomy.category(c.get_ref()).map(|d| d.label(lang)),
                        )
                    })
                    .collect();
                let retention = p
                    .categories
                    .iter()
                    .flat_map(|c| {
                        f.retention
                            .iter()
                            .map(|r| r.get_ref())
                            .filter(move |r| {
                                r.categories.iter().any(|rc| rc.get_ref() == c.get_ref())
                            })
                            // A rule for other processings is not this one's.
                            .filter(|r| {
                                r.processings.is_empty()
                                    || r.processings
                                        .iter()
                                        .any(|id| id.get_ref() == p.id.get_ref())
                            })
                            .map(move |r| {
                                let category = c.get_ref();
                                let period = r.period.get_ref().describe(lang);
                                let from = r.from.label(lang);
                                let articles = crate::decide::cite_list(&[cite(
                                    r.article.get_ref(),
                                    r.law.as_deref(),
                                )]);
                                match r.destroy_within {
                                    Some(w) => t!(
                                        lang,
                                        "register-retention-rule-window",
                                        category = category,
                                        period = &period,
                                        from = from,
                                        window = &w.describe(lang),
                                        articles = &articles
                                    ),
                                    None => t!(
                                        lang,
                                        "register-retention-rule",
                                        category = category,
                                        period = &period,
                                        from = from,
                                        articles = &articles
                                    ),
                                }
                            })
                    })
                    .collect();
                let users = p
                    .users
                    .iter()
                    .map(|u| {
                        let role = taxonomy
                            .role(u.role.get_ref())
                            .map_or(u.role.get_ref().as_str(), |r| r.label(lang));
                        let actions: Vec<&str> = u.actions.iter().map(|a| a.label(lang)).collect();
                        let mut s = format!("{role}: {}", actions.join(", "));
                        if let Some(cats) = &u.categories {
                            let ids: Vec<&str> =
                                cats.iter().map(|c| c.get_ref().as_str()).collect();
                            let _ = write!(s, " ({})", ids.join(", "));
                        }
                        if u.care_relationship {
                            let _ = write!(s, ", {}", t(lang, "register-within-care"));
                        }
                        if u.supervised {
                            let _ = write!(s, ", {}", t(lang, "register-supervised"));
                        }
                        let _ = write!(
                            s,
                            " ({})",
                            crate::decide::cite_list(std::slice::from_ref(u.article.get_ref()))
                        );
                        s
                    })
                    .collect();
                RegisterEntry {
                    id: p.id.get_ref().clone(),
                    name: p.name.clone(),
                    article: p.article.get_ref().clone(),
                    controller: p
                        .controller
                        .clone()
                        .unwrap_or_else(|| f.organisation.controller.clone()),
                    purpose: p.purpose.clone(),
                    legal_basis: p
                        .legal_basis
                        .iter()
                        .map(|b| b.label(lang).to_owned())
                        .collect(),
                    special_category_exceptions: p
                        .art9_exceptions
                        .iter()
                        .map(|e| e.label(lang).to_owned())
                        .collect(),
                    special_categories: p
                        .categories
                        .iter()
                        .filter(|c| {
                            taxonomy
                                .category(c.get_ref())
                                .is_some_and(|d| d.special.is_some())
                        })
                        .map(|c| c.get_ref().clone())
                        .collect(),
                    subjects: p
                        .subjects
                        .iter()
                        .map(|s| {
                            label_of(
                                s.get_ref(),
                                taxonomy.subject(s.get_ref()).map(|x| x.label(lang)),
                            )
                        })
                        .collect(),
                    categories,
                    sources: p.sources.clone(),
                    workings: p.workings.clone(),
                    processor: p.processor.as_ref().map(|name| match &p.processor_purpose {
                        Some(purpose) => t!(
                            lang,
                            "register-processor-purpose",
                            processor = name,
                            purpose = purpose.get_ref()
                        ),
                        None => name.clone(),
                    }),
                    recipients: p
                        .recipients
                        .iter()
                        .map(|r| {
                            label_of(
                                r.get_ref(),
                                taxonomy.recipient(r.get_ref()).map(|x| x.label(lang)),
                            )
                        })
                        .collect(),
                    transfers: p
                        .transfers
                        .clone()
                        .unwrap_or_else(|| t(lang, "register-no-transfers")),
                    retention,
                    security: p.security.clone(),
                    users,
                }
            })
            .collect();
        ProcessingRegister {
            organisation: f.organisation.name.clone(),
            controller: f.organisation.controller.clone(),
            address: f.organisation.address.clone(),
            dpo: f.organisation.dpo.as_ref().map(|d| Dpo {
                function: d.function.clone(),
                email: d.email.clone(),
                phone: d.phone.clone(),
            }),
            version: f.version.number.clone(),
            effective: f.version.effective.get_ref().0.to_string(),
            processings,
            silences: f
                .silences
                .iter()
                .map(|s| {
                    // Where the law layer knows the topic, its answer follows the entry's.
                    let mut line = format!("{}: {}", s.topic, s.fallback);
                    for topic in crate::law::topics_for(&s.topic) {
                        line.push_str(" (");
                        line.push_str(&t(lang, topic.answer_key));
                        line.push(')');
                    }
                    line
                })
                .collect(),
        }
    }

    /// Field names in the user's language, in art. 30(1) order.
    pub fn rows(e: &RegisterEntry, lang: Lang) -> Vec<(String, String)> {
        let labels = |v: &[Labelled]| {
            v.iter()
                .map(|l| format!("{} (`{}`)", l.label, l.id))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let none = || t(lang, "register-none");
        let or_none = |v: &[String]| {
            if v.is_empty() { none() } else { v.join("; ") }
        };
        vec![
            (t(lang, "register-controller"), e.controller.clone()),
            (t(lang, "register-purpose"), e.purpose.clone()),
            (t(lang, "register-legal-basis"), or_none(&e.legal_basis)),
            (
                t(lang, "register-special-exception"),
                or_none(&e.special_category_exceptions),
            ),
            (t(lang, "register-subjects"), labels(&e.subjects)),
            (t(lang, "register-personal-data"), labels(&e.categories)),
            (t(lang, "register-sources"), or_none(&e.sources)),
            (
                t(lang, "register-workings"),
                e.workings.clone().unwrap_or_default(),
            ),
            (
                t(lang, "register-processor"),
                e.processor.clone().unwrap_or_else(none),
            ),
            (
                t(lang, "register-recipients"),
                if e.recipients.is_empty() {
                    none()
                } else {
                    labels(&e.recipients)
                },
            ),
            (t(lang, "register-transfers"), e.transfers.clone()),
            (t(lang, "register-retention"), or_none(&e.retention)),
            (
                t(lang, "register-security"),
                e.security.clone().unwrap_or_default(),
            ),
            (t(lang, "register-users"), or_none(&e.users)),
        ]
    }

    fn title(&self, lang: Lang) -> String {
        t!(lang, "register-title", organisation = &self.organisation)
    }

    fn version_line(&self, lang: Lang) -> String {
        t!(
            lang,
            "register-version",
            version = &self.version,
            effective = &self.effective
        )
    }

    pub fn to_markdown(&self, lang: Lang) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", self.title(lang));
        let _ = writeln!(
            out,
            "- {}: {}",
            t(lang, "register-controller"),
            self.controller
        );
        if let Some(a) = &self.address {
            let _ = writeln!(out, "- {}: {a}", t(lang, "register-address"));
        }
        if let Some(d) = &self.dpo {
            let contact: Vec<&str> = [d.email.as_deref(), d.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let _ = writeln!(
                out,
                "- {}: {} ({})",
                t(lang, "register-dpo"),
                d.function,
                contact.join(", ")
            );
        }
        let _ = writeln!(out, "- {}\n", self.version_line(lang));
        for e in &self.processings {
            let _ = writeln!(
                out,
                "## {} (`{}`, {})\n",
                e.name,
                e.id,
                crate::decide::cite_list(std::slice::from_ref(&e.article))
            );
            let _ = writeln!(
                out,
                "| {} | {} |\n|---|---|",
                t(lang, "register-field"),
                t(lang, "register-content")
            );
            for (k, v) in Self::rows(e, lang) {
                let _ = writeln!(
                    out,
                    "| {k} | {} |",
                    v.replace('|', "\\|").replace('\n', " ")
                );
            }
            out.push('\n');
        }
        if !self.silences.is_empty() {
            let _ = writeln!(out, "## {}\n", t(lang, "register-silences"));
            for s in &self.silences {
                let _ = writeln!(out, "- {s}");
            }
        }
        out
    }

    pub fn to_html(&self, lang: Lang) -> String {
        let mut out = String::new();
        let title = self.title(lang);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head><meta charset=\"utf-8\"><title>{}</title>\
             <style>body{{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}}\
             table{{border-collapse:collapse;width:100%}}th,td{{border:1px solid #999;padding:.3rem;text-align:left;vertical-align:top}}\
             th{{width:16rem;background:#eee}}</style></head>\n<body>\n<h1>{}</h1>\n<ul>\n",
            lang.tag(),
            esc(&title),
            esc(&title)
        );
        let _ = writeln!(
            out,
            "<li>{}: {}</li>",
            esc(&t(lang, "register-controller")),
            esc(&self.controller)
        );
        if let Some(d) = &self.dpo {
            let contact: Vec<&str> = [d.email.as_deref(), d.phone.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            let _ = writeln!(
                out,
                "<li>{}: {} ({})</li>",
                esc(&t(lang, "register-dpo")),
                esc(&d.function),
                esc(&contact.join(", "))
            );
        }
        let _ = writeln!(out, "<li>{}</li>\n</ul>", esc(&self.version_line(lang)));
        for e in &self.processings {
            let _ = writeln!(
                out,
                "<h2>{} (<code>{}</code>, {})</h2>\n<table>",
                esc(&e.name),
                esc(&e.id),
                esc(&crate::decide::cite_list(std::slice::from_ref(&e.article)))
            );
            for (k, v) in Self::rows(e, lang) {
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    esc(&k),
                    esc(&v)
                );
            }
            out.push_str("</table>\n");
        }
        if !self.silences.is_empty() {
            let _ = writeln!(out, "<h2>{}</h2>\n<ul>", esc(&t(lang, "register-silences")));
            for s in &self.silences {
                let _ = writeln!(out, "<li>{}</li>", esc(s));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn html_escapes_markup() {
        assert_eq!(esc("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }
}

#[cfg(test)]
mod practice_tests {
    use super::*;

    /// The GP practice keeps appointment data by its own rule only, and names its processors'
    /// single purposes.
    #[test]
    fn the_register_follows_retention_per_processing_and_processor_purposes() {
        let source = include_str!("../../../reglementen/huisartsenpraktijk.toml");
        let r = Reglement::load("huisartsenpraktijk.toml", source, Lang::En).unwrap();
        let register = ProcessingRegister::from_reglement(&r, Lang::En);
        let entry = |id: &str| register.processings.iter().find(|e| e.id == id).unwrap();
        let appointments = entry("online_afspraken");
        assert!(!appointments.retention.is_empty());
        assert!(
            appointments.retention.iter().all(|l| l.contains("5.6")),
            "{:#?}",
            appointments.retention
        );
        assert_eq!(
            entry("declaratie").processor.as_deref(),
            Some(
                "Zorgdeclaratieservice (declaratieverwerking) (only for the purpose \"declaratie\")"
            )
        );
    }
}
