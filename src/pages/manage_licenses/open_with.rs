//! What Manage licenses opens with, from its address.

use crate::storage;

/// A dialog or popover the page opens with, named in its address so that a visual-testing tool
/// reaches it from the address alone: `?dialog=buy-more&sku=<skuId>` or
/// `?dialog=assigned&sku=<skuId>`.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenWith {
    BuyMore(String),
    Assigned(String),
}

impl OpenWith {
    pub fn from_address() -> Option<OpenWith> {
        let sku = storage::initial_query_param("sku")?;
        match storage::initial_query_param("dialog")?.as_str() {
            "buy-more" => Some(OpenWith::BuyMore(sku)),
            "assigned" => Some(OpenWith::Assigned(sku)),
            _ => None,
        }
    }
}
