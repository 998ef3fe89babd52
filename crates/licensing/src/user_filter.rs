//! Finding users among thousands: sign-in activity ("inactive", "reclaimable") and the filters
//! of the Users page. The app writes a [`UserFilter`] into its address and into
//! `GET .../users` with [`UserFilter::to_params`]; the server reads it back with
//! [`UserFilter::read_param`] and keeps the users that [`UserFilter::matches`], so the two never
//! disagree on what a parameter means.

use crate::contract::CustomerUser;
use crate::locations::normalize_usage_location;

/// A licensed user blocked from signing in, or not signed in for more than this many days, holds
/// seats that can be taken back.
pub const RECLAIMABLE_INACTIVE_DAYS: u32 = 90;

const SECONDS_PER_DAY: i64 = 86_400;

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 timestamp (`2026-11-02T08:30:00Z`,
/// fractions of a second and `+hh:mm` offsets allowed); `None` when it is not one.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = bytes.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0, |n, digit| n * 10 + i64::from(digit - b'0'))
        })
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| bytes.get(at) != Some(&c))
        || !matches!(bytes.get(10), Some(b'T' | b't'))
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let valid = (1..=12).contains(&month)
        && (1..=month_days[(month - 1) as usize]).contains(&day)
        && hour < 24
        && minute < 60
        && second < 61;
    if !valid {
        return None;
    }
    let mut rest = &bytes[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        rest = &fraction[count..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let part = [*h1, *h2, *m1, *m2];
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let value = |i: usize| i64::from(part[i] - b'0');
            let (hours, minutes) = (value(0) * 10 + value(1), value(2) * 10 + value(3));
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3_600 + minutes * 60;
            if *sign == b'+' {
                seconds
            } else {
                -seconds
            }
        }
        _ => return None,
    };
    Some(
        days_from_civil(year, month, day) * SECONDS_PER_DAY + hour * 3_600 + minute * 60 + second
            - offset,
    )
}

/// `seconds` since the epoch as RFC 3339 in UTC, to the second (`2026-11-02T08:30:00Z`).
pub fn format_timestamp(seconds: i64) -> String {
    let (days, second_of_day) = (
        seconds.div_euclid(SECONDS_PER_DAY),
        seconds.rem_euclid(SECONDS_PER_DAY),
    );
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3_600,
        second_of_day / 60 % 60,
        second_of_day % 60
    )
}

/// The date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Whether the user has not signed in for more than `days` days before `now` (seconds since the
/// epoch), or never has.
pub fn is_inactive(user: &CustomerUser, now: i64, days: u32) -> bool {
    match user
        .last_sign_in_date_time
        .as_deref()
        .and_then(parse_timestamp)
    {
        Some(last) => now - last > i64::from(days) * SECONDS_PER_DAY,
        None => true,
    }
}

/// Whether the user holds a license that could be taken back: licensed, and blocked from signing
/// in or inactive for more than [`RECLAIMABLE_INACTIVE_DAYS`].
pub fn is_reclaimable(user: &CustomerUser, now: i64) -> bool {
    !user.assigned_licenses.is_empty()
        && (!user.account_enabled || is_inactive(user, now, RECLAIMABLE_INACTIVE_DAYS))
}

/// Usage location filter: one country, or users without a usage location.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LocationFilter {
    Code(String),
    Missing,
}

/// Which users a list shows, beyond the text search. Every part narrows the list: a user is
/// shown when it passes all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(
    feature = "openapi",
    into_params(parameter_in = Query, rename_all = "camelCase")
)]
pub struct UserFilter {
    /// `true`: users holding at least one product; `false`: users holding none.
    pub licensed: Option<bool>,
    /// A product's sku id the user holds; repeat it for users holding all of them.
    #[cfg_attr(feature = "openapi", param(style = Form, explode))]
    pub has_sku: Vec<String>,
    /// A product's sku id the user doesn't hold; repeat it for users holding none of them.
    #[cfg_attr(feature = "openapi", param(style = Form, explode))]
    pub lacks_sku: Vec<String>,
    /// `true`: users who may sign in; `false`: blocked users.
    pub account_enabled: Option<bool>,
    /// Users whose last sign-in is more than this many days before the server's clock, or who
    /// never signed in.
    #[cfg_attr(feature = "openapi", param(value_type = Option<u32>, minimum = 0))]
    pub inactive_days: Option<u32>,
    /// A usage location (ISO 3166-1 alpha-2, any letter case), or `none` for users without one.
    #[cfg_attr(
        feature = "openapi",
        param(value_type = Option<String>, pattern = "^([A-Za-z]{2}|none)$")
    )]
    pub usage_location: Option<LocationFilter>,
    /// `true`: reclaimable users only: licensed, and blocked or not signed in for more than 90
    /// days (never signed in included). `false` is the same as leaving it out.
    #[cfg_attr(feature = "openapi", param(value_type = Option<bool>))]
    pub reclaimable: bool,
}

