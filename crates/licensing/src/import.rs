//! Importing license changes from a CSV file (Users and licenses → Import changes): the file's
//! problems, line by line, before anything is sent; the per-user changes of its valid rows; and
//! their preview under the same rules Manage licenses previews with.
//!
//! A file is read in two steps so that a wrong file is refused before the customer's users load:
//! [`ImportFile::parse`] checks what needs no data (UTF-8, header, size, field counts), then
//! [`ImportFile::check`] looks every row up against the users and the catalogue.

use std::collections::HashMap;

use crate::catalogue::Catalogue;
use crate::contract::{CustomerUser, LicenseAssignment, LicenseError, UserLicenseUpdate};
use crate::csv::{split_list, CsvError, CsvRecord, IMPORT_COLUMNS, USER_COLUMNS};
use crate::locations::normalize_usage_location;
use crate::rules::{check_usage_location_change, plan_user_update, seat_demand, SeatDemand};

/// Rows an import takes at most (below the header).
pub const MAX_ROWS: usize = 10_000;

/// What is wrong with a file or one of its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The file is not UTF-8 (from this line on).
    NotUtf8,
    /// The file holds nothing, not even a header.
    Empty,
    /// The first line names none of the columns: the header is missing.
    NoHeader,
    /// The header lacks these required columns.
    MissingColumns(Vec<String>),
    /// The header has columns an import doesn't know, as written.
    UnknownColumns(Vec<String>),
    /// The header names these columns more than once.
    RepeatedColumns(Vec<String>),
    /// More rows than [`MAX_ROWS`]; the problem is on the first row too many.
    TooManyRows { rows: usize },
    /// The row has a different number of fields than the header.
    WrongFieldCount { expected: usize, found: usize },
    /// The row's userPrincipalName is empty.
    NoUser,
    /// No user of the customer has this userPrincipalName.
    UnknownUser,
    /// Neither a product's name nor its SKU id, as written.
    UnknownProduct { product: String },
    /// The product is in both `assign` and `remove`.
    AssignedAndRemoved { sku_id: String },
    /// The user is on several rows (every one of them, in order): which one is meant is unknown.
    UserTwice { lines: Vec<usize> },
    /// Not an ISO 3166-1 alpha-2 code, as written.
    BadUsageLocation { value: String },
}

impl Problem {
    /// Whether it concerns the whole file: skipping wrong rows can't get past it.
    pub fn is_file_problem(&self) -> bool {
        matches!(
            self,
            Problem::NotUtf8
                | Problem::Empty
                | Problem::NoHeader
                | Problem::MissingColumns(_)
                | Problem::UnknownColumns(_)
                | Problem::RepeatedColumns(_)
                | Problem::TooManyRows { .. }
        )
    }
}

/// One problem where it is: the line (1-based, the header is line 1) and the row's user as
/// written (empty for the file's problems).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: usize,
    pub user: String,
    pub problem: Problem,
}

/// A file whose header and size are right: its rows, fields in [`IMPORT_COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFile {
    /// In file order, so that problems come out in line order without sorting.
    rows: Vec<ImportRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ImportRow {
    line: usize,
    /// userPrincipalName, assign, remove, usageLocation; or, for a row whose number of fields
    /// differs from the header's, that problem.
    fields: Result<[String; 4], LineProblem>,
}

/// One valid row that changes something for its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChange {
    pub line: usize,
    /// The user's position in the users the file was checked against.
    pub user: usize,
    /// The licenses to give and take (both empty when only the usage location changes).
    pub update: UserLicenseUpdate,
    /// The new usage location, when it differs from the user's.
    pub usage_location: Option<&'static str>,
}

impl UserChange {
    pub fn changes_licenses(&self) -> bool {
        !self.update.licenses_to_assign.is_empty() || !self.update.licenses_to_remove.is_empty()
    }
}

/// A file checked against the customer's users and products.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportCheck {
    /// Every problem, in line order.
    pub problems: Vec<LineProblem>,
    /// Rows below the header.
    pub rows: usize,
    /// Rows with at least one problem (skipped when the partner chooses to).
    pub wrong_rows: usize,
    /// The valid rows that change anything, in file order.
    pub changes: Vec<UserChange>,
}

