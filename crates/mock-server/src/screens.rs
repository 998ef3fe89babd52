//! The catalogue of screen states worth capturing (`GET /api/testing/pages`), for visual-testing
//! tools that take a list of addresses: each state is reached from its address alone against the
//! built-in seed (a selection travels as `?users=`, a dialog as `?dialog=...&sku=...`, a forced
//! server state as `?scenario=`, a save's results as `?preview=1&assign=...&revoke=...`, sent as
//! a dry run), and names the selector that says it is complete.

use serde::Serialize;
use utoipa::ToSchema;

/// `<html data-app-ready="true">`: the screen's data is drawn, its fonts loaded, nothing busy
/// and no request in flight.
pub const READY: &str = "html[data-app-ready=\"true\"]";
/// A loading state never becomes ready (its request is held, so one is always in flight): it is
/// complete once its skeleton is drawn with the app's fonts and its breadcrumbs have every name
/// (the customer's comes from a request of its own).
const SKELETON: &str = "html[data-fonts-ready=\"true\"]:not(:has([data-testid=\"breadcrumbs\"][data-complete=\"false\"])) [data-testid=\"loading\"]";

const CONTOSO: &str = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66";
const FABRIKAM: &str = "5dade068-9716-5651-8c01-1a49aec3c866";
/// Adele Vance, Alex Wilber and Delia Dennis: one holds most products, one some, one none.
const THREE_USERS: &str = "8e1ed6df-9c83-53c9-8c9d-9563bb6fb84a,19a153d8-0359-5990-91a0-c39053b7e8ca,0e5b7915-833c-5d66-8de7-4e97673c0da4";
/// Irvin Sayers: no usage location.
const IRVIN: &str = "8c7da289-947e-56dd-8b6a-7d5273f0842c";
/// Power BI Pro: no seat left.
const POWER_BI: &str = "458a6784-a620-5033-bb2a-cc2cbc13de2c";
/// Office 365 E3, held by Adele.
const E3: &str = "62079124-8a0f-55fe-b693-5a6d0e61ed59";
/// Enterprise Mobility + Security E3: inside its cancellation window, with reclaimable holders.
const EMS: &str = "daaad7fd-674b-551c-b741-27e82eb3f89e";
/// Microsoft 365 Audio Conferencing: needs E3, two seats left.
const AUDIO: &str = "097bd362-9252-5fb2-b73c-b16a8fa9a1f4";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct Viewport {
    pub width: u32,
    pub height: u32,
}

/// One screen state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Screen {
    /// Unique, stable: a file name for its image.
    pub name: String,
    /// Path and query to open (test mode, language and theme included).
    pub path: String,
    /// `en-US` or `zh-TW`.
    pub locale: &'static str,
    /// `light`, `dark` or `hc`.
    pub theme: &'static str,
    pub viewport: Viewport,
    /// The scenario the address sets with `?scenario=` (see `/api/testing/scenarios`).
    pub scenario: Option<&'static str>,
    /// Wait for this selector before capturing.
    pub ready_selector: &'static str,
}

const DESKTOP: Viewport = Viewport {
    width: 1280,
    height: 800,
};
const PHONE: Viewport = Viewport {
    width: 375,
    height: 812,
};
const TABLET: Viewport = Viewport {
    width: 768,
    height: 1024,
};
const SMALL_LAPTOP: Viewport = Viewport {
    width: 1024,
    height: 768,
};
const WIDE: Viewport = Viewport {
    width: 1920,
    height: 1080,
};

/// A state before its language, theme and viewport are chosen.
struct State {
    name: &'static str,
    /// Path with its own query, if any.
    path: String,
    scenario: Option<&'static str>,
    ready_selector: &'static str,
}

fn state(name: &'static str, path: String) -> State {
    State {
        name,
        path,
        scenario: None,
        ready_selector: READY,
    }
}

