//! The reverse look-up of a product's holders takes the users list's filters, search, order and
//! paging: each answer is the users list's own answer with `hasSku` for that product.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::*;

fn holders(customer_id: &str, sku_id: &str, query: &str) -> String {
    format!("/api/v1/customers/{customer_id}/subscribedskus/{sku_id}/users?{query}")
}

fn users(customer_id: &str, sku_id: &str, query: &str) -> String {
    format!("/api/v1/customers/{customer_id}/users?hasSku={sku_id}&{query}")
}

/// Every user a list gives, page by page through its `next` links, and its total.
async fn every_page(client: &Client, first: &str) -> (u64, Vec<String>) {
    let (status, mut list) = client.get(first).await;
    assert_eq!(status, StatusCode::OK, "{first}: {list}");
    let total = list["totalCount"].as_u64().unwrap();
    let mut ids = Vec::new();
    loop {
        ids.extend(
            list["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["id"].as_str().unwrap().to_owned()),
        );
        let Some(next) = list["links"]["next"]["uri"].as_str().map(str::to_owned) else {
            break;
        };
        let (status, page) = client.get(&next).await;
        assert_eq!(status, StatusCode::OK, "{next}: {page}");
        list = page;
    }
    assert_eq!(ids.len() as u64, total, "{first}");
    (total, ids)
}

#[tokio::test]
async fn a_products_holders_filtered_sorted_and_paged_are_the_users_list_with_has_sku() {
    let client = Client::admin().await;
    let fabrikam_e3 = "0f09c427-aa93-5bfa-92c6-fc44cbd91c0b";
    let cases = [
        (CONTOSO, EMS, "reclaimable=true"),
        (CONTOSO, EMS, "accountEnabled=false"),
        (CONTOSO, EMS, "inactiveDays=30&usageLocation=US&size=2"),
        (
            CONTOSO,
            EMS,
            "filter=a&sortField=lastSignInDateTime&sortDirection=descending&size=3",
        ),
        (CONTOSO, VISIO, "reclaimable=true"),
        (FABRIKAM, fabrikam_e3, "reclaimable=true&size=500"),
        (
            FABRIKAM,
            fabrikam_e3,
            "accountEnabled=false&sortField=userPrincipalName&size=100",
        ),
    ];
    let lacks_ems = format!("lacksSku={EMS}");
    let cases = cases.into_iter().chain([(CONTOSO, E3, lacks_ems.as_str())]);
    for (customer, sku, query) in cases {
        let (total, found) = every_page(&client, &holders(customer, sku, query)).await;
        let (expected_total, expected) = every_page(&client, &users(customer, sku, query)).await;
        assert_eq!(total, expected_total, "{customer} {sku} {query}");
        assert_eq!(
            found, expected,
            "{customer} {sku} {query}: the same users in order"
        );
    }
}

#[tokio::test]
async fn the_reclaimable_holders_of_each_product_are_those_the_filtered_summary_counts() {
    let client = Client::admin().await;
    let (_, summary) = client
        .get(&contoso("/licensesummary?reclaimable=true"))
        .await;
    for product in summary["products"].as_array().unwrap() {
        let sku = product["skuId"].as_str().unwrap();
        let (status, list) = client
            .get(&holders(CONTOSO, sku, "reclaimable=true&size=1"))
            .await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert_eq!(list["totalCount"], product["holders"], "{sku}");
    }
    let (_, ems) = client.get(&holders(CONTOSO, EMS, "reclaimable=true")).await;
    assert_eq!(ems["totalCount"], 5);
}

#[tokio::test]
async fn a_filter_that_leaves_no_holder_is_an_empty_list_not_an_error() {
    let client = Client::admin().await;
    let (status, list) = client
        .get(&holders(CONTOSO, POWER_BI, "reclaimable=true"))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list["totalCount"], 0);
    assert_eq!(list["items"], Value::Array(Vec::new()));
}

#[tokio::test]
async fn a_page_link_of_the_holders_keeps_its_filters() {
    let client = Client::admin().await;
    let (_, list) = client
        .get(&holders(CONTOSO, EMS, "inactiveDays=0&size=2"))
        .await;
    let next = list["links"]["next"]["uri"].as_str().unwrap();
    assert!(
        next.contains(&format!("/subscribedskus/{EMS}/users")),
        "{next}"
    );
    assert!(next.contains("inactiveDays=0"), "{next}");
}
