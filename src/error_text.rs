//! Every error in the reader's language, worded from its typed fields: a license error from its
//! `detail`, any other from its code, HTTP status or network failure. The server's `description`
//! is English only and is never shown.

use licensing::catalogue::Catalogue;
use licensing::contract::LicenseError;

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

/// The sentence for one license error.
pub fn describe(i18n: &I18n, error: &LicenseError, skus: &Catalogue) -> String {
    let name = |id: &str| skus.name(id).to_owned();
    let names = |ids: &[String]| i18n.list(ids.iter().map(|id| name(id)));
    match error {
        LicenseError::NotEnoughSeats {
            sku_id,
            requested,
            available,
            short_by,
        } => i18n.t_with(
            key!("rules.not_enough_seats"),
            &[
                ("product", name(sku_id)),
                ("requested", i18n.num(*requested)),
                ("available", i18n.num(*available)),
                ("short", i18n.num(*short_by)),
            ],
        ),
        LicenseError::MissingPrerequisite { sku_id, requires } => i18n.t_with(
            key!("rules.missing_prerequisite"),
            &[("product", name(sku_id)), ("requires", names(requires))],
        ),
        LicenseError::PrerequisiteInUse { sku_id, needed_by } => i18n.t_with(
            key!("rules.prerequisite_in_use"),
            &[("product", name(sku_id)), ("needed_by", names(needed_by))],
        ),
        LicenseError::MutuallyExclusive {
            sku_id,
            conflicts_with,
        } => i18n.t_with(
            key!("rules.mutually_exclusive"),
            &[("product", name(sku_id)), ("other", name(conflicts_with))],
        ),
        LicenseError::ProhibitedInLocation {
            sku_id,
            usage_location,
        } => i18n.t_with(
            key!("rules.prohibited_in_location"),
            &[
                ("product", name(sku_id)),
                ("location", usage_location.clone()),
            ],
        ),
        LicenseError::MissingUsageLocation { sku_id } => i18n.t_with(
            key!("rules.missing_usage_location"),
            &[("product", name(sku_id))],
        ),
        LicenseError::SubscriptionSuspended { sku_id } => i18n.t_with(
            key!("rules.subscription_suspended"),
            &[("product", name(sku_id))],
        ),
        LicenseError::UnknownServicePlan { sku_id, plan_id } => i18n.t_with(
            key!("rules.unknown_service_plan"),
            &[("product", name(sku_id)), ("plan", plan_id.clone())],
        ),
        LicenseError::UnknownSku { sku_id } => {
            i18n.t_with(key!("rules.unknown_sku"), &[("product", sku_id.clone())])
        }
        LicenseError::DuplicateSku { sku_id } => {
            i18n.t_with(key!("rules.duplicate_sku"), &[("product", name(sku_id))])
        }
        LicenseError::InvalidUsageLocation { usage_location } => i18n.t_with(
            key!("rules.invalid_usage_location"),
            &[("location", usage_location.clone())],
        ),
        LicenseError::QuantityBelowConsumed {
            sku_id,
            requested,
            consumed,
        } => i18n.t_with(
            key!("rules.quantity_below_consumed"),
            &[
                ("product", name(sku_id)),
                ("requested", i18n.num(*requested)),
                ("consumed", i18n.num(*consumed)),
            ],
        ),
    }
}
