use crate::catalogue::Catalogue;
use crate::contract::{
    CustomerUser, LicenseError, LicenseSummary, ProductHolding, UserLicenseUpdate,
};

use super::changes::{updates_for, ProductChange, ProductChoice};
use super::holdings::holdings;
use super::impact::{Impact, ImpactTally};
use super::replace::Replacement;
use super::seats::{seat_demand, SeatDemand};
use super::user_update::plan_user_update;

/// Who a preview is about.
#[derive(Debug, Clone, Copy)]
pub enum Selected<'a> {
    /// The selected users themselves: the exact preview.
    Users(&'a [CustomerUser]),
    /// The server's summary of them while their details load: counts only, nothing to save yet.
    Summary(&'a LicenseSummary),
}

/// One product's line on Manage licenses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductPreview {
    /// How many selected users hold it, and the plans they all lack alike.
    pub holding: ProductHolding,
    /// What its box does on save.
    pub change: ProductChange,
    /// Its seats now, and those the users the save would succeed for take and give back.
    pub seats: SeatDemand,
}

impl ProductPreview {
    /// Available after the save, when the save moves any of its seats.
    pub fn available_after(&self) -> Option<i64> {
        let moves = self.seats.new_seats > 0 || self.seats.freed_seats > 0;
        moves.then(|| self.seats.available_after())
    }

    /// Seats to buy before the save can go through.
    pub fn short_by(&self) -> u32 {
        self.seats.short_by()
    }

    /// Whether Buy more is worth offering: no seat left, or too few for the save.
    pub fn needs_seats(&self) -> bool {
        self.seats.available == 0 || self.short_by() > 0
    }
}

/// One selected user the save would fail for, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserProblems {
    pub name: String,
    pub errors: Vec<LicenseError>,
}

/// What a replacement does to the selected users.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacementPreview {
    pub from: String,
    pub to: String,
    /// Selected users who hold `from`: each is asked to swap.
    pub users: usize,
    /// Selected users who don't hold `from`, left as they are by the replacement.
    pub skipped: usize,
    /// Their names, in selection order (empty until the users' details load).
    pub skipped_names: Vec<String>,
}

/// Why Save can't be pressed yet, first reason first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveBlocker {
    /// The users' details are still loading.
    CheckingUsers,
    /// Some product lacks seats for the save.
    NotEnoughSeats,
    /// Every box is as it opened.
    NothingToSave,
}

/// Everything Manage licenses shows for the boxes as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// How many users are selected.
    pub users: usize,
    /// Whether it comes from the users' details (else from the server's summary).
    pub exact: bool,
    /// Every product of the catalogue, in its order.
    pub products: Vec<ProductPreview>,
    /// The users the save would fail for, in selection order.
    pub problems: Vec<UserProblems>,
    /// The seats missing, one error per product short of them.
    pub shortages: Vec<LicenseError>,
    /// What Save sends: one update per user with anything to change, in selection order.
    pub updates: Vec<UserLicenseUpdate>,
    /// The replacement, if one is chosen.
    pub replacement: Option<ReplacementPreview>,
    /// What the users the save would succeed for lose (empty until the users load).
    pub impact: Impact,
}

impl Preview {
    /// The products the save changes, for the summary: none until the users are loaded.
    pub fn changes(&self) -> impl Iterator<Item = (&str, ProductChange)> {
        self.products
            .iter()
            .filter(|p| self.exact && p.change != ProductChange::Unchanged)
            .map(|p| (p.holding.sku_id.as_str(), p.change))
    }

    /// Why Save is unavailable, if it is.
    pub fn blocker(&self) -> Option<SaveBlocker> {
        if !self.exact {
            Some(SaveBlocker::CheckingUsers)
        } else if !self.shortages.is_empty() {
            Some(SaveBlocker::NotEnoughSeats)
        } else if self.updates.is_empty() {
            Some(SaveBlocker::NothingToSave)
        } else {
            None
        }
    }
}

