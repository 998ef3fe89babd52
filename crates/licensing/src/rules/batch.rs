use std::collections::HashMap;

use crate::catalogue::Catalogue;
use crate::contract::{AssignedLicense, CustomerUser, LicenseAssignment, LicenseError};

use super::undo::holds_exactly;
use super::user_update::{plan_user_update, UserPlan};

/// One user's update within a batch.
#[derive(Debug, Clone, Copy)]
pub struct BatchEntry<'a> {
    pub user: &'a CustomerUser,
    pub to_assign: &'a [LicenseAssignment],
    pub to_remove: &'a [String],
    /// The licenses the user must hold now for the update to apply (`expectedLicenses`).
    pub expected: Option<&'a [AssignedLicense]>,
}

/// Plans a batch the way the server applies it, under one lock: each user all-or-nothing,
/// the batch as a whole possibly in part. Each user appears at most once (the caller refuses
/// repeats, since a second update would be planned against the user's old licenses).
///
/// A user whose licenses differ from the entry's `expected` is refused with `LicensesChanged`
/// alone. Every other user is first checked on their own ([`plan_user_update`]). The users who pass then
/// take seats from running counts, in request order; a seat freed by one user serves later
/// users and, in a further pass, earlier ones that were short. Users still short when a pass
/// makes no progress are refused with `NotEnoughSeats`, where `requested` = `short_by` = how
/// many users of this batch were refused for that product: buy that many, then retry them.
///
/// Results are in entry order.
pub fn plan_batch(
    entries: &[BatchEntry<'_>],
    skus: &Catalogue,
) -> Vec<Result<UserPlan, Vec<LicenseError>>> {
    let mut results: Vec<Result<UserPlan, Vec<LicenseError>>> = entries
        .iter()
        .map(|e| match e.expected {
            Some(expected) if !holds_exactly(e.user, expected) => {
                Err(vec![LicenseError::LicensesChanged {
                    held: e
                        .user
                        .assigned_licenses
                        .iter()
                        .map(|l| l.sku_id.clone())
                        .collect(),
                }])
            }
            _ => plan_user_update(e.user, e.to_assign, e.to_remove, skus),
        })
        .collect();

    let mut available: HashMap<&str, u32> = skus
        .iter()
        .map(|sku| (sku.sku_id(), sku.available_units))
        .collect();
    let mut waiting: Vec<(usize, &UserPlan)> = results
        .iter()
        .enumerate()
        .filter_map(|(index, result)| Some((index, result.as_ref().ok()?)))
        .collect();
    loop {
        let before = waiting.len();
        waiting.retain(|(_, plan)| {
            let fits = plan
                .new_seats
                .iter()
                .all(|sku_id| available.get(sku_id.as_str()).is_some_and(|n| *n > 0));
            if fits {
                for sku_id in &plan.new_seats {
                    if let Some(seats) = available.get_mut(sku_id.as_str()) {
                        *seats -= 1;
                    }
                }
                for sku_id in &plan.freed_seats {
                    if let Some(seats) = available.get_mut(sku_id.as_str()) {
                        *seats += 1;
                    }
                }
            }
            !fits
        });
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }

    let is_short = |sku_id: &&String| available.get(sku_id.as_str()).is_none_or(|n| *n == 0);
    let mut refused_for: HashMap<&str, u32> = HashMap::new();
    for (_, plan) in &waiting {
        for sku_id in plan.new_seats.iter().filter(is_short) {
            *refused_for.entry(sku_id.as_str()).or_default() += 1;
        }
    }
    let refusals: Vec<(usize, Vec<LicenseError>)> = waiting
        .iter()
        .map(|(index, plan)| {
            let errors = plan
                .new_seats
                .iter()
                .filter(is_short)
                .map(|sku_id| {
                    let refused = refused_for.get(sku_id.as_str()).copied().unwrap_or(1);
                    LicenseError::NotEnoughSeats {
                        sku_id: sku_id.clone(),
                        requested: refused,
                        available: 0,
                        short_by: refused,
                    }
                })
                .collect();
            (*index, errors)
        })
        .collect();
    for (index, errors) in refusals {
        results[index] = Err(errors);
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{LicenseAssignment, LicenseError};
    use crate::rules::test_support::*;

    #[derive(Debug, Clone)]
    struct Request {
        user: CustomerUser,
        assign: Vec<LicenseAssignment>,
        remove: Vec<String>,
        expected: Option<Vec<AssignedLicense>>,
    }

    fn request(user: CustomerUser, assign_ids: &[&str], remove_ids: &[&str]) -> Request {
        Request {
            user,
            assign: assign_ids.iter().map(|id| assign(id)).collect(),
            remove: remove_ids.iter().map(|id| (*id).to_owned()).collect(),
            expected: None,
        }
    }

    fn run(requests: &[Request], skus: &Catalogue) -> Vec<Result<UserPlan, Vec<LicenseError>>> {
        let entries: Vec<BatchEntry<'_>> = requests
            .iter()
            .map(|r| BatchEntry {
                user: &r.user,
                to_assign: &r.assign,
                to_remove: &r.remove,
                expected: r.expected.as_deref(),
            })
            .collect();
        plan_batch(&entries, skus)
    }

    fn outcomes(results: &[Result<UserPlan, Vec<LicenseError>>]) -> Vec<bool> {
        results.iter().map(Result::is_ok).collect()
    }

    #[test]
    fn users_past_the_last_seat_are_refused_and_told_how_many_to_buy() {
        let skus = with_available(catalogue(), E3, 2);
        let requests: Vec<Request> = ["a", "b", "c", "d"]
            .iter()
            .map(|id| request(user(id, Some("US"), &[]), &[E3], &[]))
            .collect();
        let results = run(&requests, &skus);
        assert_eq!(outcomes(&results), [true, true, false, false]);
        let expected = LicenseError::NotEnoughSeats {
            sku_id: E3.to_owned(),
            requested: 2,
            available: 0,
            short_by: 2,
        };
        assert_eq!(
            results[2].as_ref().unwrap_err(),
            std::slice::from_ref(&expected)
        );
        assert_eq!(results[3].as_ref().unwrap_err(), &[expected]);
    }

    #[test]
    fn a_user_short_of_one_product_gets_none_of_the_others() {
        let skus = catalogue();
        let requests = [request(user("a", Some("US"), &[]), &[EMS, POWER_BI], &[])];
        let results = run(&requests, &skus);
        assert!(matches!(
            results[0].as_ref().unwrap_err()[..],
            [LicenseError::NotEnoughSeats { .. }]
        ));
    }

    #[test]
    fn a_seat_freed_later_in_the_batch_serves_an_earlier_user() {
        let skus = catalogue(); // Power BI: 0 available
        let requests = [
            request(user("a", Some("US"), &[]), &[POWER_BI], &[]),
            request(user("b", Some("US"), &[POWER_BI]), &[], &[POWER_BI]),
        ];
        assert_eq!(outcomes(&run(&requests, &skus)), [true, true]);
    }

    #[test]
    fn a_user_refused_by_a_rule_takes_no_seat_from_the_others() {
        let skus = with_available(catalogue(), PHONE, 1);
        let requests = [
            request(user("wang", Some("CN"), &[]), &[PHONE], &[]),
            request(user("adele", Some("US"), &[]), &[PHONE], &[]),
        ];
        let results = run(&requests, &skus);
        assert!(matches!(
            results[0].as_ref().unwrap_err()[..],
            [LicenseError::ProhibitedInLocation { .. }]
        ));
        assert!(results[1].is_ok());
    }

    #[test]
    fn reassigning_held_products_never_runs_out_of_seats() {
        let skus = catalogue(); // Power BI: 0 available
        let requests = [request(
            user("a", Some("US"), &[POWER_BI]),
            &[POWER_BI],
            &[],
        )];
        assert_eq!(outcomes(&run(&requests, &skus)), [true]);
    }

    #[test]
    fn a_user_whose_licenses_changed_since_the_caller_looked_is_refused_and_takes_no_seat() {
        let skus = with_available(catalogue(), EMS, 1);
        let mut changed = request(user("a", Some("US"), &[E3, PHONE]), &[EMS], &[E3]);
        changed.expected = Some(user("a", Some("US"), &[E3]).assigned_licenses);
        let mut unchanged = request(user("b", Some("US"), &[PHONE, E3]), &[EMS], &[E3]);
        unchanged.expected = Some(user("b", Some("US"), &[E3, PHONE]).assigned_licenses);
        let results = run(&[changed, unchanged], &skus);
        assert_eq!(
            results[0].as_ref().unwrap_err(),
            &[LicenseError::LicensesChanged {
                held: vec![E3.to_owned(), PHONE.to_owned()],
            }]
        );
        assert!(results[1].is_ok(), "the one seat left went to b");
    }

    #[test]
    fn results_come_back_in_request_order() {
        let skus = catalogue();
        let requests = [
            request(user("x", Some("US"), &[]), &[EMS], &[]),
            request(user("y", None, &[]), &[EMS], &[]),
            request(user("z", Some("US"), &[]), &[EMS], &[]),
        ];
        let results = run(&requests, &skus);
        assert_eq!(outcomes(&results), [true, false, true]);
        assert_eq!(results[2].as_ref().unwrap().user_id, "z");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const SKUS: [&str; 9] = [
            E3, M365_E3, COMPLIANCE, EXCHANGE_1, EXCHANGE_2, PHONE, VISIO, EMS, POWER_BI,
        ];

        fn any_sku() -> impl Strategy<Value = &'static str> {
            prop_oneof![9 => proptest::sample::select(&SKUS[..]), 1 => Just("unknown")]
        }

        fn any_request(index: usize) -> impl Strategy<Value = Request> {
            (
                proptest::option::weighted(0.9, proptest::sample::select(&["US", "CN", "TW"][..])),
                proptest::sample::subsequence(&SKUS[..], 0..4),
                proptest::collection::vec(any_sku(), 0..4),
                proptest::collection::vec(any_sku(), 0..3),
            )
                .prop_map(move |(location, held, assign_ids, remove_ids)| {
                    let id = format!("user-{index}");
                    request(user(&id, location, &held), &assign_ids, &remove_ids)
                })
        }

        fn any_batch() -> impl Strategy<Value = Vec<Request>> {
            (1usize..12).prop_flat_map(|n| (0..n).map(any_request).collect::<Vec<_>>())
        }

        proptest! {
            #[test]
            fn a_batch_never_takes_more_seats_than_it_has_and_applies_each_users_own_rules(
                requests in any_batch(),
                seats in proptest::collection::vec(0u32..4, SKUS.len()),
            ) {
                let mut skus = catalogue();
                for (sku_id, available) in SKUS.iter().zip(&seats) {
                    skus = with_available(skus, sku_id, *available);
                }
                let results = run(&requests, &skus);
                prop_assert_eq!(results.len(), requests.len());

                let accepted: Vec<&UserPlan> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
                for demand in crate::rules::seat_demand(&skus, accepted.iter().copied()) {
                    prop_assert!(demand.available_after() >= 0, "{demand:?}");
                }

                let mut final_available: HashMap<&str, i64> = HashMap::new();
                for demand in crate::rules::seat_demand(&skus, accepted.iter().copied()) {
                    let sku = skus.iter().find(|s| s.sku_id() == demand.sku_id).unwrap();
                    final_available.insert(sku.sku_id(), demand.available_after());
                }
                for (request, result) in requests.iter().zip(&results) {
                    let alone = plan_user_update(&request.user, &request.assign, &request.remove, &skus);
                    match (result, &alone) {
                        (Ok(plan), Ok(own)) => prop_assert_eq!(plan, own),
                        (Err(errors), Ok(own)) => {
                            // Refused for seats only, and only where none is left at the end.
                            for error in errors {
                                let LicenseError::NotEnoughSeats { sku_id, .. } = error else {
                                    return Err(TestCaseError::fail(format!("{error:?}")));
                                };
                                prop_assert!(own.new_seats.contains(sku_id));
                                prop_assert_eq!(final_available[sku_id.as_str()], 0);
                            }
                        }
                        (Err(errors), Err(own)) => prop_assert_eq!(errors, own),
                        (Ok(_), Err(_)) => prop_assert!(false, "the batch accepted a user the rules refuse"),
                    }
                }
            }
        }
    }
}
