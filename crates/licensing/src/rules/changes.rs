use std::collections::BTreeSet;
use std::sync::Arc;

use crate::contract::{LicenseAssignment, UserLicenseUpdate};

use super::tri_state::TriState;

/// What the Manage licenses page holds for one product: its box, which selected users hold it,
/// and the service plans to leave out if the partner chose them in "View service plans".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductChoice {
    pub sku_id: String,
    /// The box now: checked gives it to everyone selected, clear takes it from everyone,
    /// mixed (only reachable from a box that opened mixed) leaves each user as they are.
    pub state: TriState,
    /// Ids of the selected users who hold the product; shared, as the page rebuilds its
    /// choices on every tick and thousands of ids need not be copied each time.
    pub holders: Arc<BTreeSet<String>>,
    /// `Some`: these plans are excluded for every user who ends up with the product, holders
    /// included. `None`: plans untouched (new holders get all of them).
    pub excluded_plans: Option<Vec<String>>,
}

/// The summary line of one product on the page and on the confirmation dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProductChange {
    Unchanged,
    /// Given to `users` who lack it, and its plans updated for `plan_updates` who hold it.
    Assign {
        users: usize,
        plan_updates: usize,
    },
    /// Taken from `users` who hold it.
    Revoke {
        users: usize,
    },
}

impl ProductChange {
    pub fn new_seats(self) -> u32 {
        match self {
            ProductChange::Assign { users, .. } => saturating_u32(users),
            ProductChange::Unchanged | ProductChange::Revoke { .. } => 0,
        }
    }

    pub fn freed_seats(self) -> u32 {
        match self {
            ProductChange::Revoke { users } => saturating_u32(users),
            ProductChange::Unchanged | ProductChange::Assign { .. } => 0,
        }
    }
}

fn saturating_u32(count: usize) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

impl ProductChoice {
    /// What saving would do to this product for the `selected` users.
    pub fn change<'a>(&self, selected: impl IntoIterator<Item = &'a str>) -> ProductChange {
        let (holding, lacking) = selected.into_iter().fold((0, 0), |(holding, lacking), id| {
            if self.holders.contains(id) {
                (holding + 1, lacking)
            } else {
                (holding, lacking + 1)
            }
        });
        self.change_from_counts(holding, lacking)
    }

    /// [`ProductChoice::change`] from a count alone, when every holder is among the `selected`
    /// users (as on the page, which takes the holders from the selection): no lookup per user.
    pub fn change_among(&self, selected: usize) -> ProductChange {
        let holding = self.holders.len().min(selected);
        self.change_from_counts(holding, selected - holding)
    }

    fn change_from_counts(&self, holding: usize, lacking: usize) -> ProductChange {
        let plan_updates = if self.excluded_plans.is_some() {
            holding
        } else {
            0
        };
        match self.state {
            TriState::Checked if lacking + plan_updates > 0 => ProductChange::Assign {
                users: lacking,
                plan_updates,
            },
            TriState::Clear if holding > 0 => ProductChange::Revoke { users: holding },
            TriState::Checked | TriState::Clear | TriState::Mixed => ProductChange::Unchanged,
        }
    }
}

