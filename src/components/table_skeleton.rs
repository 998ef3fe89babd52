use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Grey placeholder rows while a table loads; announced once as "Loading…". Static (no shimmer)
/// so a screenshot taken mid-load is still stable.
#[component]
pub fn TableSkeleton(
    /// Columns to draw.
    columns: usize,
    /// Rows to draw.
    rows: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-skeleton" data-testid="loading" role="status" aria-busy="true">
            <span class="visually-hidden">{move || i18n.t(key!("shell.loading"))}</span>
            <table class="data-table" aria-hidden="true">
                <tbody>
                    {(0..rows)
                        .map(|_| {
                            view! {
                                <tr>
                                    {(0..columns)
                                        .map(|_| {
                                            view! {
                                                <td>
                                                    <span class="skeleton"></span>
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
