//! The semantic checks of a reglement: every id known, every processing lawful on its face,
//! every category with a retention rule; warnings for what is legal but doubtful.

use std::collections::{BTreeMap, BTreeSet};

use crate::calendar::HolidayCalendar;
use crate::diagnostic::{Diagnostic, Locator, Severity};
use crate::i18n::Lang;
use crate::law;
use crate::t;
use crate::taxonomy::{DataCategory, IdKind, Special, Taxonomy, Term, did_you_mean};
use crate::vocabulary::{Anchor, Art9Exception, ConsentForm, Duty, Fee, RequestType};

use super::FORMAT_VERSION;
use super::file::{Id, Processing, ReglementFile, RetentionRule, TermExtension};

struct Checker<'a> {
    locator: &'a Locator<'a>,
    lang: Lang,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// An error with its message from the catalogue (`t!(c.lang, "reglement-...", ...)`).
    fn error(&mut self, code: &'static str, span: std::ops::Range<usize>, message: String) {
        self.out.push(
            self.locator
                .diagnostic(Severity::Error, code, span, message),
        );
    }

    /// A warning with its message from the catalogue.
    fn warning(&mut self, code: &'static str, span: std::ops::Range<usize>, message: String) {
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
            Some(s) => t!(self.lang, "reglement-did-you-mean", suggestion = s),
            None => t!(self.lang, "reglement-known-ids", known = &known.join(", ")),
        };
        let message = t!(
            self.lang,
            "reglement-unknown-id",
            kind = kind.key(),
            id = id.get_ref()
        );
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
            t!(
                c.lang,
                "reglement-format-version",
                found = &file.format.get_ref().to_string(),
                expected = &FORMAT_VERSION.to_string()
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
    check_duties(file, &taxonomy, &mut c);
    check_retention(file, &taxonomy, &mut c);
    check_requests(file, &mut c);
    check_disclosures(file, &taxonomy, &mut c);
    check_bans(file, &taxonomy, &mut c);
    check_representation(file, &mut c);
    if let Some(judge) = file.heirs.as_ref().and_then(|h| h.judge.as_ref()) {
        c.known(&taxonomy, IdKind::Role, judge);
    }
    check_complaints(file, &mut c);
    check_processors(file, &mut c);
    check_transfer(file, &mut c);
    check_information_duty(file, &mut c);
    check_shared_dossier(file, &taxonomy, &mut c);
    if let Some(emergency) = &file.emergency {
        for role in &emergency.roles {
            c.known(&taxonomy, IdKind::Role, role);
        }
        // A review term of nothing cannot be met: every emergency access would be late.
        if let Some(p) = &emergency.review_within
            && p.get_ref().amount == 0
        {
            c.error(
                "reglement.emergency_review_zero",
                p.span(),
                t!(c.lang, "reglement-emergency-review-zero"),
            );
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
                t!(c.lang, "reglement-invalid-id", id = id.get_ref()),
            );
            return false;
        }
        if taxonomy.contains(kind, id.get_ref()) {
            c.error(
                "reglement.duplicate_id",
                id.span(),
                t!(
                    c.lang,
                    "reglement-duplicate-id",
                    kind = kind.key(),
                    id = id.get_ref()
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
        // The product's own roles (the command line, heirs) cannot be declared: a reglement's
        // rules for them would mean something else than they say.
        let reserved = [
            crate::decide::SYSTEM_ROLE,
            crate::decide::HEIR_ROLE,
            crate::decide::PORTAL_ROLE,
        ];
        if reserved.contains(&id.get_ref().as_str()) {
            c.error(
                "reglement.reserved_role",
                id.span(),
                t!(c.lang, "reglement-reserved-role", id = id.get_ref()),
            );
            continue;
        }
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
            t!(
                c.lang,
                "reglement-effective-before-adoption",
                effective = &effective.to_string(),
                adopted = &v.adopted.0.to_string()
            ),
        );
    }
    if let (Some(article), None) = (&v.announcement_article, v.announcement_period) {
        c.error(
            "reglement.announcement_article_without_period",
            article.span(),
            t!(c.lang, "reglement-announcement-article-without-period"),
        );
    }
    if let (Some(announced), Some(period)) = (v.announced, v.announcement_period) {
        let earliest = HolidayCalendar::default().add_period(announced.0, period);
        if let Ok(earliest) = earliest
            && effective < earliest
        {
            c.error(
                "reglement.announcement_period",
                v.effective.span(),
                t!(
                    c.lang,
                    "reglement-announcement-period",
                    effective = &effective.to_string(),
                    period = &period.describe(c.lang),
                    announced = &announced.0.to_string(),
                    earliest = &earliest.to_string()
                ),
            );
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
                t!(
                    c.lang,
                    "reglement-invalid-processing-id",
                    id = p.id.get_ref()
                ),
            );
        }
        if !seen.insert(p.id.get_ref()) {
            c.error(
                "reglement.duplicate_processing",
                p.id.span(),
                t!(
                    c.lang,
                    "reglement-duplicate-processing",
                    id = p.id.get_ref()
                ),
            );
        }
        if p.legal_basis.is_empty() {
            c.error(
                "reglement.missing_legal_basis",
                p.id.span(),
                t!(
                    c.lang,
                    "reglement-missing-legal-basis",
                    id = p.id.get_ref(),
                    bases = &crate::vocabulary::LegalBasis::ids().join("\" | \"")
                ),
            );
        }
        if p.categories.is_empty() {
            c.error(
                "reglement.no_categories",
                p.id.span(),
                t!(
                    c.lang,
                    "reglement-processing-no-categories",
                    id = p.id.get_ref()
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
                    t!(c.lang, "reglement-no-actions", role = user.role.get_ref()),
                );
            }
            if let Some(granted) = user.special_granted.as_ref().filter(|g| *g.get_ref()) {
                let role = user.role.get_ref().as_str();
                let cats: Vec<&str> = match &user.categories {
                    Some(list) => list.iter().map(|c| c.get_ref().as_str()).collect(),
                    None => own.iter().copied().collect(),
                };
                let special = cats
                    .iter()
                    .any(|id| taxonomy.category(id).is_some_and(|d| d.special.is_some()));
                if !super::file::MINIMISED_ROLES.contains(&role) || !special {
                    c.error(
                        "reglement.special_grant_without_effect",
                        granted.span(),
                        t!(
                            c.lang,
                            "reglement-special-grant-without-effect",
                            role = role,
                            processing = p.id.get_ref()
                        ),
                    );
                }
            }
            for cat in user.categories.iter().flatten() {
                if c.known(taxonomy, IdKind::Category, cat) && !own.contains(cat.get_ref().as_str())
                {
                    c.error(
                        "reglement.user_category_outside_processing",
                        cat.span(),
                        t!(
                            c.lang,
                            "reglement-user-category-outside-processing",
                            category = cat.get_ref(),
                            processing = p.id.get_ref()
                        ),
                    );
                }
            }
        }
    }
}

