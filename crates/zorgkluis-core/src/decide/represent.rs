//! Who may file a data subject request: the subject, or who acts for the subject, decided from
//! the law and the reglement on the facts of the day.
//!
//! The law first: where the WGBO (art. 7:446-468 BW) or the Jeugdwet (§ 7.3) governs the
//! client's dossier, their ages (12 and 16) and their rules for heirs (art. 7:458a BW, art.
//! 7.3.12a Jeugdwet) hold whatever the reglement says (art. 7:468 BW: no derogation to the
//! patient's detriment); a reglement that differs is named in the reason. Where neither
//! governs (welfare work), the reglement's `[vertegenwoordiging]` age and `[nabestaanden]` rule
//! decide, over the AVG, which protects no deceased (recital 27).
//!
//! `allowed` says whether the request may be taken on the facts given; `also_needed` what must
//! still be there or be judged (the minor's consent, the care provider's judgement, the proxy's
//! authorisation). Every combination gets an answer: what no rule covers is refused with a
//! reason.

use jiff::civil::Date;
use serde::Serialize;

use super::{DecisionError, cite_list, push_article};
use crate::i18n::Lang;
use crate::reglement::file::{CareLaw, HeirException, ReglementFile};
use crate::reglement::{Reglement, cite};
use crate::t;
use crate::vocabulary::{Ground, RequestType, Requester};

/// Majority (art. 1:233 BW): parental authority and guardianship end.
const ADULT: i32 = 18;
/// From 12 a minor exercises his own rights beside his parents (art. 7:465 lid 1 BW).
const OWN_RIGHTS: i32 = 12;
/// From 16 a minor exercises his rights alone (art. 7:447 BW).
const ALONE: i32 = 16;

/// The facts of a request, as of the day `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepresentFacts {
    pub request: RequestType,
    pub requester: Requester,
    pub subject_born: Date,
    /// The day the request is judged (received or decided).
    pub on: Date,
    pub subject_deceased: Option<Date>,
    /// The legal status of an adult subject, or the ground an heir invokes.
    pub ground: Option<Ground>,
    /// A written authorisation of the subject: the proxy's, or a minor's consent to his parents.
    pub authorisation: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepresentAnswer {
    pub allowed: bool,
    /// What must still be there or be judged before the request is carried out.
    pub also_needed: Vec<String>,
    /// The answer in a sentence that cites its articles, with notes where the reglement and
    /// the law differ.
    pub reason: String,
    pub articles: Vec<String>,
}

impl RepresentAnswer {
    /// The reason, and what is also needed on a line of its own.
    pub fn explain(&self, lang: Lang) -> String {
        if self.also_needed.is_empty() {
            return self.reason.clone();
        }
        format!(
            "{}\n{}",
            self.reason,
            t!(
                lang,
                "represent-also-needed",
                needed = &self.also_needed.join("; ")
            )
        )
    }
}

/// The laws with their own rules on representation and heirs that govern a reglement's dossier.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CareLaws {
    pub wgbo: bool,
    pub jeugdwet: bool,
}

impl CareLaws {
    pub fn any(self) -> bool {
        self.wgbo || self.jeugdwet
    }

    /// Their names as a list ("WGBO en Jeugdwet").
    pub fn names(self) -> String {
        match (self.wgbo, self.jeugdwet) {
            (true, true) => "WGBO, Jeugdwet".to_owned(),
            (true, false) => "WGBO".to_owned(),
            (false, true) => "Jeugdwet".to_owned(),
            (false, false) => String::new(),
        }
    }
}

