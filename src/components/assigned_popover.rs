use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// Names listed before the rest is summed up; a popover is not a report.
const NAMES_SHOWN: usize = 50;

/// The Assigned column's link ("3 of 5") and the non-modal popover listing the selected users
/// who hold the product. Opens on click or Enter, closes on Escape or a click outside, and
/// Escape puts focus back on the link.
#[component]
pub fn AssignedPopover(
    /// How many selected users hold the product.
    count: usize,
    /// The first `n` holders' names in the reader's order; asked for when the popover opens.
    names: Callback<usize, Vec<String>>,
    /// The names are not known yet: the link waits.
    #[prop(into)]
    loading: Signal<bool>,
    /// How many users are selected.
    selected: usize,
    /// Unique id stem for the popover.
    id: String,
    /// Whether it is open: kept by the row, so that it stays open when the link is drawn anew
    /// (and can open with the page, `?dialog=assigned&sku=`).
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wrapper = NodeRef::<html::Span>::new();
    let trigger = NodeRef::<html::Button>::new();
    let popover_id = format!("{id}-holders");

    let outside = window_event_listener(ev::click, move |event| {
        if !open.get_untracked() {
            return;
        }
        let inside = wrapper
            .get_untracked()
            .zip(event.target())
            .is_some_and(|(w, target)| {
                target
                    .dyn_ref::<web_sys::Node>()
                    .is_some_and(|node| w.contains(Some(node)))
            });
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());

    let close_and_refocus = move || {
        open.set(false);
        if let Some(button) = trigger.get_untracked() {
            let _ = button.focus();
        }
    };
    // On the window, not the popover: a click on the list's text leaves focus on the body.
    let escape = window_event_listener(ev::keydown, move |event| {
        if event.key() == "Escape" && open.get_untracked() {
            close_and_refocus();
        }
    });
    on_cleanup(move || escape.remove());

    view! {
        <span class="assigned" node_ref=wrapper>
            <button
                type="button"
                class="link-button"
                node_ref=trigger
                data-testid="assigned-link"
                aria-expanded=move || open.get().to_string()
                aria-controls=popover_id.clone()
                disabled=move || count == 0 || loading.get()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || {
                    i18n.t_with(
                        key!("manage.assigned_of"),
                        &[("count", i18n.num(count as i64)), ("total", i18n.num(selected as i64))],
                    )
                }}
            </button>
            <div
                id=popover_id
                class="popover"
                role="dialog"
                aria-label=move || i18n.t(key!("manage.holders_title"))
                data-testid="assigned-popover"
                hidden=move || !open.get()
            >
                <p class="popover__title">{move || i18n.t(key!("manage.holders_title"))}</p>
                <ul class="popover__list">
                    {move || {
                        (open.get() && !loading.get())
                            .then(|| {
                                names
                                    .run(NAMES_SHOWN)
                                    .into_iter()
                                    .map(|name| view! { <li>{name}</li> })
                                    .collect_view()
                            })
                    }}
                    {(count > NAMES_SHOWN)
                        .then(|| {
                            let hidden = count - NAMES_SHOWN;
                            view! {
                                <li class="popover__more">
                                    {move || i18n.t_count(key!("manage.more_users"), hidden, &[])}
                                </li>
                            }
                        })}
                </ul>
            </div>
        </span>
    }
}
