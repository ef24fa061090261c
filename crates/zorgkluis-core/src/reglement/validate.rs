//! The semantic checks of a reglement: every id known, every processing lawful on its face,
//! every category with a retention rule; warnings for what is legal but doubtful.

use std::collections::{BTreeMap, BTreeSet};

use crate::calendar::HolidayCalendar;
use crate::diagnostic::{Diagnostic, Locator, Severity};
use crate::i18n::Lang;
use crate::taxonomy::{DataCategory, IdKind, Special, Taxonomy, Term, did_you_mean};
use crate::vocabulary::{Art9Exception, ConsentForm, Fee, RequestType};

use super::FORMAT_VERSION;
use super::file::{Id, Processing, ReglementFile, TermExtension};

/// The WGBO term for medical records: 20 years (art. 7:454 lid 3 BW).
const WGBO_YEARS: f64 = 20.0;
/// The fiscal retention obligation: 7 years (art. 52 lid 4 AWR).
const FISCAL_YEARS: f64 = 7.0;

struct Checker<'a> {
    locator: &'a Locator<'a>,
    lang: Lang,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, code: &'static str, span: std::ops::Range<usize>, nl: String, en: String) {
        let message = self.lang.pick(&nl, &en).to_owned();
        self.out.push(
            self.locator
                .diagnostic(Severity::Error, code, span, message),
        );
    }

    fn warning(
        &mut self,
        code: &'static str,
        span: std::ops::Range<usize>,
        nl: String,
        en: String,
    ) {
        let message = self.lang.pick(&nl, &en).to_owned();
        self.out.push(
            self.locator
                .diagnostic(Severity::Warning, code, span, message),
        );
    }

    /// Reports an id the taxonomy does not know, with the closest known id as a hint.
    fn known(&mut self, taxonomy: &Taxonomy, kind: IdKind, id: &Id) -> bool {
        if taxonomy.contains(kind, id.get_ref()) {
            return true;
        }
        let code = match kind {
            IdKind::Category => "reglement.unknown_category",
            IdKind::Role => "reglement.unknown_role",
            IdKind::Subject => "reglement.unknown_subject",
            IdKind::Recipient => "reglement.unknown_recipient",
        };
        let known = taxonomy.ids(kind);
        let help = match did_you_mean(id.get_ref(), &known) {
            Some(s) => self
                .lang
                .pick(
                    &format!("bedoelt u `{s}`?"),
                    &format!("did you mean `{s}`?"),
                )
                .to_owned(),
            None => format!(
                "{}: {}",
                self.lang.pick("bekend zijn", "known ids are"),
                known.join(", ")
            ),
        };
        let (nl, en) = (kind.noun(Lang::Nl), kind.noun(Lang::En));
        let message = self
            .lang
            .pick(
                &format!("onbekende {nl} `{}`", id.get_ref()),
                &format!("unknown {en} `{}`", id.get_ref()),
            )
            .to_owned();
        self.out.push(
            self.locator
                .diagnostic(Severity::Error, code, id.span(), message)
                .with_help(Some(help)),
        );
        false
    }
}

pub(super) fn validate(
    file: &ReglementFile,
    locator: &Locator<'_>,
    lang: Lang,
) -> (Taxonomy, HolidayCalendar, Vec<Diagnostic>) {
    let mut c = Checker {
        locator,
        lang,
        out: Vec::new(),
    };
    if *file.format.get_ref() != FORMAT_VERSION {
        c.error(
            "reglement.format_version",
            file.format.span(),
            format!(
                "formaat {} wordt niet ondersteund; verwacht formaat = {FORMAT_VERSION}",
                file.format.get_ref()
            ),
            format!(
                "format {} is not supported; expected formaat = {FORMAT_VERSION}",
                file.format.get_ref()
            ),
        );
    }
    let taxonomy = extend_taxonomy(file, &mut c);
    let calendar = HolidayCalendar {
        good_friday: file.calendar.good_friday,
        extra: file.calendar.extra_days_off.iter().map(|d| d.0).collect(),
    };
    check_version(file, &mut c);
    for role in &file.roles {
        c.known(&taxonomy, IdKind::Role, &role.id);
    }
    check_processings(file, &taxonomy, &mut c);
    check_retention(file, &taxonomy, &mut c);
    check_requests(file, &mut c);
    check_disclosures(file, &taxonomy, &mut c);
    if let Some(emergency) = &file.emergency {
        for role in &emergency.roles {
            c.known(&taxonomy, IdKind::Role, role);
        }
    }
    (taxonomy, calendar, c.out)
}

fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Adds the reglement's own ids to the built-in taxonomy; an id may not shadow a built-in one.
fn extend_taxonomy(file: &ReglementFile, c: &mut Checker<'_>) -> Taxonomy {
    let mut taxonomy = Taxonomy::builtin();
    let ext = &file.taxonomy;
    let fresh = |c: &mut Checker<'_>, kind: IdKind, id: &Id, taxonomy: &Taxonomy| -> bool {
        if !is_id(id.get_ref()) {
            c.error(
                "reglement.invalid_id",
                id.span(),
                format!(
                    "id `{}` mag alleen kleine letters, cijfers en _ bevatten en begint met een letter",
                    id.get_ref()
                ),
                format!(
                    "id `{}` may hold only lowercase letters, digits and _, starting with a letter",
                    id.get_ref()
                ),
            );
            return false;
        }
        if taxonomy.contains(kind, id.get_ref()) {
            c.error(
                "reglement.duplicate_id",
                id.span(),
                format!(
                    "{} `{}` bestaat al in de ingebouwde taxonomie",
                    kind.noun(Lang::Nl),
                    id.get_ref()
                ),
                format!(
                    "{} `{}` already exists in the built-in taxonomy",
                    kind.noun(Lang::En),
                    id.get_ref()
                ),
            );
            return false;
        }
        true
    };
    for (id, cat) in &ext.categories {
        if fresh(c, IdKind::Category, id, &taxonomy) {
            taxonomy.categories.push(DataCategory {
                id: id.get_ref().clone(),
                nl: cat.nl.clone(),
                en: cat.en.clone(),
                special: cat.special.map(Special::from),
                hereditary: cat.hereditary,
                administrative: cat.administrative,
                medical_record: cat.medical_record,
                fiscal: cat.fiscal,
            });
        }
    }
    let term = |id: &Id, t: &TermExtension| Term {
        id: id.get_ref().clone(),
        nl: t.nl.clone(),
        en: t.en.clone(),
    };
    for (id, t) in &ext.roles {
        if fresh(c, IdKind::Role, id, &taxonomy) {
            taxonomy.roles.push(term(id, t));
        }
    }
    for (id, t) in &ext.subjects {
        if fresh(c, IdKind::Subject, id, &taxonomy) {
            taxonomy.subjects.push(term(id, t));
        }
    }
    for (id, t) in &ext.recipients {
        if fresh(c, IdKind::Recipient, id, &taxonomy) {
            taxonomy.recipients.push(term(id, t));
        }
    }
    taxonomy
}

fn check_version(file: &ReglementFile, c: &mut Checker<'_>) {
    let v = &file.version;
    let effective = v.effective.get_ref().0;
    if effective < v.adopted.0 {
        c.error(
            "reglement.effective_before_adoption",
            v.effective.span(),
            format!(
                "in_werking ({effective}) ligt voor de vaststelling ({})",
                v.adopted.0
            ),
            format!(
                "in_werking ({effective}) is before adoption ({})",
                v.adopted.0
            ),
        );
    }
    if let (Some(announced), Some(period)) = (v.announced, v.announcement_period) {
        let earliest = HolidayCalendar::default().add_period(announced.0, period);
        if let Ok(earliest) = earliest
            && effective < earliest
        {
            {
                c.error(
                    "reglement.announcement_period",
                    v.effective.span(),
                    format!(
                        "in_werking ({effective}) valt binnen de aankondigingstermijn van {} na bekendmaking op {}; op zijn vroegst {earliest}",
                        period.describe(Lang::Nl),
                        announced.0
                    ),
                    format!(
                        "in_werking ({effective}) falls within the announcement period of {} after announcement on {}; {earliest} at the earliest",
                        period.describe(Lang::En),
                        announced.0
                    ),
                );
            }
        }
    }
}

