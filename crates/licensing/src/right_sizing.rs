//! Right-sizing a subscription: how many of its seats could go (nobody holds them, or their
//! holders are blocked or long inactive), and whether its cancellation window still lets the
//! partner drop them this term. New-commerce subscriptions only shrink in a short window after
//! purchase or renewal (`cancellationAllowedUntilDate`); past it the seats are paid to term end.

use crate::contract::{CapabilityStatus, SubscribedSku, Subscription};
use crate::user_filter::parse_timestamp;

/// Seats left at or under which a product warns that it is running out.
pub const LOW_SEATS: u32 = 2;
/// Share of the seats (percent) left at or under which a product warns that it is running out.
pub const LOW_SEATS_PERCENT: u32 = 5;

/// Whether a product is running out of seats: 2 or fewer left, or 5% or less of its seats. A
/// suspended product has no seats to give and says so itself, so it does not warn.
pub fn low_on_seats(sku: &SubscribedSku) -> bool {
    if sku.capability_status == CapabilityStatus::Suspended || sku.total_units == 0 {
        return false;
    }
    let available = u64::from(sku.available_units);
    available <= u64::from(LOW_SEATS)
        || available * 100 <= u64::from(sku.total_units) * u64::from(LOW_SEATS_PERCENT)
}

/// What could be taken back from one product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RightSizing {
    /// Seats nobody holds.
    pub unassigned: u32,
    /// Holders who are blocked or inactive for 90+ days (counted by the server's filter).
    pub reclaimable_holders: u32,
    /// Seats that could go: the two together, never more than the product has.
    pub reclaimable: u32,
    /// The cancellation deadline (RFC 3339) when it is still ahead and the subscription can
    /// change: the seats can be dropped until then.
    pub reduce_before: Option<String>,
}

impl RightSizing {
    /// "Reduce by N before <date>": only when there is something to drop and time to do it.
    pub fn reduce_by(&self) -> Option<(u32, &str)> {
        match &self.reduce_before {
            Some(date) if self.reclaimable > 0 => Some((self.reclaimable, date.as_str())),
            _ => None,
        }
    }
}

/// Right-sizes `sku` sold by `subscription`, with `reclaimable_holders` of its holders blocked
/// or inactive, at `now` (seconds since the epoch: the server's clock, not the browser's).
pub fn right_size(
    sku: &SubscribedSku,
    subscription: &Subscription,
    reclaimable_holders: usize,
    now: i64,
) -> RightSizing {
    let reclaimable_holders = u32::try_from(reclaimable_holders).unwrap_or(u32::MAX);
    let unassigned = sku.available_units;
    let reclaimable = unassigned
        .saturating_add(reclaimable_holders)
        .min(sku.total_units);
    // A suspended subscription refuses any change of its seats.
    let changeable = sku.capability_status != CapabilityStatus::Suspended;
    let reduce_before = subscription
        .cancellation_allowed_until_date
        .as_deref()
        .filter(|date| changeable && parse_timestamp(date).is_some_and(|until| until > now))
        .map(str::to_owned);
    RightSizing {
        unassigned,
        reclaimable_holders,
        reclaimable,
        reduce_before,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{BillingCycle, LicenseRules, ProductSku, SubscriptionStatus};

    /// 2026-11-30T12:00:00Z, the seed's clock.
    const NOW: i64 = 1_796_040_000;

    fn product(status: SubscriptionStatus, quantity: u32, consumed: u32) -> SubscribedSku {
        SubscribedSku::new(
            ProductSku {
                id: "ems".to_owned(),
                name: "Enterprise Mobility + Security E3".to_owned(),
                sku_part_number: "EMS".to_owned(),
                target_type: "User".to_owned(),
                license_group_id: "group1".to_owned(),
            },
            Vec::new(),
            LicenseRules::default(),
            status.capability(),
            quantity,
            consumed,
        )
    }

    fn subscription(cancel_by: Option<&str>) -> Subscription {
        Subscription {
            id: "sub".to_owned(),
            offer_id: "offer".to_owned(),
            offer_name: "EMS E3".to_owned(),
            sku_id: "ems".to_owned(),
            quantity: 60,
            status: SubscriptionStatus::Active,
            billing_cycle: BillingCycle::Monthly,
            term_duration: "P1Y".to_owned(),
            commitment_end_date: Some("2027-11-26T00:00:00Z".to_owned()),
            auto_renew_enabled: true,
            cancellation_allowed_until_date: cancel_by.map(str::to_owned),
        }
    }

    #[test]
    fn unassigned_seats_and_idle_holders_are_reduced_before_the_window_closes() {
        let sku = product(SubscriptionStatus::Active, 60, 40);
        let sizing = right_size(&sku, &subscription(Some("2026-12-03T00:00:00Z")), 5, NOW);
        assert_eq!((sizing.unassigned, sizing.reclaimable_holders), (20, 5));
        assert_eq!(sizing.reduce_by(), Some((25, "2026-12-03T00:00:00Z")));
    }

    #[test]
    fn past_the_cancellation_window_the_seats_are_reclaimable_but_not_reducible() {
        let sku = product(SubscriptionStatus::Active, 60, 40);
        for cancel_by in [
            Some("2026-11-30T12:00:00Z"),
            Some("2025-12-27T00:00:00Z"),
            None,
        ] {
            let sizing = right_size(&sku, &subscription(cancel_by), 5, NOW);
            assert_eq!(sizing.reclaimable, 25, "{cancel_by:?}");
            assert_eq!(sizing.reduce_by(), None, "{cancel_by:?}");
        }
    }

    #[test]
    fn a_full_product_with_busy_holders_has_nothing_to_reduce_even_inside_the_window() {
        let sku = product(SubscriptionStatus::Active, 5, 5);
        let sizing = right_size(&sku, &subscription(Some("2026-12-05T00:00:00Z")), 0, NOW);
        assert_eq!(sizing.reclaimable, 0);
        assert_eq!(sizing.reduce_by(), None);
    }

    #[test]
    fn a_suspended_subscription_can_not_be_reduced_and_its_seats_count_for_nothing() {
        let sku = product(SubscriptionStatus::Suspended, 10, 2);
        let sizing = right_size(&sku, &subscription(Some("2026-12-05T00:00:00Z")), 1, NOW);
        assert_eq!((sizing.unassigned, sizing.reclaimable), (0, 0));
        assert_eq!(sizing.reduce_before, None);
    }

    #[test]
    fn an_unreadable_deadline_is_treated_as_passed() {
        let sku = product(SubscriptionStatus::Active, 10, 2);
        let sizing = right_size(&sku, &subscription(Some("next week")), 0, NOW);
        assert_eq!(sizing.reduce_before, None);
    }

    #[test]
    fn a_product_warns_at_two_seats_left_or_five_percent() {
        let left = |quantity, consumed| {
            low_on_seats(&product(SubscriptionStatus::Active, quantity, consumed))
        };
        assert!(left(10, 8), "2 of 10 left");
        assert!(!left(10, 7), "3 of 10 left");
        assert!(left(100, 95), "5% left");
        assert!(!left(100, 94), "6% left");
        assert!(left(5, 5), "none left");
        assert!(!low_on_seats(&product(
            SubscriptionStatus::Suspended,
            10,
            2
        )));
        assert!(low_on_seats(&product(SubscriptionStatus::Expired, 5, 4)));
    }
}