impl ImportCheck {
    /// The file's problems alone (not UTF-8, header, size): nothing can be imported.
    pub fn from_file_problems(problems: Vec<LineProblem>) -> ImportCheck {
        ImportCheck {
            problems,
            ..ImportCheck::default()
        }
    }

    /// Whether a problem concerns the whole file, so that no row can be imported.
    pub fn has_file_problem(&self) -> bool {
        self.problems.iter().any(|p| p.problem.is_file_problem())
    }
}

impl ImportFile {
    /// Checks what needs no data: UTF-8, a header with every column of [`IMPORT_COLUMNS`] (any
    /// order, letter case aside; other columns of a users export are ignored), at most
    /// [`MAX_ROWS`] rows. Errs with the file's problems.
    pub fn parse(
        records: Result<Vec<CsvRecord>, CsvError>,
    ) -> Result<ImportFile, Vec<LineProblem>> {
        let file_problem = |line: usize, problem: Problem| LineProblem {
            line,
            user: String::new(),
            problem,
        };
        let records = match records {
            Ok(records) => records,
            Err(CsvError::NotUtf8 { line }) => {
                return Err(vec![file_problem(line, Problem::NotUtf8)])
            }
        };
        let Some((header, rows)) = records.split_first() else {
            return Err(vec![file_problem(1, Problem::Empty)]);
        };
        let columns = read_header(header).map_err(|problems| {
            problems
                .into_iter()
                .map(|problem| file_problem(header.line, problem))
                .collect::<Vec<_>>()
        })?;
        if rows.len() > MAX_ROWS {
            let first_too_many = rows[MAX_ROWS].line;
            return Err(vec![file_problem(
                first_too_many,
                Problem::TooManyRows { rows: rows.len() },
            )]);
        }
        let rows = rows
            .iter()
            .map(|record| {
                let field = |column: usize| record.fields.get(column).cloned().unwrap_or_default();
                let fields = if record.fields.len() == header.fields.len() {
                    Ok(columns.map(field))
                } else {
                    Err(LineProblem {
                        line: record.line,
                        user: field(columns[0]).trim().to_owned(),
                        problem: Problem::WrongFieldCount {
                            expected: header.fields.len(),
                            found: record.fields.len(),
                        },
                    })
                };
                ImportRow {
                    line: record.line,
                    fields,
                }
            })
            .collect();
        Ok(ImportFile { rows })
    }

    /// Rows below the header.
    pub fn rows(&self) -> usize {
        self.rows.len()
    }

