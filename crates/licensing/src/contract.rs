//! The Partner Center licensing API contract, shared by the wasm client and the mock server.
//!
//! Responses are camelCase JSON, as Partner Center sends them. Request types also accept the
//! PascalCase keys the public documentation shows (`LicensesToAssign`), refuse unknown keys so a
//! typo is an error rather than a silently ignored field, and read a `null` list as empty.
//!
//! Everything here depends on serde alone: the same definitions compile to wasm32 and native.
//! The mock server turns on the `openapi` feature, which adds utoipa's schema derives for its
//! OpenAPI document; the app never does.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Most seats a subscription may have: Partner Center's quantity is a 32-bit signed integer.
pub const MAX_QUANTITY: u32 = i32::MAX as u32;

/// Reads a seat count, refusing one past [`MAX_QUANTITY`] as the contract does.
fn bounded_quantity<'de, D>(deserializer: D) -> Result<u32, D::Error>
where
    D: Deserializer<'de>,
{
    let quantity = u32::deserialize(deserializer)?;
    if quantity > MAX_QUANTITY {
        return Err(serde::de::Error::custom(format_args!(
            "quantity {quantity} is over the largest, {MAX_QUANTITY}"
        )));
    }
    Ok(quantity)
}

/// Reads an id, refusing an empty one.
fn non_empty<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    let id = String::deserialize(deserializer)?;
    if id.is_empty() {
        return Err(serde::de::Error::invalid_length(
            0,
            &"an id of 1 or more characters",
        ));
    }
    Ok(id)
}

/// Reads a list that the documented API allows to be `null` (`"excludedPlans": null`).
fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Session and roles
// ---------------------------------------------------------------------------------------------

/// A Partner Center role the signed-in partner user acts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Role {
    AdminAgent,
    GlobalAdmin,
    HelpdeskAgent,
    SalesAgent,
    UserManagementAdmin,
    BillingAdmin,
    AccountAdmin,
    MpnPartnerAdmin,
    ReferralsAdmin,
    IncentivesAdmin,
    BusinessProfileAdmin,
}

impl Role {
    /// Every role, the five that may manage licenses first.
    pub const ALL: [Role; 11] = [
        Role::AdminAgent,
        Role::GlobalAdmin,
        Role::HelpdeskAgent,
        Role::SalesAgent,
        Role::UserManagementAdmin,
        Role::BillingAdmin,
        Role::AccountAdmin,
        Role::MpnPartnerAdmin,
        Role::ReferralsAdmin,
        Role::IncentivesAdmin,
        Role::BusinessProfileAdmin,
    ];

    /// The roles the Partner Center documentation lists as "appropriate" for assigning and
    /// revoking licenses; the others may browse customers but not touch users or licenses.
    pub fn can_manage_licenses(self) -> bool {
        matches!(
            self,
            Role::AdminAgent
                | Role::GlobalAdmin
                | Role::HelpdeskAgent
                | Role::SalesAgent
                | Role::UserManagementAdmin
        )
    }

    /// The wire name, also usable as a stable key (`"AdminAgent"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::AdminAgent => "AdminAgent",
            Role::GlobalAdmin => "GlobalAdmin",
            Role::HelpdeskAgent => "HelpdeskAgent",
            Role::SalesAgent => "SalesAgent",
            Role::UserManagementAdmin => "UserManagementAdmin",
            Role::BillingAdmin => "BillingAdmin",
            Role::AccountAdmin => "AccountAdmin",
            Role::MpnPartnerAdmin => "MpnPartnerAdmin",
            Role::ReferralsAdmin => "ReferralsAdmin",
            Role::IncentivesAdmin => "IncentivesAdmin",
            Role::BusinessProfileAdmin => "BusinessProfileAdmin",
        }
    }
}

/// `POST /api/v1/session`: the mock sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionRequest {
    #[serde(alias = "Role")]
    pub role: Role,
    #[serde(default, alias = "DisplayName")]
    pub display_name: Option<String>,
}

/// A signed-in session; `token` goes into `Authorization: Bearer <token>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub token: String,
    pub role: Role,
    pub display_name: String,
}

// ---------------------------------------------------------------------------------------------
// Customers and collections
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    pub id: String,
    pub company_profile: CompanyProfile,
    /// `"reseller"`, `"advisor"`, ... as Partner Center sends it.
    pub relationship_to_partner: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CompanyProfile {
    pub tenant_id: String,
    pub domain: String,
    pub company_name: String,
}

/// A page of a list, in Partner Center's collection shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    /// How many items match in all pages, not just this one.
    pub total_count: u64,
    pub items: Vec<T>,
    /// Written by the server, not read back: the app asks for pages by number, and reading
    /// these would put their reader in its bundle for nothing.
    #[serde(default, skip_deserializing)]
    pub links: CollectionLinks,
    #[serde(default, skip_deserializing)]
    pub attributes: CollectionAttributes,
}

/// Links to the other pages; a link is absent where there is no such page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CollectionLinks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Link {
    pub uri: String,
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CollectionAttributes {
    pub object_type: String,
}

