//! Ready for Citus: distributing the database by organisation stays possible. Every table's
//! primary key, and every unique index, starts with (or holds) `tenant_id`; every statement the
//! store runs filters on it, but for the few installation-wide ones marked as such.

use std::path::{Path, PathBuf};

use sqlx::Row as _;
use zorgkluis_testkit::{Backend, on_both_backends};

/// The table that lists the organisations themselves: its key is the tenant id.
const TENANT_TABLE: &str = "tenants";

/// The primary-key columns of every table, in key order, and the columns of every unique index.
async fn keys(
    store: &zorgkluis_testkit::TestStore,
) -> (Vec<(String, Vec<String>)>, Vec<(String, Vec<String>)>) {
    let mut raw = store.raw().await;
    let mut primary = Vec::new();
    let mut unique = Vec::new();
    match store.backend {
        Backend::Sqlite => {
            let tables: Vec<String> = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name NOT LIKE '_sqlx_%' ORDER BY name",
            )
            .fetch_all(&mut raw)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
            for t in tables {
                let mut pk: Vec<(i64, String)> = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT pk, name FROM pragma_table_info('{t}') WHERE pk > 0"
                )))
                .fetch_all(&mut raw)
                .await
                .unwrap()
                .iter()
                .map(|r| (r.get::<i64, _>(0), r.get::<String, _>(1)))
                .collect();
                pk.sort();
                primary.push((t.clone(), pk.into_iter().map(|p| p.1).collect()));
                let indexes: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_index_list('{t}') WHERE \"unique\" = 1 AND origin = 'c'"
                )))
                .fetch_all(&mut raw)
                .await
                .unwrap()
                .iter()
                .map(|r| r.get::<String, _>(0))
                .collect();
                for i in indexes {
                    let cols: Vec<String> = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "SELECT name FROM pragma_index_info('{i}') ORDER BY seqno"
                    )))
                    .fetch_all(&mut raw)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.get::<String, _>(0))
                    .collect();
                    unique.push((format!("{t}.{i}"), cols));
                }
            }
        }
        Backend::Postgres => {
            let rows = sqlx::query(
                "SELECT c.relname::text, a.attname::text, array_position(i.indkey::int2[], a.attnum) AS pos, \
                 i.indisprimary, i.indexrelid::bigint \
                 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
                 JOIN pg_namespace n ON n.oid = c.relnamespace \
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) \
                 WHERE n.nspname = 'public' AND i.indisunique AND c.relname NOT LIKE '_sqlx_%' \
                 ORDER BY c.relname, i.indexrelid, pos",
            )
            .fetch_all(&mut raw)
            .await
            .unwrap();
            let mut current: Option<(i64, String, bool, Vec<String>)> = None;
            let mut flush = |entry: Option<(i64, String, bool, Vec<String>)>| {
                if let Some((_, t, is_primary, cols)) = entry {
                    if is_primary {
                        primary.push((t, cols));
                    } else {
                        unique.push((t, cols));
                    }
                }
            };
            for r in rows {
                // Rows come ordered by index, then by position in the index.
                let (table, column, is_primary, index): (String, String, bool, i64) =
                    (r.get(0), r.get(1), r.get(3), r.get(4));
                if current.as_ref().is_none_or(|(i, ..)| *i != index) {
                    flush(current.take());
                    current = Some((index, table, is_primary, Vec::new()));
                }
                if let Some((_, _, _, cols)) = current.as_mut() {
                    cols.push(column);
                }
            }
            flush(current.take());
            // Every table has a primary key.
            let tables: Vec<String> = sqlx::query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' \
                 AND table_name NOT LIKE '_sqlx_%'",
            )
            .fetch_all(&mut raw)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
            for t in tables {
                if !primary.iter().any(|(p, _)| *p == t) {
                    primary.push((t, Vec::new()));
                }
            }
        }
    }
    (primary, unique)
}

on_both_backends! {
    async fn every_key_starts_with_the_tenant(store) {
        let vault = store.open().await;
        let (primary, unique) = keys(&store).await;
        assert!(primary.len() >= 12, "{}: only {primary:?}", store.name());
        for (table, cols) in &primary {
            let first = cols.first().map(String::as_str);
            let expected = if table == TENANT_TABLE { "id" } else { "tenant_id" };
            assert_eq!(
                first,
                Some(expected),
                "{}: the primary key of {table} is {cols:?}",
                store.name()
            );
        }
        for (index, cols) in &unique {
            assert!(
                cols.iter().any(|c| c == "tenant_id"),
                "{}: unique index {index} on {cols:?} lacks tenant_id",
                store.name()
            );
        }
        vault.close().await;
    }
}

