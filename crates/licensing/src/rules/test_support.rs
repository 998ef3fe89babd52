//! A small customer for the rule tests: real product and plan names, short ids.

use crate::catalogue::Catalogue;
use crate::contract::{
    AssignedLicense, CapabilityStatus, CustomerUser, LicenseAssignment, LicenseRules, ProductSku,
    ServicePlan, SubscribedSku, UserState,
};

pub const E3: &str = "sku-o365-e3";
pub const M365_E3: &str = "sku-m365-e3";
/// Add-on: requires one of E3, M365_E3.
pub const COMPLIANCE: &str = "sku-e5-compliance";
/// Mutually exclusive with EXCHANGE_2 (listed on this side only).
pub const EXCHANGE_1: &str = "sku-exchange-1";
pub const EXCHANGE_2: &str = "sku-exchange-2";
/// Prohibited in CN; one plan only.
pub const PHONE: &str = "sku-teams-phone";
/// Subscription suspended.
pub const VISIO: &str = "sku-visio-2";
pub const EMS: &str = "sku-ems-e3";
/// No seat left.
pub const POWER_BI: &str = "sku-power-bi-pro";

pub const PLAN_TEAMS: &str = "plan-teams1";
pub const PLAN_PHONE: &str = "plan-mcoev";
/// M365_E3's plans of the same services as E3's Exchange and Teams plans.
pub const PLAN_M365_EXCHANGE: &str = "plan-m365-exchange";
pub const PLAN_M365_TEAMS: &str = "plan-m365-teams";

fn plan(id: &str, display_name: &str, service_name: &str) -> ServicePlan {
    ServicePlan {
        display_name: display_name.to_owned(),
        service_name: service_name.to_owned(),
        id: id.to_owned(),
        capability_status: CapabilityStatus::Enabled,
        target_type: "User".to_owned(),
    }
}