/// The care laws of a reglement: its `[vertegenwoordiging] dossierwetten`, or else those its
/// `wettelijk_kader`, `aanvullend_recht` and the `wet` of its heirs and representation name.
pub fn care_laws(file: &ReglementFile) -> CareLaws {
    if let Some(list) = file
        .representation
        .as_ref()
        .and_then(|r| r.care_laws.as_ref())
    {
        return CareLaws {
            wgbo: list.get_ref().contains(&CareLaw::Wgbo),
            jeugdwet: list.get_ref().contains(&CareLaw::Jeugdwet),
        };
    }
    let mut texts: Vec<&str> = file
        .organisation
        .legal_frame
        .iter()
        .map(String::as_str)
        .collect();
    texts.extend(
        file.organisation
            .supplementary_law
            .as_ref()
            .map(|s| s.law.as_str()),
    );
    texts.extend(file.heirs.as_ref().and_then(|h| h.law.as_deref()));
    texts.extend(file.representation.as_ref().and_then(|r| r.law.as_deref()));
    let mut laws = CareLaws::default();
    for text in texts {
        let text = text.to_lowercase();
        laws.wgbo |= text.contains("wgbo") || text.contains("7:45") || text.contains("7:46");
        laws.jeugdwet |= text.contains("jeugdwet");
    }
    laws
}

/// Age in whole years on `on`. Whoever was born on 29 February turns a year older on 1 March
/// in a year without that day (the Dutch reading; jiff would take 28 February).
pub fn age_on(born: Date, on: Date) -> i32 {
    let years = i32::from(on.year()) - i32::from(born.year());
    let leap_day = born.month() == 2 && born.day() == 29;
    let birthday = if leap_day && !on.in_leap_year() {
        Date::new(on.year(), 3, 1)
    } else {
        Date::new(on.year(), born.month(), born.day())
    };
    match birthday {
        Ok(b) if on < b => years - 1,
        _ => years,
    }
}

/// Articles per law for one rule, pushed as the reglement's laws apply.
struct Cites {
    wgbo: &'static [&'static str],
    jeugdwet: &'static [&'static str],
    /// Where neither care law governs.
    avg: &'static [&'static str],
}

const UNDER_12: Cites = Cites {
    wgbo: &["art. 7:465 lid 1 BW"],
    jeugdwet: &["art. 7.3.10 Jeugdwet"],
    avg: &["art. 1:245 lid 4 BW"],
};
const MINOR_SELF: Cites = Cites {
    wgbo: &["art. 7:465 lid 1 BW", "art. 7:450 lid 2 BW"],
    jeugdwet: &["art. 7.3.10 Jeugdwet"],
    avg: &["art. 1:245 lid 4 BW"],
};
const MINOR_PARENTS: Cites = Cites {
    wgbo: &["art. 7:450 lid 2 BW", "art. 7:453 BW"],
    jeugdwet: &["art. 7.3.10 Jeugdwet"],
    avg: &["art. 1:245 lid 4 BW"],
};
const FROM_16_SELF: Cites = Cites {
    wgbo: &["art. 7:447 BW"],
    jeugdwet: &["art. 7.3.10 Jeugdwet"],
    avg: &[],
};
const FROM_16_PARENTS: Cites = Cites {
    wgbo: &["art. 7:447 BW", "art. 7:457 lid 1 BW"],
    jeugdwet: &["art. 7.3.11 lid 1 Jeugdwet"],
    avg: &[],
};
const INCAPABLE_MINOR: Cites = Cites {
    wgbo: &["art. 7:465 lid 2 BW"],
    jeugdwet: &[],
    avg: &["art. 1:245 lid 4 BW"],
};
const INCAPABLE_ADULT: Cites = Cites {
    wgbo: &["art. 7:465 lid 2 BW", "art. 7:465 lid 3 BW"],
    jeugdwet: &[],
    avg: &["UAVG art. 5"],
};
const GUARDIAN: Cites = Cites {
    wgbo: &["art. 7:465 lid 2 BW"],
    jeugdwet: &[],
    avg: &["UAVG art. 5"],
};
const BEWIND: Cites = Cites {
    wgbo: &["art. 1:431 BW", "art. 7:465 lid 2 BW"],
    jeugdwet: &["art. 1:431 BW"],
    avg: &["art. 1:431 BW"],
};
const PROXY: Cites = Cites {
    wgbo: &["art. 7:465 lid 3 BW", "art. 7:457 lid 1 BW"],
    jeugdwet: &["art. 7.3.11 lid 1 Jeugdwet"],
    avg: &["art. 3:60 BW"],
};
const HEIRS: Cites = Cites {
    wgbo: &["art. 7:458a BW"],
    jeugdwet: &["art. 7.3.12a Jeugdwet"],
    avg: &["AVG overweging 27"],
};
/// What a statutory heir gets, and what not (lid 3 and 4 of both articles).
const HEIR_SCOPE: Cites = Cites {
    wgbo: &["art. 7:458a lid 3 en 4 BW"],
    jeugdwet: &["art. 7.3.12a lid 3 en 4 Jeugdwet"],
    avg: &[],
};

