//! Page-wide preferences decided when the app opens: language, colour theme and test mode.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::i18n::{I18n, Lang};
use crate::storage;

const LANG_KEY: &str = "pc.lang";
const TEST_KEY: &str = "pc.test";
const THEME_KEY: &str = "pc.theme";
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

/// The tab's testing scenario, which every API request names (`api/`).
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

/// A colour theme of `style/themes.css`, named by `<html data-theme>` and `?theme=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::HighContrast];

    /// The `data-theme` and `?theme=` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::HighContrast => "hc",
        }
    }

    pub fn parse(value: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// The theme the reader chose (`None`: follow the system), provided as context at the root.
#[derive(Clone, Copy)]
pub struct ThemeChoice(pub RwSignal<Option<Theme>>);

pub fn use_theme() -> ThemeChoice {
    expect_context::<ThemeChoice>()
}

/// The theme chosen before: `?theme=light|dark|hc` (remembered, like `?lang=`; `?theme=system`
/// forgets the choice), else the last choice in the picker, else none.
pub fn initial_theme() -> Option<Theme> {
    match storage::initial_query_param("theme") {
        Some(value) if value == "system" => {
            storage::local_remove(THEME_KEY);
            None
        }
        Some(value) if Theme::parse(&value).is_some() => {
            storage::local_set(THEME_KEY, &value);
            Theme::parse(&value)
        }
        _ => storage::local_get(THEME_KEY).and_then(|value| Theme::parse(&value)),
    }
}

/// Remembers the picker's choice (`None`: follow the system).
pub fn remember_theme(choice: Option<Theme>) {
    match choice {
        Some(theme) => storage::local_set(THEME_KEY, theme.as_str()),
        None => storage::local_remove(THEME_KEY),
    }
}

const MORE_CONTRAST: &str = "(prefers-contrast: more)";
const DARK: &str = "(prefers-color-scheme: dark)";

fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|list| list.matches())
}

/// The system's theme: high contrast when more contrast is asked for, else its colour scheme.
fn system_theme() -> Theme {
    if media_matches(MORE_CONTRAST) {
        Theme::HighContrast
    } else if media_matches(DARK) {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// Keeps `<html data-theme>` on the chosen theme, or on the system's, following the system when
/// it changes while the app is open.
pub fn sync_document_theme(choice: ThemeChoice) {
    let system = RwSignal::new(system_theme());
    for query in [MORE_CONTRAST, DARK] {
        if let Ok(Some(list)) = window().match_media(query) {
            // Lives as long as the page, like the app.
            let on_change = Closure::<dyn Fn()>::new(move || system.set(system_theme()));
            let _ =
                list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
            on_change.forget();
        }
    }
    Effect::new(move |_| {
        let theme = choice.0.get().unwrap_or_else(|| system.get());
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.as_str());
        }
    });
}
