use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang};
use crate::prefs;

/// en-US / zh-TW. Each option is named in its own language so anyone can find theirs.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
            prefs::remember_lang(lang);
            i18n.lang.set(lang);
        }
    };
    view! {
        <label class="top-bar__field">
            <span class="visually-hidden">{move || i18n.t(key!("shell.language"))}</span>
            <select
                class="top-bar__select"
                data-testid="language-switch"
                prop:value=move || i18n.lang.get().tag()
                on:change=on_change
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.tag() lang=lang.tag()>
                                {lang.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
