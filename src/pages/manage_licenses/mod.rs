//! Steps 5-8 of the seed: the selected users' products as tri-state boxes, seats, service plans
//! and Buy more, a preview of the change and its problems from the shared rules, and Save.

mod change_summary;
mod choices;
mod confirm_dialog;
mod open_with;
mod product_row;
mod replace_section;
mod save_bar;
mod user_chips;

use std::collections::BTreeSet;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use licensing::contract::{CustomerUser, LicenseSummary, UserLicenseUpdate};
use licensing::rules::{preview, Preview, Replacement, Selected, TriState};

use self::change_summary::ChangeSummary;
use self::choices::Choices;
use self::confirm_dialog::ConfirmLossDialog;
use self::open_with::OpenWith;
use self::product_row::{ProductRow, ProductsTable};
use self::replace_section::ReplaceSection;
use self::save_bar::SaveBar;
use self::user_chips::UserChips;
use crate::api::ApiResult;
use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::error_panel::ErrorPanel;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::use_i18n;
use crate::model::progress::Progress;
use crate::model::save_results::PendingUser;
use crate::model::selection::Selection;
use crate::pages::users::selected_user;
use crate::resources::{self, signed_in_resource, use_customer_id, Loaded, Products};
use crate::save::SaveTo;
use crate::state::customer_selection;
use crate::tasks;
use crate::url;

/// The selected users, shared: 10,000 users are not copied for every reader.
type SelectedUsers = Arc<Vec<CustomerUser>>;

/// Manage licenses for the users selected when it opened (dropping a chip only narrows what is
/// shown and sent). The server's summary of them draws the boxes at once; their details, loaded
/// once the table is drawn, then feed the preview, the Assigned names and Save.
#[component]
pub fn ManageLicensesPage() -> impl IntoView {
    let customer_id = use_customer_id();
    let opened_with = StoredValue::new(
        customer_selection(&customer_id)
            .with_untracked(|s| s.ids().map(str::to_owned).collect::<Vec<_>>()),
    );
    // Asked for first, while the click that opened the page is still being handled.
    let summary = signed_in_resource({
        let customer_id = customer_id.clone();
        move |client| {
            let customer_id = customer_id.clone();
            async move {
                client
                    .license_summary(&customer_id, opened_with.get_value())
                    .await
            }
        }
    });
    let details = signed_in_resource(move |client| {
        let customer_id = customer_id.clone();
        async move {
            // Once the table is drawn with the summary's counts: parsed with it, they delay it.
            // Waited for, not followed: a new summary is the body's Retry, which reloads these.
            ScopedFuture::new_untracked(std::future::IntoFuture::into_future(summary)).await?;
            tasks::after_drawn().await;
            let ids = opened_with.get_value();
            client
                .list_users_by_ids(&customer_id, &ids)
                .await
                .map(Arc::new)
        }
    });
    // The page is built once the click's task (which also took the Users page down) is over.
    let drawn = RwSignal::new(false);
    tasks::mark_when_drawn(drawn);
    view! {
        <Show
            when=move || drawn.get()
            fallback=|| {
                view! {
                    <section class="page" data-testid="manage-licenses-page" data-ready="false">
                        <TableSkeleton columns=4 rows=8 />
                    </section>
                }
            }
        >
            <ManageLicensesContent summary=summary details=details />
        </Show>
    }
}

