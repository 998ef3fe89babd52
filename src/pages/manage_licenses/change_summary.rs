use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::rules::{Preview, ProductChange, ReplacementPreview, RevokedProduct, UserProblems};

use crate::error_text;
use crate::i18n::{order_by_name, use_i18n, I18n, Lang};

/// Users listed with their problems before the rest are summed up.
const PROBLEMS_SHOWN: usize = 50;
/// Skipped users named before the rest are summed up.
const SKIPPED_SHOWN: usize = 10;

/// "Assign Office 365 E3 to 3 users; revoke Visio Plan 2 from 2 users", the seats missing, and
/// every problem the shared rules foresee, per user.
#[component]
pub fn ChangeSummary(preview: Memo<Preview>, skus: StoredValue<Catalogue>) -> impl IntoView {
    let i18n = use_i18n();
    let lines = move || {
        preview.with(|p| {
            let mut lines: Vec<String> = p
                .changes()
                .filter_map(|(sku_id, change)| {
                    let product = skus.with_value(|s| s.name(sku_id).to_owned());
                    summary_line(&i18n, product, change)
                })
                .collect();
            if let Some(r) = p.replacement.as_ref().filter(|r| r.users > 0) {
                let (from, to) =
                    skus.with_value(|s| (s.name(&r.from).to_owned(), s.name(&r.to).to_owned()));
                lines.push(i18n.t_count(
                    key!("manage.summary.replace"),
                    r.users,
                    &[("from", from), ("to", to)],
                ));
            }
            lines
        })
    };
    let describe = move |error| skus.with_value(|s| error_text::describe(&i18n, &error, s));
    view! {
        <section class="summary" data-testid="change-summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="page__subtitle">
                {move || i18n.t(key!("manage.summary"))}
            </h2>
            {move || {
                let lines = lines();
                if lines.is_empty() {
                    view! {
                        <p class="data-table__muted">{move || i18n.t(key!("manage.no_changes"))}</p>
                    }
                        .into_any()
                } else {
                    view! {
                        <ul class="summary__list">
                            {lines
                                .into_iter()
                                .map(|l| view! { <li data-testid="summary-line">{l}</li> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            {move || {
                let lang = i18n.lang.get();
                preview
                    .with(|p| p.replacement.clone())
                    .filter(|r| r.skipped > 0)
                    .map(|r| view! { <Skipped replacement=r skus=skus lang=lang /> })
            }}
            {move || {
                let revoked = preview.with(|p| p.impact.revoked.clone());
                (!revoked.is_empty()).then(|| view! { <Losses revoked=revoked skus=skus /> })
            }}
            {move || {
                let short = preview.with(|p| p.shortages.clone());
                (!short.is_empty())
                    .then(|| {
                        view! {
                            <div
                                class="notice notice--error"
                                role="alert"
                                data-testid="seat-shortage"
                            >
                                <ul class="summary__list">
                                    {short
                                        .into_iter()
                                        .map(|e| view! { <li>{describe(e)}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                let lang = i18n.lang.get();
                let problems = preview.with(|p| p.problems.clone());
                (!problems.is_empty())
                    .then(|| view! { <Problems problems=problems skus=skus lang=lang /> })
            }}
        </section>
    }
}

/// The selected users a replacement leaves as they are, because they don't hold its product.
#[component]
fn Skipped(
    replacement: ReplacementPreview,
    skus: StoredValue<Catalogue>,
    lang: Lang,
) -> impl IntoView {
    let i18n = use_i18n();
    let from = skus.with_value(|s| s.name(&replacement.from).to_owned());
    let names = &replacement.skipped_names;
    let order = order_by_name(lang, names.iter().map(String::as_str), SKIPPED_SHOWN);
    let mut shown: Vec<String> = order.into_iter().map(|i| names[i].clone()).collect();
    let hidden = replacement.skipped - shown.len();
    if hidden > 0 {
        shown.push(i18n.t_count(key!("manage.more_users"), hidden, &[]));
    }
    let count = replacement.skipped;
    view! {
        <div class="summary__skipped" data-testid="replace-skipped">
            <h3 class="problems__title">
                {move || {
                    i18n.t_count(
                        key!("manage.replace.skipped"),
                        count,
                        &[("product", from.clone())],
                    )
                }}
            </h3>
            <p data-testid="replace-skipped-names">{shown.join(", ")}</p>
        </div>
    }
}

/// Per product taken from users (plainly or by a replacement): the service plans they lose.
#[component]
fn Losses(revoked: Vec<RevokedProduct>, skus: StoredValue<Catalogue>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="summary__losses" data-testid="impact">
            <h3 class="problems__title">{move || i18n.t(key!("manage.impact.title"))}</h3>
            <ul class="summary__list">
                {revoked
                    .into_iter()
                    .map(|r| {
                        let product = skus.with_value(|s| s.name(&r.sku_id).to_owned());
                        let plans: Vec<String> = r
                            .lost_plans
                            .iter()
                            .map(|p| p.display_name.clone())
                            .collect();
                        let users = r.users;
                        view! {
                            <li data-testid="impact-line">
                                {move || {
                                    if plans.is_empty() {
                                        i18n.t_count(
                                            key!("manage.impact.nothing_lost"),
                                            users,
                                            &[("product", product.clone())],
                                        )
                                    } else {
                                        i18n.t_count(
                                            key!("manage.impact.loses"),
                                            users,
                                            &[("product", product.clone()), ("plans", plans.join(", "))],
                                        )
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// The users the save would fail for, in the reader's order, each with every reason.
#[component]
fn Problems(
    problems: Vec<UserProblems>,
    skus: StoredValue<Catalogue>,
    /// The reader's language, which orders the names.
    lang: Lang,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = problems.len();
    let order = order_by_name(
        lang,
        problems.iter().map(|p| p.name.as_str()),
        PROBLEMS_SHOWN,
    );
    let hidden = count - order.len();
    let describe = move |error| skus.with_value(|s| error_text::describe(&i18n, &error, s));
    view! {
        <div class="problems" data-testid="problems">
            <h3 class="problems__title">
                {move || i18n.t_count(key!("manage.problems_title"), count, &[])}
            </h3>
            <ul class="problems__list">
                {order
                    .into_iter()
                    .map(|i| {
                        let user = problems[i].clone();
                        view! {
                            <li data-testid="problem">
                                <span class="problems__user">{user.name}</span>
                                <ul>
                                    {user
                                        .errors
                                        .into_iter()
                                        .map(|e| view! { <li>{describe(e)}</li> })
                                        .collect_view()}
                                </ul>
                            </li>
                        }
                    })
                    .collect_view()}
                {(hidden > 0)
                    .then(|| {
                        view! {
                            <li class="problems__more" data-testid="problems-more">
                                {move || i18n.t_count(key!("manage.more_users"), hidden, &[])}
                            </li>
                        }
                    })}
            </ul>
        </div>
    }
}

fn summary_line(i18n: &I18n, product: String, change: ProductChange) -> Option<String> {
    match change {
        ProductChange::Unchanged => None,
        ProductChange::Revoke { users } => Some(i18n.t_count(
            key!("manage.summary.revoke"),
            users,
            &[("product", product)],
        )),
        ProductChange::Assign {
            users,
            plan_updates,
        } if users > 0 => {
            let mut line = i18n.t_count(
                key!("manage.summary.assign"),
                users,
                &[("product", product)],
            );
            if plan_updates > 0 {
                line.push_str(&i18n.t_count(key!("manage.summary.and_plans"), plan_updates, &[]));
            }
            Some(line)
        }
        ProductChange::Assign { plan_updates, .. } => Some(i18n.t_count(
            key!("manage.summary.plans"),
            plan_updates,
            &[("product", product)],
        )),
    }
}
