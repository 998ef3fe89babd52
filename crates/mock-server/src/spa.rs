//! The built app (`dist/`): files as they are, and `index.html` for any other path so client
//! routes like `/customers/{id}/users` survive a reload.

use std::path::Path;

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Serves `dist/`. A missing path whose last segment has a dot is a missing file (404); any
/// other missing path is a client route and gets `index.html`.
///
/// Caching: `index.html` must be revalidated (`no-cache`) so a deploy is seen at once; files
/// whose name carries a content hash (`app-1a2b3c4d_bg.wasm`) never change, so they are cached
/// for a year (`immutable`).
pub async fn app_files(dist: &Path, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    // `make build` writes `.br` and `.gz` beside each file at the highest levels; they are sent
    // to browsers that accept them instead of compressing on every request.
    let files = ServeDir::new(dist).precompressed_br().precompressed_gzip();
    let mut response = if last_segment(&path).contains('.') {
        files.oneshot(request).await.into_response()
    } else {
        files
            .fallback(
                ServeFile::new(dist.join("index.html"))
                    .precompressed_br()
                    .precompressed_gzip(),
            )
            .oneshot(request)
            .await
            .into_response()
    };
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
    let cache = if is_html {
        Some("no-cache")
    } else if response.status().is_success() && is_hashed(&path) {
        Some("public, max-age=31536000, immutable")
    } else {
        None
    };
    if let Some(cache) = cache {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}

fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether a path names content-addressed output: a file or folder `name-HASH` where HASH is
/// at least 6 hex digits with a digit among them (Trunk's `app-<hash>.js`, `app-<hash>_bg.wasm`,
/// wasm-bindgen's `snippets/<crate>-<hash>/`).
fn is_hashed(path: &str) -> bool {
    path.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or(segment);
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        stem.rsplit_once('-').is_some_and(|(name, hash)| {
            !name.is_empty()
                && hash.len() >= 6
                && hash.chars().all(|c| c.is_ascii_hexdigit())
                && hash.chars().any(|c| c.is_ascii_digit())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn trunk_output_names_are_recognised_as_hashed() {
        assert!(is_hashed("/app-1a2b3c.wasm"));
        assert!(is_hashed("/app-9f8e7d6c5b4a3921_bg.wasm"));
        assert!(is_hashed("/style-0123abcd.css"));
        assert!(is_hashed(
            "/snippets/leptos-dom-0a1b2c3d4e5f6a7b/inline0.js"
        ));
    }

    #[test]
    fn plain_names_are_not_hashed() {
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/favicon.ico"));
        assert!(!is_hashed("/my-facade.css"));
        assert!(!is_hashed("/customers/contoso/users"));
        assert!(!is_hashed("/app-12.js"));
    }
}
