//! Versions of the reglement (issue 17 part 4): the announcement rule (Alpo zorg 17.2's four
//! weeks) refuses an effective date inside the period, with the article, in Dutch and English;
//! `aankondigingsartikel` without a period is named at its line and column; and `diff` names,
//! under its article, a changed retention term, an added role grant and a removed disclosure
//! rule, and the simulator answers that change.

use jiff::civil::date;
use zorgkluis_core::reglement::diff::{ChangeKind, diff};
use zorgkluis_core::reglement::versions::{Dated, announcement_rule, check_effective, in_force_on};
use zorgkluis_core::{Diagnostic, Lang, Reglement};

const BASE: &str = r#"formaat = 1

[organisatie]
naam = "Zorg Voorbeeld"
verantwoordelijke = "Directie"

[versie]
nummer = "1"
vastgesteld = 2026-01-01
in_werking = 2026-01-01
aankondigingstermijn = "4 weken"
aankondigingsartikel = "9.2"

[[verwerkingen]]
id = "zorg"
naam = "Zorgverlening"
artikel = "2"
doel = "Goede zorg"
grondslag = ["overeenkomst"]
uitzondering_art9 = ["gezondheidszorg"]
betrokkenen = ["client"]
categorieen = ["naw", "gezondheid"]

[[verwerkingen.gebruikers]]
rol = "zorgverlener"
acties = ["read", "write"]
zorgrelatie = true
artikel = "2.3"

[[beheer]]
rol = "directie"
taken = ["handle_requests"]
artikel = "4.7"

[[bewaartermijnen]]
categorieen = ["naw", "gezondheid"]
termijn = "20 jaar"
vanaf = "laatste_wijziging"
artikel = "3.1"

[[verzoeken]]
types = ["inzage"]
reageren = "4 weken"
artikel = "4.1"

[[verstrekkingen]]
ontvangers = ["huisarts"]
categorieen = ["gezondheid"]
toestemming = "geen"
artikel = "6.1"
"#;

fn load(text: &str) -> Reglement {
    match Reglement::load("test.toml", text, Lang::Nl) {
        Ok(r) => r,
        Err(d) => panic!(
            "{}",
            d.iter()
                .map(|d| d.render(text, Lang::En))
                .collect::<String>()
        ),
    }
}

