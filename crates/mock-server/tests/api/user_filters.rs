//! The users list's filters (`licensed`, `hasSku`, `lacksSku`, `accountEnabled`, `inactiveDays`,
//! `usageLocation`, `reclaimable`), its sort by last sign-in, and the filtered license summary:
//! every answer is checked against the same filter worked out here from the whole list.

use axum::http::StatusCode;
use serde_json::Value;

use crate::common::*;

/// The fixture's clock, 2026-11-30T12:00:00Z, in seconds.
const NOW: i64 = 1_796_040_000;
const DAY: i64 = 86_400;
const FABRIKAM_E3: &str = "0f09c427-aa93-5bfa-92c6-fc44cbd91c0b";

const GERHART: &str = "1a9c1a63-87be-50d0-88d5-ac37a359a9a0";
const JOHANNA: &str = "5aeb1718-df67-5d93-8585-de490bf78ff6";

/// What a filter should keep, worked out from a user's JSON.
type Keep = Box<dyn Fn(&Value) -> bool>;

fn users_of(customer_id: &str) -> String {
    format!("/api/v1/customers/{customer_id}/users")
}

/// Every user of a customer as the unfiltered list gives them, in list order.
async fn everyone(client: &Client, customer_id: &str) -> Vec<Value> {
    let mut users = Vec::new();
    for page in 1.. {
        let (status, list) = client
            .get(&format!("{}?size=500&page={page}", users_of(customer_id)))
            .await;
        assert_eq!(status, StatusCode::OK, "{list}");
        users.extend(list["items"].as_array().unwrap().iter().cloned());
        if list["links"]["next"].is_null() {
            return users;
        }
    }
    unreachable!()
}

/// Every user a filtered list gives, following its `next` links (which must keep the filter).
async fn all_pages(client: &Client, first: &str) -> (u64, Vec<Value>) {
    let (status, mut list) = client.get(first).await;
    assert_eq!(status, StatusCode::OK, "{first}: {list}");
    let total = list["totalCount"].as_u64().unwrap();
    let mut users: Vec<Value> = list["items"].as_array().unwrap().clone();
    while let Some(next) = list["links"]["next"]["uri"].as_str() {
        let (status, page) = client.get(next).await;
        assert_eq!(status, StatusCode::OK, "{next}: {page}");
        users.extend(page["items"].as_array().unwrap().iter().cloned());
        list = page;
    }
    assert_eq!(users.len() as u64, total, "{first}");
    (total, users)
}

fn ids(users: &[Value]) -> Vec<&str> {
    users.iter().map(|u| u["id"].as_str().unwrap()).collect()
}

fn holds(user: &Value, sku_id: &str) -> bool {
    user["assignedLicenses"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["skuId"] == sku_id)
}

fn licensed(user: &Value) -> bool {
    !user["assignedLicenses"].as_array().unwrap().is_empty()
}

fn enabled(user: &Value) -> bool {
    user["accountEnabled"].as_bool().unwrap()
}

/// Days since the last sign-in (whole or not), `None` for never; read independently of the
/// server's parser, from the seed's `YYYY-MM-DDTHH:MM:SSZ` form.
fn seconds_since_sign_in(user: &Value) -> Option<i64> {
    let text = user["lastSignInDateTime"].as_str()?;
    let parsed = chrono_like(text);
    Some(NOW - parsed)
}

/// `YYYY-MM-DDTHH:MM:SSZ` to seconds, by counting days month by month.
fn chrono_like(text: &str) -> i64 {
    let number = |range: std::ops::Range<usize>| text[range].parse::<i64>().unwrap();
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    assert!(text.ends_with('Z'), "{text}");
    let leap = |y: i64| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let mut days = (1970..year)
        .map(|y| if leap(y) { 366 } else { 365 })
        .sum::<i64>();
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for m in 1..month {
        days += lengths[(m - 1) as usize] + i64::from(m == 2 && leap(year));
    }
    days += day - 1;
    days * DAY + hour * 3_600 + minute * 60 + second
}