/// The answer under construction.
struct Answer<'a> {
    reglement: &'a Reglement,
    laws: CareLaws,
    lang: Lang,
    articles: Vec<String>,
    needed: Vec<String>,
    notes: Vec<String>,
}

impl Answer<'_> {
    fn cite(&mut self, cites: &Cites) {
        let mut lists: Vec<&[&str]> = Vec::new();
        if self.laws.wgbo {
            lists.push(cites.wgbo);
        }
        if self.laws.jeugdwet {
            lists.push(cites.jeugdwet);
        }
        // Where no care law has a rule of its own, the general law's applies.
        if lists.iter().all(|l| l.is_empty()) {
            lists = vec![cites.avg];
        }
        for a in lists.into_iter().flatten() {
            push_article(&mut self.articles, (*a).to_owned());
        }
    }

    fn article(&mut self, article: &str) {
        push_article(&mut self.articles, article.to_owned());
    }

    /// The reglement's `[vertegenwoordiging]` article, where it has one.
    fn cite_representation(&mut self) {
        if let Some(r) = &self.reglement.file.representation {
            push_article(
                &mut self.articles,
                cite(r.article.get_ref(), r.law.as_deref()),
            );
        }
    }

    /// The articles as the reason cites them.
    fn cited(&self) -> String {
        cite_list(&self.articles)
    }

    fn finish(self, allowed: bool, sentence: String) -> RepresentAnswer {
        let mut reason = vec![sentence];
        reason.extend(self.notes);
        RepresentAnswer {
            allowed,
            also_needed: self.needed,
            reason: reason.join(" "),
            articles: self.articles,
        }
    }
}

/// Who may file: the answer for these facts under this reglement, in `lang`.
pub fn represent(
    reglement: &Reglement,
    facts: &RepresentFacts,
    lang: Lang,
) -> Result<RepresentAnswer, DecisionError> {
    let order = |earlier: &'static str, e: Date, later: &'static str, l: Date| {
        if e > l {
            Err(DecisionError::FactsOutOfOrder {
                earlier,
                earlier_date: e,
                later,
                later_date: l,
            })
        } else {
            Ok(())
        }
    };
    order("--subject-born", facts.subject_born, "--on", facts.on)?;
    if let Some(died) = facts.subject_deceased {
        order(
            "--subject-born",
            facts.subject_born,
            "--subject-deceased",
            died,
        )?;
        order("--subject-deceased", died, "--on", facts.on)?;
    }
    let mut a = Answer {
        reglement,
        laws: care_laws(&reglement.file),
        lang,
        articles: Vec::new(),
        needed: Vec::new(),
        notes: Vec::new(),
    };
    let answer = match facts.subject_deceased {
        Some(died) => after_death(a, facts, died),
        None => {
            let age = age_on(facts.subject_born, facts.on);
            let minor = age < ADULT;
            if minor && a.laws.any() {
                law_over_reglement_age(&mut a);
            }
            match facts.requester {
                Requester::Betrokkene => by_subject(a, facts, age),
                Requester::Ouder | Requester::Voogd => by_parent(a, facts, age),
                Requester::Curator | Requester::Mentor => by_guardian(a, facts, age),
                Requester::Gemachtigde => by_proxy(a, facts, age),
                Requester::Nabestaande => {
                    a.cite(&HEIRS);
                    cite_heirs_rule(&mut a);
                    let s = t!(lang, "represent-heir-alive", articles = &a.cited());
                    a.finish(false, s)
                }
            }
        }
    };
    Ok(answer)
}

/// The age below which parents act without the minor's consent: 16 where a care law governs,
/// else the reglement's own (16 where it says none).
fn upper_age(a: &Answer<'_>) -> i32 {
    if a.laws.any() {
        return ALONE;
    }
    a.reglement
        .file
        .representation
        .as_ref()
        .map_or(ALONE, |r| i32::from(*r.age.get_ref()))
}

