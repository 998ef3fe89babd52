//! Lookups, plurals, numbers, name order and error wording in both languages. That both
//! languages have the same keys and placeholders is checked when the app compiles (build.rs,
//! tested in crates/i18n-build). Runs in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::contract::{self, LicenseError, Role};
use partner_center_licenses::api::ApiError;
use partner_center_licenses::error_text;
use partner_center_licenses::i18n::{
    collate, format_number, interpolate, order_by_name, relationship_key, role_key, translate,
    I18n, Lang,
};
use partner_center_licenses::key;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn i18n(lang: Lang) -> I18n {
    I18n {
        lang: RwSignal::new(lang),
    }
}

/// Whether a text has a run of three Latin words: an English sentence, not a code or a name.
fn has_english_words(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '\'')
        .collect::<Vec<_>>()
        .windows(3)
        .any(|w| w.iter().all(|word| word.len() > 1))
}

#[wasm_bindgen_test]
fn a_key_names_the_same_text_in_each_language() {
    assert_eq!(translate(Lang::EnUs, key!("shell.retry")), "Retry");
    assert_eq!(translate(Lang::ZhTw, key!("shell.retry")), "重試");
    assert_eq!(Lang::ZhTw.native_name(), "中文 (台灣)");
}

#[wasm_bindgen_test]
fn english_says_one_user_but_chinese_has_a_single_form() {
    let total = key!("users.total");
    assert_eq!(i18n(Lang::EnUs).t_count(total, 1, &[]), "1 user");
    assert_eq!(i18n(Lang::EnUs).t_count(total, 10_000, &[]), "10,000 users");
    assert_eq!(i18n(Lang::ZhTw).t_count(total, 1, &[]), "1 位使用者");
    assert_eq!(total.form(Lang::ZhTw, 1), total.form(Lang::ZhTw, 2));
}

#[wasm_bindgen_test]
fn every_role_and_relationship_has_a_chinese_name() {
    for role in Role::ALL {
        let name = translate(Lang::ZhTw, role_key(role));
        assert!(!has_english_words(name), "{role:?}: {name}");
        assert_ne!(name, translate(Lang::EnUs, role_key(role)), "{role:?}");
    }
    assert_eq!(
        translate(Lang::ZhTw, relationship_key("reseller")),
        "轉售商"
    );
    assert_eq!(translate(Lang::ZhTw, relationship_key("franchise")), "其他");
}

/// The server's answer for a customer id that names no customer, as it sends it.
fn customer_not_found() -> ApiError {
    ApiError::Server {
        status: 404,
        body: contract::ApiError::new(
            60003,
            "Customer 00000000-0000-0000-0000-000000000000 was not found. Go back to the \
             customer list and choose another.",
        ),
    }
}

#[wasm_bindgen_test]
fn an_error_is_worded_from_its_code_never_from_the_servers_english() {
    let zh = i18n(Lang::ZhTw);
    let text = error_text::api_error(&zh, &customer_not_found(), &Catalogue::default());
    assert_eq!(text, "找不到此客戶。請回到客戶清單選擇其他客戶。");
    let en = error_text::api_error(
        &i18n(Lang::EnUs),
        &customer_not_found(),
        &Catalogue::default(),
    );
    assert_eq!(
        en,
        "This customer wasn't found. Go back to the customer list and choose another."
    );
}

#[wasm_bindgen_test]
fn an_unknown_code_is_named_with_its_status_in_the_readers_language() {
    let error = ApiError::Server {
        status: 418,
        body: contract::ApiError::new(4242, "I'm a teapot and cannot do this."),
    };
    let text = error_text::api_error(&i18n(Lang::ZhTw), &error, &Catalogue::default());
    assert!(text.contains("4242") && text.contains("418"), "{text}");
    assert!(!has_english_words(&text), "{text}");
}

#[wasm_bindgen_test]
fn a_failure_without_an_answer_is_worded_by_its_kind_and_status() {
    let zh = i18n(Lang::ZhTw);
    let cases = [
        (
            ApiError::Network("TypeError: Failed to fetch".into()),
            "無法連線",
        ),
        (ApiError::Status(503), "HTTP 503"),
        (
            ApiError::Decode("expected value at line 1".into()),
            "無法理解",
        ),
    ];
    for (error, expected) in cases {
        let text = error_text::api_error(&zh, &error, &Catalogue::default());
        assert!(text.contains(expected), "{error:?}: {text}");
        assert!(!has_english_words(&text), "{error:?}: {text}");
    }
}

