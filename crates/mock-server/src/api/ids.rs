//! The ids in the API's paths, one type per shape: each handler reads its path through one of
//! these, and the OpenAPI document describes the path's parameters from the same type. The
//! examples are the seed's (FIXTURE.md): Contoso, its user Delia, Office 365 E3 and its
//! subscription, so a client trying the document reaches real data.

use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct CustomerPath {
    /// The customer (tenant) id.
    #[param(example = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66", min_length = 1)]
    pub customer_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct UserPath {
    /// The customer (tenant) id.
    #[param(example = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66", min_length = 1)]
    pub customer_id: String,
    /// The user id.
    #[param(example = "0e5b7915-833c-5d66-8de7-4e97673c0da4", min_length = 1)]
    pub user_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct SkuPath {
    /// The customer (tenant) id.
    #[param(example = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66", min_length = 1)]
    pub customer_id: String,
    /// The product id.
    #[param(example = "62079124-8a0f-55fe-b693-5a6d0e61ed59", min_length = 1)]
    pub sku_id: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Path)]
pub struct SubscriptionPath {
    /// The customer (tenant) id.
    #[param(example = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66", min_length = 1)]
    pub customer_id: String,
    /// The subscription id.
    #[param(example = "ed7b5e95-9de0-5ad8-8591-3b58552cc8eb", min_length = 1)]
    pub subscription_id: String,
}
