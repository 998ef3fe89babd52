use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

fn summary_path(customer_id: &str) -> String {
    format!("/api/v1/customers/{customer_id}/licensesummary")
}

fn holders_of<'a>(summary: &'a Value, sku_id: &str) -> &'a Value {
    summary["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["skuId"] == sku_id)
        .unwrap_or_else(|| panic!("{sku_id} is in the summary"))
}

#[tokio::test]
async fn counts_what_the_given_users_hold_as_their_licenses_say() {
    let client = Client::admin().await;
    let users = [ADELE, ALEX, IRVIN, CHRISTIE];
    let (status, summary) = client
        .post(&summary_path(CONTOSO), json!({ "userIds": users }))
        .await;
    assert_eq!(status, StatusCode::OK, "{summary}");
    assert_eq!(summary["users"], 4);
    assert_eq!(summary["unknownUserIds"], json!([]));
    // The counts agree with each user's own licenses.
    let mut held = Vec::new();
    for user in users {
        held.extend(client.held(user).await);
    }
    for product in summary["products"].as_array().unwrap() {
        let sku_id = product["skuId"].as_str().unwrap();
        let expected = held.iter().filter(|h| h.as_str() == sku_id).count();
        assert_eq!(product["holders"], expected, "{sku_id}");
    }
    let (_, skus) = client.get(&contoso("/subscribedskus")).await;
    assert_eq!(
        summary["products"].as_array().unwrap().len(),
        skus["items"].as_array().unwrap().len(),
        "one entry per subscribed product"
    );
}

#[tokio::test]
async fn plans_every_holder_lacks_alike_are_given_and_differing_ones_are_not() {
    let client = Client::admin().await;
    // Christie alone holds Office 365 E3 without Sway.
    let (_, alone) = client
        .post(&summary_path(CONTOSO), json!({ "userIds": [CHRISTIE] }))
        .await;
    assert_eq!(
        holders_of(&alone, E3)["commonExcludedPlans"],
        json!([PLAN_SWAY])
    );
    let e3_holders = client
        .get(&contoso(&format!("/subscribedskus/{E3}/users")))
        .await
        .1;
    let others: Vec<&str> = e3_holders["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .filter(|id| *id != CHRISTIE)
        .take(1)
        .collect();
    let (_, mixed) = client
        .post(
            &summary_path(CONTOSO),
            json!({ "userIds": [CHRISTIE, others[0]] }),
        )
        .await;
    assert_eq!(holders_of(&mixed, E3)["holders"], 2);
    assert_eq!(holders_of(&mixed, E3)["commonExcludedPlans"], json!([]));
}

#[tokio::test]
async fn repeated_ids_count_once_and_unknown_ones_are_listed() {
    let client = Client::admin().await;
    let (status, summary) = client
        .post(
            &summary_path(CONTOSO),
            json!({ "userIds": [ADELE, ADELE, "no-such-user", BIANCA] }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(summary["users"], 2);
    assert_eq!(summary["unknownUserIds"], json!(["no-such-user"]));
    // A user of another customer is unknown here: no data crosses tenants.
    let (_, other) = client
        .post(&summary_path(TAILSPIN), json!({ "userIds": [ADELE] }))
        .await;
    assert_eq!(other["users"], 0);
    assert_eq!(other["unknownUserIds"], json!([ADELE]));
}

#[tokio::test]
async fn ten_thousand_users_are_summarised_and_more_are_refused() {
    let client = Client::admin().await;
    let mut ids = client.user_ids(FABRIKAM).await;
    assert_eq!(ids.len(), 10_000);
    let (status, summary) = client
        .post(&summary_path(FABRIKAM), json!({ "userIds": ids }))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(summary["users"], 10_000);
    let (_, skus) = client
        .get(&format!("/api/v1/customers/{FABRIKAM}/subscribedskus"))
        .await;
    for sku in skus["items"].as_array().unwrap() {
        let sku_id = sku["productSku"]["id"].as_str().unwrap();
        assert_eq!(
            holders_of(&summary, sku_id)["holders"],
            sku["consumedUnits"],
            "every Fabrikam holder of {sku_id} is among all its users"
        );
    }

    ids.push("one-too-many".to_owned());
    let (status, error) = client
        .post(&summary_path(FABRIKAM), json!({ "userIds": ids }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&error), 1003);
}

#[tokio::test]
async fn bad_bodies_and_roles_are_refused_in_the_error_format() {
    let client = Client::admin().await;
    for body in [
        json!({"userIds": "adele"}),
        json!({"ids": []}),
        json!([1, 2]),
    ] {
        let (status, error) = client.post(&summary_path(CONTOSO), body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert!(error["description"].is_string(), "{error}");
    }
    let (status, _) = client
        .post(&summary_path("no-such-customer"), json!({"userIds": []}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let billing = Client::signed_in(client.app.clone(), "BillingAdmin").await;
    let (status, error) = billing
        .post(&summary_path(CONTOSO), json!({"userIds": [ADELE]}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(code(&error), 2032);
}
