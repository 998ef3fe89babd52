//! The security headers: on every response, API and app files alike, with a CSP that allows the
//! app's inline module loader by its hash and nothing inline besides.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use mock_server::{app, content_security_policy, inline_script_hashes, AppState};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::common::*;

/// What Trunk 0.21 writes into `dist/index.html` (abridged): one inline module loader.
const LOADER: &str = "\nimport init, * as bindings from '/partner-center-licenses-ad65f8bb5dfba379.js';\nconst wasm = await init({ module_or_path: '/partner-center-licenses-ad65f8bb5dfba379_bg.wasm' });\n\n\nwindow.wasmBindings = bindings;\n\n\ndispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));\n\n";

fn trunk_index_html() -> String {
    format!(
        "<!doctype html>\n<html lang=\"en-US\">\n  <head>\n    <meta charset=\"utf-8\" />\n    \
         <title>Partner Center</title>\n    \n<script type=\"module\">{LOADER}</script>\n    \
         <link rel=\"stylesheet\" href=\"/main-dd9409964969dcd8.css\"/>\n  \
         <link rel=\"modulepreload\" href=\"/partner-center-licenses-ad65f8bb5dfba379.js\" \
         crossorigin=\"anonymous\"></head>\n  <body></body>\n</html>"
    )
}

fn sha256_source(text: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

fn built_app(dist: &TempDir) -> axum::Router {
    std::fs::write(dist.0.join("index.html"), trunk_index_html()).unwrap();
    std::fs::write(dist.0.join("app-1a2b3c.js"), "export default 1;").unwrap();
    app(AppState::seeded().with_dist(&dist.0))
}

/// The policy's directives by name.
fn directives(policy: &str) -> Vec<(String, Vec<String>)> {
    policy
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_owned);
            (words.next().unwrap(), words.collect())
        })
        .collect()
}

fn directive(policy: &str, name: &str) -> Vec<String> {
    directives(policy)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in {policy}"))
        .1
}

fn assert_secured(reply: &Reply, what: &str) -> String {
    assert_eq!(
        reply.header(header::X_CONTENT_TYPE_OPTIONS),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        reply.header(header::REFERRER_POLICY),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(
        reply.header(header::X_FRAME_OPTIONS),
        Some("DENY"),
        "{what}"
    );
    reply
        .header(header::CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("no CSP on {what}"))
        .to_owned()
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let dist = TempDir::new("security-every");
    let app = built_app(&dist);
    let client = Client::signed_in(app.clone(), "AdminAgent").await;
    let token = Some(client.token.as_str());
    let requests = [
        (
            "api list",
            request(Method::GET, &contoso("/users"), token, None),
        ),
        (
            "api write",
            request(
                Method::PATCH,
                &user_path(DELIA, ""),
                token,
                Some(&json!({"usageLocation": "FR"})),
            ),
        ),
        (
            "api refusal",
            request(
                Method::PATCH,
                &user_path(DELIA, ""),
                token,
                Some(&json!({"usageLocation": "XX"})),
            ),
        ),
        ("401", request(Method::GET, "/api/v1/customers", None, None)),
        (
            "unknown api route",
            request(Method::GET, "/api/v1/nope", None, None),
        ),
        (
            "wrong method",
            request(Method::DELETE, "/api/v1/customers", None, None),
        ),
        (
            "openapi",
            request(Method::GET, "/api/v1/openapi.json", None, None),
        ),
        ("app shell", request(Method::GET, "/", None, None)),
        (
            "client route",
            request(
                Method::GET,
                &format!("/customers/{CONTOSO}/users"),
                None,
                None,
            ),
        ),
        (
            "hashed asset",
            request(Method::GET, "/app-1a2b3c.js", None, None),
        ),
        (
            "missing file",
            request(Method::GET, "/nope-9f9f9f.js", None, None),
        ),
    ];
    let expected = content_security_policy(Some(&trunk_index_html()));
    for (what, request) in requests {
        let reply = send(&app, request).await;
        assert_eq!(assert_secured(&reply, what), expected, "{what}");
    }
}

#[tokio::test]
async fn the_csp_allows_exactly_the_inline_loader_of_index_html_by_its_hash() {
    let dist = TempDir::new("security-hash");
    let app = built_app(&dist);
    let reply = send(&app, request(Method::GET, "/", None, None)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let policy = assert_secured(&reply, "/");
    assert_eq!(
        directive(&policy, "script-src"),
        ["'self'", "'wasm-unsafe-eval'", &sha256_source(LOADER)]
    );
    // The served page's own inline script is the one hashed.
    let page = String::from_utf8_lossy(&reply.bytes).into_owned();
    assert_eq!(
        inline_script_hashes(&page),
        [sha256_source(LOADER).trim_matches('\'')]
    );
    // A loader changed by one character is not allowed.
    assert!(!policy.contains(&sha256_source(&LOADER.replace("wasm =", "wasm="))));
}

#[tokio::test]
async fn the_policy_is_strict() {
    let dist = TempDir::new("security-strict");
    let app = built_app(&dist);
    let reply = send(&app, request(Method::GET, "/", None, None)).await;
    let policy = assert_secured(&reply, "/");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(!directive(&policy, "script-src").contains(&"'unsafe-eval'".to_owned()));
    assert!(!policy.contains('*'), "{policy}");
    for (name, value) in [
        ("default-src", "'self'"),
        ("style-src", "'self'"),
        ("frame-ancestors", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'self'"),
        ("object-src", "'none'"),
    ] {
        assert_eq!(directive(&policy, name), [value], "{name}");
    }
}

#[tokio::test]
async fn without_a_built_app_the_policy_has_no_hash_and_still_no_unsafe_inline() {
    let dist = TempDir::new("security-empty");
    let app = app(AppState::seeded().with_dist(&dist.0));
    let reply = send(
        &app,
        request(Method::GET, "/api/v1/openapi.json", None, None),
    )
    .await;
    let policy = assert_secured(&reply, "openapi");
    assert_eq!(
        directive(&policy, "script-src"),
        ["'self'", "'wasm-unsafe-eval'"]
    );
}

#[tokio::test]
async fn compressed_answers_keep_the_headers() {
    let client = Client::admin().await;
    let request = Request::builder()
        .uri(contoso("/users"))
        .header(header::AUTHORIZATION, format!("Bearer {}", client.token))
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .unwrap();
    let reply = send(&client.app, request).await;
    assert_eq!(reply.header(header::CONTENT_ENCODING), Some("br"));
    assert_secured(&reply, "compressed");
}
