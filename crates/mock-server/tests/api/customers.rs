use axum::http::StatusCode;
use serde_json::Value;

use crate::common::*;

fn names(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["companyProfile"]["companyName"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_customer_list_is_sorted_by_company_name() {
    let client = Client::admin().await;
    let (status, page) = client.get("/api/v1/customers").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["totalCount"], 8);
    assert_eq!(page["attributes"]["objectType"], "Collection");
    assert_eq!(
        names(&page),
        [
            "Adventure Works Cycles",
            "Contoso",
            "Fabrikam, Inc.",
            "Northwind Traders",
            "Tailspin Toys",
            "Wingtip Toys",
            "Woodgrove Bank",
            "大同雲端科技股份有限公司"
        ]
    );
}

#[tokio::test]
async fn customers_are_paged_with_links() {
    let client = Client::admin().await;
    let (_, page) = client.get("/api/v1/customers?size=3&page=2").await;
    assert_eq!(
        names(&page),
        ["Northwind Traders", "Tailspin Toys", "Wingtip Toys"]
    );
    assert_eq!(
        page["links"]["next"]["uri"],
        "/api/v1/customers?size=3&page=3"
    );
    assert_eq!(
        page["links"]["previous"]["uri"],
        "/api/v1/customers?size=3&page=1"
    );
    assert_eq!(page["links"]["last"]["method"], "GET");
}

#[tokio::test]
async fn the_customer_filter_matches_name_or_domain_in_any_case() {
    let client = Client::admin().await;
    let (_, by_name) = client.get("/api/v1/customers?filter=TOYS").await;
    assert_eq!(names(&by_name), ["Tailspin Toys", "Wingtip Toys"]);
    let (_, by_domain) = client.get("/api/v1/customers?filter=datongcloud").await;
    assert_eq!(names(&by_domain), ["大同雲端科技股份有限公司"]);
    assert_eq!(
        by_domain["links"]["first"]["uri"],
        "/api/v1/customers?size=25&page=1&filter=datongcloud"
    );
}

#[tokio::test]
async fn one_customer_is_found_by_id() {
    let client = Client::admin().await;
    let (status, customer) = client.get(&format!("/api/v1/customers/{TAILSPIN}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        customer["companyProfile"]["domain"],
        "tailspintoys.onmicrosoft.com"
    );
    assert_eq!(customer["companyProfile"]["tenantId"], TAILSPIN);
}

#[tokio::test]
async fn an_unknown_customer_is_60003() {
    let client = Client::admin().await;
    for path in ["", "/users", "/subscribedskus", "/subscriptions"] {
        let (status, error) = client.get(&format!("/api/v1/customers/nobody{path}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(code(&error), 60003);
        assert_eq!(error["source"], "PartnerFD");
    }
}

#[tokio::test]
async fn out_of_range_or_malformed_paging_is_1002() {
    let client = Client::admin().await;
    for query in [
        "size=0",
        "size=501",
        "size=-1",
        "size=ten",
        "page=0",
        "page=2",
        "colour=red",
    ] {
        let (status, error) = client.get(&format!("/api/v1/customers?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(code(&error), 1002, "{query}");
    }
}
