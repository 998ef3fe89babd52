//! The server's data: every customer tenant, checked and indexed once when loaded. It is
//! serialized in the fixture format, which is how the state file is written.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use licensing::catalogue::Catalogue;
use licensing::contract::{
    AssignedLicense, CapabilityStatus, Customer, CustomerUser, License, SubscribedSku, Subscription,
};
use licensing::locations::normalize_usage_location;
use licensing::user_filter::parse_timestamp;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::Error;
use crate::fixture::{generate_users, Fixture, FixtureError, Product, TenantFixture};
use crate::license_mix::mix_licenses;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    /// The fixture's clock (see [`Fixture::clock`]).
    clock: String,
    /// Sorted by company name (case-insensitive), then id.
    customers: Vec<Tenant>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tenant {
    pub customer: Customer,
    /// Changed only through [`Tenant::set_quantity`], which keeps `skus` in step.
    products: Vec<Product>,
    /// Kept in the default list order: display name (case-insensitive), then id. Users are
    /// never added or removed, so this order and `user_index` stay valid.
    users: Vec<CustomerUser>,
    #[serde(skip)]
    user_index: HashMap<String, usize>,
    /// Each user's JSON (by position), serialized when first listed and forgotten whenever the
    /// user changes ([`Tenant::set_licenses`], [`Tenant::user_mut`]): a page of users copies
    /// these instead of serializing every string of every user on every request.
    #[serde(skip)]
    user_json: Vec<OnceLock<Box<RawValue>>>,
    /// The catalogue: `products` (same order) with their seat counts, kept in step by
    /// [`Tenant::set_licenses`] and [`Tenant::set_quantity`]. Counting 10,000 users' licenses
    /// on every request made each license update cost most of a millisecond, and building the
    /// catalogue afresh (cloning every product, plan and rule) still cost a third of one.
    #[serde(skip)]
    skus: Catalogue,
    /// The fixture's clock, in seconds since the epoch: "inactive" is counted from it.
    #[serde(skip)]
    now: i64,
    /// The positions of the users matching recent filters (see [`FilterCache`]).
    #[serde(skip)]
    filtered: FilterCache,
}

impl Store {
    /// Generates the requested users, then checks that every reference resolves and no
    /// product has more users than seats.
    pub fn from_fixture(fixture: Fixture) -> Result<Store, FixtureError> {
        let now = parse_timestamp(&fixture.clock)
            .ok_or_else(|| invalid(format!("clock {} is not RFC 3339", fixture.clock)))?;
        let mut customers = fixture
            .customers
            .into_iter()
            .map(|tenant| Tenant::from_fixture(tenant, now))
            .collect::<Result<Vec<_>, _>>()?;
        let mut ids = HashSet::new();
        if let Some(repeated) = customers
            .iter()
            .find(|t| !ids.insert(t.customer.id.clone()))
        {
            return Err(invalid(format!(
                "customer {} is listed twice",
                repeated.customer.id
            )));
        }
        customers.sort_by_cached_key(|t| {
            (
                t.customer.company_profile.company_name.to_lowercase(),
                t.customer.id.clone(),
            )
        });
        Ok(Store {
            clock: fixture.clock,
            customers,
        })
    }

    pub fn customers(&self) -> impl Iterator<Item = &Customer> {
        self.customers.iter().map(|t| &t.customer)
    }

    pub fn tenant(&self, customer_id: &str) -> Result<&Tenant, Error> {
        self.customers
            .iter()
            .find(|t| t.customer.id == customer_id)
            .ok_or_else(|| Error::CustomerNotFound(customer_id.to_owned()))
    }

    pub fn tenant_mut(&mut self, customer_id: &str) -> Result<&mut Tenant, Error> {
        self.customers
            .iter_mut()
            .find(|t| t.customer.id == customer_id)
            .ok_or_else(|| Error::CustomerNotFound(customer_id.to_owned()))
    }
}

fn invalid(message: String) -> FixtureError {
    FixtureError::Invalid(message)
}

