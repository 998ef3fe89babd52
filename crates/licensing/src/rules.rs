//! The pure rules that decide what happens to licenses. The mock server applies changes with
//! them and the UI previews with them, so a preview never disagrees with the outcome.
//!
//! - [`TriState`]: the product box of the Manage licenses page.
//! - [`plan_user_update`]: one user's update, all-or-nothing, every rule but seats.
//! - [`plan_batch`]: many users against shared seat counts, as the server applies a batch.
//! - [`seat_demand`]: seats needed, freed and missing per product.
//! - [`ProductChoice`]: a product's box and chosen service plans.
//! - [`preview`]: everything Manage licenses shows for its boxes, and the updates Save sends.
//! - [`Replacement`]: "Replace product A with B", previewed and sent like the boxes.
//! - [`Impact`]: the service plans, mailboxes and licenses a save takes away.
//! - [`undo_update`]: the update that takes a user back to what they held before a save.
//! - [`holdings`]: how many of the selected users hold each product (the page's summary).
//! - [`check_usage_location_change`] / [`check_quantity_change`]: the other writes.

mod batch;
mod changes;
mod holdings;
mod impact;
mod preview;
mod replace;
mod seats;
mod settings;
mod tri_state;
mod undo;
mod user_update;

#[cfg(test)]
pub(crate) mod test_support;

pub use batch::{plan_batch, BatchEntry};
pub use changes::{ProductChange, ProductChoice};
pub use holdings::holdings;
pub use impact::{is_mailbox, Impact, LostPlan, RevokedProduct, MAILBOX_RETENTION_DAYS};
pub use preview::{
    preview, Preview, ProductPreview, ReplacementPreview, SaveBlocker, Selected, UserProblems,
};
pub use replace::Replacement;
pub use seats::{seat_demand, SeatDemand};
pub use settings::{check_quantity_change, check_seats_can_change, check_usage_location_change};
pub use tri_state::TriState;
pub use undo::{holds_exactly, undo_update};
pub use user_update::{
    plan_user_update, UserPlan, WARNING_ALL_PLANS_EXCLUDED, WARNING_NOT_ASSIGNED,
};
