use crate::catalogue::Catalogue;
use crate::contract::{AssignedLicense, ServicePlan};

/// How long Exchange Online keeps a mailbox after its last license goes (soft delete).
pub const MAILBOX_RETENTION_DAYS: u32 = 30;

/// Whether a service plan is an Exchange Online mailbox (Plan 1, Plan 2, Kiosk): their service
/// names are `EXCHANGE_S_*`, unlike Exchange add-ons such as archiving or analytics.
pub fn is_mailbox(plan: &ServicePlan) -> bool {
    plan.service_name.starts_with("EXCHANGE_S_")
}

/// A service plan users stop getting with a revoked product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostPlan {
    pub plan_id: String,
    pub display_name: String,
    /// Users who had it from the product and get the same service from nothing they keep.
    pub users: usize,
}

/// One product a save takes from users (plainly or by a replacement), and what they lose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedProduct {
    pub sku_id: String,
    pub users: usize,
    /// In the product's plan order; a plan whose service every user keeps elsewhere is left out.
    pub lost_plans: Vec<LostPlan>,
}

/// What the users a save succeeds for lose: per revoked product the plans, and how many lose
/// their last mailbox or every license (both worth a confirmation before saving).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// In catalogue order.
    pub revoked: Vec<RevokedProduct>,
    /// Users who had an Exchange mailbox plan and would have none: the mailbox is deleted
    /// [`MAILBOX_RETENTION_DAYS`] later.
    pub losing_mailbox: usize,
    /// Users who held a license and would hold none.
    pub left_unlicensed: usize,
}

impl Impact {
    /// Whether Save must ask before going ahead.
    pub fn needs_confirmation(&self) -> bool {
        self.losing_mailbox > 0 || self.left_unlicensed > 0
    }
}

/// Adds up [`Impact`] one user at a time, from the licenses before and after the update.
#[derive(Debug)]
pub struct ImpactTally<'a> {
    skus: &'a Catalogue,
    /// Per catalogue position: users losing the product, and per plan users losing it.
    revoked: Vec<(usize, Vec<usize>)>,
    losing_mailbox: usize,
    left_unlicensed: usize,
}

impl<'a> ImpactTally<'a> {
    pub fn new(skus: &'a Catalogue) -> Self {
        ImpactTally {
            skus,
            revoked: vec![(0, Vec::new()); skus.len()],
            losing_mailbox: 0,
            left_unlicensed: 0,
        }
    }

    /// Counts one user whose update would succeed. Users who lose no product cost nothing.
    pub fn add(&mut self, before: &[AssignedLicense], after: &[AssignedLicense]) {
        let kept = |sku_id: &str| after.iter().any(|l| l.sku_id == sku_id);
        if before.iter().all(|l| kept(&l.sku_id)) {
            return;
        }
        let skus = self.skus;
        let after_plans = services_of(skus, after);
        let keeps = |service: &str| after_plans.iter().any(|p| p.service_name == service);
        for held in before.iter().filter(|l| !kept(&l.sku_id)) {
            let Some(position) = skus.position(&held.sku_id) else {
                continue;
            };
            let sku = &skus[position];
            let entry = &mut self.revoked[position];
            entry.0 += 1;
            entry.1.resize(sku.service_plans.len(), 0);
            for (index, plan) in sku.service_plans.iter().enumerate() {
                if !held.excluded_plans.contains(&plan.id) && !keeps(&plan.service_name) {
                    entry.1[index] += 1;
                }
            }
        }
        let had_mailbox = services_of(skus, before).into_iter().any(is_mailbox);
        if had_mailbox && !after_plans.iter().any(|p| is_mailbox(p)) {
            self.losing_mailbox += 1;
        }
        if after.is_empty() {
            self.left_unlicensed += 1;
        }
    }

    pub fn finish(self) -> Impact {
        let skus = self.skus;
        let revoked = self
            .revoked
            .into_iter()
            .zip(skus.iter())
            .filter(|((users, _), _)| *users > 0)
            .map(|((users, plans), sku)| RevokedProduct {
                sku_id: sku.sku_id().to_owned(),
                users,
                lost_plans: sku
                    .service_plans
                    .iter()
                    .zip(plans)
                    .filter(|(_, users)| *users > 0)
                    .map(|(plan, users)| LostPlan {
                        plan_id: plan.id.clone(),
                        display_name: plan.display_name.clone(),
                        users,
                    })
                    .collect(),
            })
            .collect();
        Impact {
            revoked,
            losing_mailbox: self.losing_mailbox,
            left_unlicensed: self.left_unlicensed,
        }
    }
}

