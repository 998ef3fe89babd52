use axum::http::StatusCode;
use serde_json::{json, Value};

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

/// 2026-11-30T12:00:00Z, the seed's clock, in seconds.
const NOW: i64 = 1_796_040_000;

/// Seconds since the epoch of the seed's `YYYY-MM-DDT00:00:00Z` dates.
fn seconds(date: &Value) -> i64 {
    licensing::user_filter::parse_timestamp(date.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn subscriptions_carry_their_term_renewal_and_cancellation_window_against_the_clock() {
    let client = Client::admin().await;
    let (_, subscriptions) = client.get(&contoso("/subscriptions")).await;
    let items = subscriptions["items"].as_array().unwrap();
    for s in items {
        assert!(
            ["monthly", "annual"].contains(&s["billingCycle"].as_str().unwrap()),
            "{s}"
        );
        assert!(
            ["P1M", "P1Y"].contains(&s["termDuration"].as_str().unwrap()),
            "{s}"
        );
        assert!(s["autoRenewEnabled"].is_boolean(), "{s}");
        // The window closes a week into the term, which ends one term after it began.
        let (end, until) = (
            seconds(&s["commitmentEndDate"]),
            seconds(&s["cancellationAllowedUntilDate"]),
        );
        assert!(until < end, "{s}");
    }
    let days_left = |s: &Value, field: &str| (seconds(&s[field]) - NOW) as f64 / 86_400.0;
    let renewing = items
        .iter()
        .filter(|s| s["autoRenewEnabled"] == true)
        .filter(|s| (0.0..=30.0).contains(&days_left(s, "commitmentEndDate")))
        .count();
    assert!(renewing >= 2, "{renewing} renew within 30 days");
    let open_window = items
        .iter()
        .filter(|s| days_left(s, "cancellationAllowedUntilDate") > 0.0)
        .count();
    assert!(open_window >= 1 && open_window < items.len());

    let ems = items.iter().find(|s| s["skuId"] == EMS).unwrap();
    assert_eq!(ems["cancellationAllowedUntilDate"], "2026-12-03T00:00:00Z");
    assert_eq!(
        (&ems["termDuration"], &ems["billingCycle"]),
        (&json!("P1Y"), &json!("monthly"))
    );
    let e3 = items.iter().find(|s| s["id"] == E3_SUBSCRIPTION).unwrap();
    assert_eq!(e3["commitmentEndDate"], "2026-12-20T00:00:00Z");
    assert!(
        days_left(e3, "cancellationAllowedUntilDate") < 0.0,
        "past its window"
    );
}

#[tokio::test]
async fn buying_more_keeps_the_subscriptions_term() {
    let client = Client::admin().await;
    let (_, before) = client.get(&contoso("/subscriptions")).await;
    let (status, updated) = client
        .patch(&subscription(E3_SUBSCRIPTION), json!({"quantity": 30}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut expected = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == E3_SUBSCRIPTION)
        .unwrap()
        .clone();
    expected["quantity"] = json!(30);
    assert_eq!(updated, expected);
}

#[tokio::test]
async fn the_filtered_summary_says_which_clock_it_counted_from() {
    let client = Client::admin().await;
    let (_, summary) = client
        .get(&contoso("/licensesummary?reclaimable=true"))
        .await;
    assert_eq!(summary["asOf"], "2026-11-30T12:00:00Z");
    assert_eq!(seconds(&summary["asOf"]), NOW);
}
