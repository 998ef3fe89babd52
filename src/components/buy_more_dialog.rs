use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use licensing::catalogue::Catalogue;
use licensing::contract::Subscription;
use licensing::rules::check_seats_can_change;

use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// What "Buy more" is buying for.
#[derive(Clone, Debug, PartialEq)]
pub struct BuyMoreTarget {
    pub product_name: String,
    pub subscription_id: String,
    /// Seats owned now.
    pub quantity: u32,
    /// Seats the planned change lacks (the suggested amount), at least 1.
    pub suggested: u32,
}

impl BuyMoreTarget {
    /// Buying for the product `sku_id`, `short_by` seats suggested (at least one); `None` when
    /// no subscription of the customer sells it or it is suspended.
    pub fn for_product(
        sku_id: &str,
        short_by: u32,
        skus: &Catalogue,
        subscriptions: &[Subscription],
    ) -> Option<BuyMoreTarget> {
        let sku = skus.get(sku_id)?;
        check_seats_can_change(sku).ok()?;
        let subscription = subscriptions.iter().find(|s| s.sku_id == sku_id)?;
        Some(BuyMoreTarget {
            product_name: sku.product_sku.name.clone(),
            subscription_id: subscription.id.clone(),
            quantity: subscription.quantity,
            suggested: short_by.max(1),
        })
    }
}

/// The Buy more dialog: raises the subscription's quantity through the API. A modal `<dialog>`
/// (focus kept inside, Escape closes). The page keeps every choice; it only refreshes counts.
#[component]
pub fn BuyMoreDialog(
    /// The purchase being made; `None` closes the dialog.
    target: RwSignal<Option<BuyMoreTarget>>,
    customer_id: String,
    /// Called after seats were bought, to refresh counts.
    on_bought: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let dialog = NodeRef::<html::Dialog>::new();
    let amount = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let invalid = RwSignal::new(false);
    let busy = RwSignal::new(false);

    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        match target.get() {
            Some(t) => {
                amount.set(t.suggested.max(1).to_string());
                error.set(None);
                invalid.set(false);
                if !dialog.open() {
                    let _ = dialog.show_modal();
                }
            }
            None => dialog.close(),
        }
    });

    let buy = move || {
        let Some(t) = target.get_untracked() else {
            return;
        };
        let Some(extra) = amount
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=10_000).contains(n))
        else {
            invalid.set(true);
            return;
        };
        let Some(client) = auth.client_untracked() else {
            return;
        };
        invalid.set(false);
        busy.set(true);
        let customer_id = customer_id.clone();
        spawn_local(async move {
            let result = client
                .update_subscription_quantity(&customer_id, &t.subscription_id, t.quantity + extra)
                .await;
            busy.set(false);
            match result {
                Ok(_) => {
                    target.set(None);
                    on_bought.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let buy = StoredValue::new(buy);

    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            data-testid="buy-more-dialog"
            aria-labelledby="buy-more-title"
            on:close=move |_| target.set(None)
        >
            <form
                method="dialog"
                on:submit=move |ev| {
                    ev.prevent_default();
                    buy.with_value(|b| b());
                }
            >
                <h2 id="buy-more-title" class="dialog__title">
                    {move || {
                        let name = target.get().map(|t| t.product_name).unwrap_or_default();
                        i18n.t_with(key!("manage.buy.title"), &[("product", name)])
                    }}
                </h2>
                <p class="dialog__text">
                    {move || {
                        let quantity = target.get().map(|t| t.quantity).unwrap_or_default();
                        i18n.t_with(key!("manage.buy.owned"), &[("count", i18n.num(quantity))])
                    }}
                </p>
                <label class="field">
                    <span class="field__label">{move || i18n.t(key!("manage.buy.amount"))}</span>
                    <input
                        type="number"
                        min="1"
                        max="10000"
                        class="field__input"
                        data-testid="buy-more-amount"
                        aria-invalid=move || invalid.get().to_string()
                        aria-describedby="buy-more-hint"
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev))
                    />
                </label>
                <p
                    id="buy-more-hint"
                    class=move || if invalid.get() { "field__error" } else { "field__hint" }
                >
                    {move || {
                        if invalid.get() {
                            i18n.t(key!("manage.buy.invalid"))
                        } else {
                            i18n.t(key!("manage.buy.hint"))
                        }
                    }}
                </p>
                {move || {
                    error
                        .get()
                        .map(|e| {
                            view! { <ErrorPanel title_key=key!("manage.buy.failed") error=e /> }
                        })
                }}
                <div class="dialog__actions">
                    <button
                        type="submit"
                        class="button button--primary"
                        data-testid="buy-more-confirm"
                        disabled=move || busy.get()
                    >
                        {move || i18n.t(key!("manage.buy.confirm"))}
                    </button>
                    <button
                        type="button"
                        class="button"
                        data-testid="buy-more-cancel"
                        on:click=move |_| target.set(None)
                    >
                        {move || i18n.t(key!("manage.cancel"))}
                    </button>
                </div>
            </form>
        </dialog>
    }
}
