//! The ready signal for visual-testing tools: `<html data-app-ready="true">` exactly when the
//! current screen's data is drawn, its fonts are loaded, nothing is `aria-busy` and no request
//! is in flight. Removed on navigation and while anything
//! loads. `<html data-fonts-ready="true">` says the fonts alone are in (a held loading screen
//! never becomes ready: its skeleton is captured once this is set).
//!
//! Work counts itself busy through [`Busy`]: every request (`api/`), every page read while it
//! loads (`resources.rs`) and every part of a page drawn after the rest (`tasks.rs`).

use std::cell::Cell;

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::tasks;

const READY_ATTRIBUTE: &str = "data-app-ready";
const FONTS_ATTRIBUTE: &str = "data-fonts-ready";

thread_local! {
    /// How much work is under way; a signal, so the check runs again when it reaches zero.
    static BUSY: ArcRwSignal<usize> = ArcRwSignal::new(0);
    /// Bumped by every navigation and every new piece of work: a check that started before
    /// either is stale.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Work under way while it lives: the screen is not ready until it is dropped (finished or
/// cancelled alike).
pub struct Busy(());

impl Busy {
    pub fn start() -> Busy {
        GENERATION.with(|g| g.set(g.get() + 1));
        BUSY.with(|busy| busy.update(|n| *n += 1));
        clear(READY_ATTRIBUTE);
        Busy(())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|busy| {
            busy.try_update(|n| *n = n.saturating_sub(1));
        });
    }
}

fn root() -> Option<web_sys::Element> {
    document().document_element()
}

fn clear(attribute: &str) {
    if let Some(root) = root() {
        let _ = root.remove_attribute(attribute);
    }
}

fn mark(attribute: &str) {
    if let Some(root) = root() {
        let _ = root.set_attribute(attribute, "true");
    }
}

/// `document.fonts` (read by name: its web-sys binding would add to the bundle for two fields).
fn font_set() -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(&document(), &"fonts".into())
        .ok()
        .filter(|fonts| fonts.is_object())
}

/// Waits until no font the page uses is still loading (checked again after each `ready`, which
/// a font that starts loading meanwhile replaces).
async fn fonts_loaded() {
    let Some(fonts) = font_set() else {
        return;
    };
    loop {
        let status = js_sys::Reflect::get(&fonts, &"status".into())
            .ok()
            .and_then(|s| s.as_string());
        if status.as_deref() != Some("loading") {
            return;
        }
        let Some(ready) = js_sys::Reflect::get(&fonts, &"ready".into())
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        else {
            return;
        };
        let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
        // WebKit says "loading" while `ready` is still the last, settled promise: without a
        // real wait this loop spins in microtasks, and the load it waits for can never finish.
        tasks::next_task().await;
    }
}

/// Nothing on screen says it is still loading.
fn nothing_busy() -> bool {
    document()
        .query_selector("[aria-busy=\"true\"]")
        .ok()
        .flatten()
        .is_none()
}

/// Keeps `data-app-ready` in step with the screen; call once, inside the router.
pub fn track() {
    let location = use_location();
    let busy = BUSY.with(ArcRwSignal::clone);
    Effect::new(move |_| {
        // A new screen (or another query) starts unready.
        location.pathname.track();
        location.search.track();
        let at_rest = busy.get() == 0;
        GENERATION.with(|g| g.set(g.get() + 1));
        clear(READY_ATTRIBUTE);
        if !at_rest {
            return;
        }
        let generation = GENERATION.with(Cell::get);
        let busy = busy.clone();
        leptos::task::spawn_local(async move {
            // Drawn: the answers that ended the work are on screen (twice: a view drawn in the
            // task after a frame may start more work, which bumps the generation).
            tasks::after_drawn().await;
            tasks::after_drawn().await;
            fonts_loaded().await;
            mark(FONTS_ATTRIBUTE);
            let still = GENERATION.with(Cell::get) == generation && busy.get_untracked() == 0;
            if still && nothing_busy() {
                mark(READY_ATTRIBUTE);
            }
        });
    });
    // The fonts alone, for screens that never come to rest (a held loading state).
    leptos::task::spawn_local(async {
        tasks::after_drawn().await;
        fonts_loaded().await;
        mark(FONTS_ATTRIBUTE);
    });
}
