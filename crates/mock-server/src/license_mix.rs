//! Realistic, overlapping license holdings for generated users: each `mix` entry gives its
//! product to about `perMille` of the users it may go to, drawn by a fixed-seed generator.
//! A product only goes where its own rules would let it (prerequisite held, nothing mutually
//! exclusive held, usage location allowed), so the seed never holds a combination the API
//! would refuse to make.

use licensing::contract::{AssignedLicense, CustomerUser, LicenseRules};
use serde::{Deserialize, Serialize};

use crate::fixture::{GenerateUsers, Product, SplitMix64};

/// One product drawn for generated users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LicenseMix {
    pub sku_id: String,
    /// Out of 1,000 users it may go to, about how many get it.
    pub per_mille: u64,
    /// Only users who hold none of these (e.g. no suite that already has a mailbox).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless_holding: Vec<String>,
}

/// Gives the `mix` products to `users` (in generation order), after `assign`. Its draws come
/// from their own stream, so the users' names and ids are those the seed always gave.
pub fn mix_licenses(users: &mut [CustomerUser], spec: &GenerateUsers, products: &[Product]) {
    if spec.mix.is_empty() {
        return;
    }
    let rules = |sku_id: &str| {
        products
            .iter()
            .find(|p| p.product_sku.id == sku_id)
            .map(|p| &p.license_rules)
    };
    let mut random = SplitMix64(spec.seed ^ 0x6c69_6365_6e73_6573);
    for user in users {
        for mix in &spec.mix {
            let drawn = random.next() % 1000 < mix.per_mille;
            let Some(own) = rules(&mix.sku_id) else {
                continue;
            };
            if drawn && may_hold(user, &mix.sku_id, own, &mix.unless_holding, &rules) {
                user.assigned_licenses.push(AssignedLicense {
                    sku_id: mix.sku_id.clone(),
                    excluded_plans: Vec::new(),
                });
            }
        }
    }
}

fn may_hold<'a>(
    user: &CustomerUser,
    sku_id: &str,
    own: &LicenseRules,
    unless_holding: &[String],
    rules: &impl Fn(&str) -> Option<&'a LicenseRules>,
) -> bool {
    let holds_any = |ids: &[String]| ids.iter().any(|id| user.holds(id));
    let location_allowed = user.usage_location.as_deref().is_some_and(|location| {
        !own.prohibited_locations
            .iter()
            .any(|p| p.eq_ignore_ascii_case(location))
    });
    let exclusive_with_held = user.assigned_licenses.iter().any(|held| {
        own.mutually_exclusive_with.contains(&held.sku_id)
            || rules(&held.sku_id)
                .is_some_and(|r| r.mutually_exclusive_with.iter().any(|id| id == sku_id))
    });
    !user.holds(sku_id)
        && location_allowed
        && !exclusive_with_held
        && !holds_any(unless_holding)
        && (own.requires.is_empty() || holds_any(&own.requires))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::Fixture;
    use crate::store::Store;
    use licensing::catalogue::Catalogue;
    use licensing::rules::plan_user_update;

    fn fabrikam() -> (Vec<CustomerUser>, Catalogue) {
        let store = Store::from_fixture(Fixture::seed()).unwrap();
        let tenant = store
            .tenant("5dade068-9716-5651-8c01-1a49aec3c866")
            .unwrap();
        (tenant.users().to_vec(), tenant.catalogue().clone())
    }

    #[test]
    fn every_generated_holding_is_one_the_rules_would_let_the_user_get() {
        let (users, skus) = fabrikam();
        for user in &users {
            // Taking every license away and giving it back must pass every rule but seats.
            let mut bare = user.clone();
            bare.assigned_licenses.clear();
            let back: Vec<_> = user
                .assigned_licenses
                .iter()
                .map(|l| licensing::contract::LicenseAssignment {
                    sku_id: l.sku_id.clone(),
                    excluded_plans: l.excluded_plans.clone(),
                })
                .collect();
            let suspended = |id: &str| {
                skus.get(id).is_some_and(|s| {
                    s.capability_status == licensing::contract::CapabilityStatus::Suspended
                })
            };
            let result = plan_user_update(&bare, &back, &[], &skus);
            if let Err(errors) = result {
                assert!(
                    errors.iter().all(|e| matches!(
                        e,
                        licensing::contract::LicenseError::SubscriptionSuspended { sku_id }
                            if suspended(sku_id)
                    )),
                    "{}: {errors:?}",
                    user.display_name
                );
            }
        }
    }

    #[test]
    fn holdings_overlap_and_vary_and_no_product_has_more_holders_than_seats() {
        let (users, skus) = fabrikam();
        assert!(skus.len() >= 20, "{} products", skus.len());
        for sku in skus.iter() {
            assert!(
                sku.consumed_units > 0,
                "{} has holders",
                sku.product_sku.name
            );
            assert!(
                sku.consumed_units <= sku.total_units + sku.suspended_units,
                "{}: {} held of {}",
                sku.product_sku.name,
                sku.consumed_units,
                sku.total_units
            );
        }
        let mut combinations: Vec<Vec<&str>> = users
            .iter()
            .map(|u| {
                let mut ids: Vec<&str> = u
                    .assigned_licenses
                    .iter()
                    .map(|l| l.sku_id.as_str())
                    .collect();
                ids.sort_unstable();
                ids
            })
            .collect();
        combinations.sort();
        combinations.dedup();
        assert!(
            combinations.len() > 100,
            "{} combinations",
            combinations.len()
        );
        assert!(users.iter().any(|u| u.assigned_licenses.is_empty()));
        assert!(users.iter().any(|u| u.assigned_licenses.len() >= 5));
    }
}
