//! Bad input, table-driven, for every route with a body, a query or an id: malformed JSON,
//! wrong types, huge arrays, unknown ids, invalid usage locations, out-of-range paging, oversize
//! bodies, wrong content types. Every row must be answered with the expected 4xx in the API's
//! error format: never a panic, never a 5xx.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use mock_server::{app, AppState, BODY_LIMIT};
use serde_json::{json, Value};

use crate::common::*;

const BATCH_LIMIT: usize = 8 << 20;

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// This status and this error code.
    Exactly(StatusCode, i64),
    /// 400 refused by a license rule (a 600xx code).
    Rule,
}

struct Row {
    what: String,
    method: Method,
    uri: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    expect: Expect,
}

const BAD_BODY: Expect = Expect::Exactly(StatusCode::BAD_REQUEST, 1001);
const BAD_PARAMETER: Expect = Expect::Exactly(StatusCode::BAD_REQUEST, 1002);
const BAD_BATCH: Expect = Expect::Exactly(StatusCode::BAD_REQUEST, 1003);
const TOO_LARGE: Expect = Expect::Exactly(StatusCode::PAYLOAD_TOO_LARGE, 1413);
const NOT_JSON: Expect = Expect::Exactly(StatusCode::UNSUPPORTED_MEDIA_TYPE, 1415);
const NO_USER: Expect = Expect::Exactly(StatusCode::NOT_FOUND, 60002);
const NO_CUSTOMER: Expect = Expect::Exactly(StatusCode::NOT_FOUND, 60003);
const NO_SUBSCRIPTION: Expect = Expect::Exactly(StatusCode::NOT_FOUND, 60004);
const NO_SKU: Expect = Expect::Exactly(StatusCode::NOT_FOUND, 60005);
const INVALID_LOCATION: Expect = Expect::Exactly(StatusCode::BAD_REQUEST, 60040);

/// A route with a JSON body: name, method, address, body limit, and per-route wrong bodies.
struct BodyRoute {
    name: &'static str,
    method: Method,
    uri: String,
    limit: usize,
    wrong: Vec<(Value, Expect)>,
}