/// The `[[beheer]]` rules: a known role, at least one duty, and a care-team limit only on the
/// duties it can limit (lists and search).
fn check_duties(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    for rule in &file.duties {
        let rule = rule.get_ref();
        c.known(taxonomy, IdKind::Role, &rule.role);
        if rule.duties.is_empty() {
            c.error(
                "reglement.no_duties",
                rule.role.span(),
                t!(
                    c.lang,
                    "reglement-no-duties",
                    role = rule.role.get_ref(),
                    known = &Duty::ids().join(", ")
                ),
            );
        }
        if rule.care_relationship
            && let Some(d) = rule.duties.iter().find(|d| !d.scoped_by_care())
        {
            c.error(
                "reglement.duty_not_scoped",
                rule.role.span(),
                t!(c.lang, "reglement-duty-not-scoped", duty = d.id()),
            );
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
    let (processing, category) = (p.id.get_ref(), cat.get_ref());
    let message = match special {
        Special::Art9 => t!(
            c.lang,
            "reglement-special-without-exception",
            processing = processing,
            category = category
        ),
        Special::Art10 => t!(
            c.lang,
            "reglement-criminal-without-exception",
            processing = processing,
            category = category
        ),
    };
    c.error(
        "reglement.special_category_without_exception",
        cat.span(),
        message,
    );
}

fn check_retention(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    // The rules that cover each category, to compare with the law beneath.
    let mut covering: BTreeMap<&str, Vec<&RetentionRule>> = BTreeMap::new();
    for rule in &file.retention {
        let r = rule.get_ref();
        if r.categories.is_empty() {
            c.error(
                "reglement.no_categories",
                r.article.span(),
                t!(c.lang, "reglement-retention-no-categories"),
            );
        }
        for cat in &r.categories {
            if c.known(taxonomy, IdKind::Category, cat) {
                covering.entry(cat.get_ref().as_str()).or_default().push(r);
            }
        }
        check_rule_processings(file, r, taxonomy, c);
        check_follows_dossier(file, r, taxonomy, c);
    }
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for processing in &file.processings {
        let pid = processing.get_ref().id.get_ref().as_str();
        for cat in &processing.get_ref().categories {
            let id = cat.get_ref().as_str();
            // A rule for other processings only does not cover this one.
            let covered = covering.get(id).is_some_and(|rules| {
                rules.iter().any(|r| {
                    r.processings.is_empty() || r.processings.iter().any(|p| p.get_ref() == pid)
                })
            });
            if taxonomy.category(id).is_some() && !covered && reported.insert(id) {
                c.error(
                    "reglement.no_retention",
                    cat.span(),
                    t!(c.lang, "reglement-no-retention", category = id),
                );
            }
        }
    }
    for (id, rules) in covering {
        let Some(cat) = taxonomy.category(id) else {
            continue;
        };
        // "Six months, unless a treatment follows": once it follows, another rule must say
        // how long the category is kept, or nothing would.
        if let Some(conditional) = rules.iter().find_map(|r| r.unless.as_ref())
            && rules.iter().all(|r| r.unless.is_some())
        {
            c.error(
                "reglement.retention_only_conditional",
                conditional.span(),
                t!(
                    c.lang,
                    "reglement-retention-only-conditional",
                    category = id,
                    event = conditional.get_ref().id()
                ),
            );
        }
        check_floors(file, cat, &rules, c);
        check_ceilings(file, cat, &rules, c);
    }
}

/// A retention rule's `verwerkingen`: processings the reglement has, each using one of the
/// rule's categories.
fn check_rule_processings(
    file: &ReglementFile,
    rule: &RetentionRule,
    taxonomy: &Taxonomy,
    c: &mut Checker<'_>,
) {
    let ids: Vec<&str> = file
        .processings
        .iter()
        .map(|p| p.get_ref().id.get_ref().as_str())
        .collect();
    for pid in &rule.processings {
        let Some(p) = file
            .processings
            .iter()
            .map(|p| p.get_ref())
            .find(|p| p.id.get_ref() == pid.get_ref())
        else {
            let help = did_you_mean(pid.get_ref(), &ids)
                .map(|s| t!(c.lang, "reglement-did-you-mean", suggestion = s));
            let d = c
                .locator
                .diagnostic(
                    Severity::Error,
                    "reglement.unknown_processing",
                    pid.span(),
                    t!(c.lang, "reglement-unknown-processing", id = pid.get_ref()),
                )
                .with_help(help);
            c.out.push(d);
            continue;
        };
        for cat in &rule.categories {
            let used = p.categories.iter().any(|pc| pc.get_ref() == cat.get_ref());
            if taxonomy.category(cat.get_ref()).is_some() && !used {
                c.error(
                    "reglement.retention_category_outside_processing",
                    cat.span(),
                    t!(
                        c.lang,
                        "reglement-retention-category-outside-processing",
                        category = cat.get_ref(),
                        processing = pid.get_ref()
                    ),
                );
            }
        }
    }
}

/// `volgt_dossier = true`: the categories take the dossier's statutory term of the day. It
/// contradicts `tenzij` (a rule an event ends cannot last as long as the dossier), a category
/// whose law sets a maximum (camera footage, application data: kept twenty years it would
/// outlive it), and a reglement no dossier law governs (neither its `dossierwetten` nor its
/// `wettelijk_kader` and `wet` keys name the WGBO or the Jeugdwet: welfare work keeps no dossier
/// with a statutory term to follow).
fn check_follows_dossier(
    file: &ReglementFile,
    rule: &RetentionRule,
    taxonomy: &Taxonomy,
    c: &mut Checker<'_>,
) {
    let Some(follows) = rule.follows_dossier.as_ref().filter(|f| *f.get_ref()) else {
        return;
    };
    if let Some(unless) = &rule.unless {
        c.error(
            "reglement.follows_dossier_conditional",
            follows.span(),
            t!(
                c.lang,
                "reglement-follows-dossier-conditional",
                event = unless.get_ref().id()
            ),
        );
    }
    if !crate::decide::care_laws(file).any() {
        c.error(
            "reglement.follows_dossier_no_dossier_law",
            follows.span(),
            t!(c.lang, "reglement-follows-dossier-no-dossier-law"),
        );
    }
    for cat in &rule.categories {
        let Some(category) = taxonomy.category(cat.get_ref()) else {
            continue;
        };
        if let Some(v) = law::ceilings_for(category)
            .first()
            .and_then(|ceiling| law::in_force(ceiling.versions, None))
        {
            c.error(
                "reglement.follows_dossier_ceiling",
                cat.span(),
                t!(
                    c.lang,
                    "reglement-follows-dossier-ceiling",
                    category = cat.get_ref(),
                    article = v.article
                ),
            );
        }
    }
}

/// Whether a term counted from `own` starts no earlier than one counted from `law`, whatever the
/// record's dates (the end of care can come before the dossier's last change).
fn starts_no_earlier(own: Anchor, law: Anchor) -> bool {
    match law {
        Anchor::Aanmaak => true,
        Anchor::LaatsteWijziging => matches!(own, Anchor::LaatsteWijziging | Anchor::EindeBoekjaar),
        Anchor::EindeBoekjaar => own == Anchor::EindeBoekjaar,
        Anchor::EindeZorg => own == Anchor::EindeZorg,
        // The dossier's last change is never before its last treatment.
        Anchor::LaatsteBehandeling => matches!(
            own,
            Anchor::LaatsteBehandeling | Anchor::LaatsteWijziging | Anchor::EindeBoekjaar
        ),
    }
}

/// A statutory minimum (the law as it stands) no rule of the category meets: a warning naming
/// the law, with the note that the answer follows it.
fn check_floors(
    file: &ReglementFile,
    cat: &DataCategory,
    rules: &[&RetentionRule],
    c: &mut Checker<'_>,
) {
    let Some(longest) = rules.iter().max_by(|a, b| {
        a.period
            .get_ref()
            .as_years()
            .total_cmp(&b.period.get_ref().as_years())
    }) else {
        return;
    };
    let mut short: Vec<(&law::Floor, &law::Version<law::Term>)> = Vec::new();
    let mut late: Vec<(&law::Floor, &law::Version<law::Term>)> = Vec::new();
    for floor in law::floors_for(file, cat) {
        let Some(v) = law::in_force(floor.versions, None) else {
            continue;
        };
        let long_enough =
            |r: &RetentionRule| r.period.get_ref().as_years() >= v.value.period.as_years();
        if !rules.iter().any(|r| long_enough(r)) {
            short.push((floor, v));
        } else if !rules
            .iter()
            .any(|r| long_enough(r) && starts_no_earlier(r.from, v.value.from))
        {
            late.push((floor, v));
        }
    }
    let articles = |list: &[(&law::Floor, &law::Version<law::Term>)]| {
        list.iter()
            .map(|(_, v)| v.article)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let help = |c: &Checker<'_>, list: &[(&law::Floor, &law::Version<law::Term>)]| {
        list.first().map(|(_, v)| {
            t!(
                c.lang,
                "reglement-retention-law-help",
                articles = &articles(list),
                period = &v.value.period.describe(c.lang),
                from = v.value.from.label(c.lang)
            )
        })
    };
    let (medical, fiscal): (Vec<_>, Vec<_>) = short
        .iter()
        .partition(|(f, _)| f.id != law::AWR_RETENTION.id);
    if !medical.is_empty() {
        let help = help(c, &medical);
        let d = c
            .locator
            .diagnostic(
                Severity::Warning,
                "reglement.retention_below_wgbo",
                longest.period.span(),
                t!(
                    c.lang,
                    "reglement-retention-below-wgbo",
                    category = cat.id.as_str()
                ),
            )
            .with_help(help);
        c.out.push(d);
    }
    if !fiscal.is_empty() {
        let help = help(c, &fiscal);
        let d = c
            .locator
            .diagnostic(
                Severity::Warning,
                "reglement.retention_below_fiscal",
                longest.period.span(),
                t!(
                    c.lang,
                    "reglement-retention-below-fiscal",
                    category = cat.id.as_str()
                ),
            )
            .with_help(help);
        c.out.push(d);
    }
    if let Some((_, v)) = late.first() {
        let help = help(c, &late);
        let message = t!(
            c.lang,
            "reglement-retention-start-law",
            category = cat.id.as_str(),
            period = &longest.period.get_ref().describe(c.lang),
            own_from = longest.from.label(c.lang),
            articles = &articles(&late),
            from = v.value.from.label(c.lang)
        );
        let d = c
            .locator
            .diagnostic(
                Severity::Warning,
                "reglement.retention_start_law",
                longest.period.span(),
                message,
            )
            .with_help(help);
        c.out.push(d);
    }
}

/// A maximum that stays strict (camera footage, application data): a longer term, or a
/// destruction window that lets the data outlive it, is a warning; the answer keeps the maximum.
fn check_ceilings(
    file: &ReglementFile,
    cat: &DataCategory,
    rules: &[&RetentionRule],
    c: &mut Checker<'_>,
) {
    for ceiling in law::ceilings_for(cat) {
        let Some(v) = law::in_force(ceiling.versions, None) else {
            continue;
        };
        let max = v.value.period.max_days();
        let source = v.source.label(c.lang);
        if let Some(r) = rules.iter().find(|r| r.period.get_ref().min_days() > max) {
            c.warning(
                "reglement.retention_above_ceiling",
                r.period.span(),
                t!(
                    c.lang,
                    "reglement-retention-above-ceiling",
                    category = cat.id.as_str(),
                    period = &v.value.period.describe(c.lang),
                    from = v.value.from.label(c.lang),
                    article = v.article,
                    source = &source
                ),
            );
            continue;
        }
        // The shortest destruction window that applies, as the answer takes it.
        let mut windows: Vec<(crate::period::Period, std::ops::Range<usize>)> = rules
            .iter()
            .filter_map(|r| r.destroy_within.map(|p| (p, r.period.span())))
            .collect();
        if let Some(d) = &file.destruction {
            windows.push((d.within, d.article.span()));
        }
        let Some((window, span)) = windows.into_iter().min_by_key(|(p, _)| p.min_days()) else {
            continue;
        };
        if window.min_days() > 0 {
            c.warning(
                "reglement.destruction_above_ceiling",
                span,
                t!(
                    c.lang,
                    "reglement-destruction-above-ceiling",
                    category = cat.id.as_str(),
                    window = &window.describe(c.lang),
                    period = &v.value.period.describe(c.lang),
                    article = v.article,
                    source = &source
                ),
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
                t!(c.lang, "reglement-no-request-types"),
            );
        }
        let has_procedure = r.identity_check.is_some()
            || r.in_writing.is_some()
            || r.fee.is_some()
            || r.handler.is_some()
            || !r.refusal_grounds.is_empty();
        if r.respond.is_none()
            && r.execute.is_none()
            && r.execute_from_receipt.is_none()
            && r.erase.is_none()
            && !has_procedure
        {
            c.error(
                "reglement.empty_request_rule",
                r.article.span(),
                t!(c.lang, "reglement-empty-request-rule"),
            );
        }
        // Carrying out a request within nothing after its receipt cannot be met: the request
        // must be read first.
        if let Some(p) = &r.execute_from_receipt
            && p.get_ref().amount == 0
        {
            c.error(
                "reglement.execute_from_receipt_zero",
                p.span(),
                t!(c.lang, "reglement-execute-from-receipt-zero"),
            );
        }
        if let Some(respond) = &r.respond {
            let period = *respond.get_ref();
            if period.can_exceed_one_month() {
                c.warning(
                    "reglement.respond_beyond_one_month",
                    respond.span(),
                    t!(
                        c.lang,
                        "reglement-respond-beyond-one-month",
                        period = &period.describe(c.lang)
                    ),
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
                    t!(c.lang, "reglement-fee-for-first-copy"),
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
                t!(c.lang, "reglement-no-recipients"),
            );
        }
        for cat in r.categories.iter().flatten() {
            c.known(taxonomy, IdKind::Category, cat);
        }
        check_purposes(&r.purposes, c);
        if let Some(flag) = &r.conflict_of_duties
            && *flag.get_ref()
            && r.consent == ConsentForm::Geen
        {
            c.error(
                "reglement.conflict_of_duties_without_consent",
                flag.span(),
                t!(c.lang, "reglement-conflict-of-duties-without-consent"),
            );
        }
        if let (Some(from), Some(until)) = (&r.valid_from, &r.valid_until)
            && until.get_ref().0 < from.get_ref().0
        {
            c.error(
                "reglement.validity_reversed",
                until.span(),
                t!(
                    c.lang,
                    "reglement-validity-reversed",
                    from = &from.get_ref().0.to_string(),
                    until = &until.get_ref().0.to_string()
                ),
            );
        }
        // A temporary measure over before this version takes effect never applies.
        if let Some(until) = &r.valid_until
            && until.get_ref().0 < file.version.effective.get_ref().0
        {
            c.warning(
                "reglement.validity_before_effective",
                until.span(),
                t!(
                    c.lang,
                    "reglement-validity-before-effective",
                    until = &until.get_ref().0.to_string(),
                    effective = &file.version.effective.get_ref().0.to_string()
                ),
            );
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
                    t!(c.lang, "reglement-recipient-not-registered", recipient = id),
                );
            }
            // Rules for some purposes or some days do not always meet: no conflict.
            if !r.purposes.is_empty() || r.is_dated() {
                continue;
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
            t!(
                c.lang,
                "reglement-conflicting-consent",
                articles = &articles.join(", "),
                recipient = *recipient
            ),
        );
    }
    if let Some(default) = &file.disclosure.default
        && default.consent == ConsentForm::Geen
    {
        c.warning(
            "reglement.default_disclosure_without_consent",
            default.article.span(),
            t!(c.lang, "reglement-default-disclosure-without-consent"),
        );
    }
}

/// `[[verstrekkingsverboden]]`: a scope, known ids, and a warning for a disclosure rule a ban
/// covers entirely (it could never be used).
fn check_bans(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    for ban in &file.disclosure_bans {
        let b = ban.get_ref();
        if b.recipients.as_ref().is_none_or(Vec::is_empty)
            && b.categories.as_ref().is_none_or(Vec::is_empty)
            && b.purposes.is_empty()
        {
            c.error(
                "reglement.ban_without_scope",
                b.article.span(),
                t!(c.lang, "reglement-ban-without-scope"),
            );
        }
        // An empty list bans nothing: say "all" by leaving the key out.
        if b.recipients.as_ref().is_some_and(Vec::is_empty)
            || b.categories.as_ref().is_some_and(Vec::is_empty)
        {
            c.error(
                "reglement.ban_empty_list",
                b.article.span(),
                t!(c.lang, "reglement-ban-empty-list"),
            );
        }
        for r in b.recipients.iter().flatten() {
            c.known(taxonomy, IdKind::Recipient, r);
        }
        for cat in b.categories.iter().flatten() {
            c.known(taxonomy, IdKind::Category, cat);
        }
        check_purposes(&b.purposes, c);
        if !b.purposes.is_empty() {
            continue;
        }
        for rule in &file.disclosures {
            let r = rule.get_ref();
            for recipient in &r.recipients {
                let id = recipient.get_ref().as_str();
                let covered = match &r.categories {
                    Some(cats) => cats.iter().all(|cat| b.covers(id, cat.get_ref())),
                    None => b.covers(id, "") && b.categories.is_none(),
                };
                if covered {
                    c.warning(
                        "reglement.disclosure_rule_banned",
                        recipient.span(),
                        t!(
                            c.lang,
                            "reglement-disclosure-rule-banned",
                            recipient = id,
                            article = r.article.get_ref(),
                            ban = b.article.get_ref()
                        ),
                    );
                }
            }
        }
    }
}

/// Purposes are ids, so that a question names them exactly.
fn check_purposes(purposes: &[Id], c: &mut Checker<'_>) {
    for p in purposes {
        if !is_id(p.get_ref()) {
            c.error(
                "reglement.invalid_purpose",
                p.span(),
                t!(c.lang, "reglement-invalid-purpose", id = p.get_ref()),
            );
        }
    }
}

/// `[vertegenwoordiging]`: an age a minor can have (12 to 18), and a warning where the WGBO or the
/// Jeugdwet governs the dossier and the reglement names another age than their 16.
fn check_representation(file: &ReglementFile, c: &mut Checker<'_>) {
    let Some(r) = &file.representation else {
        return;
    };
    let age = *r.age.get_ref();
    if !(12..=18).contains(&age) {
        c.error(
            "reglement.representation_age",
            r.age.span(),
            t!(c.lang, "reglement-representation-age", age = u32::from(age)),
        );
        return;
    }
    let laws = crate::decide::care_laws(file);
    if laws.any() && age != 16 {
        c.warning(
            "reglement.representation_age_law",
            r.age.span(),
            t!(
                c.lang,
                "reglement-representation-age-law",
                age = u32::from(age),
                law = &laws.names()
            ),
        );
    }
    if let Some(list) = &r.care_laws
        && list.get_ref().is_empty()
    {
        c.error(
            "reglement.empty_care_laws",
            list.span(),
            t!(c.lang, "reglement-empty-care-laws"),
        );
    }
}

/// A complaint term longer than the Wkkgz allows binds nobody: the law's governs (a warning,
/// so that the organisation fixes its text).
fn check_complaints(file: &ReglementFile, c: &mut Checker<'_>) {
    let Some(complaints) = &file.complaints else {
        return;
    };
    if let Some(channels) = &complaints.channels
        && channels.get_ref().iter().all(|ch| ch.trim().is_empty())
    {
        c.error(
            "reglement.complaint_no_channels",
            channels.span(),
            t!(c.lang, "reglement-complaint-no-channels"),
        );
    }
    let checks = [
        (
            &complaints.term,
            crate::decide::WKKGZ_TERM,
            "reglement.complaint_term_beyond_law",
            "reglement-complaint-term-beyond-law",
        ),
        (
            &complaints.extension,
            crate::decide::WKKGZ_EXTENSION,
            "reglement.complaint_extension_beyond_law",
            "reglement-complaint-extension-beyond-law",
        ),
    ];
    for (period, law, code, key) in checks {
        if let Some(p) = period
            && p.get_ref().max_days() > law.min_days()
        {
            c.warning(
                code,
                p.span(),
                t!(c.lang, key, period = &p.get_ref().describe(c.lang)),
            );
        }
    }
}

/// A processing's `verwerker_land` is an ISO 3166-1 alpha-2 code beside a `verwerker`; when
/// `[verwerkers] alleen_eer` demands processing inside the EEA, a country outside it is an
/// error at the country. The free text of `doorgifte` is not read for this: it cannot be read
/// reliably ("niet vermeld of ... buiten de EER" names the EEA without a transfer).
fn check_processors(file: &ReglementFile, c: &mut Checker<'_>) {
    let eea_only = file.processors.as_ref().filter(|p| p.eea_only).map(|p| {
        super::cite(
            p.article.get_ref(),
            Some(p.law.as_deref().unwrap_or(crate::processor::TRANSFER_LAW)),
        )
    });
    if let Some(p) = &file.processors
        && let Some(review) = &p.review
        && review.get_ref().amount == 0
    {
        c.error(
            "reglement.processor_review_zero",
            review.span(),
            t!(c.lang, "reglement-processor-review-zero"),
        );
    }
    for processing in &file.processings {
        let p = processing.get_ref();
        if let Some(purpose) = &p.processor_purpose {
            if p.processor.is_none() {
                c.error(
                    "reglement.processor_purpose_without_processor",
                    purpose.span(),
                    t!(
                        c.lang,
                        "reglement-processor-purpose-without-processor",
                        id = p.id.get_ref()
                    ),
                );
            }
            check_purposes(std::slice::from_ref(purpose), c);
        }
        let Some(country) = &p.processor_country else {
            continue;
        };
        let code = country.get_ref();
        if p.processor.is_none() {
            c.error(
                "reglement.processor_country_without_processor",
                country.span(),
                t!(
                    c.lang,
                    "reglement-processor-country-without-processor",
                    id = p.id.get_ref()
                ),
            );
        } else if !crate::processor::is_country_code(code) {
            c.error(
                "reglement.processor_country_code",
                country.span(),
                t!(c.lang, "reglement-processor-country-code", country = code),
            );
        } else if let Some(article) = &eea_only
            && !crate::processor::in_eea(code)
        {
            c.error(
                "reglement.processor_outside_eea",
                country.span(),
                t!(
                    c.lang,
                    "reglement-processor-outside-eea",
                    id = p.id.get_ref(),
                    country = code,
                    article = article
                ),
            );
        }
    }
}

/// `[overdracht]`: a list of channels that allows none, and telling the successor of an
/// erasure that does not happen, are errors at the key.
fn check_transfer(file: &ReglementFile, c: &mut Checker<'_>) {
    let Some(t) = &file.transfer else {
        return;
    };
    if let Some(channels) = &t.channels
        && channels.get_ref().is_empty()
    {
        c.error(
            "reglement.transfer_channels_empty",
            channels.span(),
            t!(c.lang, "reglement-transfer-channels-empty"),
        );
    }
    if let Some(inform) = &t.inform_recipient
        && *inform.get_ref()
        && *t.after.get_ref() == crate::vocabulary::AfterTransfer::Bewaren
    {
        c.error(
            "reglement.transfer_inform_without_erasure",
            inform.span(),
            t!(c.lang, "reglement-transfer-inform-without-erasure"),
        );
    }
}

/// `[informatieplicht] derden_binnen`: at most the AVG's month (art. 14 lid 3 sub a); a longer
/// term binds nobody (a warning: the answer follows the law).
fn check_information_duty(file: &ReglementFile, c: &mut Checker<'_>) {
    let Some(p) = file
        .information_duty
        .as_ref()
        .and_then(|i| i.from_others_within.as_ref())
    else {
        return;
    };
    if p.get_ref().can_exceed_one_month() {
        c.warning(
            "reglement.information_beyond_month",
            p.span(),
            t!(
                c.lang,
                "reglement-information-beyond-month",
                period = &p.get_ref().describe(c.lang)
            ),
        );
    }
}

/// `[gedeeld_dossier]`: parts, each with a unique id and known categories; the therapist's work
/// notes hold no category of the medical dossier, since they are no part of it.
fn check_shared_dossier(file: &ReglementFile, taxonomy: &Taxonomy, c: &mut Checker<'_>) {
    let Some(d) = &file.shared_dossier else {
        return;
    };
    if d.parts.is_empty() {
        c.error(
            "reglement.shared_dossier_no_parts",
            d.article.span(),
            t!(c.lang, "reglement-shared-dossier-no-parts"),
        );
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for part in &d.parts {
        let id = part.id.get_ref().as_str();
        if !is_id(id) {
            c.error(
                "reglement.invalid_id",
                part.id.span(),
                t!(c.lang, "reglement-invalid-id", id = id),
            );
        }
        if !seen.insert(id) {
            c.error(
                "reglement.duplicate_part",
                part.id.span(),
                t!(c.lang, "reglement-duplicate-part", id = id),
            );
        }
        let notes = *part.kind.get_ref() == crate::vocabulary::SharedPartKind::Werkaantekeningen;
        for cat in &part.categories {
            if !c.known(taxonomy, IdKind::Category, cat) {
                continue;
            }
            if notes
                && taxonomy
                    .category(cat.get_ref())
                    .is_some_and(|k| k.medical_record)
            {
                c.error(
                    "reglement.work_notes_in_dossier",
                    cat.span(),
                    t!(
                        c.lang,
                        "reglement-work-notes-in-dossier",
                        part = id,
                        category = cat.get_ref()
                    ),
                );
            }
        }
    }
}
