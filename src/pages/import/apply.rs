//! Saving an import: each new usage location first (PATCH user), then every license update
//! through the save's batch path, so a user moved to a country can be licensed there.

use std::collections::HashSet;

use futures::StreamExt;
use leptos::prelude::*;
use licensing::contract::{CustomerUser, UserLicenseUpdate};
use licensing::import::UserChange;

use crate::api::Client;
use crate::model::progress::Progress;
use crate::model::save_results::{Outcome, PendingUser, SaveResults};
use crate::save::SaveTo;
use crate::state;

/// Usage locations set at once, as many as the browser sends to one host.
const LOCATIONS_IN_FLIGHT: usize = 6;

/// Saves `changes` with its progress in `progress` and keeps the results for Licenses updated.
/// A refused usage location is that user's failure, and their license update is not sent.
/// `None` when nothing reached the server: the error is in `progress` and the file's result
/// stays on screen to save again (setting a location again to the same code changes nothing).
pub async fn save_import(
    client: &Client,
    customer_id: &str,
    users: &[CustomerUser],
    changes: &[UserChange],
    progress: RwSignal<Progress>,
) -> Option<SaveResults> {
    let moves: Vec<&UserChange> = changes
        .iter()
        .filter(|c| c.usage_location.is_some())
        .collect();
    let pending = |change: &UserChange| {
        let user = &users[change.user];
        PendingUser {
            name: user.display_name.clone(),
            upn: user.user_principal_name.clone(),
            before: user.assigned_licenses.clone(),
            request: change.update.clone(),
        }
    };
    let mut settled = Vec::new();
    let mut not_moved = HashSet::new();
    let mut answered = false;
    let mut unreached = None;
    let total = moves.len();
    if total > 0 {
        progress.set(Progress::Running { done: 0, total });
    }
    let mut answers = futures::stream::iter(moves.into_iter().map(|change| async move {
        let code = change.usage_location.unwrap_or_default();
        let user_id = &users[change.user].id;
        let result = client
            .update_usage_location(customer_id, user_id, code)
            .await;
        (change, result)
    }))
    .buffered(LOCATIONS_IN_FLIGHT);
    let mut done = 0;
    while let Some((change, result)) = answers.next().await {
        done += 1;
        progress.set(Progress::Running { done, total });
        let outcome = match result {
            Ok(_) => {
                answered = true;
                // A new location alone: nothing to send to the batch, and it went through.
                if change.changes_licenses() {
                    continue;
                }
                Outcome::Succeeded {
                    licenses: users[change.user].assigned_licenses.clone(),
                    warnings: Vec::new(),
                }
            }
            Err(error) => {
                not_moved.insert(change.user);
                match error.body() {
                    Some(body) => {
                        answered = true;
                        Outcome::Failed {
                            errors: body.detail.clone().into_iter().collect(),
                            code: body.detail.is_none().then_some(body.code),
                        }
                    }
                    None => {
                        unreached = Some(error);
                        Outcome::NotSent
                    }
                }
            }
        };
        settled.push(pending(change).into_result(outcome));
    }
    drop(answers);
    let updates: Vec<UserLicenseUpdate> = changes
        .iter()
        .filter(|c| c.changes_licenses() && !not_moved.contains(&c.user))
        .map(|c| c.update.clone())
        .collect();
    let nothing_else = updates.is_empty();
    let pending = PendingUser::for_updates(users, updates);
    let to = SaveTo {
        client,
        customer_id,
        progress,
        dry_run: false,
    };
    let mut kept = to.save(pending, None).await?;
    if nothing_else && !answered {
        if let Some(error) = unreached {
            progress.set(Progress::Failed(error));
            return None;
        }
    }
    kept.users.extend(settled);
    state::store_results(customer_id, &kept);
    Some(kept)
}
