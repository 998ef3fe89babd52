//! License errors in the reader's language, from the typed fields (the server's description is
//! English only). Each sentence says what went wrong and the next step.

use licensing::catalogue::Catalogue;
use licensing::contract::LicenseError;

use crate::i18n::I18n;

/// The sentence for one error.
pub fn describe(i18n: &I18n, error: &LicenseError, skus: &Catalogue) -> String {
    let name = |id: &str| skus.name(id).to_owned();
    let names = |ids: &[String]| ids.iter().map(|id| name(id)).collect::<Vec<_>>().join(", ");
    match error {
        LicenseError::NotEnoughSeats {
            sku_id,
            requested,
            available,
            short_by,
        } => i18n.t_with(
            "rules.not_enough_seats",
            &[
                ("product", name(sku_id)),
                ("requested", i18n.num(*requested)),
                ("available", i18n.num(*available)),
                ("short", i18n.num(*short_by)),
            ],
        ),
        LicenseError::MissingPrerequisite { sku_id, requires } => i18n.t_with(
            "rules.missing_prerequisite",
            &[("product", name(sku_id)), ("requires", names(requires))],
        ),
        LicenseError::PrerequisiteInUse { sku_id, needed_by } => i18n.t_with(
            "rules.prerequisite_in_use",
            &[("product", name(sku_id)), ("needed_by", names(needed_by))],
        ),
        LicenseError::MutuallyExclusive {
            sku_id,
            conflicts_with,
        } => i18n.t_with(
            "rules.mutually_exclusive",
            &[("product", name(sku_id)), ("other", name(conflicts_with))],
        ),
        LicenseError::ProhibitedInLocation {
            sku_id,
            usage_location,
        } => i18n.t_with(
            "rules.prohibited_in_location",
            &[
                ("product", name(sku_id)),
                ("location", usage_location.clone()),
            ],
        ),
        LicenseError::MissingUsageLocation { sku_id } => {
            i18n.t_with("rules.missing_usage_location", &[("product", name(sku_id))])
        }
        LicenseError::SubscriptionSuspended { sku_id } => {
            i18n.t_with("rules.subscription_suspended", &[("product", name(sku_id))])
        }
        LicenseError::UnknownServicePlan { sku_id, plan_id } => i18n.t_with(
            "rules.unknown_service_plan",
            &[("product", name(sku_id)), ("plan", plan_id.clone())],
        ),
        LicenseError::UnknownSku { sku_id } => {
            i18n.t_with("rules.unknown_sku", &[("product", sku_id.clone())])
        }
        LicenseError::DuplicateSku { sku_id } => {
            i18n.t_with("rules.duplicate_sku", &[("product", name(sku_id))])
        }
        LicenseError::InvalidUsageLocation { usage_location } => i18n.t_with(
            "rules.invalid_usage_location",
            &[("location", usage_location.clone())],
        ),
        LicenseError::QuantityBelowConsumed {
            sku_id,
            requested,
            consumed,
        } => i18n.t_with(
            "rules.quantity_below_consumed",
            &[
                ("product", name(sku_id)),
                ("requested", i18n.num(*requested)),
                ("consumed", i18n.num(*consumed)),
            ],
        ),
    }
}
