use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use licensing::contract::{
    CapabilityStatus, CustomerUser, LicenseError, LicenseSummary, ProductHolding, SubscribedSku,
    Subscription,
};
use licensing::rules::{
    build_updates, holdings, plan_user_update, seat_demand, ProductChange, ProductChoice,
    SeatDemand, TriState, UserPlan,
};

use crate::api::{self, ApiError, ApiResult};
use crate::auth::use_auth;
use crate::components::assigned_popover::AssignedPopover;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::error_panel::ErrorPanel;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::save_progress::SaveProgress;
use crate::components::service_plans::ServicePlans;
use crate::components::table_skeleton::TableSkeleton;
use crate::components::tri_state_checkbox::TriStateCheckbox;
use crate::components::user_chip::UserChip;
use crate::error_text;
use crate::i18n::{format_number, order_by_name, use_i18n, I18n};
use crate::model::save_results::{PendingUser, SaveResults};
use crate::resources::{self, use_customer_id};
use crate::save;
use crate::state::{self, customer_selection};
use crate::tasks;
use crate::url;

/// Chips drawn before the rest are summed up: thousands of chips help nobody.
const CHIPS_SHOWN: usize = 60;
/// Users listed with their problems before the rest are summed up.
const PROBLEMS_SHOWN: usize = 50;

/// The selected users still on the page, in the order they loaded (shared: 10,000 users are not
/// copied for every reader).
type SelectedUsers = Arc<Vec<CustomerUser>>;
/// Per product, the ids of the selected users who hold it.
type HolderIds = HashMap<String, Arc<BTreeSet<String>>>;

/// The partner's choice for one product, kept across refreshes of the counts.
#[derive(Clone, Copy)]
struct ChoiceSignals {
    state: RwSignal<TriState>,
    excluded: RwSignal<Option<BTreeSet<String>>>,
    plans_open: RwSignal<bool>,
}

/// Where saving stands.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    Idle,
    Saving { done: usize, total: usize },
    Failed(ApiError),
}

/// Steps 5-8 of the seed: the selected users' products as tri-state boxes, seats, service plans
/// and Buy more, a preview of the change and its problems from the shared rules, and Save.
///
/// Built in the task after the one that opened it: the click that navigates here also takes the
/// Users page down, and with 10,000 users selected the two together kept the main thread for
/// 60-100 ms on a busy 2-core machine. Until then (one task, usually not one frame) the page is
/// its loading placeholder.
#[component]
pub fn ManageLicensesPage() -> impl IntoView {
    let auth = use_auth();
    let customer_id = use_customer_id();
    let selection = customer_selection(&customer_id);
    // Two loads for the selection the page opened with (dropping a chip only narrows what is
    // shown and sent). The server's summary (holders per product) draws the boxes at once; the
    // users' details, in parallel chunks, then feed the previews, the Assigned names and Save.
    // The summary is asked for first: its request leaves in the task after the click, the page
    // is built in the one after that, while the server counts.
    let opened_with = StoredValue::new(
        selection.with_untracked(|s| s.ids().map(str::to_owned).collect::<Vec<_>>()),
    );
    let summary = LocalResource::new({
        let customer_id = customer_id.clone();
        move || {
            let token = auth.token();
            let customer_id = customer_id.clone();
            async move {
                let token = resources::signed_in(token).await;
                // The request (10,000 ids copied, written as JSON and handed to the browser) is
                // built in a task of its own, not in the click's.
                tasks::next_task().await;
                api::license_summary(&token, &customer_id, opened_with.get_value()).await
            }
        }
    });
    let started = RwSignal::new(false);
    leptos::task::spawn_local_scoped(async move {
        tasks::next_task().await;
        started.try_set(true);
    });
    view! {
        <Show
            when=move || started.get()
            fallback=|| {
                view! {
                    <section class="page" data-testid="manage-licenses-page" data-ready="false">
                        <TableSkeleton columns=4 rows=8 />
                    </section>
                }
            }
        >
            <ManageLicensesContent opened_with=opened_with summary=summary />
        </Show>
    }
}

