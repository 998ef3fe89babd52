use leptos::html;
use leptos::prelude::*;
use licensing::rules::{Preview, MAILBOX_RETENTION_DAYS};

use crate::i18n::use_i18n;

/// Asked before a save that takes users' last mailbox or every license they hold: says how
/// many and why it matters (a mailbox is deleted 30 days after its last license goes). A modal
/// `<dialog>`: focus stays inside, Escape is "Go back".
#[component]
pub fn ConfirmLossDialog(
    open: RwSignal<bool>,
    preview: Memo<Preview>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else {
            dialog.close();
        }
    });
    let counts = move || preview.with(|p| (p.impact.losing_mailbox, p.impact.left_unlicensed));
    view! {
        <dialog
            node_ref=dialog
            class="dialog"
            data-testid="confirm-loss-dialog"
            aria-labelledby="confirm-loss-title"
            aria-describedby="confirm-loss-text"
            on:close=move |_| open.set(false)
        >
            <h2 id="confirm-loss-title" class="dialog__title">
                {move || i18n.t(key!("manage.confirm.title"))}
            </h2>
            <div id="confirm-loss-text" class="dialog__text">
                {move || {
                    let (mailbox, unlicensed) = counts();
                    view! {
                        {(mailbox > 0)
                            .then(|| {
                                view! {
                                    <p data-testid="confirm-mailbox">
                                        {i18n
                                            .t_count(
                                                key!("manage.confirm.mailbox"),
                                                mailbox,
                                                &[("days", i18n.num(MAILBOX_RETENTION_DAYS))],
                                            )}
                                    </p>
                                }
                            })}
                        {(unlicensed > 0)
                            .then(|| {
                                view! {
                                    <p data-testid="confirm-unlicensed">
                                        {i18n
                                            .t_count(
                                                key!("manage.confirm.unlicensed"),
                                                unlicensed,
                                                &[],
                                            )}
                                    </p>
                                }
                            })}
                    }
                }}
            </div>
            <div class="dialog__actions">
                <button
                    type="button"
                    class="button button--primary"
                    data-testid="confirm-save"
                    on:click=move |_| {
                        open.set(false);
                        on_confirm.run(());
                    }
                >
                    {move || i18n.t(key!("manage.confirm.save"))}
                </button>
                <button
                    type="button"
                    class="button"
                    data-testid="confirm-cancel"
                    on:click=move |_| open.set(false)
                >
                    {move || i18n.t(key!("manage.confirm.back"))}
                </button>
            </div>
        </dialog>
    }
}