fn check_processings(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for processing in &file.processings {
        let p: &Processing = processing.get_ref();
        if !is_id(p.id.get_ref()) {
            c.error(
                "reglement.invalid_id",
                p.id.span(),
                format!(
                    "id `{}` mag alleen kleine letters, cijfers en _ bevatten",
                    p.id.get_ref()
                ),
                format!(
                    "id `{}` may hold only lowercase letters, digits and _",
                    p.id.get_ref()
                ),
            );
        }
        if !seen.insert(p.id.get_ref()) {
            c.error(
                "reglement.duplicate_processing",
                p.id.span(),
                format!("verwerking `{}` komt twee keer voor", p.id.get_ref()),
                format!("processing `{}` appears twice", p.id.get_ref()),
            );
        }
        if p.legal_basis.is_empty() {
            c.error(
                "reglement.missing_legal_basis",
                p.id.span(),
                format!(
                    "verwerking `{}` heeft geen grondslag (art. 6 lid 1 AVG); verwacht grondslag = [\"{}\", ...]",
                    p.id.get_ref(),
                    crate::vocabulary::LegalBasis::ids().join("\" | \"")
                ),
                format!(
                    "processing `{}` has no legal basis (art. 6(1) GDPR); expected grondslag = [\"{}\", ...]",
                    p.id.get_ref(),
                    crate::vocabulary::LegalBasis::ids().join("\" | \"")
                ),
            );
        }
        if p.categories.is_empty() {
            c.error(
                "reglement.no_categories",
                p.id.span(),
                format!(
                    "verwerking `{}` noemt geen gegevenscategorieën (art. 30 lid 1 sub c AVG)",
                    p.id.get_ref()
                ),
                format!(
                    "processing `{}` names no data categories (art. 30(1)(c) GDPR)",
                    p.id.get_ref()
                ),
            );
        }
        for s in &p.subjects {
            c.known(taxonomy, IdKind::Subject, s);
        }
        for r in &p.recipients {
            c.known(taxonomy, IdKind::Recipient, r);
        }
        for cat in &p.categories {
            if !c.known(taxonomy, IdKind::Category, cat) {
                continue;
            }
            check_special_exception(p, cat, taxonomy, c);
        }
        let own: BTreeSet<&str> = p.categories.iter().map(|c| c.get_ref().as_str()).collect();
        for user in &p.users {
            c.known(taxonomy, IdKind::Role, &user.role);
            if user.actions.is_empty() {
                c.error(
                    "reglement.no_actions",
                    user.role.span(),
                    format!("gebruiker `{}` heeft geen acties", user.role.get_ref()),
                    format!("user `{}` has no actions", user.role.get_ref()),
                );
            }
            for cat in user.categories.iter().flatten() {
                if c.known(taxonomy, IdKind::Category, cat) && !own.contains(cat.get_ref().as_str())
                {
                    c.error(
                        "reglement.user_category_outside_processing",
                        cat.span(),
                        format!(
                            "categorie `{}` staat niet in verwerking `{}`; een gebruiker krijgt alleen categorieën van de verwerking",
                            cat.get_ref(),
                            p.id.get_ref()
                        ),
                        format!(
                            "category `{}` is not part of processing `{}`; a user only gets the processing's categories",
                            cat.get_ref(),
                            p.id.get_ref()
                        ),
                    );
                }
            }
        }
    }
}

fn check_special_exception(p: &Processing, cat: &Id, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    let Some(special) = taxonomy.category(cat.get_ref()).and_then(|d| d.special) else {
        return;
    };
    let covered = match special {
        Special::Art9 => p
            .art9_exceptions
            .iter()
            .any(|e| *e != Art9Exception::Strafrechtelijk),
        Special::Art10 => p.art9_exceptions.contains(&Art9Exception::Strafrechtelijk),
    };
    if covered {
        return;
    }
    let (nl, en) = match special {
        Special::Art9 => (
            "bijzonder persoonsgegeven zonder uitzondering van art. 9 lid 2 AVG; vul uitzondering_art9 in",
            "special category data without an exception of art. 9(2) GDPR; fill in uitzondering_art9",
        ),
        Special::Art10 => (
            "strafrechtelijk gegeven zonder grondslag van art. 10 AVG; vul uitzondering_art9 = [\"strafrechtelijk\"] in",
            "criminal data without a basis of art. 10 GDPR; fill in uitzondering_art9 = [\"strafrechtelijk\"]",
        ),
    };
    c.error(
        "reglement.special_category_without_exception",
        cat.span(),
        format!(
            "verwerking `{}`, categorie `{}`: {nl}",
            p.id.get_ref(),
            cat.get_ref()
        ),
        format!(
            "processing `{}`, category `{}`: {en}",
            p.id.get_ref(),
            cat.get_ref()
        ),
    );
}

