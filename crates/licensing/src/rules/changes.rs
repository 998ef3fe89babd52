use crate::catalogue::Catalogue;
use crate::contract::{CustomerUser, LicenseAssignment, UserLicenseUpdate};

use super::replace::Replacement;
use super::tri_state::TriState;

/// What the Manage licenses page holds for one product: its box, and the service plans to leave
/// out if the partner chose them in "View service plans".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductChoice {
    pub sku_id: String,
    /// The box now: checked gives it to everyone selected, clear takes it from everyone,
    /// mixed (only reachable from a box that opened mixed) leaves each user as they are.
    pub state: TriState,
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

impl ProductChoice {
    /// What saving would do to this product when `holding` of the `selected` users hold it.
    pub fn change(&self, holding: usize, selected: usize) -> ProductChange {
        let holding = holding.min(selected);
        let lacking = selected - holding;
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

    /// The update this choice asks for one user: `Some(true)` assign, `Some(false)` remove.
    fn asks(&self, user: &CustomerUser) -> Option<bool> {
        let holds = user.holds(&self.sku_id);
        match self.state {
            TriState::Checked if !holds || self.excluded_plans.is_some() => Some(true),
            TriState::Clear if holds => Some(false),
            TriState::Checked | TriState::Clear | TriState::Mixed => None,
        }
    }
}

/// Each user with the update that saving the page sends them, in selection order; users with
/// nothing to change are left out. A replacement decides its two products alone (their boxes
/// are ignored) and adds its swap to the same update as the user's other changes.
pub fn updates_for<'a>(
    users: impl IntoIterator<Item = &'a CustomerUser>,
    choices: &[ProductChoice],
    replacement: Option<&Replacement>,
    skus: &Catalogue,
) -> Vec<(&'a CustomerUser, UserLicenseUpdate)> {
    // Boxes left mixed are not asked about every user.
    let choices: Vec<&ProductChoice> = choices
        .iter()
        .filter(|c| c.state != TriState::Mixed)
        .filter(|c| !replacement.is_some_and(|r| r.involves(&c.sku_id)))
        .collect();
    if choices.is_empty() && replacement.is_none() {
        return Vec::new();
    }
    users
        .into_iter()
        .filter_map(|user| {
            let mut update = UserLicenseUpdate {
                user_id: user.id.clone(),
                ..UserLicenseUpdate::default()
            };
            for choice in &choices {
                match choice.asks(user) {
                    Some(true) => update.licenses_to_assign.push(LicenseAssignment {
                        sku_id: choice.sku_id.clone(),
                        excluded_plans: choice.excluded_plans.clone().unwrap_or_default(),
                    }),
                    Some(false) => update.licenses_to_remove.push(choice.sku_id.clone()),
                    None => {}
                }
            }
            if let Some((assign, remove)) = replacement.and_then(|r| r.asks(user, skus)) {
                update.licenses_to_assign.extend(assign);
                update.licenses_to_remove.push(remove);
            }
            let changes =
                !update.licenses_to_assign.is_empty() || !update.licenses_to_remove.is_empty();
            changes.then_some((user, update))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::user;

    fn selected() -> Vec<CustomerUser> {
        vec![
            user("adele", Some("US"), &["e3"]),
            user("alex", Some("US"), &["ems"]),
            user("irvin", Some("US"), &[]),
        ]
    }

    fn choice(sku_id: &str, state: TriState) -> ProductChoice {
        ProductChoice {
            sku_id: sku_id.to_owned(),
            state,
            excluded_plans: None,
        }
    }

    fn user_ids(updates: &[(&CustomerUser, UserLicenseUpdate)]) -> Vec<String> {
        updates.iter().map(|(u, _)| u.id.clone()).collect()
    }

    #[test]
    fn checking_a_mixed_product_assigns_it_to_the_users_who_lack_it() {
        let e3 = choice("e3", TriState::Checked);
        assert_eq!(
            e3.change(1, 3),
            ProductChange::Assign {
                users: 2,
                plan_updates: 0
            }
        );
        let users = selected();
        let updates = updates_for(&users, &[e3], None, &Catalogue::default());
        assert_eq!(user_ids(&updates), ["alex", "irvin"]);
        assert_eq!(updates[0].1.licenses_to_assign[0].sku_id, "e3");
    }

    #[test]
    fn clearing_a_product_revokes_it_from_the_users_who_hold_it() {
        let ems = choice("ems", TriState::Clear);
        assert_eq!(ems.change(1, 3), ProductChange::Revoke { users: 1 });
        let users = selected();
        let updates = updates_for(&users, &[ems], None, &Catalogue::default());
        assert_eq!(user_ids(&updates), ["alex"]);
        assert_eq!(updates[0].1.licenses_to_remove, ["ems"]);
    }

    #[test]
    fn a_box_left_mixed_changes_nobody() {
        let e3 = choice("e3", TriState::Mixed);
        assert_eq!(e3.change(1, 3), ProductChange::Unchanged);
        assert!(updates_for(&selected(), &[e3], None, &Catalogue::default()).is_empty());
    }

    #[test]
    fn a_box_left_as_it_opened_changes_nobody() {
        let users = vec![user("adele", Some("US"), &["e3"])];
        let all = choice("e3", TriState::Checked);
        let none = choice("ems", TriState::Clear);
        assert_eq!(all.change(1, 1), ProductChange::Unchanged);
        assert_eq!(none.change(0, 1), ProductChange::Unchanged);
        assert!(updates_for(&users, &[all, none], None, &Catalogue::default()).is_empty());
    }

    #[test]
    fn choosing_service_plans_updates_them_for_holders_too() {
        let mut e3 = choice("e3", TriState::Checked);
        e3.excluded_plans = Some(vec!["teams".to_owned()]);
        assert_eq!(
            e3.change(1, 3),
            ProductChange::Assign {
                users: 2,
                plan_updates: 1
            }
        );
        let users = selected();
        let updates = updates_for(&users, &[e3], None, &Catalogue::default());
        assert_eq!(updates.len(), 3);
        assert!(updates
            .iter()
            .all(|(_, u)| u.licenses_to_assign[0].excluded_plans == ["teams"]));
    }

    #[test]
    fn one_user_gets_every_change_of_the_save_in_one_update() {
        let users = vec![user("alex", Some("US"), &["ems"])];
        let updates = updates_for(
            &users,
            &[
                choice("e3", TriState::Checked),
                choice("ems", TriState::Clear),
            ],
            None,
            &Catalogue::default(),
        );
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].1.licenses_to_assign.len(), 1);
        assert_eq!(updates[0].1.licenses_to_remove, ["ems"]);
    }

    #[test]
    fn more_holders_than_selected_users_count_as_every_one_of_them() {
        assert_eq!(
            choice("e3", TriState::Clear).change(5, 3),
            ProductChange::Revoke { users: 3 }
        );
    }
}