/// A string literal of the store's source, where it stands.
#[derive(Debug)]
struct Literal {
    file: PathBuf,
    line: usize,
    text: String,
    /// The comment lines just above it.
    preceding: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of a Rust file (plain "…" literals, with `\` line continuations and
/// escapes), skipping comments, char literals and the unit tests at the end of a file.
fn literals(file: &Path) -> Vec<Literal> {
    let source = std::fs::read_to_string(file).unwrap();
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let lines: Vec<&str> = code.lines().collect();
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line): (usize, usize) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 3;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
            i += 4;
        } else if c == '"' {
            let start = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                match chars[i] {
                    '\\' if chars.get(i + 1) == Some(&'\n') => {
                        line += 1;
                        i += 2;
                        while i < chars.len() && chars[i].is_whitespace() {
                            if chars[i] == '\n' {
                                line += 1;
                            }
                            i += 1;
                        }
                    }
                    '\\' => {
                        text.push(chars.get(i + 1).copied().unwrap_or(' '));
                        i += 2;
                    }
                    ch => {
                        if ch == '\n' {
                            line += 1;
                        }
                        text.push(ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            let from = start.saturating_sub(4);
            let preceding = lines
                .get(from..start.saturating_sub(1))
                .unwrap_or(&[])
                .iter()
                .filter(|l| l.trim_start().starts_with("//"))
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
            out.push(Literal {
                file: file.to_owned(),
                line: start,
                text,
                preceding,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The tables a statement reads or writes: the names after FROM, JOIN, INTO and UPDATE.
fn tables(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        if matches!(pair[0], "FROM" | "JOIN" | "INTO" | "UPDATE")
            && pair[1].chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            out.push(pair[1].to_owned());
        }
    }
    out
}

/// The conditions of a statement that pin a table to one organisation: `tenant_id = $n` (or
/// `?`), bound to a parameter, and `tenant_id = x.tenant_id`, a join on the same organisation.
fn tenant_conditions(sql: &str) -> (usize, usize) {
    let (mut bound, mut joined) = (0, 0);
    let mut rest = sql;
    while let Some(at) = rest.find("tenant_id") {
        let after = rest[at + "tenant_id".len()..].trim_start();
        if let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let word: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | '?' | '_' | '.'))
                .collect();
            if word == "?"
                || (word.starts_with('$')
                    && word[1..].chars().all(|c| c.is_ascii_digit())
                    && word.len() > 1)
            {
                bound += 1;
            } else if word.ends_with("tenant_id") {
                joined += 1;
            }
        }
        rest = &rest[at + "tenant_id".len()..];
    }
    (bound, joined)
}

/// The tables an INSERT names with `tenant_id` among its columns: the row carries its
/// organisation.
fn inserted_with_tenant(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sql;
    while let Some(at) = rest.find("INSERT INTO ") {
        let after = &rest[at + "INSERT INTO ".len()..];
        let table: String = after
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        let columns = after[table.len()..].trim_start();
        if let Some(list) = columns.strip_prefix('(') {
            let list = list.split(')').next().unwrap_or("");
            if list.split(',').any(|c| c.trim() == "tenant_id") {
                out.push(table);
            }
        }
        rest = after;
    }
    out
}

/// Why a statement does not pin every table it touches to one organisation, if it does not.
/// A row an INSERT writes carries `tenant_id` among its columns; every other table it reads,
/// changes or deletes from needs a condition of its own, and at least one of them bound to a
/// parameter (a join on `tenant_id` alone would still span every organisation), unless it is
/// a correlated subquery of a statement that binds it. The organisations' own table is keyed
/// by `id`.
fn unfiltered(sql: &str) -> Option<String> {
    let touched = tables(sql);
    let mut per_tenant: Vec<&String> = touched.iter().filter(|t| *t != TENANT_TABLE).collect();
    let inserted = inserted_with_tenant(sql);
    let into: Vec<String> = {
        let mut all = Vec::new();
        let mut rest = sql;
        while let Some(at) = rest.find("INSERT INTO ") {
            let after = &rest[at + "INSERT INTO ".len()..];
            all.push(
                after
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect::<String>(),
            );
            rest = after;
        }
        // A bare `INSERT INTO ` is a prefix the writer matches on, not a statement.
        all.retain(|t| !t.is_empty());
        all
    };
    if let Some(missing) = into
        .iter()
        .find(|t| *t != TENANT_TABLE && !inserted.contains(t))
    {
        return Some(format!(
            "an INSERT INTO {missing} without tenant_id among its columns"
        ));
    }
    // Each inserted row is pinned by its column; the tables read alongside need conditions.
    for table in &inserted {
        if let Some(i) = per_tenant.iter().position(|t| *t == table) {
            per_tenant.remove(i);
        }
    }
    let (bound, joined) = tenant_conditions(sql);
    // A correlated subquery (`EXISTS (..)`, `(SELECT ..)`) built into a larger statement takes
    // its organisation from the outer row it joins on.
    let correlated = sql.trim_start().starts_with("EXISTS") || sql.trim_start().starts_with('(');
    if !per_tenant.is_empty() && bound == 0 && !correlated {
        return Some(format!(
            "{per_tenant:?} without a tenant_id bound to a parameter"
        ));
    }
    if per_tenant.len() > bound + joined {
        return Some(format!(
            "{} tables ({per_tenant:?}) but {} tenant_id condition(s)",
            per_tenant.len(),
            bound + joined
        ));
    }
    if touched.iter().any(|t| t == TENANT_TABLE) && !sql.contains("id") {
        return Some("the tenants table without its id".into());
    }
    None
}

fn is_statement(text: &str) -> bool {
    ["SELECT ", "INSERT INTO ", "UPDATE ", "DELETE FROM "]
        .iter()
        .any(|k| text.contains(k))
}

#[test]
fn the_check_finds_a_statement_without_the_tenant() {
    assert!(unfiltered("SELECT id FROM persons WHERE bsn_hash = $1").is_some());
    assert!(
        unfiltered(
            "SELECT p.id FROM persons p JOIN person_keys k ON k.person_id = p.id WHERE p.tenant_id = $1"
        )
        .is_some(),
        "a join without the tenant"
    );
    assert!(unfiltered("DELETE FROM sessions WHERE token_hash = $1").is_some());
    assert!(unfiltered("SELECT 1 FROM users WHERE tenant_id = $1 AND id = $2").is_none());
    assert!(unfiltered("UPDATE tenants SET name = name WHERE id = $1").is_none());
    assert!(
        unfiltered("SELECT 1 FROM users WHERE tenant_id IS NOT NULL AND id = $1").is_some(),
        "a mention of tenant_id that pins nothing"
    );
    assert!(
        unfiltered(
            "SELECT p.id FROM persons p JOIN person_keys k ON k.tenant_id = p.tenant_id AND k.person_id = p.id"
        )
        .is_some(),
        "a join on the tenant with no organisation bound"
    );
    assert!(
        unfiltered(
            "SELECT p.id FROM persons p JOIN person_keys k ON k.tenant_id = p.tenant_id \
             AND k.person_id = p.id WHERE p.tenant_id = $1"
        )
        .is_none()
    );
    assert!(
        unfiltered("EXISTS (SELECT 1 FROM care_relationships c WHERE c.user_id = $2)").is_some(),
        "a correlated subquery that does not join on the tenant"
    );
    assert!(
        unfiltered("INSERT INTO sessions (token_hash, user_id) VALUES ($1, $2)").is_some(),
        "an insert whose row carries no organisation"
    );
    assert!(
        unfiltered(
            "INSERT INTO sessions (tenant_id, token_hash) VALUES ($1, $2) \
             ON CONFLICT (tenant_id, token_hash) DO NOTHING"
        )
        .is_none()
    );
}

#[test]
fn every_statement_of_the_store_filters_on_the_tenant() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in &files {
        for lit in literals(file) {
            if !is_statement(&lit.text) || lit.text.trim() == "SELECT 1" {
                continue;
            }
            if lit.preceding.contains("installation-wide") {
                continue;
            }
            checked += 1;
            if let Some(why) = unfiltered(&lit.text) {
                wrong.push(format!(
                    "{}:{}: {why}: {}",
                    lit.file.strip_prefix(&src).unwrap_or(&lit.file).display(),
                    lit.line,
                    lit.text
                ));
            }
        }
    }
    assert!(
        checked >= 40,
        "only {checked} statements found: is the scanner broken?"
    );
    assert!(
        wrong.is_empty(),
        "statements without the tenant:\n{}",
        wrong.join("\n")
    );
}