    /// Looks every row up: its user by userPrincipalName (letter case aside), its products by
    /// display name (letter case aside) or SKU id, its usage location. A valid row that changes
    /// nothing (assigning what the user holds, removing what they don't, the same location,
    /// empty cells) gives no change.
    pub fn check(&self, users: &[CustomerUser], skus: &Catalogue) -> ImportCheck {
        let by_name: HashMap<String, usize> = users
            .iter()
            .enumerate()
            .map(|(index, user)| (user.user_principal_name.to_ascii_lowercase(), index))
            .collect();
        let mut products: HashMap<String, &str> = HashMap::with_capacity(skus.len() * 2);
        for sku in skus.iter().rev() {
            // Reversed: a name two products share finds the first of them.
            products.insert(sku.product_sku.name.to_ascii_lowercase(), sku.sku_id());
        }
        for sku in skus {
            products.insert(sku.sku_id().to_ascii_lowercase(), sku.sku_id());
        }

        let mut problems = Vec::new();
        // Where each user is, to find those on several rows.
        let mut lines_of: HashMap<String, Vec<usize>> = HashMap::new();
        for row in &self.rows {
            let Ok(fields) = &row.fields else { continue };
            let upn = fields[0].trim();
            if !upn.is_empty() {
                lines_of
                    .entry(upn.to_ascii_lowercase())
                    .or_default()
                    .push(row.line);
            }
        }
        let mut changes = Vec::new();
        let mut wrong_rows = 0;
        for row in &self.rows {
            let [upn, assign, remove, location] = match &row.fields {
                Ok(fields) => fields,
                Err(problem) => {
                    wrong_rows += 1;
                    problems.push(problem.clone());
                    continue;
                }
            };
            let upn = upn.trim();
            let mut row_problems = Vec::new();
            let user = if upn.is_empty() {
                row_problems.push(Problem::NoUser);
                None
            } else {
                let user = by_name.get(&upn.to_ascii_lowercase()).copied();
                if user.is_none() {
                    row_problems.push(Problem::UnknownUser);
                }
                match lines_of.get(&upn.to_ascii_lowercase()) {
                    Some(lines) if lines.len() > 1 => {
                        row_problems.push(Problem::UserTwice {
                            lines: lines.clone(),
                        });
                    }
                    _ => {}
                }
                user
            };
            let mut resolve = |cell: &str| -> Vec<&str> {
                let mut found: Vec<&str> = Vec::new();
                for product in split_list(cell) {
                    match products.get(&product.to_ascii_lowercase()) {
                        Some(&sku_id) if !found.contains(&sku_id) => found.push(sku_id),
                        Some(_) => {}
                        None => row_problems.push(Problem::UnknownProduct {
                            product: product.to_owned(),
                        }),
                    }
                }
                found
            };
            let to_assign = resolve(assign);
            let to_remove = resolve(remove);
            for &sku_id in to_assign.iter().filter(|id| to_remove.contains(id)) {
                row_problems.push(Problem::AssignedAndRemoved {
                    sku_id: sku_id.to_owned(),
                });
            }
            let location = location.trim();
            let new_location = if location.is_empty() {
                None
            } else {
                let code = normalize_usage_location(location);
                if code.is_none() {
                    row_problems.push(Problem::BadUsageLocation {
                        value: location.to_owned(),
                    });
                }
                code
            };
            if !row_problems.is_empty() {
                wrong_rows += 1;
                problems.extend(row_problems.into_iter().map(|problem| LineProblem {
                    line: row.line,
                    user: upn.to_owned(),
                    problem,
                }));
                continue;
            }
            let Some(index) = user else { continue };
            let user = &users[index];
            // In catalogue order, as Manage licenses lists them.
            let mut update = UserLicenseUpdate {
                user_id: user.id.clone(),
                ..UserLicenseUpdate::default()
            };
            for sku in skus {
                let sku_id = sku.sku_id();
                if to_assign.contains(&sku_id) && !user.holds(sku_id) {
                    // New to the user: every plan, as Manage licenses gives a new product.
                    update.licenses_to_assign.push(LicenseAssignment {
                        sku_id: sku_id.to_owned(),
                        excluded_plans: Vec::new(),
                    });
                } else if to_remove.contains(&sku_id) && user.holds(sku_id) {
                    update.licenses_to_remove.push(sku_id.to_owned());
                }
            }
            let usage_location =
                new_location.filter(|code| user.usage_location.as_deref() != Some(*code));
            let change = UserChange {
                line: row.line,
                user: index,
                update,
                usage_location,
            };
            if change.changes_licenses() || change.usage_location.is_some() {
                changes.push(change);
            }
        }
        ImportCheck {
            problems,
            rows: self.rows(),
            wrong_rows,
            changes,
        }
    }
}

/// The position of each of [`IMPORT_COLUMNS`] in the header, or what is wrong with it.
fn read_header(header: &CsvRecord) -> Result<[usize; 4], Vec<Problem>> {
    let names: Vec<&str> = header.fields.iter().map(|f| f.trim()).collect();
    let known = |name: &str| USER_COLUMNS.iter().find(|c| c.eq_ignore_ascii_case(name));
    if names.iter().all(|name| known(name).is_none()) {
        return Err(vec![Problem::NoHeader]);
    }
    let mut problems = Vec::new();
    let missing: Vec<String> = IMPORT_COLUMNS
        .iter()
        .filter(|column| !names.iter().any(|n| n.eq_ignore_ascii_case(column)))
        .map(|column| (*column).to_owned())
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::MissingColumns(missing));
    }
    let unknown: Vec<String> = names
        .iter()
        .filter(|name| known(name).is_none())
        .map(|name| (*name).to_owned())
        .collect();
    if !unknown.is_empty() {
        problems.push(Problem::UnknownColumns(unknown));
    }
    let mut repeated: Vec<String> = Vec::new();
    for column in USER_COLUMNS {
        let count = names
            .iter()
            .filter(|n| n.eq_ignore_ascii_case(column))
            .count();
        if count > 1 {
            repeated.push(column.to_owned());
        }
    }
    if !repeated.is_empty() {
        problems.push(Problem::RepeatedColumns(repeated));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(IMPORT_COLUMNS.map(|column| {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(column))
            .unwrap_or_default()
    }))
}

