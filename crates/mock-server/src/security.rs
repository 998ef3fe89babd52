//! Security headers on every response, API and app files alike.
//!
//! The Content-Security-Policy lets the app run and nothing else: scripts only from this origin,
//! WebAssembly compilation (`'wasm-unsafe-eval'`), and the inline module loader Trunk writes
//! into `index.html`, allowed by its SHA-256 hash (computed when the router is built, from the
//! `index.html` it will serve), never by `'unsafe-inline'`. Styles come from the linked
//! stylesheet only; the app sets no inline styles.

use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// The CSP without any inline-script hash (also what is sent when there is no `index.html`).
const BASE_SCRIPT_SRC: &str = "script-src 'self' 'wasm-unsafe-eval'";

/// The policy for an app whose `index.html` is `index_html` (`None`: no app built).
pub fn content_security_policy(index_html: Option<&str>) -> String {
    let mut script_src = BASE_SCRIPT_SRC.to_owned();
    for hash in index_html.map(inline_script_hashes).unwrap_or_default() {
        script_src.push_str(&format!(" '{hash}'"));
    }
    [
        "default-src 'self'",
        &script_src,
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    .join("; ")
}

/// `sha256-<base64>` of the text of every inline `<script>` element (one without `src`), in
/// document order: the CSP source that allows exactly that script.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let name_end = from + found + "<script".len();
        let Some(tag_len) = lower[name_end..].find('>') else {
            break;
        };
        let attributes = &lower[name_end..name_end + tag_len];
        let body_start = name_end + tag_len + 1;
        // `<scripts>` or `<script-x>` is another element.
        let is_script = attributes.is_empty()
            || attributes.starts_with(|c: char| c.is_ascii_whitespace() || c == '/');
        let Some(body_len) = lower[body_start..].find("</script") else {
            break;
        };
        if is_script && !has_attribute(attributes, "src") {
            let text = &html[body_start..body_start + body_len];
            hashes.push(format!(
                "sha256-{}",
                STANDARD.encode(Sha256::digest(text.as_bytes()))
            ));
        }
        from = body_start + body_len;
    }
    hashes
}

/// Whether a tag's (lowercased) attribute text names `name`: good enough for Trunk's output,
/// where values never contain spaces followed by `src=`.
fn has_attribute(attributes: &str, name: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace() || c == '/')
        .any(|token| token == name || token.strip_prefix(name).is_some_and(|r| r.starts_with('=')))
}

/// Every header this module sets, with its value, for an app whose `index.html` is
/// `index_html`.
pub fn headers(index_html: Option<&str>) -> Vec<(HeaderName, HeaderValue)> {
    let csp = HeaderValue::try_from(content_security_policy(index_html)).unwrap_or_else(|_| {
        // Hashes are base64, so this cannot happen; fall back to the hash-less policy anyway.
        HeaderValue::try_from(content_security_policy(None))
            .unwrap_or(HeaderValue::from_static("default-src 'self'"))
    });
    vec![
        (CONTENT_SECURITY_POLICY, csp),
        (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed_with_their_exact_text() {
        let html = "<html><head>\n<script type=\"module\">\nimport init from '/app.js';\n</script>\
                    <SCRIPT src=\"/other.js\"></SCRIPT><scripts>no</scripts><script>b()</script>";
        let hashes = inline_script_hashes(html);
        let expected = |text: &str| format!("sha256-{}", STANDARD.encode(Sha256::digest(text)));
        assert_eq!(
            hashes,
            [expected("\nimport init from '/app.js';\n"), expected("b()")]
        );
    }

    #[test]
    fn the_hash_is_the_one_browsers_compute() {
        // `echo -n "alert('Hello, world.');" | openssl sha256 -binary | openssl base64`, the
        // example of the CSP specification.
        assert_eq!(
            inline_script_hashes("<script>alert('Hello, world.');</script>"),
            ["sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="]
        );
    }

    #[test]
    fn without_an_app_the_policy_allows_no_inline_script() {
        let policy = content_security_policy(None);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(!policy.contains("sha256-"));
    }
}
