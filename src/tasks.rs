//! Waiting without blocking the page: a pause, and a yield to the browser between pieces of
//! work so that no single task keeps the main thread (input, painting) for long.

use std::time::Duration;

/// Resolves after `duration` (a browser timer).
pub async fn sleep(duration: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::set_timeout(
        move || {
            let _ = done.send(());
        },
        duration,
    );
    let _ = wait.await;
}

/// Lets the browser run whatever is waiting (input, rendering, other answers) before going on:
/// the rest continues in a new task.
pub async fn next_task() {
    sleep(Duration::ZERO).await;
}

/// Resolves once the browser has drawn what the page shows now, in the task after that frame:
/// the one way work waits for the page to be on screen first ("after the table is drawn").
pub async fn after_drawn() {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::request_animation_frame(move || {
        let _ = done.send(());
    });
    let _ = wait.await;
    next_task().await;
}

/// Sets `drawn` once [`after_drawn`] resolves: a view behind it is built after what the page
/// shows now is on screen. Waits under the current owner, so it ends with the view that asked.
pub fn mark_when_drawn(drawn: leptos::prelude::RwSignal<bool>) {
    use leptos::prelude::*;
    if drawn.get_untracked() {
        return;
    }
    // The rest of the page is still to come: not ready until it is drawn.
    let busy = crate::ready::Busy::start();
    leptos::task::spawn_local_scoped(async move {
        let _busy = busy;
        after_drawn().await;
        drawn.try_set(true);
    });
}
