//! "Select all N matching users": every user the list finds, on every page.

use leptos::prelude::*;

use super::selected_user;
use crate::api::Client;
use crate::model::list_query::ListQuery;
use crate::model::progress::Progress;
use crate::model::selection::Selection;

/// The list whose users are all selected: a customer's users (or a product's holders) as its
/// search and filters find them.
pub struct SelectAll {
    pub customer_id: String,
    pub holding: Option<String>,
    pub query: ListQuery,
}

impl SelectAll {
    /// Reads every matching user (500 at a time, `progress` told how far) and adds them to
    /// `selection`; a failure is left in `progress`, the selection as it was.
    pub async fn run(
        self,
        client: Client,
        total: usize,
        selection: RwSignal<Selection>,
        progress: RwSignal<Progress>,
    ) {
        let ListQuery { filter, narrow, .. } = self.query;
        progress.set(Progress::Running { done: 0, total });
        let result = client
            .list_all_matching_users(
                &self.customer_id,
                self.holding.as_deref(),
                &filter,
                &narrow,
                &|done, total| progress.set(Progress::Running { done, total }),
            )
            .await;
        match result {
            Ok(users) => {
                let count = users.len();
                selection.update(|s| s.add_all(users.iter().map(selected_user)));
                progress.set(Progress::Done { count });
            }
            Err(error) => progress.set(Progress::Failed(error)),
        }
    }
}
