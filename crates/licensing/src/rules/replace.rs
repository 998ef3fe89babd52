use crate::catalogue::Catalogue;
use crate::contract::{AssignedLicense, CustomerUser, LicenseAssignment};

/// "Replace product A with B" on Manage licenses: every selected user who holds `from` gets
/// `to` and loses `from` in one update; the others are skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    pub from: String,
    pub to: String,
}

impl Replacement {
    /// Whether the replacement decides this product's fate (its box is left as it opened).
    pub fn involves(&self, sku_id: &str) -> bool {
        self.from == sku_id || self.to == sku_id
    }

    /// What the replacement asks of one user: nothing when the user doesn't hold `from`
    /// (skipped), else `from` to remove and, unless already held, `to` to assign with the
    /// plans that follow `from`'s exclusions.
    pub fn asks(
        &self,
        user: &CustomerUser,
        skus: &Catalogue,
    ) -> Option<(Option<LicenseAssignment>, String)> {
        let held = user
            .assigned_licenses
            .iter()
            .find(|l| l.sku_id == self.from)?;
        let assign = (!user.holds(&self.to)).then(|| LicenseAssignment {
            sku_id: self.to.clone(),
            excluded_plans: self.following_exclusions(held, skus),
        });
        Some((assign, self.from.clone()))
    }

    /// `to`'s plans whose service `from` had excluded for this user: a service the partner
    /// switched off stays off after the swap. Plans of `to` with a service `from` lacks are on.
    pub fn following_exclusions(&self, held: &AssignedLicense, skus: &Catalogue) -> Vec<String> {
        let (Some(from), Some(to)) = (skus.get(&self.from), skus.get(&self.to)) else {
            return Vec::new();
        };
        let off: Vec<&str> = from
            .service_plans
            .iter()
            .filter(|p| held.excluded_plans.contains(&p.id))
            .map(|p| p.service_name.as_str())
            .collect();
        to.service_plans
            .iter()
            .filter(|p| off.contains(&p.service_name.as_str()))
            .map(|p| p.id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    fn e3_to_m365() -> Replacement {
        Replacement {
            from: E3.to_owned(),
            to: M365_E3.to_owned(),
        }
    }

    #[test]
    fn a_holder_of_the_old_product_gets_the_new_one_and_loses_the_old_in_one_ask() {
        let user = user("adele", Some("US"), &[E3, EMS]);
        let (assign, remove) = e3_to_m365().asks(&user, &catalogue()).unwrap();
        assert_eq!(assign.unwrap().sku_id, M365_E3);
        assert_eq!(remove, E3);
    }

    #[test]
    fn a_user_without_the_old_product_is_skipped() {
        let user = user("alex", Some("US"), &[M365_E3]);
        assert_eq!(e3_to_m365().asks(&user, &catalogue()), None);
    }

    #[test]
    fn a_user_who_already_holds_the_new_product_only_loses_the_old_one() {
        let user = user("adele", Some("US"), &[E3, M365_E3]);
        let (assign, remove) = e3_to_m365().asks(&user, &catalogue()).unwrap();
        assert_eq!((assign, remove.as_str()), (None, E3));
    }

    #[test]
    fn excluded_plans_follow_to_the_new_product_by_service_name() {
        // Teams (TEAMS1) and Office for the web are off in E3; M365 E3 has Teams, not the other.
        let mut user = user("adele", Some("US"), &[E3]);
        user.assigned_licenses[0].excluded_plans =
            vec![PLAN_TEAMS.to_owned(), "plan-office-web".to_owned()];
        let (assign, _) = e3_to_m365().asks(&user, &catalogue()).unwrap();
        assert_eq!(assign.unwrap().excluded_plans, [PLAN_M365_TEAMS]);
    }

    #[test]
    fn nothing_excluded_before_means_every_plan_of_the_new_product() {
        let user = user("adele", Some("US"), &[E3]);
        let (assign, _) = e3_to_m365().asks(&user, &catalogue()).unwrap();
        assert!(assign.unwrap().excluded_plans.is_empty());
    }

    #[test]
    fn it_decides_both_products_boxes_and_no_other() {
        let replacement = e3_to_m365();
        assert!(replacement.involves(E3) && replacement.involves(M365_E3));
        assert!(!replacement.involves(EMS));
    }
}