fn check_retention(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    // The longest retention each category gets, to compare with the legal minimum.
    let mut longest: BTreeMap<&str, (f64, std::ops::Range<usize>)> = BTreeMap::new();
    for rule in &file.retention {
        let r = rule.get_ref();
        if r.categories.is_empty() {
            c.error(
                "reglement.no_categories",
                r.article.span(),
                "bewaarregel zonder categorieën".into(),
                "retention rule without categories".into(),
            );
        }
        let years = r.period.get_ref().as_years();
        for cat in &r.categories {
            if c.known(taxonomy, IdKind::Category, cat) {
                let entry = longest
                    .entry(cat.get_ref().as_str())
                    .or_insert((years, r.period.span()));
                if years > entry.0 {
                    *entry = (years, r.period.span());
                }
            }
        }
    }
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for processing in &file.processings {
        for cat in &processing.get_ref().categories {
            let id = cat.get_ref().as_str();
            if taxonomy.category(id).is_some() && !longest.contains_key(id) && reported.insert(id) {
                c.error(
                    "reglement.no_retention",
                    cat.span(),
                    format!("categorie `{id}` heeft geen bewaartermijn; voeg een [[bewaartermijnen]] toe die haar noemt (art. 5 lid 1 sub e AVG)"),
                    format!("category `{id}` has no retention rule; add a [[bewaartermijnen]] that names it (art. 5(1)(e) GDPR)"),
                );
            }
        }
    }
    for (id, (years, span)) in longest {
        let Some(cat) = taxonomy.category(id) else {
            continue;
        };
        if cat.medical_record && years < WGBO_YEARS {
            c.warning(
                "reglement.retention_below_wgbo",
                span.clone(),
                format!("`{id}` hoort bij het medisch dossier en wordt korter bewaard dan de 20 jaar van de WGBO (art. 7:454 lid 3 BW)"),
                format!("`{id}` is part of the medical record and is kept shorter than the WGBO's 20 years (art. 7:454(3) Dutch Civil Code)"),
            );
        }
        if cat.fiscal && years < FISCAL_YEARS {
            c.warning(
                "reglement.retention_below_fiscal",
                span,
                format!("`{id}` valt onder de fiscale bewaarplicht van 7 jaar (art. 52 lid 4 AWR) en wordt korter bewaard"),
                format!("`{id}` falls under the 7-year fiscal retention obligation (art. 52(4) AWR) and is kept shorter"),
            );
        }
    }
}

fn check_requests(file: &ReglementFile, c: &mut Checker<'_>) {
    for rule in &file.requests {
        let r = rule.get_ref();
        if r.types.is_empty() {
            c.error(
                "reglement.no_request_types",
                r.article.span(),
                "verzoekregel zonder types".into(),
                "request rule without types".into(),
            );
        }
        let has_procedure = r.identity_check.is_some()
            || r.in_writing.is_some()
            || r.fee.is_some()
            || r.handler.is_some()
            || !r.refusal_grounds.is_empty();
        if r.respond.is_none() && r.execute.is_none() && r.erase.is_none() && !has_procedure {
            c.error(
                "reglement.empty_request_rule",
                r.article.span(),
                "verzoekregel zonder inhoud; geef een termijn (reageren, uitvoeren, verwijderen) of een procedure (identiteitscontrole, vergoeding, weigeringsgronden, ...)".into(),
                "request rule without content; give a deadline (reageren, uitvoeren, verwijderen) or a procedure (identiteitscontrole, vergoeding, weigeringsgronden, ...)".into(),
            );
        }
        if let Some(respond) = &r.respond {
            let period = *respond.get_ref();
            if period.can_exceed_one_month() {
                c.warning(
                    "reglement.respond_beyond_one_month",
                    respond.span(),
                    format!("de reactietermijn van {} kan langer zijn dan de maand van art. 12 lid 3 AVG", period.describe(Lang::Nl)),
                    format!("the response period of {} can exceed the one month of art. 12(3) GDPR", period.describe(Lang::En)),
                );
            }
        }
        if let Some(fee) = &r.fee {
            let copy = r
                .types
                .iter()
                .any(|t| matches!(t, RequestType::Inzage | RequestType::Afschrift));
            if *fee.get_ref() == Fee::Redelijk && copy {
                c.warning(
                    "reglement.fee_for_first_copy",
                    fee.span(),
                    "een eerste inzage of afschrift is kosteloos; alleen voor extra kopieën of buitensporige verzoeken mag een redelijke vergoeding gevraagd worden (art. 12 lid 5 en art. 15 lid 3 AVG)".into(),
                    "a first access or copy is free; a reasonable fee is only allowed for further copies or excessive requests (art. 12(5) and 15(3) GDPR)".into(),
                );
            }
        }
    }
}