#[component]
fn ManageLicensesContent(
    summary: Loaded<ApiResult<LicenseSummary>>,
    details: Loaded<ApiResult<SelectedUsers>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let selection = customer_selection(&customer_id);
    let navigate = use_navigate();
    let company_name = resources::company_name(&customer_id);
    let products = Products::load(&customer_id);
    let choices = Choices::of_page();
    let replacement = RwSignal::new(None::<Replacement>);
    let confirm_open = RwSignal::new(false);
    let progress = RwSignal::new(Progress::Idle);
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);
    let open_with = StoredValue::new(OpenWith::from_address());

    // A selection given in the address (`?users=`) has only ids: the details name them.
    Effect::new(move |_| {
        details.with(|loaded| match loaded {
            Some(Ok(users)) if selection.with_untracked(Selection::has_unnamed) => {
                selection.update(|s| s.name_from(users.iter().map(selected_user)));
            }
            _ => {}
        })
    });

    // The details are read here, outside the Transition: read under it, they would hold the
    // table back until they are in.
    let selected: Memo<Option<SelectedUsers>> = Memo::new(move |_| {
        details.with(|loaded| {
            let all = loaded.as_ref()?.as_ref().ok()?;
            Some(selection.with(|s| {
                if all.iter().all(|u| s.contains(&u.id)) {
                    Arc::clone(all)
                } else {
                    Arc::new(all.iter().filter(|u| s.contains(&u.id)).cloned().collect())
                }
            }))
        })
    });
    let ready = Memo::new(move |_| selected.with(Option::is_some));
    let details_error = Memo::new(move |_| {
        details.with(|loaded| loaded.as_ref().and_then(|r| r.as_ref().err().cloned()))
    });

    let save = Callback::new({
        let customer_id = customer_id.clone();
        move |updates: Vec<UserLicenseUpdate>| {
            let (Some(client), Some(users)) = (auth.client_untracked(), selected.get_untracked())
            else {
                return;
            };
            let pending = PendingUser::for_updates(&users, updates);
            let replaced = replacement.get_untracked().map(|r| (r.from, r.to));
            let customer_id = customer_id.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let to = SaveTo {
                    client: &client,
                    customer_id: &customer_id,
                    progress,
                    dry_run: false,
                };
                if to.save(pending, replaced).await.is_some() {
                    navigate(
                        &url::licenses_updated_page(&customer_id),
                        Default::default(),
                    );
                }
            });
        }
    });

    let crumbs = customer_trail(
        company_name,
        &customer_id,
        Some(key!("users.manage_licenses")),
    );
    let users_href = url::users_page(&customer_id);
    let chips_drawn = RwSignal::new(false);

    let body = move || {
        let users_href = users_href.clone();
        Suspend::new(async move {
            let (opening, catalogue, all_subscriptions) = match (
                summary.await,
                products.catalogue.await,
                products.subscriptions.await,
            ) {
                (Ok(o), Ok(c), Ok(s)) => (o, c, s),
                (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
                    return view! {
                        <ErrorPanel
                            title_key=key!("manage.load_failed")
                            error=error
                            on_retry=Callback::new(move |_| {
                                summary.refetch();
                                details.refetch();
                                products.refetch();
                            })
                        />
                    }
                    .into_any();
                }
            };
            // Shown when nothing is selected: on arrival, or after every chip was dropped.
            let cancel_href = users_href.clone();
            let no_selection = move || {
                view! {
                    <p class="notice" data-testid="no-selection">
                        {move || i18n.t(key!("manage.no_selection"))}
                    </p>
                    <a class="button" href=users_href.clone()>
                        {move || i18n.t(key!("manage.back_to_users"))}
                    </a>
                }
            };
            if selection.with_untracked(|s| s.is_empty()) || opening.users == 0 {
                return no_selection().into_any();
            }
            // One preview per load of the products: a reload builds the rows, and this, anew.
            let skus_now = StoredValue::new(catalogue.clone());
            let opening = StoredValue::new(opening);
            let preview: Memo<Preview> = Memo::new_with_compare(
                move |_| {
                    let choices = choices.current();
                    replacement.with(|r| {
                        let r = r.as_ref();
                        skus_now.with_value(|skus| {
                            selected.with(|users| match users {
                                Some(users) => preview(Selected::Users(users), &choices, r, skus),
                                None => opening.with_value(|o| {
                                    preview(Selected::Summary(o), &choices, r, skus)
                                }),
                            })
                        })
                    })
                },
                // Any change of its inputs makes a new preview: comparing 10,000 updates costs.
                |_, _| true,
            );
            // Each product's box as the page opened it, and the plans every holder lacks alike.
            let opened: Vec<(TriState, BTreeSet<String>)> = preview.with_untracked(|p| {
                p.products
                    .iter()
                    .map(|product| {
                        let holding = &product.holding;
                        let excluded = holding.common_excluded_plans.iter().cloned().collect();
                        (TriState::from_counts(holding.holders, p.users), excluded)
                    })
                    .collect()
            });
            let opened_at = |position: Option<usize>| {
                position
                    .and_then(|at| opened.get(at).cloned())
                    .unwrap_or_else(|| (TriState::from_counts(0, 0), BTreeSet::new()))
            };
            // `?clear=<skuId>` (right-sizing on the Products page) opens with that box cleared.
            let cleared = use_query_map().with_untracked(|q| q.get("clear"));
            let signals = choices.for_catalogue(&catalogue, |sku_id| {
                if cleared.as_deref() == Some(sku_id) {
                    TriState::Clear
                } else {
                    opened_at(catalogue.position(sku_id)).0
                }
            });
            let positions = catalogue.clone();
            let open_buy_more = Callback::new(move |sku_id: String| {
                let short_by = positions
                    .position(&sku_id)
                    .and_then(|at| preview.with_untracked(|p| Some(p.products.get(at)?.short_by())))
                    .unwrap_or(0);
                buy_target.set(products.buy_more(&sku_id, short_by));
            });
            let rows = catalogue
                .iter()
                .zip(signals)
                .enumerate()
                .map(|(position, (sku, signals))| {
                    let (initial, initial_excluded) = opened_at(Some(position));
                    let can_buy =
                        BuyMoreTarget::for_product(sku.sku_id(), 0, &catalogue, &all_subscriptions)
                            .is_some();
                    let holders_open = open_with
                        .with_value(|o| o == &Some(OpenWith::Assigned(sku.sku_id().to_owned())));
                    view! {
                        <ProductRow
                            sku=sku.clone()
                            position=position
                            signals=signals
                            initial=initial
                            initial_excluded=initial_excluded
                            preview=preview
                            selected=selected
                            can_buy=can_buy
                            on_buy_more=open_buy_more
                            holders_open=holders_open
                        />
                    }
                })
                .collect_view();
            // Once: a reload of the products opens nothing again.
            let buy_now = open_with.with_value(|o| match o {
                Some(OpenWith::BuyMore(sku_id)) => Some(sku_id.clone()),
                _ => None,
            });
            open_with.set_value(None);
            if let Some(sku_id) = buy_now {
                open_buy_more.run(sku_id);
            }
            let unknown: BTreeSet<String> =
                opening.with_value(|o| o.unknown_user_ids.iter().cloned().collect());
            // On the first draw the chips follow the product table, once it is on screen.
            tasks::mark_when_drawn(chips_drawn);
            let none_left = move || preview.with(|p| p.users == 0);
            let send = Callback::new(move |()| {
                let updates =
                    preview.with_untracked(|p| p.blocker().is_none().then(|| p.updates.clone()));
                if let Some(updates) = updates {
                    save.run(updates);
                }
            });
            // A save that takes users' last mailbox or every license asks first.
            let on_save = Callback::new(move |()| {
                if preview.with_untracked(|p| p.impact.needs_confirmation()) {
                    confirm_open.set(true);
                } else {
                    send.run(());
                }
            });
            view! {
                {move || none_left().then(no_selection.clone())}
                <div hidden=none_left>
                    {move || {
                        let unknown = unknown.clone();
                        chips_drawn
                            .get()
                            .then(|| view! { <UserChips selection unknown ready=ready /> })
                    }}
                    {move || {
                        details_error
                            .get()
                            .map(|error| {
                                view! {
                                    <ErrorPanel
                                        title_key=key!("manage.details_failed")
                                        error=error
                                        on_retry=Callback::new(move |_| details.refetch())
                                    />
                                }
                            })
                    }}
                    <h2 class="page__subtitle">
                        {move || i18n.t(key!("manage.assign_and_revoke"))}
                    </h2> <ProductsTable>{rows}</ProductsTable>
                    <ReplaceSection replacement=replacement preview=preview skus=skus_now />
                    <ChangeSummary preview=preview skus=skus_now />
                    <ConfirmLossDialog open=confirm_open preview=preview on_confirm=send />
                    <SaveBar
                        preview=preview
                        progress=progress
                        on_save=on_save
                        users_href=cancel_href.clone()
                    />
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
                customer_id=customer_id.clone()
                on_bought=Callback::new(move |_| products.refetch())
            />
        </section>
    }
}
