//! The race for the last seats on a real listening server: 500 concurrent assigners over TCP,
//! half through the one-user route and half through the batch, for 5 seats, 20 times.

use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::rt::TokioExecutor;
use mock_server::{app, AppState, Fixture, SEED_JSON};
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::sync::Barrier;

use crate::common::*;

const ROUNDS: usize = 20;
const ASSIGNERS: usize = 500;
const SEATS_LEFT: usize = 5;

/// Fabrikam's products as seeded (Visio Plan 2: 200 seats, held by the first 195 generated
/// users), but with 700 users (505 without Visio) and no other licenses: a small store to
/// reset every round.
fn small_fabrikam() -> Fixture {
    let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
    let mut fabrikam = seed["customers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customer"]["id"] == FABRIKAM)
        .unwrap()
        .clone();
    let generate = &mut fabrikam["generate"];
    generate["count"] = json!(700);
    let assign = generate["assign"].as_array_mut().unwrap();
    assign.retain(|a| a["skuId"] == VISIO);
    assert_eq!(assign[0]["users"], 195);
    seed["customers"] = json!([fabrikam]);
    serde_json::from_value(seed).unwrap()
}

struct Server {
    base: String,
    http: HttpClient<HttpConnector, Full<Bytes>>,
    token: String,
}

impl Server {
    async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> (StatusCode, Value) {
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token));
        let body = match body {
            Some(body) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                Full::new(Bytes::from(body.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let response = self
            .http
            .request(builder.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        (status, value)
    }
}

/// Serves `app()` on 127.0.0.1 with a port the system picks, signed in as an admin agent.
async fn serve() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = app(AppState::from_fixture(small_fabrikam()).unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let http = HttpClient::builder(TokioExecutor::new()).build(HttpConnector::new());
    let mut server = Server {
        base: format!("http://{address}"),
        http,
        token: String::new(),
    };
    let (status, session) = server
        .call(
            Method::POST,
            "/api/v1/session",
            Some(&json!({"role": "AdminAgent"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    server.token = session["token"].as_str().unwrap().to_owned();
    server
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Won,
    /// Refused with 60012 (the one-user route's 400, or the batch's failed result).
    Lost,
}

/// One assigner: Visio Plan 2 for `user`, through the one-user route or a one-user batch.
async fn assign_visio(server: &Server, user: &str, batch: bool) -> Outcome {
    if batch {
        let body = json!({"updates": [{"userId": user, "licensesToAssign": [{"skuId": VISIO}]}]});
        let path = format!("/api/v1/customers/{FABRIKAM}/licenseupdates");
        let (status, response) = server.call(Method::POST, &path, Some(&body)).await;
        assert_eq!(status, StatusCode::OK, "{response}");
        let result = &response["results"][0];
        assert_eq!(result["userId"], user);
        match result["status"].as_str().unwrap() {
            "succeeded" => Outcome::Won,
            _ => {
                assert_eq!(code(&result["error"]), 60012, "{result}");
                assert_eq!(result["errors"][0]["type"], "notEnoughSeats", "{result}");
                Outcome::Lost
            }
        }
    } else {
        let path = format!("/api/v1/customers/{FABRIKAM}/users/{user}/licenseupdates");
        let body = json!({"licensesToAssign": [{"skuId": VISIO}]});
        let (status, response) = server.call(Method::POST, &path, Some(&body)).await;
        match status {
            StatusCode::CREATED => Outcome::Won,
            _ => {
                assert_eq!(
                    (status, code(&response)),
                    (StatusCode::BAD_REQUEST, 60012),
                    "{response}"
                );
                Outcome::Lost
            }
        }
    }
}

/// Every product's seats, as `(name, consumed, total, suspended)`.
async fn seats(server: &Server) -> Vec<(String, u64, u64, bool)> {
    let (status, skus) = server
        .call(
            Method::GET,
            &format!("/api/v1/customers/{FABRIKAM}/subscribedskus"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    skus["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|sku| {
            (
                sku["productSku"]["name"].as_str().unwrap().to_owned(),
                sku["consumedUnits"].as_u64().unwrap(),
                sku["totalUnits"].as_u64().unwrap(),
                sku["capabilityStatus"] == "Suspended",
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_of_500_concurrent_assigners_over_tcp_get_the_last_five_seats_every_round() {
    let server = Arc::new(serve().await);
    // Users without Visio Plan 2: generated users past the first 195 hold none.
    let mut users: Vec<String> = Vec::new();
    for page in [1, 2] {
        let (_, list) = server
            .call(
                Method::GET,
                &format!("/api/v1/customers/{FABRIKAM}/users?size=500&page={page}"),
                None,
            )
            .await;
        users.extend(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|u| {
                    !u["assignedLicenses"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|l| l["skuId"] == VISIO)
                })
                .map(|u| u["id"].as_str().unwrap().to_owned()),
        );
    }
    users.truncate(ASSIGNERS);
    assert_eq!(users.len(), ASSIGNERS);
    let users = Arc::new(users);

    let (mut won, mut lost) = (0, 0);
    for round in 0..ROUNDS {
        let (status, _) = server.call(Method::POST, "/api/testing/reset", None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let visio = seats(&server)
            .await
            .into_iter()
            .find(|(name, ..)| name == "Visio Plan 2")
            .unwrap();
        assert_eq!((visio.1, visio.2), (200 - SEATS_LEFT as u64, 200));

        // Every assigner waits at the barrier, so all 500 requests are in flight together.
        let barrier = Arc::new(Barrier::new(ASSIGNERS));
        let tasks: Vec<_> = (0..ASSIGNERS)
            .map(|n| {
                let (server, users, barrier) = (
                    Arc::clone(&server),
                    Arc::clone(&users),
                    Arc::clone(&barrier),
                );
                tokio::spawn(async move {
                    barrier.wait().await;
                    assign_visio(&server, &users[n], n % 2 == 1).await
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        let round_won = outcomes.iter().filter(|o| **o == Outcome::Won).count();
        assert_eq!(round_won, SEATS_LEFT, "round {round}");
        won += round_won;
        lost += outcomes.len() - round_won;

        for (name, consumed, total, suspended) in seats(&server).await {
            if !suspended {
                assert!(
                    consumed <= total,
                    "round {round}: {name} {consumed}/{total}"
                );
            }
            if name == "Visio Plan 2" {
                assert_eq!((consumed, total), (200, 200), "round {round}");
            }
        }
    }
    println!(
        "seat race over TCP: {ROUNDS} rounds x {ASSIGNERS} assigners (half one-user route, half \
         batch) for {SEATS_LEFT} seats: {won} succeeded ({} a round), {lost} refused with 60012, \
         consumed never above total",
        won / ROUNDS
    );
    assert_eq!(
        (won, lost),
        (ROUNDS * SEATS_LEFT, ROUNDS * (ASSIGNERS - SEATS_LEFT))
    );
}
