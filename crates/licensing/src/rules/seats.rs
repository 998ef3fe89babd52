use crate::catalogue::Catalogue;
use crate::contract::LicenseError;

use super::user_update::UserPlan;

/// Seats of one product for a planned save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatDemand {
    pub sku_id: String,
    /// Available before the save.
    pub available: u32,
    /// Users who would take a new seat.
    pub new_seats: u32,
    /// Users who would give theirs back.
    pub freed_seats: u32,
}

impl SeatDemand {
    /// Available after the save; negative when the save asks for more than there is.
    pub fn available_after(&self) -> i64 {
        i64::from(self.available) + i64::from(self.freed_seats) - i64::from(self.new_seats)
    }

    /// How many licenses to buy before saving: above zero, Save must be blocked.
    pub fn short_by(&self) -> u32 {
        self.new_seats
            .saturating_sub(self.available.saturating_add(self.freed_seats))
    }

    /// The error the save would meet, as the UI shows it before saving.
    pub fn error(&self) -> Option<LicenseError> {
        let short_by = self.short_by();
        (short_by > 0).then(|| LicenseError::NotEnoughSeats {
            sku_id: self.sku_id.clone(),
            requested: self.new_seats,
            available: self.available.saturating_add(self.freed_seats),
            short_by,
        })
    }
}

/// Seats per product (catalogue order, every product) for exact per-user plans.
pub fn seat_demand<'a>(
    skus: &Catalogue,
    plans: impl IntoIterator<Item = &'a UserPlan>,
) -> Vec<SeatDemand> {
    let mut demand: Vec<SeatDemand> = skus
        .iter()
        .map(|sku| SeatDemand {
            sku_id: sku.sku_id().to_owned(),
            available: sku.available_units,
            new_seats: 0,
            freed_seats: 0,
        })
        .collect();
    for plan in plans {
        for position in plan.new_seats.iter().filter_map(|id| skus.position(id)) {
            demand[position].new_seats += 1;
        }
        for position in plan.freed_seats.iter().filter_map(|id| skus.position(id)) {
            demand[position].freed_seats += 1;
        }
    }
    demand
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::plan_user_update;
    use crate::rules::test_support::*;

    fn row<'a>(demand: &'a [SeatDemand], sku_id: &str) -> &'a SeatDemand {
        demand.iter().find(|d| d.sku_id == sku_id).unwrap()
    }

    #[test]
    fn each_user_getting_a_product_they_lack_needs_one_seat() {
        let skus = catalogue();
        let plans: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                plan_user_update(&user(id, Some("US"), &[]), &[assign(E3)], &[], &skus).unwrap()
            })
            .collect();
        let demand = seat_demand(&skus, &plans);
        let e3 = row(&demand, E3);
        assert_eq!((e3.available, e3.new_seats, e3.freed_seats), (6, 3, 0));
        assert_eq!(e3.available_after(), 3);
        assert_eq!(e3.short_by(), 0);
        assert_eq!(e3.error(), None);
    }

    #[test]
    fn users_who_already_hold_the_product_need_no_seat() {
        let skus = catalogue();
        let plan =
            plan_user_update(&user("a", Some("US"), &[E3]), &[assign(E3)], &[], &skus).unwrap();
        assert_eq!(row(&seat_demand(&skus, [&plan]), E3).new_seats, 0);
    }

    #[test]
    fn asking_for_more_seats_than_available_says_how_many_to_buy() {
        let skus = catalogue();
        let plans: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                plan_user_update(&user(id, Some("US"), &[]), &[assign(POWER_BI)], &[], &skus)
                    .unwrap()
            })
            .collect();
        let demand = seat_demand(&skus, &plans);
        let bi = row(&demand, POWER_BI);
        assert_eq!(bi.available_after(), -3);
        assert_eq!(bi.short_by(), 3);
        assert_eq!(
            bi.error(),
            Some(LicenseError::NotEnoughSeats {
                sku_id: POWER_BI.to_owned(),
                requested: 3,
                available: 0,
                short_by: 3,
            })
        );
    }

    #[test]
    fn seats_freed_in_the_same_save_count_as_available() {
        let skus = catalogue();
        let taker =
            plan_user_update(&user("a", Some("US"), &[]), &[assign(POWER_BI)], &[], &skus).unwrap();
        let giver = plan_user_update(
            &user("b", Some("US"), &[POWER_BI]),
            &[],
            &[POWER_BI.to_owned()],
            &skus,
        )
        .unwrap();
        let bi = seat_demand(&skus, [&taker, &giver])
            .into_iter()
            .find(|d| d.sku_id == POWER_BI)
            .unwrap();
        assert_eq!((bi.new_seats, bi.freed_seats, bi.short_by()), (1, 1, 0));
        assert_eq!(bi.available_after(), 0);
    }

    #[test]
    fn every_product_gets_a_row_in_catalogue_order() {
        let skus = catalogue();
        let demand = seat_demand(&skus, []);
        let ids: Vec<&str> = demand.iter().map(|d| d.sku_id.as_str()).collect();
        let expected: Vec<&str> = skus.iter().map(|s| s.sku_id()).collect();
        assert_eq!(ids, expected);
    }
}
