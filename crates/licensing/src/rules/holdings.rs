use std::collections::BTreeSet;

use crate::catalogue::Catalogue;
use crate::contract::{CustomerUser, ProductHolding};

/// Per product of the catalogue: how many of `users` hold it, and the service plans that all of
/// them have excluded alike (empty when holders differ), which is how View service plans opens.
/// The server answers the page's summary with it; the page would compute the same from the
/// users' details.
pub fn holdings<'a>(
    users: impl IntoIterator<Item = &'a CustomerUser>,
    skus: &Catalogue,
) -> Vec<ProductHolding> {
    /// One product's tally: holders, and the plans the first holder excluded while every
    /// later one excluded the same (`None` once two differ).
    #[derive(Default)]
    struct Tally<'a> {
        holders: usize,
        common: Option<Option<BTreeSet<&'a str>>>,
    }
    // One pass over the users, each license found by the catalogue's index: a pass per
    // product was products x users x licenses comparisons, which grew with every product.
    let mut tallies: Vec<Tally<'a>> = skus.iter().map(|_| Tally::default()).collect();
    for license in users.into_iter().flat_map(|u| &u.assigned_licenses) {
        let Some(tally) = skus
            .position(&license.sku_id)
            .and_then(|position| tallies.get_mut(position))
        else {
            continue;
        };
        tally.holders += 1;
        match &tally.common {
            Some(None) => {}
            Some(Some(first)) => {
                // As sets: the same plans, whatever their order or repeats.
                let plans = &license.excluded_plans;
                let alike = plans.iter().all(|p| first.contains(p.as_str()))
                    && first.iter().all(|f| plans.iter().any(|p| p == f));
                if !alike {
                    tally.common = Some(None);
                }
            }
            None => {
                tally.common = Some(Some(
                    license.excluded_plans.iter().map(String::as_str).collect(),
                ));
            }
        }
    }
    skus.iter()
        .zip(tallies)
        .map(|(sku, tally)| ProductHolding {
            sku_id: sku.sku_id().to_owned(),
            holders: tally.holders,
            common_excluded_plans: tally
                .common
                .flatten()
                .map(|plans| plans.into_iter().map(str::to_owned).collect())
                .unwrap_or_default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::AssignedLicense;
    use crate::rules::test_support::*;

    fn holding(user: &mut CustomerUser, sku_id: &str, excluded: &[&str]) {
        user.assigned_licenses.push(AssignedLicense {
            sku_id: sku_id.to_owned(),
            excluded_plans: excluded.iter().map(|p| (*p).to_owned()).collect(),
        });
    }

    #[test]
    fn counts_the_holders_of_every_product_in_catalogue_order() {
        let skus = catalogue();
        let mut adele = user("adele", Some("US"), &[]);
        let mut alex = user("alex", Some("US"), &[]);
        let irvin = user("irvin", Some("US"), &[]);
        holding(&mut adele, skus[0].sku_id(), &[]);
        holding(&mut alex, skus[0].sku_id(), &[]);
        holding(&mut alex, skus[1].sku_id(), &[]);
        let summary = holdings([&adele, &alex, &irvin], &skus);
        assert_eq!(summary.len(), skus.len());
        assert_eq!(summary[0].sku_id, skus[0].sku_id());
        let counts: Vec<usize> = summary.iter().map(|h| h.holders).collect();
        assert_eq!(counts[..2], [2, 1]);
        assert!(counts[2..].iter().all(|&c| c == 0));
    }

    #[test]
    fn plans_excluded_alike_by_every_holder_are_common_in_any_order() {
        let skus = catalogue();
        let e3 = skus[0].sku_id();
        let mut adele = user("adele", Some("US"), &[]);
        let mut alex = user("alex", Some("US"), &[]);
        holding(&mut adele, e3, &["teams", "yammer"]);
        holding(&mut alex, e3, &["yammer", "teams"]);
        let summary = holdings([&adele, &alex, &user("irvin", Some("US"), &[])], &skus);
        assert_eq!(summary[0].common_excluded_plans, ["teams", "yammer"]);
    }

    #[test]
    fn plans_that_differ_between_holders_are_not_common() {
        let skus = catalogue();
        let e3 = skus[0].sku_id();
        let mut adele = user("adele", Some("US"), &[]);
        let mut alex = user("alex", Some("US"), &[]);
        let mut irvin = user("irvin", Some("US"), &[]);
        holding(&mut adele, e3, &["teams"]);
        holding(&mut alex, e3, &["teams"]);
        holding(&mut irvin, e3, &[]);
        let summary = holdings([&adele, &alex, &irvin], &skus);
        assert_eq!(summary[0].holders, 3);
        assert!(summary[0].common_excluded_plans.is_empty());
    }
}
