//! Users and licenses: a customer's users, ticked across pages.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use licensing::contract::CustomerUser;

use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::error_panel::ErrorPanel;
use crate::components::export_dialog::{ExportDialog, ExportRequest};
use crate::components::pager::Pager;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::search_box::SearchBox;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::use_i18n;
use crate::model::list_query::{ListQuery, ListView};
use crate::model::progress::Progress;
use crate::model::selection::{SelectedUser, Selection};
use crate::pages::products::products_trail;
use crate::resources::{self, signed_in_resource, use_customer_id};
use crate::state::customer_selection;
use crate::url;

use self::filter_bar::FilterBar;
use self::manage_link::ManageLicensesLink;
use self::reclaim_summary::ReclaimSummary;
use self::select_all::SelectAll;
use self::users_table::{UsersTable, COLUMNS};

/// One page of the list as shown: the users and the total they are part of.
#[derive(Clone)]
pub struct UsersPageData {
    users: Vec<CustomerUser>,
    total: usize,
}

pub fn selected_user(user: &CustomerUser) -> (String, SelectedUser) {
    (
        user.id.clone(),
        SelectedUser {
            name: user.display_name.clone(),
            upn: user.user_principal_name.clone(),
        },
    )
}

mod export;
mod filter_bar;
mod manage_link;
mod reclaim_summary;
mod select_all;
mod users_table;

