//! The English `description` of a license error, worded by the app's own en-US catalogue
//! (`locales/en-US/errors.json`, the `rules.*` keys): each sentence lives once, where the
//! translators keep it, and the server fills it with the product names and numbers.

use std::collections::HashMap;
use std::sync::LazyLock;

use licensing::catalogue::Catalogue;
use licensing::contract::{ApiError, LicenseError, SentenceValue};

/// The en-US catalogue the app is built with.
const EN_US_ERRORS: &str = include_str!("../../../locales/en-US/errors.json");

/// The catalogue's `rules.*` sentences, parsed once.
static RULES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    // Checked by the tests: the file is compiled in, so it can't change after them.
    let all: HashMap<String, String> =
        serde_json::from_str(EN_US_ERRORS).expect("locales/en-US/errors.json is a flat object");
    all.into_iter()
        .filter(|(key, _)| key.starts_with("rules."))
        .collect()
});

/// The sentence for `error`, naming products from `skus` (their id when unknown).
pub fn describe(error: &LicenseError, skus: &Catalogue) -> String {
    let (key, values) = error.sentence();
    let values: Vec<(&str, String)> = values
        .into_iter()
        .map(|(name, value)| {
            let text = match value {
                SentenceValue::Product(id) => skus.name(id).to_owned(),
                SentenceValue::Products(ids) => ids
                    .iter()
                    .map(|id| skus.name(id))
                    .collect::<Vec<_>>()
                    .join(", "),
                SentenceValue::Count(count) => count.to_string(),
                SentenceValue::Text(text) => text.to_owned(),
            };
            (name, text)
        })
        .collect();
    fill(RULES.get(key).map_or(key, String::as_str), &values)
}

/// `template` with every `{name}` of `values` replaced.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The error for a change the license rules refused: the first reason gives `code`,
/// `description`, `kind` and `detail` (what Partner Center's one-user call answers), and `data`
/// lists every reason's sentence.
pub fn refusal(errors: &[LicenseError], skus: &Catalogue) -> ApiError {
    let data: Vec<String> = errors.iter().map(|e| describe(e, skus)).collect();
    match errors.first() {
        Some(first) => ApiError {
            code: first.code(),
            description: data[0].clone(),
            data,
            source: ApiError::SOURCE.to_owned(),
            kind: Some(first.kind()),
            detail: Some(first.clone()),
        },
        None => ApiError::new(0, "The change was refused."),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::openapi::document;
    use serde_json::{json, Value};

    /// One error of every type the OpenAPI document lists, each with every field set.
    fn one_of_each() -> Vec<LicenseError> {
        let document = serde_json::to_value(document()).unwrap();
        let variants = document["components"]["schemas"]["LicenseError"]["oneOf"]
            .as_array()
            .unwrap()
            .clone();
        variants
            .iter()
            .map(|variant| {
                let kind = variant["properties"]["type"]["enum"][0].clone();
                serde_json::from_value(json!({
                    "type": kind, "skuId": "sku-1", "requested": 7, "available": 2,
                    "shortBy": 5, "requires": ["a", "b"], "neededBy": ["c"],
                    "conflictsWith": "d", "usageLocation": "CN", "planId": "p", "consumed": 3,
                    "held": ["e"]
                }))
                .unwrap_or_else(|e| panic!("{variant}: {e}"))
            })
            .collect()
    }

    #[test]
    fn every_license_error_is_worded_by_the_catalogue_with_nothing_left_unfilled() {
        let all = one_of_each();
        assert_eq!(all.len(), 13, "one of each license error");
        for error in &all {
            let (key, _) = error.sentence();
            assert!(RULES.contains_key(key), "no {key} in the en-US catalogue");
            let text = describe(error, &Catalogue::default());
            assert!(!text.contains(['{', '}']), "{error:?}: {text}");
        }
    }

    #[test]
    fn every_rules_sentence_of_the_catalogue_words_an_error() {
        let all = one_of_each();
        let used: BTreeSet<&str> = all.iter().map(|e| e.sentence().0).collect();
        let catalogue: BTreeSet<&str> = RULES.keys().map(String::as_str).collect();
        assert_eq!(used, catalogue);
    }

    #[test]
    fn products_are_named_and_numbers_filled_in() {
        let text = describe(
            &LicenseError::NotEnoughSeats {
                sku_id: "e3".to_owned(),
                requested: 7,
                available: 2,
                short_by: 5,
            },
            &Catalogue::default(),
        );
        // The catalogue's wording may change; the values must be in it.
        for value in ["e3 ", "7 ", "2 ", "5 "] {
            assert!(text.contains(value), "{value:?} in {text}");
        }
    }

    #[test]
    fn a_refusal_leads_with_the_first_reason_and_lists_them_all() {
        let errors = [
            LicenseError::MissingUsageLocation {
                sku_id: "e3".to_owned(),
            },
            LicenseError::SubscriptionSuspended {
                sku_id: "e3".to_owned(),
            },
        ];
        let error = refusal(&errors, &Catalogue::default());
        assert_eq!(error.code, 60035);
        assert_eq!(error.detail.as_ref(), Some(&errors[0]));
        assert_eq!(error.description, error.data[0]);
        assert_eq!(
            error.data[1],
            "The subscription for e3 is suspended, so it can't be assigned. Reactivate the \
             subscription first."
        );
        let value: Value = serde_json::to_value(&error).unwrap();
        assert_eq!(value["kind"], "Other");
    }
}
