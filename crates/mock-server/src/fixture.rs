//! The data the server starts from: customers, their products and subscriptions, their users.
//!
//! The format is the API's own types (camelCase), so the committed seed reads like the API's
//! answers. A customer may also ask for generated users (`"generate": {"count": 10000,
//! "seed": 42}`), produced by a fixed-seed generator so the JSON stays small and every run sees
//! the same users. The state file (`--state-file`) is this same format with every user written
//! out. `FIXTURE.md` describes what the seed contains.

use std::path::{Path, PathBuf};

use licensing::contract::{
    AssignedLicense, Customer, CustomerUser, LicenseRules, ProductSku, ServicePlan, Subscription,
    UserState,
};
use licensing::user_filter::format_timestamp;
use serde::{Deserialize, Serialize};

/// The committed seed (`fixtures/seed.json`).
pub const SEED_JSON: &str = include_str!("../fixtures/seed.json");

/// The fixtures shipped with the server, chosen by name with `--fixture NAME` (FIXTURE.md):
/// stress cases for visual tests besides the seed.
pub const BUILT_IN: [(&str, &str); 4] = [
    ("seed", SEED_JSON),
    ("long-names", include_str!("../fixtures/long-names.json")),
    ("empty", include_str!("../fixtures/empty.json")),
    (
        "many-products",
        include_str!("../fixtures/many-products.json"),
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fixture {
    /// The fixture's "now" (RFC 3339): sign-in activity is seeded and "inactive for N days"
    /// counted against it, not the machine's clock, so every run filters alike.
    #[serde(default = "default_clock")]
    pub clock: String,
    pub customers: Vec<TenantFixture>,
}

/// The seed's clock, also for fixtures written before there was one.
pub const DEFAULT_CLOCK: &str = "2026-11-30T12:00:00Z";

fn default_clock() -> String {
    DEFAULT_CLOCK.to_owned()
}

/// One customer tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantFixture {
    pub customer: Customer,
    pub products: Vec<Product>,
    #[serde(default)]
    pub users: Vec<CustomerUser>,
    /// Users to generate in addition to `users`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate: Option<GenerateUsers>,
}

/// A product the customer bought: what it is, its rules, and the subscription whose quantity
/// is its seat count. Consumed seats are never stored: they are counted from the users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Product {
    pub product_sku: ProductSku,
    pub service_plans: Vec<ServicePlan>,
    #[serde(default)]
    pub license_rules: LicenseRules,
    pub subscription: Subscription,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateUsers {
    pub count: usize,
    pub seed: u64,
    /// Licenses for the generated users, in generation order.
    #[serde(default)]
    pub assign: Vec<GeneratedLicenses>,
    /// Licenses drawn at random on top of `assign`, within the products' rules
    /// ([`crate::license_mix`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mix: Vec<crate::license_mix::LicenseMix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GeneratedLicenses {
    pub sku_id: String,
    /// The first `users` generated users get the product.
    pub users: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum FixtureError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("not a valid fixture: {0}")]
    Json(#[from] serde_json::Error),
    #[error("inconsistent fixture: {0}")]
    Invalid(String),
}

impl Fixture {
    /// The committed seed. It is parsed and checked by this crate's tests, so failing here
    /// means the build itself is broken.
    pub fn seed() -> Fixture {
        Fixture::from_json(SEED_JSON).expect("fixtures/seed.json is checked by the tests")
    }

    /// A built-in fixture by name ([`BUILT_IN`]).
    pub fn built_in(name: &str) -> Option<Result<Fixture, FixtureError>> {
        BUILT_IN
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, json)| Fixture::from_json(json))
    }

    pub fn from_json(text: &str) -> Result<Fixture, FixtureError> {
        Ok(serde_json::from_str(text)?)
    }

    pub fn from_path(path: &Path) -> Result<Fixture, FixtureError> {
        let text = std::fs::read_to_string(path).map_err(|source| FixtureError::Read {
            path: path.to_owned(),
            source,
        })?;
        Fixture::from_json(&text)
    }
}

/// SplitMix64: tiny, fast and good enough to make varied but reproducible users.
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        // The modulo bias is irrelevant for picking names.
        let index = self.next() % items.len() as u64;
        items[usize::try_from(index).unwrap_or_default()]
    }

    /// A random (version 4 shaped) GUID.
    fn guid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            ((b >> 48) & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }
}

const FIRST_NAMES: [&str; 24] = [
    "Aaron", "Bella", "Carlos", "Dana", "Elif", "Farah", "Gabriel", "Hana", "Ivan", "Julia",
    "Kenji", "Laura", "Mateo", "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Samuel", "Tara", "Uma",
    "Victor", "Wei", "Yusuf",
];
const LAST_NAMES: [&str; 24] = [
    "Anderson", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ito",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Olsen", "Patel", "Quint", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Virtanen", "Walsh", "Young",
];
const CJK_SURNAMES: [&str; 12] = [
    "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭",
];
const CJK_GIVEN_NAMES: [&str; 12] = [
    "怡君", "志明", "淑芬", "家豪", "雅婷", "建宏", "佩珊", "宗翰", "詩涵", "俊傑", "宜庭", "小明",
];
const LOCATIONS: [&str; 10] = ["US", "US", "US", "GB", "DE", "FR", "JP", "TW", "CA", "AU"];