/// Notes a reglement age that a care law overrides.
fn law_over_reglement_age(a: &mut Answer<'_>) {
    if let Some(r) = &a.reglement.file.representation {
        let age = *r.age.get_ref();
        if i32::from(age) != ALONE {
            let note = t!(
                a.lang,
                "represent-note-law-age",
                age = u32::from(age),
                article = &cite_list(&[r.article.get_ref().clone()]),
                law = &a.laws.names()
            );
            a.notes.push(note);
        }
    }
}

/// The articles of the right itself: the AVG's, and the care law's for the dossier.
fn cite_right(a: &mut Answer<'_>, request: RequestType) {
    for article in super::information::right_articles(a.laws, request) {
        a.article(article);
    }
}

/// Where the reglement names who handles the request (AanZien 14: the teamleider of the
/// client's team, or of the employee's own team for his personnel file), the reason says so.
fn handler_note(a: &mut Answer<'_>, request: RequestType) {
    let handler = a
        .reglement
        .file
        .requests
        .iter()
        .map(|r| r.get_ref())
        .filter(|r| r.types.contains(&request))
        .find_map(|r| r.handler.clone());
    if let Some(handler) = handler {
        let note = t!(a.lang, "represent-note-handler", handler = &handler);
        a.notes.push(note);
    }
}