#[wasm_bindgen_test]
fn every_license_error_has_its_own_sentence_with_every_placeholder_filled() {
    // One of each type, every field set: each type reads the fields it has.
    let types = [
        "notEnoughSeats",
        "missingPrerequisite",
        "prerequisiteInUse",
        "mutuallyExclusive",
        "prohibitedInLocation",
        "missingUsageLocation",
        "subscriptionSuspended",
        "unknownServicePlan",
        "unknownSku",
        "duplicateSku",
        "invalidUsageLocation",
        "quantityBelowConsumed",
    ];
    let errors: Vec<LicenseError> = types
        .iter()
        .map(|kind| {
            serde_json::from_value(serde_json::json!({
                "type": kind, "skuId": "sku-1", "requested": 7, "available": 2, "shortBy": 5,
                "requires": ["a"], "neededBy": ["c"], "conflictsWith": "d", "usageLocation": "CN",
                "planId": "p", "consumed": 3
            }))
            .unwrap_or_else(|e| panic!("{kind}: {e}"))
        })
        .collect();
    for lang in Lang::ALL {
        let i18n = i18n(lang);
        let fallback = i18n.t(key!("errors.unexpected"));
        let mut seen = std::collections::HashSet::new();
        for error in &errors {
            let text = error_text::describe(&i18n, error, &Catalogue::default());
            assert_ne!(text, fallback, "{error:?} in {lang:?}");
            assert!(!text.contains('{'), "{error:?} in {lang:?}: {text}");
            assert!(
                seen.insert(text.clone()),
                "{error:?} in {lang:?} repeats: {text}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn a_license_error_in_chinese_says_what_went_wrong_and_what_to_do_next() {
    let error = LicenseError::MissingPrerequisite {
        sku_id: "e5".into(),
        requires: vec!["e3".into(), "e1".into()],
    };
    let text = error_text::describe(&i18n(Lang::ZhTw), &error, &Catalogue::default());
    assert_eq!(
        text,
        "e5 需要 e3、e1，但此使用者沒有。請先指派 e3、e1，或在同一次儲存中指派。"
    );
}

#[wasm_bindgen_test]
fn placeholders_are_filled_and_numbers_grouped() {
    assert_eq!(
        interpolate(
            "{count} of {total}",
            &[("count", "3".into()), ("total", "5".into())]
        ),
        "3 of 5"
    );
    assert_eq!(format_number(Lang::EnUs, 10_000), "10,000");
    assert_eq!(format_number(Lang::ZhTw, 999), "999");
    assert_eq!(format_number(Lang::EnUs, 1_234_567), "1,234,567");
}

#[wasm_bindgen_test]
fn language_tags_round_trip_and_accept_bare_languages() {
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
    assert_eq!(Lang::from_tag("zh"), Some(Lang::ZhTw));
    assert_eq!(Lang::from_tag("EN-us"), Some(Lang::EnUs));
    assert_eq!(Lang::from_tag("fr-FR"), None);
}

/// Names in the language's order, the way the chips, problems and results are listed.
fn in_order(lang: Lang, names: &[&str], limit: usize) -> Vec<String> {
    order_by_name(lang, names.iter().copied(), limit)
        .into_iter()
        .map(|i| names[i].to_owned())
        .collect()
}

#[wasm_bindgen_test]
fn names_sort_the_way_the_reader_expects_not_by_code_point() {
    let names = ["émile", "Zoe", "adele", "Ángel", "bob"];
    assert_eq!(
        in_order(Lang::EnUs, &names, names.len()),
        ["adele", "Ángel", "bob", "émile", "Zoe"]
    );
    assert_eq!(
        collate(Lang::EnUs, "adele", "Zoe"),
        std::cmp::Ordering::Less
    );
    assert_eq!(collate(Lang::EnUs, "Zoe", "Zoe"), std::cmp::Ordering::Equal);
}

#[wasm_bindgen_test]
fn the_first_few_in_order_are_the_head_of_the_full_order_ties_kept_in_place() {
    // 2,000 generated names with many repeats: the one-pass "first n" must agree with a sort.
    let names: Vec<String> = (0..2_000u32)
        .map(|i| format!("User {:03}", (i * 7919) % 613))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let full = order_by_name(Lang::ZhTw, names.iter().copied(), names.len());
    assert_eq!(full.len(), names.len());
    for limit in [0, 1, 7, 60, 1_999] {
        let head = order_by_name(Lang::ZhTw, names.iter().copied(), limit);
        assert_eq!(head, full[..limit], "first {limit}");
    }
    // Equal names keep their given order.
    let twins = order_by_name(Lang::EnUs, ["b", "a", "b", "a"], 4);
    assert_eq!(twins, [1, 3, 0, 2]);
}

#[wasm_bindgen_test]
fn a_name_holding_the_separator_still_counts_as_one_name() {
    let names = ["b\u{1f}a", "a"];
    assert_eq!(order_by_name(Lang::EnUs, names, 2), [1, 0]);
    assert!(order_by_name(Lang::EnUs, std::iter::empty(), 5).is_empty());
}