/// Reads and checks a file in one go (see [`ImportFile::parse`] and [`ImportFile::check`]).
pub fn check_import(
    records: Result<Vec<CsvRecord>, CsvError>,
    users: &[CustomerUser],
    skus: &Catalogue,
) -> ImportCheck {
    match ImportFile::parse(records) {
        Ok(file) => file.check(users, skus),
        Err(problems) => ImportCheck::from_file_problems(problems),
    }
}

/// One user's change as the preview shows it, with what the rules say of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedChange {
    /// The change's position in [`ImportCheck::changes`].
    pub change: usize,
    /// Why the server would refuse it (empty: it would go through, seats permitting). A refused
    /// usage location stops the user's license update, which is then not sent.
    pub errors: Vec<LicenseError>,
}

/// The valid rows' changes under the licensing rules: per user what the server would refuse,
/// per product the seats taken and freed, and the products short of seats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// One per change, in the changes' order.
    pub planned: Vec<PlannedChange>,
    /// Every product of the catalogue, in its order.
    pub seats: Vec<SeatDemand>,
    /// The seats missing, one error per product short of them.
    pub shortages: Vec<LicenseError>,
}

impl ImportPreview {
    /// Users the save would fail for.
    pub fn refused(&self) -> usize {
        self.planned.iter().filter(|p| !p.errors.is_empty()).count()
    }
}

