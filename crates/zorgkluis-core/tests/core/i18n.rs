//! The message catalogue stays whole: both languages have the same messages, the files parse,
//! every id the code asks for exists (with the arguments its message needs), and every message
//! is used somewhere, so no text goes missing and no dead text piles up.
//!
//! The code is read as Rust tokens (comments and the insides of strings skipped properly), from
//! every crate's `src/`: a call `t(lang, "id")`, `t!(lang, "id", name = value)` or
//! `t_args(lang, "id", ...)` with a literal id is a use of that message; `t(lang,
//! &format!("month-{}", ...))` is a use of every message with the prefix `month-`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use zorgkluis_core::Lang;
use zorgkluis_core::i18n::{CATALOGUE, catalogue_errors, message_ids};

/// The prefixes of ids the code builds at run time (`format!("audit-action-{}", ...)`), or
/// keeps in tables of literal ids (`nav-home`). A new prefix in a `t(lang, &format!(...))` call
/// must be added here, so that its messages count as used.
const PREFIXES: &[&str] = &[
    "audit-action-",
    "month-",
    "document-",
    "invalid-",
    "conflict-",
    "nav-",
    "cli-finding-",
    "form-q-",
    "form-chapter-",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
}

/// A token and the line it starts on.
type Token = (Tok, usize);

/// Rust source as tokens: identifiers, string literals (their contents, escapes resolved only
/// as far as ids need) and single punctuation characters. Comments, char literals, lifetimes
/// and numbers are skipped.
fn lex(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' || (matches!(ch, 'b' | 'c') && at(i + 1) == '"') {
            // A string, a byte string or a C string.
            let start = line;
            i += if ch == '"' { 1 } else { 2 };
            let mut s = String::new();
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    match at(i + 1) {
                        'n' => s.push('\n'),
                        't' => s.push('\t'),
                        '\n' => {
                            // A line continuation: the newline and the next line's indent go.
                            line += 1;
                            i += 2;
                            while i < c.len() && c[i].is_whitespace() {
                                if c[i] == '\n' {
                                    line += 1;
                                }
                                i += 1;
                            }
                            continue;
                        }
                        other => s.push(other),
                    }
                    i += 2;
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    s.push(c[i]);
                    i += 1;
                }
            }
            i += 1;
            out.push((Tok::Str(s), start));
        } else if (ch == 'r' || (ch == 'b' && at(i + 1) == 'r'))
            && matches!(at(i + usize::from(ch == 'b') + 1), '"' | '#')
            && {
                // r"..." or r#"..."#, not the raw identifier r#type.
                let mut j = i + usize::from(ch == 'b') + 1;
                while at(j) == '#' {
                    j += 1;
                }
                at(j) == '"'
            }
        {
            let start = line;
            i += usize::from(ch == 'b') + 1;
            let mut hashes = 0;
            while at(i) == '#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            let mut s = String::new();
            loop {
                if i >= c.len() {
                    break;
                }
                if c[i] == '"' && (1..=hashes).all(|k| at(i + k) == '#') {
                    i += 1 + hashes;
                    break;
                }
                if c[i] == '\n' {
                    line += 1;
                }
                s.push(c[i]);
                i += 1;
            }
            out.push((Tok::Str(s), start));
        } else if ch == '\'' {
            // A char literal ('a', '"', '\n', '\u{e9}') or a lifetime ('a, 'static).
            if at(i + 1) == '\\' {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let mut s = String::new();
            if ch == 'r' && at(i + 1) == '#' {
                i += 2;
            }
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                s.push(c[i]);
                i += 1;
            }
            out.push((Tok::Ident(s), line));
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '.') {
                if c[i] == '.' && !at(i + 1).is_ascii_digit() {
                    break;
                }
                i += 1;
            }
        } else {
            out.push((Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// One call of the catalogue in the code.
#[derive(Debug)]
struct Call {
    place: String,
    /// `t`, `t!` or `t_args`.
    function: &'static str,
    id: CallId,
    /// The names of `t!`'s arguments (`name = value`).
    args: BTreeSet<String>,
}

#[derive(Debug)]
enum CallId {
    Literal(String),
    /// `&format!("prefix-{...}")`: the literal part before the first `{`.
    Prefix(String),
    /// An id in a variable: not checked here.
    Computed,
}

/// The top-level, comma-separated arguments of the call whose `(` is at `open`, as token
/// ranges, and the index after its `)`.
fn arguments(toks: &[Token], open: usize) -> (Vec<std::ops::Range<usize>>, usize) {
    let mut args = Vec::new();
    let mut depth = 0;
    let mut start = open + 1;
    let mut i = open;
    while i < toks.len() {
        match toks[i].0 {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    if start < i {
                        args.push(start..i);
                    }
                    return (args, i + 1);
                }
            }
            Tok::Punct(',') if depth == 1 => {
                args.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (args, i)
}

fn calls(file: &str, toks: &[Token]) -> Vec<Call> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let function = match (&toks[i].0, toks.get(i + 1).map(|t| &t.0)) {
            (Tok::Ident(n), Some(Tok::Punct('('))) if n == "t" => "t",
            (Tok::Ident(n), Some(Tok::Punct('('))) if n == "t_args" => "t_args",
            (Tok::Ident(n), Some(Tok::Punct('!')))
                if n == "t" && matches!(toks.get(i + 2).map(|t| &t.0), Some(Tok::Punct('('))) =>
            {
                "t!"
            }
            _ => continue,
        };
        // Not a method (`x.t(`) or the function's own definition (`fn t(`).
        match i.checked_sub(1).map(|p| &toks[p].0) {
            Some(Tok::Punct('.')) => continue,
            Some(Tok::Ident(k)) if k == "fn" => continue,
            _ => {}
        }
        let open = if function == "t!" { i + 2 } else { i + 1 };
        let (args, _) = arguments(toks, open);
        let Some(second) = args.get(1) else { continue };
        let second: Vec<&Tok> = toks[second.clone()].iter().map(|t| &t.0).collect();
        let id = match second.as_slice() {
            [Tok::Str(s)] => CallId::Literal(s.clone()),
            [
                Tok::Punct('&'),
                Tok::Ident(f),
                Tok::Punct('!'),
                Tok::Punct('('),
                Tok::Str(s),
                ..,
            ] if f == "format" => CallId::Prefix(s.split('{').next().unwrap_or("").to_owned()),
            _ => CallId::Computed,
        };
        let mut names = BTreeSet::new();
        if function == "t!" {
            for a in &args[2..] {
                if let [(Tok::Ident(name), _), (Tok::Punct('='), _), ..] = &toks[a.clone()] {
                    names.insert(name.clone());
                }
            }
        }
        out.push(Call {
            place: format!("{file}:{}", toks[i].1),
            function,
            id,
            args: names,
        });
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of every crate: `crates/*/src/**/*.rs`, as (file, tokens).
fn sources() -> Vec<(String, Vec<Token>)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&crates).expect("crates/").flatten() {
        rust_files(&entry.path().join("src"), &mut files);
    }
    files.sort();
    assert!(files.len() > 20, "the crates' sources: {files:?}");
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).expect("a source file");
            let name = f.strip_prefix(&crates).unwrap_or(f).display().to_string();
            (name, lex(&text))
        })
        .collect()
}

