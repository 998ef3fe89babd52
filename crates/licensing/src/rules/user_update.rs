use crate::catalogue::Catalogue;
use crate::contract::{
    AssignedLicense, CapabilityStatus, CustomerUser, LicenseAssignment, LicenseError,
    LicenseUpdate, LicenseWarning,
};

/// Warning code: a product to remove was not assigned, so nothing changed for it.
pub const WARNING_NOT_ASSIGNED: &str = "LicenseNotAssigned";
/// Warning code: every service plan of an assigned product is excluded; the user gets a seat
/// but no service.
pub const WARNING_ALL_PLANS_EXCLUDED: &str = "AllServicePlansExcluded";

/// One user's update once every rule but seats has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPlan {
    pub user_id: String,
    /// Every license the user holds after the update, held ones first in their order.
    pub licenses: Vec<AssignedLicense>,
    /// Products the update takes a new seat of (re-assigning a held one takes none).
    pub new_seats: Vec<String>,
    /// Products whose seat the update gives back.
    pub freed_seats: Vec<String>,
    /// What is applied, as the `201 Created` answer echoes it: excluded plans without repeats,
    /// and the warnings.
    pub update: LicenseUpdate,
}

/// Checks one user's update against the customer's products and works out the user's new
/// licenses, or every reason it is refused (all-or-nothing: a refused update changes nothing).
///
/// Seats are not checked here: they depend on the other users of the same save, see
/// [`super::plan_batch`]. Checked here, in this order:
/// - the update itself: a product listed twice or both assigned and removed, unknown products,
///   unknown service plans (if any of these fail, nothing else is checked);
/// - each NEW product: the user has a usage location and the product is not prohibited there,
///   its subscription is not suspended, the user ends up with one of its prerequisites, and it
///   is not mutually exclusive with another product the user ends up with;
/// - each removed product: no product the user keeps loses its last prerequisite.
///
/// Re-assigning a held product only replaces its excluded plans: no seat, no new-product checks.
/// Removing a product the user doesn't hold is a warning, not an error.
pub fn plan_user_update(
    user: &CustomerUser,
    to_assign: &[LicenseAssignment],
    to_remove: &[String],
    skus: &Catalogue,
) -> Result<UserPlan, Vec<LicenseError>> {
    let errors = check_update_shape(to_assign, to_remove, skus);
    if !errors.is_empty() {
        return Err(errors);
    }

    let mut warnings = Vec::new();
    let mut licenses: Vec<AssignedLicense> = user
        .assigned_licenses
        .iter()
        .filter(|held| !to_remove.contains(&held.sku_id))
        .cloned()
        .collect();
    let mut freed_seats = Vec::new();
    for sku_id in to_remove {
        if user.holds(sku_id) {
            freed_seats.push(sku_id.clone());
        } else {
            warnings.push(LicenseWarning {
                code: WARNING_NOT_ASSIGNED.to_owned(),
                message: format!(
                    "{} was not assigned to {}, so there was nothing to remove.",
                    skus.name(sku_id),
                    user.display_name
                ),
                service_plans: Vec::new(),
            });
        }
    }

    let mut assigned = Vec::with_capacity(to_assign.len());
    let mut new_seats = Vec::new();
    for assignment in to_assign {
        let mut excluded_plans: Vec<String> = Vec::new();
        for plan in &assignment.excluded_plans {
            if !excluded_plans.contains(plan) {
                excluded_plans.push(plan.clone());
            }
        }
        if let Some(sku) = skus.get(&assignment.sku_id) {
            if !sku.service_plans.is_empty() && excluded_plans.len() == sku.service_plans.len() {
                warnings.push(LicenseWarning {
                    code: WARNING_ALL_PLANS_EXCLUDED.to_owned(),
                    message: format!(
                        "Every service plan of {} is excluded: {} gets the license but no \
                         service.",
                        sku.product_sku.name, user.display_name
                    ),
                    service_plans: excluded_plans.clone(),
                });
            }
        }
        match licenses
            .iter_mut()
            .find(|held| held.sku_id == assignment.sku_id)
        {
            Some(held) => held.excluded_plans.clone_from(&excluded_plans),
            None => {
                licenses.push(AssignedLicense {
                    sku_id: assignment.sku_id.clone(),
                    excluded_plans: excluded_plans.clone(),
                });
                new_seats.push(assignment.sku_id.clone());
            }
        }
        assigned.push(LicenseAssignment {
            sku_id: assignment.sku_id.clone(),
            excluded_plans,
        });
    }

    let errors = check_outcome(user, &licenses, &new_seats, to_remove, skus);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(UserPlan {
        user_id: user.id.clone(),
        licenses,
        new_seats,
        freed_seats,
        update: LicenseUpdate {
            licenses_to_assign: assigned,
            licenses_to_remove: to_remove.to_vec(),
            license_warnings: warnings,
        },
    })
}

