//! Import changes (Users and licenses → Import changes): a CSV file of license changes, read in
//! the browser and checked line by line against the customer's users and products before
//! anything is sent; its valid rows are previewed like Manage licenses and saved through the
//! same batch path, ending on Licenses updated.
//!
//! The page is built for size: static texts are [`text`] signals (one type for all of them) and
//! both lists are one paged text table, its rows drawn by one closure.

mod apply;
mod change_list;
mod file_picker;
mod preview_section;
mod problem_list;
mod shortages;
mod text_table;

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use licensing::contract::CustomerUser;
use licensing::csv::read_records;
use licensing::import::{preview_import, ImportCheck, ImportFile, ImportPreview};
use licensing::user_filter::UserFilter;

use self::file_picker::FilePicker;
use self::preview_section::ImportPreviewSection;
use self::problem_list::ProblemList;
use crate::api::ApiError;
use crate::auth::use_auth;
use crate::components::breadcrumbs::{customer_trail, Breadcrumbs};
use crate::components::buy_more_dialog::{BuyMoreDialog, BuyMoreTarget};
use crate::components::error_panel::ErrorPanel;
use crate::components::role_refused_notice::RoleRefusedNotice;
use crate::components::table_skeleton::TableSkeleton;
use crate::i18n::{use_i18n, Key};
use crate::model::progress::Progress;
use crate::ready::Busy;
use crate::resources::{self, use_customer_id, Products};
use crate::url;

/// A static text in the reader's language.
fn text(key: Key) -> Signal<String> {
    let i18n = use_i18n();
    Signal::derive(move || i18n.t(key))
}

/// A file checked against the users it was checked with.
pub struct Checked {
    pub users: Vec<CustomerUser>,
    pub check: ImportCheck,
}

/// Where the page stands with the chosen file.
#[derive(Clone)]
enum Stage {
    NoFile,
    /// The customer's users are loading, `done` of `total`.
    LoadingUsers {
        done: usize,
        total: usize,
    },
    LoadFailed(ApiError),
    Checked(Arc<Checked>),
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let customer_id = use_customer_id();
    let navigate = use_navigate();
    let company_name = resources::company_name(&customer_id);
    let products = Products::load(&customer_id);
    let skus = resources::loaded(products.catalogue);
    let stage = RwSignal::new(Stage::NoFile);
    let file = RwSignal::new(None::<(String, Arc<Vec<u8>>)>);
    let skip = RwSignal::new(false);
    let progress = RwSignal::new(Progress::Idle);
    let buy_target = RwSignal::new(None::<BuyMoreTarget>);

    // Checks the chosen file: what needs no data first, then against every user of the customer.
    let check_file = Callback::new({
        let customer_id = customer_id.clone();
        move |()| {
            let Some((_, bytes)) = file.get_untracked() else {
                return;
            };
            skip.set(false);
            progress.set(Progress::Idle);
            let parsed = match ImportFile::parse(read_records(&bytes)) {
                Ok(parsed) => parsed,
                Err(problems) => {
                    let check = ImportCheck::from_file_problems(problems);
                    let users = Vec::new();
                    return stage.set(Stage::Checked(Arc::new(Checked { users, check })));
                }
            };
            let Some(client) = auth.client_untracked() else {
                return;
            };
            stage.set(Stage::LoadingUsers { done: 0, total: 0 });
            let customer_id = customer_id.clone();
            let busy = Busy::start();
            spawn_local(async move {
                let _busy = busy;
                let loaded = client
                    .list_all_matching_users(
                        &customer_id,
                        None,
                        "",
                        &UserFilter::default(),
                        &|done, total| {
                            stage.try_set(Stage::LoadingUsers { done, total });
                        },
                    )
                    .await;
                let next = match loaded {
                    Ok(users) => {
                        let check = skus.with_untracked(|skus| parsed.check(&users, skus));
                        Stage::Checked(Arc::new(Checked { users, check }))
                    }
                    Err(error) => Stage::LoadFailed(error),
                };
                stage.try_set(next);
            });
        }
    });
    let on_file = Callback::new(move |(name, bytes): (String, Vec<u8>)| {
        file.set(Some((name, Arc::new(bytes))));
        check_file.run(());
    });

    // The preview of the valid rows, once no problem is left to show (or the wrong rows are
    // skipped); again when seats are bought.
    let preview: Memo<Option<Arc<ImportPreview>>> = Memo::new_with_compare(
        move |_| {
            let Stage::Checked(checked) = stage.get() else {
                return None;
            };
            let check = &checked.check;
            let shown = check.problems.is_empty() || (skip.get() && !check.has_file_problem());
            shown.then(|| {
                let preview =
                    skus.with(|skus| preview_import(&check.changes, &checked.users, skus));
                Arc::new(preview)
            })
        },
        // 10,000 previewed users are not compared: any new input is a new preview.
        |_, _| true,
    );

