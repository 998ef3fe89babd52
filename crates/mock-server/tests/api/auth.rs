//! Sign-in and the authorization matrix: every API route for every role, anonymous and forged
//! callers; and a user of one customer never reachable under another.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use mock_server::{app, served_routes, AppState, Fixture, SEED_JSON};
use serde_json::{json, Value};

use crate::common::*;

/// A concrete address for a served route, with Contoso's ids in its parameters.
pub fn concrete(path: &str) -> String {
    path.replace("{customerId}", CONTOSO)
        .replace("{userId}", DELIA)
        .replace("{skuId}", E3)
        .replace("{subscriptionId}", E3_SUBSCRIPTION)
}

const OPEN_ROUTES: [&str; 7] = [
    "/api/health",
    "/api/v1/session",
    "/api/v1/openapi.json",
    "/api/testing/reset",
    "/api/testing/faults",
    "/api/testing/scenarios",
    "/api/testing/pages",
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

/// The five roles the Partner Center documentation names for managing licenses.
const MANAGERS: [&str; 5] = [
    "AdminAgent",
    "GlobalAdmin",
    "HelpdeskAgent",
    "SalesAgent",
    "UserManagementAdmin",
];

/// Who calls.
#[derive(Debug, Clone)]
enum Caller {
    Role(&'static str),
    Anonymous,
    /// An `Authorization` header that is not a session the server issued.
    Forged(&'static str),
}

const FORGED: [&str; 4] = [
    "Bearer forged",
    "Bearer mock-0-0000000000000000",
    "Bearer ",
    "Basic YWRtaW46YWRtaW4=",
];

/// Each route's valid request and the status it answers when allowed.
pub fn valid_request(method: &Method, path: &str) -> (Option<Value>, StatusCode) {
    match (method.as_str(), path) {
        ("POST", "/api/v1/session") => (Some(json!({"role": "AdminAgent"})), StatusCode::CREATED),
        ("POST", "/api/testing/reset") => (None, StatusCode::NO_CONTENT),
        ("POST", "/api/testing/faults") => (
            Some(
                json!({"method": "GET", "path": "/v1/customers/{customerId}/users", "delayMs": 1, "times": 1}),
            ),
            StatusCode::CREATED,
        ),
        ("DELETE", "/api/testing/faults") => (None, StatusCode::NO_CONTENT),
        ("POST", "/api/v1/customers/{customerId}/users/{userId}/licenseupdates") => (
            Some(json!({"licensesToAssign": [{"skuId": EMS}]})),
            StatusCode::CREATED,
        ),
        ("POST", "/api/v1/customers/{customerId}/licenseupdates") => (
            Some(json!({"updates": [{"userId": DELIA, "licensesToAssign": [{"skuId": EMS}]}]})),
            StatusCode::OK,
        ),
        ("POST", "/api/v1/customers/{customerId}/licensesummary") => {
            (Some(json!({"userIds": [ADELE, DELIA]})), StatusCode::OK)
        }
        ("PATCH", "/api/v1/customers/{customerId}/users/{userId}") => {
            (Some(json!({"usageLocation": "FR"})), StatusCode::OK)
        }
        ("PATCH", "/api/v1/customers/{customerId}/subscriptions/{subscriptionId}") => {
            (Some(json!({"quantity": 30})), StatusCode::OK)
        }
        ("GET", _) => (None, StatusCode::OK),
        _ => panic!("no valid request for {method} {path}: add the new route to the matrix"),
    }
}

/// What the reference document says a caller gets: open routes for anyone; otherwise 401
/// without a session; customers may be browsed by every role; users, licenses and
/// subscriptions are for the five managing roles (403 / 2032 for the others).
fn expected(caller: &Caller, path: &str, allowed: StatusCode) -> (StatusCode, Option<i64>) {
    if OPEN_ROUTES.contains(&path) {
        return (allowed, None);
    }
    match caller {
        Caller::Anonymous | Caller::Forged(_) => (StatusCode::UNAUTHORIZED, Some(1401)),
        Caller::Role(role) if MANAGERS.contains(role) => (allowed, None),
        Caller::Role(_) if path.starts_with("/api/v1/customers/{customerId}/") => {
            (StatusCode::FORBIDDEN, Some(2032))
        }
        Caller::Role(_) => (allowed, None),
    }
}

fn contoso_only() -> Fixture {
    let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
    let contoso = seed["customers"][0].clone();
    seed["customers"] = json!([contoso]);
    serde_json::from_value(seed).unwrap()
}

#[tokio::test]
async fn every_route_for_every_caller_answers_exactly_as_specified() {
    let app = app(AppState::from_fixture(contoso_only()).unwrap());
    let admin = Client::signed_in(app.clone(), "AdminAgent").await;
    let mut callers: Vec<Caller> = MANAGERS.iter().map(|r| Caller::Role(r)).collect();
    callers.push(Caller::Role("BillingAdmin"));
    callers.push(Caller::Anonymous);
    callers.extend(FORGED.iter().map(|f| Caller::Forged(f)));
    let mut tokens = BTreeMap::new();
    for caller in &callers {
        if let Caller::Role(role) = caller {
            tokens.insert(*role, Client::signed_in(app.clone(), role).await.token);
        }
    }

    let mut cells = 0;
    let mut tally: BTreeMap<u16, usize> = BTreeMap::new();
    for (method, path) in served_routes() {
        let (body, allowed) = valid_request(&method, &path);
        for caller in &callers {
            send(
                &app,
                request(Method::POST, "/api/testing/reset", None, None),
            )
            .await;
            let mut builder = Request::builder()
                .method(method.clone())
                .uri(concrete(&path));
            match caller {
                Caller::Role(role) => {
                    builder =
                        builder.header(header::AUTHORIZATION, format!("Bearer {}", tokens[role]));
                }
                Caller::Forged(value) => builder = builder.header(header::AUTHORIZATION, *value),
                Caller::Anonymous => {}
            }
            let request = match &body {
                Some(body) => builder
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(body.to_string())),
                None => builder.body(Body::empty()),
            }
            .unwrap();
            let reply = send(&app, request).await;
            let cell = format!("{caller:?} {method} {path}");
            let (status, code) = expected(caller, &path, allowed);
            assert_eq!(reply.status, status, "{cell}");
            if let Some(code) = code {
                let error = reply.json();
                assert_eq!(crate::common::code(&error), code, "{cell}");
                assert_eq!(error["source"], "PartnerFD", "{cell}");
                match caller {
                    Caller::Role(role) => assert!(
                        error["description"].as_str().unwrap().contains(role),
                        "{cell}"
                    ),
                    _ => assert_eq!(
                        reply.header(header::WWW_AUTHENTICATE),
                        Some("Bearer"),
                        "{cell}"
                    ),
                }
                // A refused write changed nothing.
                assert!(admin.held(DELIA).await.is_empty(), "{cell}");
                assert_eq!(admin.sku(E3).await["totalUnits"], 25, "{cell}");
            }
            cells += 1;
            *tally.entry(status.as_u16()).or_default() += 1;
        }
    }
    assert_eq!(cells, served_routes().len() * callers.len());
    println!(
        "authorization matrix: {} routes x {} callers = {cells} cells, all as specified (by status: {tally:?})",
        served_routes().len(),
        callers.len()
    );
}

#[tokio::test]
async fn a_user_of_one_customer_is_not_found_under_another_on_every_user_route() {
    let client = Client::admin().await;
    let (_, tailspin_users) = client
        .get(&format!("/api/v1/customers/{TAILSPIN}/users"))
        .await;
    let tailspin_user = tailspin_users["items"][0].clone();
    let tailspin_id = tailspin_user["id"].as_str().unwrap().to_owned();
    let (_, delia) = client
        .get(&format!("{}?ids={DELIA}", contoso("/users")))
        .await;
    let delia = delia["items"][0].clone();

    let user_routes: Vec<(Method, String)> = served_routes()
        .into_iter()
        .filter(|(_, path)| path.contains("{userId}"))
        .collect();
    assert!(user_routes.len() >= 3, "{user_routes:?}");
    let mut cells = 0;
    for (owner, user, other) in [
        (&delia, DELIA, TAILSPIN),
        (&tailspin_user, tailspin_id.as_str(), CONTOSO),
    ] {
        for (method, path) in &user_routes {
            let (body, _) = valid_request(method, path);
            let uri = path
                .replace("{customerId}", other)
                .replace("{userId}", user);
            let (status, error) = client.call(method.clone(), &uri, body.as_ref()).await;
            let cell = format!("{method} {uri}");
            assert_eq!(status, StatusCode::NOT_FOUND, "{cell}");
            assert_eq!(code(&error), 60002, "{cell}");
            let text = error.to_string();
            for field in ["userPrincipalName", "displayName"] {
                assert!(
                    !text.contains(owner[field].as_str().unwrap()),
                    "{cell}: {text}"
                );
            }
            cells += 1;
        }
        // The batch, the list's `ids` and a product's holders don't reveal the user either.
        let (status, batch) = client
            .post(
                &format!("/api/v1/customers/{other}/licenseupdates"),
                json!({"updates": [{"userId": user, "licensesToAssign": [{"skuId": EMS}]}]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(code(&batch["results"][0]["error"]), 60002);
        let (_, list) = client
            .get(&format!("/api/v1/customers/{other}/users?ids={user}"))
            .await;
        assert_eq!(list["totalCount"], 0, "ids={user} under {other}");
        cells += 2;
    }
    assert!(client.held(DELIA).await.is_empty());
    println!("cross-customer: {cells} requests, every one 404 / not found, no data");
}