fn inactive(user: &Value, days: i64) -> bool {
    seconds_since_sign_in(user).is_none_or(|ago| ago > days * DAY)
}

fn reclaimable(user: &Value) -> bool {
    licensed(user) && (!enabled(user) || inactive(user, 90))
}

#[tokio::test]
async fn users_carry_sign_in_activity_and_fabrikam_has_a_realistic_mix() {
    let client = Client::admin().await;
    let users = everyone(&client, FABRIKAM).await;
    assert_eq!(users.len(), 10_000);
    let share = |keep: &dyn Fn(&Value) -> bool| {
        users.iter().filter(|u| keep(u)).count() as f64 / users.len() as f64
    };
    assert!((0.07..0.09).contains(&share(&|u| !enabled(u))));
    assert!((0.14..0.16).contains(&share(&|u| inactive(u, 90))));
    assert!(share(&|u| u["lastSignInDateTime"].is_null()) > 0.01);
    assert!(users
        .iter()
        .filter_map(seconds_since_sign_in)
        .all(|ago| ago >= 0));

    let contoso = everyone(&client, CONTOSO).await;
    let count = |keep: &dyn Fn(&Value) -> bool| contoso.iter().filter(|u| keep(u)).count();
    assert_eq!(count(&|u| !enabled(u)), 3);
    assert_eq!(count(&|u| u["lastSignInDateTime"].is_null()), 3);
    assert_eq!(count(&|u| inactive(u, 90)), 8);
    let gerhart = contoso.iter().find(|u| u["id"] == GERHART).unwrap();
    assert_eq!(gerhart["accountEnabled"], false);
}

#[tokio::test]
async fn each_filter_alone_lists_exactly_the_users_it_describes() {
    let client = Client::admin().await;
    for customer in [CONTOSO, FABRIKAM] {
        let users = everyone(&client, customer).await;
        let product = if customer == CONTOSO {
            EMS
        } else {
            FABRIKAM_E3
        };
        let cases: Vec<(String, Keep)> = vec![
            ("licensed=true".into(), Box::new(licensed)),
            ("licensed=false".into(), Box::new(|u| !licensed(u))),
            (
                format!("hasSku={product}"),
                Box::new(move |u| holds(u, product)),
            ),
            (
                format!("lacksSku={product}"),
                Box::new(move |u| !holds(u, product)),
            ),
            ("accountEnabled=true".into(), Box::new(enabled)),
            ("accountEnabled=false".into(), Box::new(|u| !enabled(u))),
            ("inactiveDays=90".into(), Box::new(|u| inactive(u, 90))),
            ("inactiveDays=0".into(), Box::new(|u| inactive(u, 0))),
            ("inactiveDays=30".into(), Box::new(|u| inactive(u, 30))),
            (
                "usageLocation=US".into(),
                Box::new(|u| u["usageLocation"] == "US"),
            ),
            (
                "usageLocation=tw".into(),
                Box::new(|u| u["usageLocation"] == "TW"),
            ),
            (
                "usageLocation=none".into(),
                Box::new(|u| u["usageLocation"].is_null()),
            ),
            ("reclaimable=true".into(), Box::new(reclaimable)),
            ("reclaimable=false".into(), Box::new(|_| true)),
        ];
        for (query, keep) in cases {
            let expected: Vec<&str> = users
                .iter()
                .filter(|u| keep(u))
                .map(|u| u["id"].as_str().unwrap())
                .collect();
            let (total, found) =
                all_pages(&client, &format!("{}?size=500&{query}", users_of(customer))).await;
            assert_eq!(total as usize, expected.len(), "{customer} {query}");
            assert_eq!(ids(&found), expected, "{customer} {query}: in list order");
        }
    }
}

