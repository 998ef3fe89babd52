use leptos::prelude::*;
use licensing::rules::TriState;

/// The Product column's box, after the WAI-ARIA mixed checkbox pattern: `role="checkbox"` with
/// `aria-checked="mixed"`, toggled by click or Space. A box that opened mixed cycles
/// mixed -> checked -> clear -> mixed; one that opened checked or clear just toggles.
#[component]
pub fn TriStateCheckbox(
    /// The box now.
    state: RwSignal<TriState>,
    /// The box when the page opened; decides the cycle.
    initial: TriState,
    /// Id of the element naming the box (the product name).
    labelled_by: String,
    /// Id of the element describing the box (what saving will do), if any.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// `data-testid` of the box.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let toggle = move || state.update(|s| *s = s.next(initial));
    view! {
        <span
            role="checkbox"
            tabindex="0"
            class=move || format!("tri-state tri-state--{}", state.get().as_str())
            aria-checked=move || state.get().as_aria()
            aria-labelledby=labelled_by
            aria-describedby=described_by
            data-testid=testid
            on:click=move |_| toggle()
            on:keydown=move |ev| {
                if ev.key() == " " {
                    ev.prevent_default();
                    toggle();
                }
            }
        ></span>
    }
}