    let save = Callback::new({
        let customer_id = customer_id.clone();
        move |()| {
            let (Some(client), Stage::Checked(checked)) =
                (auth.client_untracked(), stage.get_untracked())
            else {
                return;
            };
            let customer_id = customer_id.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                let saved = apply::save_import(
                    &client,
                    &customer_id,
                    &checked.users,
                    &checked.check.changes,
                    progress,
                )
                .await;
                if saved.is_some() {
                    navigate(
                        &url::licenses_updated_page(&customer_id),
                        Default::default(),
                    );
                }
            });
        }
    });
    let open_buy_more = Callback::new(move |(sku_id, short_by): (String, u32)| {
        buy_target.set(products.buy_more(&sku_id, short_by));
    });

    let crumbs = customer_trail(company_name, &customer_id, Some(key!("import.title")));
    let users_href = url::users_page(&customer_id);

    // What the page knows of the file: loading users, their failure, its problems or preview.
    let result = move || match stage.get() {
        Stage::NoFile => None,
        Stage::LoadingUsers { done, total } => Some(
            view! {
                <div class="save-progress" data-testid="import-loading" aria-busy="true">
                    <progress
                        max=total.max(1).to_string()
                        value=done.to_string()
                        aria-label=text(key!("import.loading_users"))
                    ></progress>
                    <span role="status">
                        {i18n
                            .t_with(
                                key!("import.loading_progress"),
                                &[
                                    ("done", i18n.num(done as i64)),
                                    ("total", i18n.num(total as i64)),
                                ],
                            )}
                    </span>
                </div>
            }
            .into_any(),
        ),
        Stage::LoadFailed(error) => Some(
            view! {
                <ErrorPanel
                    title_key=key!("import.load_failed")
                    error=error
                    on_retry=Callback::new(move |_| check_file.run(()))
                />
            }
            .into_any(),
        ),
        Stage::Checked(checked) => Some(match preview.get() {
            Some(preview) => view! {
                <ImportPreviewSection
                    checked=checked
                    preview=preview
                    skus=skus
                    skip=skip
                    products=products
                    progress=progress
                    on_save=save
                    on_buy_more=open_buy_more
                    users_href=users_href.clone()
                />
            }
            .into_any(),
            None => {
                let check = &checked.check;
                let skippable = !check.has_file_problem() && check.wrong_rows < check.rows;
                let on_skip = skippable.then(|| Callback::new(move |()| skip.set(true)));
                view! { <ProblemList check=Arc::new(check.clone()) skus=skus on_skip=on_skip /> }
                    .into_any()
            }
        }),
    };

    // The products (named in the file) and subscriptions (Buy more) first; changes only when
    // that state does, not on every reload of them.
    let products_state = Memo::new(move |_| {
        let catalogue = products
            .catalogue
            .with(|r| r.as_ref().map(|r| r.as_ref().err().cloned()));
        let subscriptions = products
            .subscriptions
            .with(|r| r.as_ref().map(|r| r.as_ref().err().cloned()));
        match (catalogue, subscriptions) {
            (Some(None), Some(None)) => None,
            (Some(Some(error)), _) | (_, Some(Some(error))) => Some(Some(error)),
            _ => Some(None),
        }
    });
    let file_name = Signal::derive(move || {
        file.with(|f| f.as_ref().map(|(name, _)| name.clone()).unwrap_or_default())
    });

    view! {
        <section class="page import" data-testid="import-page">
            <Breadcrumbs crumbs=crumbs />
            <h1 class="page__title">{text(key!("import.title"))}</h1>
            <RoleRefusedNotice />
            <p class="page__intro">{text(key!("import.intro"))}</p>
            {move || match products_state.get() {
                None => {
                    view! {
                        <FilePicker on_file=on_file chosen=file_name />
                        {result.clone()}
                    }
                        .into_any()
                }
                Some(None) => view! { <TableSkeleton columns=3 rows=4 /> }.into_any(),
                Some(Some(error)) => {
                    view! {
                        <ErrorPanel
                            title_key=key!("manage.load_failed")
                            error=error
                            on_retry=Callback::new(move |_| products.refetch())
                        />
                    }
                        .into_any()
                }
            }}
            <BuyMoreDialog
                target=buy_target
                customer_id=customer_id.clone()
                on_bought=Callback::new(move |_| products.refetch())
            />
        </section>
    }
}
