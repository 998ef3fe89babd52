use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::contract::LicenseSummary;

use crate::api::ApiResult;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::resources::Loaded;

/// Under the Reclaimable preset: per product, how many seats would come back if every
/// reclaimable user lost it (how many of them hold it).
#[component]
pub fn ReclaimSummary(
    /// The filtered summary; `Ok(None)` while the preset is off.
    summary: Loaded<ApiResult<Option<LicenseSummary>>>,
    catalogue: Memo<Catalogue>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match summary.get() {
        None | Some(Ok(None)) => None,
        Some(Err(error)) => Some(
            view! {
                <ErrorPanel
                    title_key=key!("users.reclaim.failed")
                    error=error
                    on_retry=Callback::new(move |_| summary.refetch())
                />
            }
            .into_any(),
        ),
        Some(Ok(Some(summary))) => {
            let products: Vec<(String, usize)> = catalogue.with(|skus| {
                summary
                    .products
                    .iter()
                    .filter(|p| p.holders > 0)
                    .map(|p| (skus.name(&p.sku_id).to_owned(), p.holders))
                    .collect()
            });
            let body = if products.is_empty() {
                view! { <p data-testid="reclaim-none">{move || i18n.t(key!("users.reclaim.none"))}</p> }
                .into_any()
            } else {
                view! {
                    <ul class="reclaim__list">
                        {products
                            .into_iter()
                            .map(|(name, seats)| {
                                view! {
                                    <li data-testid="reclaim-product">
                                        <span data-testid="reclaim-product-name">{name}</span>
                                        {move || i18n.t(key!("users.reclaim.separator"))}
                                        <span data-testid="reclaim-product-seats">
                                            {move || {
                                                i18n.t_count(key!("users.reclaim.seats"), seats, &[])
                                            }}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            };
            Some(
                view! {
                    <section
                        class="reclaim"
                        data-testid="reclaim-summary"
                        aria-labelledby="reclaim-title"
                    >
                        <h2 id="reclaim-title" class="reclaim__title">
                            {move || i18n.t(key!("users.reclaim.title"))}
                        </h2>
                        {body}
                    </section>
                }
                .into_any(),
            )
        }
    }
}