fn seed(name: &str) -> Reglement {
    let path = format!("{}/../../reglementen/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("seed");
    Reglement::load(&path, &text, Lang::Nl).expect("valid seed")
}

#[test]
fn alpo_zorg_states_four_weeks_under_17_2() {
    let r = seed("alpo-zorg.toml");
    let rule = announcement_rule(&r).expect("Alpo zorg states an announcement period");
    assert_eq!(rule.period, "4 weken");
    assert_eq!(rule.article, "Alpo zorg art. 17.2");
    // BG wonen states none.
    assert!(announcement_rule(&seed("bg-wonen.toml")).is_none());
}

#[test]
fn an_effective_date_inside_the_announcement_period_is_refused_with_the_article() {
    let alpo = seed("alpo-zorg.toml");
    let new = seed("alpo-zorg.toml");
    let announced = date(2026, 11, 2);
    let refused = check_effective(Some(&alpo), &new, announced, date(2026, 11, 29), Lang::Nl)
        .expect_err("27 days after the announcement is inside four weeks");
    assert_eq!(refused.field, "effective");
    assert_eq!(refused.earliest, Some(date(2026, 11, 30)));
    assert_eq!(refused.articles, ["Alpo zorg art. 17.2"]);
    assert!(
        refused.message.contains("aankondigingstermijn van 4 weken"),
        "{}",
        refused.message
    );
    assert!(
        refused.message.contains("30 november 2026"),
        "{}",
        refused.message
    );
    let english = check_effective(Some(&alpo), &new, announced, date(2026, 11, 29), Lang::En)
        .expect_err("the same in English");
    assert!(
        english.message.contains("announcement period of 4 weeks"),
        "{}",
        english.message
    );
    assert!(english.message.contains("17.2"), "{}", english.message);
    // Four weeks to the day is allowed.
    let allowed = check_effective(Some(&alpo), &new, announced, date(2026, 11, 30), Lang::Nl)
        .expect("four weeks after the announcement");
    assert_eq!(allowed.earliest, date(2026, 11, 30));
}

#[test]
fn the_version_in_force_binds_a_new_one_that_states_no_period() {
    // BG wonen states no period: any date on or after the announcement passes ...
    let bg = seed("bg-wonen.toml");
    let announced = date(2026, 11, 2);
    assert!(check_effective(Some(&bg), &bg, announced, announced, Lang::Nl).is_ok());
    // ... but a new version replacing Alpo zorg's is bound by the four weeks of the version in
    // force, even if it drops them itself.
    let alpo = seed("alpo-zorg.toml");
    assert!(check_effective(Some(&alpo), &bg, announced, date(2026, 11, 10), Lang::Nl).is_err());
    // Before the announcement is refused whatever the reglement says.
    let before = check_effective(Some(&bg), &bg, announced, date(2026, 11, 1), Lang::Nl)
        .expect_err("before the announcement");
    assert_eq!(before.earliest, None);
    assert!(
        before.message.contains("voor de bekendmaking"),
        "{}",
        before.message
    );
}

#[test]
fn an_announcement_article_without_a_period_is_named_at_its_position() {
    let text = BASE.replace("aankondigingstermijn = \"4 weken\"\n", "");
    let errors: Vec<Diagnostic> = match Reglement::load("test.toml", &text, Lang::En) {
        Ok(_) => panic!("expected an error"),
        Err(d) => d.into_iter().filter(Diagnostic::is_error).collect(),
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].code,
        "reglement.announcement_article_without_period"
    );
    let line = text[..text.find("\"9.2\"").unwrap()].matches('\n').count() + 1;
    assert_eq!(errors[0].line, line);
    // A bad period is named at its position too.
    let text = BASE.replace("\"4 weken\"", "\"vier weken\"");
    let d = match Reglement::load("test.toml", &text, Lang::En) {
        Ok(_) => panic!("expected an error"),
        Err(d) => d,
    };
    let line = text[..text.find("\"vier weken\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!((d[0].code, d[0].line), ("reglement.syntax", line), "{d:?}");
}

struct V(jiff::civil::Date, i64);

impl Dated for V {
    fn effective(&self) -> jiff::civil::Date {
        self.0
    }
    fn adopted_order(&self) -> i64 {
        self.1
    }
}

#[test]
fn the_version_in_force_on_a_day() {
    let versions = [
        V(date(2020, 1, 1), 0),
        V(date(2027, 1, 1), 1),
        V(date(2027, 1, 1), 2),
    ];
    assert!(in_force_on(&versions, date(2019, 12, 31)).is_none());
    assert_eq!(
        in_force_on(&versions, date(2026, 12, 31)).map(|v| v.1),
        Some(0)
    );
    // On the effective day the later adoption of the two governs.
    assert_eq!(
        in_force_on(&versions, date(2027, 1, 1)).map(|v| v.1),
        Some(2)
    );
}

#[test]
fn diff_names_each_change_under_its_article() {
    let old = load(BASE);
    let new_text = BASE
        .replace("nummer = \"1\"", "nummer = \"2\"")
        .replace("termijn = \"20 jaar\"", "termijn = \"25 jaar\"")
        .replace(
            "[[bewaartermijnen]]",
            "[[verwerkingen.gebruikers]]\nrol = \"administratie\"\nacties = [\"read\"]\ncategorieen = [\"naw\"]\nartikel = \"2.4\"\n\n[[bewaartermijnen]]",
        )
        .replace(
            "[[verstrekkingen]]\nontvangers = [\"huisarts\"]\ncategorieen = [\"gezondheid\"]\ntoestemming = \"geen\"\nartikel = \"6.1\"\n",
            "",
        );
    let new = load(&new_text);
    let d = diff(&old, &new, Lang::Nl);
    assert_eq!((d.old_version.as_str(), d.new_version.as_str()), ("1", "2"));
    let find = |article: &str, topic: &str| {
        d.changes
            .iter()
            .filter(|c| c.article == article && c.topic == topic)
            .collect::<Vec<_>>()
    };
    let retention = find("3.1", "bewaartermijn");
    assert_eq!(retention.len(), 2, "naw and gezondheid: {:?}", d.changes);
    assert!(retention.iter().all(|c| c.kind == ChangeKind::Changed));
    assert!(
        retention[0].text.contains("20 jaar"),
        "{}",
        retention[0].text
    );
    assert!(
        retention[0].text.contains("25 jaar"),
        "{}",
        retention[0].text
    );
    let grant = find("2.4", "gebruik");
    assert_eq!(grant.len(), 1, "{:?}", d.changes);
    assert_eq!(grant[0].kind, ChangeKind::Added);
    assert_eq!(grant[0].rule, "administratie @ zorg");
    let removed = find("6.1", "verstrekking");
    assert_eq!(removed.len(), 1, "{:?}", d.changes);
    assert_eq!(removed[0].kind, ChangeKind::Removed);
    assert_eq!(removed[0].rule, "huisarts @ gezondheid");
    // Nothing else changed.
    assert_eq!(d.changes.len(), 4, "{:?}", d.changes);
    // The answers: gezondheid to the GP now needs consent; the retention of both categories.
    let disclose: Vec<_> = d.answers.iter().filter(|a| a.kind == "disclose").collect();
    assert_eq!(disclose.len(), 1, "{:?}", d.answers);
    assert_eq!(disclose[0].old, "toegestaan zonder toestemming");
    assert!(
        d.answers
            .iter()
            .any(|a| a.kind == "retention" && a.new.contains("25 jaar"))
    );
    // In words, grouped by article in document order, in Dutch and in English.
    let text = d.render(Lang::Nl);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {text}"))
    };
    assert!(at("Artikel 2.4") < at("Artikel 3.1") && at("Artikel 3.1") < at("Artikel 6.1"));
    assert!(text.contains("vervallen"), "{text}");
    let english = diff(&old, &new, Lang::En).render(Lang::En);
    assert!(
        english.contains("Article 6.1") && english.contains("removed"),
        "{english}"
    );
}

#[test]
fn diff_of_a_version_with_itself_is_empty() {
    let r = seed("bg-wonen.toml");
    let d = diff(&r, &r, Lang::Nl);
    assert!(d.is_empty(), "{:?}", d.changes);
    assert!(d.render(Lang::Nl).contains("Geen wijzigingen"));
}