/// Steps 2-4 of the seed: a customer's users, ticked across pages, the Selected users view, and
/// the way on to Manage licenses. Under `/products/{skuId}` the same list holds only that
/// product's holders (the reverse look-up), with the same search, filters, order and paging.
#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let holding = use_params_map().with_untracked(|p| p.get("sku_id"));
    let params = use_query_map();
    let holders_only = holding.is_some();
    let query = Memo::new(move |_| {
        let mut query =
            params.with(|p| ListQuery::from_params(|k| p.get_all(k).unwrap_or_default()));
        // The selection is listed on the Users page: a product's holders are only ever holders.
        if holders_only {
            query.view = ListView::All;
        }
        query
    });
    let selection = customer_selection(&customer_id);

    let navigate = use_navigate();
    let base = match &holding {
        Some(sku_id) => url::product_holders_page(&customer_id, sku_id),
        None => url::users_page(&customer_id),
    };
    let go = Callback::new(move |q: ListQuery| {
        navigate(&url::with_query(&base, &q.to_params()), Default::default());
    });

    let company_name = resources::company_name(&customer_id);
    let skus = resources::catalogue(&customer_id);
    let catalogue = resources::loaded(skus);

    // The Selected users view pages through the remembered selection and asks the server only
    // for the users of the page shown, so it works for thousands of selected users.
    let users = signed_in_resource({
        let (customer_id, holding) = (customer_id.clone(), holding.clone());
        move |client| {
            let (customer_id, holding) = (customer_id.clone(), holding.clone());
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
                match selected_page {
                    None => {
                        let page = match &holding {
                            Some(sku_id) => {
                                client.list_sku_holders(&customer_id, sku_id, &query).await
                            }
                            None => client.list_users(&customer_id, &query, None).await,
                        };
                        page.map(|page| UsersPageData {
                            total: page.total_count as usize,
                            users: page.items,
                        })
                    }
                    Some((ids, total)) if ids.is_empty() => Ok(UsersPageData {
                        users: Vec::new(),
                        total,
                    }),
                    Some((ids, total)) => {
                        let page_query = ListQuery {
                            page: 1,
                            size: ids.len() as u32,
                            view: ListView::Selected,
                            ..ListQuery::default()
                        };
                        client
                            .list_users(&customer_id, &page_query, Some(&ids))
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

    // Under the Reclaimable preset, how many seats of each product its users hold.
    let reclaim = signed_in_resource({
        let (customer_id, holding) = (customer_id.clone(), holding.clone());
        move |client| {
            let customer_id = customer_id.clone();
            let query = query.get();
            // Among a product's holders: the users who also hold it.
            let mut narrow = query.narrow.clone();
            narrow.has_sku.extend(holding.clone());
            async move {
                if !query.narrow.reclaimable || query.view == ListView::Selected {
                    return Ok(None);
                }
                client
                    .filtered_license_summary(&customer_id, &query.filter, &narrow)
                    .await
                    .map(Some)
            }
        }
    });
    // The list's total once loaded, for "N users match".
    let matching = Signal::derive(move || {
        users.with(|loaded| {
            loaded
                .as_ref()
                .and_then(|result| result.as_ref().ok())
                .map(|data| data.total)
        })
    });

    let can_manage = Signal::derive(move || auth.can_manage_licenses());
    let selected_count = Signal::derive(move || selection.with(Selection::len));
    let in_selected_view = Signal::derive(move || query.get().view == ListView::Selected);
    let select_all = RwSignal::new(Progress::Idle);

    // A product's holders are titled by its name and found under Products.
    let product_name = holding.clone().map(|sku_id| {
        Signal::derive(move || {
            let name = catalogue.with(|skus| skus.name(&sku_id).to_owned());
            i18n.t_with(key!("products.holders_of"), &[("product", name)])
        })
    });
    let crumbs = match product_name {
        Some(name) => products_trail(company_name, &customer_id, Some(name)),
        None => customer_trail(company_name, &customer_id, None),
    };
    let title = move || match product_name {
        Some(name) => name.get(),
        None => i18n.t(key!("users.title")),
    };
    let manage_href = url::manage_licenses_page(&customer_id);
    let products_href = url::products_page(&customer_id);
    let import_href = url::import_page(&customer_id);
    let start_select_all = Callback::new({
        let (customer_id, holding) = (customer_id.clone(), holding.clone());
        move |total: usize| {
            let Some(client) = auth.client_untracked() else {
                return;
            };
            let matching = SelectAll {
                customer_id: customer_id.clone(),
                holding: holding.clone(),
                query: query.get_untracked(),
            };
            spawn_local(matching.run(client, total, selection, select_all));
        }
    });

    let export = RwSignal::new(None::<ExportRequest>);
    // The file names products as the page does: not before they are loaded.
    let products_loaded = Signal::derive(move || skus.with(|s| matches!(s, Some(Ok(_)))));
    let export_list = {
        let (customer_id, holding) = (customer_id.clone(), holding.clone());
        move |_| {
            let total = matching.get_untracked().unwrap_or_default();
            let request = export::list_export(
                customer_id.clone(),
                holding.clone(),
                query,
                catalogue,
                total,
            );
            export.set(Some(request));
        }
    };
    let export_selection = {
        let customer_id = customer_id.clone();
        move |_| {
            let request = export::selection_export(customer_id.clone(), selection, catalogue);
            export.set(Some(request));
        }
    };

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
                    let shown = query.get_untracked();
                    let page_count = shown.page_count(data.total as u64);
                    view! {
                        <UsersTable
                            data=data
                            selection=selection
                            catalogue=catalogue
                            select_all=select_all
                            on_select_all=start_select_all
                            in_selected_view=in_selected_view
                            filtered=!shown.narrow.is_empty()
                            sort=Signal::derive(move || query.get().sort)
                            on_sort=Callback::new(move |field| {
                                select_all.set(Progress::Idle);
                                go.run(query.get_untracked().sorted_by(field))
                            })
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
            <h1 class="page__title">{title}</h1>
            <div class="command-bar" data-testid="users-command-bar">
                {move || {
                    let selected_view = in_selected_view.get();
                    if holders_only {
                        return None;
                    }
                    let (testid, label, target) = if selected_view {
                        ("all-users-link", key!("users.all_users"), ListView::All)
                    } else {
                        ("selected-users-link", key!("users.selected_users"), ListView::Selected)
                    };
                    Some(
                        // One link between the two views: to all users, or to the selected ones.
                        view! {
                            <button
                                type="button"
                                class="command-bar__link"
                                data-testid=testid
                                disabled=move || !selected_view && selected_count.get() == 0
                                on:click=move |_| go.run(query.get_untracked().with_view(target))
                            >
                                {move || i18n.t(label)}
                            </button>
                        },
                    )
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
                        select_all.set(Progress::Idle);
                        if in_selected_view.get_untracked() {
                            go.run(query.get_untracked().with_view(ListView::All));
                        }
                    }
                >
                    {move || i18n.t(key!("users.clear_selection"))}
                </button>
                <a href=products_href class="command-bar__link" data-testid="products-link">
                    {move || i18n.t(key!("products.title"))}
                </a>
                <Show when=move || !in_selected_view.get()>
                    <button
                        type="button"
                        class="command-bar__link"
                        data-testid="export-list"
                        disabled=move || !products_loaded.get()
                        on:click=export_list.clone()
                    >
                        {move || i18n.t(key!("export.list"))}
                    </button>
                </Show>
                {(!holders_only)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="command-bar__link"
                                data-testid="export-selection"
                                disabled=move || {
                                    selected_count.get() == 0 || !products_loaded.get()
                                }
                                on:click=export_selection.clone()
                            >
                                {move || i18n.t(key!("export.selection"))}
                            </button>
                            <a href=import_href class="command-bar__link" data-testid="import-link">
                                {move || i18n.t(key!("import.title"))}
                            </a>
                        }
                    })}
                <span class="command-bar__spacer"></span>
                <SearchBox
                    value=Signal::derive(move || query.get().filter)
                    label_key=key!("users.search")
                    on_search=Callback::new(move |text: String| {
                        select_all.set(Progress::Idle);
                        go.run(query.get_untracked().with_filter(&text))
                    })
                />
            </div>
            <RoleRefusedNotice />
            {move || {
                (!in_selected_view.get())
                    .then(|| {
                        view! {
                            <FilterBar
                                filter=Signal::derive(move || query.get().narrow)
                                catalogue=catalogue
                                matching=matching
                                on_change=Callback::new(move |narrow| {
                                    select_all.set(Progress::Idle);
                                    go.run(query.get_untracked().with_narrow(narrow))
                                })
                            />
                            <ReclaimSummary summary=reclaim catalogue=catalogue />
                        }
                    })
            }}
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
                view! { <TableSkeleton columns=COLUMNS rows=10 /> }
            }>{table}</Transition>
            <ExportDialog request=export />
        </section>
    }
}
