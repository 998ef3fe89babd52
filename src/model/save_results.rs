//! What a save did, user by user, as the Licenses updated page shows it. Kept in
//! `sessionStorage` per customer, so a reload of the confirmation page keeps it, and with each
//! user's request, so "Retry failed users" can send exactly the failures again.

use std::collections::BTreeSet;

use licensing::contract::{
    AssignedLicense, CustomerUser, LicenseError, LicenseWarning, UpdateStatus, UserLicenseUpdate,
    UserUpdateResult,
};
use licensing::rules::undo_update;
use serde::{Deserialize, Serialize};

/// How one user's update ended.
// Externally tagged (serde's default): an internally tagged enum's buffering bloats the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Applied; the licenses the user holds now.
    Succeeded {
        licenses: Vec<AssignedLicense>,
        warnings: Vec<LicenseWarning>,
    },
    /// Refused, with every reason.
    Failed {
        errors: Vec<LicenseError>,
        /// The server's error code when it gave no typed reason (worded by `error_text`).
        code: Option<i32>,
    },
    /// Never answered: the connection failed before this user's turn.
    NotSent,
}

/// One user's line on the confirmation page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserResult {
    pub user_id: String,
    pub name: String,
    /// The user's principal name, for the export (results kept before it was recorded have none).
    #[serde(default)]
    pub upn: String,
    /// The licenses the user held before the save, with their excluded plans (what Undo
    /// sends back).
    pub before: Vec<AssignedLicense>,
    pub request: UserLicenseUpdate,
    pub outcome: Outcome,
}

impl UserResult {
    pub fn succeeded(&self) -> bool {
        matches!(self.outcome, Outcome::Succeeded { .. })
    }

    /// Whether sending the same request again may succeed.
    pub fn retryable(&self) -> bool {
        // An import's new usage location alone has no license update to send again.
        let nothing_to_send = self.request.licenses_to_assign.is_empty()
            && self.request.licenses_to_remove.is_empty();
        if nothing_to_send {
            return false;
        }
        match &self.outcome {
            Outcome::Succeeded { .. } => false,
            Outcome::Failed { errors, .. } => !errors
                .iter()
                .any(|e| matches!(e, LicenseError::LicensesChanged { .. })),
            Outcome::NotSent => true,
        }
    }

    /// The licenses (by id) the user holds as far as the save knows: after it, or as the server
    /// said when it refused them for a change made by someone else, or as before.
    pub fn held_now(&self) -> Vec<String> {
        match &self.outcome {
            Outcome::Succeeded { licenses, .. } => {
                licenses.iter().map(|l| l.sku_id.clone()).collect()
            }
            Outcome::Failed { errors, .. } => errors
                .iter()
                .find_map(|e| match e {
                    LicenseError::LicensesChanged { held } => Some(held.clone()),
                    _ => None,
                })
                .unwrap_or_else(|| self.before.iter().map(|l| l.sku_id.clone()).collect()),
            Outcome::NotSent => self.before.iter().map(|l| l.sku_id.clone()).collect(),
        }
    }

    /// Products gained and lost by the save, by id, sorted; empty unless it succeeded.
    pub fn changes(&self) -> (Vec<String>, Vec<String>) {
        let Outcome::Succeeded { licenses, .. } = &self.outcome else {
            return (Vec::new(), Vec::new());
        };
        let before: BTreeSet<&str> = self.before.iter().map(|l| l.sku_id.as_str()).collect();
        let after: BTreeSet<&str> = licenses.iter().map(|l| l.sku_id.as_str()).collect();
        (
            after.difference(&before).map(|s| (*s).to_owned()).collect(),
            before.difference(&after).map(|s| (*s).to_owned()).collect(),
        )
    }

    /// The changes as Licenses updated lists them: the save's "Replace A with B" as `(A, B)`
    /// when this user lost A and gained B, then the other products gained and lost.
    pub fn shown_changes(
        &self,
        replacement: Option<&(String, String)>,
    ) -> (Option<(String, String)>, Vec<String>, Vec<String>) {
        let (mut added, mut removed) = self.changes();
        let swapped = replacement
            .filter(|(from, to)| removed.contains(from) && added.contains(to))
            .cloned();
        if let Some((from, to)) = &swapped {
            added.retain(|id| id != to);
            removed.retain(|id| id != from);
        }
        (swapped, added, removed)
    }

