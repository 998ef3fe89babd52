use std::collections::{BTreeSet, HashMap};

use leptos::prelude::*;
use licensing::catalogue::Catalogue;
use licensing::rules::{ProductChoice, TriState};

/// The partner's choice for one product: its box, the plans left out, whether its plans show.
#[derive(Clone, Copy)]
pub struct ChoiceSignals {
    pub state: RwSignal<TriState>,
    pub excluded: RwSignal<Option<BTreeSet<String>>>,
    pub plans_open: RwSignal<bool>,
}

/// Every product's choice, kept for as long as the page: Buy more reloads the products, and the
/// choices made before must outlive the rows drawn from the products before.
#[derive(Clone, Copy)]
pub struct Choices {
    by_sku: RwSignal<HashMap<String, ChoiceSignals>>,
    owner: StoredValue<Owner>,
}

impl Choices {
    /// Choices owned by the current owner (the page).
    pub fn of_page() -> Choices {
        Choices {
            by_sku: RwSignal::new(HashMap::new()),
            owner: StoredValue::new(Owner::current().expect("a page runs under an owner")),
        }
    }

    /// Each product's signals in catalogue order; a product seen for the first time gets a box
    /// that opens as `opened` says.
    pub fn for_catalogue(
        self,
        skus: &Catalogue,
        opened: impl Fn(&str) -> TriState,
    ) -> Vec<ChoiceSignals> {
        let missing: Vec<(String, ChoiceSignals)> = self.by_sku.with_untracked(|known| {
            skus.iter()
                .map(|sku| sku.sku_id())
                .filter(|id| !known.contains_key(*id))
                .map(|id| {
                    let initial = opened(id);
                    let signals = self.owner.with_value(|owner| {
                        owner.with(|| ChoiceSignals {
                            state: RwSignal::new(initial),
                            excluded: RwSignal::new(None),
                            plans_open: RwSignal::new(false),
                        })
                    });
                    (id.to_owned(), signals)
                })
                .collect()
        });
        if !missing.is_empty() {
            self.by_sku.update(|known| known.extend(missing));
        }
        self.by_sku.with_untracked(|known| {
            skus.iter()
                .filter_map(|sku| known.get(sku.sku_id()).copied())
                .collect()
        })
    }

    /// Every product's choice now, tracked.
    pub fn current(self) -> Vec<ProductChoice> {
        self.by_sku.with(|known| {
            known
                .iter()
                .map(|(sku_id, signals)| ProductChoice {
                    sku_id: sku_id.clone(),
                    state: signals.state.get(),
                    excluded_plans: signals
                        .excluded
                        .get()
                        .map(|plans| plans.into_iter().collect()),
                })
                .collect()
        })
    }
}