impl Default for CollectionAttributes {
    fn default() -> Self {
        CollectionAttributes {
            object_type: "Collection".to_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Users and licenses
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum UserState {
    Active,
    Inactive,
}

/// A user of a customer tenant, with the licenses the user holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CustomerUser {
    pub id: String,
    pub user_principal_name: String,
    pub first_name: String,
    pub last_name: String,
    pub display_name: String,
    /// ISO 3166-1 alpha-2 code; `None` is a real, documented case and blocks any assignment.
    #[serde(default)]
    pub usage_location: Option<String>,
    pub state: UserState,
    /// `"none"`, `"managed"` or `"federated"`.
    pub user_domain_type: String,
    #[serde(default)]
    pub assigned_licenses: Vec<AssignedLicense>,
    /// Whether the user may sign in (Microsoft Graph's `accountEnabled`); `false` is "blocked".
    #[serde(default = "enabled")]
    pub account_enabled: bool,
    /// The user's last sign-in, RFC 3339 in UTC (`2026-11-02T08:30:00Z`); `None` (null) when the
    /// user never signed in.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub last_sign_in_date_time: Option<String>,
}

/// Users written before sign-in activity was recorded may sign in.
fn enabled() -> bool {
    true
}

impl CustomerUser {
    /// Whether the user holds the product, whatever its excluded plans.
    pub fn holds(&self, sku_id: &str) -> bool {
        self.assigned_licenses.iter().any(|l| l.sku_id == sku_id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AssignedLicense {
    pub sku_id: String,
    /// Service plans of the product the user does not get.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub excluded_plans: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductSku {
    pub id: String,
    pub name: String,
    pub sku_part_number: String,
    /// `"User"` for every product a user can be given.
    pub target_type: String,
    /// Partner Center's license group; `"group1"` is Microsoft Entra ID licensing.
    pub license_group_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServicePlan {
    pub display_name: String,
    pub service_name: String,
    pub id: String,
    pub capability_status: CapabilityStatus,
    pub target_type: String,
}

/// Whether a product (or plan) can be used: `Warning` is the grace period after expiry, when the
/// seats still work and still count; `Suspended` seats count for nothing and can't be assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CapabilityStatus {
    Enabled,
    Suspended,
    Warning,
}

/// A product the customer owns, with seat counts, service plans and the rules that constrain
/// who may hold it.
///
/// The unit counts are always derived from one quantity, one status and one consumed count
/// ([`SubscribedSku::new`], [`SubscribedSku::recount`]), so they can never disagree with each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SubscribedSku {
    pub available_units: u32,
    pub active_units: u32,
    pub consumed_units: u32,
    pub suspended_units: u32,
    pub total_units: u32,
    pub warning_units: u32,
    pub product_sku: ProductSku,
    pub service_plans: Vec<ServicePlan>,
    pub capability_status: CapabilityStatus,
    /// Mock extension: the rules the server enforces, so the UI can preview them.
    #[serde(default)]
    pub license_rules: LicenseRules,
}

impl SubscribedSku {
    /// Builds the entitlement from the subscription's `quantity` and status and the number of
    /// users holding it. `totalUnits = activeUnits + warningUnits`, and
    /// `availableUnits = totalUnits - consumedUnits` (never below zero: a suspended product
    /// still held by users has nothing available, not a negative count).
    pub fn new(
        product_sku: ProductSku,
        service_plans: Vec<ServicePlan>,
        license_rules: LicenseRules,
        capability_status: CapabilityStatus,
        quantity: u32,
        consumed_units: u32,
    ) -> Self {
        let mut sku = SubscribedSku {
            available_units: 0,
            active_units: 0,
            consumed_units: 0,
            suspended_units: 0,
            total_units: 0,
            warning_units: 0,
            product_sku,
            service_plans,
            capability_status,
            license_rules,
        };
        sku.recount(capability_status, quantity, consumed_units);
        sku
    }

    /// Sets the unit counts (and status) as [`SubscribedSku::new`] derives them, keeping the
    /// product, plans and rules: for a catalogue kept in step with its users instead of rebuilt.
    pub fn recount(
        &mut self,
        capability_status: CapabilityStatus,
        quantity: u32,
        consumed_units: u32,
    ) {
        let (active_units, warning_units, suspended_units) = match capability_status {
            CapabilityStatus::Enabled => (quantity, 0, 0),
            CapabilityStatus::Warning => (0, quantity, 0),
            CapabilityStatus::Suspended => (0, 0, quantity),
        };
        let total_units = active_units + warning_units;
        self.available_units = total_units.saturating_sub(consumed_units);
        self.active_units = active_units;
        self.consumed_units = consumed_units;
        self.suspended_units = suspended_units;
        self.total_units = total_units;
        self.warning_units = warning_units;
        self.capability_status = capability_status;
    }

    pub fn sku_id(&self) -> &str {
        &self.product_sku.id
    }

    pub fn has_plan(&self, plan_id: &str) -> bool {
        self.service_plans.iter().any(|p| p.id == plan_id)
    }
}

/// Mock extension to `SubscribedSku`: which rules apply when the product is assigned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LicenseRules {
    /// The user must hold (or get in the same update) at least ONE of these products.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Products that cannot be held together with this one (the relation is symmetric: it is
    /// enough that one side lists the other).
    #[serde(default)]
    pub mutually_exclusive_with: Vec<String>,
    /// Usage locations (ISO 3166-1 alpha-2) where the product cannot be assigned.
    #[serde(default)]
    pub prohibited_locations: Vec<String>,
}

/// `GET .../users/{userId}/licenses`: one product a user holds, with the plans the user gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct License {
    pub service_plans: Vec<ServicePlan>,
    pub product_sku: ProductSku,
}

/// One product to give a user, minus the plans the user should not get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LicenseAssignment {
    #[serde(alias = "SkuId")]
    pub sku_id: String,
    #[serde(default, alias = "ExcludedPlans", deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub excluded_plans: Vec<String>,
}

/// `POST .../users/{userId}/licenseupdates`: the request, and (with `licenseWarnings`) the
/// `201 Created` answer echoing what was applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LicenseUpdate {
    #[serde(
        default,
        alias = "LicensesToAssign",
        deserialize_with = "null_as_empty"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub licenses_to_assign: Vec<LicenseAssignment>,
    #[serde(
        default,
        alias = "LicensesToRemove",
        deserialize_with = "null_as_empty"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub licenses_to_remove: Vec<String>,
    /// Only in answers; a request leaves it out.
    #[serde(default, alias = "LicenseWarnings", deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub license_warnings: Vec<LicenseWarning>,
}

