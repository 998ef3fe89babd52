use std::sync::Arc;

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::import::{ImportPreview, PlannedChange};

use super::text_table::{TextRow, TextTable};
use super::Checked;
use crate::error_text;
use crate::i18n::{use_i18n, I18n};

/// One change's row: line, user, what changes (products assigned, removed, the new usage
/// location) and whether the rules let it (else every reason they would refuse it).
fn change_row(
    i18n: &I18n,
    checked: &Checked,
    planned: &PlannedChange,
    skus: &Catalogue,
) -> TextRow {
    let change = &checked.check.changes[planned.change];
    let user = &checked.users[change.user];
    let update = &change.update;
    let names =
        |ids: &mut dyn Iterator<Item = &String>| i18n.list(ids.map(|id| skus.name(id).to_owned()));
    let mut lines = Vec::new();
    if !update.licenses_to_assign.is_empty() {
        let products = names(&mut update.licenses_to_assign.iter().map(|a| &a.sku_id));
        lines.push(i18n.t_with(key!("import.change.assign"), &[("products", products)]));
    }
    if !update.licenses_to_remove.is_empty() {
        let products = names(&mut update.licenses_to_remove.iter());
        lines.push(i18n.t_with(key!("import.change.remove"), &[("products", products)]));
    }
    if let Some(to) = change.usage_location {
        let from = user.usage_location.clone();
        let from = from.unwrap_or_else(|| i18n.t(key!("import.no_location")));
        lines.push(i18n.t_with(
            key!("import.change.location"),
            &[("from", from), ("to", to.to_owned())],
        ));
    }
    let ok = planned.errors.is_empty();
    let check = if ok {
        i18n.t(key!("import.will_update"))
    } else {
        let reasons: Vec<String> = planned
            .errors
            .iter()
            .map(|e| error_text::describe(i18n, e, skus))
            .collect();
        reasons.join("\n")
    };
    TextRow {
        cells: vec![
            change.line.to_string(),
            format!("{}\n{}", user.display_name, user.user_principal_name),
            lines.join("\n"),
            check,
        ],
        ok,
    }
}

/// Each user the file changes, in file order: what changes, and whether the rules let it.
#[component]
pub fn ChangeList(
    checked: Arc<Checked>,
    preview: Arc<ImportPreview>,
    skus: Memo<Catalogue>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = preview.planned.len();
    let rows = Callback::new(move |(first, end): (usize, usize)| {
        skus.with(|skus| {
            preview.planned[first..end]
                .iter()
                .map(|planned| change_row(&i18n, &checked, planned, skus))
                .collect()
        })
    });
    view! {
        <TextTable
            caption=key!("import.changes_label")
            columns=vec![
                key!("import.col.line"),
                key!("import.col.user"),
                key!("import.col.changes"),
                key!("import.col.check"),
            ]
            testid="import-changes"
            row_testid="import-change"
            count=count
            rows=rows
        />
    }
}