    /// The outcome the server reported for this user.
    pub fn from_server(pending: PendingUser, result: UserUpdateResult) -> UserResult {
        let outcome = match result.status {
            UpdateStatus::Succeeded => Outcome::Succeeded {
                licenses: result.assigned_licenses.unwrap_or_default(),
                warnings: result
                    .update
                    .map(|u| u.license_warnings)
                    .unwrap_or_default(),
            },
            UpdateStatus::Failed => {
                let mut errors = result.errors;
                if errors.is_empty() {
                    errors.extend(result.error.as_ref().and_then(|e| e.detail.clone()));
                }
                Outcome::Failed {
                    code: errors
                        .is_empty()
                        .then(|| result.error.map(|e| e.code))
                        .flatten(),
                    errors,
                }
            }
        };
        pending.into_result(outcome)
    }
}

/// A user about to be sent: who, what they hold, what is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingUser {
    pub name: String,
    pub upn: String,
    pub before: Vec<AssignedLicense>,
    pub request: UserLicenseUpdate,
}

impl PendingUser {
    /// Each update with its user from `users` (found by id: a search per user is quadratic at
    /// 10,000 users); an update for a user not among them is dropped.
    pub fn for_updates(
        users: &[CustomerUser],
        updates: Vec<UserLicenseUpdate>,
    ) -> Vec<PendingUser> {
        let by_id: std::collections::HashMap<&str, &CustomerUser> =
            users.iter().map(|u| (u.id.as_str(), u)).collect();
        updates
            .into_iter()
            .filter_map(|request| {
                let user = by_id.get(request.user_id.as_str())?;
                Some(PendingUser {
                    name: user.display_name.clone(),
                    upn: user.user_principal_name.clone(),
                    before: user.assigned_licenses.clone(),
                    request,
                })
            })
            .collect()
    }

    pub fn into_result(self, outcome: Outcome) -> UserResult {
        UserResult {
            user_id: self.request.user_id.clone(),
            name: self.name,
            upn: self.upn,
            before: self.before,
            request: self.request,
            outcome,
        }
    }
}

/// Every user of a save, sorted for the page by the caller (the order depends on the language).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveResults {
    pub users: Vec<UserResult>,
    /// The save's "Replace A with B", as (A, B): its users' lines read "A → B".
    #[serde(default)]
    pub replacement: Option<(String, String)>,
    /// Whether this save was the Undo of an earlier one (which is not offered again).
    #[serde(default)]
    pub undo: bool,
}

impl SaveResults {
    pub fn succeeded(&self) -> usize {
        self.users.iter().filter(|u| u.succeeded()).count()
    }

    pub fn failed(&self) -> usize {
        self.users.len() - self.succeeded()
    }

    /// The users to send again: every one that did not succeed, but those refused because
    /// someone else changed them (the same request would be refused again).
    pub fn retry_list(&self) -> Vec<UserResult> {
        self.users
            .iter()
            .filter(|u| u.retryable())
            .cloned()
            .collect()
    }

    /// How many users [`SaveResults::retry_list`] would send.
    pub fn retryable(&self) -> usize {
        self.users.iter().filter(|u| u.retryable()).count()
    }

    /// Undo: for every user the save succeeded for, the update that takes them back to what
    /// they held before, on condition that they still hold what the save left them with.
    pub fn undo_list(&self) -> Vec<PendingUser> {
        self.users
            .iter()
            .filter_map(|user| {
                let Outcome::Succeeded { licenses, .. } = &user.outcome else {
                    return None;
                };
                Some(PendingUser {
                    name: user.name.clone(),
                    upn: user.upn.clone(),
                    before: licenses.clone(),
                    request: undo_update(&user.user_id, &user.before, licenses)?,
                })
            })
            .collect()
    }

    /// Replaces the lines of users that were sent again with their new outcome.
    pub fn merge(&mut self, newer: Vec<UserResult>) {
        let lines: std::collections::HashMap<String, usize> = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.user_id.clone(), i))
            .collect();
        for result in newer {
            match lines.get(&result.user_id) {
                Some(&i) => self.users[i] = result,
                None => self.users.push(result),
            }
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("results always serialize")
    }

    pub fn from_json(json: &str) -> Option<SaveResults> {
        // from_slice like every other read: a from_str reader would be a second copy of the types' code.
        serde_json::from_slice(json.as_bytes()).ok()
    }

    pub fn storage_key(customer_id: &str) -> String {
        format!("pc.results.{customer_id}")
    }
}