fn check_disclosures(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    let registered: BTreeSet<&str> = file
        .processings
        .iter()
        .flat_map(|p| p.get_ref().recipients.iter().map(|r| r.get_ref().as_str()))
        .collect();
    // For each recipient and category, the consent each rule asks: differing answers are a
    // conflict the stricter rule settles.
    let mut asked: BTreeMap<(&str, &str), Vec<(ConsentForm, &str)>> = BTreeMap::new();
    let all: Vec<&str> = taxonomy.categories.iter().map(|c| c.id.as_str()).collect();
    for rule in &file.disclosures {
        let r = rule.get_ref();
        if r.recipients.is_empty() {
            c.error(
                "reglement.no_recipients",
                r.article.span(),
                "verstrekkingsregel zonder ontvangers".into(),
                "disclosure rule without recipients".into(),
            );
        }
        for cat in r.categories.iter().flatten() {
            c.known(taxonomy, IdKind::Category, cat);
        }
        let cats: Vec<&str> = match &r.categories {
            Some(list) => list.iter().map(|c| c.get_ref().as_str()).collect(),
            None => all.clone(),
        };
        for recipient in &r.recipients {
            if !c.known(taxonomy, IdKind::Recipient, recipient) {
                continue;
            }
            let id = recipient.get_ref().as_str();
            if !registered.contains(id) {
                c.warning(
                    "reglement.recipient_not_registered",
                    recipient.span(),
                    format!("ontvanger `{id}` staat bij geen enkele verwerking onder ontvangers; het verwerkingsregister (art. 30 lid 1 sub d AVG) is dan onvolledig"),
                    format!("recipient `{id}` is not listed under ontvangers of any processing; the processing register (art. 30(1)(d) GDPR) is then incomplete"),
                );
            }
            for cat in &cats {
                asked
                    .entry((id, cat))
                    .or_default()
                    .push((r.consent, r.article.get_ref().as_str()));
            }
        }
    }
    let mut warned: BTreeSet<(&str, Vec<&str>)> = BTreeSet::new();
    for ((recipient, _), rules) in &asked {
        let forms: BTreeSet<ConsentForm> = rules.iter().map(|(f, _)| *f).collect();
        if forms.len() < 2 {
            continue;
        }
        let mut articles: Vec<&str> = rules.iter().map(|(_, a)| *a).collect();
        articles.sort_unstable();
        articles.dedup();
        if !warned.insert((recipient, articles.clone())) {
            continue;
        }
        let span = file
            .disclosures
            .iter()
            .flat_map(|r| r.get_ref().recipients.iter())
            .find(|r| r.get_ref() == recipient)
            .map(|r| r.span())
            .unwrap_or(0..0);
        c.warning(
            "reglement.conflicting_consent",
            span,
            format!(
                "de artikelen {} vragen verschillende toestemming voor verstrekking aan `{recipient}`; de strengste regel geldt",
                articles.join(", ")
            ),
            format!(
                "articles {} ask different consent for disclosure to `{recipient}`; the stricter rule governs",
                articles.join(", ")
            ),
        );
    }
    if let Some(default) = &file.disclosure.default
        && default.consent == ConsentForm::Geen
    {
        {
            c.warning(
                "reglement.default_disclosure_without_consent",
                default.article.span(),
                "verstrekking aan elke ontvanger zonder toestemming heeft geen grondslag in art. 6 AVG".into(),
                "disclosure to any recipient without consent has no basis in art. 6 GDPR".into(),
            );
        }
    }
}
