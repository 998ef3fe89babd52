use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use licensing::user_filter::UserFilter;

use super::ProductFacts;
use crate::auth::use_auth;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::{format_date, use_i18n};
use crate::model::progress::Progress;
use crate::pages::users::selected_user;
use crate::resources::use_customer_id;
use crate::state::customer_selection;
use crate::url;

/// Per product whose cancellation deadline is still ahead: "Reduce by N before <date>", and one
/// action that selects exactly its blocked or inactive holders and opens Manage licenses with
/// the product cleared.
#[component]
pub fn RightSizingSection(products: Vec<ProductFacts>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let selection = customer_selection(&customer_id);
    let navigate = use_navigate();
    let progress = RwSignal::new(Progress::Idle);
    // Which product's holders the last action was for, so Retry repeats it.
    let last = StoredValue::new(String::new());

    let take_back = Callback::new(move |sku_id: String| {
        let Some(client) = auth.client_untracked() else {
            return;
        };
        last.set_value(sku_id.clone());
        progress.set(Progress::Running { done: 0, total: 0 });
        let customer_id = customer_id.clone();
        let navigate = navigate.clone();
        spawn_local(async move {
            let holders = client
                .list_all_matching_users(
                    &customer_id,
                    Some(&sku_id),
                    "",
                    &UserFilter::reclaimable(),
                    &|_, _| {},
                )
                .await;
            match holders {
                Ok(users) => {
                    // Exactly these users: anyone selected before would lose the product too.
                    selection.update(|s| {
                        s.clear();
                        s.add_all(users.iter().map(selected_user));
                    });
                    let manage = url::manage_licenses_page(&customer_id);
                    navigate(
                        &url::with_query(&manage, &[("clear", sku_id)]),
                        Default::default(),
                    );
                }
                Err(error) => progress.set(Progress::Failed(error)),
            }
        });
    });

    let plans: Vec<_> = products
        .into_iter()
        .filter_map(|product| {
            let sizing = product.sizing?;
            let (count, date) = sizing.reduce_by()?;
            let date = date.to_owned();
            let (unassigned, holders) = (sizing.unassigned, sizing.reclaimable_holders);
            let name = product.name.clone();
            let sku_id = product.sku_id.clone();
            let action = (holders > 0 && auth.can_manage_licenses()).then(|| {
                let name = name.clone();
                view! {
                    <button
                        type="button"
                        class="link-button"
                        data-testid="take-back"
                        disabled=move || progress.with(Progress::is_running)
                        on:click=move |_| take_back.run(sku_id.clone())
                    >
                        {move || {
                            i18n.t_count(
                                key!("products.right_sizing.take_back"),
                                holders as usize,
                                &[("product", name.clone())],
                            )
                        }}
                    </button>
                }
            });
            Some(view! {
                <li class="right-sizing__plan" data-testid="right-sizing-plan">
                    <span class="right-sizing__product">{name}</span>
                    <span data-testid="right-sizing-reduce">
                        {move || {
                            i18n.t_with(
                                key!("products.right_sizing.reduce"),
                                &[
                                    ("count", i18n.num(i64::from(count))),
                                    ("date", format_date(i18n.lang.get(), &date)),
                                ],
                            )
                        }}
                    </span>
                    <span class="data-table__muted">
                        {move || {
                            i18n.t_with(
                                key!("products.right_sizing.detail"),
                                &[
                                    ("unassigned", i18n.num(i64::from(unassigned))),
                                    ("holders", i18n.num(i64::from(holders))),
                                ],
                            )
                        }}
                    </span>
                    {action}
                </li>
            })
        })
        .collect();

    view! {
        <section
            class="right-sizing"
            aria-labelledby="right-sizing-title"
            data-testid="right-sizing"
        >
            <h2 id="right-sizing-title" class="page__subtitle">
                {move || i18n.t(key!("products.right_sizing.title"))}
            </h2>
            <p class="right-sizing__intro">{move || i18n.t(key!("products.right_sizing.intro"))}</p>
            {if plans.is_empty() {
                view! {
                    <p data-testid="right-sizing-none">
                        {move || i18n.t(key!("products.right_sizing.none"))}
                    </p>
                }
                    .into_any()
            } else {
                view! { <ul class="right-sizing__list">{plans}</ul> }.into_any()
            }}
            {move || match progress.get() {
                Progress::Running { .. } => {
                    Some(
                        view! {
                            <p class="notice notice--info" role="status">
                                {move || i18n.t(key!("products.right_sizing.selecting"))}
                            </p>
                        }
                            .into_any(),
                    )
                }
                Progress::Failed(error) => {
                    Some(
                        view! {
                            <ErrorPanel
                                title_key=key!("products.right_sizing.failed")
                                error=error
                                on_retry=Callback::new(move |_| take_back.run(last.get_value()))
                            />
                        }
                            .into_any(),
                    )
                }
                _ => None,
            }}
        </section>
    }
}
