//! The valid rows' preview on Import changes, with Save.

use std::sync::Arc;

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::import::ImportPreview;

use super::change_list::ChangeList;
use super::shortages::Shortages;
use super::{text, Checked};
use crate::auth::use_auth;
use crate::components::error_panel::ErrorPanel;
use crate::components::save_progress::SaveProgress;
use crate::i18n::use_i18n;
use crate::model::progress::Progress;
use crate::resources::Products;

/// The valid rows' preview: what changes, the seats it moves, per-user problems, and Save.
#[component]
pub fn ImportPreviewSection(
    checked: Arc<Checked>,
    preview: Arc<ImportPreview>,
    skus: Memo<Catalogue>,
    skip: RwSignal<bool>,
    products: Products,
    progress: RwSignal<Progress>,
    on_save: Callback<()>,
    on_buy_more: Callback<(String, u32)>,
    users_href: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let check = &checked.check;
    let (rows, changing, wrong_rows) = (check.rows, check.changes.len(), check.wrong_rows);
    let refused = preview.refused();
    let short = !preview.shortages.is_empty();
    let blocked = move || {
        changing == 0 || short || !auth.can_manage_licenses() || progress.with(Progress::is_running)
    };
    // Every sentence of the preview that depends on counts, in one piece.
    let notes = Signal::derive(move || {
        [
            i18n.t_count(key!("import.skipped"), wrong_rows, &[]),
            i18n.t_count(
                key!("import.summary"),
                changing,
                &[("rows", i18n.num(rows as i64))],
            ),
            i18n.t_count(key!("import.refused"), refused, &[]),
            if changing == 0 {
                i18n.t(key!("import.nothing_to_save"))
            } else if short {
                i18n.t(key!("manage.save_blocked_seats"))
            } else {
                String::new()
            },
        ]
    });
    let note = move |n: usize| Signal::derive(move || notes.with(|notes| notes[n].clone()));
    view! {
        <section class="import-preview" data-testid="import-preview">
            <p
                class="notice notice--info notice--inline"
                data-testid="import-skipped"
                hidden=wrong_rows == 0
            >
                {note(0)}
                <button
                    type="button"
                    class="link-button"
                    data-testid="show-problems"
                    on:click=move |_| skip.set(false)
                >
                    {text(key!("import.show_problems"))}
                </button>
            </p>
            <p
                class="notice notice--info"
                data-testid="import-no-changes"
                role="status"
                hidden=changing != 0
            >
                {text(key!("import.no_changes"))}
            </p>
            <div hidden=changing == 0>
                <p class="page__intro" data-testid="import-summary" role="status">
                    {note(1)}
                </p>
                <Shortages
                    preview=Arc::clone(&preview)
                    skus=skus
                    products=products
                    on_buy_more=on_buy_more
                />
                <p class="notice notice--error" data-testid="import-refused" hidden=refused == 0>
                    {note(2)}
                </p>
                <h2 class="page__subtitle">{text(key!("import.changes_label"))}</h2>
                <ChangeList checked=Arc::clone(&checked) preview=preview skus=skus />
            </div>
            <div class="save-bar">
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="save"
                    aria-describedby="save-reason"
                    disabled=blocked
                    on:click=move |_| on_save.run(())
                >
                    {text(key!("manage.save"))}
                </button>
                <a class="button" href=users_href data-testid="cancel">
                    {text(key!("manage.cancel"))}
                </a>
                <span id="save-reason" class="save-bar__reason" data-testid="save-reason">
                    {note(3)}
                </span>
            </div>
            {move || match progress.get() {
                Progress::Running { done, total } => {
                    Some(view! { <SaveProgress done total /> }.into_any())
                }
                Progress::Failed(error) => {
                    Some(
                        view! { <ErrorPanel title_key=key!("manage.save_failed") error=error /> }
                            .into_any(),
                    )
                }
                Progress::Idle | Progress::Done { .. } => None,
            }}
        </section>
    }
}