/// Something applied, but maybe not as the caller expected (nothing to remove, every plan of
/// a product excluded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LicenseWarning {
    /// One of [`LicenseWarning::CODES`]; any other is refused.
    #[serde(alias = "Code", deserialize_with = "warning_code")]
    #[cfg_attr(feature = "openapi", schema(schema_with = warning_code_schema))]
    pub code: String,
    #[serde(alias = "Message")]
    pub message: String,
    #[serde(default, alias = "ServicePlans", deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub service_plans: Vec<String>,
}

impl LicenseWarning {
    /// Every code the license rules warn with.
    pub const CODES: &'static [&'static str] = &[
        crate::rules::WARNING_NOT_ASSIGNED,
        crate::rules::WARNING_ALL_PLANS_EXCLUDED,
    ];
}

/// Reads a warning's code, refusing one the rules never give.
fn warning_code<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    let code = String::deserialize(deserializer)?;
    if LicenseWarning::CODES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(serde::de::Error::unknown_variant(
            &code,
            LicenseWarning::CODES,
        ))
    }
}

#[cfg(feature = "openapi")]
fn warning_code_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(LicenseWarning::CODES.iter().copied()))
        .build()
}

/// `PATCH .../users/{userId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserPatch {
    /// ISO 3166-1 alpha-2, any letter case.
    #[serde(alias = "UsageLocation")]
    pub usage_location: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum SubscriptionStatus {
    Active,
    /// Past its end date, in the grace period: seats still work (`CapabilityStatus::Warning`).
    Expired,
    Suspended,
}

impl SubscriptionStatus {
    /// The status the subscription gives its product.
    pub fn capability(self) -> CapabilityStatus {
        match self {
            SubscriptionStatus::Active => CapabilityStatus::Enabled,
            SubscriptionStatus::Expired => CapabilityStatus::Warning,
            SubscriptionStatus::Suspended => CapabilityStatus::Suspended,
        }
    }
}

/// The purchase behind a product; its `quantity` is the product's seat count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    pub id: String,
    pub offer_id: String,
    pub offer_name: String,
    pub sku_id: String,
    #[cfg_attr(feature = "openapi", schema(maximum = 2147483647))]
    pub quantity: u32,
    pub status: SubscriptionStatus,
    /// How often the partner is billed.
    pub billing_cycle: BillingCycle,
    /// The length of one term, ISO 8601 (`P1M`, `P1Y`).
    pub term_duration: String,
    /// When the current term ends (RFC 3339): it renews then when `auto_renew_enabled`, else ends.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub commitment_end_date: Option<String>,
    pub auto_renew_enabled: bool,
    /// The last moment of this term at which seats can still be reduced (RFC 3339): new-commerce
    /// subscriptions only shrink in a short window after purchase or renewal.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub cancellation_allowed_until_date: Option<String>,
}

/// How often a subscription is billed (Partner Center's `billingCycle`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum BillingCycle {
    Monthly,
    Annual,
}

/// `PATCH .../subscriptions/{subscriptionId}`: how "Buy more" ends up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SubscriptionPatch {
    /// At most 2,147,483,647, Partner Center's largest quantity.
    #[serde(alias = "Quantity", deserialize_with = "bounded_quantity")]
    #[cfg_attr(feature = "openapi", schema(maximum = 2147483647))]
    pub quantity: u32,
}

// ---------------------------------------------------------------------------------------------
// Batch extension
// ---------------------------------------------------------------------------------------------

/// `POST /customers/{customerId}/users/licensesummary` (mock extension): what the selected
/// users hold, counted by the server, so Manage licenses can draw its boxes for 10,000 users
/// before their details have loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LicenseSummaryRequest {
    #[serde(default, alias = "UserIds", deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub user_ids: Vec<String>,
}