/// Problems with the update as written, before looking at the user.
fn check_update_shape(
    to_assign: &[LicenseAssignment],
    to_remove: &[String],
    skus: &Catalogue,
) -> Vec<LicenseError> {
    let mut errors = Vec::new();
    let mut listed: Vec<&str> = Vec::new();
    let mut repeated: Vec<&str> = Vec::new();
    let all_ids = to_assign
        .iter()
        .map(|a| a.sku_id.as_str())
        .chain(to_remove.iter().map(String::as_str));
    for sku_id in all_ids {
        if !listed.contains(&sku_id) {
            listed.push(sku_id);
        } else if !repeated.contains(&sku_id) {
            repeated.push(sku_id);
            errors.push(LicenseError::DuplicateSku {
                sku_id: sku_id.to_owned(),
            });
        }
    }
    for sku_id in &listed {
        if skus.get(sku_id).is_none() {
            errors.push(LicenseError::UnknownSku {
                sku_id: (*sku_id).to_owned(),
            });
        }
    }
    for assignment in to_assign {
        if let Some(sku) = skus.get(&assignment.sku_id) {
            for plan_id in &assignment.excluded_plans {
                if !sku.has_plan(plan_id) {
                    errors.push(LicenseError::UnknownServicePlan {
                        sku_id: assignment.sku_id.clone(),
                        plan_id: plan_id.clone(),
                    });
                }
            }
        }
    }
    errors
}

/// Problems with the licenses the user would end up with.
fn check_outcome(
    user: &CustomerUser,
    licenses: &[AssignedLicense],
    new_seats: &[String],
    to_remove: &[String],
    skus: &Catalogue,
) -> Vec<LicenseError> {
    let ends_with = |sku_id: &str| licenses.iter().any(|l| l.sku_id == sku_id);
    let mut errors = Vec::new();

    for (position, sku_id) in new_seats.iter().enumerate() {
        let Some(sku) = skus.get(sku_id) else {
            continue;
        };
        let rules = &sku.license_rules;
        match user.usage_location.as_deref() {
            None => errors.push(LicenseError::MissingUsageLocation {
                sku_id: sku_id.clone(),
            }),
            Some(location)
                if rules
                    .prohibited_locations
                    .iter()
                    .any(|p| p.eq_ignore_ascii_case(location)) =>
            {
                errors.push(LicenseError::ProhibitedInLocation {
                    sku_id: sku_id.clone(),
                    usage_location: location.to_owned(),
                });
            }
            Some(_) => {}
        }
        if sku.capability_status == CapabilityStatus::Suspended {
            errors.push(LicenseError::SubscriptionSuspended {
                sku_id: sku_id.clone(),
            });
        }
        if !rules.requires.is_empty() && !rules.requires.iter().any(|r| ends_with(r)) {
            errors.push(LicenseError::MissingPrerequisite {
                sku_id: sku_id.clone(),
                requires: rules.requires.clone(),
            });
        }
        // A pair of two new products is reported once, on the later one.
        let earlier_new = &new_seats[..position];
        for other in licenses {
            let conflicts = other.sku_id != *sku_id
                && (!new_seats.contains(&other.sku_id) || earlier_new.contains(&other.sku_id))
                && mutually_exclusive(skus, sku_id, &other.sku_id);
            if conflicts {
                errors.push(LicenseError::MutuallyExclusive {
                    sku_id: sku_id.clone(),
                    conflicts_with: other.sku_id.clone(),
                });
            }
        }
    }

    for removed in to_remove.iter().filter(|r| user.holds(r)) {
        let needed_by: Vec<String> = licenses
            .iter()
            .filter_map(|kept| skus.get(&kept.sku_id))
            .filter(|kept| {
                let requires = &kept.license_rules.requires;
                requires.contains(removed) && !requires.iter().any(|r| ends_with(r))
            })
            .map(|kept| kept.sku_id().to_owned())
            .collect();
        if !needed_by.is_empty() {
            errors.push(LicenseError::PrerequisiteInUse {
                sku_id: removed.clone(),
                needed_by,
            });
        }
    }
    errors
}

