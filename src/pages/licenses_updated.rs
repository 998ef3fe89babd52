use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use licensing::contract::{LicenseError, SubscribedSku};

use crate::api::{self, ApiError};
use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::error_panel::ErrorPanel;
use crate::components::pager::Pager;
use crate::components::save_progress::SaveProgress;
use crate::error_text;
use crate::i18n::{order_by_name, use_i18n};
use crate::model::save_results::{Outcome, PendingUser, SaveResults, UserResult};
use crate::resources::{self, use_customer_id};
use crate::save;
use crate::state;
use crate::url;

/// Results shown per page: a save of 10,000 users is read a page at a time.
const RESULTS_PER_PAGE: usize = 100;

/// Where a retry stands.
#[derive(Clone, Debug, PartialEq)]
enum RetryState {
    Idle,
    Running { done: usize, total: usize },
    Failed(ApiError),
}

/// Step 8 of the seed: every selected user with the licenses they now hold, what changed, and
/// each error in plain words with its next step; failures can be retried.
#[component]
pub fn LicensesUpdatedPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let results = RwSignal::new(state::saved_results(&customer_id));
    // Kept again after a retry changed them (not on arrival: they were just stored).
    Effect::new({
        let customer_id = customer_id.clone();
        move |first: Option<()>| {
            results.with(|r| {
                if let (Some(_), Some(r)) = (first, r) {
                    state::store_results(&customer_id, r);
                }
            })
        }
    });

    let company_name = resources::company_name(&customer_id);
    let skus = resources::subscribed_skus(&customer_id);
    let subscriptions = resources::subscriptions(&customer_id);
    let sku_list = Signal::derive(move || skus.get().and_then(Result::ok).unwrap_or_default());
    let subscription_list =
        Signal::derive(move || subscriptions.get().and_then(Result::ok).unwrap_or_default());

    let retry_state = RwSignal::new(RetryState::Idle);
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);
    let users_href = url::users_page(&customer_id);

    let retry = {
        let customer_id = customer_id.clone();
        move |_| {
            let Some(failed) = results.with_untracked(|r| r.as_ref().map(SaveResults::retry_list))
            else {
                return;
            };
            if failed.is_empty() {
                return;
            }
            let pending: Vec<PendingUser> = failed
                .into_iter()
                .map(|r| PendingUser {
                    name: r.name,
                    before: r.before,
                    request: r.request,
                })
                .collect();
            retry_state.set(RetryState::Running {
                done: 0,
                total: pending.len(),
            });
            let token = auth.token().unwrap_or_default();
            let customer_id = customer_id.clone();
            spawn_local(async move {
                let (newer, error) =
                    save::send_updates(&token, &customer_id, pending, |done, total| {
                        retry_state.set(RetryState::Running { done, total })
                    })
                    .await;
                results.update(|r| {
                    if let Some(r) = r {
                        r.merge(
                            newer
                                .into_iter()
                                .filter(|u| !matches!(u.outcome, Outcome::NotSent))
                                .collect(),
                        );
                    }
                });
                skus.refetch();
                subscriptions.refetch();
                retry_state.set(error.map_or(RetryState::Idle, RetryState::Failed));
            });
        }
    };

    let open_buy_more = Callback::new(move |(sku_id, short_by): (String, u32)| {
        let Some(subscription) = subscription_list
            .with_untracked(|subs| subs.iter().find(|s| s.sku_id == sku_id).cloned())
        else {
            return;
        };
        let product_name = sku_list.with_untracked(|s| error_text::product_name(s, &sku_id));
        buy_target.set(Some(BuyMoreTarget {
            product_name,
            subscription_id: subscription.id,
            quantity: subscription.quantity,
            suggested: short_by.max(1),
        }));
    });

    let crumbs = customer_trail(company_name, &customer_id, Some(key!("updated.title")));

    // Positions of the results in the reader's order (ties by user id).
    let order = Memo::new(move |_| {
        let lang = i18n.lang.get();
        results.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let mut by_id: Vec<usize> = (0..r.users.len()).collect();
            by_id.sort_by(|&a, &b| r.users[a].user_id.cmp(&r.users[b].user_id));
            order_by_name(
                lang,
                by_id.iter().map(|&i| r.users[i].name.as_str()),
                by_id.len(),
            )
            .into_iter()
            .map(|i| by_id[i])
            .collect::<Vec<usize>>()
        })
    });
    let page = RwSignal::new(1u32);
    let page_count = Signal::derive(move || {
        let pages = order.with(Vec::len).div_ceil(RESULTS_PER_PAGE).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    });
    let shown = move || {
        let first = (page.get().min(page_count.get()) as usize - 1) * RESULTS_PER_PAGE;
        order.with(|order| {
            results.with(|r| {
                r.as_ref().map_or_else(Vec::new, |r| {
                    order
                        .iter()
                        .skip(first)
                        .take(RESULTS_PER_PAGE)
                        .map(|&i| r.users[i].clone())
                        .collect::<Vec<UserResult>>()
                })
            })
        })
    };

    view! {
        <section class="page" data-testid="licenses-updated-page">
            <Breadcrumbs crumbs=crumbs />
            <h1 class="page__title">{move || i18n.t(key!("updated.title"))}</h1>
            {move || match results.with(|r| r.as_ref().map(|r| (r.succeeded(), r.failed()))) {
                None => {
                    view! {
                        <p class="notice" data-testid="no-results">
                            {move || i18n.t(key!("updated.no_results"))}
                        </p>
                    }
                        .into_any()
                }
                Some((succeeded, failed)) => {
                    view! {
                        <p class="page__intro" data-testid="results-summary" role="status">
                            {move || i18n.t_count(key!("updated.succeeded"), succeeded, &[])}
                            {move || {
                                (failed > 0)
                                    .then(|| i18n.t_count(key!("updated.failed"), failed, &[]))
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            <div class="command-bar">
                <A
                    href=users_href.clone()
                    attr:class="command-bar__link"
                    attr:data-testid="back-to-users"
                >
                    {move || i18n.t(key!("updated.back_to_users"))}
                </A>
                {move || {
                    let failed = results.with(|r| r.as_ref().map(SaveResults::failed).unwrap_or(0));
                    (failed > 0)
                        .then(|| {
                            let retry = retry.clone();
                            view! {
                                <button
                                    type="button"
                                    class="button button--primary"
                                    data-testid="retry-failed"
                                    disabled=move || {
                                        matches!(retry_state.get(), RetryState::Running { .. })
                                    }
                                    on:click=retry
                                >
                                    {move || {
                                        i18n.t_count(key!("updated.retry_failed"), failed, &[])
                                    }}
                                </button>
                            }
                        })
                }}
            </div>
            {move || match retry_state.get() {
                RetryState::Idle => ().into_any(),
                RetryState::Running { done, total } => {
                    view! { <SaveProgress done total /> }.into_any()
                }
                RetryState::Failed(error) => {
                    view! {
                        <ErrorPanel title_key=key!("updated.retry_failed_title") error=error />
                    }
                        .into_any()
                }
            }}
            <ul class="results" data-testid="results">
                {
                    let customer_id = customer_id.clone();
                    move || {
                        shown()
                            .into_iter()
                            .map(|user| {
                                view! {
                                    <ResultRow
                                        user=user
                                        skus=sku_list
                                        customer_id=customer_id.clone()
                                        on_buy_more=open_buy_more
                                    />
                                }
                            })
                            .collect_view()
                    }
                }
            </ul>
            {move || {
                (page_count.get() > 1)
                    .then(|| {
                        view! {
                            <Pager
                                page=page
                                page_count=page_count
                                on_page=Callback::new(move |p| page.set(p))
                            />
                        }
                    })
            }}
            <BuyMoreDialog
                target=buy_target
                customer_id=customer_id.clone()
                on_bought=Callback::new(move |_| {
                    skus.refetch();
                    subscriptions.refetch();
                })
            />
        </section>
    }
}

/// One user's result: status, licenses now, +/- changes, and each error with its next step.
#[component]
fn ResultRow(
    user: UserResult,
    skus: Signal<Vec<SubscribedSku>>,
    customer_id: String,
    on_buy_more: Callback<(String, u32)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (added, removed) = user.changes();
    let (status, status_key, status_class) = match &user.outcome {
        Outcome::Succeeded { .. } => (
            "succeeded",
            key!("updated.status.succeeded"),
            "badge badge--success",
        ),
        Outcome::Failed { .. } => (
            "failed",
            key!("updated.status.failed"),
            "badge badge--error",
        ),
        Outcome::NotSent => (
            "not_sent",
            key!("updated.status.not_sent"),
            "badge badge--error",
        ),
    };
    let now: Vec<String> = match &user.outcome {
        Outcome::Succeeded { licenses, .. } => licenses.iter().map(|l| l.sku_id.clone()).collect(),
        _ => user.before.clone(),
    };
    let names = move |ids: &[String]| -> Vec<String> {
        skus.with(|s| {
            let mut names: Vec<String> = ids
                .iter()
                .map(|id| error_text::product_name(s, id))
                .collect();
            names.sort();
            names
        })
    };
    let outcome = user.outcome.clone();
    let user_id = user.user_id.clone();
    view! {
        <li class="result" data-testid="result" data-status=status>
            <div class="result__head">
                <span class="result__name" data-testid="result-name">
                    {user.name.clone()}
                </span>
                <span class=status_class>{move || i18n.t(status_key)}</span>
            </div>
            <p class="result__licenses" data-testid="result-licenses">
                <span class="result__label">{move || i18n.t(key!("updated.licenses_now"))}</span>
                {
                    let now = now.clone();
                    move || {
                        let list = names(&now);
                        if list.is_empty() {
                            i18n.t(key!("users.no_licenses"))
                        } else {
                            list.join(", ")
                        }
                    }
                }
            </p>
            {(!added.is_empty() || !removed.is_empty())
                .then(|| {
                    view! {
                        <ul class="result__changes" data-testid="result-changes">
                            {move || {
                                names(&added)
                                    .into_iter()
                                    .map(|n| {
                                        view! {
                                            <li class="result__added">
                                                {i18n.t_with(key!("updated.added"), &[("product", n)])}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                            {move || {
                                names(&removed)
                                    .into_iter()
                                    .map(|n| {
                                        view! {
                                            <li class="result__removed">
                                                {i18n.t_with(key!("updated.removed"), &[("product", n)])}
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </ul>
                    }
                })}
            {match outcome {
                Outcome::Succeeded { .. } => ().into_any(),
                Outcome::NotSent => {
                    view! {
                        <p class="result__error" data-testid="result-error">
                            {move || i18n.t(key!("updated.not_sent"))}
                        </p>
                    }
                        .into_any()
                }
                Outcome::Failed { errors, code } => {
                    view! {
                        <ul class="result__errors">
                            {code
                                .map(|code| {
                                    view! {
                                        <li class="result__error" data-testid="result-error">
                                            {move || error_text::refused_user(&i18n, code)}
                                        </li>
                                    }
                                })}
                            {
                                let mut location_offered = false;
                                errors
                                    .into_iter()
                                    .map(|error| {
                                        let offer_location = matches!(
                                            error,
                                            LicenseError::MissingUsageLocation { .. }
                                        ) && !std::mem::replace(&mut location_offered, true);
                                        // One usage-location form per user, beside its first such error.
                                        view! {
                                            <ErrorLine
                                                error=error
                                                skus=skus
                                                user_id=user_id.clone()
                                                customer_id=customer_id.clone()
                                                on_buy_more=on_buy_more
                                                offer_location=offer_location
                                            />
                                        }
                                    })
                                    .collect_view()
                            }
                        </ul>
                    }
                        .into_any()
                }
            }}
        </li>
    }
}

/// One error in plain words, with the action that fixes it where there is one: Buy more for
/// seats, an inline usage location for a user without one.
#[component]
fn ErrorLine(
    error: LicenseError,
    skus: Signal<Vec<SubscribedSku>>,
    user_id: String,
    customer_id: String,
    on_buy_more: Callback<(String, u32)>,
    /// Whether this line carries the user's usage-location form.
    offer_location: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = {
        let error = error.clone();
        move || skus.with(|s| error_text::describe(&i18n, &error, s))
    };
    let action = match &error {
        LicenseError::NotEnoughSeats {
            sku_id, short_by, ..
        } => {
            let target = (sku_id.clone(), *short_by);
            Some(
                view! {
                    <button
                        type="button"
                        class="link-button"
                        data-testid="result-buy-more"
                        on:click=move |_| on_buy_more.run(target.clone())
                    >
                        {move || i18n.t(key!("manage.buy_more"))}
                    </button>
                }
                .into_any(),
            )
        }
        LicenseError::MissingUsageLocation { .. } if offer_location => {
            Some(view! { <UsageLocationForm user_id=user_id customer_id=customer_id /> }.into_any())
        }
        _ => None,
    };
    view! {
        <li
            class="result__error"
            data-testid="result-error"
            data-kind=format!("{:?}", error.kind())
        >
            <span>{text}</span>
            {action}
        </li>
    }
}

/// Sets a user's usage location in place (PATCH user), so a retry can succeed.
#[component]
fn UsageLocationForm(user_id: String, customer_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let value = RwSignal::new(String::new());
    let state = RwSignal::new(None::<Result<String, ApiError>>);
    let input_id = format!("location-{user_id}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = value.get_untracked().trim().to_uppercase();
        let token = auth.token().unwrap_or_default();
        let (customer_id, user_id) = (customer_id.clone(), user_id.clone());
        spawn_local(async move {
            let result = api::update_usage_location(&token, &customer_id, &user_id, &code).await;
            state.set(Some(result.map(|u| u.usage_location.unwrap_or(code))));
        });
    };
    view! {
        <form class="inline-form" data-testid="usage-location-form" on:submit=submit>
            <label for=input_id.clone()>{move || i18n.t(key!("updated.set_location"))}</label>
            <input
                id=input_id
                class="field__input field__input--short"
                maxlength="2"
                data-testid="usage-location-input"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <button type="submit" class="button" data-testid="usage-location-save">
                {move || i18n.t(key!("updated.set_location_button"))}
            </button>
            {move || match state.get() {
                None => ().into_any(),
                Some(Ok(code)) => {
                    view! {
                        <span class="inline-form__ok" role="status">
                            {move || {
                                i18n.t_with(
                                    key!("updated.location_set"),
                                    &[("location", code.clone())],
                                )
                            }}
                        </span>
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! { <ErrorPanel title_key=key!("updated.location_failed") error=error /> }
                        .into_any()
                }
            }}
        </form>
    }
}