#[tokio::test]
async fn filters_combine_with_each_other_the_search_and_paging() {
    let client = Client::admin().await;
    let users = everyone(&client, CONTOSO).await;
    // Holders of both E3 and EMS E3 in the US who may sign in, 2 a page, searched for "a".
    let query =
        format!("hasSku={E3}&hasSku={EMS}&usageLocation=US&accountEnabled=true&filter=A&size=2");
    let expected: Vec<&str> = users
        .iter()
        .filter(|u| holds(u, E3) && holds(u, EMS) && u["usageLocation"] == "US" && enabled(u))
        .filter(|u| {
            let text = format!("{}{}", u["displayName"], u["userPrincipalName"]).to_lowercase();
            text.contains('a')
        })
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert!(expected.len() > 2, "the case spans pages");
    let (total, found) = all_pages(&client, &format!("{}?{query}", users_of(CONTOSO))).await;
    assert_eq!(total as usize, expected.len());
    assert_eq!(ids(&found), expected);

    // Lacking both Exchange plans, licensed, inactive for 30 days.
    let query =
        format!("lacksSku={EXCHANGE_1}&lacksSku={EXCHANGE_2}&licensed=true&inactiveDays=30");
    let expected: Vec<&str> = users
        .iter()
        .filter(|u| !holds(u, EXCHANGE_1) && !holds(u, EXCHANGE_2) && licensed(u))
        .filter(|u| inactive(u, 30))
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    let (_, found) = all_pages(&client, &format!("{}?{query}", users_of(CONTOSO))).await;
    assert_eq!(ids(&found), expected);
    assert!(!expected.is_empty());

    // A combination that no user passes is an empty first page, not an error.
    let (status, none) = client
        .get(&format!("{}?licensed=false&hasSku={E3}", users_of(CONTOSO)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(none["totalCount"], 0);
}

#[tokio::test]
async fn a_filtered_page_links_to_its_neighbours_with_the_same_filter() {
    let client = Client::admin().await;
    let (status, page) = client
        .get(&format!(
            "{}?size=100&page=2&hasSku={FABRIKAM_E3}&accountEnabled=false&sortField=lastSignInDateTime&sortDirection=desc",
            users_of(FABRIKAM)
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let next = page["links"]["previous"]["uri"].as_str().unwrap();
    assert!(next.contains("page=1"), "{next}");
    for part in [
        format!("hasSku={FABRIKAM_E3}"),
        "accountEnabled=false".to_owned(),
        "sortField=lastSignInDateTime".to_owned(),
        "sortDirection=descending".to_owned(),
    ] {
        assert!(next.contains(&part), "{next} lacks {part}");
    }
    let (_, previous) = client.get(next).await;
    assert_eq!(previous["totalCount"], page["totalCount"]);
}

#[tokio::test]
async fn users_sort_by_last_sign_in_never_first_then_oldest_and_back() {
    let client = Client::admin().await;
    let users = everyone(&client, CONTOSO).await;
    let mut expected: Vec<&Value> = users.iter().collect();
    // Stable: ties stay in display-name order.
    expected.sort_by_key(|u| u["lastSignInDateTime"].as_str().map(chrono_like));
    let expected: Vec<&str> = expected.iter().map(|u| u["id"].as_str().unwrap()).collect();
    for direction in ["asc", "ascending"] {
        let (_, found) = all_pages(
            &client,
            &format!(
                "{}?sortField=lastSignInDateTime&sortDirection={direction}",
                users_of(CONTOSO)
            ),
        )
        .await;
        assert_eq!(ids(&found), expected, "{direction}");
        assert!(found[0]["lastSignInDateTime"].is_null());
    }
    let (_, found) = all_pages(
        &client,
        &format!(
            "{}?sortField=lastSignInDateTime&sortDirection=desc&size=10",
            users_of(CONTOSO)
        ),
    )
    .await;
    let reversed: Vec<&str> = expected.iter().rev().copied().collect();
    assert_eq!(ids(&found), reversed);

    // Sorting and filtering together: the blocked users, by user principal name descending.
    let (_, blocked) = all_pages(
        &client,
        &format!(
            "{}?accountEnabled=false&sortField=userPrincipalName&sortDirection=desc",
            users_of(CONTOSO)
        ),
    )
    .await;
    let upns: Vec<&str> = blocked
        .iter()
        .map(|u| u["userPrincipalName"].as_str().unwrap())
        .collect();
    assert_eq!(
        upns,
        [
            "RaulR@contoso.onmicrosoft.com",
            "JohannaL@contoso.onmicrosoft.com",
            "GerhartM@contoso.onmicrosoft.com"
        ]
    );
    assert!(ids(&blocked).contains(&JOHANNA));
}

#[tokio::test]
async fn a_filtered_list_follows_a_change_of_licenses() {
    let client = Client::admin().await;
    let query = format!("{}?hasSku={PHONE}", users_of(CONTOSO));
    let (_, before) = client.get(&query).await;
    let (status, body) = client.update(DELIA, &[PHONE], &[]).await;
    assert!(status.is_success(), "{body}");
    let (_, after) = client.get(&query).await;
    assert_eq!(
        after["totalCount"].as_u64().unwrap(),
        before["totalCount"].as_u64().unwrap() + 1
    );
    assert!(ids(after["items"].as_array().unwrap()).contains(&DELIA));
}

#[tokio::test]
async fn bad_filter_values_and_unknown_parameters_are_refused_naming_the_parameter() {
    let client = Client::admin().await;
    let cases = [
        ("licensed=yes", "licensed"),
        ("licensed=", "licensed"),
        ("accountEnabled=1", "accountEnabled"),
        ("reclaimable=TRUE", "reclaimable"),
        ("inactiveDays=-1", "inactiveDays"),
        ("inactiveDays=ten", "inactiveDays"),
        ("inactiveDays=1.5", "inactiveDays"),
        ("usageLocation=XX", "usageLocation"),
        ("usageLocation=USA", "usageLocation"),
        ("hasSku=no-such-product", "hasSku"),
        ("hasSku=0f09c427-aa93-5bfa-92c6-fc44cbd91c0b", "hasSku"),
        ("lacksSku=", "lacksSku"),
        ("sortField=lastSignIn", "sortField"),
        ("sortDirection=up", "sortDirection"),
        ("active=true", "active"),
    ];
    let holders = format!("/subscribedskus/{EMS}/users");
    for (query, parameter) in cases {
        for path in ["/users", "/licensesummary", holders.as_str()] {
            if path == "/licensesummary" && query.starts_with("sort") {
                continue;
            }
            let (status, body) = client.get(&format!("{}?{query}", contoso(path))).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}?{query}: {body}");
            assert_eq!(code(&body), 1002, "{query}");
            let description = body["description"].as_str().unwrap();
            assert!(
                description.contains(parameter),
                "{query}: {description} should name {parameter}"
            );
        }
    }
}

#[tokio::test]
async fn the_filtered_summary_counts_per_product_the_seats_a_filter_finds() {
    let client = Client::admin().await;
    for customer in [CONTOSO, FABRIKAM] {
        let users = everyone(&client, customer).await;
        let (status, summary) = client
            .get(&format!(
                "/api/v1/customers/{customer}/licensesummary?reclaimable=true"
            ))
            .await;
        assert_eq!(status, StatusCode::OK, "{summary}");
        let found: Vec<&Value> = users.iter().filter(|u| reclaimable(u)).collect();
        assert_eq!(summary["users"], found.len());
        for product in summary["products"].as_array().unwrap() {
            let sku_id = product["skuId"].as_str().unwrap();
            let holders = found.iter().filter(|u| holds(u, sku_id)).count();
            assert_eq!(product["holders"], holders, "{customer} {sku_id}");
        }
    }
    let (_, gerhart_only) = client
        .get(&contoso("/licensesummary?reclaimable=true&filter=gerhart"))
        .await;
    assert_eq!(gerhart_only["users"], 1);
}