/// The variables each message of `lang` refers to (`{ $count }`, also in selectors).
fn variables(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    fn inline(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, out);
                }
                for a in &arguments.named {
                    inline(&a.value, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, out),
            _ => {}
        }
    }
    fn expr(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match e {
            ast::Expression::Inline(i) => inline(i, out),
            ast::Expression::Select { selector, variants } => {
                inline(selector, out);
                for v in variants {
                    pattern(&v.value, out);
                }
            }
        }
    }
    fn pattern(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &p.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expr(expression, out);
            }
        }
    }
    let mut out = BTreeMap::new();
    for (_, _, text) in CATALOGUE.iter().filter(|(l, _, _)| *l == lang) {
        let resource = match fluent_syntax::parser::parse(*text) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in &resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern(&a.value, &mut vars);
                }
                out.insert(m.id.name.to_owned(), vars);
            }
        }
    }
    out
}

#[test]
fn both_languages_have_the_same_messages_once() {
    let (nl, en) = (message_ids(Lang::Nl), message_ids(Lang::En));
    assert!(
        nl.len() > 100,
        "the catalogue is loaded: {} messages",
        nl.len()
    );
    for (lang, ids) in [("nl", &nl), ("en", &en)] {
        let mut seen = BTreeSet::new();
        let twice: Vec<&String> = ids.iter().filter(|id| !seen.insert(*id)).collect();
        assert!(
            twice.is_empty(),
            "{lang}: messages defined twice: {twice:?}"
        );
    }
    let (nl, en): (BTreeSet<&String>, BTreeSet<&String>) =
        (nl.iter().collect(), en.iter().collect());
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only in Dutch: {only_nl:?}; only in English: {only_en:?}"
    );
}

