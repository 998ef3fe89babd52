use std::sync::Arc;

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::import::ImportPreview;

use crate::error_text;
use crate::i18n::use_i18n;
use crate::resources::Products;

/// The products short of seats for the save, each in words with Buy more (today's dialog,
/// opened through `on_buy_more` with the seats missing).
#[component]
pub fn Shortages(
    preview: Arc<ImportPreview>,
    skus: Memo<Catalogue>,
    products: Products,
    on_buy_more: Callback<(String, u32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let none = preview.shortages.is_empty();
    let lines = move || {
        skus.with(|skus| {
            preview
                .seats
                .iter()
                .filter_map(|seats| Some((seats, seats.error()?)))
                .map(|(seats, error)| {
                    let short = seats.short_by();
                    let sku_id = seats.sku_id.clone();
                    let can_buy = products.buy_more(&sku_id, short).is_some();
                    view! {
                        <li data-testid="import-shortage">
                            {error_text::describe(&i18n, &error, skus)} " "
                            <button
                                type="button"
                                class="link-button"
                                data-testid="buy-more"
                                hidden=!can_buy
                                on:click=move |_| on_buy_more.run((sku_id.clone(), short))
                            >
                                {i18n.t(key!("manage.buy_more"))}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="notice notice--error" role="alert" data-testid="seat-shortage" hidden=none>
            <ul class="summary__list">{lines}</ul>
        </div>
    }
}
