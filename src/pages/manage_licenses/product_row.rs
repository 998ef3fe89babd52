use std::collections::BTreeSet;

use leptos::prelude::*;
use licensing::contract::{CapabilityStatus, CustomerUser, SubscribedSku};
use licensing::rules::{Preview, ProductChange, TriState};

use super::choices::ChoiceSignals;
use super::SelectedUsers;
use crate::components::assigned_popover::AssignedPopover;
use crate::components::service_plans::ServicePlans;
use crate::components::tri_state_checkbox::TriStateCheckbox;
use crate::i18n::{format_number, order_by_name, use_i18n};

/// One product: its box, name, seats (now and after saving), holders, service plans, Buy more.
#[component]
pub fn ProductRow(
    sku: SubscribedSku,
    /// Where the product stands in the catalogue (and so in the preview's products).
    position: usize,
    signals: ChoiceSignals,
    /// The box as the page opened it.
    initial: TriState,
    /// Plans shown cleared before any choice: those every holder lacks alike.
    initial_excluded: BTreeSet<String>,
    preview: Memo<Preview>,
    /// The selected users, once their details are in.
    selected: Memo<Option<SelectedUsers>>,
    /// Whether the customer can buy more of the product.
    can_buy: bool,
    on_buy_more: Callback<String>,
    /// The Assigned popover opens with the page (`?dialog=assigned&sku=`).
    holders_open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let holders_open = RwSignal::new(holders_open);
    let sku_id = sku.sku_id().to_owned();
    let stem = format!("sku-{sku_id}");
    let name_id = format!("{stem}-name");
    let effect_id = format!("{stem}-effect");
    let suspended = sku.capability_status == CapabilityStatus::Suspended;
    let product = Memo::new(move |_| preview.with(|p| p.products.get(position).cloned()));
    let holding = Memo::new(move |_| product.with(|p| p.as_ref().map_or(0, |p| p.holding.holders)));
    let selected_count = Memo::new(move |_| preview.with(|p| p.users));
    let ready = Signal::derive(move || selected.with(Option::is_some));
    // The names in the Assigned popover are put in order only when it opens.
    let holder_names = {
        let sku_id = sku_id.clone();
        Callback::new(move |limit: usize| {
            let lang = i18n.lang.get_untracked();
            selected.with_untracked(|users| {
                let holders: Vec<&CustomerUser> = users
                    .iter()
                    .flat_map(|users| users.iter())
                    .filter(|u| u.holds(&sku_id))
                    .collect();
                order_by_name(lang, holders.iter().map(|u| u.display_name.as_str()), limit)
                    .into_iter()
                    .map(|i| holders[i].display_name.clone())
                    .collect::<Vec<String>>()
            })
        })
    };
    let plans = sku.service_plans.clone();
    let product_name = sku.product_sku.name.clone();
    let product_title = product_name.clone();
    let available = sku.available_units;
    let buy_sku = sku_id.clone();
    let plans_id = format!("{stem}-plans");
    let opened_once = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false) || signals.plans_open.get()
    });

    view! {
        <tr
            data-testid="product-row"
            data-sku=sku_id.clone()
            data-state=move || signals.state.get().as_str()
        >
            <td>
                <span class="products__product">
                    <TriStateCheckbox
                        state=signals.state
                        initial=initial
                        labelled_by=name_id.clone()
                        described_by=effect_id.clone()
                        testid="product-checkbox"
                    />
                    <span
                        id=name_id
                        class="products__name truncate"
                        data-testid="product-name"
                        title=product_title
                    >
                        {product_name}
                    </span>
                    {suspended
                        .then(|| {
                            view! {
                                <span class="badge badge--error">
                                    {move || i18n.t(key!("manage.suspended"))}
                                </span>
                            }
                        })}
                </span>
                <span id=effect_id class="products__effect" data-testid="product-effect">
                    {move || {
                        let change = product
                            .with(|p| p.as_ref().map_or(ProductChange::Unchanged, |p| p.change));
                        match (change, signals.state.get()) {
                            (ProductChange::Assign { users, .. }, _) if users > 0 => {
                                i18n.t_count(key!("manage.effect.assign"), users, &[])
                            }
                            (ProductChange::Revoke { users }, _) => {
                                i18n.t_count(key!("manage.effect.revoke"), users, &[])
                            }
                            (_, TriState::Mixed) => i18n.t(key!("manage.effect.keep")),
                            _ => String::new(),
                        }
                    }}
                </span>
            </td>
            <td data-testid="available">
                <span class="products__available">
                    {format_number(i18n.lang.get_untracked(), available as usize)}
                </span>
                {move || {
                    product
                        .with(|p| p.as_ref().and_then(|p| p.available_after()))
                        .map(|after| {
                            let class = if after < 0 {
                                "products__after products__after--short"
                            } else {
                                "products__after"
                            };
                            let label = move || {
                                i18n.t_with(
                                    key!("manage.after_saving"),
                                    &[("count", i18n.num(after))],
                                )
                            };
                            view! {
                                <span class=class data-testid="available-after">
                                    {label}
                                </span>
                            }
                        })
                }}
            </td>
            <td>
                {move || {
                    view! {
                        <AssignedPopover
                            count=holding.get()
                            names=holder_names
                            loading=Signal::derive(move || !ready.get())
                            selected=selected_count.get()
                            id=stem.clone()
                            open=holders_open
                        />
                    }
                }}
            </td>
            <td class="products__actions">
                <button
                    type="button"
                    class="link-button"
                    data-testid="view-service-plans"
                    aria-expanded=move || signals.plans_open.get().to_string()
                    aria-controls=plans_id.clone()
                    on:click=move |_| signals.plans_open.update(|o| *o = !*o)
                >
                    {move || i18n.t(key!("manage.view_service_plans"))}
                </button>
                {move || {
                    let (needs_seats, short_by) = product
                        .with(|p| {
                            p.as_ref().map_or((false, 0), |p| (p.needs_seats(), p.short_by()))
                        });
                    (can_buy && needs_seats)
                        .then(|| {
                            let sku_id = buy_sku.clone();
                            view! {
                                <button
                                    type="button"
                                    class="link-button"
                                    data-testid="buy-more"
                                    on:click=move |_| on_buy_more.run(sku_id.clone())
                                >
                                    {move || {
                                        if short_by > 0 {
                                            i18n.t_with(
                                                key!("manage.buy_n_more"),
                                                &[("count", i18n.num(short_by))],
                                            )
                                        } else {
                                            i18n.t(key!("manage.buy_more"))
                                        }
                                    }}
                                </button>
                            }
                        })
                }}
            </td>
        </tr>
        <tr class="products__plans-row" id=plans_id hidden=move || !signals.plans_open.get()>
            <td colspan="4">
                // Drawn when first opened, then kept: a product can have dozens of plans.
                {move || {
                    opened_once
                        .get()
                        .then(|| {
                            view! {
                                <ServicePlans
                                    plans=plans.clone()
                                    excluded=signals.excluded
                                    initial=initial_excluded.clone()
                                    id=format!("sku-{sku_id}")
                                />
                            }
                        })
                }}
            </td>
        </tr>
    }
}

/// The table of products, a [`ProductRow`] each, under its column headers.
#[component]
pub fn ProductsTable(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data-table products" data-testid="products-table">
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(key!("manage.col.product"))}</th>
                    <th scope="col">{move || i18n.t(key!("manage.col.available"))}</th>
                    <th scope="col">{move || i18n.t(key!("manage.col.assigned"))}</th>
                    <th scope="col">
                        <span class="visually-hidden">
                            {move || i18n.t(key!("manage.col.actions"))}
                        </span>
                    </th>
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
    }
}
