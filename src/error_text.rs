//! Every error in the reader's language, worded from its typed fields: a license error from its
//! `detail`, any other from its code, HTTP status or network failure. The server's `description`
//! is English only and is never shown.

use licensing::catalogue::Catalogue;
use licensing::contract::{LicenseError, SentenceValue};

use crate::api::ApiError;
use crate::i18n::{I18n, Key};

/// What went wrong with a request and the next step, naming products from `skus`.
pub fn api_error(i18n: &I18n, error: &ApiError, skus: &Catalogue) -> String {
    match error {
        ApiError::Network(_) => i18n.t(key!("errors.network")),
        ApiError::Decode(_) => i18n.t(key!("errors.unexpected")),
        ApiError::Status(status) => status_text(i18n, *status),
        ApiError::Server { status, body } => match (&body.detail, code_key(body.code)) {
            (Some(detail), _) => describe(i18n, detail, skus),
            (None, Some(key)) => i18n.t_with(key, &[("code", body.code.to_string())]),
            (None, None) if *status >= 500 || *status == 409 => status_text(i18n, *status),
            (None, None) => i18n.t_with(
                key!("errors.unknown"),
                &[
                    ("code", body.code.to_string()),
                    ("status", status.to_string()),
                ],
            ),
        },
    }
}

/// Why one user of a save was refused when the server gave no typed reason, from its code.
pub fn refused_user(i18n: &I18n, code: i32) -> String {
    match code_key(code) {
        Some(key) => i18n.t_with(key, &[("code", code.to_string())]),
        None => i18n.t_with(key!("updated.failed_code"), &[("code", code.to_string())]),
    }
}

/// The sentence of a code the server documents (crates/mock-server/src/error.rs).
fn code_key(code: i32) -> Option<Key> {
    Some(match code {
        1401 => key!("errors.unauthorized"),
        2032 => key!("errors.forbidden"),
        60002 => key!("errors.user_not_found"),
        60003 => key!("errors.customer_not_found"),
        60004 => key!("errors.subscription_not_found"),
        60005 => key!("errors.product_not_found"),
        1001 | 1002 | 1003 | 1404 | 1405 | 1413 | 1415 => key!("errors.invalid_request"),
        1422 => key!("errors.idempotency_reused"),
        1500 => key!("errors.not_stored"),
        _ => return None,
    })
}

/// An error status without the API's error body (a gateway's or proxy's page).
fn status_text(i18n: &I18n, status: u16) -> String {
    let key = match status {
        401 => key!("errors.unauthorized"),
        403 => key!("errors.forbidden"),
        404 => key!("errors.not_found"),
        409 => key!("errors.conflict"),
        500.. => key!("errors.server"),
        _ => key!("errors.status"),
    };
    i18n.t_with(key, &[("status", status.to_string())])
}

/// The sentence for one license error. Its key and placeholders come from the licensing crate,
/// as the server's English ones do; only the wording is the catalogue's.
pub fn describe(i18n: &I18n, error: &LicenseError, skus: &Catalogue) -> String {
    let (name, values) = error.sentence();
    let args: Vec<(&str, String)> = values
        .into_iter()
        .map(|(placeholder, value)| {
            let text = match value {
                SentenceValue::Product(id) => skus.name(id).to_owned(),
                SentenceValue::Products(ids) => {
                    i18n.list(ids.iter().map(|id| skus.name(id).to_owned()))
                }
                SentenceValue::Count(n) => i18n.num(n),
                SentenceValue::Text(text) => text.to_owned(),
            };
            (placeholder, text)
        })
        .collect();
    i18n.t_with(rule_key(name), &args)
}

/// The catalogue key `LicenseError::sentence` names (the keys are checked when the app compiles,
/// so they are matched here rather than looked up by name).
fn rule_key(name: &str) -> Key {
    match name {
        "rules.not_enough_seats" => key!("rules.not_enough_seats"),
        "rules.missing_prerequisite" => key!("rules.missing_prerequisite"),
        "rules.prerequisite_in_use" => key!("rules.prerequisite_in_use"),
        "rules.mutually_exclusive" => key!("rules.mutually_exclusive"),
        "rules.prohibited_in_location" => key!("rules.prohibited_in_location"),
        "rules.missing_usage_location" => key!("rules.missing_usage_location"),
        "rules.subscription_suspended" => key!("rules.subscription_suspended"),
        "rules.unknown_service_plan" => key!("rules.unknown_service_plan"),
        "rules.unknown_sku" => key!("rules.unknown_sku"),
        "rules.duplicate_sku" => key!("rules.duplicate_sku"),
        "rules.invalid_usage_location" => key!("rules.invalid_usage_location"),
        "rules.quantity_below_consumed" => key!("rules.quantity_below_consumed"),
        "rules.licenses_changed" => key!("rules.licenses_changed"),
        _ => key!("errors.unexpected"),
    }
}
