use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

/// The refusal's code, kind and typed detail.
fn refusal(body: &Value) -> (i64, &str, &str) {
    (
        code(body),
        body["kind"].as_str().unwrap(),
        body["detail"]["type"].as_str().unwrap(),
    )
}

#[tokio::test]
async fn products_list_seat_counts_plans_and_rules() {
    let client = Client::admin().await;
    let (_, skus) = client.get(&contoso("/subscribedskus")).await;
    assert_eq!(skus["totalCount"], 10);

    let e3 = client.sku(E3).await;
    assert_eq!(
        (
            &e3["totalUnits"],
            &e3["consumedUnits"],
            &e3["availableUnits"]
        ),
        (&json!(25), &json!(14), &json!(11))
    );
    assert_eq!(e3["servicePlans"].as_array().unwrap().len(), 8);
    assert_eq!(
        e3["servicePlans"][0]["displayName"],
        "Exchange Online (Plan 2)"
    );

    let power_bi = client.sku(POWER_BI).await;
    assert_eq!(
        (&power_bi["totalUnits"], &power_bi["availableUnits"]),
        (&json!(5), &json!(0))
    );

    let visio = client.sku(VISIO).await;
    assert_eq!(visio["capabilityStatus"], "Suspended");
    assert_eq!(
        (&visio["totalUnits"], &visio["suspendedUnits"]),
        (&json!(0), &json!(10))
    );

    let project = client.sku(PROJECT).await;
    assert_eq!(project["capabilityStatus"], "Warning");
    assert_eq!(
        (&project["warningUnits"], &project["availableUnits"]),
        (&json!(5), &json!(4))
    );

    assert_eq!(
        client.sku(COMPLIANCE).await["licenseRules"]["requires"],
        json!([E3])
    );
    assert_eq!(
        client.sku(EXCHANGE_1).await["licenseRules"]["mutuallyExclusiveWith"],
        json!([EXCHANGE_2])
    );
    assert_eq!(
        client.sku(PHONE).await["licenseRules"]["prohibitedLocations"],
        json!(["CN"])
    );
}

#[tokio::test]
async fn a_users_licenses_leave_out_the_excluded_plans() {
    let client = Client::admin().await;
    let (status, licenses) = client.get(&user_path(CHRISTIE, "/licenses")).await;
    assert_eq!(status, StatusCode::OK);
    let e3 = licenses["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["productSku"]["id"] == E3)
        .unwrap();
    let plans = e3["servicePlans"].as_array().unwrap();
    assert_eq!(plans.len(), 7);
    assert!(plans.iter().all(|p| p["id"] != PLAN_SWAY));
}

#[tokio::test]
async fn the_licenses_of_an_unknown_user_are_60002() {
    let client = Client::admin().await;
    let (status, error) = client.get(&user_path("nobody", "/licenses")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&error), 60002);
}

#[tokio::test]
async fn assigning_a_product_takes_a_seat_and_answers_201_with_the_update() {
    let client = Client::admin().await;
    let (status, update) = client.update(DELIA, &[E3], &[]).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        update["licensesToAssign"],
        json!([{"skuId": E3, "excludedPlans": []}])
    );
    assert_eq!(update["licenseWarnings"], json!([]));
    assert_eq!(client.held(DELIA).await, [E3]);
    assert_eq!(client.sku(E3).await["availableUnits"], 10);
}

#[tokio::test]
async fn revoking_a_product_frees_its_seat() {
    let client = Client::admin().await;
    let (status, _) = client.update(ALEX, &[], &[E3]).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(!client.held(ALEX).await.contains(&E3.to_owned()));
    assert_eq!(client.sku(E3).await["availableUnits"], 12);
}

