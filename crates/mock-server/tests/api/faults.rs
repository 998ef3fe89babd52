//! Forced server states: faults set through `/api/testing/faults`, a request's own `Prefer`,
//! and named scenarios chosen per request with `X-Scenario`.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::common::*;

const USERS: &str = "/v1/customers/{customerId}/users";

fn users_uri() -> String {
    contoso("/users")
}

/// A request of `client`'s with extra headers.
async fn call_with(
    client: &Client,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {}", client.token));
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap();
    let reply = send(&client.app, request).await;
    let value = if reply.bytes.is_empty() {
        Value::Null
    } else {
        reply.json()
    };
    (reply.status, value)
}

async fn add_fault(client: &Client, fault: Value) -> (StatusCode, Value) {
    client.post("/api/testing/faults", fault).await
}

fn users_fault(extra: Value) -> Value {
    let mut fault = json!({"method": "GET", "path": USERS});
    fault
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    fault
}

#[tokio::test]
async fn a_fault_answers_its_route_in_the_error_format_until_cleared() {
    let client = Client::admin().await;
    let (status, fault) = add_fault(
        &client,
        json!({"method":"GET","path":USERS,"status":503,"delayMs":0,"hold":false,"times":null}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{fault}");
    assert_eq!(fault["path"], USERS);
    for _ in 0..3 {
        let (status, body) = client.get(&users_uri()).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(body["code"], 1503);
        assert_eq!(body["source"], "PartnerFD");
        assert!(body["description"].as_str().unwrap().contains("503"));
    }
    // Other routes and other methods answer as always.
    assert_eq!(
        client.get(&contoso("/subscribedskus")).await.0,
        StatusCode::OK
    );
    let (status, listed) = client.get("/api/testing/faults").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1);
    assert_eq!(listed["items"][0]["status"], 503);

    let (status, _) = client
        .call(Method::DELETE, "/api/testing/faults", None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(client.get(&users_uri()).await.0, StatusCode::OK);
    let (_, listed) = client.get("/api/testing/faults").await;
    assert_eq!(listed["items"], json!([]));
}

#[tokio::test]
async fn a_fault_with_times_applies_to_that_many_requests_and_the_full_path_form_is_accepted() {
    let client = Client::admin().await;
    let (status, _) = add_fault(
        &client,
        json!({"method": "get", "path": "/api/v1/customers/{customerId}/users", "status": 500, "times": 2}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        client.get(&users_uri()).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    let (_, listed) = client.get("/api/testing/faults").await;
    assert_eq!(listed["items"][0]["times"], 1);
    assert_eq!(
        client.get(&users_uri()).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(client.get(&users_uri()).await.0, StatusCode::OK);
    let (_, listed) = client.get("/api/testing/faults").await;
    assert_eq!(listed["items"], json!([]));
}

#[tokio::test]
async fn a_delay_fault_answers_late_but_normally() {
    let client = Client::admin().await;
    add_fault(&client, users_fault(json!({"delayMs": 150}))).await;
    let started = Instant::now();
    let (status, body) = client.get(&users_uri()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["totalCount"], 57);
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn a_held_request_completes_once_the_faults_are_cleared() {
    let client = Client::admin().await;
    add_fault(&client, users_fault(json!({"hold": true}))).await;
    let held = tokio::spawn({
        let client = client.clone();
        async move { client.get(&users_uri()).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!held.is_finished(), "the request is held");
    // Testing routes still answer while it is held.
    assert_eq!(client.get("/api/testing/faults").await.0, StatusCode::OK);
    assert_eq!(client.get("/api/health").await.0, StatusCode::OK);
    client
        .call(Method::DELETE, "/api/testing/faults", None)
        .await;
    let (status, body) = tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("released")
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["totalCount"], 57);
}

#[tokio::test]
async fn a_reset_clears_the_faults_and_releases_held_requests() {
    let client = Client::admin().await;
    add_fault(&client, users_fault(json!({"hold": true}))).await;
    add_fault(
        &client,
        json!({"method": "GET", "path": "/v1/customers", "status": 503}),
    )
    .await;
    let held = tokio::spawn({
        let client = client.clone();
        async move { client.get(&users_uri()).await }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!held.is_finished());
    client.call(Method::POST, "/api/testing/reset", None).await;
    let (status, _) = tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("released")
        .unwrap();
    assert_eq!(status, StatusCode::OK);
    assert_eq!(client.get("/api/v1/customers").await.0, StatusCode::OK);
}

#[tokio::test]
async fn testing_routes_and_health_cannot_be_faulted() {
    let client = Client::admin().await;
    for path in [
        "/testing/reset",
        "/api/testing/faults",
        "/health",
        "/api/health",
        "/testing/pages",
    ] {
        let method = if path.ends_with("reset") {
            "POST"
        } else {
            "GET"
        };
        let (status, body) = add_fault(
            &client,
            json!({"method": method, "path": path, "status": 503}),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        assert_eq!(body["code"], 1001);
    }
    // Nor does a scenario or a Prefer touch them.
    for (name, value) in [("Prefer", "code=503"), ("X-Scenario", "users-error")] {
        for path in [
            "/api/health",
            "/api/testing/faults",
            "/api/testing/scenarios",
        ] {
            let (status, _) = call_with(&client, Method::GET, path, &[(name, value)], None).await;
            assert_eq!(status, StatusCode::OK, "{name}: {value} on {path}");
        }
    }
}

#[tokio::test]
async fn bad_faults_are_refused_in_the_error_format() {
    let client = Client::admin().await;
    for fault in [
        json!({"method": "GET", "path": "/v1/nothing", "status": 503}),
        json!({"method": "PUT", "path": USERS, "status": 503}),
        users_fault(json!({"status": 200})),
        users_fault(json!({"status": 600})),
        users_fault(json!({"delayMs": 30001})),
        users_fault(json!({"status": 503, "times": 0})),
        users_fault(json!({})),
        users_fault(json!({"status": 503, "colour": "red"})),
    ] {
        let (status, body) = add_fault(&client, fault.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{fault}: {body}");
        assert_eq!(body["code"], 1001, "{fault}");
    }
    assert_eq!(
        client.get("/api/testing/faults").await.1["items"],
        json!([])
    );
}

#[tokio::test]
async fn prefer_code_and_delay_apply_to_one_request() {
    let client = Client::admin().await;
    let (status, body) = call_with(
        &client,
        Method::GET,
        &users_uri(),
        &[("Prefer", "code=503")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], 1503);
    // The next request, without it, is answered.
    assert_eq!(client.get(&users_uri()).await.0, StatusCode::OK);
    let started = Instant::now();
    let (status, _) = call_with(
        &client,
        Method::GET,
        &users_uri(),
        &[("Prefer", "delay=120, return=minimal")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(120));
    let (status, _) = call_with(
        &client,
        Method::GET,
        &users_uri(),
        &[("Prefer", "delay=50"), ("Prefer", "code=429")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn bad_prefer_values_are_a_400() {
    let client = Client::admin().await;
    for value in ["code=200", "code=x", "delay=-5", "delay=999999"] {
        let (status, body) = call_with(
            &client,
            Method::GET,
            &users_uri(),
            &[("Prefer", value)],
            None,
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{value}");
        assert_eq!(body["code"], 1002, "{value}");
    }
}

#[tokio::test]
async fn the_scenarios_are_listed_with_what_they_do() {
    let client = Client::admin().await;
    let (status, body) = client.get("/api/testing/scenarios").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert!(!s["description"].as_str().unwrap().is_empty());
            assert!(!s["routes"].as_array().unwrap().is_empty());
            s["name"].as_str().unwrap()
        })
        .collect();
    for name in [
        "users-error",
        "users-loading",
        "manage-loading",
        "save-partial-failure",
        "empty-tenant",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
}

#[tokio::test]
async fn a_scenario_changes_only_the_requests_that_name_it() {
    let client = Client::admin().await;
    let scenario = [("X-Scenario", "users-error")];
    let (status, body) = call_with(&client, Method::GET, &users_uri(), &scenario, None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body["code"], 1503);
    // Without the header, or on another route, nothing changes.
    assert_eq!(client.get(&users_uri()).await.0, StatusCode::OK);
    let (status, _) = call_with(&client, Method::GET, "/api/v1/customers", &scenario, None).await;
    assert_eq!(status, StatusCode::OK);

    let (status, body) = call_with(
        &client,
        Method::GET,
        &users_uri(),
        &[("X-Scenario", "empty-tenant")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["totalCount"], 0);
    assert_eq!(body["items"], json!([]));

    let (status, body) = call_with(
        &client,
        Method::GET,
        &users_uri(),
        &[("X-Scenario", "no-such-scenario")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], 1002);
}

#[tokio::test]
async fn a_loading_scenario_holds_its_reads_until_the_faults_are_cleared() {
    let client = Client::admin().await;
    let held = tokio::spawn({
        let client = client.clone();
        async move {
            call_with(
                &client,
                Method::POST,
                &contoso("/licensesummary"),
                &[("X-Scenario", "manage-loading")],
                Some(&json!({"userIds": [ADELE]})),
            )
            .await
        }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!held.is_finished());
    // Another tool, without the scenario, is answered meanwhile.
    let (status, _) = client
        .post(&contoso("/licensesummary"), json!({"userIds": [ADELE]}))
        .await;
    assert_eq!(status, StatusCode::OK);
    client
        .call(Method::DELETE, "/api/testing/faults", None)
        .await;
    let (status, _) = tokio::time::timeout(Duration::from_secs(5), held)
        .await
        .expect("released")
        .unwrap();
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn save_partial_failure_refuses_every_other_user_given_a_product_and_applies_the_rest() {
    let client = Client::admin().await;
    let updates = json!({"updates": [
        {"userId": DELIA, "licensesToAssign": [{"skuId": EMS}]},
        {"userId": ENRICO, "licensesToAssign": [{"skuId": EMS}]},
        {"userId": LIDIA, "licensesToAssign": [{"skuId": EMS}]},
        {"userId": ADELE, "licensesToRemove": [POWER_BI]},
    ]});
    let (status, body) = call_with(
        &client,
        Method::POST,
        &contoso("/licenseupdates"),
        &[("X-Scenario", "save-partial-failure")],
        Some(&updates),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let statuses: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["failed", "succeeded", "failed", "succeeded"]);
    let refused = &body["results"][0];
    assert_eq!(refused["errors"][0]["type"], "notEnoughSeats");
    assert_eq!(refused["error"]["code"], 60012);
    // The refused users are untouched, the others changed.
    let holders = |user: &'static str| {
        let client = client.clone();
        async move {
            let (_, licenses) = client.get(&user_path(user, "/licenses")).await;
            licenses["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["productSku"]["id"] == EMS)
        }
    };
    assert!(!holders(DELIA).await);
    assert!(holders(ENRICO).await);
    assert!(!holders(LIDIA).await);
}
