use futures::future::LocalBoxFuture;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use licensing::contract::Customer;
use licensing::export::{customer_slug, file_name, ExportKind};

use crate::api::{ApiError, ApiResult, Client};
use crate::auth::use_auth;
use crate::components::error_panel::ErrorPanel;
use crate::components::save_progress::SaveProgress;
use crate::download::{save_file, CSV_TYPE};
use crate::i18n::{use_i18n, Key};
use crate::model::progress::Progress;

/// A file made by an export, ready to save.
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads what an export needs with the client, telling `progress` how far it got, and makes
/// the file. Dropping the future stops it (and aborts its requests).
pub type ExportRun =
    Callback<(Client, RwSignal<Progress>), LocalBoxFuture<'static, ApiResult<ExportFile>>>;

/// An export the dialog runs: its words and its work.
#[derive(Clone, Copy)]
pub struct ExportRequest {
    /// The dialog's title ("Export users").
    pub title: Key,
    /// The progress line, with `{done}` and `{total}` ("Reading 1,500 of 10,000 users").
    pub progress: Key,
    /// How many items there are before the first answer says (the list's count).
    pub total: usize,
    pub run: ExportRun,
}

/// `contoso-users-2026-11-30.csv`: the customer and today's date where the browser is.
pub fn export_file_name(customer: &Customer, kind: ExportKind<'_>) -> String {
    let profile = &customer.company_profile;
    let today = js_sys::Date::new_0();
    let date = (
        today.get_full_year(),
        today.get_month() + 1,
        today.get_date(),
    );
    file_name(
        &customer_slug(&profile.domain, &profile.company_name),
        kind,
        date,
    )
}

/// An export in progress: a modal `<dialog>` with its progress bar and Cancel, which stops the
/// reads (Escape too); an error names the problem with a Retry. Saves the file when done and
/// closes. Setting `request` opens it and starts the export; `None` closes it.
#[component]
pub fn ExportDialog(request: RwSignal<Option<ExportRequest>>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let dialog = NodeRef::<html::Dialog>::new();
    let progress = RwSignal::new(Progress::Idle);
    // Each run lives under an owner of its own: cleaning it up drops the run's future and
    // aborts its requests (`api::transport::abortable`). Leaving the page ends it too.
    let parent = Owner::current().expect("the dialog is built under an owner");
    let running = StoredValue::new(None::<Owner>);
    let stop = move || {
        if let Some(owner) = running.try_update_value(Option::take).flatten() {
            owner.cleanup();
        }
    };
    let start = Callback::new(move |()| {
        stop();
        let (Some(export), Some(client)) = (request.get_untracked(), auth.client_untracked())
        else {
            return;
        };
        progress.set(Progress::Running {
            done: 0,
            total: export.total,
        });
        let owner = parent.child();
        running.set_value(Some(owner.clone()));
        owner.with(|| {
            spawn_local_scoped_with_cancellation(async move {
                let made = export.run.run((client, progress)).await;
                let saved = made.and_then(|file| {
                    save_file(&file.name, CSV_TYPE, &file.bytes).map_err(|_| {
                        ApiError::Decode("the browser refused the download".to_owned())
                    })
                });
                match saved {
                    Ok(()) => {
                        // Finished: nothing of the run is left to stop, and closing is not Cancel.
                        let owner = running.try_update_value(Option::take).flatten();
                        progress.set(Progress::Idle);
                        request.set(None);
                        if let Some(owner) = owner {
                            set_timeout(move || owner.cleanup(), std::time::Duration::ZERO);
                        }
                    }
                    Err(error) => progress.set(Progress::Failed(error)),
                }
            });
        });
    });
    on_cleanup(stop);

    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if request.with(Option::is_some) {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
            untrack(|| start.run(()));
        } else {
            stop();
            progress.set(Progress::Idle);
            dialog.close();
        }
    });

    let title = move || request.get().map(|r| i18n.t(r.title)).unwrap_or_default();
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            data-testid="export-dialog"
            aria-labelledby="export-title"
            aria-describedby="export-note"
            on:close=move |_| request.set(None)
        >
            <h2 id="export-title" class="dialog__title">
                {title}
            </h2>
            <p id="export-note" class="dialog__text">
                {move || i18n.t(key!("export.note"))}
            </p>
            {move || match progress.get() {
                Progress::Running { done, total } => {
                    let text = request
                        .with_untracked(|r| r.map(|r| r.progress))
                        .unwrap_or(key!("export.reading"));
                    view! {
                        <SaveProgress
                            done
                            total
                            label=key!("export.progress_label")
                            text
                            testid="export-progress"
                        />
                    }
                        .into_any()
                }
                Progress::Failed(error) => {
                    view! { <ErrorPanel title_key=key!("export.failed") error on_retry=start /> }
                        .into_any()
                }
                Progress::Idle | Progress::Done { .. } => ().into_any(),
            }}
            <div class="dialog__actions">
                <button
                    type="button"
                    class="button"
                    data-testid="export-cancel"
                    on:click=move |_| request.set(None)
                >
                    {move || i18n.t(key!("manage.cancel"))}
                </button>
            </div>
        </dialog>
    }
}