/// The answer to [`LicenseSummaryRequest`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LicenseSummary {
    /// Users of the request that exist in the tenant (each counted once).
    pub users: usize,
    /// Ids of the request that name no user of the tenant.
    #[serde(default)]
    pub unknown_user_ids: Vec<String>,
    /// One entry per subscribed product, in the catalogue's order.
    pub products: Vec<ProductHolding>,
    /// The server's clock (RFC 3339) that a filtered summary counted inactivity against: what
    /// "inactive for 90 days" and a cancellation deadline being ahead are measured from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub as_of: Option<String>,
}

/// How many of the users hold one product, and the plans that all of them lack alike.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProductHolding {
    pub sku_id: String,
    pub holders: usize,
    /// The service plans every holder has excluded alike (sorted); empty when they differ.
    #[serde(default)]
    pub common_excluded_plans: Vec<String>,
}

/// `POST /customers/{customerId}/licenseupdates` (mock extension): many users in one call.
/// Each user's update is all-or-nothing; the batch as a whole may partly succeed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchLicenseUpdateRequest {
    #[serde(default, alias = "Updates", deserialize_with = "null_as_empty")]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub updates: Vec<UserLicenseUpdate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserLicenseUpdate {
    /// Never empty: an empty id names no user, and no path can carry it.
    #[serde(alias = "UserId", deserialize_with = "non_empty")]
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub user_id: String,
    #[serde(
        default,
        alias = "LicensesToAssign",
        deserialize_with = "null_as_empty"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub licenses_to_assign: Vec<LicenseAssignment>,
    #[serde(
        default,
        alias = "LicensesToRemove",
        deserialize_with = "null_as_empty"
    )]
    #[cfg_attr(feature = "openapi", schema(nullable))]
    pub licenses_to_remove: Vec<String>,
    /// A precondition (mock extension): the licenses, with their excluded plans, the user must
    /// hold right now, in any order. When they differ (someone else changed the user since the
    /// caller looked) the update is refused with `licensesChanged` and nothing is applied.
    /// Undo sends it so it never overwrites a change made in between.
    #[serde(
        default,
        alias = "ExpectedLicenses",
        skip_serializing_if = "Option::is_none"
    )]
    pub expected_licenses: Option<Vec<AssignedLicense>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BatchLicenseUpdateResponse {
    /// One result per requested user, in request order.
    pub results: Vec<UserUpdateResult>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum UpdateStatus {
    Succeeded,
    Failed,
}

/// What happened to one user of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct UserUpdateResult {
    pub user_id: String,
    pub status: UpdateStatus,
    /// On success: what was applied, with warnings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<LicenseUpdate>,
    /// On success: every license the user holds now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_licenses: Option<Vec<AssignedLicense>>,
    /// On failure: the Partner Center-shaped error for the first problem (what the real
    /// one-user call would have answered); its `data` holds every problem's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ApiError>,
    /// On failure: every problem, typed, so the confirmation page can list and translate each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<LicenseError>,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Partner Center's error body, plus `kind` and a typed `detail` the UI can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: i32,
    pub description: String,
    #[serde(default)]
    pub data: Vec<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ErrorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<LicenseError>,
}

impl ApiError {
    /// The `source` Partner Center's front door puts on its errors.
    pub const SOURCE: &'static str = "PartnerFD";

    pub fn new(code: i32, description: impl Into<String>) -> Self {
        ApiError {
            code,
            description: description.into(),
            data: Vec::new(),
            source: Self::SOURCE.to_owned(),
            kind: None,
            detail: None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (code {})", self.description, self.code)
    }
}

impl std::error::Error for ApiError {}

/// Entra's license-assignment error kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ErrorKind {
    CountViolation,
    MutuallyExclusiveViolation,
    DependencyViolation,
    ProhibitedInUsageLocationViolation,
    UniquenessViolation,
    Other,
}

