//! Page-wide preferences decided when the app opens: language and test mode.

use leptos::prelude::*;

use crate::i18n::{I18n, Lang};
use crate::storage;

const LANG_KEY: &str = "pc.lang";
const TEST_KEY: &str = "pc.test";
const SCENARIO_KEY: &str = "pc.scenario";

/// The language to open in: `?lang=` (for tests and shared links), else the last choice, else en-US.
pub fn initial_lang() -> Lang {
    storage::initial_query_param("lang")
        .and_then(|tag| Lang::from_tag(&tag))
        .inspect(|lang| storage::local_set(LANG_KEY, lang.tag()))
        .or_else(|| storage::local_get(LANG_KEY).and_then(|tag| Lang::from_tag(&tag)))
        .unwrap_or(Lang::EnUs)
}

/// Remembers a language chosen in the switch.
pub fn remember_lang(lang: Lang) {
    storage::local_set(LANG_KEY, lang.tag());
}

/// `?test=1` turns off animation, transitions and the caret for the whole tab session, so
/// screenshots are pixel-stable even after client-side navigation drops the query.
pub fn init_test_mode() -> bool {
    match storage::initial_query_param("test").as_deref() {
        Some("1") | Some("true") => storage::session_set(TEST_KEY, "1"),
        Some("0") | Some("false") => storage::session_remove(TEST_KEY),
        _ => {}
    }
    let on = storage::session_get(TEST_KEY).is_some();
    if let Some(root) = document().document_element() {
        if on {
            let _ = root.set_attribute("data-test-mode", "1");
        } else {
            let _ = root.remove_attribute("data-test-mode");
        }
    }
    on
}

/// `?scenario=<name>` (one of the mock server's `/api/testing/scenarios`) for the whole tab
/// session, like `?test=1`; `?scenario=` or `?scenario=none` ends it.
pub fn init_scenario() {
    match storage::initial_query_param("scenario")
        .as_deref()
        .map(str::trim)
    {
        Some("") | Some("none") => storage::session_remove(SCENARIO_KEY),
        Some(name) => storage::session_set(SCENARIO_KEY, name),
        None => {}
    }
}

/// The tab's testing scenario, which every API request names (`api.rs`).
pub fn scenario() -> Option<String> {
    storage::session_get(SCENARIO_KEY)
}

/// Keeps `<html lang>` and the window title in step with the language, so screen readers
/// pronounce text right and the browser picks the CJK font for zh-TW.
pub fn sync_document_lang(i18n: I18n) {
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document().set_title(&i18n.t(key!("shell.product_name")));
    });
}