#[tokio::test]
async fn the_documented_pascal_case_request_with_null_lists_is_accepted() {
    let client = Client::admin().await;
    let body = json!({"LicensesToAssign": [{"SkuId": EMS, "ExcludedPlans": null}], "LicensesToRemove": null});
    let (status, _) = client
        .post(&user_path(DELIA, "/licenseupdates"), body)
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_product_with_no_seat_left_is_60012_with_how_many_to_buy() {
    let client = Client::admin().await;
    let (status, error) = client.update(DELIA, &[POWER_BI], &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(refusal(&error), (60012, "CountViolation", "notEnoughSeats"));
    assert_eq!(error["detail"]["shortBy"], 1);
    assert!(error["description"]
        .as_str()
        .unwrap()
        .contains("Buy 1 more"));
}

#[tokio::test]
async fn an_add_on_without_its_base_product_is_60031() {
    let client = Client::admin().await;
    let (_, error) = client.update(DELIA, &[COMPLIANCE], &[]).await;
    assert_eq!(
        refusal(&error),
        (60031, "DependencyViolation", "missingPrerequisite")
    );
    assert_eq!(error["detail"]["requires"], json!([E3]));
}

#[tokio::test]
async fn an_add_on_with_its_base_product_in_the_same_update_is_assigned() {
    let client = Client::admin().await;
    let (status, _) = client.update(DELIA, &[COMPLIANCE, E3], &[]).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn revoking_a_base_product_a_held_add_on_needs_is_60032() {
    let client = Client::admin().await;
    // Adele Vance holds Microsoft 365 E5 Compliance, which requires Office 365 E3.
    let (_, error) = client.update(ADELE, &[], &[E3]).await;
    assert_eq!(
        refusal(&error),
        (60032, "DependencyViolation", "prerequisiteInUse")
    );
    assert_eq!(error["detail"]["neededBy"], json!([COMPLIANCE]));
}

#[tokio::test]
async fn a_product_exclusive_with_a_held_one_is_60033() {
    let client = Client::admin().await;
    // Bianca Pisani holds Exchange Online (Plan 1).
    let (_, error) = client.update(BIANCA, &[EXCHANGE_2], &[]).await;
    assert_eq!(
        refusal(&error),
        (60033, "MutuallyExclusiveViolation", "mutuallyExclusive")
    );
    assert_eq!(error["detail"]["conflictsWith"], EXCHANGE_1);
}

#[tokio::test]
async fn a_product_prohibited_in_the_users_location_is_60034() {
    let client = Client::admin().await;
    // Lee Gu's usage location is CN.
    let (_, error) = client.update(LEE_GU, &[PHONE], &[]).await;
    assert_eq!(
        refusal(&error),
        (
            60034,
            "ProhibitedInUsageLocationViolation",
            "prohibitedInLocation"
        )
    );
    assert_eq!(error["detail"]["usageLocation"], "CN");
}

#[tokio::test]
async fn a_user_without_usage_location_is_60035() {
    let client = Client::admin().await;
    let (_, error) = client.update(IRVIN, &[E3], &[]).await;
    assert_eq!(refusal(&error), (60035, "Other", "missingUsageLocation"));
}

#[tokio::test]
async fn a_suspended_subscription_is_60036() {
    let client = Client::admin().await;
    let (_, error) = client.update(DELIA, &[VISIO], &[]).await;
    assert_eq!(refusal(&error), (60036, "Other", "subscriptionSuspended"));
}

#[tokio::test]
async fn an_excluded_plan_the_product_does_not_have_is_60037() {
    let client = Client::admin().await;
    let body = json!({"licensesToAssign": [{"skuId": EMS, "excludedPlans": [PLAN_SWAY]}]});
    let (_, error) = client
        .post(&user_path(DELIA, "/licenseupdates"), body)
        .await;
    assert_eq!(refusal(&error), (60037, "Other", "unknownServicePlan"));
}

#[tokio::test]
async fn a_product_the_customer_does_not_have_is_60038() {
    let client = Client::admin().await;
    let (_, error) = client.update(DELIA, &["no-such-sku"], &[]).await;
    assert_eq!(refusal(&error), (60038, "Other", "unknownSku"));
}

#[tokio::test]
async fn assigning_and_revoking_one_product_at_once_is_60039() {
    let client = Client::admin().await;
    let (_, error) = client.update(ALEX, &[E3], &[E3]).await;
    assert_eq!(refusal(&error), (60039, "Other", "duplicateSku"));
}

#[tokio::test]
async fn a_refused_update_changes_nothing_and_lists_every_reason() {
    let client = Client::admin().await;
    // E3 alone would be fine; Visio is suspended and Power BI has no seat.
    let (status, error) = client.update(DELIA, &[E3, VISIO, POWER_BI], &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&error), 60036);
    assert_eq!(error["data"].as_array().unwrap().len(), 1);
    assert!(client.held(DELIA).await.is_empty());
    assert_eq!(client.sku(E3).await["availableUnits"], 11);

    let (_, error) = client.update(IRVIN, &[E3, EMS], &[]).await;
    assert_eq!(error["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn revoking_a_product_the_user_does_not_hold_is_a_warning() {
    let client = Client::admin().await;
    let (status, update) = client.update(DELIA, &[], &[E3]).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(update["licenseWarnings"][0]["code"], "LicenseNotAssigned");
}

#[tokio::test]
async fn an_update_for_an_unknown_user_or_customer_is_404() {
    let client = Client::admin().await;
    let (status, error) = client.update("nobody", &[E3], &[]).await;
    assert_eq!((status, code(&error)), (StatusCode::NOT_FOUND, 60002));
    let (status, error) = client
        .post("/api/v1/customers/nobody/users/x/licenseupdates", json!({}))
        .await;
    assert_eq!((status, code(&error)), (StatusCode::NOT_FOUND, 60003));
}

#[tokio::test]
async fn the_holders_of_a_product_are_listed_and_can_be_narrowed_to_a_selection() {
    let client = Client::admin().await;
    let (status, holders) = client
        .get(&contoso(&format!("/subscribedskus/{E3}/users")))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(holders["totalCount"], 14);
    assert_eq!(holders["items"][0]["displayName"], "Adele Vance");

    let (_, selected) = client
        .get(&contoso(&format!(
            "/subscribedskus/{E3}/users?ids={ADELE},{DELIA},{ALEX}"
        )))
        .await;
    assert_eq!(selected["totalCount"], 2);
}

#[tokio::test]
async fn the_holders_of_an_unknown_product_are_60005() {
    let client = Client::admin().await;
    let (status, error) = client.get(&contoso("/subscribedskus/nope/users")).await;
    assert_eq!((status, code(&error)), (StatusCode::NOT_FOUND, 60005));
}
