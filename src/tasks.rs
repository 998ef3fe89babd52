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

/// Resolves once the browser has drawn a frame (everything changed so far is on screen), in the
/// task after it.
pub async fn after_next_frame() {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    leptos::prelude::request_animation_frame(move || {
        let _ = done.send(());
    });
    let _ = wait.await;
    next_task().await;
}
