use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::rules::{Preview, Replacement};

use crate::i18n::use_i18n;

/// "Replace a product": one product the selected users hold, swapped for another in the same
/// update for each holder. Two labelled selects; choosing "None" as the first clears it.
#[component]
pub fn ReplaceSection(
    replacement: RwSignal<Option<Replacement>>,
    preview: Memo<Preview>,
    skus: StoredValue<Catalogue>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The product to replace: any one some selected user holds.
    let held: Vec<(String, String)> = preview.with_untracked(|p| {
        skus.with_value(|s| {
            p.products
                .iter()
                .filter(|product| product.holding.holders > 0)
                .map(|product| {
                    let id = product.holding.sku_id.clone();
                    let name = s.name(&id).to_owned();
                    (id, name)
                })
                .collect()
        })
    });
    let all: Vec<(String, String)> = skus.with_value(|s| {
        s.iter()
            .map(|sku| (sku.sku_id().to_owned(), sku.product_sku.name.clone()))
            .collect()
    });
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let apply = move || {
        let (from, to) = (from.get_untracked(), to.get_untracked());
        let chosen =
            (!from.is_empty() && !to.is_empty() && from != to).then_some(Replacement { from, to });
        replacement.set(chosen);
    };
    let options_to = move || {
        let from = from.get();
        all.iter()
            .filter(|(id, _)| *id != from)
            .map(|(id, name)| {
                let selected = to.get() == *id;
                view! {
                    <option value=id.clone() selected=selected>
                        {name.clone()}
                    </option>
                }
            })
            .collect_view()
    };
    let names = move |r: &Replacement| {
        skus.with_value(|s| (s.name(&r.from).to_owned(), s.name(&r.to).to_owned()))
    };
    view! {
        <section class="replace" data-testid="replace-section" aria-labelledby="replace-title">
            <h2 id="replace-title" class="page__subtitle">
                {move || i18n.t(key!("manage.replace.title"))}
            </h2>
            <p class="data-table__muted">{move || i18n.t(key!("manage.replace.intro"))}</p>
            <div class="replace__fields">
                <label class="field">
                    <span class="field__label">{move || i18n.t(key!("manage.replace.from"))}</span>
                    <select
                        class="field__input"
                        data-testid="replace-from"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if value == to.get_untracked() {
                                to.set(String::new());
                            }
                            from.set(value);
                            apply();
                        }
                    >
                        <option value="">{move || i18n.t(key!("manage.replace.none"))}</option>
                        {held
                            .iter()
                            .map(|(id, name)| {
                                view! { <option value=id.clone()>{name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field__label">{move || i18n.t(key!("manage.replace.to"))}</span>
                    <select
                        class="field__input"
                        data-testid="replace-to"
                        disabled=move || from.with(String::is_empty)
                        on:change=move |ev| {
                            to.set(event_target_value(&ev));
                            apply();
                        }
                    >
                        <option value="">{move || i18n.t(key!("manage.replace.choose"))}</option>
                        {options_to}
                    </select>
                </label>
            </div>
            {move || {
                replacement
                    .get()
                    .map(|r| {
                        let (from_name, to_name) = names(&r);
                        view! {
                            <p class="notice" data-testid="replace-note">
                                {move || {
                                    i18n.t_with(
                                        key!("manage.replace.note"),
                                        &[("from", from_name.clone()), ("to", to_name.clone())],
                                    )
                                }}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
