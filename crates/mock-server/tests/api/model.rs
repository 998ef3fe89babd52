//! Random sequences of updates against a reference model that only believes what the server
//! answered: after every step, every user holds exactly what the model says, and no active
//! product has more users than seats.

use std::collections::{BTreeSet, HashMap};

use axum::http::{Method, StatusCode};
use mock_server::{app, AppState, Fixture, SEED_JSON};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common::*;

const USERS: [&str; 10] = [
    ADELE, ALEX, BIANCA, DELIA, IRVIN, LEE_GU, LIDIA, MALLORY, CHRISTIE, ENRICO,
];
const SKUS: [&str; 11] = [
    E3, COMPLIANCE, EXCHANGE_1, EXCHANGE_2, PHONE, POWER_BI, VISIO, EMS, PROJECT, AUDIO, "unknown",
];

#[derive(Debug, Clone)]
struct Change {
    user: usize,
    assign: Vec<usize>,
    remove: Vec<usize>,
}

#[derive(Debug, Clone)]
enum Step {
    One(Change),
    Batch(Vec<Change>),
    Quantity { sku: usize, quantity: u32 },
}

fn any_change() -> impl Strategy<Value = Change> {
    (
        0..USERS.len(),
        proptest::collection::vec(0..SKUS.len(), 0..3),
        proptest::collection::vec(0..SKUS.len(), 0..2),
    )
        .prop_map(|(user, assign, remove)| Change {
            user,
            assign,
            remove,
        })
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => any_change().prop_map(Step::One),
        3 => proptest::collection::vec(any_change(), 1..6).prop_map(|changes| {
            let mut seen = BTreeSet::new();
            Step::Batch(changes.into_iter().filter(|c| seen.insert(c.user)).collect())
        }),
        1 => (0..SKUS.len() - 1, 0u32..30).prop_map(|(sku, quantity)| Step::Quantity { sku, quantity }),
    ]
}

fn update_body(change: &Change) -> Value {
    let assign: Vec<Value> = change
        .assign
        .iter()
        .map(|&s| json!({"skuId": SKUS[s]}))
        .collect();
    let remove: Vec<&str> = change.remove.iter().map(|&s| SKUS[s]).collect();
    json!({"userId": USERS[change.user], "licensesToAssign": assign, "licensesToRemove": remove})
}

struct Model {
    holdings: HashMap<&'static str, BTreeSet<String>>,
}

impl Model {
    fn apply(&mut self, change: &Change) {
        let held = self.holdings.get_mut(USERS[change.user]).unwrap();
        for &sku in &change.remove {
            held.remove(SKUS[sku]);
        }
        for &sku in &change.assign {
            held.insert(SKUS[sku].to_owned());
        }
    }
}

fn contoso_only() -> Fixture {
    let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
    let contoso = seed["customers"][0].clone();
    seed["customers"] = json!([contoso]);
    serde_json::from_value(seed).unwrap()
}

async fn holdings(client: &Client) -> HashMap<&'static str, BTreeSet<String>> {
    let (_, page) = client
        .get(&format!("{}?ids={}", contoso("/users"), USERS.join(",")))
        .await;
    let items = page["items"].as_array().unwrap();
    USERS
        .iter()
        .map(|&id| {
            let user = items.iter().find(|u| u["id"] == id).unwrap();
            let held = user["assignedLicenses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["skuId"].as_str().unwrap().to_owned())
                .collect();
            (id, held)
        })
        .collect()
}

async fn run(steps: Vec<Step>) -> Result<(), TestCaseError> {
    let client = Client::signed_in(
        app(AppState::from_fixture(contoso_only()).unwrap()),
        "AdminAgent",
    )
    .await;
    let mut model = Model {
        holdings: holdings(&client).await,
    };
    for step in &steps {
        match step {
            Step::One(change) => {
                let path = user_path(USERS[change.user], "/licenseupdates");
                let (status, _) = client
                    .call(Method::POST, &path, Some(&update_body(change)))
                    .await;
                prop_assert!(status == StatusCode::CREATED || status == StatusCode::BAD_REQUEST);
                if status == StatusCode::CREATED {
                    model.apply(change);
                }
            }
            Step::Batch(changes) => {
                let updates: Vec<Value> = changes.iter().map(update_body).collect();
                let (status, response) = client
                    .post(&contoso("/licenseupdates"), json!({"updates": updates}))
                    .await;
                prop_assert_eq!(status, StatusCode::OK);
                let results = response["results"].as_array().unwrap();
                prop_assert_eq!(results.len(), changes.len());
                for (change, result) in changes.iter().zip(results) {
                    prop_assert_eq!(&result["userId"], USERS[change.user]);
                    if result["status"] == "succeeded" {
                        model.apply(change);
                    }
                }
            }
            Step::Quantity { sku, quantity } => {
                let (_, subscriptions) = client.get(&contoso("/subscriptions")).await;
                let id = subscriptions["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["skuId"] == SKUS[*sku])
                    .unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                let (status, _) = client
                    .patch(
                        &contoso(&format!("/subscriptions/{id}")),
                        json!({"quantity": quantity}),
                    )
                    .await;
                prop_assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST);
            }
        }

        prop_assert_eq!(
            &holdings(&client).await,
            &model.holdings,
            "after {:?}",
            step
        );
        let (_, skus) = client.get(&contoso("/subscribedskus")).await;
        for sku in skus["items"].as_array().unwrap() {
            let consumed = sku["consumedUnits"].as_u64().unwrap();
            let total = sku["totalUnits"].as_u64().unwrap();
            let available = sku["availableUnits"].as_u64().unwrap();
            if sku["capabilityStatus"] != "Suspended" {
                prop_assert!(
                    consumed <= total,
                    "{} oversold after {:?}",
                    sku["productSku"]["name"],
                    step
                );
                prop_assert_eq!(available, total - consumed);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_updates_never_oversell_and_apply_exactly_what_the_server_accepted(
        steps in proptest::collection::vec(any_step(), 1..12)
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(run(steps))?;
    }
}
