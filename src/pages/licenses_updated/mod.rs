//! Licenses updated: what a save did, user by user; or, from an address alone, what a save
//! would do (a preview: a dry run, nothing saved).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use licensing::rules::{preview, Selected};

use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::error_panel::ErrorPanel;
use crate::components::export_dialog::{ExportDialog, ExportRequest};
use crate::components::pager::Pager;
use crate::components::save_progress::SaveProgress;
use crate::i18n::{order_by_name, use_i18n};
use crate::model::progress::Progress;
use crate::model::save_results::{PendingUser, SaveResults, UserResult};
use crate::ready::Busy;
use crate::resources::{self, use_customer_id, Products};
use crate::save::SaveTo;
use crate::state;
use crate::url;

mod export;
mod preview_address;
mod result_row;
mod usage_location_form;

use self::preview_address::PreviewAddress;
use self::result_row::ResultRow;

/// Results shown per page: a save of 10,000 users is read a page at a time.
const RESULTS_PER_PAGE: usize = 100;

/// Step 8 of the seed: every selected user with the licenses they now hold, what changed, and
/// each error in plain words with its next step; failures can be retried.
#[component]
pub fn LicensesUpdatedPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let previewing = PreviewAddress::from_address();
    // A preview never saves: its retries and its undo are dry runs too.
    let is_preview = previewing.is_some();
    let results = RwSignal::new(if is_preview {
        None
    } else {
        state::saved_results(&customer_id)
    });

    let company_name = resources::company_name(&customer_id);
    let products = Products::load(&customer_id);
    let catalogue = resources::loaded(products.catalogue);

    let retry_state = RwSignal::new(Progress::Idle);
    let page = RwSignal::new(1u32);
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);
    let users_href = url::users_page(&customer_id);

    // A preview: the users' updates as Manage licenses builds them (the shared preview), sent as
    // a dry run through the save's own path once signed in and the products are in (again
    // when they change: bought seats show in the preview).
    if let Some(address) = previewing {
        let customer_id = customer_id.clone();
        Effect::new(move |_| {
            let (Some(client), Some(skus)) = (auth.client(), products.catalogue.get()) else {
                return;
            };
            let skus = match skus {
                Ok(skus) => skus,
                Err(error) => return retry_state.set(Progress::Failed(error)),
            };
            let (address, customer_id) = (address.clone(), customer_id.clone());
            let busy = Busy::start();
            spawn_local(async move {
                let _busy = busy;
                let users = match client.list_users_by_ids(&customer_id, &address.users).await {
                    Ok(users) => users,
                    Err(error) => return retry_state.set(Progress::Failed(error)),
                };
                let updates = preview(Selected::Users(&users), &address.choices, None, &skus);
                let pending = PendingUser::for_updates(&users, updates.updates);
                let to = SaveTo {
                    client: &client,
                    customer_id: &customer_id,
                    progress: retry_state,
                    dry_run: true,
                };
                if let Some(kept) = to.save(pending, None).await {
                    results.set(Some(kept));
                }
            });
        });
    }

    let retry = {
        let customer_id = customer_id.clone();
        move |_| {
            let Some(client) = auth.client_untracked() else {
                return;
            };
            let Some(earlier) = results.get_untracked() else {
                return;
            };
            let failed = earlier.retry_list();
            if failed.is_empty() {
                return;
            }
            let pending: Vec<PendingUser> = failed
                .into_iter()
                .map(|r| PendingUser {
                    name: r.name,
                    upn: r.upn,
                    before: r.before,
                    request: r.request,
                })
                .collect();
            let customer_id = customer_id.clone();
            spawn_local(async move {
                let to = SaveTo {
                    client: &client,
                    customer_id: &customer_id,
                    progress: retry_state,
                    dry_run: is_preview,
                };
                if let Some(kept) = to.retry(pending, earlier).await {
                    results.set(Some(kept));
                }
                products.refetch();
            });
        }
    };

    // Undo sends every updated user back to what they held, as a save of its own: its own
    // keys, its own results (which replace these, so a reload shows them).
    let undo = {
        let customer_id = customer_id.clone();
        move |_| {
            let Some(client) = auth.client_untracked() else {
                return;
            };
            let pending = results.with_untracked(|r| r.as_ref().map(SaveResults::undo_list));
            let Some(pending) = pending.filter(|p| !p.is_empty()) else {
                return;
            };
            let customer_id = customer_id.clone();
            spawn_local(async move {
                let to = SaveTo {
                    client: &client,
                    customer_id: &customer_id,
                    progress: retry_state,
                    dry_run: is_preview,
                };
                if let Some(mut kept) = to.save(pending, None).await {
                    kept.undo = true;
                    if !is_preview {
                        state::store_results(&customer_id, &kept);
                    }
                    page.set(1);
                    results.set(Some(kept));
                }
                products.refetch();
            });
        }
    };

    let open_buy_more = Callback::new(move |(sku_id, short_by): (String, u32)| {
        buy_target.set(products.buy_more(&sku_id, short_by));
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
    let export = RwSignal::new(None::<ExportRequest>);
    let export_results = {
        let customer_id = customer_id.clone();
        move |_| {
            let request = export::results_export(customer_id.clone(), results, order, catalogue);
            export.set(Some(request));
        }
    };
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
            {is_preview
                .then(|| {
                    view! {
                        <p class="notice" data-testid="preview-note">
                            {move || i18n.t(key!("updated.preview_note"))}
                        </p>
                    }
                })}
            {move || match results.with(|r| r.as_ref().map(|r| (r.succeeded(), r.failed()))) {
                None if is_preview => ().into_any(),
                None => {
                    view! {
                        <p class="notice" data-testid="no-results">
                            {move || i18n.t(key!("updated.no_results"))}
                        </p>
                    }
                        .into_any()
                }
                Some((succeeded, failed)) => {
                    let undo = results.with(|r| r.as_ref().is_some_and(|r| r.undo));
                    view! {
                        {undo
                            .then(|| {
                                view! {
                                    <p class="notice" data-testid="undo-note">
                                        {move || i18n.t(key!("updated.undo_note"))}
                                    </p>
                                }
                            })}
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
                    let failed = results
                        .with(|r| r.as_ref().map(SaveResults::retryable).unwrap_or(0));
                    (failed > 0)
                        .then(|| {
                            let retry = retry.clone();
                            view! {
                                <button
                                    type="button"
                                    class="button button--primary"
                                    data-testid="retry-failed"
                                    disabled=move || retry_state.with(Progress::is_running)
                                    on:click=retry
                                >
                                    {move || {
                                        i18n.t_count(key!("updated.retry_failed"), failed, &[])
                                    }}
                                </button>
                            }
                        })
                }}
                {move || {
                    let offered = results
                        .with(|r| r.as_ref().is_some_and(|r| !r.undo && r.succeeded() > 0));
                    offered
                        .then(|| {
                            let undo = undo.clone();
                            view! {
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="undo"
                                    disabled=move || retry_state.with(Progress::is_running)
                                    on:click=undo
                                >
                                    {move || i18n.t(key!("updated.undo"))}
                                </button>
                            }
                        })
                }}
                {move || {
                    results
                        .with(Option::is_some)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button"
                                    data-testid="export-results"
                                    on:click=export_results.clone()
                                >
                                    {move || i18n.t(key!("export.results"))}
                                </button>
                            }
                        })
                }}
            </div>
            {move || match retry_state.get() {
                Progress::Idle | Progress::Done { .. } => ().into_any(),
                Progress::Running { done, total } => {
                    view! { <SaveProgress done total /> }.into_any()
                }
                Progress::Failed(error) => {
                    let title = if results.with(Option::is_none) {
                        key!("updated.preview_failed")
                    } else {
                        key!("updated.retry_failed_title")
                    };
                    // A preview that never came is not a retry that stopped.
                    view! { <ErrorPanel title_key=title error=error /> }
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
                                let replacement = results
                                    .with_untracked(|r| {
                                        r.as_ref().and_then(|r| r.replacement.clone())
                                    });
                                view! {
                                    <ResultRow
                                        user=user
                                        replacement=replacement
                                        skus=catalogue
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
                on_bought=Callback::new(move |_| products.refetch())
            />
            <ExportDialog request=export />
        </section>
    }
}
