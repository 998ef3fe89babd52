//! Licenses updated reached by its address alone, for visual-testing tools.

use licensing::rules::{ProductChoice, TriState};

use crate::storage;

/// A save named by the address, for visual-testing tools that only take an address:
/// `?preview=1&users=<ids>&assign=<skuIds>&revoke=<skuIds>` sends the updates Manage licenses
/// would send with those products checked and cleared for those users, as a dry run.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewAddress {
    pub users: Vec<String>,
    pub choices: Vec<ProductChoice>,
}

impl PreviewAddress {
    pub fn from_address() -> Option<PreviewAddress> {
        storage::initial_query_param("preview").filter(|p| p == "1")?;
        let ids = |name: &str| -> Vec<String> {
            storage::initial_query_param(name)
                .map(|list| {
                    list.split(',')
                        .filter(|id| !id.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let choice = |state: TriState| {
            move |sku_id: String| ProductChoice {
                sku_id,
                state,
                excluded_plans: None,
            }
        };
        let choices = ids("assign")
            .into_iter()
            .map(choice(TriState::Checked))
            .chain(ids("revoke").into_iter().map(choice(TriState::Clear)))
            .collect();
        Some(PreviewAddress {
            users: ids("users"),
            choices,
        })
    }
}