/// Why a license change was refused, with the facts the UI needs to offer the next step.
///
/// Codes: 60012 is Partner Center's own "out of licenses"; the 600xx codes from 60031 up are
/// this mock's, one per variant, listed on [`LicenseError::code`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
/// Each variant renames its own fields: the OpenAPI derive doesn't read `rename_all_fields`.
#[serde(
    tag = "type",
    rename_all = "camelCase",
    try_from = "LicenseErrorFields"
)]
pub enum LicenseError {
    /// `requested` new seats were needed, `available` were left: buy `short_by` more.
    #[serde(rename_all = "camelCase")]
    NotEnoughSeats {
        sku_id: String,
        requested: u32,
        available: u32,
        short_by: u32,
    },
    /// The product needs one of `requires`, which the user neither holds nor gets.
    #[serde(rename_all = "camelCase")]
    MissingPrerequisite {
        sku_id: String,
        requires: Vec<String>,
    },
    /// Removing `sku_id` would leave the kept products `needed_by` without a prerequisite.
    #[serde(rename_all = "camelCase")]
    PrerequisiteInUse {
        sku_id: String,
        needed_by: Vec<String>,
    },
    /// `sku_id` cannot be held together with `conflicts_with` (held or assigned alongside).
    #[serde(rename_all = "camelCase")]
    MutuallyExclusive {
        sku_id: String,
        conflicts_with: String,
    },
    #[serde(rename_all = "camelCase")]
    ProhibitedInLocation {
        sku_id: String,
        usage_location: String,
    },
    /// The user has no usage location, so no product can be assigned.
    #[serde(rename_all = "camelCase")]
    MissingUsageLocation { sku_id: String },
    /// The product's subscription is suspended: it can't be assigned, nor its seats changed.
    #[serde(rename_all = "camelCase")]
    SubscriptionSuspended { sku_id: String },
    #[serde(rename_all = "camelCase")]
    UnknownServicePlan { sku_id: String, plan_id: String },
    #[serde(rename_all = "camelCase")]
    UnknownSku { sku_id: String },
    /// The product is listed twice, or both assigned and removed, in one update.
    #[serde(rename_all = "camelCase")]
    DuplicateSku { sku_id: String },
    /// `PATCH` user: not an ISO 3166-1 alpha-2 code.
    #[serde(rename_all = "camelCase")]
    InvalidUsageLocation { usage_location: String },
    /// `PATCH` subscription: fewer seats than users holding the product.
    #[serde(rename_all = "camelCase")]
    QuantityBelowConsumed {
        sku_id: String,
        requested: u32,
        consumed: u32,
    },
    /// The update's `expectedLicenses` precondition failed: the user's licenses changed since
    /// the caller read them. `held` is what the user holds now.
    #[serde(rename_all = "camelCase")]
    LicensesChanged { held: Vec<String> },
}

/// The variants of [`LicenseError`], as its `type` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
enum LicenseErrorType {
    NotEnoughSeats,
    MissingPrerequisite,
    PrerequisiteInUse,
    MutuallyExclusive,
    ProhibitedInLocation,
    MissingUsageLocation,
    SubscriptionSuspended,
    UnknownServicePlan,
    UnknownSku,
    DuplicateSku,
    InvalidUsageLocation,
    QuantityBelowConsumed,
    LicensesChanged,
}

/// A [`LicenseError`] as read: its `type` and every variant's fields, each optional. Serde reads
/// an internally tagged enum by buffering the whole value first (its private `Content` type and
/// a deserializer over it for every field type): that machinery was about 35 KB of the browser's
/// wasm. One flat struct reads in a single pass; the variant then takes the fields it needs and
/// refuses the value if one is missing, as the derived reader did (other fields are ignored).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LicenseErrorFields {
    #[serde(rename = "type")]
    kind: LicenseErrorType,
    sku_id: Option<String>,
    requested: Option<u32>,
    available: Option<u32>,
    short_by: Option<u32>,
    requires: Option<Vec<String>>,
    needed_by: Option<Vec<String>>,
    conflicts_with: Option<String>,
    usage_location: Option<String>,
    plan_id: Option<String>,
    consumed: Option<u32>,
    held: Option<Vec<String>>,
}

/// A field a [`LicenseError`] of its `type` must have.
#[derive(Debug)]
pub struct MissingLicenseErrorField(&'static str);

impl fmt::Display for MissingLicenseErrorField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "missing field `{}`", self.0)
    }
}

impl TryFrom<LicenseErrorFields> for LicenseError {
    type Error = MissingLicenseErrorField;

    fn try_from(fields: LicenseErrorFields) -> Result<Self, Self::Error> {
        fn need<T>(value: Option<T>, name: &'static str) -> Result<T, MissingLicenseErrorField> {
            value.ok_or(MissingLicenseErrorField(name))
        }
        let LicenseErrorFields {
            kind,
            sku_id,
            requested,
            available,
            short_by,
            requires,
            needed_by,
            conflicts_with,
            usage_location,
            plan_id,
            consumed,
            held,
        } = fields;
        let sku = move || need(sku_id, "skuId");
        Ok(match kind {
            LicenseErrorType::NotEnoughSeats => LicenseError::NotEnoughSeats {
                sku_id: sku()?,
                requested: need(requested, "requested")?,
                available: need(available, "available")?,
                short_by: need(short_by, "shortBy")?,
            },
            LicenseErrorType::MissingPrerequisite => LicenseError::MissingPrerequisite {
                sku_id: sku()?,
                requires: need(requires, "requires")?,
            },
            LicenseErrorType::PrerequisiteInUse => LicenseError::PrerequisiteInUse {
                sku_id: sku()?,
                needed_by: need(needed_by, "neededBy")?,
            },
            LicenseErrorType::MutuallyExclusive => LicenseError::MutuallyExclusive {
                sku_id: sku()?,
                conflicts_with: need(conflicts_with, "conflictsWith")?,
            },
            LicenseErrorType::ProhibitedInLocation => LicenseError::ProhibitedInLocation {
                sku_id: sku()?,
                usage_location: need(usage_location, "usageLocation")?,
            },
            LicenseErrorType::MissingUsageLocation => {
                LicenseError::MissingUsageLocation { sku_id: sku()? }
            }
            LicenseErrorType::SubscriptionSuspended => {
                LicenseError::SubscriptionSuspended { sku_id: sku()? }
            }
            LicenseErrorType::UnknownServicePlan => LicenseError::UnknownServicePlan {
                sku_id: sku()?,
                plan_id: need(plan_id, "planId")?,
            },
            LicenseErrorType::UnknownSku => LicenseError::UnknownSku { sku_id: sku()? },
            LicenseErrorType::DuplicateSku => LicenseError::DuplicateSku { sku_id: sku()? },
            LicenseErrorType::InvalidUsageLocation => LicenseError::InvalidUsageLocation {
                usage_location: need(usage_location, "usageLocation")?,
            },
            LicenseErrorType::QuantityBelowConsumed => LicenseError::QuantityBelowConsumed {
                sku_id: sku()?,
                requested: need(requested, "requested")?,
                consumed: need(consumed, "consumed")?,
            },
            LicenseErrorType::LicensesChanged => LicenseError::LicensesChanged {
                held: need(held, "held")?,
            },
        })
    }
}

