use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use super::text;
use crate::i18n::use_i18n;
use crate::ready::Busy;

/// The first file of a `FileList` (from the input or a drop), if any.
fn first_file(files: JsValue) -> Option<JsValue> {
    let file = js_sys::Reflect::get(&files, &JsValue::from(0)).ok()?;
    file.is_object().then_some(file)
}

/// A file's name and bytes, read by the browser (`Blob.arrayBuffer`). Read by name, as ready.rs
/// reads `document.fonts`: the web-sys File bindings would add to the bundle for two calls.
async fn read(file: JsValue) -> Option<(String, Vec<u8>)> {
    let name = js_sys::Reflect::get(&file, &"name".into())
        .ok()?
        .as_string()
        .unwrap_or_default();
    let array_buffer = js_sys::Reflect::get(&file, &"arrayBuffer".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = array_buffer
        .call0(&file)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some((name, js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// Reads the first of `files` (an input's or a drop's `FileList`) and hands it to `on_file`.
fn take(files: Option<JsValue>, on_file: Callback<(String, Vec<u8>)>) {
    let Some(file) = files.and_then(first_file) else {
        return;
    };
    // Not ready while the browser reads the file.
    let busy = Busy::start();
    spawn_local(async move {
        let _busy = busy;
        if let Some(read) = read(file).await {
            on_file.run(read);
        }
    });
}

/// "CSV file of license changes": a labelled file input that also takes a file dropped on it.
/// Calls `on_file` with the file's name and bytes, and shows `chosen` (the page's file, empty
/// before one). The input itself is hidden (still focusable):
/// its own button and "no file chosen" are the browser's, in the browser's language, so the page
/// draws them in its own.
#[component]
pub fn FilePicker(on_file: Callback<(String, Vec<u8>)>, chosen: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target() else { return };
        take(js_sys::Reflect::get(&input, &"files".into()).ok(), on_file);
        // The same file chosen again (corrected) is read again.
        let _ = js_sys::Reflect::set(&input, &"value".into(), &"".into());
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let transfer = js_sys::Reflect::get(ev.as_ref(), &"dataTransfer".into()).ok();
        take(
            transfer.and_then(|t| js_sys::Reflect::get(&t, &"files".into()).ok()),
            on_file,
        );
    };
    view! {
        <div
            class="file-drop"
            data-testid="file-drop"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            <label class="field__label" for="import-file">
                {text(key!("import.choose_file"))}
            </label>
            <div class="file-picker">
                <input
                    id="import-file"
                    class="file-picker__input"
                    type="file"
                    accept=".csv,text/csv"
                    aria-describedby="import-file-hint"
                    data-testid="import-file"
                    on:change=on_change
                />
                // A second label of the input, drawn as its button; hidden from the accessible
                // name, which the field's label gives.
                <label class="button file-picker__button" for="import-file" aria-hidden="true">
                    {text(key!("import.browse"))}
                </label>
                <span class="file-picker__name" data-testid="import-file-name">
                    {move || {
                        let name = chosen.get();
                        if name.is_empty() { i18n.t(key!("import.no_file")) } else { name }
                    }}
                </span>
            </div>
            <p id="import-file-hint" class="field__hint">
                {text(key!("import.drop_hint"))}
            </p>
        </div>
    }
}
