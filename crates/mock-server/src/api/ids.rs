//! The ids in the API's paths, one type per shape: each handler reads its path through one of
//! these, and the OpenAPI document describes the path's parameters from the same type.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct CustomerPath {
    /// The customer (tenant) id.
    pub customer_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct UserPath {
    /// The customer (tenant) id.
    pub customer_id: String,
    /// The user id.
    pub user_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct SkuPath {
    /// The customer (tenant) id.
    pub customer_id: String,
    /// The product id.
    pub sku_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct SubscriptionPath {
    /// The customer (tenant) id.
    pub customer_id: String,
    /// The subscription id.
    pub subscription_id: String,
}
