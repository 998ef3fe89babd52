//! Requests against the seeded app, and the seed's ids (see FIXTURE.md).

use std::path::PathBuf;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use mock_server::{app, AppState};
use serde_json::{json, Value};
use tower::ServiceExt;

pub const CONTOSO: &str = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66";
pub const FABRIKAM: &str = "5dade068-9716-5651-8c01-1a49aec3c866";
pub const TAILSPIN: &str = "7f064bfa-ceee-5ed3-888e-29c6b6974d5e";

pub const E3: &str = "62079124-8a0f-55fe-b693-5a6d0e61ed59";
pub const COMPLIANCE: &str = "ea2ac48d-8d7f-5386-87e5-5e4cda153fc5";
pub const EXCHANGE_1: &str = "69e592df-93a2-5c73-9eca-b56dc63b2f0f";
pub const EXCHANGE_2: &str = "a96ab66e-7cb3-54e3-a626-050b30385eb1";
pub const PHONE: &str = "e8558e49-bd6b-515b-83c5-ee555dda577d";
pub const POWER_BI: &str = "458a6784-a620-5033-bb2a-cc2cbc13de2c";
pub const VISIO: &str = "d25d880a-c6fa-5482-87b1-5b43a5277cab";
pub const EMS: &str = "daaad7fd-674b-551c-b741-27e82eb3f89e";
pub const PROJECT: &str = "f8d4f3f9-21cc-55ce-b09b-d605cc0e7c69";
pub const AUDIO: &str = "097bd362-9252-5fb2-b73c-b16a8fa9a1f4";

pub const E3_SUBSCRIPTION: &str = "ed7b5e95-9de0-5ad8-8591-3b58552cc8eb";
pub const POWER_BI_SUBSCRIPTION: &str = "2428617a-8f56-5707-b197-ee48551286d2";
pub const VISIO_SUBSCRIPTION: &str = "d651005b-e596-510c-9166-480711cf4858";

/// Office 365 E3's "Sway" plan, which Christie Cline has excluded.
pub const PLAN_SWAY: &str = "e2f66278-4931-589e-a045-687ebf5c8b26";

pub const ADELE: &str = "8e1ed6df-9c83-53c9-8c9d-9563bb6fb84a";
pub const ALEX: &str = "19a153d8-0359-5990-91a0-c39053b7e8ca";
pub const BIANCA: &str = "bf62686f-e41b-56be-9fc3-8430c6a8a5d6";
pub const DELIA: &str = "0e5b7915-833c-5d66-8de7-4e97673c0da4";
pub const ENRICO: &str = "30fd4e52-6bc1-5bb9-b21b-a393188ab33a";
pub const IRVIN: &str = "8c7da289-947e-56dd-8b6a-7d5273f0842c";
pub const LEE_GU: &str = "fb15a016-89c4-5eea-88e6-6d2375ba0dd5";
pub const LIDIA: &str = "cffd9030-6698-5eea-9a71-3d0c678f1997";
pub const MALLORY: &str = "ee66ba35-12ba-5cc7-bd48-99bab31edb4d";
pub const CHRISTIE: &str = "1e5b5e25-1c95-5e71-ab34-7987b065d91e";

pub fn contoso(path: &str) -> String {
    format!("/api/v1/customers/{CONTOSO}{path}")
}

pub fn user_path(user_id: &str, rest: &str) -> String {
    contoso(&format!("/users/{user_id}{rest}"))
}

/// A raw request; `body` is sent as JSON.
pub fn request(
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap()
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.bytes)))
    }

    pub fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        bytes,
    }
}

/// A signed-in partner user against an app.
#[derive(Clone)]
pub struct Client {
    pub app: Router,
    pub token: String,
}

impl Client {
    /// An admin agent on a fresh copy of the seed.
    pub async fn admin() -> Client {
        Client::signed_in(app(AppState::seeded()), "AdminAgent").await
    }

    pub async fn signed_in(app: Router, role: &str) -> Client {
        let reply = send(
            &app,
            request(
                Method::POST,
                "/api/v1/session",
                None,
                Some(&json!({"role": role})),
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED);
        let token = reply.json()["token"].as_str().unwrap().to_owned();
        Client { app, token }
    }

    pub async fn call(
        &self,
        method: Method,
        uri: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let reply = send(&self.app, request(method, uri, Some(&self.token), body)).await;
        let value = if reply.bytes.is_empty() {
            Value::Null
        } else {
            reply.json()
        };
        (reply.status, value)
    }

    pub async fn get(&self, uri: &str) -> (StatusCode, Value) {
        self.call(Method::GET, uri, None).await
    }

    pub async fn post(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, uri, Some(&body)).await
    }

    pub async fn patch(&self, uri: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, uri, Some(&body)).await
    }

    /// Assigns and removes products for one Contoso user.
    pub async fn update(
        &self,
        user_id: &str,
        assign: &[&str],
        remove: &[&str],
    ) -> (StatusCode, Value) {
        let assign: Vec<Value> = assign.iter().map(|sku| json!({"skuId": sku})).collect();
        self.post(
            &user_path(user_id, "/licenseupdates"),
            json!({"licensesToAssign": assign, "licensesToRemove": remove}),
        )
        .await
    }

    /// Contoso's product with `sku_id`, as `subscribedskus` lists it.
    pub async fn sku(&self, sku_id: &str) -> Value {
        let (status, skus) = self.get(&contoso("/subscribedskus")).await;
        assert_eq!(status, StatusCode::OK);
        skus["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["productSku"]["id"] == sku_id)
            .cloned()
            .unwrap()
    }

    /// The sku ids a Contoso user holds.
    /// Every user id of a customer, 500 a page.
    pub async fn user_ids(&self, customer_id: &str) -> Vec<String> {
        let mut ids = Vec::new();
        for page in 1.. {
            let (status, users) = self
                .get(&format!(
                    "/api/v1/customers/{customer_id}/users?size=500&page={page}"
                ))
                .await;
            assert_eq!(status, StatusCode::OK, "{users}");
            ids.extend(
                users["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|u| u["id"].as_str().unwrap().to_owned()),
            );
            if users["links"]["next"].is_null() {
                break;
            }
        }
        ids
    }

    pub async fn held(&self, user_id: &str) -> Vec<String> {
        let (status, page) = self
            .get(&format!("{}?ids={user_id}", contoso("/users")))
            .await;
        assert_eq!(status, StatusCode::OK);
        page["items"][0]["assignedLicenses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["skuId"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// The `code` of an API error body.
pub fn code(body: &Value) -> i64 {
    body["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("no code in {body}"))
}

/// A fresh directory under the system temp dir, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("mock-server-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
