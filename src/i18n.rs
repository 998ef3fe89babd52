//! Translations: every user-visible string comes from `locales/<lang>/<area>.json`.
//!
//! Hand-rolled rather than `leptos_i18n`: that crate pulls ICU data and leptos-use into the wasm
//! bundle and roughly doubles a cold wasm build on this project's 2-core machines, while all this
//! app needs is lookup, `{name}` interpolation and a one/other plural split. A text is named by
//! [`key!`](crate::key), checked when the app compiles (`build.rs`): a missing or misspelt key,
//! or a key or placeholder the two languages disagree on, fails the build.

use leptos::prelude::*;
use licensing::contract::Role;

// The texts of each language in key order, and the `key!` macro: compiled from `locales/` by
// `build.rs`, which checks both languages have the same keys and placeholders.
include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

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
        translate(self, key!("lang.native_name"))
    }
}

/// One text of the catalogues, made by `key!("area.name")` (the field is its index, which only
/// the macro writes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(#[doc(hidden)] pub u16);

/// The two forms of a plural (`<stem>.one`, `<stem>.other`), made by `key!("<stem>")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    #[doc(hidden)]
    pub one: Key,
    #[doc(hidden)]
    pub other: Key,
}

impl Plural {
    /// The form for `count`: English says "1 user", Chinese has one form for every count.
    pub fn form(self, lang: Lang, count: usize) -> Key {
        match (lang, count) {
            (Lang::EnUs, 1) => self.one,
            _ => self.other,
        }
    }
}

/// The text of `key` in `lang`.
pub fn translate(lang: Lang, key: Key) -> &'static str {
    let texts: &[&str] = match lang {
        Lang::EnUs => &EN_US,
        Lang::ZhTw => &ZH_TW,
    };
    texts[usize::from(key.0)]
}

/// The name of a Partner Center role.
pub fn role_key(role: Role) -> Key {
    match role {
        Role::AdminAgent => key!("role.AdminAgent"),
        Role::GlobalAdmin => key!("role.GlobalAdmin"),
        Role::HelpdeskAgent => key!("role.HelpdeskAgent"),
        Role::SalesAgent => key!("role.SalesAgent"),
        Role::UserManagementAdmin => key!("role.UserManagementAdmin"),
        Role::BillingAdmin => key!("role.BillingAdmin"),
        Role::AccountAdmin => key!("role.AccountAdmin"),
        Role::MpnPartnerAdmin => key!("role.MpnPartnerAdmin"),
        Role::ReferralsAdmin => key!("role.ReferralsAdmin"),
        Role::IncentivesAdmin => key!("role.IncentivesAdmin"),
        Role::BusinessProfileAdmin => key!("role.BusinessProfileAdmin"),
    }
}

/// A customer's relationship to the partner, as the server spells it (`"reseller"`); one the
/// app does not know reads "Other", never the server's word.
pub fn relationship_key(relationship: &str) -> Key {
    match relationship {
        "reseller" => key!("customers.relationship.reseller"),
        "advisor" => key!("customers.relationship.advisor"),
        "none" => key!("customers.relationship.none"),
        _ => key!("customers.relationship.unknown"),
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

/// The app's current language, provided as context at the root.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of `key` in the current language (reactive when read inside a closure).
    pub fn t(&self, key: Key) -> String {
        translate(self.lang.get(), key).to_owned()
    }

    /// The text of `key` with `{name}` placeholders filled.
    pub fn t_with(&self, key: Key, args: &[(&str, String)]) -> String {
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
    pub fn t_count(&self, key: Plural, count: usize, args: &[(&str, String)]) -> String {
        let lang = self.lang.get();
        let mut all = vec![("count", format_number(lang, count))];
        all.extend(args.iter().cloned());
        interpolate(translate(lang, key.form(lang, count)), &all)
    }

    /// Names joined as the language lists them ("A, B" / "A、B").
    pub fn list(&self, names: impl IntoIterator<Item = String>) -> String {
        names
            .into_iter()
            .collect::<Vec<_>>()
            .join(translate(self.lang.get(), key!("shell.list_separator")))
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

/// A moment (RFC 3339) as a date the language writes ("Nov 26, 2026", "2026年11月26日"), in the
/// browser's time zone, through the platform's `Intl.DateTimeFormat` (one kept per language).
pub fn format_date(lang: Lang, timestamp: &str) -> String {
    use wasm_bindgen::JsValue;
    thread_local! {
        static FORMATS: std::cell::RefCell<Vec<(Lang, js_sys::Function)>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    let format = FORMATS.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(kept, _)| *kept == lang) {
            return format.clone();
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.tag()));
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options).format();
        formats.push((lang, format.clone()));
        format
    });
    let date = js_sys::Date::new(&JsValue::from_str(timestamp));
    format
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| timestamp.to_owned())
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
