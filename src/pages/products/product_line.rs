use std::sync::Arc;

use leptos::prelude::*;
use licensing::contract::{CapabilityStatus, SubscribedSku};

use super::ProductFacts;
use crate::i18n::{format_date, use_i18n, Key};
use crate::resources::use_customer_id;
use crate::url;

/// A text worked out in the reader's language.
type Text = Arc<dyn Fn() -> String + Send + Sync>;

/// The columns after the product's name: heading, whether it holds a number, test id. The
/// cells are drawn from one list so the table is one view, not one per column.
pub const CELLS: [(Key, bool, &str); 8] = [
    (key!("products.col.total"), true, "product-total"),
    (key!("products.col.assigned"), true, "product-assigned"),
    (key!("products.col.available"), true, "product-available"),
    (key!("products.col.suspended"), true, "product-suspended"),
    (key!("products.col.term_end"), false, "product-term-end"),
    (key!("products.col.auto_renew"), false, "product-auto-renew"),
    (key!("products.col.cancel_by"), false, "product-cancel-by"),
    (
        key!("products.col.reclaimable"),
        true,
        "product-reclaimable",
    ),
];

/// One product's row: its name (opening its holders) with its warnings, seat counts, term,
/// renewal, cancellation deadline, reclaimable seats and Buy more.
#[component]
pub fn ProductLine(
    facts: ProductFacts,
    /// The product's seat counts; `None` only for a product the catalogue lost meanwhile.
    sku: Option<SubscribedSku>,
    /// Whether Buy more is offered (a subscription sells it and it is not suspended).
    can_buy: bool,
    /// Opens Buy more for the product's sku id.
    on_buy_more: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let holders_href = url::product_holders_page(&use_customer_id(), &facts.sku_id);
    let counts = sku.as_ref().map_or([0; 4], |s| {
        [
            s.total_units,
            s.consumed_units,
            s.available_units,
            s.suspended_units,
        ]
    });
    let available = counts[2];
    let status = sku.map_or(CapabilityStatus::Enabled, |s| s.capability_status);
    let subscription = facts.subscription.as_ref();
    let date = move |value: Option<String>| -> Text {
        Arc::new(move || match &value {
            Some(date) => format_date(i18n.lang.get(), date),
            None => i18n.t(key!("products.no_date")),
        })
    };
    let auto_renew = subscription.map(|s| s.auto_renew_enabled);
    let cancel_by = subscription.and_then(|s| s.cancellation_allowed_until_date.clone());
    let window_open = facts
        .sizing
        .as_ref()
        .is_some_and(|s| s.reduce_before.is_some());
    let window_closed = cancel_by.is_some() && !window_open;
    let reclaimable = facts.sizing.as_ref().map_or(0, |s| s.reclaimable);
    let number = move |n: u32| -> Text { Arc::new(move || i18n.num(i64::from(n))) };
    let texts: [Text; 8] = [
        number(counts[0]),
        number(counts[1]),
        number(counts[2]),
        number(counts[3]),
        date(subscription.and_then(|s| s.commitment_end_date.clone())),
        Arc::new(move || {
            i18n.t(match auto_renew {
                Some(true) => key!("products.auto_renew.on"),
                Some(false) => key!("products.auto_renew.off"),
                None => key!("products.no_date"),
            })
        }),
        date(cancel_by),
        number(reclaimable),
    ];
    let cells = CELLS
        .iter()
        .zip(texts)
        .map(|(&(_, numeric, testid), text)| {
            // A deadline already gone is dimmed and says so.
            let closed = testid == "product-cancel-by" && window_closed;
            view! {
                <td
                    class:data-table__number=numeric
                    class:data-table__muted=closed
                    data-testid=testid
                >
                    {move || text()}
                    {closed
                        .then(|| {
                            view! {
                                <span class="products__note">
                                    {move || i18n.t(key!("products.window_closed"))}
                                </span>
                            }
                        })}
                </td>
            }
        })
        .collect_view();

    // The product's state and a low-seat warning, each a badge under its name.
    let mut badges: Vec<(&str, &str, Text)> = Vec::new();
    let state = match status {
        CapabilityStatus::Suspended => Some(key!("products.status.suspended")),
        CapabilityStatus::Warning => Some(key!("products.status.expired")),
        CapabilityStatus::Enabled => None,
    };
    if let Some(key) = state {
        badges.push((
            "badge badge--error",
            "product-status",
            Arc::new(move || i18n.t(key)),
        ));
    }
    if facts.low_on_seats {
        badges.push((
            "badge badge--warning",
            "low-seats",
            Arc::new(move || {
                if available == 0 {
                    i18n.t(key!("products.no_seats_left"))
                } else {
                    i18n.t_count(key!("products.low_seats"), available as usize, &[])
                }
            }),
        ));
    }
    let badges = badges
        .into_iter()
        .map(|(class, testid, text)| {
            view! {
                <span class=class data-testid=testid>
                    {move || text()}
                </span>
            }
        })
        .collect_view();

    let name = facts.name.clone();
    let sku_id = facts.sku_id.clone();
    view! {
        <tr data-testid="product-line" data-sku=facts.sku_id.clone()>
            <td>
                <a
                    href=holders_href
                    class="data-table__link products__name"
                    data-testid="product-holders-link"
                >
                    {facts.name.clone()}
                </a>
                {badges}
            </td>
            {cells}
            <td class="products__actions">
                {can_buy
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="link-button"
                                data-testid="buy-more"
                                aria-label=move || {
                                    i18n.t_with(
                                        key!("products.buy_more_of"),
                                        &[("product", name.clone())],
                                    )
                                }
                                on:click=move |_| on_buy_more.run(sku_id.clone())
                            >
                                {move || i18n.t(key!("manage.buy_more"))}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
