//! Sending a save: the users' updates go to the batch endpoint 1,000 at a time, so a large
//! selection shows progress and a failure part-way keeps what already succeeded.
//!
//! Every request carries an `Idempotency-Key`. A request whose answer never arrived (a dropped
//! connection, a server error) is sent again with the same key, and the server answers what it
//! did the first time instead of applying it twice.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::{ApiError, Client};
use crate::model::progress::Progress;
use crate::model::save_results::{Outcome, PendingUser, SaveResults, UserResult};
use crate::state;
use crate::tasks::sleep;

/// Users per request: 10 requests for 10,000 users, each applied by the server in a few
/// milliseconds; small enough for the progress bar to move.
pub const CHUNK: usize = 1_000;
/// Tries per request before its users are reported as not sent.
pub const ATTEMPTS: u32 = 3;
/// After this many requests in a row failed for good, the rest are not tried: the server is
/// gone, and the partner is better served by the results now than by a long wait.
const FAILED_IN_A_ROW_TO_STOP: usize = 2;

/// Sends every pending user; `on_progress(done, total)` after each answered request. Returns
/// each user's result in the order given, and the last error that kept users from being sent,
/// if any (those users are `NotSent`).
pub async fn send_updates(
    client: &Client,
    customer_id: &str,
    pending: Vec<PendingUser>,
    dry_run: bool,
    on_progress: impl Fn(usize, usize),
) -> (Vec<UserResult>, Option<ApiError>) {
    let total = pending.len();
    let save_id = new_save_id();
    let mut results = Vec::with_capacity(total);
    let mut last_error = None;
    let mut failed_in_a_row = 0;
    let mut remaining = pending.into_iter();
    for index in 0usize.. {
        let chunk: Vec<PendingUser> = remaining.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        if failed_in_a_row >= FAILED_IN_A_ROW_TO_STOP {
            results.extend(chunk.into_iter().map(|p| p.into_result(Outcome::NotSent)));
            continue;
        }
        let key = format!("{save_id}-{index}");
        let updates: Vec<_> = chunk.iter().map(|p| p.request.clone()).collect();
        match send_with_retries(client, customer_id, updates, &key, dry_run).await {
            Ok(response) => {
                failed_in_a_row = 0;
                let mut answers = response.results.into_iter();
                for pending in chunk {
                    let answer = answers.find(|r| r.user_id == pending.request.user_id);
                    results.push(match answer {
                        Some(answer) => UserResult::from_server(pending, answer),
                        None => pending.into_result(Outcome::NotSent),
                    });
                }
            }
            Err(error) => {
                failed_in_a_row += 1;
                results.extend(chunk.into_iter().map(|p| p.into_result(Outcome::NotSent)));
                last_error = Some(error);
            }
        }
        on_progress(results.len(), total);
    }
    (results, last_error)
}

/// Where a save goes and how it shows: the signed-in client, the customer, the progress bar it
/// moves, and whether it is a dry run (a preview: answered as the save would be, applying
/// nothing and keeping nothing in the tab).
#[derive(Clone, Copy)]
pub struct SaveTo<'a> {
    pub client: &'a Client,
    pub customer_id: &'a str,
    pub progress: RwSignal<Progress>,
    pub dry_run: bool,
}

impl SaveTo<'_> {
    /// Sends a save of `pending` (with its `replacement`, if any) and keeps all its results as
    /// the customer's (for Licenses updated, and a reload of it). `None` when nothing reached
    /// the server, which leaves everything as it was and the error in `progress`.
    pub async fn save(
        &self,
        pending: Vec<PendingUser>,
        replacement: Option<(String, String)>,
    ) -> Option<SaveResults> {
        self.send_and_keep(pending, None, replacement).await
    }

    /// Sends `pending` again and merges what reached the server into the `earlier` results.
    pub async fn retry(
        &self,
        pending: Vec<PendingUser>,
        earlier: SaveResults,
    ) -> Option<SaveResults> {
        self.send_and_keep(pending, Some(earlier), None).await
    }

    async fn send_and_keep(
        &self,
        pending: Vec<PendingUser>,
        earlier: Option<SaveResults>,
        replacement: Option<(String, String)>,
    ) -> Option<SaveResults> {
        let SaveTo {
            client,
            customer_id,
            progress,
            dry_run,
        } = *self;
        progress.set(Progress::Running {
            done: 0,
            total: pending.len(),
        });
        let (results, error) =
            send_updates(client, customer_id, pending, dry_run, |done, total| {
                progress.set(Progress::Running { done, total })
            })
            .await;
        let answered = results
            .iter()
            .any(|r| !matches!(r.outcome, Outcome::NotSent));
        if !answered {
            if let Some(error) = error {
                progress.set(Progress::Failed(error));
                return None;
            }
        }
        let kept = match earlier {
            None => SaveResults {
                users: results,
                replacement,
                undo: false,
            },
            Some(mut earlier) => {
                earlier.merge(
                    results
                        .into_iter()
                        .filter(|r| !matches!(r.outcome, Outcome::NotSent))
                        .collect(),
                );
                earlier
            }
        };
        if !dry_run {
            state::store_results(customer_id, &kept);
        }
        progress.set(error.map_or(Progress::Idle, Progress::Failed));
        Some(kept)
    }
}

/// One request, sent again (same key) while its answer is lost to the network or a server
/// error; a refusal (4xx) is final.
async fn send_with_retries(
    client: &Client,
    customer_id: &str,
    updates: Vec<licensing::contract::UserLicenseUpdate>,
    key: &str,
    dry_run: bool,
) -> Result<licensing::contract::BatchLicenseUpdateResponse, ApiError> {
    let mut attempt = 1;
    loop {
        match client
            .apply_license_updates(customer_id, updates.clone(), key, dry_run)
            .await
        {
            Err(error) if attempt < ATTEMPTS && worth_retrying(&error) => {
                sleep(Duration::from_millis(200 * u64::from(attempt))).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Whether the same request may succeed if sent again.
pub fn worth_retrying(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) | ApiError::Decode(_) => true,
        // 409: the same key is still being applied by the first attempt.
        ApiError::Server { status, .. } | ApiError::Status(status) => {
            *status >= 500 || *status == 409
        }
    }
}

/// A fresh id for one save; its requests' keys are `<id>-<n>`.
fn new_save_id() -> String {
    let random = |bits: f64| (js_sys::Math::random() * bits) as u64;
    format!(
        "save-{:x}-{:012x}{:08x}",
        js_sys::Date::now() as u64,
        random(2f64.powi(48)),
        random(2f64.powi(32))
    )
}
