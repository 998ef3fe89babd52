use leptos::prelude::*;

use super::text;
use crate::components::pager::Pager;
use crate::i18n::Key;

/// Rows per page: 10,000 rows are read a page at a time.
const PER_PAGE: usize = 100;

/// One row: its cells' text (line breaks kept), and whether it is a good one (`data-ok`).
pub struct TextRow {
    pub cells: Vec<String>,
    pub ok: bool,
}

/// A paged table of text, the one table type of the import's lists (problems and changes), so
/// that the page draws both with one piece of code. `rows` gives the rows of a range of
/// positions, in the reader's language (it is called again when the language changes).
#[component]
pub fn TextTable(
    caption: Key,
    columns: Vec<Key>,
    testid: &'static str,
    row_testid: &'static str,
    count: usize,
    rows: Callback<(usize, usize), Vec<TextRow>>,
) -> impl IntoView {
    let page = RwSignal::new(1u32);
    let pages = u32::try_from(count.div_ceil(PER_PAGE)).unwrap_or(u32::MAX);
    let body = move || {
        let first = (page.get() as usize - 1) * PER_PAGE;
        rows.run((first, (first + PER_PAGE).min(count)))
            .into_iter()
            .map(|row| {
                view! {
                    <tr data-testid=row_testid data-ok=row.ok.to_string()>
                        {row
                            .cells
                            .into_iter()
                            .map(|cell| view! { <td class="data-table__lines">{cell}</td> })
                            .collect_view()}
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <table class="data-table" data-testid=testid>
            <caption class="visually-hidden">{text(caption)}</caption>
            <thead>
                <tr>
                    {columns
                        .into_iter()
                        .map(|key| view! { <th scope="col">{text(key)}</th> })
                        .collect_view()}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
        <div hidden=pages < 2>
            <Pager
                page=page
                page_count=Signal::stored(pages.max(1))
                on_page=Callback::new(move |p| page.set(p))
            />
        </div>
    }
}
