//! Sending a save: the users' updates go to the batch endpoint 100 at a time, so a large
//! selection shows progress and a failure part-way keeps what already succeeded.

use crate::api::{self, ApiError};
use crate::model::save_results::{Outcome, PendingUser, UserResult};

/// Users per request: small enough for steady progress, large enough to be quick.
pub const CHUNK: usize = 100;

/// Sends every pending user; `on_progress(done, total)` after each answered request. Returns
/// each user's result in the order given, and the error that stopped the sending, if any (the
/// users not sent by then are `NotSent`).
pub async fn send_updates(
    token: &str,
    customer_id: &str,
    pending: Vec<PendingUser>,
    on_progress: impl Fn(usize, usize),
) -> (Vec<UserResult>, Option<ApiError>) {
    let total = pending.len();
    let mut results = Vec::with_capacity(total);
    let mut remaining = pending.into_iter();
    loop {
        let chunk: Vec<PendingUser> = remaining.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return (results, None);
        }
        let updates = chunk.iter().map(|p| p.request.clone()).collect();
        match api::apply_license_updates(token, customer_id, updates).await {
            Ok(response) => {
                let mut answers = response.results.into_iter();
                for pending in chunk {
                    let answer = answers.find(|r| r.user_id == pending.request.user_id);
                    results.push(match answer {
                        Some(answer) => UserResult::from_server(pending, answer),
                        None => pending.into_result(Outcome::NotSent),
                    });
                }
                on_progress(results.len(), total);
            }
            Err(error) => {
                results.extend(
                    chunk
                        .into_iter()
                        .chain(remaining)
                        .map(|p| p.into_result(Outcome::NotSent)),
                );
                return (results, Some(error));
            }
        }
    }
}
