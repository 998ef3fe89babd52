use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use licensing::contract::{CustomerUser, SubscribedSku};
use licensing::rules::TriState;

use crate::api::{self, ApiError};
use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::error_panel::ErrorPanel;
use crate::components::pager::Pager;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::search_box::SearchBox;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::{format_number, use_i18n};
use crate::model::list_query::{ListQuery, ListView};
use crate::model::selection::{SelectedUser, Selection};
use crate::resources::{self, use_customer_id};
use crate::state::customer_selection;
use crate::url;

/// Product names shown in a row before the rest is summed up as "+N more".
const LICENSES_SHOWN: usize = 2;

/// One page of the list as shown: the users and the total they are part of.
#[derive(Clone)]
struct UsersPageData {
    users: Vec<CustomerUser>,
    total: usize,
}

fn selected_user(user: &CustomerUser) -> (String, SelectedUser) {
    (
        user.id.clone(),
        SelectedUser {
            name: user.display_name.clone(),
            upn: user.user_principal_name.clone(),
        },
    )
}

/// Steps 2-4 of the seed: a customer's users, ticked across pages, the Selected users view, and
/// the way on to Manage licenses.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let params = use_query_map();
    let query = Memo::new(move |_| params.with(|p| ListQuery::from_params(|k| p.get(k))));
    let selection = customer_selection(&customer_id);

    let navigate = use_navigate();
    let base = url::users_page(&customer_id);
    let go = Callback::new(move |q: ListQuery| {
        navigate(&url::with_query(&base, &q.to_params()), Default::default());
    });

    let company_name = resources::company_name(&customer_id);
    let skus = resources::subscribed_skus(&customer_id);
    // Once per load of the products, not once per row that shows them.
    let product_names = Memo::new(move |_| {
        skus.get()
            .and_then(Result::ok)
            .map(|items| {
                items
                    .into_iter()
                    .map(|s: SubscribedSku| (s.product_sku.id, s.product_sku.name))
                    .collect::<HashMap<_, _>>()
            })
            .unwrap_or_default()
    });

    // The Selected users view pages through the remembered selection and asks the server only
    // for the users of the page shown, so it works for thousands of selected users.
    let users = LocalResource::new({
        let customer_id = customer_id.clone();
        move || {
            let token = auth.token();
            let customer_id = customer_id.clone();
            let query = query.get();
            let selected_page = (query.view == ListView::Selected).then(|| {
                selection.with(|s| {
                    let matching = s.matching(&query.filter);
                    let start = (query.page as usize - 1) * query.size as usize;
                    let ids: Vec<String> = matching
                        .iter()
                        .skip(start)
                        .take(query.size as usize)
                        .map(|(id, _)| (*id).to_owned())
                        .collect();
                    (ids, matching.len())
                })
            });
            async move {
                let token = resources::signed_in(token).await;
                match selected_page {
                    None => api::list_users(&token, &customer_id, &query, None)
                        .await
                        .map(|page| UsersPageData {
                            total: page.total_count as usize,
                            users: page.items,
                        }),
                    Some((ids, total)) if ids.is_empty() => Ok(UsersPageData {
                        users: Vec::new(),
                        total,
                    }),
                    Some((ids, total)) => {
                        let page_query = ListQuery {
                            page: 1,
                            size: ids.len() as u32,
                            filter: String::new(),
                            view: ListView::Selected,
                        };
                        api::list_users(&token, &customer_id, &page_query, Some(&ids))
                            .await
                            .map(|page| UsersPageData {
                                users: page.items,
                                total,
                            })
                    }
                }
            }
        }
    });

    let can_manage = Signal::derive(move || auth.can_manage_licenses());
    let selected_count = Signal::derive(move || selection.with(Selection::len));
    let in_selected_view = Signal::derive(move || query.get().view == ListView::Selected);
    let select_all = RwSignal::new(SelectAllState::Idle);

    let crumbs = customer_trail(company_name, &customer_id, None);
    let manage_href = url::manage_licenses_page(&customer_id);
    let customer_for_select_all = customer_id.clone();

    let start_select_all = move |total: usize| {
        let token = auth.token().unwrap_or_default();
        let customer_id = customer_for_select_all.clone();
        let filter = query.get_untracked().filter;
        select_all.set(SelectAllState::Running { done: 0, total });
        spawn_local(async move {
            let result =
                api::list_all_matching_users(&token, &customer_id, &filter, |done, total| {
                    select_all.set(SelectAllState::Running { done, total })
                })
                .await;
            match result {
                Ok(users) => {
                    let count = users.len();
                    selection.update(|s| s.add_all(users.iter().map(selected_user)));
                    select_all.set(SelectAllState::Done { count });
                }
                Err(error) => select_all.set(SelectAllState::Failed(error)),
            }
        });
    };
    let start_select_all = Callback::new(start_select_all);

    let table = move || {
        Suspend::new(async move {
            match users.await {
                Err(error) => view! {
                    <ErrorPanel
                        title_key=key!("users.load_failed")
                        error=error
                        on_retry=Callback::new(move |_| users.refetch())
                    />
                }
                .into_any(),
                Ok(data) => {
                    let page_count = query.get_untracked().page_count(data.total as u64);
                    view! {
                        <UsersTable
                            data=data
                            selection=selection
                            product_names=product_names
                            select_all=select_all
                            on_select_all=start_select_all
                            in_selected_view=in_selected_view
                        />
                        <Pager
                            page=Signal::derive(move || query.get().page)
                            page_count=Signal::derive(move || page_count)
                            on_page=Callback::new(move |p| go.run(query.get_untracked().on_page(p)))
                            size=Signal::derive(move || query.get().size)
                            on_size=Callback::new(move |n| {
                                go.run(query.get_untracked().with_size(n))
                            })
                        />
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="page" data-testid="users-page">
            <Breadcrumbs crumbs=crumbs />
            <h1 class="page__title">{move || i18n.t(key!("users.title"))}</h1>
            <div class="command-bar" data-testid="users-command-bar">
                {move || {
                    if in_selected_view.get() {
                        view! {
                            <button
                                type="button"
                                class="command-bar__link"
                                data-testid="all-users-link"
                                on:click=move |_| {
                                    go.run(query.get_untracked().with_view(ListView::All))
                                }
                            >
                                {move || i18n.t(key!("users.all_users"))}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                type="button"
                                class="command-bar__link"
                                data-testid="selected-users-link"
                                disabled=move || selected_count.get() == 0
                                on:click=move |_| {
                                    go.run(query.get_untracked().with_view(ListView::Selected))
                                }
                            >
                                {move || i18n.t(key!("users.selected_users"))}
                            </button>
                        }
                            .into_any()
                    }
                }}
                <ManageLicensesLink href=manage_href.clone() selected_count can_manage />
                <span class="command-bar__note" data-testid="selected-count" aria-live="polite">
                    {move || i18n.t_count(key!("users.selected_count"), selected_count.get(), &[])}
                </span>
                <button
                    type="button"
                    class="command-bar__link"
                    data-testid="clear-selection"
                    disabled=move || selected_count.get() == 0
                    on:click=move |_| {
                        selection.update(Selection::clear);
                        select_all.set(SelectAllState::Idle);
                        if in_selected_view.get_untracked() {
                            go.run(query.get_untracked().with_view(ListView::All));
                        }
                    }
                >
                    {move || i18n.t(key!("users.clear_selection"))}
                </button>
                <span class="command-bar__spacer"></span>
                <SearchBox
                    value=Signal::derive(move || query.get().filter)
                    label_key=key!("users.search")
                    on_search=Callback::new(move |text: String| {
                        select_all.set(SelectAllState::Idle);
                        go.run(query.get_untracked().with_filter(&text))
                    })
                />
            </div>
            <RoleRefusedNotice />
            {move || {
                in_selected_view
                    .get()
                    .then(|| {
                        view! {
                            <p class="notice notice--info" data-testid="selected-view-notice">
                                {move || i18n.t(key!("users.selected_view_notice"))}
                            </p>
                        }
                    })
            }}
            <Transition fallback=move || {
                view! { <TableSkeleton columns=5 rows=10 /> }
            }>{table}</Transition>
        </section>
    }
}

/// Where "Select all N users" stands.
#[derive(Clone, Debug, PartialEq)]
enum SelectAllState {
    Idle,
    Running { done: usize, total: usize },
    Done { count: usize },
    Failed(ApiError),
}

/// "Manage licenses": a link once users are selected and the role may manage licenses; otherwise
/// a disabled control whose reason is said beside it.
#[component]
fn ManageLicensesLink(
    href: String,
    selected_count: Signal<usize>,
    can_manage: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        if can_manage.get() && selected_count.get() > 0 {
            view! {
                <A
                    href=href.clone()
                    attr:class="command-bar__link"
                    attr:data-testid="manage-licenses-link"
                >
                    {move || i18n.t(key!("users.manage_licenses"))}
                </A>
            }
            .into_any()
        } else {
            let reason = if can_manage.get() {
                key!("users.manage_needs_selection")
            } else {
                key!("users.manage_not_allowed")
            };
            view! {
                <button
                    type="button"
                    class="command-bar__link"
                    data-testid="manage-licenses-link"
                    disabled=true
                    aria-describedby="manage-licenses-reason"
                >
                    {move || i18n.t(key!("users.manage_licenses"))}
                </button>
                <span id="manage-licenses-reason" class="visually-hidden">
                    {move || i18n.t(reason)}
                </span>
            }
            .into_any()
        }
    }
}

/// The users of one page with their boxes; the header box reflects and sets the whole page.
#[component]
fn UsersTable(
    data: UsersPageData,
    selection: RwSignal<Selection>,
    product_names: Memo<HashMap<String, String>>,
    select_all: RwSignal<SelectAllState>,
    on_select_all: Callback<usize>,
    in_selected_view: Signal<bool>,
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
            select_all.set(SelectAllState::Idle);
        } else {
            selection.update(|s| s.add_all(page_users.clone()));
        }
    };

    let banner = move || {
        let offer =
            !in_selected_view.get() && header_state.get() == TriState::Checked && total > page_len;
        match select_all.get() {
            SelectAllState::Running { done, total } => Some(
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
            SelectAllState::Done { count } => Some(
                view! {
                    <p class="notice notice--info" role="status" data-testid="select-all-done">
                        {move || i18n.t_count(key!("users.select_all_done"), count, &[])}
                    </p>
                }
                .into_any(),
            ),
            SelectAllState::Failed(error) => Some(
                view! {
                    <ErrorPanel
                        title_key=key!("users.select_all_failed")
                        error=error
                        on_retry=Callback::new(move |_| on_select_all.run(total))
                    />
                }
                .into_any(),
            ),
            SelectAllState::Idle if offer => Some(
                view! {
                    <p class="notice notice--info notice--inline" data-testid="select-all-offer">
                        {move || i18n.t_count(key!("users.page_selected"), page_len, &[])}
                        <button
                            type="button"
                            class="link-button"
                            data-testid="select-all-matching"
                            on:click=move |_| on_select_all.run(total)
                        >
                            {move || i18n.t_count(key!("users.select_all_matching"), total, &[])}
                        </button>
                    </p>
                }
                .into_any(),
            ),
            SelectAllState::Idle => None,
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
                let mut held: Vec<String> = product_names.with(|names| {
                    licenses
                        .iter()
                        .map(|l| names.get(&l.sku_id).unwrap_or(&l.sku_id).clone())
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
                    <td class="data-table__name" data-testid="user-name">
                        {user.display_name}
                    </td>
                    <td class="data-table__muted">{user.user_principal_name}</td>
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
                    <td data-testid="user-licenses">{licenses_text}</td>
                </tr>
            }
        })
        .collect_view();

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
                    <th scope="col">{move || i18n.t(key!("users.col.users"))}</th>
                    <th scope="col">{move || i18n.t(key!("users.col.username"))}</th>
                    <th scope="col">{move || i18n.t(key!("users.col.location"))}</th>
                    <th scope="col">{move || i18n.t(key!("users.col.licenses"))}</th>
                </tr>
            </thead>
            <tbody>
                {if page_len == 0 {
                    let key = if in_selected_view.get_untracked() {
                        key!("users.none_selected")
                    } else {
                        key!("users.none_found")
                    };
                    view! {
                        <tr>
                            <td colspan="5" class="data-table__empty">
                                {move || i18n.t(key)}
                            </td>
                        </tr>
                    }
                        .into_any()
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
