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
    let users: Vec<&CustomerUser> = users.into_iter().collect();
    skus.iter()
        .map(|sku| {
            let sku_id = sku.sku_id();
            let mut holders = 0;
            let mut common: Option<BTreeSet<&str>> = None;
            let mut alike = true;
            for license in users
                .iter()
                .filter_map(|u| u.assigned_licenses.iter().find(|l| l.sku_id == sku_id))
            {
                holders += 1;
                if !alike {
                    continue;
                }
                let plans: BTreeSet<&str> =
                    license.excluded_plans.iter().map(String::as_str).collect();
                match &common {
                    None => common = Some(plans),
                    Some(first) if *first != plans => alike = false,
                    Some(_) => {}
                }
            }
            ProductHolding {
                sku_id: sku_id.to_owned(),
                holders,
                common_excluded_plans: common
                    .filter(|_| alike)
                    .map(|plans| plans.into_iter().map(str::to_owned).collect())
                    .unwrap_or_default(),
            }
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
