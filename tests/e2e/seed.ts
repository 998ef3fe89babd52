// Facts of the seeded data the specs rely on, stated once (crates/mock-server/FIXTURE.md).

export const CONTOSO = "e8c242b8-0c7d-5afe-a7cc-c2a6ce229c66";
export const CONTOSO_USERS = `/customers/${CONTOSO}/users`;
export const FABRIKAM = "5dade068-9716-5651-8c01-1a49aec3c866";

// Contoso user ids.
export const EMILY_BRAUN = "7fa6d6e6-9935-580b-ae9c-8aa4118c8280";
export const DELIA_DENNIS = "0e5b7915-833c-5d66-8de7-4e97673c0da4";

// Product and plan ids (the same in every customer).
export const E3_SKU = "62079124-8a0f-55fe-b693-5a6d0e61ed59";
export const EXCHANGE_P2_SKU = "a96ab66e-7cb3-54e3-a626-050b30385eb1";
export const SWAY_PLAN = "e2f66278-4931-589e-a045-687ebf5c8b26";
export const POWER_BI_SKU = "458a6784-a620-5033-bb2a-cc2cbc13de2c";
export const EMS_SKU = "daaad7fd-674b-551c-b741-27e82eb3f89e";

// Fabrikam: Power BI Pro's subscription (2,500 seats, 2,000 used; the first 2,000 users hold it).
export const FABRIKAM_POWER_BI_SUBSCRIPTION = "01cd1f65-ff6f-5f34-8abb-f3e6461d51bb";

// Product names.
export const E3 = "Office 365 E3";
export const E5_COMPLIANCE = "Microsoft 365 E5 Compliance";
export const EMS = "Enterprise Mobility + Security E3";
export const EXCHANGE_P1 = "Exchange Online (Plan 1)";
export const EXCHANGE_P2 = "Exchange Online (Plan 2)";
export const TEAMS_PHONE = "Microsoft Teams Phone Standard";
export const POWER_BI = "Power BI Pro";
export const VISIO = "Visio Plan 2";
export const PROJECT = "Project Plan 3";
export const AUDIO = "Microsoft 365 Audio Conferencing";

// Request patterns for page.route: any customer's user list and batch license updates.
export const USER_LIST_REQUESTS = "**/api/v1/customers/*/users?*";
export const BATCH_REQUESTS = "**/api/v1/customers/*/licenseupdates";
