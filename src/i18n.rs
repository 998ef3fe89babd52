//! Translations: every user-visible string comes from `locales/<lang>/<namespace>.json`.
//!
//! Hand-rolled rather than `leptos_i18n`: that crate pulls ICU data and leptos-use into the wasm
//! bundle and roughly doubles a cold wasm build on this project's 2-core machines, while all this
//! app needs is lookup, `{name}` interpolation and a one/other plural split. Key parity between
//! the languages and every key used in `src/` are checked by tests (`tests/i18n.rs` and
//! `tests/e2e/scripts/check-i18n.mjs`).

use leptos::prelude::*;

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    EnUs,
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::EnUs, Lang::ZhTw];

    /// BCP 47 tag, as used in `<html lang>`, `?lang=` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::EnUs => "en-US",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// Accepts the tag in any case, and the bare language (`zh`, `en`).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag.to_ascii_lowercase().as_str() {
            "en-us" | "en" => Some(Lang::EnUs),
            "zh-tw" | "zh" | "zh-hant" | "zh-hant-tw" => Some(Lang::ZhTw),
            _ => None,
        }
    }

    /// The language's own name, shown in the language switch whatever the current language is.
    pub fn native_name(self) -> &'static str {
        translate(self, "lang.native_name")
    }
}

/// Every key and text of each language, sorted by key: compiled from `locales/<lang>/*.json` by
/// `build.rs` (which fails on a malformed file or a key defined twice).
mod catalogs {
    include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
}

/// All keys and texts of one language, sorted by key (for tests and lookups).
pub fn catalog(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::EnUs => catalogs::EN_US,
        Lang::ZhTw => catalogs::ZH_TW,
    }
}

/// Looks a key up; a missing key shows itself (and the parity tests fail), never a blank.
pub fn translate(lang: Lang, key: &str) -> &str {
    let texts = catalog(lang);
    match texts.binary_search_by(|(k, _)| (*k).cmp(key)) {
        Ok(found) => texts[found].1,
        Err(_) => key,
    }
}

/// Replaces `{name}` placeholders.
pub fn interpolate(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The plural form key: `<key>.one` for exactly one in languages that have it, else `<key>.other`.
pub fn plural_key(lang: Lang, key: &str, count: usize) -> String {
    match (lang, count) {
        (Lang::EnUs, 1) => format!("{key}.one"),
        _ => format!("{key}.other"),
    }
}

/// The app's current language, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of `key` in the current language (reactive when read inside a closure).
    pub fn t(&self, key: &str) -> String {
        translate(self.lang.get(), key).to_owned()
    }

    /// The text of `key` with `{name}` placeholders filled.
    pub fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        interpolate(translate(self.lang.get(), key), args)
    }

    /// A count as the current language writes it (10,000; negative counts keep their sign).
    pub fn num(&self, n: impl Into<i64>) -> String {
        let n: i64 = n.into();
        let grouped = format_number(self.lang.get(), n.unsigned_abs() as usize);
        if n < 0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    }

    /// The plural form of `key` for `count`; `{count}` is filled with the count.
    pub fn t_count(&self, key: &str, count: usize, args: &[(&str, String)]) -> String {
        let lang = self.lang.get();
        let mut all = vec![("count", format_number(lang, count))];
        all.extend(args.iter().cloned());
        interpolate(translate(lang, &plural_key(lang, key, count)), &all)
    }
}

/// Groups thousands the way both languages do (10,000).
pub fn format_number(_lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The translation context; panics only if the app forgot to provide it (a programming error).
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Compares two names the way the language sorts them (one cached `Intl.Collator` per
/// language): chips and result lists follow the reader's own order.
pub fn collate(lang: Lang, a: &str, b: &str) -> std::cmp::Ordering {
    collation::compare(lang.tag(), a, b).total_cmp(&0.0)
}

/// Builds the language's collator ahead of its first use.
pub fn prepare_collation(lang: Lang) {
    let _ = collation::compare(lang.tag(), "", "");
}

/// Positions of the first `limit` of `names` in the language's order, ties in their given
/// order. The comparing happens inside the browser's engine, in one call: sorting 10,000 names
/// a comparison at a time across the wasm boundary took most of a second. With `limit` below
/// the count only the first ones are ordered (one pass), for lists that show a few and sum up
/// the rest.
pub fn order_by_name<'a>(
    lang: Lang,
    names: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<usize> {
    let mut joined = String::new();
    let mut count = 0usize;
    for name in names {
        if count > 0 {
            joined.push(SEPARATOR);
        }
        // The separator cannot be told from a name that holds one: it sorts as a space.
        joined.extend(name.chars().map(|c| if c == SEPARATOR { ' ' } else { c }));
        count += 1;
    }
    if count == 0 {
        return Vec::new();
    }
    let limit = u32::try_from(limit.min(count)).unwrap_or(u32::MAX);
    collation::order(lang.tag(), &joined, limit)
        .into_iter()
        .map(|i| i as usize)
        .collect()
}

/// Joins the names handed to the browser in one string (U+001F, the unit separator).
const SEPARATOR: char = '\u{1f}';

mod collation {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(inline_js = r#"
const collators = new Map();
function collator(lang) {
  let c = collators.get(lang);
  if (!c) { c = new Intl.Collator(lang); collators.set(lang, c); }
  return c;
}
export function compare(lang, a, b) { return collator(lang).compare(a, b); }
export function order(lang, joined, limit) {
  const names = joined.split("\u001f");
  const cmp = collator(lang).compare;
  const n = names.length;
  if (limit >= n) {
    const all = Array.from({ length: n }, (_, i) => i);
    all.sort((a, b) => cmp(names[a], names[b]) || a - b);
    return Uint32Array.from(all);
  }
  const best = [];
  for (let i = 0; i < n; i++) {
    if (best.length === limit && cmp(names[i], names[best[limit - 1]]) >= 0) continue;
    let lo = 0, hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(names[i], names[best[mid]]) < 0) hi = mid; else lo = mid + 1;
    }
    best.splice(lo, 0, i);
    if (best.length > limit) best.pop();
  }
  return Uint32Array.from(best);
}
"#)]
    extern "C" {
        pub fn compare(lang: &str, a: &str, b: &str) -> f64;
        pub fn order(lang: &str, joined: &str, limit: u32) -> Vec<u32>;
    }
}