/// The service plans `licenses` give, excluded ones left out.
fn services_of<'a>(skus: &'a Catalogue, licenses: &[AssignedLicense]) -> Vec<&'a ServicePlan> {
    licenses
        .iter()
        .filter_map(|l| Some((l, skus.get(&l.sku_id)?)))
        .flat_map(|(l, sku)| {
            sku.service_plans
                .iter()
                .filter(move |p| !l.excluded_plans.contains(&p.id))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;

    fn licenses(ids: &[&str]) -> Vec<AssignedLicense> {
        user("x", Some("US"), ids).assigned_licenses
    }

    fn impact(changes: &[(&[&str], &[&str])]) -> Impact {
        let skus = catalogue();
        let mut tally = ImpactTally::new(&skus);
        for (before, after) in changes {
            tally.add(&licenses(before), &licenses(after));
        }
        tally.finish()
    }

    fn lost(impact: &Impact, sku_id: &str) -> Vec<(String, usize)> {
        impact
            .revoked
            .iter()
            .find(|r| r.sku_id == sku_id)
            .unwrap()
            .lost_plans
            .iter()
            .map(|p| (p.display_name.clone(), p.users))
            .collect()
    }

    #[test]
    fn revoking_a_product_lists_every_plan_its_holders_lose() {
        let impact = impact(&[(&[E3, EMS], &[EMS]), (&[E3, EMS], &[EMS])]);
        assert_eq!(impact.revoked.len(), 1);
        assert_eq!(impact.revoked[0].users, 2);
        assert_eq!(
            lost(&impact, E3),
            [
                ("Exchange Online (Plan 2)".to_owned(), 2),
                ("SharePoint Online (Plan 2)".to_owned(), 2),
                ("Microsoft Teams".to_owned(), 2),
                ("Office for the web".to_owned(), 2),
            ]
        );
        assert_eq!(impact.losing_mailbox, 2);
        assert_eq!(impact.left_unlicensed, 0);
        assert!(impact.needs_confirmation());
    }

    #[test]
    fn a_service_the_replacement_still_gives_is_not_lost() {
        // E3 -> M365 E3: Exchange and Teams come with M365 E3; SharePoint and Office for the
        // web don't.
        let impact = impact(&[(&[E3], &[M365_E3])]);
        assert_eq!(
            lost(&impact, E3),
            [
                ("SharePoint Online (Plan 2)".to_owned(), 1),
                ("Office for the web".to_owned(), 1),
            ]
        );
        assert_eq!(impact.losing_mailbox, 0);
        assert!(!impact.needs_confirmation());
    }

    #[test]
    fn a_plan_the_user_had_excluded_is_not_lost() {
        let skus = catalogue();
        let mut before = licenses(&[E3, EMS]);
        before[0].excluded_plans = vec!["plan-exchange-2".to_owned()];
        let mut tally = ImpactTally::new(&skus);
        tally.add(&before, &licenses(&[EMS]));
        let impact = tally.finish();
        assert_eq!(impact.revoked[0].lost_plans.len(), 3);
        assert_eq!(impact.losing_mailbox, 0, "no mailbox to lose");
    }

    #[test]
    fn losing_one_mailbox_plan_while_keeping_another_keeps_the_mailbox() {
        let impact = impact(&[(&[EXCHANGE_1, E3], &[E3])]);
        assert_eq!(
            lost(&impact, EXCHANGE_1).len(),
            1,
            "a different service name"
        );
        assert_eq!(impact.losing_mailbox, 0);
    }

    #[test]
    fn a_user_left_with_no_license_at_all_needs_a_confirmation() {
        let impact = impact(&[(&[EMS], &[]), (&[EMS, POWER_BI], &[POWER_BI])]);
        assert_eq!(impact.left_unlicensed, 1);
        assert_eq!(impact.losing_mailbox, 0);
        assert_eq!(impact.revoked[0].users, 2);
        assert!(impact.needs_confirmation());
    }

    #[test]
    fn users_who_lose_nothing_leave_no_trace() {
        let impact = impact(&[(&[EMS], &[EMS, E3]), (&[], &[])]);
        assert_eq!(impact, Impact::default());
    }

    #[test]
    fn only_exchange_mailbox_plans_count_as_a_mailbox() {
        let skus = catalogue();
        let plans: Vec<&ServicePlan> = skus.iter().flat_map(|s| &s.service_plans).collect();
        let mailboxes: Vec<&str> = plans
            .iter()
            .filter(|p| is_mailbox(p))
            .map(|p| p.service_name.as_str())
            .collect();
        assert!(mailboxes
            .iter()
            .all(|s| *s == "EXCHANGE_S_ENTERPRISE" || *s == "EXCHANGE_S_STANDARD"));
        assert!(mailboxes.contains(&"EXCHANGE_S_STANDARD"));
    }
}
