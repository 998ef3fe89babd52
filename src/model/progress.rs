//! Where a long action (a save, a retry, "Select all") stands, for its progress bar or its
//! error panel.

use crate::api::ApiError;

#[derive(Clone, Debug, Default, PartialEq)]
pub enum Progress {
    #[default]
    Idle,
    /// `done` of `total` items handled so far.
    Running {
        done: usize,
        total: usize,
    },
    /// Finished with `count` items.
    Done {
        count: usize,
    },
    Failed(ApiError),
}

impl Progress {
    pub fn is_running(&self) -> bool {
        matches!(self, Progress::Running { .. })
    }
}
