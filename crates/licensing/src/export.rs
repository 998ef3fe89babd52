//! Exported files: the rows of a users export and of a Licenses updated export (the columns of
//! [`crate::csv`], documented in the README), and the files' names.

use crate::catalogue::Catalogue;
use crate::contract::CustomerUser;
use crate::csv::{CsvWriter, LIST_SEPARATOR, RESULT_COLUMNS, USER_COLUMNS};

/// A users export: one row per user, in the order given. `assign` names the products each user
/// holds (the catalogue's names, sorted, `;`-separated) and `remove` is empty, so importing the
/// file unchanged changes nothing.
pub fn users_csv(users: &[CustomerUser], skus: &Catalogue) -> Vec<u8> {
    let mut writer = CsvWriter::new();
    writer.record(USER_COLUMNS);
    let separator = LIST_SEPARATOR.to_string();
    for user in users {
        // Owned, as the Users table sorts them: one copy of the sort in the bundle.
        let mut names: Vec<String> = user
            .assigned_licenses
            .iter()
            .map(|license| skus.name(&license.sku_id).to_owned())
            .collect();
        names.sort();
        let assign = names.join(&separator);
        writer.record([
            user.user_principal_name.as_str(),
            user.display_name.as_str(),
            assign.as_str(),
            "",
            user.usage_location.as_deref().unwrap_or(""),
            if user.account_enabled {
                "true"
            } else {
                "false"
            },
            user.last_sign_in_date_time.as_deref().unwrap_or(""),
        ]);
    }
    writer.finish()
}

/// How one user's update ended, as the `result` column writes it (the same in every language,
/// so a spreadsheet filters on it; the `message` column says it in the reader's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultStatus {
    Succeeded,
    Failed,
    /// Never answered: the connection failed before this user's turn.
    NotSent,
}

impl ResultStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ResultStatus::Succeeded => "succeeded",
            ResultStatus::Failed => "failed",
            ResultStatus::NotSent => "notSent",
        }
    }
}

/// One user's line of a Licenses updated export, its texts already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine {
    pub user_principal_name: String,
    pub display_name: String,
    pub status: ResultStatus,
    /// The changes as the page words them ("+ Office 365 E5", "A → B").
    pub changes: Vec<String>,
    /// The server's codes, one per message where it gave them.
    pub error_codes: Vec<i32>,
    /// Why the user wasn't updated, one sentence per problem.
    pub messages: Vec<String>,
}

/// A Licenses updated export: one row per user, in the order given. Several changes are
/// `; `-separated, several codes `;`-separated and several messages follow each other.
pub fn results_csv(lines: &[ResultLine]) -> Vec<u8> {
    let mut writer = CsvWriter::new();
    writer.record(RESULT_COLUMNS);
    for line in lines {
        let changes = line.changes.join("; ");
        let codes: Vec<String> = line.error_codes.iter().map(i32::to_string).collect();
        let codes = codes.join(&LIST_SEPARATOR.to_string());
        let messages = line.messages.join(" ");
        writer.record([
            line.user_principal_name.as_str(),
            line.display_name.as_str(),
            line.status.as_str(),
            changes.as_str(),
            codes.as_str(),
            messages.as_str(),
        ]);
    }
    writer.finish()
}

/// What a file holds, for its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind<'a> {
    /// The Users list as filtered.
    Users,
    SelectedUsers,
    /// The holders of the product with this name.
    Holders(&'a str),
    LicenseResults,
}

/// `contoso-users-2026-11-30.csv`: the customer (see [`customer_slug`]), what the file holds and
/// the local date (year, month, day), in ASCII so every file system and mail client keeps it.
pub fn file_name(
    customer: &str,
    kind: ExportKind<'_>,
    (year, month, day): (u32, u32, u32),
) -> String {
    let kind = match kind {
        ExportKind::Users => "users".to_owned(),
        ExportKind::SelectedUsers => "selected-users".to_owned(),
        ExportKind::Holders(product) => match slug(product).as_str() {
            "" => "holders".to_owned(),
            product => format!("holders-{product}"),
        },
        ExportKind::LicenseResults => "license-results".to_owned(),
    };
    format!("{customer}-{kind}-{year:04}-{month:02}-{day:02}.csv")
}

/// The customer as a file name starts: its domain's first label (`contoso` of
/// `contoso.onmicrosoft.com`), else its company name slugged, else `customer` (a name in
/// Chinese alone has no ASCII to keep).
pub fn customer_slug(domain: &str, company_name: &str) -> String {
    let label = domain.split('.').next().unwrap_or_default();
    [slug(label), slug(company_name)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "customer".to_owned())
}

