//! Browser storage: the language, role and theme in `localStorage` (kept across visits), test mode and
//! per-customer selections in `sessionStorage` (kept across reloads of one tab only). Storage can
//! be unavailable (private modes, sandboxed frames); every helper then degrades to "not stored".

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn local_get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = local() {
        // A full or refused storage only means the choice is not remembered next time.
        let _ = storage.set_item(key, value);
    }
}

pub fn local_remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok().flatten()
}

/// Stores a value for this tab; one too large for the tab's quota leaves no older value behind
/// under the key (a reload then finds nothing rather than something stale).
pub fn session_set(key: &str, value: &str) {
    if let Some(storage) = session() {
        if storage.set_item(key, value).is_err() {
            let _ = storage.remove_item(key);
        }
    }
}

pub fn session_remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}

/// A query parameter of the address the app was opened with.
pub fn initial_query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}