/// A filter parameter the server refuses, and why; `parameter` is its name in the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterParamError {
    pub parameter: &'static str,
    pub reason: String,
}

impl std::fmt::Display for FilterParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.parameter, self.reason)
    }
}

fn parse_bool(parameter: &'static str, value: &str) -> Result<bool, FilterParamError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(FilterParamError {
            parameter,
            reason: format!("expected true or false, not \"{value}\""),
        }),
    }
}

impl UserFilter {
    /// The names of the filter's query parameters.
    pub const PARAMS: [&'static str; 7] = [
        "reclaimable",
        "licensed",
        "hasSku",
        "lacksSku",
        "accountEnabled",
        "inactiveDays",
        "usageLocation",
    ];

    /// The reclaimable preset: licensed, and blocked or inactive for 90+ days.
    pub fn reclaimable() -> UserFilter {
        UserFilter {
            reclaimable: true,
            ..UserFilter::default()
        }
    }

    /// Whether nothing narrows the list.
    pub fn is_empty(&self) -> bool {
        *self == UserFilter::default()
    }

    /// Reads one query parameter into the filter. `Ok(false)`: not a filter parameter (the caller
    /// deals with it); an error names the parameter and says what is wrong with the value. Sku
    /// ids are checked against the customer's products by [`UserFilter::check_skus`].
    pub fn read_param(&mut self, name: &str, value: &str) -> Result<bool, FilterParamError> {
        match name {
            "licensed" => self.licensed = Some(parse_bool("licensed", value)?),
            "accountEnabled" => self.account_enabled = Some(parse_bool("accountEnabled", value)?),
            "reclaimable" => self.reclaimable = parse_bool("reclaimable", value)?,
            "hasSku" | "lacksSku" => {
                let (parameter, list) = if name == "hasSku" {
                    ("hasSku", &mut self.has_sku)
                } else {
                    ("lacksSku", &mut self.lacks_sku)
                };
                let id = value.trim();
                if id.is_empty() {
                    return Err(FilterParamError {
                        parameter,
                        reason: "expected a product's sku id".to_owned(),
                    });
                }
                if !list.iter().any(|known| known == id) {
                    list.push(id.to_owned());
                }
            }
            "inactiveDays" => {
                let days = value.parse::<u32>().map_err(|_| FilterParamError {
                    parameter: "inactiveDays",
                    reason: format!("expected a whole number of days, 0 or more, not \"{value}\""),
                })?;
                self.inactive_days = Some(days);
            }
            "usageLocation" => {
                let location = if value == "none" {
                    LocationFilter::Missing
                } else {
                    let code = normalize_usage_location(value).ok_or_else(|| FilterParamError {
                        parameter: "usageLocation",
                        reason: format!(
                            "expected a country code (ISO 3166-1 alpha-2) or none, not \"{value}\""
                        ),
                    })?;
                    LocationFilter::Code(code.to_owned())
                };
                self.usage_location = Some(location);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The filter read from query parameters, leniently: a parameter with a bad value is left
    /// out (a hand-edited address shows the list, not an error).
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> UserFilter {
        let mut filter = UserFilter::default();
        for (name, value) in params {
            // Lenient on purpose: see above.
            let _ = filter.read_param(name, value);
        }
        filter
    }

    /// Refuses sku ids that name none of the customer's products.
    pub fn check_skus(&self, known: impl Fn(&str) -> bool) -> Result<(), FilterParamError> {
        let unknown = |parameter: &'static str, ids: &[String]| {
            ids.iter().find(|id| !known(id)).map_or(Ok(()), |id| {
                Err(FilterParamError {
                    parameter,
                    reason: format!("{id} is none of this customer's products"),
                })
            })
        };
        unknown("hasSku", &self.has_sku)?;
        unknown("lacksSku", &self.lacks_sku)
    }

    /// The query parameters, in a fixed order, absent parts left out; what
    /// [`UserFilter::read_param`] reads back.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.reclaimable {
            params.push(("reclaimable", "true".to_owned()));
        }
        if let Some(licensed) = self.licensed {
            params.push(("licensed", licensed.to_string()));
        }
        params.extend(self.has_sku.iter().map(|id| ("hasSku", id.clone())));
        params.extend(self.lacks_sku.iter().map(|id| ("lacksSku", id.clone())));
        if let Some(enabled) = self.account_enabled {
            params.push(("accountEnabled", enabled.to_string()));
        }
        if let Some(days) = self.inactive_days {
            params.push(("inactiveDays", days.to_string()));
        }
        match &self.usage_location {
            Some(LocationFilter::Code(code)) => params.push(("usageLocation", code.clone())),
            Some(LocationFilter::Missing) => params.push(("usageLocation", "none".to_owned())),
            None => {}
        }
        params
    }