impl Tenant {
    fn from_fixture(fixture: TenantFixture, now: i64) -> Result<Tenant, FixtureError> {
        let TenantFixture {
            customer,
            products,
            mut users,
            generate,
        } = fixture;
        if let Some(spec) = &generate {
            let mut generated = generate_users(spec, &customer.company_profile.domain, now);
            mix_licenses(&mut generated, spec, &products);
            users.extend(generated);
        }
        for user in &mut users {
            if let Some(time) = &user.last_sign_in_date_time {
                parse_timestamp(time)
                    .ok_or_else(|| invalid(format!("user {}: last sign-in {time}", user.id)))?;
            }
            if let Some(location) = &user.usage_location {
                let code = normalize_usage_location(location).ok_or_else(|| {
                    invalid(format!("user {}: usage location {location}", user.id))
                })?;
                user.usage_location = Some(code.to_owned());
            }
        }
        users.sort_by_cached_key(|u| (u.display_name.to_lowercase(), u.id.clone()));
        let user_index = users
            .iter()
            .enumerate()
            .map(|(position, user)| (user.id.clone(), position))
            .collect::<HashMap<_, _>>();
        let skus = build_catalogue(&products, &count_consumed(&users));
        let user_json = users.iter().map(|_| OnceLock::new()).collect();
        let tenant = Tenant {
            customer,
            products,
            users,
            user_index,
            user_json,
            skus,
            now,
            filtered: FilterCache::default(),
        };
        tenant
            .check()
            .map_err(|message| invalid(format!("{}: {message}", tenant.customer.id)))?;
        Ok(tenant)
    }

    /// Every id is unique and every reference resolves; no active product is over-assigned.
    fn check(&self) -> Result<(), String> {
        if self.user_index.len() != self.users.len() {
            return Err("a user id is listed twice".to_owned());
        }
        let mut names = HashSet::new();
        if let Some(user) = self
            .users
            .iter()
            .find(|u| !names.insert(u.user_principal_name.to_lowercase()))
        {
            return Err(format!("{} is listed twice", user.user_principal_name));
        }
        let mut sku_ids = HashSet::new();
        let mut subscription_ids = HashSet::new();
        for product in &self.products {
            let sku_id = product.product_sku.id.as_str();
            if !sku_ids.insert(sku_id) || !subscription_ids.insert(&product.subscription.id) {
                return Err(format!(
                    "product {sku_id} or its subscription is listed twice"
                ));
            }
            if product.subscription.sku_id != sku_id {
                return Err(format!(
                    "the subscription of {sku_id} names another product"
                ));
            }
        }
        for product in &self.products {
            let rules = &product.license_rules;
            let unknown = rules
                .requires
                .iter()
                .chain(&rules.mutually_exclusive_with)
                .find(|id| !sku_ids.contains(id.as_str()));
            if let Some(id) = unknown {
                return Err(format!("the rules of {} name {id}", product.product_sku.id));
            }
            if let Some(code) = rules
                .prohibited_locations
                .iter()
                .find(|code| normalize_usage_location(code) != Some(code.as_str()))
            {
                return Err(format!("prohibited location {code}"));
            }
        }
        for user in &self.users {
            let mut held = HashSet::new();
            for license in &user.assigned_licenses {
                let product = self
                    .product(&license.sku_id)
                    .filter(|_| held.insert(&license.sku_id))
                    .ok_or_else(|| format!("user {}: license {}", user.id, license.sku_id))?;
                let plans_known = license
                    .excluded_plans
                    .iter()
                    .all(|plan| product.service_plans.iter().any(|p| p.id == *plan));
                if !plans_known {
                    return Err(format!(
                        "user {}: excluded plans of {}",
                        user.id, license.sku_id
                    ));
                }
            }
        }
        for sku in self.catalogue() {
            let over = sku.capability_status != CapabilityStatus::Suspended
                && sku.consumed_units > sku.total_units;
            if over {
                return Err(format!("{} has more users than seats", sku.sku_id()));
            }
        }
        Ok(())
    }

    /// The products with seat counts derived from the subscriptions and the users.
    pub fn catalogue(&self) -> &Catalogue {
        &self.skus
    }