/// Exclusivity holds if either product lists the other.
fn mutually_exclusive(skus: &Catalogue, a: &str, b: &str) -> bool {
    let lists = |x: &str, y: &str| {
        skus.get(x).is_some_and(|sku| {
            sku.license_rules
                .mutually_exclusive_with
                .iter()
                .any(|id| id == y)
        })
    };
    lists(a, b) || lists(b, a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    #[test]
    fn assigning_a_product_gives_the_user_the_license_and_takes_one_seat() {
        let user = user_in("US", &[]);
        let plan = plan_user_update(&user, &[assign(E3)], &[], &catalogue()).unwrap();
        assert_eq!(sku_ids(&plan.licenses), [E3]);
        assert_eq!(plan.new_seats, [E3]);
        assert!(plan.freed_seats.is_empty());
        assert!(plan.update.license_warnings.is_empty());
    }

    #[test]
    fn revoking_a_product_removes_the_license_and_frees_its_seat() {
        let user = user_in("US", &[E3, EMS]);
        let plan = plan_user_update(&user, &[], &[E3.to_owned()], &catalogue()).unwrap();
        assert_eq!(sku_ids(&plan.licenses), [EMS]);
        assert_eq!(plan.freed_seats, [E3]);
    }

    #[test]
    fn reassigning_a_held_product_only_updates_its_excluded_plans_and_takes_no_seat() {
        let user = user_in("US", &[E3]);
        let plan = plan_user_update(
            &user,
            &[assign_without(E3, &[PLAN_TEAMS])],
            &[],
            &catalogue(),
        )
        .unwrap();
        assert!(plan.new_seats.is_empty());
        assert_eq!(plan.licenses[0].excluded_plans, [PLAN_TEAMS]);
    }

    #[test]
    fn excluded_plans_listed_twice_are_kept_once() {
        let user = user_in("US", &[]);
        let plan = plan_user_update(
            &user,
            &[assign_without(E3, &[PLAN_TEAMS, PLAN_TEAMS])],
            &[],
            &catalogue(),
        )
        .unwrap();
        assert_eq!(plan.licenses[0].excluded_plans, [PLAN_TEAMS]);
        assert_eq!(
            plan.update.licenses_to_assign[0].excluded_plans,
            [PLAN_TEAMS]
        );
    }

    #[test]
    fn assigning_an_add_on_without_its_base_product_is_refused_with_the_missing_prerequisite() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(&user, &[assign(COMPLIANCE)], &[], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::MissingPrerequisite {
                sku_id: COMPLIANCE.to_owned(),
                requires: vec![E3.to_owned(), M365_E3.to_owned()],
            }]
        );
    }

    #[test]
    fn assigning_an_add_on_with_its_base_product_in_the_same_update_succeeds() {
        let user = user_in("US", &[]);
        let plan =
            plan_user_update(&user, &[assign(COMPLIANCE), assign(E3)], &[], &catalogue()).unwrap();
        assert_eq!(plan.new_seats, [COMPLIANCE, E3]);
    }

    #[test]
    fn any_one_of_the_listed_base_products_satisfies_an_add_on() {
        let user = user_in("US", &[M365_E3]);
        assert!(plan_user_update(&user, &[assign(COMPLIANCE)], &[], &catalogue()).is_ok());
    }

    #[test]
    fn revoking_a_base_product_a_kept_add_on_needs_is_refused_with_the_dependent_products() {
        let user = user_in("US", &[E3, COMPLIANCE]);
        let errors = plan_user_update(&user, &[], &[E3.to_owned()], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::PrerequisiteInUse {
                sku_id: E3.to_owned(),
                needed_by: vec![COMPLIANCE.to_owned()],
            }]
        );
    }

    #[test]
    fn revoking_a_base_product_together_with_its_add_on_succeeds() {
        let user = user_in("US", &[E3, COMPLIANCE]);
        let plan = plan_user_update(
            &user,
            &[],
            &[E3.to_owned(), COMPLIANCE.to_owned()],
            &catalogue(),
        )
        .unwrap();
        assert!(plan.licenses.is_empty());
    }

    #[test]
    fn revoking_one_base_product_is_fine_while_the_add_on_keeps_another() {
        let user = user_in("US", &[E3, M365_E3, COMPLIANCE]);
        assert!(plan_user_update(&user, &[], &[E3.to_owned()], &catalogue()).is_ok());
    }

    #[test]
    fn assigning_a_product_mutually_exclusive_with_a_held_one_is_refused() {
        let user = user_in("US", &[EXCHANGE_1]);
        let errors = plan_user_update(&user, &[assign(EXCHANGE_2)], &[], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::MutuallyExclusive {
                sku_id: EXCHANGE_2.to_owned(),
                conflicts_with: EXCHANGE_1.to_owned(),
            }]
        );
    }

    #[test]
    fn exclusivity_holds_even_when_only_the_other_product_lists_it() {
        // EXCHANGE_2 lists nothing; EXCHANGE_1 lists EXCHANGE_2.
        let user = user_in("US", &[EXCHANGE_2]);
        let errors = plan_user_update(&user, &[assign(EXCHANGE_1)], &[], &catalogue()).unwrap_err();
        assert!(matches!(
            errors[..],
            [LicenseError::MutuallyExclusive { .. }]
        ));
    }

    #[test]
    fn assigning_two_mutually_exclusive_products_together_is_refused_once() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(
            &user,
            &[assign(EXCHANGE_1), assign(EXCHANGE_2)],
            &[],
            &catalogue(),
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::MutuallyExclusive {
                sku_id: EXCHANGE_2.to_owned(),
                conflicts_with: EXCHANGE_1.to_owned(),
            }]
        );
    }

    #[test]
    fn swapping_one_exclusive_product_for_the_other_in_one_update_succeeds() {
        let user = user_in("US", &[EXCHANGE_1]);
        let plan = plan_user_update(
            &user,
            &[assign(EXCHANGE_2)],
            &[EXCHANGE_1.to_owned()],
            &catalogue(),
        )
        .unwrap();
        assert_eq!(sku_ids(&plan.licenses), [EXCHANGE_2]);
        assert_eq!(plan.freed_seats, [EXCHANGE_1]);
    }

    #[test]
    fn assigning_a_product_prohibited_in_the_users_location_is_refused() {
        let user = user_in("CN", &[]);
        let errors = plan_user_update(&user, &[assign(PHONE)], &[], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::ProhibitedInLocation {
                sku_id: PHONE.to_owned(),
                usage_location: "CN".to_owned(),
            }]
        );
    }

    #[test]
    fn a_product_prohibited_elsewhere_can_be_assigned_here() {
        let user = user_in("TW", &[]);
        assert!(plan_user_update(&user, &[assign(PHONE)], &[], &catalogue()).is_ok());
    }

    #[test]
    fn a_user_without_usage_location_can_not_be_given_any_product() {
        let user = user_without_location(&[]);
        let errors =
            plan_user_update(&user, &[assign(E3), assign(EMS)], &[], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [
                LicenseError::MissingUsageLocation {
                    sku_id: E3.to_owned()
                },
                LicenseError::MissingUsageLocation {
                    sku_id: EMS.to_owned()
                },
            ]
        );
    }

    #[test]
    fn a_user_without_usage_location_can_still_lose_a_product() {
        let user = user_without_location(&[E3]);
        assert!(plan_user_update(&user, &[], &[E3.to_owned()], &catalogue()).is_ok());
    }

    #[test]
    fn a_product_whose_subscription_is_suspended_can_not_be_assigned() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(&user, &[assign(VISIO)], &[], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::SubscriptionSuspended {
                sku_id: VISIO.to_owned()
            }]
        );
    }

    #[test]
    fn a_product_whose_subscription_is_suspended_can_still_be_revoked() {
        let user = user_in("US", &[VISIO]);
        assert!(plan_user_update(&user, &[], &[VISIO.to_owned()], &catalogue()).is_ok());
    }

    #[test]
    fn excluding_a_plan_the_product_does_not_have_is_refused() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(
            &user,
            &[assign_without(EMS, &[PLAN_TEAMS])],
            &[],
            &catalogue(),
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::UnknownServicePlan {
                sku_id: EMS.to_owned(),
                plan_id: PLAN_TEAMS.to_owned(),
            }]
        );
    }

    #[test]
    fn a_product_the_customer_does_not_own_is_refused_whether_assigned_or_revoked() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(&user, &[assign("nope")], &["gone".to_owned()], &catalogue())
            .unwrap_err();
        assert_eq!(
            errors,
            [
                LicenseError::UnknownSku {
                    sku_id: "nope".to_owned()
                },
                LicenseError::UnknownSku {
                    sku_id: "gone".to_owned()
                },
            ]
        );
    }

    #[test]
    fn assigning_and_revoking_the_same_product_in_one_update_is_refused_as_a_duplicate() {
        let user = user_in("US", &[E3]);
        let errors =
            plan_user_update(&user, &[assign(E3)], &[E3.to_owned()], &catalogue()).unwrap_err();
        assert_eq!(
            errors,
            [LicenseError::DuplicateSku {
                sku_id: E3.to_owned()
            }]
        );
    }

    #[test]
    fn a_product_listed_three_times_is_reported_as_one_duplicate() {
        let user = user_in("US", &[]);
        let errors = plan_user_update(
            &user,
            &[assign(E3), assign(E3), assign(E3)],
            &[],
            &catalogue(),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_malformed_update_is_refused_before_looking_at_the_user() {
        // No usage location would also be an error; the shape error alone is reported.
        let user = user_without_location(&[]);
        let errors = plan_user_update(&user, &[assign("nope")], &[], &catalogue()).unwrap_err();
        assert!(matches!(errors[..], [LicenseError::UnknownSku { .. }]));
    }

    #[test]
    fn every_problem_of_a_refused_user_is_reported_at_once() {
        let user = user_in("CN", &[EXCHANGE_1]);
        let errors = plan_user_update(
            &user,
            &[assign(PHONE), assign(EXCHANGE_2), assign(COMPLIANCE)],
            &[],
            &catalogue(),
        )
        .unwrap_err();
        let codes: Vec<i32> = errors.iter().map(LicenseError::code).collect();
        assert_eq!(codes, [60034, 60033, 60031]);
    }

    #[test]
    fn revoking_a_product_the_user_does_not_hold_is_a_warning_not_an_error() {
        let user = user_in("US", &[]);
        let plan = plan_user_update(&user, &[], &[E3.to_owned()], &catalogue()).unwrap();
        assert!(plan.freed_seats.is_empty());
        assert_eq!(plan.update.license_warnings[0].code, WARNING_NOT_ASSIGNED);
    }

    #[test]
    fn excluding_every_plan_of_a_product_is_a_warning() {
        let user = user_in("US", &[]);
        let plan = plan_user_update(
            &user,
            &[assign_without(PHONE, &[PLAN_PHONE])],
            &[],
            &catalogue(),
        )
        .unwrap();
        let warning = &plan.update.license_warnings[0];
        assert_eq!(warning.code, WARNING_ALL_PLANS_EXCLUDED);
        assert_eq!(warning.service_plans, [PLAN_PHONE]);
    }

    #[test]
    fn the_answer_echoes_what_was_applied() {
        let user = user_in("US", &[EMS]);
        let plan = plan_user_update(&user, &[assign(E3)], &[EMS.to_owned()], &catalogue()).unwrap();
        assert_eq!(plan.update.licenses_to_assign, [assign(E3)]);
        assert_eq!(plan.update.licenses_to_remove, [EMS]);
    }
}
