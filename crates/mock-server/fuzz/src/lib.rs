//! What every fuzz target does: send the fuzzer's bytes to one route of `app()` through
//! `tower::ServiceExt::oneshot`, from a freshly reset Contoso, and check the answer: never a 5xx,
//! and every error in the API's format. Where the bytes are a valid request of the route's type,
//! the server must not call the body invalid.

use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use mock_server::{app, AppState, Fixture, SEED_JSON};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use tower::ServiceExt;

pub const CONTOSO: &str = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66";
pub const DELIA: &str = "0e5b7915-833c-5d66-8de7-4e97673c0da4";
pub const E3_SUBSCRIPTION: &str = "ed7b5e95-9de0-5ad8-8591-3b58552cc8eb";

struct Server {
    runtime: tokio::runtime::Runtime,
    state: AppState,
    router: Router,
    token: String,
}

fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| {
        let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
        let contoso = seed["customers"][0].clone();
        seed["customers"] = json!([contoso]);
        let fixture: Fixture = serde_json::from_value(seed).unwrap();
        let state = AppState::from_fixture(fixture).unwrap();
        let router = app(state.clone());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let token = state
            .create_session(licensing::contract::Role::AdminAgent, "Fuzzer".to_owned())
            .token;
        Server {
            runtime,
            state,
            router,
            token,
        }
    })
}

/// Sends `body` as JSON to `uri` and checks the answer. `T` is the route's request type.
pub fn drive_body<T: DeserializeOwned>(method: Method, uri: &str, body: &[u8]) {
    let typed = serde_json::from_slice::<T>(body).is_ok();
    let object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let (_, answer) = send(method, uri, Some(body));
    if typed && object {
        assert_ne!(
            answer.get("code").and_then(Value::as_i64),
            Some(1001),
            "a valid {} was called an invalid body: {answer}",
            std::any::type_name::<T>()
        );
    }
}

/// Sends a GET to `uri`.
pub fn drive_get(uri: &str) {
    send(Method::GET, uri, None);
}

fn send(method: Method, uri: &str, body: Option<&[u8]>) -> (StatusCode, Value) {
    let server = server();
    server.runtime.block_on(async {
        server.state.reset().await.unwrap();
        let mut builder = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", server.token));
        let body = match body {
            Some(bytes) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Body::from(bytes.to_vec())
            }
            None => Body::empty(),
        };
        let response = server
            .router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        assert!(
            status.as_u16() < 500,
            "{status}: {}",
            String::from_utf8_lossy(&bytes)
        );
        let value: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).expect("every API answer is JSON")
        };
        if !status.is_success() {
            assert!(value["code"].is_i64(), "{status}: {value}");
            assert!(value["description"].is_string(), "{status}: {value}");
            assert!(value["data"].is_array(), "{status}: {value}");
            assert_eq!(value["source"], "PartnerFD", "{status}: {value}");
        }
        (status, value)
    })
}

/// A query string from arbitrary bytes: `&` and `=` kept, anything else not URI-safe
/// percent-encoded.
pub fn query(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        if b.is_ascii_alphanumeric() || b"&=-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