/// The users a `generate` block asks for. Every fourth user, on average, has a name in Chinese
/// script; user principal names carry the user's number so they are unique. Sign-in activity,
/// against `now` (seconds since the epoch): about 8% blocked; 3% never signed in, 12% last
/// signed in 91-455 days ago, the rest within the last 90 days.
pub fn generate_users(spec: &GenerateUsers, domain: &str, now: i64) -> Vec<CustomerUser> {
    let mut random = SplitMix64(spec.seed);
    // A stream of its own, so the names and ids stay those generated before activity existed.
    let mut activity = SplitMix64(spec.seed ^ 0x00AC_71B1_7E5E_ED00);
    (0..spec.count)
        .map(|number| {
            let id = random.guid();
            let (first_name, last_name, display_name, alias) = if random.next().is_multiple_of(4) {
                let last = random.pick(&CJK_SURNAMES);
                let first = random.pick(&CJK_GIVEN_NAMES);
                (
                    first,
                    last,
                    format!("{last}{first}"),
                    format!("user{number:05}"),
                )
            } else {
                let first = random.pick(&FIRST_NAMES);
                let last = random.pick(&LAST_NAMES);
                let alias = format!("{first}.{last}.{number:05}").to_lowercase();
                (first, last, format!("{first} {last}"), alias)
            };
            let usage_location = Some(random.pick(&LOCATIONS).to_owned());
            let assigned_licenses = spec
                .assign
                .iter()
                .filter(|grant| number < grant.users)
                .map(|grant| AssignedLicense {
                    sku_id: grant.sku_id.clone(),
                    excluded_plans: Vec::new(),
                })
                .collect();
            let account_enabled = activity.next() % 1_000 >= 80;
            let recency = activity.next() % 100;
            let minutes_ago = activity.next() % (90 * 24 * 60);
            let days_ago = match recency {
                0..3 => None,
                3..15 => Some(91 + minutes_ago % 365),
                _ => Some(minutes_ago / (24 * 60)),
            };
            let last_sign_in_date_time = days_ago.map(|days| {
                // Whole days for the long-inactive ones, to the minute for the rest.
                let ago = if recency < 15 {
                    days * 1_440
                } else {
                    minutes_ago
                };
                format_timestamp(now - i64::try_from(ago * 60).unwrap_or_default())
            });
            CustomerUser {
                id,
                user_principal_name: format!("{alias}@{domain}"),
                first_name: first_name.to_owned(),
                last_name: last_name.to_owned(),
                display_name,
                usage_location,
                state: UserState::Active,
                user_domain_type: "none".to_owned(),
                assigned_licenses,
                account_enabled,
                last_sign_in_date_time,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use licensing::user_filter::{is_inactive, parse_timestamp};

    /// [`DEFAULT_CLOCK`] in seconds.
    const NOW: i64 = 1_796_040_000;

    #[test]
    fn the_seed_clock_is_the_one_the_tests_count_from() {
        assert_eq!(parse_timestamp(DEFAULT_CLOCK), Some(NOW));
        assert_eq!(Fixture::seed().clock, DEFAULT_CLOCK);
    }

    #[test]
    fn generated_users_have_a_realistic_mix_of_sign_in_activity() {
        let spec = GenerateUsers {
            count: 10_000,
            seed: 42,
            assign: Vec::new(),
            mix: Vec::new(),
        };
        let users = generate_users(&spec, "a.example", NOW);
        let share = |keep: &dyn Fn(&CustomerUser) -> bool| {
            users.iter().filter(|u| keep(u)).count() as f64 / users.len() as f64
        };
        let blocked = share(&|u| !u.account_enabled);
        let never = share(&|u| u.last_sign_in_date_time.is_none());
        let inactive = share(&|u| is_inactive(u, NOW, 90));
        assert!((0.07..0.09).contains(&blocked), "{blocked}");
        assert!((0.02..0.04).contains(&never), "{never}");
        assert!((0.14..0.16).contains(&inactive), "{inactive}");
        assert!(users
            .iter()
            .filter_map(|u| u.last_sign_in_date_time.as_deref())
            .all(|t| parse_timestamp(t).is_some_and(|t| t <= NOW)));
    }

    #[test]
    fn every_built_in_fixture_loads() {
        for (name, _) in BUILT_IN {
            let fixture = Fixture::built_in(name).unwrap().unwrap();
            crate::store::Store::from_fixture(fixture).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(Fixture::built_in("nothing").is_none());
    }

    #[test]
    fn the_stress_fixtures_are_what_their_names_say() {
        let empty = Fixture::built_in("empty").unwrap().unwrap();
        assert!(empty.customers.iter().all(|c| c.users.is_empty()));
        let many = Fixture::built_in("many-products").unwrap().unwrap();
        assert_eq!(many.customers[0].products.len(), 60);
        let long = Fixture::built_in("long-names").unwrap().unwrap();
        let longest = long.customers[0]
            .users
            .iter()
            .map(|u| u.display_name.chars().count())
            .max();
        assert!(longest > Some(60));
    }

    #[test]
    fn the_same_seed_generates_the_same_users() {
        let spec = GenerateUsers {
            count: 50,
            seed: 7,
            assign: Vec::new(),
            mix: Vec::new(),
        };
        assert_eq!(
            generate_users(&spec, "a.example", NOW),
            generate_users(&spec, "a.example", NOW)
        );
    }

    #[test]
    fn generated_users_get_the_requested_licenses_in_generation_order() {
        let spec = GenerateUsers {
            count: 5,
            seed: 1,
            assign: vec![GeneratedLicenses {
                sku_id: "e3".to_owned(),
                users: 2,
            }],
            mix: Vec::new(),
        };
        let holders: Vec<bool> = generate_users(&spec, "a.example", NOW)
            .iter()
            .map(|u| u.holds("e3"))
            .collect();
        assert_eq!(holders, [true, true, false, false, false]);
    }

    #[test]
    fn generated_ids_look_like_guids() {
        let mut random = SplitMix64(42);
        let guid = random.guid();
        let groups: Vec<usize> = guid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert!(guid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    }
}