fn body_routes() -> Vec<BodyRoute> {
    let many = |n: usize, item: Value| Value::Array(vec![item; n]);
    vec![
        BodyRoute {
            name: "session",
            method: Method::POST,
            uri: "/api/v1/session".to_owned(),
            limit: BODY_LIMIT,
            wrong: vec![
                (json!({}), BAD_BODY),
                (json!({"role": 5}), BAD_BODY),
                (json!({"role": null}), BAD_BODY),
                (json!({"role": "Intern"}), BAD_BODY),
                (json!({"role": ["AdminAgent"]}), BAD_BODY),
                (json!({"role": "AdminAgent", "displayName": 5}), BAD_BODY),
                (json!({"role": "AdminAgent", "extra": 1}), BAD_BODY),
            ],
        },
        BodyRoute {
            name: "license update",
            method: Method::POST,
            uri: user_path(DELIA, "/licenseupdates"),
            limit: BODY_LIMIT,
            wrong: vec![
                (json!({"licensesToAssign": "E3"}), BAD_BODY),
                (json!({"licensesToAssign": [E3]}), BAD_BODY),
                (json!({"licensesToAssign": [{}]}), BAD_BODY),
                (json!({"licensesToAssign": [{"skuId": 5}]}), BAD_BODY),
                (
                    json!({"licensesToAssign": [{"skuId": E3, "excludedPlans": "x"}]}),
                    BAD_BODY,
                ),
                (json!({"licensesToRemove": [5]}), BAD_BODY),
                (json!({"licensesToRemove": {"skuId": E3}}), BAD_BODY),
                (json!({"extra": true}), BAD_BODY),
                // A warning code the rules never give (the document lists the two they do).
                (
                    json!({"licenseWarnings": [{"code": "Nope", "message": "m", "servicePlans": []}]}),
                    BAD_BODY,
                ),
                (
                    json!({"licenseWarnings": [{"code": 5, "message": "m"}]}),
                    BAD_BODY,
                ),
                (
                    json!({"licensesToAssign": [{"skuId": "nope"}]}),
                    Expect::Rule,
                ),
                (
                    json!({"licensesToAssign": [{"skuId": E3}, {"skuId": E3}]}),
                    Expect::Rule,
                ),
                (
                    json!({"licensesToAssign": many(40_000, json!({"skuId": "x"}))}),
                    Expect::Rule,
                ),
                (
                    json!({"licensesToAssign": many(15_000, json!({"skuId": E3}))}),
                    Expect::Rule,
                ),
                (
                    json!({"licensesToAssign": [{"skuId": E3, "excludedPlans": many(40_000, json!("p"))}]}),
                    Expect::Rule,
                ),
                (
                    json!({"licensesToRemove": many(20_000, json!(E3))}),
                    Expect::Rule,
                ),
            ],
        },
        BodyRoute {
            name: "batch",
            method: Method::POST,
            uri: contoso("/licenseupdates"),
            limit: BATCH_LIMIT,
            wrong: vec![
                (json!({"updates": {}}), BAD_BODY),
                (json!({"updates": "x"}), BAD_BODY),
                (json!({"updates": [null]}), BAD_BODY),
                (json!({"updates": [{}]}), BAD_BODY),
                (json!({"updates": [{"userId": 5}]}), BAD_BODY),
                // No user has an empty id (the document says at least 1 character).
                (json!({"updates": [{"userId": ""}]}), BAD_BODY),
                (
                    json!({"updates": [{"userId": DELIA, "licensesToAssign": E3}]}),
                    BAD_BODY,
                ),
                (
                    json!({"updates": [{"userId": DELIA}, {"userId": DELIA}]}),
                    BAD_BATCH,
                ),
                (
                    json!({"updates": (0..10_001).map(|n| json!({"userId": format!("u{n}")})).collect::<Vec<_>>()}),
                    BAD_BATCH,
                ),
            ],
        },
        BodyRoute {
            name: "license summary",
            method: Method::POST,
            uri: contoso("/licensesummary"),
            limit: BATCH_LIMIT,
            wrong: vec![
                (json!({"userIds": {}}), BAD_BODY),
                (json!({"userIds": "adele"}), BAD_BODY),
                (json!({"userIds": [5]}), BAD_BODY),
                (json!({"userIds": [null]}), BAD_BODY),
                (json!({"ids": [DELIA]}), BAD_BODY),
                (
                    json!({"userIds": (0..10_001).map(|n| format!("u{n}")).collect::<Vec<_>>()}),
                    BAD_BATCH,
                ),
            ],
        },
        BodyRoute {
            name: "user patch",
            method: Method::PATCH,
            uri: user_path(DELIA, ""),
            limit: BODY_LIMIT,
            wrong: {
                let mut rows = vec![
                    (json!({}), BAD_BODY),
                    (json!({"usageLocation": 5}), BAD_BODY),
                    (json!({"usageLocation": null}), BAD_BODY),
                    (json!({"usageLocation": ["US"]}), BAD_BODY),
                    (
                        json!({"usageLocation": "US", "state": "inactive"}),
                        BAD_BODY,
                    ),
                ];
                for location in [
                    "XX",
                    "ZZ",
                    "Taiwan",
                    "USA",
                    "U",
                    "",
                    "  ",
                    "U1",
                    "12",
                    "🇺🇸",
                    "ü s",
                    "\u{0}\u{0}",
                ] {
                    rows.push((json!({"usageLocation": location}), INVALID_LOCATION));
                }
                rows.push((
                    json!({"usageLocation": "x".repeat(500_000)}),
                    INVALID_LOCATION,
                ));
                rows
            },
        },
        BodyRoute {
            name: "subscription patch",
            method: Method::PATCH,
            uri: contoso(&format!("/subscriptions/{E3_SUBSCRIPTION}")),
            limit: BODY_LIMIT,
            wrong: vec![
                (json!({}), BAD_BODY),
                (json!({"quantity": -1}), BAD_BODY),
                (json!({"quantity": "5"}), BAD_BODY),
                (json!({"quantity": 1.5}), BAD_BODY),
                (json!({"quantity": 4_294_967_296u64}), BAD_BODY),
                // Past Partner Center's 32-bit quantity, which the document states.
                (json!({"quantity": 2_147_483_648u64}), BAD_BODY),
                (json!({"quantity": null}), BAD_BODY),
                (json!({"quantity": true}), BAD_BODY),
                (json!({"quantity": 30, "status": "active"}), BAD_BODY),
                (json!({"quantity": 0}), Expect::Rule),
            ],
        },
    ]
}

