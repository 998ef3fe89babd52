use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::empty_table_row::EmptyTableRow;
use crate::components::error_panel::ErrorPanel;
use crate::components::pager::Pager;
use crate::components::search_box::SearchBox;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::{relationship_key, use_i18n};
use crate::model::list_query::ListQuery;
use crate::resources::signed_in_resource;
use crate::url;

/// Step 1 of the seed: the partner's customers; a row opens its Users and licenses.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = Memo::new(move |_| {
        params.with(|p| ListQuery::from_params(|k| p.get_all(k).unwrap_or_default()))
    });
    let navigate = use_navigate();
    let go = Callback::new(move |q: ListQuery| {
        navigate(
            &url::with_query("/customers", &q.to_params()),
            Default::default(),
        );
    });

    let customers = signed_in_resource(move |client| {
        let query = query.get();
        async move { client.list_customers(&query).await }
    });

    let table = move || {
        Suspend::new(async move {
            match customers.await {
                Err(error) => view! {
                    <ErrorPanel
                        title_key=key!("customers.load_failed")
                        error=error
                        on_retry=Callback::new(move |_| customers.refetch())
                    />
                }
                .into_any(),
                Ok(page) => {
                    let total = page.total_count;
                    let page_count = query.get_untracked().page_count(total);
                    let rows = page
                        .items
                        .into_iter()
                        .map(|customer| {
                            let href = url::users_page(&customer.id);
                            let profile = customer.company_profile;
                            let relationship_key =
                                relationship_key(&customer.relationship_to_partner);
                            view! {
                                <tr data-testid="customer-row">
                                    <td>
                                        <A href=href attr:class="data-table__link">
                                            {profile.company_name}
                                        </A>
                                    </td>
                                    <td>{profile.domain}</td>
                                    <td class="data-table__muted">
                                        {move || i18n.t(relationship_key)}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <p class="page__intro" data-testid="customer-count">
                            {move || i18n.t_count(key!("customers.count"), total as usize, &[])}
                        </p>
                        <table class="data-table" data-testid="customers-table">
                            <thead>
                                <tr>
                                    <th scope="col">
                                        {move || i18n.t(key!("customers.col.company"))}
                                    </th>
                                    <th scope="col">
                                        {move || i18n.t(key!("customers.col.domain"))}
                                    </th>
                                    <th scope="col">
                                        {move || i18n.t(key!("customers.col.relationship"))}
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {if total == 0 {
                                    view! {
                                        <EmptyTableRow
                                            columns=3
                                            message=key!("customers.none_found")
                                        />
                                    }
                                        .into_any()
                                } else {
                                    rows.into_any()
                                }}
                            </tbody>
                        </table>
                        <Pager
                            page=Signal::derive(move || query.get().page)
                            page_count=Signal::derive(move || page_count)
                            on_page=Callback::new(move |p| go.run(query.get_untracked().on_page(p)))
                        />
                    }
                    .into_any()
                }
            }
        })
    };

    view! {
        <section class="page" data-testid="customers-page">
            <Breadcrumbs crumbs=vec![
                Crumb::current(Signal::derive(move || i18n.t(key!("shell.nav.customers")))),
            ] />
            <h1 class="page__title">{move || i18n.t(key!("shell.nav.customers"))}</h1>
            <div class="command-bar">
                <SearchBox
                    value=Signal::derive(move || query.get().filter)
                    label_key=key!("customers.search")
                    on_search=Callback::new(move |text: String| {
                        go.run(query.get_untracked().with_filter(&text))
                    })
                />
            </div>
            <Transition fallback=move || {
                view! { <TableSkeleton columns=3 rows=8 /> }
            }>{table}</Transition>
        </section>
    }
}
