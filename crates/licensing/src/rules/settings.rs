use crate::catalogue::Catalogue;
use crate::contract::{CapabilityStatus, CustomerUser, LicenseError, SubscribedSku};
use crate::locations::normalize_usage_location;

/// Checks a new usage location for a user: it must be a country code, and no product the user
/// holds may be prohibited there. Returns the canonical code (`"tw"` -> `"TW"`).
pub fn check_usage_location_change(
    user: &CustomerUser,
    usage_location: &str,
    skus: &Catalogue,
) -> Result<&'static str, Vec<LicenseError>> {
    let Some(code) = normalize_usage_location(usage_location) else {
        return Err(vec![LicenseError::InvalidUsageLocation {
            usage_location: usage_location.to_owned(),
        }]);
    };
    let errors: Vec<LicenseError> = user
        .assigned_licenses
        .iter()
        .filter_map(|held| skus.get(&held.sku_id))
        .filter(|sku| {
            sku.license_rules
                .prohibited_locations
                .iter()
                .any(|p| p.eq_ignore_ascii_case(code))
        })
        .map(|sku| LicenseError::ProhibitedInLocation {
            sku_id: sku.sku_id().to_owned(),
            usage_location: code.to_owned(),
        })
        .collect();
    if errors.is_empty() {
        Ok(code)
    } else {
        Err(errors)
    }
}

/// Checks a new seat count for a product's subscription: a suspended one can't change, and
/// it can't drop below the seats users hold.
pub fn check_quantity_change(sku: &SubscribedSku, quantity: u32) -> Result<(), LicenseError> {
    check_seats_can_change(sku)?;
    if quantity < sku.consumed_units {
        return Err(LicenseError::QuantityBelowConsumed {
            sku_id: sku.sku_id().to_owned(),
            requested: quantity,
            consumed: sku.consumed_units,
        });
    }
    Ok(())
}

/// Whether a product's seat count can change at all (Buy more is offered only then): not while
/// its subscription is suspended.
pub fn check_seats_can_change(sku: &SubscribedSku) -> Result<(), LicenseError> {
    if sku.capability_status == CapabilityStatus::Suspended {
        return Err(LicenseError::SubscriptionSuspended {
            sku_id: sku.sku_id().to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn a_usage_location_is_stored_as_its_upper_case_country_code() {
        let user = user_without_location(&[]);
        assert_eq!(
            check_usage_location_change(&user, "tw", &catalogue()),
            Ok("TW")
        );
    }

    #[test]
    fn a_usage_location_that_is_not_a_country_code_is_refused() {
        let user = user_without_location(&[]);
        assert_eq!(
            check_usage_location_change(&user, "Taiwan", &catalogue()),
            Err(vec![LicenseError::InvalidUsageLocation {
                usage_location: "Taiwan".to_owned()
            }])
        );
    }

    #[test]
    fn moving_a_user_to_where_a_held_product_is_prohibited_is_refused() {
        let user = user_in("US", &[PHONE, E3]);
        assert_eq!(
            check_usage_location_change(&user, "CN", &catalogue()),
            Err(vec![LicenseError::ProhibitedInLocation {
                sku_id: PHONE.to_owned(),
                usage_location: "CN".to_owned()
            }])
        );
    }

    #[test]
    fn buying_more_licenses_raises_the_seat_count() {
        let skus = catalogue();
        assert_eq!(
            check_quantity_change(skus.get(POWER_BI).unwrap(), 7),
            Ok(())
        );
    }

    #[test]
    fn the_seat_count_can_drop_to_exactly_the_seats_in_use() {
        let skus = catalogue();
        assert_eq!(check_quantity_change(skus.get(E3).unwrap(), 4), Ok(()));
    }

    #[test]
    fn the_seat_count_can_not_drop_below_the_seats_in_use() {
        let skus = catalogue();
        assert_eq!(
            check_quantity_change(skus.get(E3).unwrap(), 3),
            Err(LicenseError::QuantityBelowConsumed {
                sku_id: E3.to_owned(),
                requested: 3,
                consumed: 4
            })
        );
    }

    #[test]
    fn a_suspended_subscription_can_not_buy_more() {
        let skus = catalogue();
        assert_eq!(
            check_quantity_change(skus.get(VISIO).unwrap(), 20),
            Err(LicenseError::SubscriptionSuspended {
                sku_id: VISIO.to_owned()
            })
        );
        // Buy more is offered on the same rule: not for the suspended product, for the others.
        assert!(check_seats_can_change(skus.get(VISIO).unwrap()).is_err());
        assert_eq!(check_seats_can_change(skus.get(E3).unwrap()), Ok(()));
    }
}