impl LicenseError {
    pub fn code(&self) -> i32 {
        match self {
            LicenseError::NotEnoughSeats { .. } => 60012,
            LicenseError::MissingPrerequisite { .. } => 60031,
            LicenseError::PrerequisiteInUse { .. } => 60032,
            LicenseError::MutuallyExclusive { .. } => 60033,
            LicenseError::ProhibitedInLocation { .. } => 60034,
            LicenseError::MissingUsageLocation { .. } => 60035,
            LicenseError::SubscriptionSuspended { .. } => 60036,
            LicenseError::UnknownServicePlan { .. } => 60037,
            LicenseError::UnknownSku { .. } => 60038,
            LicenseError::DuplicateSku { .. } => 60039,
            LicenseError::InvalidUsageLocation { .. } => 60040,
            LicenseError::QuantityBelowConsumed { .. } => 60041,
            LicenseError::LicensesChanged { .. } => 60042,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            LicenseError::NotEnoughSeats { .. } => ErrorKind::CountViolation,
            LicenseError::MissingPrerequisite { .. } | LicenseError::PrerequisiteInUse { .. } => {
                ErrorKind::DependencyViolation
            }
            LicenseError::MutuallyExclusive { .. } => ErrorKind::MutuallyExclusiveViolation,
            LicenseError::ProhibitedInLocation { .. } => {
                ErrorKind::ProhibitedInUsageLocationViolation
            }
            LicenseError::MissingUsageLocation { .. }
            | LicenseError::SubscriptionSuspended { .. }
            | LicenseError::UnknownServicePlan { .. }
            | LicenseError::UnknownSku { .. }
            | LicenseError::DuplicateSku { .. }
            | LicenseError::InvalidUsageLocation { .. }
            | LicenseError::QuantityBelowConsumed { .. }
            | LicenseError::LicensesChanged { .. } => ErrorKind::Other,
        }
    }

    /// The product the error is about, if any.
    pub fn sku_id(&self) -> Option<&str> {
        match self {
            LicenseError::NotEnoughSeats { sku_id, .. }
            | LicenseError::MissingPrerequisite { sku_id, .. }
            | LicenseError::PrerequisiteInUse { sku_id, .. }
            | LicenseError::MutuallyExclusive { sku_id, .. }
            | LicenseError::ProhibitedInLocation { sku_id, .. }
            | LicenseError::MissingUsageLocation { sku_id }
            | LicenseError::SubscriptionSuspended { sku_id }
            | LicenseError::UnknownServicePlan { sku_id, .. }
            | LicenseError::UnknownSku { sku_id }
            | LicenseError::DuplicateSku { sku_id }
            | LicenseError::QuantityBelowConsumed { sku_id, .. } => Some(sku_id),
            LicenseError::InvalidUsageLocation { .. } | LicenseError::LicensesChanged { .. } => {
                None
            }
        }
    }
}

