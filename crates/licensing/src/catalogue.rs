//! The customer's products, found by id: what every rule and screen looks products up in.

use std::collections::HashMap;
use std::ops::Deref;

use crate::contract::SubscribedSku;

/// The customer's subscribed products in the server's order, indexed by SKU id. Built once per
/// load of the products; reads as a slice of them.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    skus: Vec<SubscribedSku>,
    positions: HashMap<String, usize>,
}

impl Catalogue {
    pub fn new(skus: Vec<SubscribedSku>) -> Self {
        let positions = skus
            .iter()
            .enumerate()
            .map(|(position, sku)| (sku.sku_id().to_owned(), position))
            .collect();
        Catalogue { skus, positions }
    }

    /// Where the product with `sku_id` stands in the catalogue's order.
    pub fn position(&self, sku_id: &str) -> Option<usize> {
        self.positions.get(sku_id).copied()
    }

    pub fn get(&self, sku_id: &str) -> Option<&SubscribedSku> {
        self.position(sku_id).map(|position| &self.skus[position])
    }

    /// The product's display name, or its id when the catalogue doesn't know it.
    pub fn name<'a>(&'a self, sku_id: &'a str) -> &'a str {
        self.get(sku_id)
            .map_or(sku_id, |sku| sku.product_sku.name.as_str())
    }

    /// The product at `position`, to update its seat counts (its id must stay as it is).
    pub fn at_mut(&mut self, position: usize) -> &mut SubscribedSku {
        &mut self.skus[position]
    }
}

impl From<Vec<SubscribedSku>> for Catalogue {
    fn from(skus: Vec<SubscribedSku>) -> Self {
        Catalogue::new(skus)
    }
}

impl FromIterator<SubscribedSku> for Catalogue {
    fn from_iter<I: IntoIterator<Item = SubscribedSku>>(skus: I) -> Self {
        Catalogue::new(skus.into_iter().collect())
    }
}

impl Deref for Catalogue {
    type Target = [SubscribedSku];

    fn deref(&self) -> &[SubscribedSku] {
        &self.skus
    }
}

impl<'a> IntoIterator for &'a Catalogue {
    type Item = &'a SubscribedSku;
    type IntoIter = std::slice::Iter<'a, SubscribedSku>;

    fn into_iter(self) -> Self::IntoIter {
        self.skus.iter()
    }
}

impl PartialEq for Catalogue {
    fn eq(&self, other: &Catalogue) -> bool {
        self.skus == other.skus
    }
}

impl PartialEq<[SubscribedSku]> for Catalogue {
    fn eq(&self, other: &[SubscribedSku]) -> bool {
        self.skus == other
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::{catalogue, E3, POWER_BI};

    #[test]
    fn finds_a_product_by_id_where_it_stands_in_the_order() {
        let skus = catalogue();
        let position = skus.position(POWER_BI).unwrap();
        assert_eq!(skus[position].sku_id(), POWER_BI);
        assert_eq!(
            skus.get(E3).map(|s| s.product_sku.name.as_str()),
            Some("Office 365 E3")
        );
    }

    #[test]
    fn an_unknown_product_is_named_by_its_id() {
        let skus = catalogue();
        assert_eq!(skus.name("abc"), "abc");
        assert_eq!(skus.name(E3), "Office 365 E3");
        assert!(skus.get("abc").is_none());
    }
}
