use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::prefs::{self, use_theme, Theme};

/// Light, dark, high contrast, or the system's (prefers-contrast, prefers-color-scheme).
#[component]
pub fn ThemePicker() -> impl IntoView {
    let i18n = use_i18n();
    let choice = use_theme();
    let on_change = move |ev: leptos::ev::Event| {
        let picked = Theme::parse(&event_target_value(&ev));
        prefs::remember_theme(picked);
        choice.0.set(picked);
    };
    let name = |theme: Option<Theme>| match theme {
        None => key!("shell.theme.system"),
        Some(Theme::Light) => key!("shell.theme.light"),
        Some(Theme::Dark) => key!("shell.theme.dark"),
        Some(Theme::HighContrast) => key!("shell.theme.hc"),
    };
    view! {
        <label class="top-bar__field">
            <span class="visually-hidden">{move || i18n.t(key!("shell.theme"))}</span>
            <select
                class="top-bar__select"
                data-testid="theme-picker"
                prop:value=move || choice.0.get().map_or("system", Theme::as_str)
                on:change=on_change
            >
                {[None, Some(Theme::Light), Some(Theme::Dark), Some(Theme::HighContrast)]
                    .into_iter()
                    .map(|theme| {
                        let key = name(theme);
                        view! {
                            <option value=theme
                                .map_or("system", Theme::as_str)>{move || i18n.t(key)}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