#[component]
fn ManageLicensesContent(
    opened_with: StoredValue<Vec<String>>,
    summary: LocalResource<ApiResult<LicenseSummary>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let selection = customer_selection(&customer_id);
    let navigate = use_navigate();

    let company_name = resources::company_name(&customer_id);
    let skus = resources::subscribed_skus(&customer_id);
    let subscriptions = resources::subscriptions(&customer_id);

    let choices: StoredValue<HashMap<String, ChoiceSignals>> = StoredValue::new(HashMap::new());
    // The choices' signals belong to the page, not to one load of the counts: Buy more reloads
    // the counts, and signals owned by the load before would be disposed under the choices.
    let page_owner = Owner::current().expect("a component runs under an owner");
    let details: RwSignal<Option<SelectedUsers>> = RwSignal::new(None);
    let details_error: RwSignal<Option<ApiError>> = RwSignal::new(None);
    // Run under the page's owner: the request is aborted when the page goes, not when the
    // error panel whose Retry started it does.
    let load_details = Callback::new({
        let customer_id = customer_id.clone();
        let page_owner = page_owner.clone();
        move |()| {
            let customer_id = customer_id.clone();
            details_error.set(None);
            page_owner.with(|| {
                leptos::task::spawn_local_scoped(async move {
                    let token = resources::signed_in(auth.token_untracked()).await;
                    let ids = opened_with.get_value();
                    match api::list_users_by_ids(&token, &customer_id, &ids).await {
                        Ok(users) => {
                            details.try_set(Some(Arc::new(users)));
                        }
                        Err(error) => {
                            details_error.try_set(Some(error));
                        }
                    }
                })
            });
        }
    });
    // Once the products table is drawn with the server's counts (which are asked for signed in:
    // a reload of this page signs in first); not again for a new session. Loaded with the table,
    // their twenty answers, each parsed as it came, held the table back by about 100 ms.
    // The wait runs under the page's owner too: a rerun of this effect must not cancel it.
    let details_owner = page_owner.clone();
    Effect::new(move |started: Option<bool>| {
        let started = started.unwrap_or(false);
        let counted = summary.with(Option::is_some);
        if counted && !started {
            details_owner.with(|| {
                leptos::task::spawn_local_scoped(async move {
                    tasks::after_next_frame().await;
                    load_details.run(());
                })
            });
        }
        started || counted
    });
    let ready = Memo::new(move |_| details.with(Option::is_some));
    // On the first draw the chips follow the product table in a task of their own (60 chips and
    // the table together kept the main thread busy for most of 100 ms); after that, as one.
    let chips_ready = RwSignal::new(false);
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);
    let save_state = RwSignal::new(SaveState::Idle);
    let refresh_counts = Callback::new(move |_| {
        skus.refetch();
        subscriptions.refetch();
    });

    let crumbs = customer_trail(
        company_name,
        &customer_id,
        Some(key!("users.manage_licenses")),
    );
    let users_href = url::users_page(&customer_id);
    let customer_for_dialog = customer_id.clone();
    let customer_for_save = customer_id.clone();

    let body = move || {
        let navigate = navigate.clone();
        let page_owner = page_owner.clone();
        let users_href = users_href.clone();
        let customer_for_save = customer_for_save.clone();
        Suspend::new(async move {
            let loaded = (summary.await, skus.await, subscriptions.await);
            let (opening, all_skus, all_subscriptions) = match loaded {
                (Ok(u), Ok(s), Ok(subs)) => (u, s, subs),
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                    return view! {
                        <ErrorPanel
                            title_key=key!("manage.load_failed")
                            error=e
                            on_retry=Callback::new(move |_| {
                                summary.refetch();
                                skus.refetch();
                                subscriptions.refetch();
                            })
                        />
                    }
                    .into_any();
                }
            };
            // Shown when nothing is selected: on arrival, or after every chip was dropped.
            let no_selection = {
                let users_href = users_href.clone();
                move || {
                    view! {
                        <p class="notice" data-testid="no-selection">
                            {move || i18n.t(key!("manage.no_selection"))}
                        </p>
                        <a class="button" href=users_href.clone()>
                            {move || i18n.t(key!("manage.back_to_users"))}
                        </a>
                    }
                }
            };
            if selection.with_untracked(|s| s.is_empty()) || opening.users == 0 {
                return no_selection().into_any();
            }
            let skus_v = StoredValue::new(all_skus);
            let subs_v = StoredValue::new(all_subscriptions);
            let opening = StoredValue::new(opening);

            // The selected users still on the page, once their details are in (empty before).
            // Nothing here sorts all of them: only what is shown (chips, names in a popover,
            // problems) is put in the reader's order.
            let selected: Memo<SelectedUsers> = Memo::new(move |_| {
                selection.with(|s| {
                    details.with(|all| match all {
                        None => SelectedUsers::default(),
                        Some(all) if all.iter().all(|u| s.contains(&u.id)) => Arc::clone(all),
                        Some(all) => {
                            Arc::new(all.iter().filter(|u| s.contains(&u.id)).cloned().collect())
                        }
                    })
                })
            });
            // How many users are selected, and how many hold each product: from the summary
            // until the details are in, then from the details (chips may have been dropped).
            let selected_count = Memo::new(move |_| {
                if ready.get() {
                    selected.with(|users| users.len())
                } else {
                    opening.with_value(|o| o.users)
                }
            });
            let holder_ids: Memo<HolderIds> = Memo::new(move |_| {
                selected.with(|users| {
                    skus_v.with_value(|skus| {
                        skus.iter()
                            .map(|sku| {
                                let ids = users
                                    .iter()
                                    .filter(|u| u.holds(sku.sku_id()))
                                    .map(|u| u.id.clone())
                                    .collect();
                                (sku.sku_id().to_owned(), Arc::new(ids))
                            })
                            .collect()
                    })
                })
            });
            // Per product, how many selected users hold it and the plans they all lack: the
            // server's summary until the details are in, then the same rule over the details
            // (chips may have been dropped since).
            let holdings_now: Memo<Vec<ProductHolding>> = Memo::new(move |_| {
                if ready.get() {
                    selected.with(|users| skus_v.with_value(|skus| holdings(users.iter(), skus)))
                } else {
                    opening.with_value(|o| o.products.clone())
                }
            });

            // Each product's signals, created once per product and kept across count refreshes.
            let rows_init: Vec<(SubscribedSku, ChoiceSignals, TriState)> =
                skus_v.with_value(|skus| {
                    skus.iter()
                        .map(|sku| {
                            let holders = holdings_now
                                .with_untracked(|h| holding_of(h, sku.sku_id()).holders);
                            let initial =
                                TriState::from_counts(holders, selected_count.get_untracked());
                            let signals = choices.try_update_value(|map| {
                                *map.entry(sku.sku_id().to_owned()).or_insert_with(|| {
                                    page_owner.with(|| ChoiceSignals {
                                        state: RwSignal::new(initial),
                                        excluded: RwSignal::new(None),
                                        plans_open: RwSignal::new(false),
                                    })
                                })
                            });
                            (
                                sku.clone(),
                                signals.expect("choices live as long as the page"),
                                initial,
                            )
                        })
                        .collect()
                });

            let product_choices = Memo::new(move |_| {
                let holders = holder_ids.get();
                skus_v.with_value(|skus| {
                    skus.iter()
                        .filter_map(|sku| {
                            let signals = choices.with_value(|m| m.get(sku.sku_id()).copied())?;
                            Some(ProductChoice {
                                sku_id: sku.sku_id().to_owned(),
                                state: signals.state.get(),
                                holders: holders.get(sku.sku_id()).cloned().unwrap_or_default(),
                                excluded_plans: signals
                                    .excluded
                                    .get()
                                    .map(|set| set.into_iter().collect()),
                            })
                        })
                        .collect::<Vec<_>>()
                })
            });
            let changes = Memo::new(move |_| {
                if !ready.get() {
                    return Vec::new();
                }
                let users = selected.with(|users| users.len());
                product_choices
                    .get()
                    .into_iter()
                    .map(|c| {
                        let change = c.change_among(users);
                        (c.sku_id, change)
                    })
                    .collect::<Vec<(String, ProductChange)>>()
            });
            let updates = Memo::new(move |_| {
                let users = selected.get();
                build_updates(users.iter().map(|u| u.id.as_str()), &product_choices.get())
            });
            // Each user's outcome from the same rules the server applies: the problems to show,
            // and the seats the users who will succeed take or free (so "Buy N more" is exact).
            let plans = Memo::new(move |_| {
                let users = selected.get();
                let updates = updates.get();
                let by_id = index_by_id(&users);
                skus_v.with_value(|skus| {
                    updates
                        .iter()
                        .filter_map(|update| {
                            let user = by_id.get(update.user_id.as_str())?;
                            let plan = plan_user_update(
                                user,
                                &update.licenses_to_assign,
                                &update.licenses_to_remove,
                                skus,
                            );
                            Some((user.display_name.clone(), plan))
                        })
                        .collect::<Vec<(String, Result<UserPlan, Vec<LicenseError>>)>>()
                })
            });
            let problems = Memo::new(move |_| {
                plans
                    .get()
                    .into_iter()
                    .filter_map(|(name, plan)| plan.err().map(|errors| (name, errors)))
                    .collect::<Vec<(String, Vec<LicenseError>)>>()
            });
            let demand = Memo::new(move |_| {
                plans.with(|plans| {
                    let ok = plans.iter().filter_map(|(_, plan)| plan.as_ref().ok());
                    skus_v.with_value(|skus| seat_demand(skus, ok))
                })
            });
            let short = Memo::new(move |_| {
                demand
                    .get()
                    .into_iter()
                    .filter(|d| d.short_by() > 0)
                    .collect::<Vec<SeatDemand>>()
            });

            let open_buy_more = Callback::new(move |sku_id: String| {
                let suggested = demand
                    .with_untracked(|d| {
                        d.iter()
                            .find(|x| x.sku_id == sku_id)
                            .map(SeatDemand::short_by)
                    })
                    .unwrap_or(0);
                let Some(subscription) =
                    subs_v.with_value(|subs| subs.iter().find(|s| s.sku_id == sku_id).cloned())
                else {
                    return;
                };
                let product_name =
                    skus_v.with_value(|skus| error_text::product_name(skus, &sku_id));
                buy_target.set(Some(BuyMoreTarget {
                    product_name,
                    subscription_id: subscription.id,
                    quantity: subscription.quantity,
                    suggested: suggested.max(1),
                }));
            });

            let rows = rows_init
                .into_iter()
                .map(|(sku, signals, initial)| {
                    view! {
                        <ProductRow
                            sku=sku
                            signals=signals
                            initial=initial
                            selected=selected
                            selected_count=selected_count
                            holdings=holdings_now
                            ready=ready
                            demand=demand
                            subscriptions=subs_v
                            on_buy_more=open_buy_more
                        />
                    }
                })
                .collect_view();

            let save = move |_| {
                if !ready.get_untracked()
                    || !short.get_untracked().is_empty()
                    || updates.with_untracked(Vec::is_empty)
                {
                    return;
                }
                let users = selected.get_untracked();
                let by_id = index_by_id(&users);
                let pending: Vec<PendingUser> = updates
                    .get_untracked()
                    .into_iter()
                    .filter_map(|request| {
                        let user = by_id.get(request.user_id.as_str())?;
                        Some(PendingUser {
                            name: user.display_name.clone(),
                            before: user
                                .assigned_licenses
                                .iter()
                                .map(|l| l.sku_id.clone())
                                .collect(),
                            request,
                        })
                    })
                    .collect();
                let total = pending.len();
                save_state.set(SaveState::Saving { done: 0, total });
                let token = auth.token().unwrap_or_default();
                let customer_id = customer_for_save.clone();
                let navigate = navigate.clone();
                spawn_local(async move {
                    let (results, error) =
                        save::send_updates(&token, &customer_id, pending, |done, total| {
                            save_state.set(SaveState::Saving { done, total })
                        })
                        .await;
                    let answered = results.iter().any(|r| {
                        !matches!(r.outcome, crate::model::save_results::Outcome::NotSent)
                    });
                    match error {
                        // Nothing reached the server: stay, with every choice as it was.
                        Some(error) if !answered => save_state.set(SaveState::Failed(error)),
                        _ => {
                            state::store_results(&customer_id, &SaveResults { users: results });
                            save_state.set(SaveState::Idle);
                            navigate(
                                &url::licenses_updated_page(&customer_id),
                                Default::default(),
                            );
                        }
                    }
                });
            };

            // Chips come from the selection itself (it keeps each user's name), so they show
            // with the boxes, before the details are in; users the server did not find are left
            // out.
            let chips = move || {
                let unknown: BTreeSet<String> =
                    opening.with_value(|o| o.unknown_user_ids.iter().cloned().collect());
                let users: Vec<(String, String)> = selection.with(|s| {
                    s.entries()
                        .filter(|(id, _)| !unknown.contains(*id))
                        .map(|(id, u)| (id.to_owned(), u.name.clone()))
                        .collect()
                });
                let hidden = users.len().saturating_sub(CHIPS_SHOWN);
                let shown = order_by_name(
                    i18n.lang.get(),
                    users.iter().map(|(_, name)| name.as_str()),
                    CHIPS_SHOWN,
                );
                view! {
                    <ul
                        class="user-chips"
                        data-testid="user-chips"
                        aria-label=move || i18n.t(key!("manage.selected_users_label"))
                    >
                        {shown
                            .into_iter()
                            .map(|i| {
                                let (id, name) = users[i].clone();
                                view! {
                                    <UserChip
                                        name=name
                                        disabled=Signal::derive(move || !ready.get())
                                        on_remove=Callback::new(move |_| {
                                            selection.update(|s| s.remove_all([id.as_str()]))
                                        })
                                    />
                                }
                            })
                            .collect_view()}
                        {(hidden > 0)
                            .then(|| {
                                view! {
                                    <li class="user-chips__more" data-testid="user-chips-more">
                                        {move || {
                                            i18n.t_count(key!("manage.more_users"), hidden, &[])
                                        }}
                                    </li>
                                }
                            })}
                    </ul>
                }
            };

            if !chips_ready.get_untracked() {
                set_timeout(
                    move || {
                        chips_ready.try_set(true);
                    },
                    std::time::Duration::ZERO,
                );
            }
            let none_left = move || selected_count.get() == 0;
            view! {
                {move || none_left().then(no_selection.clone())}
                <div hidden=none_left>
                    {move || chips_ready.get().then(chips)}
                    {move || {
                        details_error
                            .get()
                            .map(|error| {
                                view! {
                                    <ErrorPanel
                                        title_key=key!("manage.details_failed")
                                        error=error
                                        on_retry=load_details
                                    />
                                }
                            })
                    }}
                    <h2 class="page__subtitle">
                        {move || i18n.t(key!("manage.assign_and_revoke"))}
                    </h2> <table class="data-table products" data-testid="products-table">
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
                        <tbody>{rows}</tbody>
                    </table>
                    <ChangeSummary changes=changes skus=skus_v problems=problems short=short />
                    <div class="save-bar">
                        <button
                            type="button"
                            class="button button--primary"
                            data-testid="save"
                            aria-describedby="save-reason"
                            disabled=move || {
                                !ready.get() || !short.get().is_empty()
                                    || updates.with(Vec::is_empty)
                                    || matches!(save_state.get(), SaveState::Saving { .. })
                            }
                            on:click=save
                        >
                            {move || i18n.t(key!("manage.save"))}
                        </button>
                        <a class="button" href=users_href.clone() data-testid="cancel">
                            {move || i18n.t(key!("manage.cancel"))}
                        </a>
                        <span id="save-reason" class="save-bar__reason" data-testid="save-reason">
                            {move || {
                                if !ready.get() {
                                    i18n.t(key!("manage.checking_users"))
                                } else if !short.get().is_empty() {
                                    i18n.t(key!("manage.save_blocked_seats"))
                                } else if updates.with(Vec::is_empty) {
                                    i18n.t(key!("manage.nothing_to_save"))
                                } else {
                                    String::new()
                                }
                            }}
                        </span>
                    </div>
                    {move || match save_state.get() {
                        SaveState::Idle => ().into_any(),
                        SaveState::Saving { done, total } => {
                            view! { <SaveProgress done total /> }.into_any()
                        }
                        SaveState::Failed(error) => {
                            view! {
                                <ErrorPanel title_key=key!("manage.save_failed") error=error />
                            }
                                .into_any()
                        }
                    }}
                </div>
            }
            .into_any()
        })
    };

    view! {
        <section
            class="page"
            data-testid="manage-licenses-page"
            data-ready=move || ready.get().to_string()
        >
            <Breadcrumbs crumbs=crumbs />
            <h1 class="page__title">{move || i18n.t(key!("users.manage_licenses"))}</h1>
            <RoleRefusedNotice />
            <Transition fallback=move || {
                view! { <TableSkeleton columns=4 rows=8 /> }
            }>{body}</Transition>
            <BuyMoreDialog
                target=buy_target
                customer_id=customer_for_dialog
                on_bought=refresh_counts
            />
        </section>
    }
}

