//! The translation catalogues (`locales/<lang>/<area>.json`), checked and compiled into Rust when
//! the app builds (its `build.rs` calls [`compile`]).
//!
//! The app gets, per language, one array of texts indexed by key, and a `key!` macro with one
//! arm per key: `key!("users.title")` is the key's index, so a missing or misspelt key fails
//! `cargo build`, and the key names themselves never reach the wasm. A key whose last part is
//! `one` or `other` is a plural form: `key!` names the pair by its stem (`key!("users.total")`).
//!
//! Both languages must have exactly the same keys, each with the same `{placeholders}`, no empty
//! text, and both plural forms of every plural; otherwise the build fails listing every problem.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// One language's texts by key.
pub type Texts = BTreeMap<String, String>;

/// A language: its folder under `locales/` (a BCP 47 tag) and the name of its table.
#[derive(Clone, Copy, Debug)]
pub struct Language {
    pub tag: &'static str,
    pub table: &'static str,
}

/// What `key!` stands for: one text, or the two forms of a plural named by their stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Text {
        key: String,
        index: usize,
    },
    Plural {
        stem: String,
        one: usize,
        other: usize,
    },
}

/// Reads `locales/<tag>/*.json` (flat objects of strings), checks them and returns the Rust
/// source of the tables and the `key!` macro; `Err` lists every problem found.
pub fn compile(locales: &Path, languages: &[Language]) -> Result<String, Vec<String>> {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for language in languages {
        match load(&locales.join(language.tag)) {
            Ok(texts) => loaded.push((*language, texts)),
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let entries = check(&loaded)?;
    Ok(generate(&loaded, &entries))
}

/// Every text of one language folder; a malformed file, a value that is not a string or a key
/// defined twice is a problem naming the file.
pub fn load(dir: &Path) -> Result<Texts, Vec<String>> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .map_err(|e| vec![format!("{}: {e}", dir.display())])?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut texts = Texts::new();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let entries: BTreeMap<String, serde_json::Value> = match fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()))
        {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(format!("{file}: not a flat JSON object of texts: {e}"));
                continue;
            }
        };
        for (key, value) in entries {
            let serde_json::Value::String(text) = value else {
                problems.push(format!("{file}: {key} is not a string"));
                continue;
            };
            if let Some(earlier) = origin.insert(key.clone(), file.clone()) {
                problems.push(format!("{file}: {key} is already defined in {earlier}"));
            }
            texts.insert(key, text);
        }
    }
    if problems.is_empty() {
        Ok(texts)
    } else {
        Err(problems)
    }
}

/// Checks the languages against each other and returns what `key!` will accept, in key order;
/// `Err` lists every problem.
pub fn check(languages: &[(Language, Texts)]) -> Result<Vec<Entry>, Vec<String>> {
    let mut problems = Vec::new();
    let all: BTreeSet<&str> = languages
        .iter()
        .flat_map(|(_, texts)| texts.keys().map(String::as_str))
        .collect();
    for (language, texts) in languages {
        for key in &all {
            if !texts.contains_key(*key) {
                problems.push(format!("{} lacks {key}", language.tag));
            }
        }
        for (key, text) in texts {
            if !is_key(key) {
                problems.push(format!(
                    "{}: {key:?} is not a key (letters, digits, `_` and `.`)",
                    language.tag
                ));
            }
            if text.trim().is_empty() {
                problems.push(format!("{}: {key} is empty", language.tag));
            }
            if let Err(e) = placeholders(text) {
                problems.push(format!("{}: {key}: {e}", language.tag));
            }
        }
    }
    if let Some(((first, first_texts), others)) = languages.split_first() {
        for (other, other_texts) in others {
            for (key, text) in first_texts {
                let Some(other_text) = other_texts.get(key) else {
                    continue;
                };
                if let (Ok(mine), Ok(theirs)) = (placeholders(text), placeholders(other_text)) {
                    if mine != theirs {
                        problems.push(format!(
                            "{key}: {} fills {mine:?} but {} fills {theirs:?}",
                            first.tag, other.tag
                        ));
                    }
                }
            }
        }
    }
    let index: BTreeMap<&str, usize> = all.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut entries = Vec::new();
    for key in &all {
        match plural_form(key) {
            Some((stem, "one")) => {
                let other = format!("{stem}.other");
                match index.get(other.as_str()) {
                    Some(&other) => entries.push(Entry::Plural {
                        stem: stem.to_owned(),
                        one: index[key],
                        other,
                    }),
                    None => problems.push(format!("{key} has no {stem}.other")),
                }
                if all.contains(stem) {
                    problems.push(format!("{stem} is both a text and a plural's stem"));
                }
            }
            Some((stem, _)) => {
                if !index.contains_key(format!("{stem}.one").as_str()) {
                    problems.push(format!("{key} has no {stem}.one"));
                }
            }
            None => entries.push(Entry::Text {
                key: (*key).to_owned(),
                index: index[key],
            }),
        }
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(problems)
    }
}