/// The per-user updates that saving the page sends, in selection order; users with nothing
/// to change are left out.
pub fn build_updates<'a>(
    selected: impl IntoIterator<Item = &'a str>,
    choices: &[ProductChoice],
) -> Vec<UserLicenseUpdate> {
    // Boxes that cannot change anyone are not asked about every user.
    let choices: Vec<&ProductChoice> = choices
        .iter()
        .filter(|c| match c.state {
            TriState::Checked => true,
            TriState::Clear => !c.holders.is_empty(),
            TriState::Mixed => false,
        })
        .collect();
    if choices.is_empty() {
        return Vec::new();
    }
    selected
        .into_iter()
        .filter_map(|user_id| {
            let mut update = UserLicenseUpdate {
                user_id: user_id.to_owned(),
                ..UserLicenseUpdate::default()
            };
            for choice in &choices {
                let holds = choice.holders.contains(user_id);
                match choice.state {
                    TriState::Checked if !holds || choice.excluded_plans.is_some() => {
                        update.licenses_to_assign.push(LicenseAssignment {
                            sku_id: choice.sku_id.clone(),
                            excluded_plans: choice.excluded_plans.clone().unwrap_or_default(),
                        });
                    }
                    TriState::Clear if holds => {
                        update.licenses_to_remove.push(choice.sku_id.clone());
                    }
                    TriState::Checked | TriState::Clear | TriState::Mixed => {}
                }
            }
            let changes =
                !update.licenses_to_assign.is_empty() || !update.licenses_to_remove.is_empty();
            changes.then_some(update)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SELECTED: [&str; 3] = ["adele", "alex", "irvin"];

    fn choice(sku_id: &str, state: TriState, holders: &[&str]) -> ProductChoice {
        ProductChoice {
            sku_id: sku_id.to_owned(),
            state,
            holders: Arc::new(holders.iter().map(|h| (*h).to_owned()).collect()),
            excluded_plans: None,
        }
    }

    #[test]
    fn checking_a_mixed_product_assigns_it_to_the_users_who_lack_it() {
        let e3 = choice("e3", TriState::Checked, &["adele"]);
        assert_eq!(
            e3.change(SELECTED),
            ProductChange::Assign {
                users: 2,
                plan_updates: 0
            }
        );
        let updates = build_updates(SELECTED, &[e3]);
        let users: Vec<&str> = updates.iter().map(|u| u.user_id.as_str()).collect();
        assert_eq!(users, ["alex", "irvin"]);
        assert_eq!(updates[0].licenses_to_assign[0].sku_id, "e3");
    }

    #[test]
    fn clearing_a_product_revokes_it_from_the_users_who_hold_it() {
        let e3 = choice("e3", TriState::Clear, &["adele", "alex"]);
        assert_eq!(e3.change(SELECTED), ProductChange::Revoke { users: 2 });
        let updates = build_updates(SELECTED, &[e3]);
        assert_eq!(updates.len(), 2);
        assert_eq!(updates[1].licenses_to_remove, ["e3"]);
    }

    #[test]
    fn the_change_from_counts_is_the_change_from_the_users() {
        let mut planned = choice("e3", TriState::Checked, &["adele"]);
        planned.excluded_plans = Some(vec!["teams".to_owned()]);
        let cases = [
            choice("e3", TriState::Checked, &["adele"]),
            choice("e3", TriState::Checked, &SELECTED),
            choice("e3", TriState::Clear, &["adele", "alex"]),
            choice("e3", TriState::Clear, &[]),
            choice("e3", TriState::Mixed, &["irvin"]),
            planned,
        ];
        for case in cases {
            assert_eq!(
                case.change_among(SELECTED.len()),
                case.change(SELECTED),
                "{case:?}"
            );
        }
    }

    #[test]
    fn a_box_left_mixed_changes_nobody() {
        let e3 = choice("e3", TriState::Mixed, &["adele"]);
        assert_eq!(e3.change(SELECTED), ProductChange::Unchanged);
        assert!(build_updates(SELECTED, &[e3]).is_empty());
    }

    #[test]
    fn a_box_left_as_it_opened_changes_nobody() {
        let all = choice("e3", TriState::Checked, &SELECTED);
        let none = choice("ems", TriState::Clear, &[]);
        assert_eq!(all.change(SELECTED), ProductChange::Unchanged);
        assert_eq!(none.change(SELECTED), ProductChange::Unchanged);
        assert!(build_updates(SELECTED, &[all, none]).is_empty());
    }

    #[test]
    fn choosing_service_plans_updates_them_for_holders_too() {
        let mut e3 = choice("e3", TriState::Checked, &["adele"]);
        e3.excluded_plans = Some(vec!["teams".to_owned()]);
        assert_eq!(
            e3.change(SELECTED),
            ProductChange::Assign {
                users: 2,
                plan_updates: 1
            }
        );
        let updates = build_updates(SELECTED, &[e3]);
        assert_eq!(updates.len(), 3);
        assert!(updates
            .iter()
            .all(|u| u.licenses_to_assign[0].excluded_plans == ["teams"]));
    }

    #[test]
    fn one_user_gets_every_change_of_the_save_in_one_update() {
        let e3 = choice("e3", TriState::Checked, &[]);
        let ems = choice("ems", TriState::Clear, &["alex"]);
        let updates = build_updates(["alex"], &[e3, ems]);
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].licenses_to_assign.len(), 1);
        assert_eq!(updates[0].licenses_to_remove, ["ems"]);
    }

    #[test]
    fn a_revoke_frees_seats_and_an_assign_needs_them() {
        let assign = ProductChange::Assign {
            users: 3,
            plan_updates: 2,
        };
        assert_eq!((assign.new_seats(), assign.freed_seats()), (3, 0));
        let revoke = ProductChange::Revoke { users: 2 };
        assert_eq!((revoke.new_seats(), revoke.freed_seats()), (0, 2));
    }
}