/// Bodies no route can parse.
fn malformed() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("empty body", Vec::new()),
        ("open brace", b"{".to_vec()),
        ("open bracket", b"[".to_vec()),
        ("cut short", b"{\"a\":".to_vec()),
        ("trailing garbage", b"{} x".to_vec()),
        ("two documents", b"{}{}".to_vec()),
        ("bare word", b"nul".to_vec()),
        ("null", b"null".to_vec()),
        ("array", b"[]".to_vec()),
        ("string", b"\"text\"".to_vec()),
        ("number", b"42".to_vec()),
        ("huge number", b"1e999999".to_vec()),
        ("single quotes", b"{'role': 'AdminAgent'}".to_vec()),
        ("comment", b"/* hi */ {}".to_vec()),
        ("invalid UTF-8", b"{\"\xff\xfe\": 1}".to_vec()),
        ("byte order mark", b"\xef\xbb\xbf{}".to_vec()),
        ("NUL key", b"{\"\\u0000\": 1}".to_vec()),
        ("lone surrogate", b"{\"\\ud800\": 1}".to_vec()),
        (
            "nested 100,000 deep",
            [vec![b'['; 100_000], vec![b']'; 100_000]].concat(),
        ),
        (
            "nested objects 10,000 deep",
            ["{\"a\":".repeat(10_000), "1".to_owned(), "}".repeat(10_000)]
                .concat()
                .into_bytes(),
        ),
    ]
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let row = |what: String,
               method: &Method,
               uri: &str,
               content_type: Option<&'static str>,
               body: Vec<u8>,
               expect: Expect| Row {
        what,
        method: method.clone(),
        uri: uri.to_owned(),
        content_type,
        body,
        expect,
    };
    for route in body_routes() {
        let (name, method, uri) = (route.name, &route.method, route.uri.as_str());
        for (what, body) in malformed() {
            rows.push(row(
                format!("{name}: {what}"),
                method,
                uri,
                Some("application/json"),
                body,
                BAD_BODY,
            ));
        }
        for (body, expect) in route.wrong {
            let text = body.to_string();
            let shown: String = text.chars().take(80).collect();
            rows.push(row(
                format!("{name}: {shown}"),
                method,
                uri,
                Some("application/json"),
                text.into_bytes(),
                expect,
            ));
        }
        for content_type in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/xml"),
            Some("application/jsonp"),
        ] {
            rows.push(row(
                format!("{name}: content type {content_type:?}"),
                method,
                uri,
                content_type,
                b"{}".to_vec(),
                NOT_JSON,
            ));
        }
        let oversize = format!("{{\"x\": \"{}\"}}", "x".repeat(route.limit));
        rows.push(row(
            format!("{name}: {} byte body", oversize.len()),
            method,
            uri,
            Some("application/json"),
            oversize.into_bytes(),
            TOO_LARGE,
        ));
    }

    let lists = [
        ("customers", "/api/v1/customers".to_owned()),
        ("users", contoso("/users")),
        ("holders", contoso(&format!("/subscribedskus/{E3}/users"))),
    ];
    for (name, uri) in &lists {
        for query in [
            "size=0",
            "size=501",
            "size=4294967296",
            "size=99999999999999999999",
            "size=-1",
            "size=abc",
            "size=",
            "size=1.5",
            "size=1e2",
            "size=%00",
            "page=0",
            "page=-1",
            "page=abc",
            "page=",
            "page=4294967296",
            "page=999",
            "size=500&page=2",
            "size=1&size=2",
            "unknown=1",
            "Size=10",
        ] {
            rows.push(row(
                format!("{name}?{query}"),
                &Method::GET,
                &format!("{uri}?{query}"),
                None,
                Vec::new(),
                BAD_PARAMETER,
            ));
        }
    }
    for (name, uri) in &lists[1..] {
        for query in ["sortField=age", "sortDirection=up", "sortField=", "ids[]=x"] {
            rows.push(row(
                format!("{name}?{query}"),
                &Method::GET,
                &format!("{uri}?{query}"),
                None,
                Vec::new(),
                BAD_PARAMETER,
            ));
        }
    }

    // Unknown ids, on every route that takes one.
    let update = json!({"licensesToAssign": [{"skuId": E3}]}).to_string();
    let locate = json!({"usageLocation": "US"}).to_string();
    let quantity = json!({"quantity": 30}).to_string();
    let batch = json!({"updates": []}).to_string();
    let long = "x".repeat(10_000);
    for customer in [
        "nope",
        "%E7%94%A8%E6%88%B7",
        "..%2F..",
        "%00",
        long.as_str(),
    ] {
        let base = format!("/api/v1/customers/{customer}");
        for (method, rest, body) in [
            (Method::GET, "", None),
            (Method::GET, "/users", None),
            (Method::GET, "/subscribedskus", None),
            (Method::GET, &format!("/subscribedskus/{E3}/users"), None),
            (Method::GET, "/subscriptions", None),
            (Method::GET, &format!("/users/{DELIA}/licenses"), None),
            (
                Method::POST,
                &format!("/users/{DELIA}/licenseupdates"),
                Some(&update),
            ),
            (Method::POST, "/licenseupdates", Some(&batch)),
            (Method::PATCH, &format!("/users/{DELIA}"), Some(&locate)),
            (
                Method::PATCH,
                &format!("/subscriptions/{E3_SUBSCRIPTION}"),
                Some(&quantity),
            ),
        ] {
            let shown: String = customer.chars().take(12).collect();
            rows.push(row(
                format!("customer {shown}: {method} {rest}"),
                &method,
                &format!("{base}{rest}"),
                body.map(|_| "application/json"),
                body.map(|b| b.as_bytes().to_vec()).unwrap_or_default(),
                NO_CUSTOMER,
            ));
        }
    }
    for user in ["nope", CONTOSO, "%20", long.as_str()] {
        for (method, rest, body) in [
            (Method::GET, "/licenses", None),
            (Method::POST, "/licenseupdates", Some(&update)),
            (Method::PATCH, "", Some(&locate)),
        ] {
            let shown: String = user.chars().take(12).collect();
            rows.push(row(
                format!("user {shown}: {method} {rest}"),
                &method,
                &user_path(user, rest),
                body.map(|_| "application/json"),
                body.map(|b| b.as_bytes().to_vec()).unwrap_or_default(),
                NO_USER,
            ));
        }
    }
    for subscription in ["nope", E3, long.as_str()] {
        rows.push(row(
            format!(
                "subscription {}",
                &subscription[..subscription.len().min(12)]
            ),
            &Method::PATCH,
            &contoso(&format!("/subscriptions/{subscription}")),
            Some("application/json"),
            quantity.clone().into_bytes(),
            NO_SUBSCRIPTION,
        ));
    }
    for sku in ["nope", E3_SUBSCRIPTION] {
        rows.push(row(
            format!("sku {sku}"),
            &Method::GET,
            &contoso(&format!("/subscribedskus/{sku}/users")),
            None,
            Vec::new(),
            NO_SKU,
        ));
    }
    // Path segments that are not UTF-8 once decoded.
    for uri in [
        "/api/v1/customers/%FF".to_owned(),
        user_path("%C3%28", "/licenses"),
    ] {
        rows.push(row(
            format!("undecodable path {uri}"),
            &Method::GET,
            &uri,
            None,
            Vec::new(),
            BAD_PARAMETER,
        ));
    }
    rows
}

