use leptos::prelude::*;
use licensing::rules::{Preview, SaveBlocker};

use crate::components::error_panel::ErrorPanel;
use crate::components::save_progress::SaveProgress;
use crate::i18n::use_i18n;
use crate::model::progress::Progress;

/// Save, Cancel, why Save is unavailable when it is, and the save's progress or failure.
#[component]
pub fn SaveBar(
    preview: Memo<Preview>,
    progress: RwSignal<Progress>,
    on_save: Callback<()>,
    /// Where Cancel goes.
    users_href: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let blocker = Memo::new(move |_| preview.with(Preview::blocker));
    view! {
        <div class="save-bar">
            <button
                type="button"
                class="button button--primary"
                data-testid="save"
                aria-describedby="save-reason"
                disabled=move || blocker.get().is_some() || progress.with(Progress::is_running)
                on:click=move |_| on_save.run(())
            >
                {move || i18n.t(key!("manage.save"))}
            </button>
            <a class="button" href=users_href data-testid="cancel">
                {move || i18n.t(key!("manage.cancel"))}
            </a>
            <span id="save-reason" class="save-bar__reason" data-testid="save-reason">
                {move || match blocker.get() {
                    Some(SaveBlocker::CheckingUsers) => i18n.t(key!("manage.checking_users")),
                    Some(SaveBlocker::NotEnoughSeats) => i18n.t(key!("manage.save_blocked_seats")),
                    Some(SaveBlocker::NothingToSave) => i18n.t(key!("manage.nothing_to_save")),
                    None => String::new(),
                }}
            </span>
        </div>
        {move || match progress.get() {
            Progress::Running { done, total } => view! { <SaveProgress done total /> }.into_any(),
            Progress::Failed(error) => {
                view! { <ErrorPanel title_key=key!("manage.save_failed") error=error /> }.into_any()
            }
            Progress::Idle | Progress::Done { .. } => ().into_any(),
        }}
    }
}