fn scenario(name: &'static str, path: String, scenario: &'static str) -> State {
    let loading = scenario.ends_with("-loading");
    State {
        name,
        path,
        scenario: Some(scenario),
        ready_selector: if loading { SKELETON } else { READY },
    }
}

fn users() -> String {
    format!("/customers/{CONTOSO}/users")
}

fn manage(query: &str) -> String {
    format!("/customers/{CONTOSO}/users/manage-licenses?{query}")
}

/// Licenses updated for a save named by the address, sent as a dry run (nothing is saved, so
/// the screens captured alongside it see the seed unchanged).
fn results_preview(query: &str) -> String {
    format!("/customers/{CONTOSO}/users/licenses-updated?preview=1&{query}")
}

/// Every state, in both languages where its words matter.
fn states() -> Vec<(State, bool)> {
    let selected = format!("users={THREE_USERS}");
    vec![
        (state("customers", "/customers".to_owned()), true),
        (state("users", users()), true),
        (state("users-page-2", format!("{}?page=2", users())), true),
        (
            state("users-search", format!("{}?filter=adele", users())),
            true,
        ),
        (
            state("users-no-match", format!("{}?filter=zzz", users())),
            true,
        ),
        (
            state(
                "users-selected",
                format!("{}?view=selected&{selected}", users()),
            ),
            true,
        ),
        (state("manage-licenses", manage(&selected)), true),
        (
            state(
                "manage-buy-more",
                manage(&format!("{selected}&dialog=buy-more&sku={POWER_BI}")),
            ),
            true,
        ),
        (
            state(
                "manage-assigned",
                manage(&format!("{selected}&dialog=assigned&sku={E3}")),
            ),
            true,
        ),
        (
            state("products", format!("/customers/{CONTOSO}/products")),
            true,
        ),
        // Import changes before a file is chosen (its later states need a file, not an address).
        (
            state("import", format!("/customers/{CONTOSO}/users/import")),
            true,
        ),
        (
            state(
                "product-holders",
                format!("/customers/{CONTOSO}/products/{EMS}?users="),
            ),
            true,
        ),
        // Audio Conferencing and E3 for the three users and Irvin: Adele and Alex take Audio's
        // last two seats, Delia finds none left (Buy more), Irvin has no usage location.
        (
            state(
                "results",
                results_preview(&format!("users={THREE_USERS},{IRVIN}&assign={E3},{AUDIO}")),
            ),
            true,
        ),
        (scenario("users-error", users(), "users-error"), true),
        (scenario("users-loading", users(), "users-loading"), true),
        (
            scenario("manage-loading", manage(&selected), "manage-loading"),
            true,
        ),
        (scenario("empty-tenant", users(), "empty-tenant"), true),
        (
            scenario(
                "customers-error",
                "/customers".to_owned(),
                "customers-error",
            ),
            false,
        ),
        (
            scenario(
                "customers-loading",
                "/customers".to_owned(),
                "customers-loading",
            ),
            false,
        ),
        (
            scenario("manage-error", manage(&selected), "manage-error"),
            false,
        ),
        (
            state("manage-no-location", manage(&format!("users={IRVIN}"))),
            false,
        ),
        (state("manage-no-selection", manage("users=")), false),
        (
            state(
                "manage-billing-admin",
                manage(&format!("{selected}&role=BillingAdmin")),
            ),
            false,
        ),
        (
            state("users-10000", format!("/customers/{FABRIKAM}/users")),
            false,
        ),
        (state("not-found", "/no-such-page".to_owned()), false),
    ]
}

/// Names of the states shown again in each theme other than light.
const THEMED: [&str; 6] = [
    "customers",
    "users",
    "users-selected",
    "manage-licenses",
    "manage-buy-more",
    "results",
];

/// States shown again at each width other than the desktop's.
const NARROW: [(&str, Viewport); 12] = [
    ("customers", PHONE),
    ("products", PHONE),
    ("import", PHONE),
    ("users", PHONE),
    ("manage-licenses", PHONE),
    ("manage-buy-more", PHONE),
    ("results", PHONE),
    ("users", TABLET),
    ("manage-licenses", TABLET),
    ("users", SMALL_LAPTOP),
    ("users", WIDE),
    ("manage-licenses", WIDE),
];

