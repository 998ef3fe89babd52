//! Saving bytes the app made as a file in the browser's downloads: a Blob, an object URL and a
//! temporary `<a download>` clicked, the URL revoked once the browser has taken the file.

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};

/// The type of every exported file: CSV, UTF-8 (the file also starts with a byte-order mark).
pub const CSV_TYPE: &str = "text/csv;charset=utf-8";

/// Offers `bytes` as the download `name`.
pub fn save_file(name: &str, mime_type: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let link: web_sys::HtmlElement = document.create_element("a")?.unchecked_into();
    link.set_attribute("href", &url)?;
    link.set_attribute("download", name)?;
    link.set_attribute("hidden", "")?;
    // In the document while clicked: Firefox ignores a click on a link outside it.
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Revoked a moment later, not at once: the download reads the URL after the click returns.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
    Ok(())
}
