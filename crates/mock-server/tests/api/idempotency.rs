//! `Idempotency-Key` on the two license-update routes: a retried request is answered from the
//! store, never applied twice.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderName, Method, Request, StatusCode};
use mock_server::{app, AppState, IDEMPOTENCY_MAX_KEY_LEN};
use serde_json::{json, Value};
use tokio::sync::Barrier;

use crate::common::*;

const KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

fn keyed(client: &Client, uri: &str, keys: &[&str], body: &str) -> Request<Body> {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {}", client.token))
        .header(header::CONTENT_TYPE, "application/json");
    for key in keys {
        builder = builder.header(KEY, *key);
    }
    builder.body(Body::from(body.to_owned())).unwrap()
}

async fn post_keyed(client: &Client, uri: &str, key: &str, body: &Value) -> Reply {
    send(&client.app, keyed(client, uri, &[key], &body.to_string())).await
}

fn assign(sku: &str) -> Value {
    json!({"licensesToAssign": [{"skuId": sku}]})
}

fn batch_assign(user: &str, sku: &str) -> Value {
    json!({"updates": [{"userId": user, "licensesToAssign": [{"skuId": sku}]}]})
}

async fn consumed(client: &Client, sku: &str) -> u64 {
    client.sku(sku).await["consumedUnits"].as_u64().unwrap()
}

#[tokio::test]
async fn a_repeated_request_is_answered_as_the_first_time_and_not_applied_again() {
    let client = Client::admin().await;
    let path = user_path(DELIA, "/licenseupdates");
    let first = post_keyed(&client, &path, "k-1", &assign(EMS)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.header(REPLAYED), None);
    // Taken away by someone else in between: a second application would give it back.
    assert_eq!(
        client.update(DELIA, &[], &[EMS]).await.0,
        StatusCode::CREATED
    );

    let again = post_keyed(&client, &path, "k-1", &assign(EMS)).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header(REPLAYED), Some("true"));
    assert_eq!(again.header(header::CONTENT_TYPE), Some("application/json"));
    assert_eq!(again.bytes, first.bytes);
    assert!(client.held(DELIA).await.is_empty(), "not applied again");
}

#[tokio::test]
async fn the_batch_replays_its_results_without_taking_seats_again() {
    let client = Client::admin().await;
    let path = contoso("/licenseupdates");
    let before = consumed(&client, E3).await;
    let first = post_keyed(&client, &path, "batch-1", &batch_assign(DELIA, E3)).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.json()["results"][0]["status"], "succeeded");
    client.update(DELIA, &[], &[E3]).await;

    let again = post_keyed(&client, &path, "batch-1", &batch_assign(DELIA, E3)).await;
    assert_eq!(
        (again.status, again.header(REPLAYED)),
        (StatusCode::OK, Some("true"))
    );
    assert_eq!(again.bytes, first.bytes);
    assert_eq!(consumed(&client, E3).await, before);
}

