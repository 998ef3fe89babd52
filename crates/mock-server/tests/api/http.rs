use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use mock_server::{app, AppState, Fixture, SEED_JSON};
use serde_json::{json, Value};

use crate::common::*;

fn raw(
    method: Method,
    uri: &str,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    builder.body(body.into()).unwrap()
}

#[tokio::test]
async fn unknown_api_paths_answer_json_404_never_the_app() {
    let app = app(AppState::seeded());
    for uri in [
        "/api/v1/nope",
        "/api/unknown",
        "/api/v1/customers/x/y/z/w/v",
    ] {
        let reply = send(&app, raw(Method::GET, uri, None, Body::empty())).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        let error = reply.json();
        assert_eq!(code(&error), 1404);
        assert!(error["description"].as_str().unwrap().contains(uri));
    }
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_is_405_in_the_api_format() {
    let app = app(AppState::seeded());
    let reply = send(
        &app,
        raw(Method::DELETE, "/api/v1/customers", None, Body::empty()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(code(&reply.json()), 1405);
}

#[tokio::test]
async fn api_answers_are_compressed_with_brotli_or_gzip() {
    let client = Client::admin().await;
    for encoding in ["br", "gzip"] {
        let request = Request::builder()
            .uri(contoso("/users"))
            .header(header::AUTHORIZATION, format!("Bearer {}", client.token))
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let reply = send(&client.app, request).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.header(header::CONTENT_ENCODING), Some(encoding));
    }
}

fn built_app(dist: &TempDir) -> axum::Router {
    std::fs::write(
        dist.0.join("index.html"),
        "<!doctype html><title>Partner Center</title>",
    )
    .unwrap();
    std::fs::write(dist.0.join("app-1a2b3c_bg.wasm"), vec![0u8; 4096]).unwrap();
    std::fs::write(dist.0.join("favicon.ico"), "icon").unwrap();
    app(AppState::seeded().with_dist(&dist.0))
}

async fn get(app: &axum::Router, uri: &str) -> Reply {
    send(app, raw(Method::GET, uri, None, Body::empty())).await
}

#[tokio::test]
async fn a_path_that_only_starts_like_the_api_is_a_client_route() {
    let dist = TempDir::new("spa-apix");
    let app = built_app(&dist);
    let reply = get(&app, "/apix").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(header::CACHE_CONTROL), Some("no-cache"));
}

#[tokio::test]
async fn client_routes_get_the_app_shell_which_is_never_cached_stale() {
    let dist = TempDir::new("spa-routes");
    let app = built_app(&dist);
    for uri in ["/", "/customers", &format!("/customers/{CONTOSO}/users")] {
        let reply = get(&app, uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert!(String::from_utf8_lossy(&reply.bytes).contains("Partner Center"));
        assert_eq!(
            reply.header(header::CACHE_CONTROL),
            Some("no-cache"),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_plain_files_are_not() {
    let dist = TempDir::new("spa-assets");
    let app = built_app(&dist);
    let wasm = get(&app, "/app-1a2b3c_bg.wasm").await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(
        wasm.header(header::CACHE_CONTROL),
        Some("public, max-age=31536000, immutable")
    );
    let icon = get(&app, "/favicon.ico").await;
    assert_eq!(icon.status, StatusCode::OK);
    assert_eq!(icon.header(header::CACHE_CONTROL), None);
}

#[tokio::test]
async fn a_missing_file_is_404_not_the_app_shell() {
    let dist = TempDir::new("spa-missing");
    let app = built_app(&dist);
    assert_eq!(
        get(&app, "/app-9f9f9f.js").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn built_assets_are_compressed_too() {
    let dist = TempDir::new("spa-compressed");
    let app = built_app(&dist);
    let request = Request::builder()
        .uri("/app-1a2b3c_bg.wasm")
        .header(header::ACCEPT_ENCODING, "br")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, request).await.header(header::CONTENT_ENCODING),
        Some("br")
    );
}

#[tokio::test]
async fn the_health_endpoint_answers_ok_without_sign_in() {
    let app = app(AppState::seeded());
    let reply = get(&app, "/api/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json(), json!({"status": "ok"}));
}

#[tokio::test]
async fn the_openapi_description_is_served_without_sign_in() {
    let app = app(AppState::seeded());
    let reply = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["openapi"], "3.1.0");
}

#[tokio::test]
async fn every_schema_reference_in_openapi_resolves() {
    fn refs(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    found.push(target.clone());
                }
                map.values().for_each(|v| refs(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }
    let spec = get(&app(AppState::seeded()), "/api/v1/openapi.json")
        .await
        .json();
    let mut found = Vec::new();
    refs(&spec, &mut found);
    assert!(!found.is_empty());
    for target in found {
        let name = target.strip_prefix("#/components/schemas/").unwrap();
        assert!(
            spec["components"]["schemas"].get(name).is_some(),
            "{target}"
        );
    }
}

#[tokio::test]
async fn a_reset_restores_the_fixture_and_keeps_sessions() {
    let client = Client::admin().await;
    client.update(DELIA, &[E3], &[]).await;
    let reply = send(
        &client.app,
        raw(Method::POST, "/api/testing/reset", None, Body::empty()),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert!(client.held(DELIA).await.is_empty());
}

/// Contoso alone, to keep the state files small.
fn contoso_only() -> Fixture {
    let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
    let contoso = seed["customers"][0].clone();
    seed["customers"] = json!([contoso]);
    serde_json::from_value(seed).unwrap()
}

#[tokio::test]
async fn with_a_state_file_every_change_survives_a_restart_and_a_reset_is_saved_too() {
    let dir = TempDir::new("state-file");
    let path = dir.0.join("state.json");

    let state = AppState::from_fixture(contoso_only())
        .unwrap()
        .with_state_file(&path)
        .await
        .unwrap();
    assert!(path.exists(), "written at start");
    let client = Client::signed_in(app(state), "AdminAgent").await;
    let (status, _) = client.update(DELIA, &[E3], &[]).await;
    assert_eq!(status, StatusCode::CREATED);

    let restarted = AppState::from_fixture(contoso_only())
        .unwrap()
        .with_state_file(&path)
        .await
        .unwrap();
    let client = Client::signed_in(app(restarted), "AdminAgent").await;
    assert_eq!(client.held(DELIA).await, [E3]);

    send(
        &client.app,
        raw(Method::POST, "/api/testing/reset", None, Body::empty()),
    )
    .await;
    let restarted = AppState::from_fixture(contoso_only())
        .unwrap()
        .with_state_file(&path)
        .await
        .unwrap();
    let client = Client::signed_in(app(restarted), "AdminAgent").await;
    assert!(client.held(DELIA).await.is_empty());
}
