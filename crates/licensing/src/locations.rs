//! Usage locations: the ISO 3166-1 alpha-2 country codes Microsoft 365 accepts.

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted. Country names are not here: the
/// UI shows them from its translation files.
pub const USAGE_LOCATIONS: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The canonical code for `input` (any letter case, surrounding spaces ignored), or `None` when
/// it is not a country code.
pub fn normalize_usage_location(input: &str) -> Option<&'static str> {
    let wanted = input.trim().to_ascii_uppercase();
    USAGE_LOCATIONS
        .binary_search(&wanted.as_str())
        .ok()
        .map(|index| USAGE_LOCATIONS[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_unique_so_lookups_can_bisect() {
        assert!(USAGE_LOCATIONS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn a_lowercase_code_with_spaces_is_read_as_the_country() {
        assert_eq!(normalize_usage_location(" tw "), Some("TW"));
    }

    #[test]
    fn a_made_up_or_retired_code_is_not_a_usage_location() {
        assert_eq!(normalize_usage_location("XX"), None);
        assert_eq!(normalize_usage_location("UK"), None);
        assert_eq!(normalize_usage_location("USA"), None);
        assert_eq!(normalize_usage_location(""), None);
    }
}