fn screen(state: &State, locale: &'static str, theme: &'static str, viewport: Viewport) -> Screen {
    let mut name = format!("{}-{locale}", state.name);
    if theme != "light" {
        name.push_str(&format!("-{theme}"));
    }
    if viewport != DESKTOP {
        name.push_str(&format!("-{}", viewport.width));
    }
    // Everything the app remembers for the tab or the browser is set by the address, so a tool
    // that reuses one tab for every screen gets the same screens as one that opens a fresh one.
    let separator = if state.path.contains('?') { '&' } else { '?' };
    let mut path = format!(
        "{}{separator}test=1&lang={locale}&theme={theme}&scenario={}",
        state.path,
        state.scenario.unwrap_or("none")
    );
    if !state.path.contains("role=") {
        path.push_str("&role=AdminAgent");
    }
    if state.path.contains("/users") && !state.path.contains("users=") {
        path.push_str("&users=");
    }
    Screen {
        name,
        path,
        locale,
        theme,
        viewport,
        scenario: state.scenario,
        ready_selector: state.ready_selector,
    }
}

/// The whole catalogue.
pub fn catalogue() -> Vec<Screen> {
    let states = states();
    let mut screens = Vec::new();
    for (state, both_languages) in &states {
        screens.push(screen(state, "en-US", "light", DESKTOP));
        if *both_languages {
            screens.push(screen(state, "zh-TW", "light", DESKTOP));
        }
    }
    for theme in ["dark", "hc"] {
        for (state, _) in states.iter().filter(|(s, _)| THEMED.contains(&s.name)) {
            screens.push(screen(state, "en-US", theme, DESKTOP));
        }
        // The dark and high-contrast themes with CJK text too.
        let users = states.iter().find(|(s, _)| s.name == "users");
        if let Some((state, _)) = users {
            screens.push(screen(state, "zh-TW", theme, DESKTOP));
        }
    }
    for (name, viewport) in NARROW {
        if let Some((state, _)) = states.iter().find(|(s, _)| s.name == name) {
            screens.push(screen(state, "en-US", "light", viewport));
        }
    }
    if let Some((state, _)) = states.iter().find(|(s, _)| s.name == "users") {
        screens.push(screen(state, "zh-TW", "light", PHONE));
    }
    screens
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn the_catalogue_has_over_forty_uniquely_named_screens() {
        let screens = catalogue();
        assert!(screens.len() >= 40, "{}", screens.len());
        let names: HashSet<&str> = screens.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names.len(), screens.len());
    }

    #[test]
    fn the_results_are_captured_in_both_languages_each_theme_and_on_a_phone() {
        let names: HashSet<String> = catalogue().into_iter().map(|s| s.name).collect();
        for name in [
            "results-en-US",
            "results-zh-TW",
            "results-en-US-dark",
            "results-en-US-hc",
            "results-en-US-375",
        ] {
            assert!(names.contains(name), "{name}");
        }
    }

    #[test]
    fn no_address_saves() {
        // Screens are captured in parallel without resets: the results come from a dry run.
        for screen in catalogue() {
            if screen.path.contains("/licenses-updated") {
                assert!(screen.path.contains("?preview=1&"), "{}", screen.path);
                assert!(screen.path.contains("users="), "{}", screen.path);
            }
        }
    }

    #[test]
    fn every_address_carries_its_language_theme_and_scenario() {
        for screen in catalogue() {
            assert!(screen.path.contains(&format!("lang={}", screen.locale)));
            assert!(screen.path.contains(&format!("theme={}", screen.theme)));
            assert!(screen.path.contains("test=1"));
            assert!(screen.path.contains("role="));
            let scenario = screen.scenario.unwrap_or("none");
            assert!(screen.path.contains(&format!("scenario={scenario}")));
        }
    }
}
