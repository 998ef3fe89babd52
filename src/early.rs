//! The reads `index.html` starts while the app downloads (the sign-in, then the first screen's
//! data), handed to the app once each. Besides `api/`, the only code near HTTP: it reads
//! answers the page already asked for and sends nothing.

use licensing::contract;

/// Where `index.html` leaves the sign-in it starts before the app loads: `{ role, answer, text }`
/// (the answer's promise, and its text once it is in).
const EARLY_SIGN_IN: &str = "__pcSignIn";

/// The early sign-in, if `index.html` started one for `role`.
fn early_sign_in(role: contract::Role) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &EARLY_SIGN_IN.into()).ok()?;
    let for_role = early.is_object() && early_field(&early, "role")?.as_string()? == role.as_str();
    for_role.then_some(early)
}

fn early_field(early: &wasm_bindgen::JsValue, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(early, &name.into()).ok()
}

/// Drops the early sign-in: it is used once at most.
fn forget_early_sign_in() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &EARLY_SIGN_IN.into());
    }
}

/// Where `index.html` leaves the reads it starts for the first screen once signed in: address ->
/// `{ token, answer }` (a promise of the answer's text, or of null when it failed).
const EARLY_GETS: &str = "__pcEarlyGets";

/// The answer `index.html` read for `url` with `token` while the app loaded, taken once (an
/// answer read with another token is dropped unused): the first screen's requests cost no round
/// trip after the start, and when the answer is already in the screen is drawn with its data in
/// the task that starts the app. `None` for a failed read: the app asks by itself then.
pub async fn take_early_answer(token: &str, url: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let gets = early_field(&window, EARLY_GETS)?;
    let entry = early_field(&gets, url).filter(wasm_bindgen::JsValue::is_object)?;
    let _ = js_sys::Reflect::delete_property(gets.unchecked_ref::<js_sys::Object>(), &url.into());
    if early_field(&entry, "token")?.as_string()? != token {
        return None;
    }
    let answer = early_field(&entry, "answer")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()?
        .as_string()
}

/// Where `index.html` leaves a promise that settles once its early reads (sign-in, then the
/// first screen's data) are all in or failed.
const EARLY_DONE: &str = "__pcEarlyDone";

/// Waits until the page's early reads are in, at most `bound`: usually a few milliseconds when the
/// app starts, and waiting for them draws the first screen once, complete, instead of a skeleton
/// and then again (the browser laying the page out twice).
pub async fn early_reads(bound: std::time::Duration) {
    use wasm_bindgen::JsCast;
    let Some(done) = web_sys::window()
        .and_then(|window| early_field(&window, EARLY_DONE))
        .and_then(|done| done.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let done = wasm_bindgen_futures::JsFuture::from(done);
    let late = crate::tasks::sleep(bound);
    futures::pin_mut!(done, late);
    // Either way: when they are too slow, the app starts without them and follows them up.
    let _ = futures::future::select(done, late).await;
}

/// Ends the early reads once the app has started: what it asks for later is read afresh (an
/// answer from the start could be stale by then), and `index.html` starts none after this (a
/// sign-in answer later than the start is the app's to follow up).
pub fn close_early_gets() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(gets) = early_field(&window, EARLY_GETS).filter(wasm_bindgen::JsValue::is_object) {
        let _ = js_sys::Reflect::set(&gets, &"closed".into(), &true.into());
    }
    let _ = js_sys::Reflect::delete_property(&window, &EARLY_GETS.into());
}

/// The session `index.html` opened before the app loaded, if its answer is already in, was for
/// `role` and succeeded: then the app's first screen is drawn signed in, its requests leaving
/// with it (not drawn once signed out, then again). Taken once.
pub fn early_session_now(role: contract::Role) -> Option<contract::Session> {
    let text = early_field(&early_sign_in(role)?, "text")?.as_string()?;
    forget_early_sign_in();
    // As bytes, like every answer: one JSON reader per type in the bundle.
    serde_json::from_slice(text.as_bytes()).ok()
}

/// The session `index.html` started opening before the app loaded, if it was for `role` and
/// succeeded, waiting for its answer. Taken once: later sign-ins call [`crate::api::create_session`].
pub async fn early_session(role: contract::Role) -> Option<contract::Session> {
    use wasm_bindgen::JsCast;
    let early = early_sign_in(role);
    forget_early_sign_in();
    let answer = early_field(&early?, "answer")?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let text = wasm_bindgen_futures::JsFuture::from(answer)
        .await
        .ok()?
        .as_string()?;
    serde_json::from_slice(text.as_bytes()).ok()
}