#[tokio::test]
async fn a_refusal_is_kept_too_even_once_the_cause_is_gone() {
    let client = Client::admin().await;
    let path = user_path(DELIA, "/licenseupdates");
    let first = post_keyed(&client, &path, "pbi", &assign(POWER_BI)).await;
    assert_eq!(
        (first.status, code(&first.json())),
        (StatusCode::BAD_REQUEST, 60012)
    );
    let (bought, _) = client
        .patch(
            &contoso(&format!("/subscriptions/{POWER_BI_SUBSCRIPTION}")),
            json!({"quantity": 6}),
        )
        .await;
    assert_eq!(bought, StatusCode::OK);
    let again = post_keyed(&client, &path, "pbi", &assign(POWER_BI)).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.header(REPLAYED), Some("true"));
    assert_eq!(again.bytes, first.bytes);
    assert!(client.held(DELIA).await.is_empty());
    // A new key is a new request, and now succeeds.
    let fresh = post_keyed(&client, &path, "pbi-2", &assign(POWER_BI)).await;
    assert_eq!(fresh.status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_same_request_written_differently_is_the_same_request() {
    let client = Client::admin().await;
    let path = user_path(DELIA, "/licenseupdates");
    let first = post_keyed(&client, &path, "k", &assign(EMS)).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let pascal = format!("{{ \"LicensesToAssign\" : [ {{\"SkuId\": \"{EMS}\"}} ] }}");
    let again = send(&client.app, keyed(&client, &path, &["k"], &pascal)).await;
    assert_eq!(again.header(REPLAYED), Some("true"));
    assert_eq!(again.bytes, first.bytes);
}

#[tokio::test]
async fn a_key_reused_for_another_request_is_422_and_changes_nothing() {
    let client = Client::admin().await;
    let delia = user_path(DELIA, "/licenseupdates");
    assert_eq!(
        post_keyed(&client, &delia, "k", &assign(EMS)).await.status,
        StatusCode::CREATED
    );
    let other_body = post_keyed(&client, &delia, "k", &assign(E3)).await;
    let other_user = post_keyed(
        &client,
        &user_path(ENRICO, "/licenseupdates"),
        "k",
        &assign(EMS),
    )
    .await;
    let other_route = post_keyed(&client, &contoso("/licenseupdates"), "k", &json!({})).await;
    for (what, reply) in [
        ("body", other_body),
        ("user", other_user),
        ("route", other_route),
    ] {
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        let error = reply.json();
        assert_eq!(code(&error), 1422, "{what}");
        assert_eq!(error["source"], "PartnerFD");
        assert!(error["description"].as_str().unwrap().contains("\"k\""));
        assert_eq!(reply.header(REPLAYED), None);
    }
    assert_eq!(client.held(DELIA).await, [EMS]);
    assert!(client.held(ENRICO).await.is_empty());
}

#[tokio::test]
async fn keys_are_per_customer() {
    let client = Client::admin().await;
    let body = json!({"updates": []});
    for customer in [CONTOSO, TAILSPIN] {
        let path = format!("/api/v1/customers/{customer}/licenseupdates");
        let reply = post_keyed(&client, &path, "shared", &body).await;
        assert_eq!(reply.status, StatusCode::OK, "{customer}");
        assert_eq!(reply.header(REPLAYED), None, "{customer}");
    }
}

#[tokio::test]
async fn without_a_key_every_request_is_applied() {
    let client = Client::admin().await;
    for _ in 0..2 {
        let reply = send(
            &client.app,
            keyed(
                &client,
                &user_path(DELIA, "/licenseupdates"),
                &[],
                &assign(EMS).to_string(),
            ),
        )
        .await;
        assert_eq!(
            (reply.status, reply.header(REPLAYED)),
            (StatusCode::CREATED, None)
        );
    }
}

#[tokio::test]
async fn a_reset_forgets_every_key() {
    let client = Client::admin().await;
    let path = user_path(DELIA, "/licenseupdates");
    post_keyed(&client, &path, "k", &assign(EMS)).await;
    let reset = send(
        &client.app,
        request(Method::POST, "/api/testing/reset", None, None),
    )
    .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    let again = post_keyed(&client, &path, "k", &assign(EMS)).await;
    assert_eq!(
        (again.status, again.header(REPLAYED)),
        (StatusCode::CREATED, None)
    );
}

#[tokio::test]
async fn malformed_keys_are_400_in_the_api_format_and_nothing_is_applied() {
    let client = Client::admin().await;
    let longest = "k".repeat(IDEMPOTENCY_MAX_KEY_LEN);
    let too_long = "k".repeat(IDEMPOTENCY_MAX_KEY_LEN + 1);
    let body = assign(EMS).to_string();
    for (path, body) in [
        (user_path(DELIA, "/licenseupdates"), body.clone()),
        (
            contoso("/licenseupdates"),
            batch_assign(DELIA, EMS).to_string(),
        ),
    ] {
        for (what, keys) in [
            ("empty", vec![""]),
            ("256 characters", vec![too_long.as_str()]),
            ("two keys", vec!["a", "b"]),
        ] {
            let reply = send(&client.app, keyed(&client, &path, &keys, &body)).await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{what} {path}");
            assert_eq!(code(&reply.json()), 1002, "{what} {path}");
        }
        let mut request = keyed(&client, &path, &[], &body);
        request.headers_mut().insert(
            KEY,
            header::HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap(),
        );
        let reply = send(&client.app, request).await;
        assert_eq!(
            (reply.status, code(&reply.json())),
            (StatusCode::BAD_REQUEST, 1002)
        );
        assert!(client.held(DELIA).await.is_empty(), "{path}");
    }
    let reply = send(
        &client.app,
        keyed(
            &client,
            &user_path(DELIA, "/licenseupdates"),
            &[&longest],
            &body,
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "255 characters are fine");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_identical_requests_racing_with_one_key_apply_once() {
    let client = Client::signed_in(app(AppState::seeded()), "AdminAgent").await;
    let pairs = 50;
    let barrier = Arc::new(Barrier::new(pairs * 2));
    let mut tasks = Vec::new();
    for pair in 0..pairs {
        for _ in 0..2 {
            let (client, barrier) = (client.clone(), Arc::clone(&barrier));
            // Pairs alternate between the two routes.
            let (path, body) = if pair % 2 == 0 {
                (
                    user_path(DELIA, "/licenseupdates"),
                    json!({"licensesToAssign": [{"skuId": E3}], "licensesToRemove": []}),
                )
            } else {
                (contoso("/licenseupdates"), batch_assign(ENRICO, E3))
            };
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let key = format!("pair-{pair}");
                (pair, post_keyed(&client, &path, &key, &body).await)
            }));
        }
    }
    let mut replies: Vec<Vec<Reply>> = (0..pairs).map(|_| Vec::new()).collect();
    for task in tasks {
        let (pair, reply) = task.await.unwrap();
        replies[pair].push(reply);
    }
    for (pair, replies) in replies.iter().enumerate() {
        let applied = replies
            .iter()
            .filter(|r| r.header(REPLAYED).is_none())
            .count();
        assert_eq!(applied, 1, "pair {pair}");
        assert_eq!(replies[0].status, replies[1].status, "pair {pair}");
        assert_eq!(replies[0].bytes, replies[1].bytes, "pair {pair}");
    }
    assert_eq!(client.held(DELIA).await, [E3]);
    assert_eq!(client.held(ENRICO).await, [E3]);
}