    /// Whether `user` passes every part of the filter, `now` being the clock (seconds since the
    /// epoch) that "inactive" is counted from.
    pub fn matches(&self, user: &CustomerUser, now: i64) -> bool {
        let licensed = !user.assigned_licenses.is_empty();
        self.licensed.is_none_or(|wanted| wanted == licensed)
            && self.has_sku.iter().all(|id| user.holds(id))
            && !self.lacks_sku.iter().any(|id| user.holds(id))
            && self
                .account_enabled
                .is_none_or(|wanted| wanted == user.account_enabled)
            && self
                .usage_location
                .as_ref()
                .is_none_or(|wanted| match wanted {
                    LocationFilter::Code(code) => user.usage_location.as_deref() == Some(code),
                    LocationFilter::Missing => user.usage_location.is_none(),
                })
            && self
                .inactive_days
                .is_none_or(|days| is_inactive(user, now, days))
            && (!self.reclaimable || is_reclaimable(user, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::user;

    /// 2026-11-30T00:00:00Z.
    const NOW: i64 = 1_795_996_800;

    /// A sign-in at midnight UTC, `days_ago` whole days before [`NOW`].
    fn signed_in(days_ago: i64) -> Option<String> {
        let date = match days_ago {
            1 => "2026-11-29",
            2 => "2026-11-28",
            3 => "2026-11-27",
            90 => "2026-09-01",
            91 => "2026-08-31",
            120 => "2026-08-02",
            200 => "2026-05-14",
            _ => unreachable!("no date written down for {days_ago} days ago"),
        };
        Some(format!("{date}T00:00:00Z"))
    }

    fn someone(held: &[&str], enabled: bool, last: Option<String>) -> CustomerUser {
        CustomerUser {
            account_enabled: enabled,
            last_sign_in_date_time: last,
            ..user("adele", Some("US"), held)
        }
    }

    #[test]
    fn timestamps_are_read_as_seconds_since_the_epoch() {
        assert_eq!(parse_timestamp("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_timestamp("2026-11-30T00:00:00Z"), Some(NOW));
        assert_eq!(
            parse_timestamp("2024-02-29T12:00:00.123Z"),
            Some(1_709_208_000)
        );
        assert_eq!(
            parse_timestamp("2026-11-30T08:00:00+08:00"),
            Some(NOW),
            "an offset is taken off"
        );
        assert_eq!(parse_timestamp("2026-11-29T23:30:00-00:30"), Some(NOW));
    }

    #[test]
    fn formatted_timestamps_read_back_over_four_centuries() {
        for seconds in (-4_000_000_000_i64..10_000_000_000).step_by(86_399 * 37) {
            let text = format_timestamp(seconds);
            assert_eq!(parse_timestamp(&text), Some(seconds), "{text}");
        }
        assert_eq!(format_timestamp(NOW + 3_723), "2026-11-30T01:02:03Z");
    }

    #[test]
    fn malformed_timestamps_are_not_read() {
        for text in [
            "",
            "2026-11-30",
            "2026-11-30T00:00:00",
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-30 00:00:00Z",
            "2026-11-30T24:00:00Z",
            "2026-11-30T00:00:00.Z",
            "2026-11-30T00:00:00+8:00",
            "２026-11-30T00:00:00Z",
        ] {
            assert_eq!(parse_timestamp(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_user_is_inactive_after_more_than_the_given_days_or_when_never_signed_in() {
        assert!(!is_inactive(&someone(&[], true, signed_in(90)), NOW, 90));
        assert!(is_inactive(&someone(&[], true, signed_in(91)), NOW, 90));
        assert!(is_inactive(&someone(&[], true, None), NOW, 90));
        assert!(is_inactive(&someone(&[], true, signed_in(1)), NOW, 0));
    }

    #[test]
    fn reclaimable_means_licensed_and_blocked_or_long_inactive() {
        let recent = signed_in(3);
        assert!(is_reclaimable(
            &someone(&["e3"], false, recent.clone()),
            NOW
        ));
        assert!(is_reclaimable(&someone(&["e3"], true, signed_in(120)), NOW));
        assert!(is_reclaimable(&someone(&["e3"], true, None), NOW));
        assert!(!is_reclaimable(&someone(&["e3"], true, recent), NOW));
        assert!(!is_reclaimable(&someone(&[], false, None), NOW));
    }

    #[test]
    fn every_part_of_the_filter_narrows_the_list() {
        let users = [
            someone(&["e3", "visio"], true, signed_in(2)),
            someone(&["e3"], false, signed_in(2)),
            someone(&[], true, None),
            CustomerUser {
                usage_location: None,
                ..someone(&["visio"], true, signed_in(200))
            },
        ];
        let kept = |filter: &UserFilter| -> Vec<usize> {
            (0..users.len())
                .filter(|&i| filter.matches(&users[i], NOW))
                .collect()
        };
        let with = |params: &[(&str, &str)]| UserFilter::from_params(params.iter().copied());
        assert_eq!(kept(&UserFilter::default()), [0, 1, 2, 3]);
        assert_eq!(kept(&with(&[("licensed", "true")])), [0, 1, 3]);
        assert_eq!(kept(&with(&[("licensed", "false")])), [2]);
        assert_eq!(kept(&with(&[("hasSku", "e3")])), [0, 1]);
        assert_eq!(kept(&with(&[("hasSku", "e3"), ("hasSku", "visio")])), [0]);
        assert_eq!(kept(&with(&[("lacksSku", "e3")])), [2, 3]);
        assert_eq!(
            kept(&with(&[("lacksSku", "e3"), ("lacksSku", "visio")])),
            [2]
        );
        assert_eq!(kept(&with(&[("accountEnabled", "false")])), [1]);
        assert_eq!(kept(&with(&[("inactiveDays", "90")])), [2, 3]);
        assert_eq!(kept(&with(&[("usageLocation", "none")])), [3]);
        assert_eq!(kept(&with(&[("usageLocation", "us")])), [0, 1, 2]);
        assert_eq!(kept(&UserFilter::reclaimable()), [1, 3]);
        assert_eq!(
            kept(&with(&[
                ("licensed", "true"),
                ("inactiveDays", "30"),
                ("hasSku", "visio")
            ])),
            [3]
        );
    }

    #[test]
    fn bad_values_are_refused_naming_the_parameter() {
        let refused = |name: &str, value: &str| {
            UserFilter::default()
                .read_param(name, value)
                .unwrap_err()
                .parameter
        };
        assert_eq!(refused("licensed", "yes"), "licensed");
        assert_eq!(refused("accountEnabled", "TRUE"), "accountEnabled");
        assert_eq!(refused("inactiveDays", "-1"), "inactiveDays");
        assert_eq!(refused("inactiveDays", "ten"), "inactiveDays");
        assert_eq!(refused("usageLocation", "XX"), "usageLocation");
        assert_eq!(refused("hasSku", " "), "hasSku");
        assert_eq!(UserFilter::default().read_param("size", "25"), Ok(false));
        let filter = UserFilter::from_params([("hasSku", "e3"), ("lacksSku", "nope")]);
        let error = filter.check_skus(|id| id == "e3").unwrap_err();
        assert_eq!(error.parameter, "lacksSku");
    }

    #[test]
    fn a_filter_written_as_parameters_reads_back_the_same() {
        let filter = UserFilter {
            licensed: Some(true),
            has_sku: vec!["e3".to_owned(), "visio".to_owned()],
            lacks_sku: vec!["e5".to_owned()],
            account_enabled: Some(false),
            inactive_days: Some(30),
            usage_location: Some(LocationFilter::Missing),
            reclaimable: true,
        };
        let params = filter.to_params();
        let read = UserFilter::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(read, filter);
        assert!(UserFilter::default().to_params().is_empty());
        assert!(params
            .iter()
            .all(|(name, _)| UserFilter::PARAMS.contains(name)));
        assert!(UserFilter::from_params([("licensed", "maybe")]).is_empty());
    }
}