/// The preview of a save on Manage licenses: per product what its box does and the seats it
/// moves, per user the problems the server would refuse them for, the seats missing, and the
/// updates Save sends. A product without a choice is left as it is. From the server's summary
/// (before the users' details load) only the counts and each box's change are known.
///
/// A `replacement` decides its two products for every selected user (their boxes count for
/// nothing): holders of `from` swap it for `to` in the same update as their other changes.
pub fn preview(
    selected: Selected<'_>,
    choices: &[ProductChoice],
    replacement: Option<&Replacement>,
    skus: &Catalogue,
) -> Preview {
    // In catalogue order, whatever order they came in: each update lists products alike.
    let mut by_position: Vec<Option<&ProductChoice>> = vec![None; skus.len()];
    let decided_by_replacement = |sku_id: &str| replacement.is_some_and(|r| r.involves(sku_id));
    for choice in choices
        .iter()
        .filter(|c| !decided_by_replacement(&c.sku_id))
    {
        if let Some(position) = skus.position(&choice.sku_id) {
            by_position[position] = Some(choice);
        }
    }
    let choices: Vec<ProductChoice> = by_position.iter().flatten().map(|c| (*c).clone()).collect();
    let (users, holdings, planned) = match selected {
        Selected::Users(users) => {
            let planned: Vec<(&CustomerUser, UserLicenseUpdate, _)> =
                updates_for(users, &choices, replacement, skus)
                    .into_iter()
                    .map(|(user, update)| {
                        let plan = plan_user_update(
                            user,
                            &update.licenses_to_assign,
                            &update.licenses_to_remove,
                            skus,
                        );
                        (user, update, plan)
                    })
                    .collect();
            (users.len(), holdings(users, skus), Some(planned))
        }
        Selected::Summary(summary) => {
            let mut holdings: Vec<ProductHolding> = skus
                .iter()
                .map(|sku| ProductHolding {
                    sku_id: sku.sku_id().to_owned(),
                    ..ProductHolding::default()
                })
                .collect();
            for holding in &summary.products {
                if let Some(position) = skus.position(&holding.sku_id) {
                    holdings[position] = holding.clone();
                }
            }
            (summary.users, holdings, None)
        }
    };
    let exact = planned.is_some();
    let planned = planned.unwrap_or_default();
    let replacement = replacement.map(|r| {
        let holders = skus
            .position(&r.from)
            .map_or(0, |position| holdings[position].holders.min(users));
        let skipped_names = match selected {
            Selected::Users(selected) => selected
                .iter()
                .filter(|u| !u.holds(&r.from))
                .map(|u| u.display_name.clone())
                .collect(),
            Selected::Summary(_) => Vec::new(),
        };
        ReplacementPreview {
            from: r.from.clone(),
            to: r.to.clone(),
            users: holders,
            skipped: users - holders,
            skipped_names,
        }
    });
    // Only the users the save would succeed for take or free seats.
    let seats = seat_demand(
        skus,
        planned.iter().filter_map(|(_, _, plan)| plan.as_ref().ok()),
    );
    let products: Vec<ProductPreview> = holdings
        .into_iter()
        .zip(seats)
        .zip(by_position)
        .map(|((holding, seats), choice)| {
            let change = choice.map_or(ProductChange::Unchanged, |c| {
                c.change(holding.holders, users)
            });
            ProductPreview {
                holding,
                change,
                seats,
            }
        })
        .collect();
    let shortages = products.iter().filter_map(|p| p.seats.error()).collect();
    let mut problems = Vec::new();
    let mut updates = Vec::with_capacity(planned.len());
    let mut impact = ImpactTally::new(skus);
    for (user, update, plan) in planned {
        match plan {
            Ok(plan) => impact.add(&user.assigned_licenses, &plan.licenses),
            Err(errors) => problems.push(UserProblems {
                name: user.display_name.clone(),
                errors,
            }),
        }
        updates.push(update);
    }
    Preview {
        users,
        exact,
        products,
        problems,
        shortages,
        updates,
        replacement,
        impact: impact.finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::*;
    use crate::rules::TriState::{self, Checked, Clear, Mixed};

    /// The boxes as the page opens them for `users`: each product's state from its holders.
    fn as_opened(users: &[CustomerUser], skus: &Catalogue) -> Vec<ProductChoice> {
        holdings(users, skus)
            .into_iter()
            .map(|h| ProductChoice {
                state: TriState::from_counts(h.holders, users.len()),
                sku_id: h.sku_id,
                excluded_plans: None,
            })
            .collect()
    }

    /// The preview once the boxes `changed` are set, every other box as it opened for `users`.
    fn after(users: &[CustomerUser], changed: &[(&str, TriState)], skus: &Catalogue) -> Preview {
        let mut choices = as_opened(users, skus);
        for (sku_id, state) in changed {
            set(&mut choices, sku_id, *state);
        }
        preview(Selected::Users(users), &choices, None, skus)
    }

    fn set(choices: &mut [ProductChoice], sku_id: &str, state: TriState) {
        choices
            .iter_mut()
            .find(|c| c.sku_id == sku_id)
            .unwrap()
            .state = state;
    }

    fn product<'a>(preview: &'a Preview, skus: &Catalogue, sku_id: &str) -> &'a ProductPreview {
        &preview.products[skus.position(sku_id).unwrap()]
    }

    fn summary_of(users: &[CustomerUser], skus: &Catalogue) -> LicenseSummary {
        LicenseSummary {
            users: users.len(),
            unknown_user_ids: Vec::new(),
            products: holdings(users, skus),
            as_of: None,
        }
    }

    #[test]
    fn boxes_open_checked_mixed_or_clear_from_who_holds_each_product() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3, POWER_BI]),
            user("alex", Some("US"), &[E3]),
        ];
        let choices = as_opened(&users, &skus);
        let state = |id: &str| choices.iter().find(|c| c.sku_id == id).unwrap().state;
        assert_eq!(
            (state(E3), state(POWER_BI), state(EMS)),
            (Checked, Mixed, Clear)
        );
        let preview = preview(Selected::Users(&users), &choices, None, &skus);
        assert_eq!(product(&preview, &skus, POWER_BI).holding.holders, 1);
        assert_eq!(preview.blocker(), Some(SaveBlocker::NothingToSave));
        assert_eq!(preview.changes().count(), 0);
    }

    #[test]
    fn while_the_users_load_the_summary_gives_the_counts_and_save_waits() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3]),
            user("alex", Some("US"), &[]),
        ];
        let summary = summary_of(&users, &skus);
        let mut choices = as_opened(&users, &skus);
        set(&mut choices, E3, Checked);
        let early = preview(Selected::Summary(&summary), &choices, None, &skus);
        assert!(!early.exact);
        assert_eq!(early.users, 2);
        assert_eq!(
            product(&early, &skus, E3).change,
            ProductChange::Assign {
                users: 1,
                plan_updates: 0
            }
        );
        assert_eq!(product(&early, &skus, E3).available_after(), None);
        assert_eq!(early.changes().count(), 0);
        assert!(early.updates.is_empty());
        assert_eq!(early.blocker(), Some(SaveBlocker::CheckingUsers));

        let loaded = preview(Selected::Users(&users), &choices, None, &skus);
        let holdings = |p: &Preview| -> Vec<ProductHolding> {
            p.products.iter().map(|x| x.holding.clone()).collect()
        };
        assert_eq!(holdings(&early), holdings(&loaded));
        assert_eq!(loaded.blocker(), None);
    }

    #[test]
    fn a_product_missing_from_the_summary_is_held_by_nobody() {
        let skus = catalogue();
        let summary = LicenseSummary {
            users: 3,
            ..LicenseSummary::default()
        };
        let preview = preview(Selected::Summary(&summary), &[], None, &skus);
        assert_eq!(preview.products.len(), skus.len());
        assert!(preview.products.iter().all(|p| p.holding.holders == 0));
        assert_eq!(product(&preview, &skus, EMS).holding.sku_id, EMS);
    }

    #[test]
    fn ticking_a_product_nobody_has_seats_for_blocks_save_and_says_how_many_to_buy() {
        let skus = catalogue(); // Power BI: 0 available
        let users = [
            user("delia", Some("US"), &[]),
            user("lidia", Some("US"), &[]),
        ];
        let preview = after(&users, &[(POWER_BI, Checked)], &skus);
        let bi = product(&preview, &skus, POWER_BI);
        assert_eq!(bi.available_after(), Some(-2));
        assert_eq!(bi.short_by(), 2);
        assert!(bi.needs_seats());
        assert_eq!(
            preview.shortages,
            [LicenseError::NotEnoughSeats {
                sku_id: POWER_BI.to_owned(),
                requested: 2,
                available: 0,
                short_by: 2,
            }]
        );
        assert_eq!(preview.blocker(), Some(SaveBlocker::NotEnoughSeats));
    }

    #[test]
    fn bought_seats_lift_the_shortage_and_show_what_is_left_after_saving() {
        let skus = with_available(catalogue(), POWER_BI, 2);
        let users = [
            user("delia", Some("US"), &[]),
            user("lidia", Some("US"), &[]),
        ];
        let preview = after(&users, &[(POWER_BI, Checked)], &skus);
        let bi = product(&preview, &skus, POWER_BI);
        assert_eq!(bi.available_after(), Some(0));
        assert!(!bi.needs_seats());
        assert!(preview.shortages.is_empty());
        assert_eq!(preview.blocker(), None);
    }

    #[test]
    fn buy_more_is_offered_for_a_product_with_no_seat_left_even_untouched() {
        let skus = catalogue();
        let users = [user("adele", Some("US"), &[])];
        let preview = preview(
            Selected::Users(&users),
            &as_opened(&users, &skus),
            None,
            &skus,
        );
        assert!(product(&preview, &skus, POWER_BI).needs_seats());
        assert!(!product(&preview, &skus, E3).needs_seats());
    }

    #[test]
    fn clearing_a_product_previews_a_revoke_and_names_who_cannot_lose_it_without_blocking() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3, COMPLIANCE]),
            user("megan", Some("US"), &[E3]),
        ];
        let preview = after(&users, &[(E3, Clear)], &skus);
        assert_eq!(
            preview.changes().collect::<Vec<_>>(),
            [(E3, ProductChange::Revoke { users: 2 })]
        );
        assert_eq!(
            preview.problems,
            [UserProblems {
                name: "adele Tester".to_owned(),
                errors: vec![LicenseError::PrerequisiteInUse {
                    sku_id: E3.to_owned(),
                    needed_by: vec![COMPLIANCE.to_owned()],
                }],
            }]
        );
        // Only Megan's seat comes back; Adele's update would be refused.
        assert_eq!(product(&preview, &skus, E3).available_after(), Some(7));
        assert_eq!(preview.updates.len(), 2);
        assert_eq!(preview.blocker(), None);
    }

    #[test]
    fn revoking_from_every_selected_user_frees_a_seat_each() {
        let skus = catalogue(); // E3: 6 available
        let users = [
            user("alex", Some("US"), &[E3]),
            user("megan", Some("US"), &[E3]),
            user("pradeep", Some("US"), &[E3]),
        ];
        let preview = after(&users, &[(E3, Clear)], &skus);
        assert_eq!(product(&preview, &skus, E3).available_after(), Some(9));
        assert!(preview.problems.is_empty());
        assert_eq!(preview.changes().count(), 1);
    }

    #[test]
    fn checking_a_mixed_product_assigns_it_to_those_who_lack_it_and_takes_their_seats() {
        let skus = catalogue(); // E3: 6 available
        let users = [
            user("delia", Some("US"), &[]),
            user("lidia", Some("US"), &[]),
            user("yating", Some("TW"), &[E3]),
        ];
        let mut choices = as_opened(&users, &skus);
        assert_eq!(choices[0].state, Mixed);
        set(&mut choices, E3, Checked);
        set(&mut choices, EMS, Checked);
        let preview = preview(Selected::Users(&users), &choices, None, &skus);
        assert_eq!(product(&preview, &skus, E3).available_after(), Some(4));
        assert_eq!(preview.changes().count(), 2);
        let sent: Vec<&str> = preview.updates.iter().map(|u| u.user_id.as_str()).collect();
        assert_eq!(sent, ["delia", "lidia", "yating"]);
        assert_eq!(preview.updates[2].licenses_to_assign.len(), 1);
    }

    #[test]
    fn a_user_the_rules_refuse_is_a_problem_and_takes_no_seat() {
        let skus = catalogue();
        let users = [user("adele", Some("US"), &[]), user_without_location(&[])];
        let preview = after(&users, &[(E3, Checked)], &skus);
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(
            preview.problems[0].errors,
            [LicenseError::MissingUsageLocation {
                sku_id: E3.to_owned()
            }]
        );
        assert_eq!(product(&preview, &skus, E3).seats.new_seats, 1);
    }

    #[test]
    fn dropping_a_user_recounts_the_boxes_and_the_summary() {
        let skus = catalogue();
        let both = [
            user("adele", Some("US"), &[PHONE]),
            user("alex", Some("US"), &[]),
        ];
        let mut choices = as_opened(&both, &skus);
        set(&mut choices, PHONE, Checked);
        let alex_only = &both[1..];
        let preview = preview(Selected::Users(alex_only), &choices, None, &skus);
        assert_eq!(preview.users, 1);
        assert_eq!(product(&preview, &skus, PHONE).holding.holders, 0);
        assert_eq!(
            preview.changes().collect::<Vec<_>>(),
            [(
                PHONE,
                ProductChange::Assign {
                    users: 1,
                    plan_updates: 0
                }
            )]
        );
    }

    #[test]
    fn service_plans_chosen_for_a_product_everyone_holds_update_each_holder_without_a_seat() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3]),
            user("alex", Some("US"), &[E3]),
        ];
        let mut choices = as_opened(&users, &skus);
        choices[0].excluded_plans = Some(vec![PLAN_TEAMS.to_owned()]);
        let preview = preview(Selected::Users(&users), &choices, None, &skus);
        let e3 = product(&preview, &skus, E3);
        assert_eq!(
            e3.change,
            ProductChange::Assign {
                users: 0,
                plan_updates: 2
            }
        );
        assert_eq!(e3.available_after(), None);
        assert_eq!(preview.updates.len(), 2);
        assert_eq!(preview.blocker(), None);
    }

    #[test]
    fn each_update_lists_its_products_in_catalogue_order_whatever_order_the_choices_came_in() {
        let skus = catalogue();
        let users = [user("adele", Some("US"), &[])];
        let mut choices = as_opened(&users, &skus);
        set(&mut choices, EMS, Checked);
        set(&mut choices, E3, Checked);
        choices.reverse();
        let preview = preview(Selected::Users(&users), &choices, None, &skus);
        let assigned: Vec<&str> = preview.updates[0]
            .licenses_to_assign
            .iter()
            .map(|a| a.sku_id.as_str())
            .collect();
        assert_eq!(assigned, [E3, EMS]);
    }

    #[test]
    fn a_box_turned_back_to_mixed_leaves_everyone_as_they_are() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3]),
            user("alex", Some("US"), &[]),
        ];
        let preview = after(&users, &[(E3, Checked), (E3, Mixed)], &skus);
        assert_eq!(
            product(&preview, &skus, E3).change,
            ProductChange::Unchanged
        );
        assert_eq!(preview.blocker(), Some(SaveBlocker::NothingToSave));
    }

    fn replacing(users: &[CustomerUser], from: &str, to: &str, skus: &Catalogue) -> Preview {
        let replacement = Replacement {
            from: from.to_owned(),
            to: to.to_owned(),
        };
        preview(
            Selected::Users(users),
            &as_opened(users, skus),
            Some(&replacement),
            skus,
        )
    }

    #[test]
    fn a_replacement_swaps_the_product_for_its_holders_in_one_update_and_skips_the_rest() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3, EMS]),
            user("alex", Some("US"), &[EMS]),
            user("megan", Some("US"), &[E3]),
        ];
        let preview = replacing(&users, E3, M365_E3, &skus);
        let sent: Vec<(&str, Vec<&str>, &[String])> = preview
            .updates
            .iter()
            .map(|u| {
                let assigned = u
                    .licenses_to_assign
                    .iter()
                    .map(|a| a.sku_id.as_str())
                    .collect();
                (u.user_id.as_str(), assigned, &u.licenses_to_remove[..])
            })
            .collect();
        assert_eq!(
            sent,
            [
                ("adele", vec![M365_E3], &[E3.to_owned()][..]),
                ("megan", vec![M365_E3], &[E3.to_owned()][..]),
            ]
        );
        let replacement = preview.replacement.as_ref().unwrap();
        assert_eq!((replacement.users, replacement.skipped), (2, 1));
        assert_eq!(replacement.skipped_names, ["alex Tester"]);
        // Seats net out: two E3 seats come back, two M365 E3 seats are taken.
        assert_eq!(product(&preview, &skus, E3).available_after(), Some(8));
        assert_eq!(product(&preview, &skus, M365_E3).available_after(), Some(3));
        assert_eq!(preview.blocker(), None);
    }

    #[test]
    fn a_replacement_ignores_the_boxes_of_its_two_products_but_keeps_the_others() {
        let skus = catalogue();
        let users = [user("adele", Some("US"), &[E3])];
        let mut choices = as_opened(&users, &skus);
        set(&mut choices, E3, Checked);
        set(&mut choices, M365_E3, Clear);
        set(&mut choices, EMS, Checked);
        let replacement = Replacement {
            from: E3.to_owned(),
            to: M365_E3.to_owned(),
        };
        let preview = preview(Selected::Users(&users), &choices, Some(&replacement), &skus);
        let update = &preview.updates[0];
        let assigned: Vec<&str> = update
            .licenses_to_assign
            .iter()
            .map(|a| a.sku_id.as_str())
            .collect();
        assert_eq!(assigned, [EMS, M365_E3]);
        assert_eq!(update.licenses_to_remove, [E3]);
        assert_eq!(
            product(&preview, &skus, E3).change,
            ProductChange::Unchanged
        );
    }

    #[test]
    fn every_rule_of_the_new_product_is_previewed_per_user() {
        let skus = with_available(catalogue(), EXCHANGE_2, 5);
        let users = [
            user("adele", Some("US"), &[EXCHANGE_1]),
            user("irvin", None, &[EXCHANGE_1]),
            user("lee", Some("CN"), &[EXCHANGE_1]),
        ];
        // Plan 1 and Plan 2 are exclusive, but the swap drops Plan 1 in the same update.
        let preview = replacing(&users, EXCHANGE_1, EXCHANGE_2, &skus);
        assert_eq!(preview.problems.len(), 1);
        assert_eq!(preview.problems[0].name, "irvin Tester");
        let phone = replacing(&users[2..], EXCHANGE_1, PHONE, &skus);
        assert!(matches!(
            phone.problems[0].errors[..],
            [LicenseError::ProhibitedInLocation { .. }]
        ));
        let suspended = replacing(&users[..1], EXCHANGE_1, VISIO, &skus);
        assert!(matches!(
            suspended.problems[0].errors[..],
            [LicenseError::SubscriptionSuspended { .. }]
        ));
        let add_on = replacing(&users[..1], EXCHANGE_1, COMPLIANCE, &skus);
        assert!(matches!(
            add_on.problems[0].errors[..],
            [LicenseError::MissingPrerequisite { .. }]
        ));
    }

    #[test]
    fn replacing_a_base_product_an_add_on_needs_is_refused_for_that_user() {
        let skus = catalogue();
        let users = [user("adele", Some("US"), &[E3, COMPLIANCE])];
        // M365 E3 also satisfies the add-on, so this swap is fine ...
        assert!(replacing(&users, E3, M365_E3, &skus).problems.is_empty());
        // ... but Exchange Plan 2 does not.
        let preview = replacing(&users, E3, EXCHANGE_2, &skus);
        assert!(matches!(
            preview.problems[0].errors[..],
            [LicenseError::PrerequisiteInUse { .. }]
        ));
    }

    #[test]
    fn the_impact_lists_what_revoked_products_take_and_who_loses_a_mailbox() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3, EMS]),
            user("alex", Some("US"), &[EMS]),
        ];
        let revoke = after(&users, &[(E3, Clear), (EMS, Clear)], &skus);
        assert_eq!(revoke.impact.revoked.len(), 2);
        assert_eq!(revoke.impact.losing_mailbox, 1);
        assert_eq!(revoke.impact.left_unlicensed, 2);
        let swap = replacing(&users, E3, M365_E3, &skus);
        assert_eq!(swap.impact.revoked[0].lost_plans.len(), 2);
        assert!(!swap.impact.needs_confirmation());
    }

    #[test]
    fn while_the_users_load_a_replacement_counts_holders_from_the_summary() {
        let skus = catalogue();
        let users = [
            user("adele", Some("US"), &[E3]),
            user("alex", Some("US"), &[]),
        ];
        let summary = summary_of(&users, &skus);
        let replacement = Replacement {
            from: E3.to_owned(),
            to: M365_E3.to_owned(),
        };
        let early = preview(
            Selected::Summary(&summary),
            &as_opened(&users, &skus),
            Some(&replacement),
            &skus,
        );
        let counted = early.replacement.unwrap();
        assert_eq!((counted.users, counted.skipped), (1, 1));
        assert!(counted.skipped_names.is_empty());
    }
}
