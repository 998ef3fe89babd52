//! The Users list's exports: every user the list finds (a product's holders under
//! `/products/{skuId}`), or the selection, whatever pages they are on.

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::contract::CustomerUser;
use licensing::export::{users_csv, ExportKind};

use crate::api::Client;
use crate::components::export_dialog::{export_file_name, ExportFile, ExportRequest};
use crate::model::list_query::ListQuery;
use crate::model::progress::Progress;
use crate::model::selection::Selection;

/// Users read per request of the selection: the server's largest page.
const CHUNK: usize = 500;

/// Every user the list finds with its search and filters (`query`, read when the export
/// starts), or every holder of `holding`; `total` is the count the list shows. Products are
/// named from `skus`, the page's loaded catalogue.
pub fn list_export(
    customer_id: String,
    holding: Option<String>,
    query: Memo<ListQuery>,
    skus: Memo<Catalogue>,
    total: usize,
) -> ExportRequest {
    let title = if holding.is_some() {
        key!("export.title.holders")
    } else {
        key!("export.title.users")
    };
    let run = Callback::new(move |(client, progress): (Client, RwSignal<Progress>)| {
        let (customer_id, holding) = (customer_id.clone(), holding.clone());
        let ListQuery { filter, narrow, .. } = query.get_untracked();
        let read = async move {
            let customer = client.get_customer(&customer_id).await?;
            let skus = skus.get_untracked();
            let on_progress = |done, total| progress.set(Progress::Running { done, total });
            let users = client
                .list_all_matching_users(
                    &customer_id,
                    holding.as_deref(),
                    &filter,
                    &narrow,
                    &on_progress,
                )
                .await?;
            let kind = match &holding {
                Some(sku_id) => ExportKind::Holders(skus.name(sku_id)),
                None => ExportKind::Users,
            };
            Ok(ExportFile {
                name: export_file_name(&customer, kind),
                bytes: users_csv(&users, &skus),
            })
        };
        Box::pin(read) as _
    });
    ExportRequest {
        title,
        progress: key!("export.reading"),
        total,
        run,
    }
}

/// The selected users, read by id 500 at a time, by name then id.
pub fn selection_export(
    customer_id: String,
    selection: RwSignal<Selection>,
    skus: Memo<Catalogue>,
) -> ExportRequest {
    let total = selection.with_untracked(Selection::len);
    let run = Callback::new(move |(client, progress): (Client, RwSignal<Progress>)| {
        let customer_id = customer_id.clone();
        // In the Selected users view's order (name, then id), which is the server's order too:
        // each chunk comes back sorted, so the file is.
        let ids: Vec<String> = selection.with_untracked(|s| {
            s.matching("")
                .into_iter()
                .map(|(id, _)| id.to_owned())
                .collect()
        });
        let read = async move {
            let customer = client.get_customer(&customer_id).await?;
            let skus = skus.get_untracked();
            let mut users: Vec<CustomerUser> = Vec::with_capacity(ids.len());
            let mut done = 0;
            for chunk in ids.chunks(CHUNK) {
                users.extend(client.list_users_by_ids(&customer_id, chunk).await?);
                done += chunk.len();
                progress.set(Progress::Running {
                    done,
                    total: ids.len(),
                });
            }
            Ok(ExportFile {
                name: export_file_name(&customer, ExportKind::SelectedUsers),
                bytes: users_csv(&users, &skus),
            })
        };
        Box::pin(read) as _
    });
    ExportRequest {
        title: key!("export.title.selected"),
        progress: key!("export.reading"),
        total,
        run,
    }
}
