//! Replace A with B through the batch, then its undo with the `expectedLicenses` precondition,
//! while someone else changes one of the users in between.

use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

const BRIAN: &str = "520db6a7-d847-516b-89ec-aa530acd22c8";

fn batch() -> String {
    contoso("/licenseupdates")
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn ids(list: &[&str]) -> Vec<String> {
    sorted(list.iter().map(|s| (*s).to_owned()).collect())
}

#[tokio::test]
async fn a_replacement_swaps_the_product_in_one_update_and_keeps_the_other_licenses() {
    let client = Client::admin().await;
    let (p1, p2) = (client.sku(EXCHANGE_1).await, client.sku(EXCHANGE_2).await);
    // Plan 1 and Plan 2 are mutually exclusive: only one update holding both changes works.
    let swap = |user: &str| json!({"userId": user, "licensesToAssign": [{"skuId": EXCHANGE_2}], "licensesToRemove": [EXCHANGE_1]});
    let (status, response) = client
        .post(&batch(), json!({"updates": [swap(BIANCA), swap(BRIAN)]}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(response["results"][0]["status"], "succeeded", "{response}");
    assert_eq!(sorted(client.held(BIANCA).await), ids(&[EXCHANGE_2]));
    assert_eq!(sorted(client.held(BRIAN).await), ids(&[EXCHANGE_2, EMS]));
    let available = |sku: &Value| sku["availableUnits"].as_i64().unwrap();
    assert_eq!(available(&client.sku(EXCHANGE_1).await), available(&p1) + 2);
    assert_eq!(available(&client.sku(EXCHANGE_2).await), available(&p2) - 2);
}

#[tokio::test]
async fn undo_reverts_the_users_still_as_the_save_left_them_and_reports_one_changed_in_between() {
    let client = Client::admin().await;
    let swap = |user: &str| json!({"userId": user, "licensesToAssign": [{"skuId": EXCHANGE_2}], "licensesToRemove": [EXCHANGE_1]});
    let (_, saved) = client
        .post(&batch(), json!({"updates": [swap(BIANCA), swap(BRIAN)]}))
        .await;
    let after = |index: usize| saved["results"][index]["assignedLicenses"].clone();

    // Someone else gives Bianca EMS E3 between the save and its undo.
    let (_, other) = client
        .post(
            &batch(),
            json!({"updates": [{"userId": BIANCA, "licensesToAssign": [{"skuId": EMS}]}]}),
        )
        .await;
    assert_eq!(other["results"][0]["status"], "succeeded");

    let undo = |user: &str, expected: Value| {
        json!({"userId": user, "licensesToAssign": [{"skuId": EXCHANGE_1, "excludedPlans": []}],
               "licensesToRemove": [EXCHANGE_2], "expectedLicenses": expected})
    };
    let (status, response) = client
        .post(
            &batch(),
            json!({"updates": [undo(BIANCA, after(0)), undo(BRIAN, after(1))]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let bianca = &response["results"][0];
    assert_eq!(bianca["status"], "failed");
    assert_eq!(bianca["error"]["code"], 60042);
    assert_eq!(bianca["errors"][0]["type"], "licensesChanged");
    assert_eq!(
        sorted(serde_json::from_value::<Vec<String>>(bianca["errors"][0]["held"].clone()).unwrap()),
        ids(&[EXCHANGE_2, EMS])
    );
    let description = bianca["error"]["description"].as_str().unwrap();
    assert!(description.contains("changed"), "{description}");
    assert_eq!(response["results"][1]["status"], "succeeded");
    // Bianca keeps what the other change gave her; Brian is back as he was.
    assert_eq!(sorted(client.held(BIANCA).await), ids(&[EXCHANGE_2, EMS]));
    assert_eq!(sorted(client.held(BRIAN).await), ids(&[EXCHANGE_1, EMS]));
}

#[tokio::test]
async fn the_precondition_holds_whatever_the_order_of_the_licenses() {
    let client = Client::admin().await;
    // Brian holds Exchange Plan 1 and EMS E3; listed the other way round, they still match.
    let expected = json!([{"skuId": EMS, "excludedPlans": []}, {"skuId": EXCHANGE_1}]);
    let (_, response) = client
        .post(
            &batch(),
            json!({"updates": [{"userId": BRIAN, "licensesToRemove": [EMS], "expectedLicenses": expected}]}),
        )
        .await;
    assert_eq!(response["results"][0]["status"], "succeeded", "{response}");
}