/// The API's error body: `{code, description, data, source}`.
fn assert_api_error(body: &Value, what: &str) -> i64 {
    assert!(
        body["description"].as_str().is_some_and(|d| !d.is_empty()),
        "{what}: {body}"
    );
    assert!(body["data"].is_array(), "{what}: {body}");
    assert_eq!(body["source"], "PartnerFD", "{what}");
    body["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("{what}: no code in {body}"))
}

#[tokio::test]
async fn every_bad_input_is_a_4xx_in_the_api_error_format() {
    let client = Client::signed_in(app(AppState::seeded()), "AdminAgent").await;
    let rows = rows();
    let mut statuses = std::collections::BTreeMap::new();
    for row in &rows {
        let mut builder = Request::builder()
            .method(row.method.clone())
            .uri(&row.uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", client.token));
        if let Some(content_type) = row.content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        let reply = send(
            &client.app,
            builder.body(Body::from(row.body.clone())).unwrap(),
        )
        .await;
        let what = &row.what;
        assert!(reply.status.is_client_error(), "{what}: {}", reply.status);
        assert_eq!(
            reply.header(header::CONTENT_TYPE),
            Some("application/json"),
            "{what}"
        );
        let body: Value = serde_json::from_slice(&reply.bytes)
            .unwrap_or_else(|e| panic!("{what}: {e}: {}", String::from_utf8_lossy(&reply.bytes)));
        let code = assert_api_error(&body, what);
        match row.expect {
            Expect::Exactly(status, expected) => {
                assert_eq!((reply.status, code), (status, expected), "{what}: {body}");
            }
            Expect::Rule => {
                assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{what}");
                assert!((60000..61000).contains(&code), "{what}: {body}");
            }
        }
        *statuses.entry(reply.status.as_u16()).or_insert(0) += 1;
    }
    // Nothing was applied by any of them.
    assert!(client.held(DELIA).await.is_empty());
    assert_eq!(client.sku(E3).await["totalUnits"], 25);
    println!(
        "bad input: {} rows, every one a 4xx in the API error format (by status: {statuses:?})",
        rows.len()
    );
}
