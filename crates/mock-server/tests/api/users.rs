use axum::http::StatusCode;
use serde_json::{json, Value};

use crate::common::*;

fn names(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["displayName"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn contoso_has_57_users_in_three_pages_of_25_sorted_by_name() {
    let client = Client::admin().await;
    let (status, first) = client.get(&contoso("/users")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["totalCount"], 57);
    assert_eq!(names(&first).len(), 25);
    assert_eq!(
        names(&first)[..3],
        ["Adele Vance", "Alex Wilber", "Allan Deyoung"]
    );
    assert_eq!(names(&first)[24], "Megan Bowen");
    assert!(first["links"].get("previous").is_none());
    let last = first["links"]["last"]["uri"].as_str().unwrap();
    assert_eq!(
        last,
        format!("/api/v1/customers/{CONTOSO}/users?size=25&page=3")
    );

    let (_, third) = client.get(last).await;
    assert_eq!(names(&third).len(), 7);
    assert_eq!(names(&third)[6], "김민준");
    assert!(third["links"].get("next").is_none());
}

#[tokio::test]
async fn users_can_be_sorted_by_user_principal_name_descending() {
    let client = Client::admin().await;
    let (_, page) = client
        .get(&format!(
            "{}?sortField=userPrincipalName&sortDirection=descending&size=2",
            contoso("/users")
        ))
        .await;
    let upns: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userPrincipalName"].as_str().unwrap())
        .collect();
    assert_eq!(
        upns,
        [
            "zonghan.yang@contoso.onmicrosoft.com",
            "ZoeM@contoso.onmicrosoft.com"
        ]
    );
    assert!(page["links"]["next"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("&sortField=userPrincipalName&sortDirection=descending"));
}

#[tokio::test]
async fn the_user_filter_matches_display_name_or_user_principal_name_in_any_case() {
    let client = Client::admin().await;
    let (_, by_name) = client
        .get(&format!("{}?filter=ADELE", contoso("/users")))
        .await;
    assert_eq!(names(&by_name), ["Adele Vance"]);
    let (_, cjk) = client
        .get(&format!("{}?filter=%E9%99%B3", contoso("/users")))
        .await;
    assert_eq!(names(&cjk), ["陳怡君"]);
    let (_, by_upn) = client
        .get(&format!("{}?filter=yijun.chen", contoso("/users")))
        .await;
    assert_eq!(names(&by_upn), ["陳怡君"]);
}

#[tokio::test]
async fn the_selected_users_view_pages_through_the_given_ids_in_sort_order() {
    let client = Client::admin().await;
    let ids = format!("{LIDIA},{ADELE},{MALLORY}");
    let (_, first) = client
        .get(&format!("{}?ids={ids}&size=2", contoso("/users")))
        .await;
    assert_eq!(first["totalCount"], 3);
    assert_eq!(names(&first), ["Adele Vance", "Lidia Holloway"]);
    let next = first["links"]["next"]["uri"].as_str().unwrap();
    assert!(next.contains("ids="));
    let (_, second) = client.get(next).await;
    assert_eq!(names(&second), ["Mallory Cortez"]);
}

#[tokio::test]
async fn an_empty_selection_lists_nobody() {
    let client = Client::admin().await;
    let (_, page) = client.get(&format!("{}?ids=", contoso("/users"))).await;
    assert_eq!(page["totalCount"], 0);
}

#[tokio::test]
async fn the_large_tenant_lists_its_10000_users_500_at_a_time() {
    let client = Client::admin().await;
    let uri = format!("/api/v1/customers/{FABRIKAM}/users?size=500&page=20");
    let (status, page) = client.get(&uri).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["totalCount"], 10_000);
    assert_eq!(names(&page).len(), 500);
}

#[tokio::test]
async fn an_unknown_sort_field_is_1002() {
    let client = Client::admin().await;
    let (status, error) = client
        .get(&format!("{}?sortField=age", contoso("/users")))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&error), 1002);
}

#[tokio::test]
async fn setting_a_usage_location_lets_the_user_get_licenses() {
    let client = Client::admin().await;
    let (status, _) = client.update(IRVIN, &[E3], &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, user) = client
        .patch(&user_path(IRVIN, ""), json!({"usageLocation": "tw"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["usageLocation"], "TW");
    let (status, _) = client.update(IRVIN, &[E3], &[]).await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn a_usage_location_that_is_not_a_country_code_is_60040() {
    let client = Client::admin().await;
    let (status, error) = client
        .patch(&user_path(IRVIN, ""), json!({"UsageLocation": "Taiwan"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&error), 60040);
    assert_eq!(error["detail"]["type"], "invalidUsageLocation");
}

#[tokio::test]
async fn moving_a_user_where_a_held_product_is_prohibited_is_60034() {
    let client = Client::admin().await;
    // Alex Wilber holds Microsoft Teams Phone Standard, prohibited in CN.
    let (status, error) = client
        .patch(&user_path(ALEX, ""), json!({"usageLocation": "CN"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&error), 60034);
    assert_eq!(error["kind"], "ProhibitedInUsageLocationViolation");
}

#[tokio::test]
async fn patching_an_unknown_user_is_60002() {
    let client = Client::admin().await;
    let (status, error) = client
        .patch(&user_path("nobody", ""), json!({"usageLocation": "US"}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(code(&error), 60002);
}

#[tokio::test]
async fn a_user_patch_with_a_wrong_type_or_an_unknown_field_is_1001() {
    let client = Client::admin().await;
    for body in [
        json!({"usageLocation": 7}),
        json!({"usageLocation": "US", "city": "Taipei"}),
        json!({}),
    ] {
        let (status, error) = client.patch(&user_path(IRVIN, ""), body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(code(&error), 1001, "{body}");
    }
}

#[tokio::test]
async fn the_unfiltered_list_pages_exactly_as_a_filter_matching_everyone_does() {
    // The unfiltered list is served by position; a filter goes through the general path.
    let client = Client::admin().await;
    let ids = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_owned())
            .collect()
    };
    for direction in ["ascending", "descending"] {
        for page in [1, 2, 6] {
            let query =
                format!("size=10&page={page}&sortField=displayName&sortDirection={direction}");
            let (status, plain) = client.get(&contoso(&format!("/users?{query}"))).await;
            assert_eq!(status, axum::http::StatusCode::OK);
            let (_, filtered) = client
                .get(&contoso(&format!("/users?{query}&filter=%40")))
                .await;
            assert_eq!(ids(&plain), ids(&filtered), "{direction} page {page}");
            assert_eq!(plain["totalCount"], filtered["totalCount"]);
        }
    }
    let (status, past) = client.get(&contoso("/users?size=10&page=7")).await;
    assert_eq!(status, axum::http::StatusCode::BAD_REQUEST, "{past}");
}