/// A value a license error's sentence names; each side words it in its reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceValue<'a> {
    /// A product, by id: said by its name.
    Product(&'a str),
    /// Products, by id: said by their names, as a list.
    Products(&'a [String]),
    Count(u32),
    /// Said as it is: a location code, a plan id, the id of a product the customer lacks.
    Text(&'a str),
}

impl LicenseError {
    /// The key of the error's sentence in the catalogues (`locales/*/errors.json`), and the value
    /// of each of its placeholders: the sentence is worded there, once per language.
    pub fn sentence(&self) -> (&'static str, Vec<(&'static str, SentenceValue<'_>)>) {
        use SentenceValue::{Count, Product, Products, Text};
        match self {
            LicenseError::NotEnoughSeats {
                sku_id,
                requested,
                available,
                short_by,
            } => (
                "rules.not_enough_seats",
                vec![
                    ("product", Product(sku_id)),
                    ("requested", Count(*requested)),
                    ("available", Count(*available)),
                    ("short", Count(*short_by)),
                ],
            ),
            LicenseError::MissingPrerequisite { sku_id, requires } => (
                "rules.missing_prerequisite",
                vec![
                    ("product", Product(sku_id)),
                    ("requires", Products(requires)),
                ],
            ),
            LicenseError::PrerequisiteInUse { sku_id, needed_by } => (
                "rules.prerequisite_in_use",
                vec![
                    ("product", Product(sku_id)),
                    ("needed_by", Products(needed_by)),
                ],
            ),
            LicenseError::MutuallyExclusive {
                sku_id,
                conflicts_with,
            } => (
                "rules.mutually_exclusive",
                vec![
                    ("product", Product(sku_id)),
                    ("other", Product(conflicts_with)),
                ],
            ),
            LicenseError::ProhibitedInLocation {
                sku_id,
                usage_location,
            } => (
                "rules.prohibited_in_location",
                vec![
                    ("product", Product(sku_id)),
                    ("location", Text(usage_location)),
                ],
            ),
            LicenseError::MissingUsageLocation { sku_id } => (
                "rules.missing_usage_location",
                vec![("product", Product(sku_id))],
            ),
            LicenseError::SubscriptionSuspended { sku_id } => (
                "rules.subscription_suspended",
                vec![("product", Product(sku_id))],
            ),
            LicenseError::UnknownServicePlan { sku_id, plan_id } => (
                "rules.unknown_service_plan",
                vec![("product", Product(sku_id)), ("plan", Text(plan_id))],
            ),
            LicenseError::UnknownSku { sku_id } => {
                ("rules.unknown_sku", vec![("product", Text(sku_id))])
            }
            LicenseError::DuplicateSku { sku_id } => {
                ("rules.duplicate_sku", vec![("product", Product(sku_id))])
            }
            LicenseError::InvalidUsageLocation { usage_location } => (
                "rules.invalid_usage_location",
                vec![("location", Text(usage_location))],
            ),
            LicenseError::QuantityBelowConsumed {
                sku_id,
                requested,
                consumed,
            } => (
                "rules.quantity_below_consumed",
                vec![
                    ("product", Product(sku_id)),
                    ("requested", Count(*requested)),
                    ("consumed", Count(*consumed)),
                ],
            ),
            // What the user holds now is for the screen to show; the sentence says why.
            LicenseError::LicensesChanged { .. } => ("rules.licenses_changed", Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_of_each_license_error() -> Vec<LicenseError> {
        let sku = || "sku-1".to_owned();
        vec![
            LicenseError::NotEnoughSeats {
                sku_id: sku(),
                requested: 7,
                available: 2,
                short_by: 5,
            },
            LicenseError::MissingPrerequisite {
                sku_id: sku(),
                requires: vec!["a".into(), "b".into()],
            },
            LicenseError::PrerequisiteInUse {
                sku_id: sku(),
                needed_by: vec!["c".into()],
            },
            LicenseError::MutuallyExclusive {
                sku_id: sku(),
                conflicts_with: "d".into(),
            },
            LicenseError::ProhibitedInLocation {
                sku_id: sku(),
                usage_location: "CN".into(),
            },
            LicenseError::MissingUsageLocation { sku_id: sku() },
            LicenseError::SubscriptionSuspended { sku_id: sku() },
            LicenseError::UnknownServicePlan {
                sku_id: sku(),
                plan_id: "p".into(),
            },
            LicenseError::UnknownSku { sku_id: sku() },
            LicenseError::DuplicateSku { sku_id: sku() },
            LicenseError::InvalidUsageLocation {
                usage_location: "XX1".into(),
            },
            LicenseError::QuantityBelowConsumed {
                sku_id: sku(),
                requested: 1,
                consumed: 3,
            },
            LicenseError::LicensesChanged {
                held: vec!["e".into()],
            },
        ]
    }

    #[test]
    fn every_license_error_reads_back_as_written() {
        let all = one_of_each_license_error();
        assert_eq!(all.len(), 13, "one of each variant");
        for error in all {
            let json = serde_json::to_string(&error).unwrap();
            let back: LicenseError = serde_json::from_str(&json).unwrap();
            assert_eq!(back, error, "{json}");
        }
    }

    #[test]
    fn a_license_error_is_read_whatever_its_field_order_and_extra_fields() {
        let json = r#"{"shortBy":5,"available":2,"note":"x","usageLocation":"US","requested":7,
            "skuId":"s","type":"notEnoughSeats"}"#;
        assert_eq!(
            serde_json::from_str::<LicenseError>(json).unwrap(),
            LicenseError::NotEnoughSeats {
                sku_id: "s".into(),
                requested: 7,
                available: 2,
                short_by: 5
            }
        );
    }

    #[test]
    fn a_license_error_without_its_fields_or_type_is_refused() {
        let missing = serde_json::from_str::<LicenseError>(
            r#"{"type":"notEnoughSeats","skuId":"s","requested":1,"available":0}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(missing.contains("missing field `shortBy`"), "{missing}");
        let missing = serde_json::from_str::<LicenseError>(r#"{"type":"unknownSku"}"#)
            .unwrap_err()
            .to_string();
        assert!(missing.contains("missing field `skuId`"), "{missing}");
        for json in [
            r#"{"skuId":"s"}"#,
            r#"{"type":"noSuchError","skuId":"s"}"#,
            r#"{"type":"unknownSku","skuId":7}"#,
            "[]",
        ] {
            assert!(
                serde_json::from_str::<LicenseError>(json).is_err(),
                "{json}"
            );
        }
    }
    use serde_json::json;

    fn e3(status: CapabilityStatus, quantity: u32, consumed: u32) -> SubscribedSku {
        SubscribedSku::new(
            ProductSku {
                id: "e3".to_owned(),
                name: "Office 365 E3".to_owned(),
                sku_part_number: "ENTERPRISEPACK".to_owned(),
                target_type: "User".to_owned(),
                license_group_id: "group1".to_owned(),
            },
            Vec::new(),
            LicenseRules::default(),
            status,
            quantity,
            consumed,
        )
    }

    #[test]
    fn only_the_five_documented_roles_may_manage_licenses() {
        let managers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.can_manage_licenses())
            .collect();
        assert_eq!(managers, Role::ALL[..5]);
    }

    #[test]
    fn a_role_travels_as_its_pascal_case_name() {
        for role in Role::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), json!(role.as_str()));
        }
    }

    #[test]
    fn a_documented_pascal_case_license_update_is_read() {
        let update: LicenseUpdate = serde_json::from_value(json!({
            "LicensesToAssign": [{"SkuId": "e3", "ExcludedPlans": null}],
            "LicensesToRemove": null
        }))
        .unwrap();
        assert_eq!(update.licenses_to_assign[0].sku_id, "e3");
        assert!(update.licenses_to_assign[0].excluded_plans.is_empty());
        assert!(update.licenses_to_remove.is_empty());
    }

    #[test]
    fn a_misspelt_key_in_a_request_is_refused_not_ignored() {
        let result = serde_json::from_value::<LicenseUpdate>(json!({
            "licensesToAsign": [{"skuId": "e3"}]
        }));
        assert!(result.unwrap_err().to_string().contains("unknown field"));
    }

    #[test]
    fn a_seat_count_past_a_32_bit_signed_integer_is_refused() {
        let patch = |quantity: u64| {
            serde_json::from_value::<SubscriptionPatch>(json!({ "quantity": quantity }))
        };
        assert_eq!(patch(2_147_483_647).unwrap().quantity, MAX_QUANTITY);
        let refused = patch(2_147_483_648).unwrap_err().to_string();
        assert!(refused.contains("over the largest"), "{refused}");
    }

    #[test]
    fn a_batch_update_for_an_empty_user_id_is_refused() {
        let batch = |id: &str| {
            serde_json::from_value::<BatchLicenseUpdateRequest>(
                json!({"updates": [{"userId": id}]}),
            )
        };
        assert!(batch("u").is_ok());
        let refused = batch("").unwrap_err().to_string();
        assert!(refused.contains("1 or more characters"), "{refused}");
    }

    #[test]
    fn a_warning_with_a_code_the_rules_never_give_is_refused() {
        let update = |code: &str| {
            serde_json::from_value::<LicenseUpdate>(json!({
                "licenseWarnings": [{"code": code, "message": "m", "servicePlans": []}]
            }))
        };
        for code in LicenseWarning::CODES {
            assert!(update(code).is_ok(), "{code}");
        }
        let refused = update("LicenseNotAssignd").unwrap_err().to_string();
        assert!(refused.contains("unknown variant"), "{refused}");
    }

    #[test]
    fn answers_are_camel_case() {
        let value = serde_json::to_value(Session {
            token: "t".to_owned(),
            role: Role::AdminAgent,
            display_name: "Admin".to_owned(),
        })
        .unwrap();
        assert_eq!(
            value,
            json!({"token": "t", "role": "AdminAgent", "displayName": "Admin"})
        );
    }

    #[test]
    fn seat_counts_are_derived_from_the_quantity_and_the_users_holding_it() {
        let sku = e3(CapabilityStatus::Enabled, 25, 12);
        assert_eq!(
            (sku.total_units, sku.active_units, sku.available_units),
            (25, 25, 13)
        );
        let expired = e3(CapabilityStatus::Warning, 5, 1);
        assert_eq!(
            (
                expired.total_units,
                expired.warning_units,
                expired.available_units
            ),
            (5, 5, 4)
        );
    }

    #[test]
    fn a_suspended_product_has_no_seats_to_give_even_while_users_hold_it() {
        let sku = e3(CapabilityStatus::Suspended, 10, 2);
        assert_eq!(
            (sku.total_units, sku.suspended_units, sku.available_units),
            (0, 10, 0)
        );
    }

    #[test]
    fn a_license_error_is_tagged_with_its_type_and_camel_case_fields() {
        let error = LicenseError::NotEnoughSeats {
            sku_id: "e3".to_owned(),
            requested: 5,
            available: 2,
            short_by: 3,
        };
        let value = serde_json::to_value(&error).unwrap();
        assert_eq!(
            value,
            json!({"type": "notEnoughSeats", "skuId": "e3", "requested": 5, "available": 2, "shortBy": 3})
        );
        assert_eq!(
            serde_json::from_value::<LicenseError>(value).unwrap(),
            error
        );
    }

    #[test]
    fn every_license_error_has_its_own_code_and_sentence() {
        let all = one_of_each_license_error();
        let mut codes: Vec<i32> = all.iter().map(LicenseError::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        let mut keys: Vec<&str> = all.iter().map(|e| e.sentence().0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), all.len());
    }
}
