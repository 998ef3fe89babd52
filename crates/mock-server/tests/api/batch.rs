use axum::http::{header, Method, StatusCode};
use serde_json::{json, Value};

use crate::common::*;

fn batch_path(customer_id: &str) -> String {
    format!("/api/v1/customers/{customer_id}/licenseupdates")
}

fn assign_to(users: &[&str], sku_id: &str) -> Value {
    let updates: Vec<Value> = users
        .iter()
        .map(|user| json!({"userId": user, "licensesToAssign": [{"skuId": sku_id}]}))
        .collect();
    json!({ "updates": updates })
}

fn statuses(response: &Value) -> Vec<&str> {
    response["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect()
}

/// `count` Fabrikam users who don't hold `sku_id`.
async fn fabrikam_users_without(client: &Client, sku_id: &str, count: usize) -> Vec<String> {
    let (_, page) = client
        .get(&format!("/api/v1/customers/{FABRIKAM}/users?size=500"))
        .await;
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| {
            !u["assignedLicenses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| l["skuId"] == sku_id)
        })
        .take(count)
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_batch_partly_succeeds_and_reports_every_user_in_order() {
    let client = Client::admin().await;
    // Audio Conferencing: 2 seats left, requires Office 365 E3. Alex and Christie hold E3,
    // Megan too but comes third; Delia lacks E3.
    let megan = "bfd8919e-6c56-5c42-ae96-db1697f80334";
    let body = assign_to(&[ALEX, CHRISTIE, megan, DELIA], AUDIO);
    let (status, response) = client.post(&batch_path(CONTOSO), body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        statuses(&response),
        ["succeeded", "succeeded", "failed", "failed"]
    );

    let results = response["results"].as_array().unwrap();
    assert_eq!(results[0]["userId"], ALEX);
    assert!(results[0]["assignedLicenses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["skuId"] == AUDIO));
    assert_eq!(results[2]["error"]["code"], 60012);
    assert_eq!(results[2]["errors"][0]["shortBy"], 1);
    assert_eq!(results[3]["errors"][0]["type"], "missingPrerequisite");
    assert_eq!(client.sku(AUDIO).await["availableUnits"], 0);
    assert!(client.held(megan).await.iter().all(|sku| sku != AUDIO));
}

#[tokio::test]
async fn a_revoke_in_the_same_batch_frees_the_seat_another_user_needs() {
    let client = Client::admin().await;
    // Power BI Pro has no seat left; Adele gives hers up, Delia takes it.
    let body = json!({"updates": [
        {"userId": DELIA, "licensesToAssign": [{"skuId": POWER_BI}]},
        {"userId": ADELE, "licensesToRemove": [POWER_BI]},
    ]});
    let (_, response) = client.post(&batch_path(CONTOSO), body).await;
    assert_eq!(statuses(&response), ["succeeded", "succeeded"]);
}

#[tokio::test]
async fn a_batch_reports_its_apply_time_in_server_timing() {
    let client = Client::admin().await;
    let reply = send(
        &client.app,
        request(
            Method::POST,
            &batch_path(CONTOSO),
            Some(&client.token),
            Some(&assign_to(&[DELIA], EMS)),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let timing = reply.header(header::HeaderName::from_static("server-timing"));
    let millis: f64 = timing
        .and_then(|t| t.strip_prefix("apply;dur="))
        .and_then(|dur| dur.parse().ok())
        .unwrap_or_else(|| panic!("Server-Timing {timing:?}"));
    assert!(millis >= 0.0);
}

#[tokio::test]
async fn an_unknown_user_in_a_batch_fails_alone_with_60002() {
    let client = Client::admin().await;
    let (status, response) = client
        .post(&batch_path(CONTOSO), assign_to(&["ghost", DELIA], EMS))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(statuses(&response), ["failed", "succeeded"]);
    assert_eq!(response["results"][0]["error"]["code"], 60002);
}

#[tokio::test]
async fn a_batch_listing_a_user_twice_is_1003() {
    let client = Client::admin().await;
    let (status, error) = client
        .post(&batch_path(CONTOSO), assign_to(&[DELIA, DELIA], EMS))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::BAD_REQUEST, 1003));
}

#[tokio::test]
async fn a_batch_of_more_than_10000_updates_is_1003() {
    let client = Client::admin().await;
    let users: Vec<String> = (0..10_001).map(|n| format!("u{n}")).collect();
    let refs: Vec<&str> = users.iter().map(String::as_str).collect();
    let (status, error) = client
        .post(&batch_path(CONTOSO), assign_to(&refs, EMS))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::BAD_REQUEST, 1003));
}

#[tokio::test]
async fn a_batch_for_all_10000_users_of_the_large_tenant_is_applied_up_to_the_last_seat() {
    let client = Client::admin().await;
    let ids = client.user_ids(FABRIKAM).await;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    // Product ids are global: Fabrikam's Power BI Pro has 2,500 seats, 2,000 users hold it.
    let body = assign_to(&refs, POWER_BI);
    assert!(
        body.to_string().len() > mock_server::BODY_LIMIT,
        "larger than a normal body"
    );

    let (status, response) = client.post(&batch_path(FABRIKAM), body).await;
    assert_eq!(status, StatusCode::OK);
    let succeeded = statuses(&response)
        .iter()
        .filter(|s| **s == "succeeded")
        .count();
    assert_eq!(succeeded, 2_500);
    let refused = response["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "failed")
        .unwrap();
    assert_eq!(refused["errors"][0]["shortBy"], 7_500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundreds_of_concurrent_requests_for_the_last_five_seats_get_exactly_five() {
    let client = Client::admin().await;
    // Fabrikam's Visio Plan 2: 200 seats, 195 held.
    let users = fabrikam_users_without(&client, VISIO, 300).await;
    assert_eq!(users.len(), 300);
    let tasks: Vec<_> = users
        .into_iter()
        .map(|user| {
            let client = client.clone();
            tokio::spawn(async move {
                let path = format!("/api/v1/customers/{FABRIKAM}/users/{user}/licenseupdates");
                client
                    .post(&path, json!({"licensesToAssign": [{"skuId": VISIO}]}))
                    .await
            })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        if status == StatusCode::CREATED {
            created += 1;
        } else {
            assert_eq!((status, code(&body)), (StatusCode::BAD_REQUEST, 60012));
        }
    }
    assert_eq!(created, 5);
    let (_, skus) = client
        .get(&format!("/api/v1/customers/{FABRIKAM}/subscribedskus"))
        .await;
    let visio = skus["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["productSku"]["id"] == VISIO)
        .unwrap();
    assert_eq!(
        (&visio["consumedUnits"], &visio["availableUnits"]),
        (&json!(200), &json!(0))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_batches_share_the_last_seats_without_overselling() {
    let client = Client::admin().await;
    let users = fabrikam_users_without(&client, VISIO, 200).await;
    let tasks: Vec<_> = users
        .chunks(10)
        .map(|chunk| {
            let client = client.clone();
            let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let body = assign_to(&refs, VISIO);
            tokio::spawn(async move { client.post(&batch_path(FABRIKAM), body).await })
        })
        .collect();
    let mut succeeded = 0;
    for task in tasks {
        let (status, response) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        succeeded += statuses(&response)
            .iter()
            .filter(|s| **s == "succeeded")
            .count();
    }
    assert_eq!(succeeded, 5);
}