/// One product: its box, name, seats (now and after saving), holders, service plans, Buy more.
#[component]
fn ProductRow(
    sku: SubscribedSku,
    signals: ChoiceSignals,
    initial: TriState,
    selected: Memo<SelectedUsers>,
    selected_count: Memo<usize>,
    holdings: Memo<Vec<ProductHolding>>,
    ready: Memo<bool>,
    demand: Memo<Vec<SeatDemand>>,
    subscriptions: StoredValue<Vec<Subscription>>,
    on_buy_more: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sku_id = sku.sku_id().to_owned();
    let stem = format!("sku-{}", sku_id);
    let name_id = format!("{stem}-name");
    let effect_id = format!("{stem}-effect");
    let available = sku.available_units;
    let suspended = sku.capability_status == CapabilityStatus::Suspended;
    let can_buy =
        !suspended && subscriptions.with_value(|subs| subs.iter().any(|s| s.sku_id == sku_id));
    let row_demand = {
        let sku_id = sku_id.clone();
        Memo::new(move |_| demand.with(|d| d.iter().find(|x| x.sku_id == sku_id).cloned()))
    };
    let holding = {
        let sku_id = sku_id.clone();
        Memo::new(move |_| holdings.with(|h| holding_of(h, &sku_id).holders))
    };
    // The names in the Assigned popover are put in order only when it opens.
    let holder_names = {
        let sku_id = sku_id.clone();
        Callback::new(move |limit: usize| {
            let lang = i18n.lang.get_untracked();
            selected.with_untracked(|users| {
                let holders: Vec<&CustomerUser> =
                    users.iter().filter(|u| u.holds(&sku_id)).collect();
                order_by_name(lang, holders.iter().map(|u| u.display_name.as_str()), limit)
                    .into_iter()
                    .map(|i| holders[i].display_name.clone())
                    .collect::<Vec<String>>()
            })
        })
    };
    // Plans shown cleared only when every holder lacks them alike.
    let initial_excluded: BTreeSet<String> = holdings.with_untracked(|h| {
        holding_of(h, &sku_id)
            .common_excluded_plans
            .iter()
            .cloned()
            .collect()
    });
    let plans = sku.service_plans.clone();
    let product_name = sku.product_sku.name.clone();
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
                    <span id=name_id class="products__name" data-testid="product-name">
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
                        let users = selected_count.get();
                        let holding = holding.get();
                        match signals.state.get() {
                            TriState::Checked if holding < users => {
                                i18n.t_count(key!("manage.effect.assign"), users - holding, &[])
                            }
                            TriState::Clear if holding > 0 => {
                                i18n.t_count(key!("manage.effect.revoke"), holding, &[])
                            }
                            TriState::Mixed => i18n.t(key!("manage.effect.keep")),
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
                    row_demand
                        .get()
                        .filter(|d| d.new_seats > 0 || d.freed_seats > 0)
                        .map(|d| {
                            let after = d.available_after();
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
                    let short_by = row_demand.get().map(|d| d.short_by()).unwrap_or(0);
                    (can_buy && (available == 0 || short_by > 0))
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
                // Drawn when first opened, then kept: a product can have dozens of plans, and
                // building every product's boxes up front delayed the page.
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

/// "Assign Office 365 E3 to 3 users; revoke Visio Plan 2 from 2 users", and every problem the
/// shared rules foresee, per user.
#[component]
fn ChangeSummary(
    changes: Memo<Vec<(String, ProductChange)>>,
    skus: StoredValue<Vec<SubscribedSku>>,
    problems: Memo<Vec<(String, Vec<LicenseError>)>>,
    short: Memo<Vec<SeatDemand>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lines = move || {
        changes
            .get()
            .into_iter()
            .filter_map(|(sku_id, change)| {
                let product = skus.with_value(|s| error_text::product_name(s, &sku_id));
                summary_line(&i18n, &product, change)
            })
            .collect::<Vec<_>>()
    };
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
                let short = short.get();
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
                                        .filter_map(|d| d.error())
                                        .map(|e| {
                                            let text = skus
                                                .with_value(|s| error_text::describe(&i18n, &e, s));
                                            view! { <li>{text}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
            {move || {
                let mut problems = problems.get();
                let count = problems.len();
                let order = order_by_name(
                    i18n.lang.get(),
                    problems.iter().map(|(name, _)| name.as_str()),
                    PROBLEMS_SHOWN,
                );
                let hidden = count - order.len();
                let problems: Vec<(String, Vec<LicenseError>)> = order
                    .into_iter()
                    .map(|i| std::mem::take(&mut problems[i]))
                    .collect();
                (count > 0)
                    .then(|| {
                        view! {
                            <div class="problems" data-testid="problems">
                                <h3 class="problems__title">
                                    {move || {
                                        i18n.t_count(key!("manage.problems_title"), count, &[])
                                    }}
                                </h3>
                                <ul class="problems__list">
                                    {problems
                                        .into_iter()
                                        .map(|(name, errors)| {
                                            view! {
                                                <li data-testid="problem">
                                                    <span class="problems__user">{name}</span>
                                                    <ul>
                                                        {errors
                                                            .into_iter()
                                                            .map(|e| {
                                                                let text = skus
                                                                    .with_value(|s| error_text::describe(&i18n, &e, s));
                                                                view! { <li>{text}</li> }
                                                            })
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
                                                    {move || {
                                                        i18n.t_count(key!("manage.more_users"), hidden, &[])
                                                    }}
                                                </li>
                                            }
                                        })}
                                </ul>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

fn summary_line(i18n: &I18n, product: &str, change: ProductChange) -> Option<String> {
    let product = product.to_owned();
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
                &[("product", product.clone())],
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

/// The users by id, for the per-user lookups of a preview or a save (a search per user is
/// quadratic at 10,000 users).
fn index_by_id(users: &[CustomerUser]) -> HashMap<&str, &CustomerUser> {
    users.iter().map(|u| (u.id.as_str(), u)).collect()
}

/// One product's holding; a product missing from it is held by nobody.
fn holding_of<'a>(
    holdings: &'a [ProductHolding],
    sku_id: &str,
) -> std::borrow::Cow<'a, ProductHolding> {
    holdings
        .iter()
        .find(|h| h.sku_id == sku_id)
        .map_or_else(Default::default, std::borrow::Cow::Borrowed)
}
