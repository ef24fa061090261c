//! The user's language and the product's one message catalogue.
//!
//! Dutch is the default and English the second language. Every text a user reads, from the
//! core's explanations to the web pages and the command line, comes from the Fluent catalogue
//! in `locales/{nl,en}/*.ftl`, compiled into the binary: `t(lang, "id")`, or `t!(lang, "id",
//! name = value)` with arguments. A test (`tests/core/i18n.rs`) checks that both languages have
//! the same messages, that every id the code uses exists with the arguments it needs, and that
//! every message is used.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The BCP 47 tag (`nl`, `en`), as HTML's `lang` attribute takes it.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

/// The catalogue's files per language, in the order they are added to the bundle.
pub const CATALOGUE: &[(Lang, &str, &str)] = &[
    (Lang::Nl, "core.ftl", include_str!("../locales/nl/core.ftl")),
    (Lang::Nl, "web.ftl", include_str!("../locales/nl/web.ftl")),
    (Lang::Nl, "cli.ftl", include_str!("../locales/nl/cli.ftl")),
    (Lang::En, "core.ftl", include_str!("../locales/en/core.ftl")),
    (Lang::En, "web.ftl", include_str!("../locales/en/web.ftl")),
    (Lang::En, "cli.ftl", include_str!("../locales/en/cli.ftl")),
];

struct Catalogue {
    nl: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = match lang {
        Lang::Nl => unic_langid::langid!("nl"),
        Lang::En => unic_langid::langid!("en"),
    };
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Plain text for terminals and HTML: no Unicode isolation marks around arguments.
    bundle.set_use_isolating(false);
    for (l, _, text) in CATALOGUE.iter().filter(|(l, _, _)| *l == lang) {
        debug_assert_eq!(*l, lang);
        // A file that does not parse keeps the messages it has; the catalogue test fails on
        // any error, so a broken file never ships.
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
    }
    bundle
}

static CATALOGUE_BUNDLES: LazyLock<Catalogue> = LazyLock::new(|| Catalogue {
    nl: bundle(Lang::Nl),
    en: bundle(Lang::En),
});

fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    let bundle = match lang {
        Lang::Nl => &CATALOGUE_BUNDLES.nl,
        Lang::En => &CATALOGUE_BUNDLES.en,
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        // A missing message shows its id rather than nothing: visible, and caught by the test.
        return id.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args, &mut errors)
        .into_owned()
}

/// The message `id` in `lang`.
pub fn t(lang: Lang, id: &str) -> String {
    format(lang, id, None)
}

/// The message `id` in `lang` with its arguments (see the `t!` macro).
pub fn t_args(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        let v: FluentValue<'_> = match value {
            Arg::Str(s) => FluentValue::from(*s),
            Arg::Num(n) => FluentValue::from(*n),
        };
        fluent.set(*name, v);
    }
    format(lang, id, Some(&fluent))
}

/// An argument of a message: text, or a number (which selects plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Num(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Arg<'a> {
        Arg::Str(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Arg<'a> {
        Arg::Str(s)
    }
}

macro_rules! numeric_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
numeric_arg!(i64, u64, i32, u32, usize, f64);

/// `t!(lang, "id")` or `t!(lang, "id", name = value, ...)`: a message of the catalogue.
#[macro_export]
macro_rules! t {
    ($lang:expr, $id:expr) => {
        $crate::i18n::t($lang, $id)
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::t_args(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// The ids of the messages of one language, to compare the languages and the code's use.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    for (_, _, text) in CATALOGUE.iter().filter(|(l, _, _)| *l == lang) {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(m) = entry {
                ids.push(m.id.name.to_owned());
            }
        }
    }
    ids
}

/// Syntax errors in the catalogue files: file name and message.
pub fn catalogue_errors() -> Vec<String> {
    CATALOGUE
        .iter()
        .filter_map(
            |(lang, file, text)| match FluentResource::try_new((*text).to_owned()) {
                Ok(_) => None,
                Err((_, errors)) => Some(format!("{}/{file}: {errors:?}", lang.tag())),
            },
        )
        .collect()
}
