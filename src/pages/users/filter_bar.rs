use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::locations::USAGE_LOCATIONS;
use licensing::user_filter::{LocationFilter, UserFilter};

use crate::i18n::{use_i18n, Key};

/// "Not signed in for" choices, in days; a different number from a hand-edited address is
/// offered too.
const INACTIVE_DAYS: [u32; 5] = [30, 60, 90, 180, 365];

/// One labelled drop-down of the filter bar: `options` are (value, text) pairs, `""` meaning
/// "any"; choosing one calls `on_pick` with its value.
#[component]
fn FilterSelect(
    label_key: Key,
    testid: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] current: Signal<String>,
    on_pick: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{testid}-select");
    view! {
        <div class="filter-bar__field">
            <label class="filter-bar__label" for=id.clone()>
                {move || i18n.t(label_key)}
            </label>
            <select
                id=id
                class="select filter-bar__select"
                data-testid=testid
                on:change=move |ev| on_pick.run(event_target_value(&ev))
            >
                {move || {
                    let current = current.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(value, text)| {
                            let selected = value == current;
                            view! {
                                <option value=value prop:selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

fn bool_value(value: Option<bool>) -> String {
    value.map(|b| b.to_string()).unwrap_or_default()
}

fn parse_bool(value: &str) -> Option<bool> {
    value.parse().ok()
}

/// The Users page's filters: a drop-down for each, the Reclaimable preset, and the filters in
/// effect as removable chips with how many users match.
#[component]
pub fn FilterBar(
    /// The filters in effect (from the URL).
    #[prop(into)]
    filter: Signal<UserFilter>,
    /// The customer's products, for the product filters and the chips' names.
    catalogue: Memo<Catalogue>,
    /// How many users match, once the list has loaded.
    #[prop(into)]
    matching: Signal<Option<usize>>,
    /// Called with the new filters.
    on_change: Callback<UserFilter>,
) -> impl IntoView {
    let i18n = use_i18n();
    let change = move |edit: &dyn Fn(&mut UserFilter)| {
        let mut next = filter.get_untracked();
        edit(&mut next);
        on_change.run(next);
    };
    let any = move || (String::new(), i18n.t(key!("users.filters.any")));
    let yes_no = move |yes: Key, no: Key| {
        Signal::derive(move || {
            vec![
                any(),
                ("true".to_owned(), i18n.t(yes)),
                ("false".to_owned(), i18n.t(no)),
            ]
        })
    };
    // The products not yet in `chosen`, after a "Choose a product" entry that keeps the
    // drop-down a way to add one more.
    let products = move |chosen: fn(&UserFilter) -> &Vec<String>| {
        Signal::derive(move || {
            let chosen = filter.with(|f| chosen(f).clone());
            let mut options = vec![(String::new(), i18n.t(key!("users.filters.choose_product")))];
            catalogue.with(|skus| {
                options.extend(
                    skus.iter()
                        .filter(|sku| !chosen.iter().any(|id| id == sku.sku_id()))
                        .map(|sku| (sku.sku_id().to_owned(), sku.product_sku.name.clone())),
                );
            });
            options
        })
    };
    let inactive_options = Signal::derive(move || {
        let current = filter.with(|f| f.inactive_days);
        let mut days: Vec<u32> = INACTIVE_DAYS.to_vec();
        if let Some(other) = current.filter(|d| !days.contains(d)) {
            days.push(other);
            days.sort_unstable();
        }
        let mut options = vec![any()];
        options.extend(days.into_iter().map(|d| {
            (
                d.to_string(),
                i18n.t_count(key!("users.filters.days"), d as usize, &[]),
            )
        }));
        options
    });
    let location_options = Signal::derive(move || {
        let mut options = vec![
            any(),
            ("none".to_owned(), i18n.t(key!("users.no_location"))),
        ];
        options.extend(
            USAGE_LOCATIONS
                .iter()
                .map(|code| ((*code).to_owned(), (*code).to_owned())),
        );
        options
    });

    let chips = move || {
        let f = filter.get();
        let name = |id: &str| catalogue.with(|skus| skus.name(id).to_owned());
        let mut chips: Vec<(String, UserFilter)> = Vec::new();
        let without = |edit: &dyn Fn(&mut UserFilter)| {
            let mut next = f.clone();
            edit(&mut next);
            next
        };
        if f.reclaimable {
            chips.push((
                i18n.t(key!("users.chip.reclaimable")),
                without(&|n| n.reclaimable = false),
            ));
        }
        if let Some(licensed) = f.licensed {
            let key = if licensed {
                key!("users.chip.licensed")
            } else {
                key!("users.chip.unlicensed")
            };
            chips.push((i18n.t(key), without(&|n| n.licensed = None)));
        }
        for id in &f.has_sku {
            chips.push((
                i18n.t_with(key!("users.chip.has"), &[("name", name(id))]),
                without(&|n| n.has_sku.retain(|kept| kept != id)),
            ));
        }
        for id in &f.lacks_sku {
            chips.push((
                i18n.t_with(key!("users.chip.lacks"), &[("name", name(id))]),
                without(&|n| n.lacks_sku.retain(|kept| kept != id)),
            ));
        }
        if let Some(enabled) = f.account_enabled {
            let key = if enabled {
                key!("users.chip.allowed")
            } else {
                key!("users.chip.blocked")
            };
            chips.push((i18n.t(key), without(&|n| n.account_enabled = None)));
        }
        if let Some(days) = f.inactive_days {
            chips.push((
                i18n.t_count(key!("users.chip.inactive"), days as usize, &[]),
                without(&|n| n.inactive_days = None),
            ));
        }
        if let Some(location) = &f.usage_location {
            let code = match location {
                LocationFilter::Code(code) => code.clone(),
                LocationFilter::Missing => i18n.t(key!("users.no_location")),
            };
            chips.push((
                i18n.t_with(key!("users.chip.location"), &[("code", code)]),
                without(&|n| n.usage_location = None),
            ));
        }
        chips
            .into_iter()
            .map(|(text, next)| {
                let label = i18n.t_with(key!("users.chip.remove"), &[("name", text.clone())]);
                view! {
                    <li class="user-chip" data-testid="filter-chip">
                        <span class="user-chip__name">{text}</span>
                        <button
                            type="button"
                            class="user-chip__remove"
                            data-testid="filter-chip-remove"
                            aria-label=label
                            on:click=move |_| on_change.run(next.clone())
                        >
                            <span class="user-chip__x" aria-hidden="true"></span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let reclaimable = Signal::derive(move || filter.with(|f| f.reclaimable));
    view! {
        <div
            class="filter-bar"
            role="group"
            data-testid="filter-bar"
            aria-label=move || i18n.t(key!("users.filters.label"))
        >
            <button
                type="button"
                class="button filter-bar__preset"
                data-testid="filter-reclaimable"
                aria-pressed=move || reclaimable.get().to_string()
                on:click=move |_| {
                    if reclaimable.get_untracked() {
                        change(&|f| f.reclaimable = false);
                    } else {
                        on_change.run(UserFilter::reclaimable());
                    }
                }
            >
                {move || i18n.t(key!("users.filters.reclaimable"))}
            </button>
            <FilterSelect
                label_key=key!("users.filters.licensed")
                testid="filter-licensed"
                options=yes_no(
                    key!("users.filters.licensed_yes"),
                    key!("users.filters.licensed_no"),
                )
                current=Signal::derive(move || filter.with(|f| bool_value(f.licensed)))
                on_pick=Callback::new(move |v: String| change(&|f| f.licensed = parse_bool(&v)))
            />
            <FilterSelect
                label_key=key!("users.filters.has_product")
                testid="filter-has-sku"
                options=products(|f| &f.has_sku)
                current=Signal::derive(String::new)
                on_pick=Callback::new(move |id: String| {
                    if !id.is_empty() {
                        change(&|f| f.has_sku.push(id.clone()));
                    }
                })
            />
            <FilterSelect
                label_key=key!("users.filters.lacks_product")
                testid="filter-lacks-sku"
                options=products(|f| &f.lacks_sku)
                current=Signal::derive(String::new)
                on_pick=Callback::new(move |id: String| {
                    if !id.is_empty() {
                        change(&|f| f.lacks_sku.push(id.clone()));
                    }
                })
            />
            <FilterSelect
                label_key=key!("users.filters.sign_in")
                testid="filter-account-enabled"
                options=yes_no(key!("users.sign_in.allowed"), key!("users.sign_in.blocked"))
                current=Signal::derive(move || filter.with(|f| bool_value(f.account_enabled)))
                on_pick=Callback::new(move |v: String| {
                    change(&|f| f.account_enabled = parse_bool(&v))
                })
            />
            <FilterSelect
                label_key=key!("users.filters.inactive")
                testid="filter-inactive-days"
                options=inactive_options
                current=Signal::derive(move || {
                    filter.with(|f| f.inactive_days.map(|d| d.to_string()).unwrap_or_default())
                })
                on_pick=Callback::new(move |v: String| {
                    change(&|f| f.inactive_days = v.parse().ok())
                })
            />
            <FilterSelect
                label_key=key!("users.filters.location")
                testid="filter-usage-location"
                options=location_options
                current=Signal::derive(move || {
                    filter
                        .with(|f| match &f.usage_location {
                            Some(LocationFilter::Code(code)) => code.clone(),
                            Some(LocationFilter::Missing) => "none".to_owned(),
                            None => String::new(),
                        })
                })
                on_pick=Callback::new(move |v: String| {
                    change(
                        &|f| {
                            f.usage_location = match v.as_str() {
                                "" => None,
                                "none" => Some(LocationFilter::Missing),
                                code => Some(LocationFilter::Code(code.to_owned())),
                            }
                        },
                    )
                })
            />
        </div>
        {move || {
            (!filter.with(UserFilter::is_empty))
                .then(|| {
                    view! {
                        <div class="filter-chips" data-testid="filter-summary">
                            <ul
                                class="user-chips filter-chips__list"
                                data-testid="filter-chips"
                                aria-label=move || i18n.t(key!("users.filters.label"))
                            >
                                {chips}
                            </ul>
                            <span
                                class="filter-chips__count"
                                data-testid="filter-count"
                                aria-live="polite"
                            >
                                {move || {
                                    matching
                                        .get()
                                        .map(|n| {
                                            i18n.t_count(key!("users.filters.matching"), n, &[])
                                        })
                                }}
                            </span>
                            <button
                                type="button"
                                class="link-button"
                                data-testid="filter-clear"
                                on:click=move |_| on_change.run(UserFilter::default())
                            >
                                {move || i18n.t(key!("users.filters.clear"))}
                            </button>
                        </div>
                    }
                })
        }}
    }
}
