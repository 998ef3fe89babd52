use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::rules::TriState;

use super::{selected_user, UsersPageData};
use crate::components::empty_table_row::EmptyTableRow;
use crate::components::error_panel::ErrorPanel;
use crate::components::sort_header::{SortHeader, SortState};
use crate::i18n::{format_date, format_number, use_i18n, Key};
use crate::model::list_query::{Sort, SortField};
use crate::model::progress::Progress;
use crate::model::selection::{SelectedUser, Selection};

/// The table's columns: the box, name, username, location, licenses, sign-in, last sign-in.
pub const COLUMNS: usize = 7;

/// Product names shown in a row before the rest is summed up as "+N more".
const LICENSES_SHOWN: usize = 2;

/// The users of one page with their boxes; the header box reflects and sets the whole page.
#[component]
pub fn UsersTable(
    data: UsersPageData,
    selection: RwSignal<Selection>,
    catalogue: Memo<Catalogue>,
    select_all: RwSignal<Progress>,
    on_select_all: Callback<usize>,
    in_selected_view: Signal<bool>,
    /// Whether filters narrow the list ("Select all N matching users").
    filtered: bool,
    /// The order in effect, and how to change it (not in the Selected users view).
    sort: Signal<Sort>,
    on_sort: Callback<SortField>,
) -> impl IntoView {
    let i18n = use_i18n();
    let total = data.total;
    let page_users: Vec<(String, SelectedUser)> = data.users.iter().map(selected_user).collect();
    let page_ids: Vec<String> = page_users.iter().map(|(id, _)| id.clone()).collect();
    let page_len = page_ids.len();
    let header_state = Memo::new({
        let page_ids = page_ids.clone();
        move |_| {
            let ticked = selection.with(|s| s.count_of(page_ids.iter().map(String::as_str)));
            TriState::from_counts(ticked, page_len)
        }
    });
    let toggle_page = move |_| {
        if header_state.get_untracked() == TriState::Checked {
            selection.update(|s| s.remove_all(page_ids.iter().map(String::as_str)));
            select_all.set(Progress::Idle);
        } else {
            selection.update(|s| s.add_all(page_users.clone()));
        }
    };

    let banner = move || {
        let offer =
            !in_selected_view.get() && header_state.get() == TriState::Checked && total > page_len;
        match select_all.get() {
            Progress::Running { done, total } => Some(
                view! {
                    <p class="notice notice--info" role="status" data-testid="select-all-progress">
                        {move || {
                            let lang = i18n.lang.get();
                            i18n.t_with(
                                key!("users.select_all_progress"),
                                &[
                                    ("done", format_number(lang, done)),
                                    ("total", format_number(lang, total)),
                                ],
                            )
                        }}
                    </p>
                }
                .into_any(),
            ),
            Progress::Done { count } => Some(
                view! {
                    <p class="notice notice--info" role="status" data-testid="select-all-done">
                        {move || i18n.t_count(key!("users.select_all_done"), count, &[])}
                    </p>
                }
                .into_any(),
            ),
            Progress::Failed(error) => Some(
                view! {
                    <ErrorPanel
                        title_key=key!("users.select_all_failed")
                        error=error
                        on_retry=Callback::new(move |_| on_select_all.run(total))
                    />
                }
                .into_any(),
            ),
            Progress::Idle if offer => Some(
                view! {
                    <p class="notice notice--info notice--inline" data-testid="select-all-offer">
                        {move || i18n.t_count(key!("users.page_selected"), page_len, &[])}
                        <button
                            type="button"
                            class="link-button"
                            data-testid="select-all-matching"
                            on:click=move |_| on_select_all.run(total)
                        >
                            {move || {
                                let key = if filtered {
                                    key!("users.select_all_filtered")
                                } else {
                                    key!("users.select_all_matching")
                                };
                                i18n.t_count(key, total, &[])
                            }}
                        </button>
                    </p>
                }
                .into_any(),
            ),
            Progress::Idle => None,
        }
    };

    let rows = data
        .users
        .into_iter()
        .map(|user| {
            let (id, remembered) = selected_user(&user);
            let checked = Memo::new({
                let id = id.clone();
                move |_| selection.with(|s| s.contains(&id))
            });
            let name = user.display_name.clone();
            let licenses = user.assigned_licenses.clone();
            let licenses_text = move || {
                let mut held: Vec<String> = catalogue.with(|skus| {
                    licenses
                        .iter()
                        .map(|l| skus.name(&l.sku_id).to_owned())
                        .collect()
                });
                held.sort();
                if held.is_empty() {
                    return i18n.t(key!("users.no_licenses"));
                }
                let extra = held.len().saturating_sub(LICENSES_SHOWN);
                let shown = held
                    .into_iter()
                    .take(LICENSES_SHOWN)
                    .collect::<Vec<_>>()
                    .join(", ");
                if extra == 0 {
                    shown
                } else {
                    i18n.t_with(
                        key!("users.licenses_more"),
                        &[("names", shown), ("count", extra.to_string())],
                    )
                }
            };
            let location = user.usage_location.clone();
            let (name_title, upn_title) =
                (user.display_name.clone(), user.user_principal_name.clone());
            let enabled = user.account_enabled;
            let last_sign_in = user.last_sign_in_date_time.clone();
            view! {
                <tr data-testid="user-row" aria-selected=move || checked.get().to_string()>
                    <td class="data-table__check">
                        <input
                            type="checkbox"
                            class="checkbox"
                            data-testid="user-checkbox"
                            aria-label=move || {
                                i18n.t_with(key!("users.select_user"), &[("name", name.clone())])
                            }
                            prop:checked=move || checked.get()
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selection.update(|s| s.set(&id, remembered.clone(), on));
                            }
                        />
                    </td>
                    // Long names are cut with an ellipsis, the whole of them on hover.
                    <td class="data-table__name" data-testid="user-name">
                        <span class="truncate" title=name_title>
                            {user.display_name}
                        </span>
                    </td>
                    <td class="data-table__muted">
                        <span class="truncate" title=upn_title>
                            {user.user_principal_name}
                        </span>
                    </td>
                    <td>
                        {match location {
                            Some(code) => view! { <span>{code}</span> }.into_any(),
                            None => {
                                view! {
                                    <span class="data-table__muted">
                                        {move || i18n.t(key!("users.no_location"))}
                                    </span>
                                }
                                    .into_any()
                            }
                        }}
                    </td>
                    <td class="data-table__licenses" data-testid="user-licenses">
                        {licenses_text}
                    </td>
                    <td class="data-table__nowrap" data-testid="user-sign-in">
                        {move || {
                            if enabled {
                                view! { <span>{i18n.t(key!("users.sign_in.allowed"))}</span> }
                                    .into_any()
                            } else {
                                view! {
                                    <span class="status status--blocked">
                                        {i18n.t(key!("users.sign_in.blocked"))}
                                    </span>
                                }
                                    .into_any()
                            }
                        }}
                    </td>
                    <td class="data-table__nowrap" data-testid="user-last-sign-in">
                        {move || match &last_sign_in {
                            Some(time) => {
                                view! {
                                    <time datetime=time
                                        .clone()>{format_date(i18n.lang.get(), time)}</time>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <span class="data-table__muted">
                                        {i18n.t(key!("users.never_signed_in"))}
                                    </span>
                                }
                                    .into_any()
                            }
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();

    // A sortable header, except in the Selected users view, which lists the selection's order.
    let header = move |label_key: Key, field: SortField, testid: &'static str| {
        if in_selected_view.get_untracked() {
            view! { <th scope="col">{move || i18n.t(label_key)}</th> }.into_any()
        } else {
            let state = Signal::derive(move || {
                let sort = sort.get();
                match (sort.field == field, sort.descending) {
                    (false, _) => SortState::None,
                    (true, false) => SortState::Ascending,
                    (true, true) => SortState::Descending,
                }
            });
            view! { <SortHeader label_key testid state on_sort=Callback::new(move |_| on_sort.run(field)) /> }
            .into_any()
        }
    };

    view! {
        {banner}
        <table class="data-table" data-testid="users-table">
            <thead>
                <tr>
                    <th scope="col" class="data-table__check">
                        <input
                            type="checkbox"
                            class="checkbox"
                            data-testid="select-page"
                            aria-label=move || i18n.t(key!("users.select_page"))
                            disabled=page_len == 0
                            prop:checked=move || header_state.get() == TriState::Checked
                            prop:indeterminate=move || header_state.get() == TriState::Mixed
                            on:change=toggle_page
                        />
                    </th>
                    {header(key!("users.col.users"), SortField::DisplayName, "sort-name")}
                    {header(key!("users.col.username"), SortField::UserPrincipalName, "sort-upn")}
                    <th scope="col">{move || i18n.t(key!("users.col.location"))}</th>
                    <th scope="col">{move || i18n.t(key!("users.col.licenses"))}</th>
                    <th scope="col">{move || i18n.t(key!("users.col.sign_in"))}</th>
                    {header(
                        key!("users.col.last_sign_in"),
                        SortField::LastSignInDateTime,
                        "sort-last-sign-in",
                    )}
                </tr>
            </thead>
            <tbody>
                {if page_len == 0 {
                    let key = if in_selected_view.get_untracked() {
                        key!("users.none_selected")
                    } else if filtered {
                        key!("users.none_match_filters")
                    } else {
                        key!("users.none_found")
                    };
                    view! { <EmptyTableRow columns=COLUMNS message=key /> }.into_any()
                } else {
                    rows.into_any()
                }}
            </tbody>
        </table>
        <p class="visually-hidden" aria-live="polite">
            {move || i18n.t_count(key!("users.total"), total, &[])}
        </p>
    }
}