    /// The products with their subscriptions, in catalogue order.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    pub fn product(&self, sku_id: &str) -> Option<&Product> {
        self.skus
            .position(sku_id)
            .map(|position| &self.products[position])
    }

    /// Sets a subscription's seat count (the caller has checked it with the rules), and the
    /// catalogue's with it.
    pub fn set_quantity(
        &mut self,
        subscription_id: &str,
        quantity: u32,
    ) -> Result<&Subscription, Error> {
        let position = self
            .products
            .iter()
            .position(|p| p.subscription.id == subscription_id)
            .ok_or_else(|| Error::SubscriptionNotFound(subscription_id.to_owned()))?;
        let product = &mut self.products[position];
        product.subscription.quantity = quantity;
        let sku = self.skus.at_mut(position);
        recount(sku, product, sku.consumed_units);
        Ok(&product.subscription)
    }

    /// Every user, in the default list order.
    pub fn users(&self) -> &[CustomerUser] {
        &self.users
    }

    /// The fixture's clock, in seconds since the epoch.
    pub fn now(&self) -> i64 {
        self.now
    }

    /// The positions in [`Tenant::users`] of the users `find` picks for `key`, remembered until
    /// a user changes: paging through a filtered list of 10,000 users (or reading it again) then
    /// costs a page, not a pass over every user.
    pub fn filtered_positions(
        &self,
        key: &str,
        find: impl FnOnce(&[CustomerUser]) -> Vec<u32>,
    ) -> Arc<[u32]> {
        if let Some(found) = self.filtered.get(key) {
            return found;
        }
        let found: Arc<[u32]> = find(&self.users).into();
        self.filtered.put(key, Arc::clone(&found));
        found
    }

    /// The user at `position` of [`Tenant::users`] as JSON, exactly as serializing the user
    /// writes it.
    pub fn user_json(&self, position: usize) -> &RawValue {
        self.user_json[position].get_or_init(|| {
            // Serializing a user can't fail: string fields, an enum and a list.
            serde_json::value::to_raw_value(&self.users[position])
                .expect("a user serializes to JSON")
        })
    }

    pub fn user(&self, user_id: &str) -> Result<&CustomerUser, Error> {
        self.user_index
            .get(user_id)
            .map(|&position| &self.users[position])
            .ok_or_else(|| Error::UserNotFound(user_id.to_owned()))
    }

    /// Replaces the licenses a user holds, and the seat counts with them.
    pub fn set_licenses(
        &mut self,
        user_id: &str,
        licenses: Vec<AssignedLicense>,
    ) -> Result<(), Error> {
        let position = *self
            .user_index
            .get(user_id)
            .ok_or_else(|| Error::UserNotFound(user_id.to_owned()))?;
        self.user_json[position].take();
        self.filtered.clear();
        let user = &mut self.users[position];
        let held = std::mem::replace(&mut user.assigned_licenses, licenses);
        let taken = &self.users[position].assigned_licenses;
        for (license, change) in held
            .iter()
            .map(|l| (l, -1))
            .chain(taken.iter().map(|l| (l, 1)))
        {
            // Every license names a product of the catalogue: the fixture is checked on load and
            // the rules refuse unknown products.
            if let Some(index) = self.skus.position(&license.sku_id) {
                let sku = self.skus.at_mut(index);
                recount(
                    sku,
                    &self.products[index],
                    sku.consumed_units.saturating_add_signed(change),
                );
            }
        }
        Ok(())
    }

    /// Seats in use per product, counted afresh from the users (the cache's reference).
    pub fn recount_consumed(&self) -> HashMap<String, u32> {
        count_consumed(&self.users)
    }

    /// A user to change anything but licenses (those go through [`Tenant::set_licenses`], which
    /// keeps the seat counts).
    pub fn user_mut(&mut self, user_id: &str) -> Result<&mut CustomerUser, Error> {
        match self.user_index.get(user_id) {
            Some(&position) => {
                self.user_json[position].take();
                self.filtered.clear();
                Ok(&mut self.users[position])
            }
            None => Err(Error::UserNotFound(user_id.to_owned())),
        }
    }

    /// The products a user holds, each with the service plans the user actually gets.
    pub fn licenses_of(&self, user: &CustomerUser) -> Vec<License> {
        user.assigned_licenses
            .iter()
            .filter_map(|held| {
                let product = self.product(&held.sku_id)?;
                Some(License {
                    service_plans: product
                        .service_plans
                        .iter()
                        .filter(|plan| !held.excluded_plans.contains(&plan.id))
                        .cloned()
                        .collect(),
                    product_sku: product.product_sku.clone(),
                })
            })
            .collect()
    }
}

