//! Both languages carry the same keys, plural forms and placeholders, so switching language
//! never shows a raw key or drops a number. Runs in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

use std::collections::BTreeSet;

use partner_center_licenses::i18n::{
    catalog, collate, format_number, interpolate, order_by_name, plural_key, translate, Lang,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[wasm_bindgen_test]
fn every_english_key_has_a_traditional_chinese_text_and_back() {
    let en: BTreeSet<_> = catalog(Lang::EnUs).iter().map(|(key, _)| *key).collect();
    let zh: BTreeSet<_> = catalog(Lang::ZhTw).iter().map(|(key, _)| *key).collect();
    assert_eq!(en.difference(&zh).collect::<Vec<_>>(), Vec::<&&str>::new());
    assert_eq!(zh.difference(&en).collect::<Vec<_>>(), Vec::<&&str>::new());
    assert!(en.len() > 100, "the catalogue has {} keys", en.len());
}

#[wasm_bindgen_test]
fn both_languages_fill_the_same_placeholders() {
    for (key, en_text) in catalog(Lang::EnUs) {
        let zh_text = translate(Lang::ZhTw, key);
        assert_eq!(
            placeholders(en_text),
            placeholders(zh_text),
            "placeholders of {key}"
        );
    }
}

#[wasm_bindgen_test]
fn no_text_is_empty() {
    for lang in Lang::ALL {
        for (key, text) in catalog(lang) {
            assert!(!text.trim().is_empty(), "{key} is empty in {}", lang.tag());
        }
    }
}

#[wasm_bindgen_test]
fn english_says_one_user_but_chinese_has_a_single_form() {
    assert_eq!(
        plural_key(Lang::EnUs, "users.selected", 1),
        "users.selected.one"
    );
    assert_eq!(
        plural_key(Lang::EnUs, "users.selected", 2),
        "users.selected.other"
    );
    assert_eq!(
        plural_key(Lang::ZhTw, "users.selected", 1),
        "users.selected.other"
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

#[wasm_bindgen_test]
fn every_text_is_found_by_its_key_and_a_missing_key_shows_itself() {
    for lang in Lang::ALL {
        for (key, text) in catalog(lang) {
            assert_eq!(translate(lang, key), *text, "{key} in {}", lang.tag());
        }
        assert_eq!(translate(lang, "no.such.key"), "no.such.key");
        assert_eq!(translate(lang, ""), "");
    }
    assert_eq!(translate(Lang::ZhTw, "lang.native_name"), "中文 (台灣)");
}
