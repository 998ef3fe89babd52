use axum::http::StatusCode;
use serde_json::json;

use crate::common::*;

fn subscription(id: &str) -> String {
    contoso(&format!("/subscriptions/{id}"))
}

#[tokio::test]
async fn every_product_has_a_subscription_whose_quantity_is_its_seat_count() {
    let client = Client::admin().await;
    let (status, subscriptions) = client.get(&contoso("/subscriptions")).await;
    assert_eq!(status, StatusCode::OK);
    let items = subscriptions["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    let power_bi = items
        .iter()
        .find(|s| s["id"] == POWER_BI_SUBSCRIPTION)
        .unwrap();
    assert_eq!(
        (
            &power_bi["skuId"],
            &power_bi["quantity"],
            &power_bi["status"]
        ),
        (&json!(POWER_BI), &json!(5), &json!("active"))
    );
    let visio = items
        .iter()
        .find(|s| s["id"] == VISIO_SUBSCRIPTION)
        .unwrap();
    assert_eq!(visio["status"], "suspended");
}

#[tokio::test]
async fn buying_more_licenses_makes_a_sold_out_product_assignable() {
    let client = Client::admin().await;
    let (status, _) = client.update(DELIA, &[POWER_BI], &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, updated) = client
        .patch(&subscription(POWER_BI_SUBSCRIPTION), json!({"quantity": 8}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated["quantity"], 8);
    assert_eq!(client.sku(POWER_BI).await["availableUnits"], 3);

    let (status, _) = client.update(DELIA, &[POWER_BI], &[]).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn the_seat_count_can_not_drop_below_the_seats_in_use() {
    let client = Client::admin().await;
    let (status, error) = client
        .patch(&subscription(E3_SUBSCRIPTION), json!({"Quantity": 13}))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::BAD_REQUEST, 60041));
    assert_eq!(error["detail"]["consumed"], 14);
    let (status, _) = client
        .patch(&subscription(E3_SUBSCRIPTION), json!({"quantity": 14}))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_suspended_subscription_can_not_change_its_seat_count() {
    let client = Client::admin().await;
    let (status, error) = client
        .patch(&subscription(VISIO_SUBSCRIPTION), json!({"quantity": 20}))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::BAD_REQUEST, 60036));
}

#[tokio::test]
async fn an_unknown_subscription_is_60004() {
    let client = Client::admin().await;
    let (status, error) = client
        .patch(&subscription("nope"), json!({"quantity": 1}))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::NOT_FOUND, 60004));
}

#[tokio::test]
async fn a_negative_or_fractional_quantity_is_1001() {
    let client = Client::admin().await;
    for quantity in [json!(-1), json!(2.5), json!("10"), json!(5_000_000_000_u64)] {
        let (status, error) = client
            .patch(
                &subscription(E3_SUBSCRIPTION),
                json!({"quantity": quantity}),
            )
            .await;
        assert_eq!(
            (status, code(&error)),
            (StatusCode::BAD_REQUEST, 1001),
            "{quantity}"
        );
    }
}
