//! The batch's dry run (`?dryRun=true`, a mock extension): the save's very answer, nothing
//! applied. Visual-testing tools reach the Licenses updated page from an address with it, in
//! parallel with every other screen, so it must leave the seed exactly as it was.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};

use crate::common::*;

fn batch(dry_run: bool) -> String {
    let query = if dry_run { "?dryRun=true" } else { "" };
    contoso(&format!("/licenseupdates{query}"))
}

/// A mix: Adele takes Audio Conferencing's 1st seat and gives up Power BI Pro, which Delia takes
/// with E3; Alex takes Audio's 2nd seat, Christie finds none left; Irvin has no usage location;
/// one user doesn't exist.
fn mixed() -> Value {
    json!({"updates": [
        {"userId": ADELE, "licensesToAssign": [{"skuId": AUDIO}], "licensesToRemove": [POWER_BI]},
        {"userId": DELIA, "licensesToAssign": [{"skuId": E3}, {"skuId": POWER_BI}]},
        {"userId": ALEX, "licensesToAssign": [{"skuId": AUDIO}]},
        {"userId": CHRISTIE, "licensesToAssign": [{"skuId": AUDIO}]},
        {"userId": IRVIN, "licensesToAssign": [{"skuId": E3}]},
        {"userId": "no-such-user", "licensesToAssign": [{"skuId": E3}]},
    ]})
}

/// Everything a batch may change, as the API shows it: every product's seats and every Contoso
/// user with their licenses.
async fn everything(client: &Client) -> (Value, Value) {
    let (status, skus) = client.get(&contoso("/subscribedskus")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, users) = client.get(&contoso("/users?size=500")).await;
    assert_eq!(status, StatusCode::OK);
    (skus, users)
}

async fn post(client: &Client, uri: &str, headers: &[(&str, &str)], body: &Value) -> Reply {
    let mut builder = Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {}", client.token))
        .header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    send(
        &client.app,
        builder.body(Body::from(body.to_string())).unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_dry_run_answers_what_the_save_then_does_and_changes_nothing() {
    let client = Client::admin().await;
    let before = everything(&client).await;

    let dry = post(&client, &batch(true), &[], &mixed()).await;
    assert_eq!(dry.status, StatusCode::OK);
    assert_eq!(
        everything(&client).await,
        before,
        "a dry run applies nothing"
    );
    let statuses: Vec<String> = dry.json()["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        statuses,
        [
            "succeeded",
            "succeeded",
            "succeeded",
            "failed",
            "failed",
            "failed"
        ]
    );

    // A second dry run finds the same state, so gives the same answer.
    let again = post(&client, &batch(true), &[], &mixed()).await;
    assert_eq!(again.json(), dry.json());

    let save = post(&client, &batch(false), &[], &mixed()).await;
    assert_eq!(save.status, StatusCode::OK);
    assert_eq!(
        save.json(),
        dry.json(),
        "the save answers as its dry run did"
    );
    assert_ne!(everything(&client).await, before, "the save applies");
}

#[tokio::test]
async fn a_dry_run_neither_keeps_nor_replays_an_idempotency_key() {
    let client = Client::admin().await;
    let key = [("Idempotency-Key", "dry-1")];
    let dry = post(&client, &batch(true), &key, &mixed()).await;
    assert_eq!(dry.status, StatusCode::OK);
    assert_eq!(
        dry.header(header::HeaderName::from_static("idempotent-replayed")),
        None
    );

    // Had the dry run kept its key, another request with it would be refused (422).
    let other = json!({"updates": [{"userId": DELIA, "licensesToAssign": [{"skuId": EMS}]}]});
    let save = post(&client, &batch(false), &key, &other).await;
    assert_eq!(save.status, StatusCode::OK, "{}", save.json());
    assert!(client.held(DELIA).await.iter().any(|sku| sku == EMS));

    // Nor is the key's kept answer replayed: the dry run plans against the state now.
    let before = everything(&client).await;
    let dry = post(&client, &batch(true), &key, &other).await;
    assert_eq!(dry.status, StatusCode::OK);
    assert_eq!(
        dry.header(header::HeaderName::from_static("idempotent-replayed")),
        None
    );
    assert_eq!(dry.json()["results"][0]["status"], "succeeded");
    assert_eq!(everything(&client).await, before);
}

#[tokio::test]
async fn a_dry_run_under_the_partial_failure_scenario_answers_as_its_save() {
    let client = Client::admin().await;
    let scenario = [("X-Scenario", "save-partial-failure")];
    let before = everything(&client).await;
    let dry = post(&client, &batch(true), &scenario, &mixed()).await;
    assert_eq!(everything(&client).await, before);
    let save = post(&client, &batch(false), &scenario, &mixed()).await;
    assert_eq!((dry.status, dry.json()), (save.status, save.json()));
    assert_eq!(
        dry.json()["results"][0]["errors"][0]["type"],
        "notEnoughSeats"
    );
}

#[tokio::test]
async fn a_dry_run_refuses_what_the_save_refuses() {
    let client = Client::admin().await;
    let twice = json!({"updates": [{"userId": DELIA}, {"userId": DELIA}]});
    let (status, body) = client.post(&batch(true), twice).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), 1003);

    let (status, body) = client
        .post(
            "/api/v1/customers/no-such-customer/licenseupdates?dryRun=true",
            mixed(),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&body), 60003);

    let (status, body) = client
        .post(&contoso("/licenseupdates?dryRun=maybe"), mixed())
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["description"].as_str().unwrap().contains("dryRun"),
        "{body}"
    );
}

#[tokio::test]
async fn dry_run_false_is_the_save() {
    let client = Client::admin().await;
    let body = json!({"updates": [{"userId": DELIA, "licensesToAssign": [{"skuId": EMS}]}]});
    let (status, _) = client
        .post(&contoso("/licenseupdates?dryRun=false"), body)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(client.held(DELIA).await.iter().any(|sku| sku == EMS));
}

#[tokio::test]
async fn the_document_describes_the_dry_run() {
    let client = Client::admin().await;
    let (status, document) = client.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = document["paths"].as_object().unwrap();
    let (_, batch) = paths
        .iter()
        .find(|(path, _)| path.ends_with("/customers/{customerId}/licenseupdates"))
        .expect("the batch route is documented");
    let parameters = batch["post"]["parameters"].as_array().unwrap();
    let dry_run = parameters
        .iter()
        .find(|p| p["name"] == "dryRun")
        .expect("dryRun is documented");
    assert_eq!(dry_run["in"], "query");
    assert_eq!(dry_run["schema"]["type"], "boolean");
}