fn sku(
    id: &str,
    name: &str,
    plans: Vec<ServicePlan>,
    rules: LicenseRules,
    status: CapabilityStatus,
    quantity: u32,
    consumed: u32,
) -> SubscribedSku {
    let product = ProductSku {
        id: id.to_owned(),
        name: name.to_owned(),
        sku_part_number: name.to_uppercase().replace(' ', "_"),
        target_type: "User".to_owned(),
        license_group_id: "group1".to_owned(),
    };
    SubscribedSku::new(product, plans, rules, status, quantity, consumed)
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Seats: E3 6 available (10 - 4), M365_E3 5, COMPLIANCE 3, EXCHANGE_1 2, EXCHANGE_2 2,
/// PHONE 5, VISIO 0 (suspended), EMS 20, POWER_BI 0 (2 of 2 used).
pub fn catalogue() -> Catalogue {
    let enabled = CapabilityStatus::Enabled;
    Catalogue::new(vec![
        sku(
            E3,
            "Office 365 E3",
            vec![
                plan(
                    "plan-exchange-2",
                    "Exchange Online (Plan 2)",
                    "EXCHANGE_S_ENTERPRISE",
                ),
                plan(
                    "plan-sharepoint-2",
                    "SharePoint Online (Plan 2)",
                    "SHAREPOINTENTERPRISE",
                ),
                plan(PLAN_TEAMS, "Microsoft Teams", "TEAMS1"),
                plan("plan-office-web", "Office for the web", "SHAREPOINTWAC"),
            ],
            LicenseRules::default(),
            enabled,
            10,
            4,
        ),
        sku(
            M365_E3,
            "Microsoft 365 E3",
            vec![
                plan(
                    "plan-m365-apps",
                    "Microsoft 365 Apps for enterprise",
                    "OFFICESUBSCRIPTION",
                ),
                plan(
                    PLAN_M365_EXCHANGE,
                    "Exchange Online (Plan 2)",
                    "EXCHANGE_S_ENTERPRISE",
                ),
                plan(PLAN_M365_TEAMS, "Microsoft Teams", "TEAMS1"),
            ],
            LicenseRules::default(),
            enabled,
            5,
            0,
        ),
        sku(
            COMPLIANCE,
            "Microsoft 365 E5 Compliance",
            vec![plan(
                "plan-audit",
                "Microsoft 365 Advanced Auditing",
                "M365_ADVANCED_AUDITING",
            )],
            LicenseRules {
                requires: ids(&[E3, M365_E3]),
                ..LicenseRules::default()
            },
            enabled,
            3,
            0,
        ),
        sku(
            EXCHANGE_1,
            "Exchange Online (Plan 1)",
            vec![plan(
                "plan-exchange-1",
                "Exchange Online (Plan 1)",
                "EXCHANGE_S_STANDARD",
            )],
            LicenseRules {
                mutually_exclusive_with: ids(&[EXCHANGE_2]),
                ..LicenseRules::default()
            },
            enabled,
            2,
            0,
        ),
        sku(
            EXCHANGE_2,
            "Exchange Online (Plan 2)",
            vec![plan(
                "plan-exchange-2",
                "Exchange Online (Plan 2)",
                "EXCHANGE_S_ENTERPRISE",
            )],
            LicenseRules::default(),
            enabled,
            2,
            0,
        ),
        sku(
            PHONE,
            "Microsoft Teams Phone Standard",
            vec![plan(PLAN_PHONE, "Microsoft 365 Phone System", "MCOEV")],
            LicenseRules {
                prohibited_locations: ids(&["CN"]),
                ..LicenseRules::default()
            },
            enabled,
            5,
            0,
        ),
        sku(
            VISIO,
            "Visio Plan 2",
            vec![plan(
                "plan-visio",
                "Visio Desktop App",
                "VISIO_CLIENT_SUBSCRIPTION",
            )],
            LicenseRules::default(),
            CapabilityStatus::Suspended,
            10,
            1,
        ),
        sku(
            EMS,
            "Enterprise Mobility + Security E3",
            vec![plan("plan-intune", "Microsoft Intune", "INTUNE_A")],
            LicenseRules::default(),
            enabled,
            30,
            10,
        ),
        sku(
            POWER_BI,
            "Power BI Pro",
            vec![plan("plan-bi", "Power BI Pro", "BI_AZURE_P2")],
            LicenseRules::default(),
            enabled,
            2,
            2,
        ),
    ])
}

/// The catalogue with `available` seats left for `sku_id`.
pub fn with_available(skus: Catalogue, sku_id: &str, available: u32) -> Catalogue {
    let mut skus = skus.to_vec();
    for entry in skus.iter_mut().filter(|s| s.sku_id() == sku_id) {
        *entry = SubscribedSku::new(
            entry.product_sku.clone(),
            entry.service_plans.clone(),
            entry.license_rules.clone(),
            entry.capability_status,
            entry.consumed_units + available,
            entry.consumed_units,
        );
    }
    Catalogue::new(skus)
}

pub fn user(id: &str, location: Option<&str>, held: &[&str]) -> CustomerUser {
    CustomerUser {
        id: id.to_owned(),
        user_principal_name: format!("{id}@contoso.example"),
        first_name: id.to_owned(),
        last_name: "Tester".to_owned(),
        display_name: format!("{id} Tester"),
        usage_location: location.map(str::to_owned),
        state: UserState::Active,
        user_domain_type: "none".to_owned(),
        assigned_licenses: held
            .iter()
            .map(|sku_id| AssignedLicense {
                sku_id: (*sku_id).to_owned(),
                excluded_plans: Vec::new(),
            })
            .collect(),
        account_enabled: true,
        last_sign_in_date_time: Some("2026-11-20T09:00:00Z".to_owned()),
    }
}

pub fn user_in(location: &str, held: &[&str]) -> CustomerUser {
    user("adele", Some(location), held)
}

pub fn user_without_location(held: &[&str]) -> CustomerUser {
    user("irvin", None, held)
}

pub fn assign(sku_id: &str) -> LicenseAssignment {
    assign_without(sku_id, &[])
}

pub fn assign_without(sku_id: &str, excluded: &[&str]) -> LicenseAssignment {
    LicenseAssignment {
        sku_id: sku_id.to_owned(),
        excluded_plans: ids(excluded),
    }
}

pub fn sku_ids(licenses: &[AssignedLicense]) -> Vec<&str> {
    licenses.iter().map(|l| l.sku_id.as_str()).collect()
}
