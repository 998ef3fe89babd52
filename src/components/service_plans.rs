use std::collections::BTreeSet;

use leptos::prelude::*;
use licensing::contract::ServicePlan;

use crate::i18n::use_i18n;

/// "View service plans": a product's plans with boxes. Clearing a plan leaves it out for every
/// user who gets or keeps the product (sent as `excludedPlans`).
#[component]
pub fn ServicePlans(
    /// The product's plans.
    plans: Vec<ServicePlan>,
    /// Plans left out as chosen; `None` while untouched.
    excluded: RwSignal<Option<BTreeSet<String>>>,
    /// Plans left out before any choice (those the holders share).
    initial: BTreeSet<String>,
    /// Id stem for the plan boxes.
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let initial = StoredValue::new(initial);
    let current = move || excluded.get().unwrap_or_else(|| initial.get_value());
    view! {
        <fieldset class="service-plans" data-testid="service-plans">
            <legend class="service-plans__legend">
                {move || i18n.t(key!("manage.service_plans"))}
            </legend>
            <ul class="service-plans__list">
                {plans
                    .into_iter()
                    .enumerate()
                    .map(|(i, plan)| {
                        let box_id = format!("{id}-plan-{i}");
                        let plan_id = plan.id.clone();
                        let included = {
                            let plan_id = plan_id.clone();
                            move || !current().contains(&plan_id)
                        };
                        view! {
                            <li class="service-plans__item">
                                <input
                                    type="checkbox"
                                    class="checkbox"
                                    id=box_id.clone()
                                    data-testid="service-plan-checkbox"
                                    prop:checked=included
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let mut next = current();
                                        if on {
                                            next.remove(&plan_id);
                                        } else {
                                            next.insert(plan_id.clone());
                                        }
                                        excluded.set(Some(next));
                                    }
                                />
                                <label for=box_id>{plan.display_name}</label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </fieldset>
    }
}