/// Lowercase ASCII letters and digits, every other run of characters one `-`, none at the ends:
/// `Exchange Online (Plan 2)` is `exchange-online-plan-2`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::read_records;
    use crate::rules::test_support::{catalogue, user, E3, EMS, POWER_BI};

    fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
        read_records(bytes)
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn a_users_export_names_the_products_held_and_removes_nothing() {
        let mut adele = user("adele", Some("US"), &[POWER_BI, E3, EMS]);
        adele.display_name = "Vance, Adele \"AV\"".to_owned();
        let mut irvin = user("irvin", None, &[]);
        irvin.account_enabled = false;
        irvin.last_sign_in_date_time = None;
        let bytes = users_csv(&[adele, irvin], &catalogue());
        assert!(bytes.starts_with(crate::csv::BOM.as_bytes()));
        assert_eq!(
            rows(&bytes),
            [
                USER_COLUMNS.map(str::to_owned).to_vec(),
                [
                    "adele@contoso.example",
                    "Vance, Adele \"AV\"",
                    "Enterprise Mobility + Security E3;Office 365 E3;Power BI Pro",
                    "",
                    "US",
                    "true",
                    "2026-11-20T09:00:00Z",
                ]
                .map(str::to_owned)
                .to_vec(),
                [
                    "irvin@contoso.example",
                    "irvin Tester",
                    "",
                    "",
                    "",
                    "false",
                    ""
                ]
                .map(str::to_owned)
                .to_vec(),
            ]
        );
        // Quoted where a field needs it, every record ends in CRLF.
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(",\"Vance, Adele \"\"AV\"\"\","));
        assert_eq!(text.matches("\r\n").count(), 3);
    }

    #[test]
    fn a_product_the_catalogue_does_not_know_is_named_by_its_id() {
        let bytes = users_csv(&[user("adele", Some("US"), &["sku-gone"])], &catalogue());
        assert_eq!(rows(&bytes)[1][2], "sku-gone");
    }

    #[test]
    fn an_empty_export_is_its_header() {
        assert_eq!(
            String::from_utf8(users_csv(&[], &catalogue())).unwrap(),
            format!("\u{feff}{}\r\n", USER_COLUMNS.join(","))
        );
        assert_eq!(rows(&results_csv(&[])), [RESULT_COLUMNS.map(str::to_owned)]);
    }

    #[test]
    fn a_results_export_writes_each_users_outcome_in_the_texts_given() {
        let lines = [
            ResultLine {
                user_principal_name: "a@x".into(),
                display_name: "王小明".into(),
                status: ResultStatus::Succeeded,
                changes: vec!["+ Office 365 E5".into(), "− Office 365 E3".into()],
                error_codes: vec![],
                messages: vec![],
            },
            ResultLine {
                user_principal_name: "b@x".into(),
                display_name: "B".into(),
                status: ResultStatus::Failed,
                changes: vec![],
                error_codes: vec![60012, 60034],
                messages: vec!["授權不足。".into(), "無法使用，請變更。".into()],
            },
            ResultLine {
                user_principal_name: "c@x".into(),
                display_name: "C".into(),
                status: ResultStatus::NotSent,
                changes: vec![],
                error_codes: vec![],
                messages: vec!["Not sent.".into()],
            },
        ];
        let read = rows(&results_csv(&lines));
        assert_eq!(read[0], RESULT_COLUMNS.map(str::to_owned));
        assert_eq!(
            read[1],
            [
                "a@x",
                "王小明",
                "succeeded",
                "+ Office 365 E5; − Office 365 E3",
                "",
                ""
            ]
        );
        assert_eq!(
            read[2],
            [
                "b@x",
                "B",
                "failed",
                "",
                "60012;60034",
                "授權不足。 無法使用，請變更。"
            ]
        );
        assert_eq!(read[3], ["c@x", "C", "notSent", "", "", "Not sent."]);
    }

    #[test]
    fn file_names_carry_the_customer_the_contents_and_the_date() {
        let date = (2026, 11, 3);
        assert_eq!(
            file_name("contoso", ExportKind::Users, date),
            "contoso-users-2026-11-03.csv"
        );
        assert_eq!(
            file_name("contoso", ExportKind::SelectedUsers, date),
            "contoso-selected-users-2026-11-03.csv"
        );
        assert_eq!(
            file_name("contoso", ExportKind::Holders("Office 365 E3"), date),
            "contoso-holders-office-365-e3-2026-11-03.csv"
        );
        assert_eq!(
            file_name("contoso", ExportKind::Holders("雲端"), date),
            "contoso-holders-2026-11-03.csv"
        );
        assert_eq!(
            file_name("fabrikam", ExportKind::LicenseResults, date),
            "fabrikam-license-results-2026-11-03.csv"
        );
    }

    #[test]
    fn the_customer_is_its_domain_else_its_name_in_ascii() {
        assert_eq!(
            customer_slug("contoso.onmicrosoft.com", "Contoso"),
            "contoso"
        );
        assert_eq!(
            customer_slug("datongcloud.onmicrosoft.com", "大同雲端科技股份有限公司"),
            "datongcloud"
        );
        assert_eq!(customer_slug("", "Fabrikam, Inc."), "fabrikam-inc");
        assert_eq!(customer_slug("", "大同雲端"), "customer");
        assert_eq!(customer_slug("..", ""), "customer");
    }

    #[test]
    fn slugs_keep_ascii_letters_and_digits_and_one_dash_between() {
        assert_eq!(slug("Exchange Online (Plan 2)"), "exchange-online-plan-2");
        assert_eq!(
            slug("  Enterprise Mobility + Security E3 "),
            "enterprise-mobility-security-e3"
        );
        assert_eq!(slug("Café--Ünïcode"), "caf-n-code");
        assert_eq!(slug("---"), "");
    }
}
