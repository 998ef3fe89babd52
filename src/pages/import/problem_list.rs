use std::sync::Arc;

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::csv::IMPORT_COLUMNS;
use licensing::import::{ImportCheck, Problem, MAX_ROWS};

use super::text;
use super::text_table::{TextRow, TextTable};
use crate::i18n::{use_i18n, I18n};

/// A problem in the reader's language, naming products from `skus`.
pub fn problem_text(i18n: &I18n, problem: &Problem, skus: &Catalogue) -> String {
    let num = |n: usize| i18n.num(n as i64);
    let (key, args) = match problem {
        Problem::NotUtf8 => (key!("import.problem.not_utf8"), vec![]),
        Problem::Empty => (key!("import.problem.empty"), vec![]),
        // The header as it is written in the file.
        Problem::NoHeader => (
            key!("import.problem.no_header"),
            vec![("columns", IMPORT_COLUMNS.join(","))],
        ),
        Problem::MissingColumns(names) => (
            key!("import.problem.missing_columns"),
            vec![("columns", i18n.list(names.iter().cloned()))],
        ),
        Problem::UnknownColumns(names) => (
            key!("import.problem.unknown_columns"),
            vec![("columns", i18n.list(names.iter().cloned()))],
        ),
        Problem::RepeatedColumns(names) => (
            key!("import.problem.repeated_columns"),
            vec![("columns", i18n.list(names.iter().cloned()))],
        ),
        Problem::TooManyRows { rows } => (
            key!("import.problem.too_many_rows"),
            vec![("rows", num(*rows)), ("max", num(MAX_ROWS))],
        ),
        Problem::WrongFieldCount { expected, found } => (
            key!("import.problem.wrong_field_count"),
            vec![("expected", num(*expected)), ("found", num(*found))],
        ),
        Problem::NoUser => (key!("import.problem.no_user"), vec![]),
        Problem::UnknownUser => (key!("import.problem.unknown_user"), vec![]),
        Problem::UnknownProduct { product } => (
            key!("import.problem.unknown_product"),
            vec![("product", product.clone())],
        ),
        Problem::AssignedAndRemoved { sku_id } => (
            key!("import.problem.assigned_and_removed"),
            vec![("product", skus.name(sku_id).to_owned())],
        ),
        Problem::UserTwice { lines } => (
            key!("import.problem.user_twice"),
            vec![("lines", i18n.list(lines.iter().map(usize::to_string)))],
        ),
        Problem::BadUsageLocation { value } => (
            key!("import.problem.bad_location"),
            vec![("location", value.clone())],
        ),
    };
    i18n.t_with(key, &args)
}

/// Every problem of the file by line, user and problem; nothing is applied meanwhile. When the
/// file itself is right, `on_skip` offers to go on without the wrong rows.
#[component]
pub fn ProblemList(
    check: Arc<ImportCheck>,
    skus: Memo<Catalogue>,
    /// "Skip the N wrong rows and continue"; none when skipping can't help.
    on_skip: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = check.problems.len();
    let wrong_rows = check.wrong_rows;
    let rows = Callback::new(move |(first, end): (usize, usize)| {
        skus.with(|skus| {
            check.problems[first..end]
                .iter()
                .map(|p| TextRow {
                    // Line numbers plainly, without grouping, as spreadsheets number rows.
                    cells: vec![
                        p.line.to_string(),
                        p.user.clone(),
                        problem_text(&i18n, &p.problem, skus),
                    ],
                    ok: false,
                })
                .collect()
        })
    });
    let title = Signal::derive(move || i18n.t_count(key!("import.problems_title"), count, &[]));
    let skip = Signal::derive(move || i18n.t_count(key!("import.skip"), wrong_rows, &[]));
    let advice = if on_skip.is_some() {
        key!("import.fix_or_skip")
    } else {
        key!("import.fix_file")
    };
    view! {
        <section
            class="import-problems"
            data-testid="import-problems"
            aria-labelledby="problems-title"
        >
            <h2 id="problems-title" class="page__subtitle">
                {title}
            </h2>
            <p class="page__intro">{text(advice)}</p>
            <button
                type="button"
                class="button button--primary"
                data-testid="skip-wrong-rows"
                hidden=on_skip.is_none()
                on:click=move |_| {
                    if let Some(skip) = on_skip {
                        skip.run(());
                    }
                }
            >
                {skip}
            </button>
            <TextTable
                caption=key!("import.problems_label")
                columns=vec![
                    key!("import.col.line"),
                    key!("import.col.user"),
                    key!("import.col.problem"),
                ]
                testid="import-problems-table"
                row_testid="import-problem"
                count=count
                rows=rows
            />
        </section>
    }
}
