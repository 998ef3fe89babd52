//! Licenses updated as a file: one row per user in the page's order, with the changes and the
//! messages worded as the page words them, in the reader's language.

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::export::{results_csv, ExportKind, ResultLine, ResultStatus};

use crate::api::Client;
use crate::components::export_dialog::{export_file_name, ExportFile, ExportRequest};
use crate::error_text;
use crate::i18n::{use_i18n, I18n};
use crate::model::progress::Progress;
use crate::model::save_results::{Outcome, SaveResults};

/// Each user's line, in `order` (positions in `results.users`), products named from `skus`.
fn result_lines(
    i18n: &I18n,
    results: &SaveResults,
    order: &[usize],
    skus: &Catalogue,
) -> Vec<ResultLine> {
    let names = |ids: &[String]| -> Vec<String> {
        let mut names: Vec<String> = ids.iter().map(|id| skus.name(id).to_owned()).collect();
        names.sort();
        names
    };
    order
        .iter()
        .filter_map(|&i| results.users.get(i))
        .map(|user| {
            let (swapped, added, removed) = user.shown_changes(results.replacement.as_ref());
            let mut changes = Vec::new();
            if let Some((from, to)) = swapped {
                let (from, to) = (skus.name(&from).to_owned(), skus.name(&to).to_owned());
                changes.push(i18n.t_with(key!("updated.replaced"), &[("from", from), ("to", to)]));
            }
            for (ids, key) in [
                (&added, key!("updated.added")),
                (&removed, key!("updated.removed")),
            ] {
                changes.extend(
                    names(ids)
                        .into_iter()
                        .map(|name| i18n.t_with(key, &[("product", name)])),
                );
            }
            let (status, error_codes, messages) = match &user.outcome {
                Outcome::Succeeded { .. } => (ResultStatus::Succeeded, Vec::new(), Vec::new()),
                Outcome::NotSent => (
                    ResultStatus::NotSent,
                    Vec::new(),
                    vec![i18n.t(key!("updated.not_sent"))],
                ),
                Outcome::Failed { errors, code } => {
                    let mut codes: Vec<i32> = code.iter().copied().collect();
                    let mut messages: Vec<String> = code
                        .iter()
                        .map(|&code| error_text::refused_user(i18n, code))
                        .collect();
                    for error in errors {
                        codes.push(error.code());
                        messages.push(error_text::describe(i18n, error, skus));
                    }
                    (ResultStatus::Failed, codes, messages)
                }
            };
            ResultLine {
                user_principal_name: user.upn.clone(),
                display_name: user.name.clone(),
                status,
                changes,
                error_codes,
                messages,
            }
        })
        .collect()
}

/// The page's results as a file, in the order and words the page shows them.
pub fn results_export(
    customer_id: String,
    results: RwSignal<Option<SaveResults>>,
    order: Memo<Vec<usize>>,
    skus: Memo<Catalogue>,
) -> ExportRequest {
    let i18n = use_i18n();
    let total = results.with_untracked(|r| r.as_ref().map_or(0, |r| r.users.len()));
    let run = Callback::new(move |(client, progress): (Client, RwSignal<Progress>)| {
        let customer_id = customer_id.clone();
        let write = async move {
            let customer = client.get_customer(&customer_id).await?;
            let lines = results.with_untracked(|r| {
                let r = r.as_ref()?;
                Some(
                    order.with_untracked(|o| skus.with_untracked(|s| result_lines(&i18n, r, o, s))),
                )
            });
            let lines = lines.unwrap_or_default();
            progress.set(Progress::Running {
                done: lines.len(),
                total: lines.len(),
            });
            Ok(ExportFile {
                name: export_file_name(&customer, ExportKind::LicenseResults),
                bytes: results_csv(&lines),
            })
        };
        Box::pin(write) as _
    });
    ExportRequest {
        title: key!("export.title.results"),
        progress: key!("export.writing"),
        total,
        run,
    }
}