/// The last few filtered lists of a tenant, by key (the filter and order as query text), newest
/// last. A copy of the tenant starts with none.
#[derive(Debug, Default)]
struct FilterCache(Mutex<Vec<(String, Arc<[u32]>)>>);

/// Lists kept per tenant: a few people paging through a few filters each.
const FILTERS_KEPT: usize = 16;

impl FilterCache {
    fn get(&self, key: &str) -> Option<Arc<[u32]>> {
        let entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .iter()
            .find(|(kept, _)| kept == key)
            .map(|(_, found)| Arc::clone(found))
    }

    fn put(&self, key: &str, found: Arc<[u32]>) {
        let mut entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        entries.retain(|(kept, _)| kept != key);
        if entries.len() == FILTERS_KEPT {
            entries.remove(0);
        }
        entries.push((key.to_owned(), found));
    }

    fn clear(&mut self) {
        self.0
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}

impl Clone for FilterCache {
    fn clone(&self) -> Self {
        FilterCache::default()
    }
}

/// Sets `sku`'s seat counts from its product's subscription and `consumed` seats.
fn recount(sku: &mut SubscribedSku, product: &Product, consumed: u32) {
    let subscription = &product.subscription;
    sku.recount(
        subscription.status.capability(),
        subscription.quantity,
        consumed,
    );
}

/// The catalogue of `products`, with `consumed` seats per product id.
fn build_catalogue(products: &[Product], consumed: &HashMap<String, u32>) -> Catalogue {
    products
        .iter()
        .map(|product| {
            SubscribedSku::new(
                product.product_sku.clone(),
                product.service_plans.clone(),
                product.license_rules.clone(),
                product.subscription.status.capability(),
                product.subscription.quantity,
                consumed
                    .get(product.product_sku.id.as_str())
                    .copied()
                    .unwrap_or_default(),
            )
        })
        .collect()
}

fn count_consumed(users: &[CustomerUser]) -> HashMap<String, u32> {
    let mut consumed: HashMap<String, u32> = HashMap::new();
    for license in users.iter().flat_map(|u| &u.assigned_licenses) {
        *consumed.entry(license.sku_id.clone()).or_default() += 1;
    }
    consumed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture::SEED_JSON;

    fn seed_with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Store, FixtureError> {
        let mut value: serde_json::Value = serde_json::from_str(SEED_JSON).unwrap();
        edit(&mut value);
        Store::from_fixture(serde_json::from_value(value).unwrap())
    }

    #[test]
    fn the_committed_seed_loads() {
        assert!(Store::from_fixture(Fixture::seed()).is_ok());
    }

    /// The kept catalogue, against one built afresh from the products and a recount.
    fn assert_catalogue_in_step(tenant: &Tenant, context: &str) {
        let fresh = build_catalogue(&tenant.products, &tenant.recount_consumed());
        assert_eq!(tenant.catalogue(), &fresh, "{context}");
    }

    #[test]
    fn seat_counts_follow_every_change_of_licenses() {
        let mut store = Store::from_fixture(Fixture::seed()).unwrap();
        let tenant = &mut store.customers[0];
        assert_catalogue_in_step(tenant, "as loaded");
        let ids: Vec<String> = tenant.users.iter().map(|u| u.id.clone()).collect();
        let products: Vec<String> = tenant
            .products
            .iter()
            .map(|p| p.product_sku.id.clone())
            .collect();
        // Every user gets a rotating pair of products, then loses them all.
        for (n, id) in ids.iter().enumerate() {
            let licenses = [n, n + 1]
                .iter()
                .map(|i| AssignedLicense {
                    sku_id: products[i % products.len()].clone(),
                    excluded_plans: Vec::new(),
                })
                .collect();
            tenant.set_licenses(id, licenses).unwrap();
            assert_catalogue_in_step(tenant, &format!("after user {n}"));
        }
        for id in &ids {
            tenant.set_licenses(id, Vec::new()).unwrap();
        }
        assert!(tenant.catalogue().iter().all(|sku| sku.consumed_units == 0));
        assert_catalogue_in_step(tenant, "after removing every license");
        assert!(matches!(
            tenant.set_licenses("no-such-user", Vec::new()),
            Err(Error::UserNotFound(_))
        ));
    }

    #[test]
    fn seat_counts_follow_every_change_of_quantity() {
        let mut store = Store::from_fixture(Fixture::seed()).unwrap();
        for tenant in &mut store.customers {
            let subscriptions: Vec<String> = tenant
                .products
                .iter()
                .map(|p| p.subscription.id.clone())
                .collect();
            for (n, id) in subscriptions.iter().enumerate() {
                let quantity = 20_000 + n as u32;
                assert_eq!(
                    tenant.set_quantity(id, quantity).unwrap().quantity,
                    quantity
                );
                assert_eq!(
                    tenant.catalogue()[n]
                        .total_units
                        .max(tenant.catalogue()[n].suspended_units),
                    quantity
                );
                assert_catalogue_in_step(tenant, &format!("after subscription {id}"));
            }
            assert!(matches!(
                tenant.set_quantity("no-such-subscription", 1),
                Err(Error::SubscriptionNotFound(_))
            ));
        }
    }

    #[test]
    fn a_users_kept_json_follows_every_change_of_the_user() {
        let mut store = Store::from_fixture(Fixture::seed()).unwrap();
        let tenant = &mut store.customers[0];
        let fresh = |tenant: &Tenant, position: usize| {
            serde_json::to_string(&tenant.users[position]).unwrap()
        };
        for position in 0..3 {
            assert_eq!(tenant.user_json(position).get(), fresh(tenant, position));
        }
        let (first, second) = (tenant.users[0].id.clone(), tenant.users[1].id.clone());
        let product = tenant.products[0].product_sku.id.clone();
        tenant
            .set_licenses(
                &first,
                vec![AssignedLicense {
                    sku_id: product,
                    excluded_plans: Vec::new(),
                }],
            )
            .unwrap();
        tenant.user_mut(&second).unwrap().usage_location = Some("NZ".to_owned());
        for position in 0..3 {
            assert_eq!(tenant.user_json(position).get(), fresh(tenant, position));
        }
        assert!(tenant
            .user_json(1)
            .get()
            .contains(r#""usageLocation":"NZ""#));
    }

    #[test]
    fn a_fixture_giving_a_user_an_unknown_product_is_refused() {
        let result = seed_with(|v| {
            v["customers"][0]["users"][0]["assignedLicenses"][0]["skuId"] = "nope".into();
        });
        assert!(matches!(result, Err(FixtureError::Invalid(_))));
    }

    #[test]
    fn a_fixture_with_more_users_than_seats_is_refused() {
        let result = seed_with(|v| {
            for product in v["customers"][0]["products"].as_array_mut().unwrap() {
                product["subscription"]["quantity"] = 0.into();
            }
        });
        let message = result.unwrap_err().to_string();
        assert!(message.contains("more users than seats"), "{message}");
    }

    #[test]
    fn a_fixture_with_an_invalid_usage_location_is_refused() {
        let result = seed_with(|v| {
            v["customers"][0]["users"][0]["usageLocation"] = "XX".into();
        });
        assert!(matches!(result, Err(FixtureError::Invalid(_))));
    }

    #[test]
    fn the_store_written_out_loads_back_the_same() {
        let store = Store::from_fixture(Fixture::seed()).unwrap();
        let written = serde_json::to_string(&store).unwrap();
        let reloaded = Store::from_fixture(Fixture::from_json(&written).unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(&reloaded).unwrap(),
            serde_json::to_value(&store).unwrap()
        );
    }
}
