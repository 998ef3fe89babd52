use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::components::user_chip::UserChip;
use crate::i18n::{order_by_name, use_i18n};
use crate::model::selection::Selection;

/// Chips drawn before the rest are summed up: thousands of chips help nobody.
const CHIPS_SHOWN: usize = 60;

/// The selected users as chips in the reader's order, from the selection itself (it keeps each
/// user's name), so they show before the users' details are in; a chip's × drops its user.
#[component]
pub fn UserChips(
    selection: RwSignal<Selection>,
    /// Ids the server did not find: left out.
    unknown: BTreeSet<String>,
    /// Whether users can be dropped yet (not while their details load).
    #[prop(into)]
    ready: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let users: Vec<(String, String)> = selection.with(|s| {
            s.entries()
                .filter(|(id, _)| !unknown.contains(*id))
                .map(|(id, u)| (id.to_owned(), u.name.clone()))
                .collect()
        });
        let hidden = users.len().saturating_sub(CHIPS_SHOWN);
        let shown = order_by_name(
            i18n.lang.get(),
            users.iter().map(|(_, name)| name.as_str()),
            CHIPS_SHOWN,
        );
        view! {
            <ul
                class="user-chips"
                data-testid="user-chips"
                aria-label=move || i18n.t(key!("manage.selected_users_label"))
            >
                {shown
                    .into_iter()
                    .map(|i| {
                        let (id, name) = users[i].clone();
                        view! {
                            <UserChip
                                name=name
                                disabled=Signal::derive(move || !ready.get())
                                on_remove=Callback::new(move |_| {
                                    selection.update(|s| s.remove_all([id.as_str()]))
                                })
                            />
                        }
                    })
                    .collect_view()}
                {(hidden > 0)
                    .then(|| {
                        view! {
                            <li class="user-chips__more" data-testid="user-chips-more">
                                {move || i18n.t_count(key!("manage.more_users"), hidden, &[])}
                            </li>
                        }
                    })}
            </ul>
        }
    }
}
