//! The generated OpenAPI document against the server's real answers: every route's answers,
//! success and failure, validate against the schema the document gives for their status.

use axum::http::{Method, StatusCode};
use mock_server::served_routes;
use serde_json::{json, Value};

use crate::auth::{concrete, valid_request};
use crate::common::*;

/// The document as served.
async fn served_document(client: &Client) -> Value {
    let (status, document) = client.get("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    document
}

/// The schema the document gives for `method path` answering `status`, with the document's
/// components beside it so that its `$ref`s resolve; `None` for an answer without a body.
fn answer_schema(
    document: &Value,
    method: &Method,
    path: &str,
    status: StatusCode,
) -> Option<Value> {
    let operation = &document["paths"][path][method.as_str().to_lowercase()];
    assert!(
        operation.is_object(),
        "{method} {path} is not in the document"
    );
    let answer = &operation["responses"][status.as_str()];
    assert!(
        answer.is_object(),
        "{method} {path} answered {status}, which the document doesn't list"
    );
    let schema = answer["content"]["application/json"]["schema"].as_object()?;
    let mut schema = schema.clone();
    schema.insert("components".to_owned(), document["components"].clone());
    Some(Value::Object(schema))
}

/// Every way the answer breaks the schema, as text; empty when it validates.
fn violations(schema: &Value, answer: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("the document's schemas compile");
    validator
        .iter_errors(answer)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect()
}

/// Sends one request, then holds its answer to the document.
async fn check(
    client: &Client,
    document: &Value,
    method: &Method,
    path: &str,
    uri: &str,
    body: Option<&Value>,
) -> StatusCode {
    let (status, answer) = client.call(method.clone(), uri, body).await;
    if let Some(schema) = answer_schema(document, method, path, status) {
        let broken = violations(&schema, &answer);
        assert!(
            broken.is_empty(),
            "{method} {uri} -> {status}: {broken:#?}\n{answer}"
        );
    }
    status
}

#[tokio::test]
async fn every_answer_of_every_route_validates_against_its_schema_in_the_document() {
    let admin = Client::admin().await;
    let billing = Client::signed_in(admin.app.clone(), "BillingAdmin").await;
    let anonymous = Client {
        app: admin.app.clone(),
        token: "forged".to_owned(),
    };
    let document = served_document(&admin).await;
    let mut answered = std::collections::BTreeSet::new();
    for (method, path) in served_routes() {
        let (body, allowed) = valid_request(&method, &path);
        let uri = concrete(&path);
        let status = check(&admin, &document, &method, &path, &uri, body.as_ref()).await;
        assert_eq!(status, allowed, "{method} {path}");
        for caller in [&billing, &anonymous] {
            answered.insert(check(caller, &document, &method, &path, &uri, body.as_ref()).await);
        }
        if path.contains('{') {
            let unknown = path.replace("{customerId}", "no-such-customer");
            let uri = concrete(&unknown);
            answered.insert(check(&admin, &document, &method, &path, &uri, body.as_ref()).await);
        }
        if body.is_some() {
            let wrong = json!({"noSuchField": 1});
            answered.insert(check(&admin, &document, &method, &path, &uri, Some(&wrong)).await);
        }
        admin.call(Method::POST, "/api/testing/reset", None).await;
    }
    for status in [401, 403, 404, 400] {
        assert!(
            answered.contains(&StatusCode::from_u16(status).unwrap()),
            "no {status} among {answered:?}"
        );
    }
}

#[tokio::test]
async fn refusals_warnings_and_partial_batches_validate_too() {
    let client = Client::admin().await;
    let document = served_document(&client).await;
    let one_user = "/api/v1/customers/{customerId}/users/{userId}/licenseupdates";
    let batch = "/api/v1/customers/{customerId}/licenseupdates";
    let cases = [
        // No Power BI seat is left: a typed refusal.
        (
            one_user,
            concrete(one_user),
            json!({"licensesToAssign": [{"skuId": POWER_BI}]}),
            400,
        ),
        // Nothing to remove: applied, with a warning.
        (
            one_user,
            concrete(one_user),
            json!({"licensesToRemove": [E3]}),
            201,
        ),
        (
            batch,
            concrete(batch),
            json!({"updates": [
                {"userId": "no-such-user", "licensesToAssign": [{"skuId": EMS}]},
                {"userId": IRVIN, "licensesToAssign": [{"skuId": E3}, {"skuId": EMS}]},
                {"userId": DELIA, "licensesToAssign": [{"skuId": EMS}]},
            ]}),
            200,
        ),
    ];
    for (path, uri, body, expected) in cases {
        let status = check(&client, &document, &Method::POST, path, &uri, Some(&body)).await;
        assert_eq!(status.as_u16(), expected, "{uri} {body}");
    }
}

#[tokio::test]
async fn an_answer_with_a_renamed_field_fails_its_schema() {
    let client = Client::admin().await;
    let document = served_document(&client).await;
    let path = "/api/v1/customers/{customerId}/subscriptions";
    let (status, mut answer) = client.get(&concrete(path)).await;
    let schema = answer_schema(&document, &Method::GET, path, status).unwrap();
    assert!(violations(&schema, &answer).is_empty());

    let subscription = answer["items"][0].as_object_mut().unwrap();
    let quantity = subscription.remove("quantity").unwrap();
    subscription.insert("seatCount".to_owned(), quantity);
    let broken = violations(&schema, &answer);
    assert!(
        broken.iter().any(|b| b.contains("quantity")),
        "a renamed field went unnoticed: {broken:?}"
    );
}

#[tokio::test]
async fn the_documented_seat_limit_is_the_one_the_server_enforces() {
    let client = Client::admin().await;
    let document = served_document(&client).await;
    let limit = &document["components"]["schemas"]["SubscriptionPatch"]["properties"]["quantity"]
        ["maximum"];
    assert_eq!(
        limit.as_u64(),
        Some(u64::from(licensing::contract::MAX_QUANTITY))
    );
}

#[tokio::test]
async fn every_example_answer_in_the_document_validates_against_its_schema() {
    let client = Client::admin().await;
    let document = served_document(&client).await;
    let mut examples = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, answer) in operation["responses"].as_object().unwrap() {
                let content = &answer["content"]["application/json"];
                let Some(example) = content.get("example") else {
                    continue;
                };
                let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let status = StatusCode::from_bytes(status.as_bytes()).unwrap();
                let schema = answer_schema(&document, &method, path, status).unwrap();
                let broken = violations(&schema, example);
                assert!(broken.is_empty(), "{method} {path} {status}: {broken:?}");
                examples += 1;
            }
        }
    }
    assert!(examples >= 10, "only {examples} examples");
}
