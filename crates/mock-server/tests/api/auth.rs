use axum::http::{header, Method, StatusCode};
use mock_server::{app, served_routes, AppState};
use serde_json::json;

use crate::common::*;

/// A concrete address for a served route, with Contoso's ids in its parameters.
fn concrete(path: &str) -> String {
    path.replace("{customerId}", CONTOSO)
        .replace("{userId}", ADELE)
        .replace("{skuId}", E3)
        .replace("{subscriptionId}", E3_SUBSCRIPTION)
}

const OPEN_ROUTES: [&str; 4] = [
    "/api/health",
    "/api/v1/session",
    "/api/v1/openapi.json",
    "/api/testing/reset",
];

#[tokio::test]
async fn signing_in_with_the_documented_pascal_case_keys_gives_a_session() {
    let app = app(AppState::seeded());
    let reply = send(
        &app,
        request(
            Method::POST,
            "/api/v1/session",
            None,
            Some(&json!({"Role": "SalesAgent", "DisplayName": "  Sam  "})),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let session = reply.json();
    assert_eq!(session["role"], "SalesAgent");
    assert_eq!(session["displayName"], "Sam");
    assert!(session["token"].as_str().unwrap().len() > 10);
}

#[tokio::test]
async fn two_sign_ins_get_different_tokens() {
    let first = Client::admin().await;
    let second = Client::signed_in(first.app.clone(), "AdminAgent").await;
    assert_ne!(first.token, second.token);
}

#[tokio::test]
async fn an_unknown_role_is_refused_as_an_invalid_body() {
    let app = app(AppState::seeded());
    let reply = send(
        &app,
        request(
            Method::POST,
            "/api/v1/session",
            None,
            Some(&json!({"role": "Intern"})),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&reply.json()), 1001);
}

#[tokio::test]
async fn every_protected_route_answers_401_without_a_token() {
    let app = app(AppState::seeded());
    for (method, path) in served_routes() {
        if OPEN_ROUTES.contains(&path.as_str()) {
            continue;
        }
        let body = (method != Method::GET).then(|| json!({}));
        let reply = send(
            &app,
            request(method.clone(), &concrete(&path), None, body.as_ref()),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(code(&reply.json()), 1401);
        assert_eq!(reply.header(header::WWW_AUTHENTICATE), Some("Bearer"));
    }
}

#[tokio::test]
async fn an_unknown_token_answers_401() {
    let app = app(AppState::seeded());
    let reply = send(
        &app,
        request(Method::GET, "/api/v1/customers", Some("forged"), None),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_billing_admin_may_browse_customers_but_not_manage_users_licenses_or_subscriptions() {
    let billing = Client::signed_in(app(AppState::seeded()), "BillingAdmin").await;
    for (method, path) in served_routes() {
        if OPEN_ROUTES.contains(&path.as_str()) {
            continue;
        }
        let body = (method != Method::GET).then(|| json!({}));
        let (status, error) = billing
            .call(method.clone(), &concrete(&path), body.as_ref())
            .await;
        if path.starts_with("/api/v1/customers/{customerId}/") {
            assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}");
            assert_eq!(code(&error), 2032);
            assert!(error["description"]
                .as_str()
                .unwrap()
                .contains("BillingAdmin"));
        } else {
            assert_eq!(status, StatusCode::OK, "{method} {path}");
        }
    }
}

#[tokio::test]
async fn each_of_the_five_documented_roles_may_manage_licenses() {
    let app = app(AppState::seeded());
    for role in [
        "AdminAgent",
        "GlobalAdmin",
        "HelpdeskAgent",
        "SalesAgent",
        "UserManagementAdmin",
    ] {
        let client = Client::signed_in(app.clone(), role).await;
        let (status, _) = client.get(&contoso("/subscribedskus")).await;
        assert_eq!(status, StatusCode::OK, "{role}");
    }
}