/// Previews `changes` as the save applies them: a user's new usage location first (checked as
/// the server checks it), then their licenses, planned as Manage licenses plans them with the
/// new location. Only users whose update passes take or free seats.
pub fn preview_import(
    changes: &[UserChange],
    users: &[CustomerUser],
    skus: &Catalogue,
) -> ImportPreview {
    let mut planned = Vec::with_capacity(changes.len());
    let mut plans = Vec::new();
    for (position, change) in changes.iter().enumerate() {
        let user = &users[change.user];
        let moved;
        let user = match change.usage_location {
            None => user,
            Some(code) => {
                if let Err(errors) = check_usage_location_change(user, code, skus) {
                    planned.push(PlannedChange {
                        change: position,
                        errors,
                    });
                    continue;
                }
                moved = CustomerUser {
                    usage_location: Some(code.to_owned()),
                    ..user.clone()
                };
                &moved
            }
        };
        let errors = if change.changes_licenses() {
            match plan_user_update(
                user,
                &change.update.licenses_to_assign,
                &change.update.licenses_to_remove,
                skus,
            ) {
                Ok(plan) => {
                    plans.push(plan);
                    Vec::new()
                }
                Err(errors) => errors,
            }
        } else {
            Vec::new()
        };
        planned.push(PlannedChange {
            change: position,
            errors,
        });
    }
    let seats = seat_demand(skus, &plans);
    let shortages = seats.iter().filter_map(SeatDemand::error).collect();
    ImportPreview {
        planned,
        seats,
        shortages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::read_records;
    use crate::rules::test_support::*;

    const HEADER: &str = "userPrincipalName,assign,remove,usageLocation\n";

    fn users() -> Vec<CustomerUser> {
        vec![
            user("adele", Some("US"), &[E3]),
            user("alex", Some("US"), &[EMS]),
            user("irvin", None, &[]),
            user("lee", Some("US"), &[PHONE, E3]),
        ]
    }

    fn check(text: &str) -> ImportCheck {
        check_import(read_records(text.as_bytes()), &users(), &catalogue())
    }

    fn kinds(check: &ImportCheck) -> Vec<(usize, Problem)> {
        check
            .problems
            .iter()
            .map(|p| (p.line, p.problem.clone()))
            .collect()
    }

    #[test]
    fn products_by_name_or_sku_id_give_each_user_one_update() {
        let text = format!(
            "{HEADER}adele@contoso.example,microsoft 365 e3;{EMS},Office 365 E3,\n\
             ALEX@contoso.example,,{EMS},tw\n"
        );
        let check = check(&text);
        assert_eq!(check.problems, []);
        assert_eq!((check.rows, check.wrong_rows), (2, 0));
        let [adele, alex] = &check.changes[..] else {
            panic!("two changes: {:?}", check.changes)
        };
        assert_eq!((adele.line, adele.user), (2, 0));
        let assigned: Vec<&str> = adele
            .update
            .licenses_to_assign
            .iter()
            .map(|a| a.sku_id.as_str())
            .collect();
        assert_eq!(assigned, [M365_E3, EMS]);
        assert!(adele
            .update
            .licenses_to_assign
            .iter()
            .all(|a| a.excluded_plans.is_empty()));
        assert_eq!(adele.update.licenses_to_remove, [E3]);
        assert_eq!(adele.update.user_id, "adele");
        assert_eq!(adele.usage_location, None);
        assert_eq!(alex.update.licenses_to_remove, [EMS]);
        assert_eq!(alex.usage_location, Some("TW"));
    }

    #[test]
    fn columns_may_come_in_any_order_with_the_export_s_other_columns() {
        let text = "accountEnabled,usageLocation,remove,displayName,assign,userPrincipalName\n\
                    true,US,,Irvin,,irvin@contoso.example\n";
        let check = check(text);
        assert_eq!(check.problems, []);
        assert_eq!(check.changes.len(), 1);
        assert_eq!(check.changes[0].usage_location, Some("US"));
        assert!(!check.changes[0].changes_licenses());
    }

    #[test]
    fn a_row_that_changes_nothing_is_no_change() {
        let text = format!(
            "{HEADER}adele@contoso.example,Office 365 E3,Visio Plan 2,us\n\
             irvin@contoso.example,,,\n"
        );
        let check = check(&text);
        assert_eq!(check.problems, []);
        assert_eq!(check.changes, []);
    }

    #[test]
    fn an_export_imported_unchanged_changes_nothing() {
        let skus = catalogue();
        let users = users();
        let file = crate::export::users_csv(&users, &skus);
        let check = check_import(read_records(&file), &users, &skus);
        assert_eq!(check.problems, []);
        assert_eq!(check.rows, users.len());
        assert_eq!(check.changes, []);
    }

    #[test]
    fn every_kind_of_bad_row_is_named_with_its_line() {
        let text = format!(
            "{HEADER}nobody@contoso.example,,,\n\
             adele@contoso.example,Office 365 E9,,\n\
             alex@contoso.example,Power BI Pro,power bi pro,\n\
             irvin@contoso.example,,,Taiwan\n\
             ,Power BI Pro,,\n\
             lee@contoso.example,,\n\
             adele@contoso.example,,,\n"
        );
        let check = check(&text);
        assert_eq!(
            kinds(&check),
            [
                (2, Problem::UnknownUser),
                (3, Problem::UserTwice { lines: vec![3, 8] }),
                (
                    3,
                    Problem::UnknownProduct {
                        product: "Office 365 E9".into()
                    }
                ),
                (
                    4,
                    Problem::AssignedAndRemoved {
                        sku_id: POWER_BI.into()
                    }
                ),
                (
                    5,
                    Problem::BadUsageLocation {
                        value: "Taiwan".into()
                    }
                ),
                (6, Problem::NoUser),
                (
                    7,
                    Problem::WrongFieldCount {
                        expected: 4,
                        found: 3
                    }
                ),
                (8, Problem::UserTwice { lines: vec![3, 8] }),
            ]
        );
        // A row's problems come in its columns' order: the user's first, then the products'.
        assert_eq!(check.problems[2].user, "adele@contoso.example");
        assert_eq!(check.problems[6].user, "lee@contoso.example");
        assert_eq!((check.rows, check.wrong_rows), (7, 7));
        assert!(!check.has_file_problem());
        assert_eq!(check.changes, []);
    }

    #[test]
    fn skipping_wrong_rows_keeps_the_valid_ones() {
        let text = format!(
            "{HEADER}nobody@contoso.example,,,\n\
             alex@contoso.example,Power BI Pro,,\n"
        );
        let check = check(&text);
        assert_eq!((check.rows, check.wrong_rows), (2, 1));
        assert_eq!(check.changes.len(), 1);
        assert_eq!(check.changes[0].line, 3);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_refused_at_its_line() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"adele@contoso.example,\xe9,,\n");
        let check = check_import(read_records(&bytes), &users(), &catalogue());
        assert_eq!(kinds(&check), [(2, Problem::NotUtf8)]);
        assert!(check.has_file_problem());
    }

    #[test]
    fn an_empty_file_is_refused_but_a_header_alone_changes_nothing() {
        assert_eq!(kinds(&check("")), [(1, Problem::Empty)]);
        assert_eq!(kinds(&check("\u{feff}\r\n\r\n")), [(1, Problem::Empty)]);
        let header_only = check(HEADER);
        assert_eq!(header_only.problems, []);
        assert_eq!(header_only.rows, 0);
    }

    #[test]
    fn a_missing_header_is_named() {
        let check = check("adele@contoso.example,Office 365 E3,,US\n");
        assert_eq!(kinds(&check), [(1, Problem::NoHeader)]);
    }

    #[test]
    fn a_wrong_header_names_the_missing_unknown_and_repeated_columns() {
        let check = check("userPrincipalName,assign,Assign,licenses,location\nx,,,,\n");
        assert_eq!(
            kinds(&check),
            [
                (
                    1,
                    Problem::MissingColumns(vec!["remove".into(), "usageLocation".into()])
                ),
                (
                    1,
                    Problem::UnknownColumns(vec!["licenses".into(), "location".into()])
                ),
                (1, Problem::RepeatedColumns(vec!["assign".into()])),
            ]
        );
        assert!(check.has_file_problem());
    }

    #[test]
    fn header_names_are_read_whatever_their_case_and_spaces() {
        let check = check(
            " UserPrincipalName , ASSIGN,remove,usagelocation\nalex@contoso.example,power bi pro,,\n",
        );
        assert_eq!(check.problems, []);
        assert_eq!(check.changes.len(), 1);
    }

    #[test]
    fn more_than_ten_thousand_rows_are_refused_at_the_first_row_too_many() {
        let mut text = HEADER.to_owned();
        for i in 0..=MAX_ROWS {
            text.push_str(&format!("u{i}@contoso.example,,,\n"));
        }
        let check = check(&text);
        assert_eq!(
            kinds(&check),
            [(MAX_ROWS + 2, Problem::TooManyRows { rows: MAX_ROWS + 1 })]
        );
        text.truncate(text.trim_end().rfind('\n').unwrap() + 1);
        let exactly = super::check_import(read_records(text.as_bytes()), &[], &catalogue());
        assert_eq!(exactly.rows, MAX_ROWS);
        assert!(!exactly.has_file_problem());
    }

    #[test]
    fn quoted_cells_with_commas_and_blank_lines_keep_their_line_numbers() {
        let text = format!(
            "{HEADER}\n\"alex@contoso.example\",\"Power BI Pro; Office 365 E3\",,\n\nnobody@x,,,\n"
        );
        let check = check(&text);
        assert_eq!(kinds(&check), [(5, Problem::UnknownUser)]);
        assert_eq!(check.changes[0].line, 3);
        assert_eq!(check.changes[0].update.licenses_to_assign.len(), 2);
    }

    #[test]
    fn a_product_named_twice_in_a_cell_is_asked_once() {
        let check = check(&format!(
            "{HEADER}alex@contoso.example,Power BI Pro;{POWER_BI};power bi pro,,\n"
        ));
        assert_eq!(check.changes[0].update.licenses_to_assign.len(), 1);
    }

    fn preview(text: &str) -> ImportPreview {
        let check = check(text);
        assert_eq!(check.problems, []);
        preview_import(&check.changes, &users(), &catalogue())
    }

    #[test]
    fn a_new_usage_location_lets_a_user_without_one_be_licensed() {
        let p = preview(&format!(
            "{HEADER}irvin@contoso.example,Office 365 E3,,TW\n"
        ));
        assert_eq!(p.refused(), 0);
        let e3 = catalogue().position(E3).unwrap();
        assert_eq!(p.seats[e3].new_seats, 1);
        // Without it the rules refuse the assignment, as Manage licenses does.
        let p = preview(&format!("{HEADER}irvin@contoso.example,Office 365 E3,,\n"));
        assert_eq!(
            p.planned[0].errors,
            [LicenseError::MissingUsageLocation { sku_id: E3.into() }]
        );
        assert_eq!(p.seats[e3].new_seats, 0);
    }

    #[test]
    fn a_refused_usage_location_stops_the_user_s_license_update() {
        let p = preview(&format!("{HEADER}lee@contoso.example,Power BI Pro,,CN\n"));
        assert_eq!(
            p.planned[0].errors,
            [LicenseError::ProhibitedInLocation {
                sku_id: PHONE.into(),
                usage_location: "CN".into()
            }]
        );
        assert!(p.seats.iter().all(|s| s.new_seats == 0));
    }

    #[test]
    fn prerequisites_exclusions_and_suspended_products_are_the_rules_own() {
        let p = preview(&format!(
            "{HEADER}alex@contoso.example,Microsoft 365 E5 Compliance,,\n\
             adele@contoso.example,Exchange Online (Plan 1);Exchange Online (Plan 2),,\n\
             lee@contoso.example,Visio Plan 2,,\n"
        ));
        assert!(matches!(
            p.planned[0].errors[..],
            [LicenseError::MissingPrerequisite { .. }]
        ));
        assert!(matches!(
            p.planned[1].errors[..],
            [LicenseError::MutuallyExclusive { .. }, ..]
        ));
        assert!(matches!(
            p.planned[2].errors[..],
            [LicenseError::SubscriptionSuspended { .. }]
        ));
        assert_eq!(p.refused(), 3);
    }

    #[test]
    fn seats_short_are_counted_per_product() {
        let p = preview(&format!(
            "{HEADER}alex@contoso.example,Power BI Pro,,\nadele@contoso.example,Power BI Pro,,\n"
        ));
        assert_eq!(
            p.shortages,
            [LicenseError::NotEnoughSeats {
                sku_id: POWER_BI.into(),
                requested: 2,
                available: 0,
                short_by: 2
            }]
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever the bytes, checking never panics, problems come in line order and name
            /// real lines, and only valid rows give changes.
            #[test]
            fn any_file_is_checked_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
                let check = check_import(read_records(&bytes), &users(), &catalogue());
                prop_assert!(check.problems.windows(2).all(|w| w[0].line <= w[1].line));
                prop_assert!(check.problems.iter().all(|p| p.line >= 1));
                prop_assert!(check.wrong_rows <= check.rows);
                prop_assert!(check.changes.len() + check.wrong_rows <= check.rows);
            }

            /// Rows drawn from the users (and a stranger), products and locations: every
            /// change asks only for what changes something, and a wrong row never gives one.
            #[test]
            fn changes_only_ask_for_real_changes(
                rows in proptest::collection::vec(
                    (0usize..5, proptest::collection::vec(0usize..10, 0..3),
                     proptest::collection::vec(0usize..10, 0..3), 0usize..4),
                    0..12),
            ) {
                let users = users();
                let skus = catalogue();
                // Even: the product's name; odd: its SKU id; 9: no product at all.
                let product = |i: usize| match i {
                    9 => "Nothing".to_owned(),
                    i if i.is_multiple_of(2) => skus[i % skus.len()].product_sku.name.clone(),
                    i => skus[i % skus.len()].sku_id().to_owned(),
                };
                let list = |l: &[usize]| l.iter().map(|&i| product(i)).collect::<Vec<_>>().join(";");
                let mut text = HEADER.to_owned();
                for (user, assign, remove, location) in &rows {
                    let upn = users
                        .get(*user)
                        .map_or("ghost@x", |u| u.user_principal_name.as_str());
                    let location = ["", "US", "tw", "ZZ"][*location];
                    text.push_str(&format!("{upn},{},{},{location}\n", list(assign), list(remove)));
                }
                let check = check_import(read_records(text.as_bytes()), &users, &skus);
                prop_assert_eq!(check.rows, rows.len());
                let wrong: std::collections::BTreeSet<usize> = check.problems.iter().map(|p| p.line).collect();
                for change in &check.changes {
                    prop_assert!(!wrong.contains(&change.line));
                    let user = &users[change.user];
                    prop_assert!(change.update.licenses_to_assign.iter().all(|a| !user.holds(&a.sku_id)));
                    prop_assert!(change.update.licenses_to_remove.iter().all(|id| user.holds(id)));
                    prop_assert!(change.usage_location.is_none_or(|c| user.usage_location.as_deref() != Some(c)));
                    prop_assert!(change.changes_licenses() || change.usage_location.is_some());
                }
                let preview = preview_import(&check.changes, &users, &skus);
                prop_assert_eq!(preview.planned.len(), check.changes.len());
            }
        }
    }
}
