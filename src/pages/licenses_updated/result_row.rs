use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::contract::LicenseError;

use super::usage_location_form::UsageLocationForm;
use crate::error_text;
use crate::i18n::use_i18n;
use crate::model::save_results::{Outcome, UserResult};

/// One user's result: status, licenses now, +/- changes, and each error with its next step.
#[component]
pub fn ResultRow(
    user: UserResult,
    skus: Memo<Catalogue>,
    customer_id: String,
    on_buy_more: Callback<(String, u32)>,
    /// The save's "Replace A with B": a user who lost A and gained B reads "A → B".
    replacement: Option<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (swapped, added, removed) = user.shown_changes(replacement.as_ref());
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
    let now = user.held_now();
    let names = move |ids: &[String]| -> Vec<String> {
        skus.with(|s| {
            let mut names: Vec<String> = ids.iter().map(|id| s.name(id).to_owned()).collect();
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
            {(!added.is_empty() || !removed.is_empty() || swapped.is_some())
                .then(|| {
                    view! {
                        <ul class="result__changes" data-testid="result-changes">
                            {swapped
                                .clone()
                                .map(|(from, to)| {
                                    view! {
                                        <li class="result__replaced" data-testid="result-replaced">
                                            {move || {
                                                let (from, to) = skus
                                                    .with(|s| (
                                                        s.name(&from).to_owned(),
                                                        s.name(&to).to_owned(),
                                                    ));
                                                i18n.t_with(
                                                    key!("updated.replaced"),
                                                    &[("from", from), ("to", to)],
                                                )
                                            }}
                                        </li>
                                    }
                                })}
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
    skus: Memo<Catalogue>,
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
