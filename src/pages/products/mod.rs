//! Products: per product its seats, term, renewal and cancellation deadline, a low-seat warning
//! and Buy more; the way to its holders; and right-sizing, the seats to drop before the deadline.

mod product_line;
mod right_sizing;

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::contract::{LicenseSummary, Subscription};
use licensing::right_sizing::{low_on_seats, right_size, RightSizing};
use licensing::user_filter::{parse_timestamp, UserFilter};

use self::product_line::{ProductLine, CELLS};
use self::right_sizing::RightSizingSection;
use crate::components::breadcrumbs::{Breadcrumbs, Crumb};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::empty_table_row::EmptyTableRow;
use crate::components::error_panel::ErrorPanel;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::use_i18n;
use crate::resources::{self, signed_in_resource, use_customer_id, Products};
use crate::url;

/// Columns of the products table: the name, the figures, the actions.
const COLUMNS: usize = CELLS.len() + 2;

/// One product as the page shows it: its seats and subscription, and what could be dropped.
#[derive(Clone, Debug, PartialEq)]
pub struct ProductFacts {
    pub sku_id: String,
    pub name: String,
    pub subscription: Option<Subscription>,
    pub sizing: Option<RightSizing>,
    pub low_on_seats: bool,
}

/// Each product with its subscription and right-sizing, in the catalogue's order. `reclaim` is
/// the server's count of reclaimable users per product, and its clock.
fn product_facts(
    skus: &Catalogue,
    subscriptions: &[Subscription],
    reclaim: &LicenseSummary,
) -> Vec<ProductFacts> {
    let now = reclaim
        .as_of
        .as_deref()
        .and_then(parse_timestamp)
        .unwrap_or_default();
    skus.iter()
        .map(|sku| {
            let subscription = subscriptions
                .iter()
                .find(|s| s.sku_id == sku.sku_id())
                .cloned();
            let holders = reclaim
                .products
                .iter()
                .find(|p| p.sku_id == sku.sku_id())
                .map_or(0, |p| p.holders);
            ProductFacts {
                sku_id: sku.sku_id().to_owned(),
                name: sku.product_sku.name.clone(),
                sizing: subscription
                    .as_ref()
                    .map(|s| right_size(sku, s, holders, now)),
                subscription,
                low_on_seats: low_on_seats(sku),
            }
        })
        .collect()
}

/// Customers › company › Products, and the product's own crumb on its holders page.
pub fn products_trail(
    company_name: Signal<String>,
    customer_id: &str,
    product: Option<Signal<String>>,
) -> Vec<Crumb> {
    let i18n = use_i18n();
    let products_label = Signal::derive(move || i18n.t(key!("products.title")));
    let mut trail = vec![
        Crumb::link(
            Signal::derive(move || i18n.t(key!("shell.nav.customers"))),
            "/customers",
        ),
        Crumb::link(company_name, url::users_page(customer_id)),
    ];
    match product {
        None => trail.push(Crumb::current(products_label)),
        Some(name) => {
            trail.push(Crumb::link(products_label, url::products_page(customer_id)));
            trail.push(Crumb::current(name));
        }
    }
    trail
}

/// A customer's products, their seats and terms, and how many seats to drop before when.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let customer_id = use_customer_id();
    let company_name = resources::company_name(&customer_id);
    let products = Products::load(&customer_id);
    let reclaim = signed_in_resource({
        let customer_id = customer_id.clone();
        move |client| {
            let customer_id = customer_id.clone();
            async move {
                client
                    .filtered_license_summary(&customer_id, "", &UserFilter::reclaimable())
                    .await
            }
        }
    });
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);
    let crumbs = products_trail(company_name, &customer_id, None);

    let body = move || {
        Suspend::new(async move {
            let loaded = (
                products.catalogue.await,
                products.subscriptions.await,
                reclaim.await,
            );
            let (skus, subscriptions, summary) = match loaded {
                (Ok(c), Ok(s), Ok(r)) => (c, s, r),
                (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                    return view! {
                        <ErrorPanel
                            title_key=key!("products.load_failed")
                            error=error
                            on_retry=Callback::new(move |_| {
                                products.refetch();
                                reclaim.refetch();
                            })
                        />
                    }
                    .into_any();
                }
            };
            let facts = product_facts(&skus, &subscriptions, &summary);
            let rows = facts
                .iter()
                .map(|product| {
                    let can_buy =
                        BuyMoreTarget::for_product(&product.sku_id, 0, &skus, &subscriptions)
                            .is_some();
                    let sku = skus.get(&product.sku_id).cloned();
                    view! {
                        <ProductLine
                            facts=product.clone()
                            sku=sku
                            can_buy=can_buy
                            on_buy_more=Callback::new(move |sku_id: String| {
                                buy_target.set(products.buy_more(&sku_id, 1));
                            })
                        />
                    }
                })
                .collect_view();
            view! {
                <table class="data-table products-table" data-testid="products-table">
                    <thead>
                        <tr>
                            <th scope="col" class="products-table__name">
                                {move || i18n.t(key!("products.col.product"))}
                            </th>
                            {CELLS
                                .iter()
                                .map(|&(key, numeric, _)| {
                                    view! {
                                        <th scope="col" class:data-table__number=numeric>
                                            {move || i18n.t(key)}
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col">
                                <span class="visually-hidden">
                                    {move || i18n.t(key!("manage.col.actions"))}
                                </span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {if facts.is_empty() {
                            view! {
                                <EmptyTableRow columns=COLUMNS message=key!("products.none") />
                            }
                                .into_any()
                        } else {
                            rows.into_any()
                        }}
                    </tbody>
                </table>
                <RightSizingSection products=facts />
            }
            .into_any()
        })
    };

    view! {
        <section class="page" data-testid="products-page">
            <Breadcrumbs crumbs=crumbs />
            <h1 class="page__title">{move || i18n.t(key!("products.title"))}</h1>
            <RoleRefusedNotice />
            <Transition fallback=move || {
                view! { <TableSkeleton columns=COLUMNS rows=8 /> }
            }>{body}</Transition>
            <BuyMoreDialog
                target=buy_target
                customer_id=customer_id.clone()
                on_bought=Callback::new(move |_| {
                    products.refetch();
                    reclaim.refetch();
                })
            />
        </section>
    }
}
