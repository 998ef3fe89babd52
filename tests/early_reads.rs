//! The answers `index.html` reads while the app downloads (`__pcEarlyGets`, `__pcEarlyDone`):
//! taken once, only with the token they were read with, never after the app has started, and a
//! start that waits for them at most as long as it is told. Runs in headless Chromium.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use js_sys::{Object, Promise, Reflect};
use partner_center_licenses::early::{close_early_gets, early_reads, take_early_answer};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "/api/v1/customers/c1";

/// Sets `window.__pcEarlyGets` as `index.html` does, with one answer per address.
fn early_gets(entries: &[(&str, &str, Option<&str>)]) -> Object {
    let gets = Object::new();
    for (url, token, text) in entries {
        let entry = Object::new();
        Reflect::set(&entry, &"token".into(), &(*token).into()).unwrap();
        let answer = text.map_or(JsValue::NULL, JsValue::from);
        Reflect::set(&entry, &"answer".into(), &Promise::resolve(&answer)).unwrap();
        Reflect::set(&gets, &(*url).into(), &entry).unwrap();
    }
    Reflect::set(&web_sys::window().unwrap(), &"__pcEarlyGets".into(), &gets).unwrap();
    gets
}

#[wasm_bindgen_test]
async fn an_answer_is_taken_once_with_its_own_token() {
    early_gets(&[(URL, "t1", Some("{\"id\":\"c1\"}"))]);
    assert_eq!(take_early_answer("t1", "/api/v1/customers/c2").await, None);
    assert_eq!(
        take_early_answer("t1", URL).await.as_deref(),
        Some("{\"id\":\"c1\"}")
    );
    assert_eq!(
        take_early_answer("t1", URL).await,
        None,
        "a second request reads afresh"
    );
    close_early_gets();
}

#[wasm_bindgen_test]
async fn an_answer_read_with_another_token_is_dropped_unused() {
    early_gets(&[(URL, "t1", Some("{}"))]);
    assert_eq!(take_early_answer("t2", URL).await, None);
    assert_eq!(
        take_early_answer("t1", URL).await,
        None,
        "dropped, not kept for later"
    );
    close_early_gets();
}

#[wasm_bindgen_test]
async fn a_failed_read_gives_nothing_to_take() {
    early_gets(&[(URL, "t1", None)]);
    assert_eq!(take_early_answer("t1", URL).await, None);
    close_early_gets();
}

#[wasm_bindgen_test]
async fn once_the_app_has_started_nothing_is_taken_and_the_page_starts_no_more() {
    let gets = early_gets(&[(URL, "t1", Some("{}"))]);
    close_early_gets();
    assert_eq!(take_early_answer("t1", URL).await, None);
    // The page still holds the object it fills: it is told to start nothing more.
    assert_eq!(
        Reflect::get(&gets, &"closed".into()).unwrap(),
        JsValue::TRUE
    );
}

#[wasm_bindgen_test]
async fn the_start_waits_for_the_early_reads_at_most_as_long_as_told() {
    let window = web_sys::window().unwrap();
    // Reads that never end: the start goes on after the bound.
    let never = Promise::new(&mut |_, _| {});
    Reflect::set(&window, &"__pcEarlyDone".into(), &never).unwrap();
    let started = js_sys::Date::now();
    early_reads(Duration::from_millis(50)).await;
    let waited = js_sys::Date::now() - started;
    assert!((40.0..1000.0).contains(&waited), "waited {waited} ms");
    // Reads already in: no wait at all (well under the bound).
    Reflect::set(
        &window,
        &"__pcEarlyDone".into(),
        &Promise::resolve(&JsValue::UNDEFINED),
    )
    .unwrap();
    let started = js_sys::Date::now();
    early_reads(Duration::from_secs(5)).await;
    assert!(js_sys::Date::now() - started < 1000.0);
    // No early reads at all (the page was opened some other way): no wait either.
    Reflect::delete_property(&window, &"__pcEarlyDone".into()).unwrap();
    let started = js_sys::Date::now();
    early_reads(Duration::from_secs(5)).await;
    assert!(js_sys::Date::now() - started < 1000.0);
}