#[test]
fn the_catalogue_files_parse() {
    assert_eq!(catalogue_errors(), Vec::<String>::new());
    // Every file of both languages is in the catalogue, and none is empty.
    for lang in ["nl", "en"] {
        for file in ["core.ftl", "web.ftl", "cli.ftl"] {
            let entry = CATALOGUE
                .iter()
                .find(|(l, f, _)| l.tag() == lang && *f == file);
            assert!(
                entry.is_some_and(|(_, _, text)| text.contains(" = ")),
                "{lang}/{file}"
            );
        }
    }
}

#[test]
fn every_id_the_code_uses_exists_with_its_arguments() {
    let nl: BTreeSet<String> = message_ids(Lang::Nl).into_iter().collect();
    let en: BTreeSet<String> = message_ids(Lang::En).into_iter().collect();
    let (vars_nl, vars_en) = (variables(Lang::Nl), variables(Lang::En));
    let sources = sources();
    let all_calls: Vec<Call> = sources
        .iter()
        .flat_map(|(f, toks)| calls(f, toks))
        .collect();
    let mut problems = Vec::new();
    let mut literal = 0;
    for call in &all_calls {
        match &call.id {
            CallId::Literal(id) => {
                literal += 1;
                for (lang, ids) in [("nl", &nl), ("en", &en)] {
                    if !ids.contains(id) {
                        problems.push(format!("{}: `{id}` is not in {lang}", call.place));
                    }
                }
                if call.function == "t_args" {
                    continue;
                }
                // Every variable of the message is given (else Fluent shows `{$name}`), and
                // every argument given is one the message uses (else it is a typo).
                let mut used = BTreeSet::new();
                for (lang, vars) in [("nl", &vars_nl), ("en", &vars_en)] {
                    let Some(needed) = vars.get(id) else { continue };
                    used.extend(needed.iter().cloned());
                    let missing: Vec<_> = needed.difference(&call.args).collect();
                    if !missing.is_empty() {
                        problems.push(format!(
                            "{}: `{id}` in {lang} needs {missing:?}, given {:?}",
                            call.place, call.args
                        ));
                    }
                }
                let unused: Vec<_> = call.args.difference(&used).collect();
                if !unused.is_empty() && (nl.contains(id) || en.contains(id)) {
                    problems.push(format!(
                        "{}: `{id}` uses no argument {unused:?}",
                        call.place
                    ));
                }
            }
            CallId::Prefix(prefix) => {
                if !PREFIXES.contains(&prefix.as_str()) {
                    problems.push(format!(
                        "{}: ids built with the prefix `{prefix}`: add it to PREFIXES",
                        call.place
                    ));
                }
            }
            CallId::Computed => {}
        }
    }
    assert!(literal > 200, "the scan finds the code's calls: {literal}");

    let strings: Vec<(&String, &str, usize)> = sources
        .iter()
        .flat_map(|(f, toks)| {
            toks.iter().filter_map(move |(t, line)| match t {
                Tok::Str(s) => Some((s, f.as_str(), *line)),
                _ => None,
            })
        })
        .collect();
    for prefix in PREFIXES {
        for (lang, ids) in [("nl", &nl), ("en", &en)] {
            if !ids.iter().any(|id| id.starts_with(prefix)) {
                problems.push(format!("no message with the prefix `{prefix}` in {lang}"));
            }
        }
        if !strings.iter().any(|(s, _, _)| s.starts_with(prefix)) {
            problems.push(format!(
                "the prefix `{prefix}` is in PREFIXES but not in the code"
            ));
        }
        // A whole id with a registered prefix, kept in a table (`label: "nav-home"`), must
        // exist like one in a call.
        for (s, file, line) in &strings {
            let whole = s.starts_with(prefix)
                && s.len() > prefix.len()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if whole && !(nl.contains(*s) && en.contains(*s)) {
                problems.push(format!("{file}:{line}: `{s}` is not in both languages"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_is_used() {
    let sources = sources();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for (file, toks) in &sources {
        for call in calls(file, toks) {
            if let CallId::Literal(id) = call.id {
                used.insert(id);
            }
        }
        // An id can also reach `t` through a table or a parameter (`label: "nav-home"`,
        // `refuse(status, "wrong-login")`): any string literal that is exactly the id.
        for (t, _) in toks {
            if let Tok::Str(s) = t {
                used.insert(s.clone());
            }
        }
    }
    let unused: Vec<String> = message_ids(Lang::Nl)
        .into_iter()
        .filter(|id| !used.contains(id) && !PREFIXES.iter().any(|p| id.starts_with(p)))
        .collect();
    assert!(
        unused.is_empty(),
        "messages no code uses (remove them, or use them): {unused:?}"
    );
}

#[test]
fn the_scanner_reads_rust_as_rust() {
    let src = r####"
        // t(lang, "in-a-comment")
        /* t(lang, "in-a /* nested */ block") */
        let quote = '"'; let life: &'static str = "x";
        let s = "t(lang, \"inside-a-string\")";
        let raw = r#"t(lang, "inside-raw")"#;
        x.t(lang, "a-method");
        fn t(lang: Lang, id: &str) {}
        let a = t(lang, "plain-id");
        let b = zorgkluis_core::t!(lang, "with-args", count = n, name = &x.to_string());
        let c = t(caller.lang, &format!("audit-action-{}", a.id()));
        let d = t(lang, label);
    "####;
    let found = calls("test.rs", &lex(src));
    let shown: Vec<String> = found
        .iter()
        .map(|c| format!("{} {:?} {:?}", c.function, c.id, c.args))
        .collect();
    assert_eq!(
        shown,
        [
            "t Literal(\"plain-id\") {}",
            "t! Literal(\"with-args\") {\"count\", \"name\"}",
            "t Prefix(\"audit-action-\") {}",
            "t Computed {}",
        ],
        "{found:?}"
    );
    assert!(found[0].place.ends_with(":9"), "{}", found[0].place);
}

#[test]
fn plurals_and_selectors_render_as_written() {
    use zorgkluis_core::period::{Period, Unit};
    use zorgkluis_core::t;
    let check = |lang, n: usize| {
        t!(
            lang,
            "cli-check-valid",
            file = "r.toml",
            reglement = "BG wonen",
            warnings = n
        )
    };
    assert_eq!(
        check(Lang::Nl, 1),
        "r.toml: geldig (BG wonen, 1 waarschuwing)"
    );
    assert_eq!(
        check(Lang::Nl, 0),
        "r.toml: geldig (BG wonen, 0 waarschuwingen)"
    );
    assert_eq!(check(Lang::En, 1), "r.toml: valid (BG wonen, 1 warning)");
    assert_eq!(check(Lang::En, 3), "r.toml: valid (BG wonen, 3 warnings)");
    assert_eq!(Period::new(1, Unit::Days).describe(Lang::Nl), "1 dag");
    assert_eq!(
        Period::new(14, Unit::WorkingDays).describe(Lang::Nl),
        "14 werkdagen"
    );
    assert_eq!(Period::new(20, Unit::Years).describe(Lang::Nl), "20 jaar");
    assert_eq!(Period::new(1, Unit::Years).describe(Lang::En), "1 year");
    // A selector on a word, and a variant that adds two spaces or nothing.
    assert_eq!(
        t!(
            Lang::Nl,
            "decision-unknown-id",
            kind = "subject",
            id = "klant"
        ),
        "onbekende categorie betrokkenen `klant`"
    );
    let event = |lang, emergency| {
        t!(
            lang,
            "cli-audit-event",
            at = "1 december 2026, 09:51",
            user = "zorg-1",
            role = "zorgverlener",
            action = "read",
            category = "gezondheid",
            purpose = "zorgverlening",
            outcome = "allowed",
            emergency = emergency
        )
    };
    let plain = "1 december 2026, 09:51  zorg-1 (zorgverlener)  read gezondheid  doel: zorgverlening  allowed";
    assert_eq!(event(Lang::Nl, "no"), plain);
    assert_eq!(event(Lang::Nl, "yes"), format!("{plain}  NOODTOEGANG"));
    assert!(event(Lang::En, "yes").ends_with("purpose: zorgverlening  allowed  EMERGENCY"));
    // A message that is not there shows its id, never nothing.
    assert_eq!(
        zorgkluis_core::i18n::t(Lang::Nl, "no-such-message"),
        "no-such-message"
    );
}