/// `("users.total", "one")` for `users.total.one`; `None` for a key that is not a plural form.
fn plural_form(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once('.')
        .filter(|(_, form)| matches!(*form, "one" | "other"))
}

fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The `{name}`s a text fills; a brace that opens no well-formed name is an error.
pub fn placeholders(text: &str) -> Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find(['{', '}']) {
        if rest[start..].starts_with('}') {
            return Err("a `}` closes no placeholder".to_owned());
        }
        let after = &rest[start + 1..];
        let end = after
            .find('}')
            .ok_or_else(|| "a `{` is never closed".to_owned())?;
        let name = &after[..end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(format!(
                "{{{name}}} is not a placeholder (lower case and `_`)"
            ));
        }
        names.insert(name.to_owned());
        rest = &after[end + 1..];
    }
    Ok(names)
}

/// The Rust source: one array of texts per language, indexed by key, and the `key!` macro.
pub fn generate(languages: &[(Language, Texts)], entries: &[Entry]) -> String {
    let mut out = String::from("// @generated by build.rs from locales/ (crates/i18n-build).\n");
    for (language, texts) in languages {
        writeln!(
            out,
            "/// Every {} text, in key order.\nstatic {}: [&str; {}] = [",
            language.tag,
            language.table,
            texts.len()
        )
        .unwrap();
        for text in texts.values() {
            writeln!(out, "    {text:?},").unwrap();
        }
        out.push_str("];\n");
    }
    out.push_str(
        "/// A translation key of `locales/`, checked when the app compiles: `key!(\"users.title\")` \
         is a [`Key`](crate::i18n::Key), `key!(\"users.total\")` the [`Plural`](crate::i18n::Plural) \
         of `users.total.one` and `users.total.other`; any other name fails the build.\n\
         #[macro_export]\nmacro_rules! key {\n",
    );
    for entry in entries {
        match entry {
            Entry::Text { key, index } => writeln!(
                out,
                "    ({key:?}) => {{ $crate::i18n::Key({index}) }};"
            ),
            Entry::Plural { stem, one, other } => writeln!(
                out,
                "    ({stem:?}) => {{ $crate::i18n::Plural {{ one: $crate::i18n::Key({one}), other: $crate::i18n::Key({other}) }} }};"
            ),
        }
        .unwrap();
    }
    out.push_str(
        "    ($unknown:literal) => { compile_error!(concat!(\"no translation key \", $unknown, \" in locales/ (or a plural named by a form, not its stem)\")) };\n}\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Language = Language {
        tag: "en-US",
        table: "EN_US",
    };
    const ZH: Language = Language {
        tag: "zh-TW",
        table: "ZH_TW",
    };

    fn texts(pairs: &[(&str, &str)]) -> Texts {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn good() -> Vec<(Language, Texts)> {
        vec![
            (
                EN,
                texts(&[
                    ("shell.retry", "Retry"),
                    ("users.total.one", "{count} user"),
                    ("users.total.other", "{count} users"),
                ]),
            ),
            (
                ZH,
                texts(&[
                    ("shell.retry", "重試"),
                    ("users.total.one", "{count} 位使用者"),
                    ("users.total.other", "{count} 位使用者"),
                ]),
            ),
        ]
    }

    #[test]
    fn a_text_is_found_by_its_key_and_a_plural_by_its_stem() {
        let entries = check(&good()).unwrap();
        assert_eq!(
            entries,
            [
                Entry::Text {
                    key: "shell.retry".into(),
                    index: 0
                },
                Entry::Plural {
                    stem: "users.total".into(),
                    one: 1,
                    other: 2
                },
            ]
        );
        let source = generate(&good(), &entries);
        assert!(source.contains(r#"("shell.retry") => { $crate::i18n::Key(0) };"#));
        assert!(source.contains("static ZH_TW: [&str; 3] = [\n    \"重試\","));
        assert!(
            source.contains("compile_error!"),
            "an unknown key fails the build"
        );
        assert!(
            !source.contains("\"users.total.one\""),
            "a plural's forms are not keys of their own"
        );
    }

    #[test]
    fn a_key_missing_from_either_language_fails_the_check() {
        let mut languages = good();
        languages[0].1.remove("shell.retry");
        languages[0].1.insert("shell.home".into(), "Home".into());
        assert_eq!(
            check(&languages).unwrap_err(),
            ["en-US lacks shell.retry", "zh-TW lacks shell.home"]
        );
    }

    #[test]
    fn a_placeholder_renamed_in_one_language_fails_the_check() {
        let mut languages = good();
        languages[1]
            .1
            .insert("users.total.other".into(), "{total} 位使用者".into());
        let problems = check(&languages).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("users.total.other: en-US fills {\"count\"}"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_plural_needs_both_forms_and_its_stem_cannot_be_a_text() {
        let mut languages = good();
        for (_, texts) in &mut languages {
            texts.remove("users.total.other");
            texts.insert("users.total".into(), "Users".into());
        }
        let problems = check(&languages).unwrap_err();
        assert!(
            problems.contains(&"users.total.one has no users.total.other".to_owned()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"users.total is both a text and a plural's stem".to_owned()),
            "{problems:?}"
        );
    }

    #[test]
    fn an_empty_text_a_stray_brace_or_a_strange_key_fails_the_check() {
        let mut languages = good();
        languages[0].1.insert("shell.retry".into(), " ".into());
        languages[1]
            .1
            .insert("users.total.one".into(), "{count 位使用者".into());
        for (_, texts) in &mut languages {
            texts.insert("shell.bad key".into(), "x".into());
        }
        let problems = check(&languages).unwrap_err();
        assert!(problems.contains(&"en-US: shell.retry is empty".to_owned()));
        assert!(problems.contains(&"zh-TW: users.total.one: a `{` is never closed".to_owned()));
        assert!(problems
            .iter()
            .any(|p| p.contains("\"shell.bad key\" is not a key")));
    }

    #[test]
    fn placeholders_are_read_from_braces() {
        assert_eq!(
            placeholders("{a} of {b_c}, {a}").unwrap(),
            BTreeSet::from(["a".to_owned(), "b_c".to_owned()])
        );
        assert!(placeholders("no braces").unwrap().is_empty());
        assert!(placeholders("a } b").is_err());
        assert!(placeholders("{Name}").is_err());
    }

    #[test]
    fn a_key_defined_twice_or_a_value_that_is_not_text_names_its_file() {
        let dir = std::env::temp_dir().join(format!("i18n-build-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("a.json"),
            r#"{"shell.retry": "Retry", "shell.n": 3}"#,
        )
        .unwrap();
        fs::write(dir.join("b.json"), r#"{"shell.retry": "Again"}"#).unwrap();
        fs::write(dir.join("notes.txt"), "not a catalogue").unwrap();
        let problems = load(&dir).unwrap_err();
        fs::remove_dir_all(&dir).unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].ends_with("a.json: shell.n is not a string"));
        assert!(problems[1].contains("b.json: shell.retry is already defined in"));
    }

    #[test]
    fn the_apps_own_catalogues_pass() {
        let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
        let source = compile(&locales, &[EN, ZH]).unwrap_or_else(|p| panic!("{}", p.join("\n")));
        assert!(source.contains("(\"users.title\") =>"));
    }
}
