//! Reusable pieces, one per file, named after what the user sees.

pub mod app_shell;
pub mod assigned_popover;
pub mod breadcrumbs;
pub mod buy_more_dialog;
pub mod empty_table_row;
pub mod error_panel;
pub mod export_dialog;
pub mod language_switch;
pub mod left_nav;
pub mod menu_button;
pub mod pager;
pub mod role_picker;
pub mod role_refused_notice;
pub mod save_progress;
pub mod search_box;
pub mod service_plans;
pub mod sort_header;
pub mod table_skeleton;
pub mod theme_picker;
pub mod top_bar;
pub mod tri_state_checkbox;
pub mod user_chip;