fn by_subject(mut a: Answer<'_>, f: &RepresentFacts, age: i32) -> RepresentAnswer {
    let lang = a.lang;
    let request = f.request.label(lang);
    if age < OWN_RIGHTS {
        a.cite(&UNDER_12);
        if !a.laws.any() {
            a.article("zorgkluis: onder 12 jaar treedt de wettelijk vertegenwoordiger op");
        }
        let s = t!(
            lang,
            "represent-self-under-12",
            age = age,
            request = request,
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    if f.ground == Some(Ground::Wilsonbekwaam) {
        if age < ADULT {
            a.cite(&INCAPABLE_MINOR);
        } else {
            a.cite(&INCAPABLE_ADULT);
        }
        let s = t!(lang, "represent-self-incapable", articles = &a.cited());
        return a.finish(false, s);
    }
    let upper = upper_age(&a);
    let s = if age < upper {
        a.cite(&MINOR_SELF);
        if !a.laws.any() {
            a.cite_representation();
        }
        cite_right(&mut a, f.request);
        t!(
            lang,
            "represent-self-minor",
            age = age,
            request = request,
            articles = &a.cited()
        )
    } else if age < ADULT {
        a.cite(&FROM_16_SELF);
        if !a.laws.any() {
            a.cite_representation();
        }
        cite_right(&mut a, f.request);
        t!(
            lang,
            "represent-self-from-16",
            age = age,
            request = request,
            articles = &a.cited()
        )
    } else {
        cite_right(&mut a, f.request);
        match f.ground {
            Some(Ground::Curatele | Ground::Mentorschap) => {
                let note = t!(lang, "represent-note-self-guardianship");
                a.notes.push(note);
            }
            Some(Ground::Beschermingsbewind) => {
                let note = t!(lang, "represent-note-self-bewind");
                a.notes.push(note);
            }
            _ => {}
        }
        if a.articles.is_empty() {
            a.article("AVG art. 12 lid 2");
        }
        t!(
            lang,
            "represent-self-adult",
            age = age,
            request = request,
            articles = &a.cited()
        )
    };
    if let Some(g) = f.ground
        && !matches!(
            g,
            Ground::Curatele | Ground::Mentorschap | Ground::Beschermingsbewind
        )
    {
        return unknown_combination(a, f);
    }
    handler_note(&mut a, f.request);
    a.finish(true, s)
}

fn by_parent(mut a: Answer<'_>, f: &RepresentFacts, age: i32) -> RepresentAnswer {
    let lang = a.lang;
    let request = f.request.label(lang);
    let requester = f.requester.label(lang);
    if age >= ADULT {
        a.article("art. 1:233 BW");
        let s = t!(
            lang,
            "represent-parent-adult",
            age = age,
            requester = requester,
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    match f.ground {
        None | Some(Ground::Wilsonbekwaam) => {}
        Some(_) => return unknown_combination(a, f),
    }
    let upper = upper_age(&a);
    if age < OWN_RIGHTS {
        a.cite(&UNDER_12);
        if !a.laws.any() {
            a.cite_representation();
        }
        let s = t!(
            lang,
            "represent-parent-under-12",
            age = age,
            requester = requester,
            request = request,
            articles = &a.cited()
        );
        handler_note(&mut a, f.request);
        return a.finish(true, s);
    }
    if f.ground == Some(Ground::Wilsonbekwaam) {
        a.cite(&INCAPABLE_MINOR);
        let needed = t!(lang, "represent-needed-incapable");
        a.needed.push(needed);
        let s = t!(
            lang,
            "represent-parent-incapable",
            age = age,
            requester = requester,
            articles = &a.cited()
        );
        handler_note(&mut a, f.request);
        return a.finish(true, s);
    }
    if age < upper {
        a.cite(&MINOR_PARENTS);
        if !a.laws.any() {
            a.cite_representation();
        }
        if a.laws.any() {
            let needed = t!(lang, "represent-needed-judgement");
            a.needed.push(needed);
        }
        let needed = t!(lang, "represent-needed-minor-rights");
        a.needed.push(needed);
        let s = t!(
            lang,
            "represent-parent-minor",
            age = age,
            requester = requester,
            request = request,
            articles = &a.cited()
        );
        handler_note(&mut a, f.request);
        return a.finish(true, s);
    }
    a.cite(&FROM_16_PARENTS);
    if !a.laws.any() {
        a.cite_representation();
        if a.articles.is_empty() {
            a.article("UAVG art. 5");
        }
    }
    if f.authorisation {
        let s = t!(
            lang,
            "represent-parent-consented",
            age = age,
            requester = requester,
            request = request,
            articles = &a.cited()
        );
        handler_note(&mut a, f.request);
        return a.finish(true, s);
    }
    let needed = t!(lang, "represent-needed-minor-consent");
    a.needed.push(needed);
    let s = t!(
        lang,
        "represent-parent-from-16",
        age = age,
        requester = requester,
        articles = &a.cited()
    );
    a.finish(false, s)
}

fn by_guardian(mut a: Answer<'_>, f: &RepresentFacts, age: i32) -> RepresentAnswer {
    let lang = a.lang;
    let request = f.request.label(lang);
    let requester = f.requester.label(lang);
    let status = match f.requester {
        Requester::Mentor => Ground::Mentorschap,
        _ => Ground::Curatele,
    };
    if age < ADULT {
        a.article("art. 1:233 BW");
        a.cite(&GUARDIAN);
        let s = t!(
            lang,
            "represent-guardian-minor",
            age = age,
            requester = requester,
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    match f.ground {
        Some(g) if g == status => {
            a.cite(&GUARDIAN);
            if a.laws.wgbo {
                let needed = t!(lang, "represent-needed-incapable");
                a.needed.push(needed);
            }
            let s = t!(
                lang,
                "represent-guardian",
                requester = requester,
                status = status.label(lang),
                request = request,
                articles = &a.cited()
            );
            handler_note(&mut a, f.request);
            a.finish(true, s)
        }
        Some(Ground::Beschermingsbewind) => {
            a.cite(&BEWIND);
            let s = t!(
                lang,
                "represent-guardian-bewind",
                request = request,
                articles = &a.cited()
            );
            a.finish(false, s)
        }
        None => {
            a.cite(&GUARDIAN);
            let s = t!(
                lang,
                "represent-guardian-no-status",
                requester = requester,
                status = status.label(lang),
                articles = &a.cited()
            );
            a.finish(false, s)
        }
        Some(other) => {
            a.cite(&GUARDIAN);
            let s = t!(
                lang,
                "represent-guardian-mismatch",
                requester = requester,
                status = status.label(lang),
                ground = other.label(lang),
                articles = &a.cited()
            );
            a.finish(false, s)
        }
    }
}

fn by_proxy(mut a: Answer<'_>, f: &RepresentFacts, age: i32) -> RepresentAnswer {
    let lang = a.lang;
    let request = f.request.label(lang);
    a.cite(&PROXY);
    if !f.authorisation {
        let needed = t!(lang, "represent-needed-authorisation");
        a.needed.push(needed);
        let s = t!(
            lang,
            "represent-proxy-missing",
            request = request,
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    let needed = if age < OWN_RIGHTS {
        t!(lang, "represent-needed-authorisation-parents")
    } else if age < upper_age(&a) {
        t!(lang, "represent-needed-authorisation-minor")
    } else {
        t!(lang, "represent-needed-authorisation-check")
    };
    a.needed.push(needed);
    let s = t!(
        lang,
        "represent-proxy",
        request = request,
        articles = &a.cited()
    );
    handler_note(&mut a, f.request);
    a.finish(true, s)
}

fn unknown_combination(mut a: Answer<'_>, f: &RepresentFacts) -> RepresentAnswer {
    let lang = a.lang;
    a.articles.clear();
    a.needed.clear();
    a.notes.clear();
    a.article("zorgkluis: geen regel voor deze combinatie");
    let ground = f.ground.map_or("-", |g| g.id());
    let s = t!(
        lang,
        "represent-unknown-combination",
        requester = f.requester.label(lang),
        ground = ground
    );
    a.finish(false, s)
}

/// Who judges an heir's request, where the reglement names one (`[nabestaanden] beoordelaar`,
/// the caregiver): his judgement of the ground is still needed.
fn heir_judge(a: &mut Answer<'_>) {
    let Some(h) = &a.reglement.file.heirs else {
        return;
    };
    let Some(role) = &h.judge else {
        return;
    };
    let label = a
        .reglement
        .taxonomy
        .roles
        .iter()
        .find(|r| r.id == *role.get_ref())
        .map_or_else(
            || role.get_ref().clone(),
            |r| match a.lang {
                Lang::Nl => r.nl.clone(),
                Lang::En => r.en.clone(),
            },
        );
    let needed = t!(a.lang, "represent-needed-heir-judge", role = &label);
    a.needed.push(needed);
    push_article(&mut a.articles, cite(h.article.get_ref(), h.law.as_deref()));
}

/// The reglement's `[nabestaanden]` article, where it has one.
fn cite_heirs_rule(a: &mut Answer<'_>) {
    if let Some(h) = &a.reglement.file.heirs {
        push_article(&mut a.articles, cite(h.article.get_ref(), h.law.as_deref()));
    }
}

fn heir_exception(g: Ground) -> Option<HeirException> {
    Some(match g {
        Ground::VastgelegdVoorOverlijden => HeirException::RecordedBeforeDeath,
        Ground::ZwaarwegendBelang => HeirException::WeightyInterest,
        Ground::MedischeFout => HeirException::MedicalError,
        Ground::PresumedConsent => HeirException::PresumedConsent,
        Ground::GezagOverledenMinderjarige => HeirException::AuthorityOverDeceasedChild,
        Ground::Curatele | Ground::Mentorschap | Ground::Beschermingsbewind => return None,
        Ground::Wilsonbekwaam => return None,
    })
}

/// The articles of the care laws that give an heir this ground; none where no law does.
fn statutory(laws: CareLaws, ground: HeirException) -> Vec<&'static str> {
    let mut out = Vec::new();
    let (wgbo, jeugdwet) = match ground {
        HeirException::RecordedBeforeDeath => (
            Some("art. 7:458a lid 1 sub a BW"),
            Some("art. 7.3.12a lid 1 sub a Jeugdwet"),
        ),
        // A nabestaande told of an incident (art. 10 lid 3 Wkkgz); the Jeugdwet has no such
        // ground.
        HeirException::MedicalError => (Some("art. 7:458a lid 1 sub b BW"), None),
        HeirException::WeightyInterest => (
            Some("art. 7:458a lid 1 sub c BW"),
            Some("art. 7.3.12a lid 1 sub b Jeugdwet"),
        ),
        HeirException::AuthorityOverDeceasedChild => (
            Some("art. 7:458a lid 2 BW"),
            Some("art. 7.3.12a lid 2 Jeugdwet"),
        ),
        HeirException::PresumedConsent => (None, None),
    };
    if laws.wgbo {
        out.extend(wgbo);
    }
    if laws.jeugdwet {
        out.extend(jeugdwet);
    }
    out
}

fn heir_needed(a: &mut Answer<'_>, ground: HeirException) {
    let lang = a.lang;
    let needed = match ground {
        HeirException::RecordedBeforeDeath => t!(lang, "represent-needed-recorded-consent"),
        HeirException::WeightyInterest => t!(lang, "represent-needed-weighty-interest"),
        HeirException::MedicalError => t!(lang, "represent-needed-incident"),
        HeirException::AuthorityOverDeceasedChild => t!(lang, "represent-needed-good-care"),
        HeirException::PresumedConsent => t!(lang, "represent-needed-presumed"),
    };
    a.needed.push(needed);
}

fn after_death(mut a: Answer<'_>, f: &RepresentFacts, died: Date) -> RepresentAnswer {
    let lang = a.lang;
    let died_text = died.to_string();
    let requester = f.requester.label(lang);
    let ground = match f.requester {
        Requester::Betrokkene => {
            a.article("AVG overweging 27");
            a.cite(&HEIRS);
            let s = t!(
                lang,
                "represent-self-deceased",
                died = &died_text,
                articles = &a.cited()
            );
            return a.finish(false, s);
        }
        Requester::Curator | Requester::Mentor | Requester::Gemachtigde => {
            if f.requester == Requester::Gemachtigde {
                a.article("art. 3:72 BW");
            }
            a.article("AVG overweging 27");
            a.cite(&HEIRS);
            let s = t!(
                lang,
                "represent-ended-by-death",
                died = &died_text,
                requester = requester,
                articles = &a.cited()
            );
            return a.finish(false, s);
        }
        // Whoever had authority over a child who died before 16 has a right of his own.
        Requester::Ouder | Requester::Voogd => {
            f.ground.unwrap_or(Ground::GezagOverledenMinderjarige)
        }
        Requester::Nabestaande => match f.ground {
            Some(g) => g,
            None => {
                a.cite(&HEIRS);
                cite_heirs_rule(&mut a);
                let grounds = heir_grounds(&a);
                let s = t!(
                    lang,
                    "represent-heir-no-ground",
                    died = &died_text,
                    grounds = &grounds,
                    articles = &a.cited()
                );
                return a.finish(false, s);
            }
        },
    };
    let Some(exception) = heir_exception(ground) else {
        return unknown_combination(a, f);
    };
    if !matches!(f.request, RequestType::Inzage | RequestType::Afschrift) {
        a.cite(&HEIRS);
        cite_heirs_rule(&mut a);
        let s = t!(
            lang,
            "represent-heir-type",
            request = f.request.label(lang),
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    let age_at_death = age_on(f.subject_born, died);
    let ground_label = ground.label(lang);
    let heirs = a.reglement.file.heirs.as_ref();
    let listed = heirs.is_some_and(|h| h.exceptions.contains(&exception));
    if a.laws.any() {
        let law = statutory(a.laws, exception);
        if exception == HeirException::AuthorityOverDeceasedChild && age_at_death >= ALONE {
            a.cite(&HEIRS);
            let s = t!(
                lang,
                "represent-heir-child-over-16",
                age = age_at_death,
                articles = &a.cited()
            );
            return a.finish(false, s);
        }
        if !law.is_empty() {
            for l in &law {
                a.article(l);
            }
            a.cite(&HEIR_SCOPE);
            heir_needed(&mut a, exception);
            let scope = t!(lang, "represent-needed-heir-scope");
            a.needed.push(scope);
            if let Some(h) = heirs
                && !h.access
                && !listed
            {
                let note = t!(
                    lang,
                    "represent-note-heir-law-over-reglement",
                    article = &cite_list(&[h.article.get_ref().clone()])
                );
                a.notes.push(note);
            }
            let s = t!(
                lang,
                "represent-heir",
                died = &died_text,
                requester = requester,
                ground = ground_label,
                articles = &a.cited()
            );
            handler_note(&mut a, f.request);
            heir_judge(&mut a);
            return a.finish(true, s);
        }
        // A ground no care law gives: only the reglement's own, where it lists it.
        if let Some(h) = heirs
            && listed
        {
            push_article(&mut a.articles, cite(h.article.get_ref(), h.law.as_deref()));
            heir_needed(&mut a, exception);
            let note = t!(
                lang,
                "represent-note-heir-reglement-only",
                law = &a.laws.names()
            );
            a.notes.push(note);
            let s = t!(
                lang,
                "represent-heir",
                died = &died_text,
                requester = requester,
                ground = ground_label,
                articles = &a.cited()
            );
            handler_note(&mut a, f.request);
            heir_judge(&mut a);
            return a.finish(true, s);
        }
        a.cite(&HEIRS);
        cite_heirs_rule(&mut a);
        let s = t!(
            lang,
            "represent-heir-refused",
            died = &died_text,
            requester = requester,
            ground = ground_label,
            articles = &a.cited()
        );
        return a.finish(false, s);
    }
    // No care law: the reglement decides; the AVG protects no deceased.
    a.article("AVG overweging 27");
    match heirs {
        Some(h) if h.access || listed => {
            push_article(&mut a.articles, cite(h.article.get_ref(), h.law.as_deref()));
            heir_needed(&mut a, exception);
            let s = t!(
                lang,
                "represent-heir",
                died = &died_text,
                requester = requester,
                ground = ground_label,
                articles = &a.cited()
            );
            handler_note(&mut a, f.request);
            heir_judge(&mut a);
            a.finish(true, s)
        }
        Some(h) => {
            push_article(&mut a.articles, cite(h.article.get_ref(), h.law.as_deref()));
            let s = t!(
                lang,
                "represent-heir-refused",
                died = &died_text,
                requester = requester,
                ground = ground_label,
                articles = &a.cited()
            );
            a.finish(false, s)
        }
        None => {
            let s = t!(
                lang,
                "represent-heir-no-rule",
                died = &died_text,
                articles = &a.cited()
            );
            a.finish(false, s)
        }
    }
}

/// The grounds an heir may invoke here: the care laws' and the reglement's own.
fn heir_grounds(a: &Answer<'_>) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for g in Ground::ALL {
        let Some(e) = heir_exception(*g) else {
            continue;
        };
        let by_law = !statutory(a.laws, e).is_empty();
        let by_reglement = a
            .reglement
            .file
            .heirs
            .as_ref()
            .is_some_and(|h| h.access || h.exceptions.contains(&e));
        if by_law || by_reglement {
            ids.push(g.id());
        }
    }
    if ids.is_empty() {
        "-".to_owned()
    } else {
        ids.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::{test_reglement, test_reglement_errors};

    const HEIRS_RULE: &str = "[nabestaanden]\ninzage = false\n\
        uitzonderingen = [\"zwaarwegend_belang\"]\nbeoordelaar = \"zorgverlener\"\n\
        artikel = \"7.2\"\n";

    fn heir(ground: Ground) -> RepresentFacts {
        RepresentFacts {
            request: RequestType::Inzage,
            requester: Requester::Nabestaande,
            subject_born: "1940-02-01".parse().unwrap(),
            on: "2026-03-02".parse().unwrap(),
            subject_deceased: Some("2026-01-10".parse().unwrap()),
            ground: Some(ground),
            authorisation: false,
        }
    }

    #[test]
    fn the_caregiver_judges_an_heirs_request() {
        let r = test_reglement(HEIRS_RULE);
        let a = represent(&r, &heir(Ground::ZwaarwegendBelang), Lang::En).unwrap();
        assert!(a.allowed);
        assert!(a.articles.contains(&"7.2".to_owned()));
        assert!(
            a.also_needed
                .iter()
                .any(|n| n.contains("the judgement of Caregiver")),
            "{:?}",
            a.also_needed
        );
        // A refused request needs no judgement.
        let refused = represent(&r, &heir(Ground::PresumedConsent), Lang::En).unwrap();
        assert!(!refused.allowed);
        assert!(refused.also_needed.is_empty());
    }

    #[test]
    fn the_judge_is_a_known_role() {
        let typo = HEIRS_RULE.replace("\"zorgverlener\"", "\"zorgverlner\"");
        assert!(test_reglement_errors(&typo).contains(&"reglement.unknown_role"));
    }
}
