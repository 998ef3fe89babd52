use crate::contract::{AssignedLicense, CustomerUser, LicenseAssignment, UserLicenseUpdate};

/// The update that takes a user from `after` (what a save left them with) back to `before`
/// (what they held when the save was prepared), on condition that they still hold exactly
/// `after`: a user someone changed in between is refused, not overwritten. `None` when the
/// two are the same.
pub fn undo_update(
    user_id: &str,
    before: &[AssignedLicense],
    after: &[AssignedLicense],
) -> Option<UserLicenseUpdate> {
    let licenses_to_assign: Vec<LicenseAssignment> = before
        .iter()
        .filter(|was| !after.iter().any(|now| same_license(was, now)))
        .map(|was| LicenseAssignment {
            sku_id: was.sku_id.clone(),
            excluded_plans: was.excluded_plans.clone(),
        })
        .collect();
    let licenses_to_remove: Vec<String> = after
        .iter()
        .filter(|now| !before.iter().any(|was| was.sku_id == now.sku_id))
        .map(|now| now.sku_id.clone())
        .collect();
    if licenses_to_assign.is_empty() && licenses_to_remove.is_empty() {
        return None;
    }
    Some(UserLicenseUpdate {
        user_id: user_id.to_owned(),
        licenses_to_assign,
        licenses_to_remove,
        expected_licenses: Some(after.to_vec()),
    })
}

/// Whether the user holds exactly `expected`: the same products, each with the same excluded
/// plans, in any order (the `expectedLicenses` precondition).
pub fn holds_exactly(user: &CustomerUser, expected: &[AssignedLicense]) -> bool {
    let held = &user.assigned_licenses;
    held.len() == expected.len()
        && expected
            .iter()
            .all(|want| held.iter().any(|has| same_license(want, has)))
}

/// Same product with the same excluded plans (as sets).
fn same_license(a: &AssignedLicense, b: &AssignedLicense) -> bool {
    a.sku_id == b.sku_id
        && a.excluded_plans.len() == b.excluded_plans.len()
        && a.excluded_plans
            .iter()
            .all(|p| b.excluded_plans.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    fn licenses(ids: &[&str]) -> Vec<AssignedLicense> {
        user("x", Some("US"), ids).assigned_licenses
    }

    #[test]
    fn undoing_a_replacement_gives_the_old_product_back_and_takes_the_new_one() {
        let update = undo_update("x", &licenses(&[E3, EMS]), &licenses(&[EMS, M365_E3])).unwrap();
        assert_eq!(update.licenses_to_assign, [assign(E3)]);
        assert_eq!(update.licenses_to_remove, [M365_E3]);
        assert_eq!(update.expected_licenses, Some(licenses(&[EMS, M365_E3])));
    }

    #[test]
    fn undoing_changed_service_plans_sends_the_old_exclusions_back() {
        let mut before = licenses(&[E3]);
        before[0].excluded_plans = vec![PLAN_TEAMS.to_owned()];
        let update = undo_update("x", &before, &licenses(&[E3])).unwrap();
        assert_eq!(
            update.licenses_to_assign,
            [assign_without(E3, &[PLAN_TEAMS])]
        );
        assert!(update.licenses_to_remove.is_empty());
    }

    #[test]
    fn nothing_to_undo_when_the_save_left_the_user_as_they_were() {
        assert_eq!(undo_update("x", &licenses(&[E3]), &licenses(&[E3])), None);
    }

    #[test]
    fn the_precondition_ignores_order_but_not_products_or_excluded_plans() {
        let user = user("x", Some("US"), &[E3, EMS]);
        assert!(holds_exactly(&user, &licenses(&[EMS, E3])));
        assert!(!holds_exactly(&user, &licenses(&[E3])));
        assert!(!holds_exactly(&user, &licenses(&[E3, EMS, PHONE])));
        let mut other_plans = licenses(&[E3, EMS]);
        other_plans[0].excluded_plans = vec![PLAN_TEAMS.to_owned()];
        assert!(!holds_exactly(&user, &other_plans));
    }
}
