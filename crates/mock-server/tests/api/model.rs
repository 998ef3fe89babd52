//! Model-based test: random sequences of assign / revoke (one user, or a batch), buy (a
//! subscription's quantity), set usage location and reset, run against the server and against a
//! small reference model side by side.
//!
//! The model keeps what each of ten users holds, their usage locations and each subscription's
//! quantity. Where its own simple rules can tell, it predicts the answer (a quantity below the
//! seats in use, a suspended subscription, an invalid or prohibited location, an unknown or
//! duplicated product, a new product for a user without location, a new product past the last
//! seat); elsewhere it believes the server's answer. After every step the server must hold
//! exactly the model's state, and no active product may have more users than seats.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use mock_server::{app, AppState, Fixture, SEED_JSON};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use serde_json::{json, Value};

use crate::common::*;

const CASES: u32 = 96;

const USERS: [&str; 10] = [
    ADELE, ALEX, BIANCA, DELIA, IRVIN, LEE_GU, LIDIA, MALLORY, CHRISTIE, ENRICO,
];
const UNKNOWN_SKU: &str = "unknown";
const SKUS: [&str; 11] = [
    E3,
    COMPLIANCE,
    EXCHANGE_1,
    EXCHANGE_2,
    PHONE,
    POWER_BI,
    VISIO,
    EMS,
    PROJECT,
    AUDIO,
    UNKNOWN_SKU,
];
/// Locations to set: valid (any letter case), and not country codes at all.
const LOCATIONS: [&str; 8] = ["US", "de", "CN", "TW", "cn", "XX", "Taiwan", ""];
/// Valid codes, upper case, as the server stores them.
const VALID_LOCATIONS: [&str; 4] = ["US", "DE", "CN", "TW"];
/// The one location rule of the seed's Contoso: Teams Phone is prohibited in CN.
const PROHIBITED: (&str, &str) = (PHONE, "CN");

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
    Buy { sku: usize, quantity: u32 },
    Locate { user: usize, location: usize },
    Reset,
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
        6 => any_change().prop_map(Step::One),
        4 => proptest::collection::vec(any_change(), 1..6).prop_map(|changes| {
            let mut seen = BTreeSet::new();
            Step::Batch(changes.into_iter().filter(|c| seen.insert(c.user)).collect())
        }),
        2 => (0..SKUS.len() - 1, 0u32..30).prop_map(|(sku, quantity)| Step::Buy { sku, quantity }),
        2 => (0..USERS.len(), 0..LOCATIONS.len())
            .prop_map(|(user, location)| Step::Locate { user, location }),
        1 => Just(Step::Reset),
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

/// What the server holds that the model follows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    holdings: BTreeMap<&'static str, BTreeSet<String>>,
    locations: BTreeMap<&'static str, Option<String>>,
    quantities: BTreeMap<String, u32>,
}

/// The reference model: the state, plus what never changes (subscription statuses, and the seats
/// held by the 47 users it doesn't follow).
struct Model {
    state: State,
    initial: State,
    suspended: BTreeSet<String>,
    others: HashMap<String, u32>,
}

/// What the model expects of a request.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Refused,
    Accepted,
    /// The model's rules can't tell (prerequisites, exclusive plans...): the server decides.
    Either,
}

impl Model {
    fn consumed(&self, sku: &str) -> u32 {
        let followed = self
            .state
            .holdings
            .values()
            .filter(|held| held.contains(sku))
            .count() as u32;
        self.others.get(sku).copied().unwrap_or_default() + followed
    }

    /// A change through the one-user route; `seats` is whether the model checks seats (not in
    /// a batch, where freed seats are shared).
    fn expect_update(&self, change: &Change, seats: bool) -> Expect {
        let user = USERS[change.user];
        let held = &self.state.holdings[user];
        let mut assigned = BTreeSet::new();
        for &sku in &change.assign {
            let id = SKUS[sku];
            if id == UNKNOWN_SKU || !assigned.insert(id) {
                return Expect::Refused;
            }
            let new = !held.contains(id);
            if new && self.state.locations[user].is_none() {
                return Expect::Refused;
            }
            if new && self.suspended.contains(id) {
                return Expect::Refused;
            }
            let removed_too = change.remove.iter().any(|&r| SKUS[r] == id);
            if seats && new && !removed_too && self.consumed(id) + 1 > self.state.quantities[id] {
                return Expect::Refused;
            }
        }
        Expect::Either
    }

    fn apply(&mut self, change: &Change) {
        let held = self.state.holdings.get_mut(USERS[change.user]).unwrap();
        for &sku in &change.remove {
            held.remove(SKUS[sku]);
        }
        for &sku in &change.assign {
            held.insert(SKUS[sku].to_owned());
        }
    }

    fn expect_buy(&self, sku: &str, quantity: u32) -> Expect {
        if self.suspended.contains(sku) || quantity < self.consumed(sku) {
            Expect::Refused
        } else {
            Expect::Accepted
        }
    }

    /// The stored code, if the location is accepted.
    fn expect_locate(&self, user: &str, location: &str) -> Option<String> {
        let code = location.to_ascii_uppercase();
        let valid = VALID_LOCATIONS.contains(&code.as_str());
        let prohibited = code == PROHIBITED.1 && self.state.holdings[user].contains(PROHIBITED.0);
        (valid && !prohibited).then_some(code)
    }
}

fn contoso_only() -> Fixture {
    let mut seed: Value = serde_json::from_str(SEED_JSON).unwrap();
    let contoso = seed["customers"][0].clone();
    seed["customers"] = json!([contoso]);
    serde_json::from_value(seed).unwrap()
}

async fn subscriptions(client: &Client) -> Vec<Value> {
    let (status, page) = client.get(&contoso("/subscriptions")).await;
    assert_eq!(status, StatusCode::OK);
    page["items"].as_array().unwrap().clone()
}

/// The server's state, as the model follows it.
async fn observe(client: &Client) -> State {
    let (_, page) = client
        .get(&format!("{}?ids={}", contoso("/users"), USERS.join(",")))
        .await;
    let items = page["items"].as_array().unwrap();
    let user = |id: &str| items.iter().find(|u| u["id"] == id).unwrap().clone();
    State {
        holdings: USERS
            .iter()
            .map(|&id| {
                let held = user(id)["assignedLicenses"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["skuId"].as_str().unwrap().to_owned())
                    .collect();
                (id, held)
            })
            .collect(),
        locations: USERS
            .iter()
            .map(|&id| (id, user(id)["usageLocation"].as_str().map(str::to_owned)))
            .collect(),
        quantities: subscriptions(client)
            .await
            .iter()
            .map(|s| {
                (
                    s["skuId"].as_str().unwrap().to_owned(),
                    s["quantity"].as_u64().unwrap() as u32,
                )
            })
            .collect(),
    }
}

async fn start(client: &Client) -> Model {
    let state = observe(client).await;
    let (_, skus) = client.get(&contoso("/subscribedskus")).await;
    let mut others = HashMap::new();
    let mut suspended = BTreeSet::new();
    for sku in skus["items"].as_array().unwrap() {
        let id = sku["productSku"]["id"].as_str().unwrap().to_owned();
        let followed = state.holdings.values().filter(|h| h.contains(&id)).count() as u32;
        let consumed = sku["consumedUnits"].as_u64().unwrap() as u32;
        others.insert(id.clone(), consumed - followed);
        if sku["capabilityStatus"] == "Suspended" {
            suspended.insert(id);
        }
    }
    Model {
        initial: state.clone(),
        state,
        suspended,
        others,
    }
}

fn check(expect: Expect, accepted: bool, step: &Step) -> Result<(), TestCaseError> {
    match expect {
        Expect::Refused => prop_assert!(!accepted, "accepted, model refuses: {:?}", step),
        Expect::Accepted => prop_assert!(accepted, "refused, model accepts: {:?}", step),
        Expect::Either => {}
    }
    Ok(())
}

/// Every error body is in the API's format.
fn api_error(body: &Value) -> Result<i64, TestCaseError> {
    prop_assert!(body["description"].is_string(), "{}", body);
    prop_assert_eq!(&body["source"], "PartnerFD");
    body["code"]
        .as_i64()
        .ok_or_else(|| TestCaseError::fail(format!("no code in {body}")))
}

#[derive(Default)]
struct Tally {
    cases: AtomicUsize,
    steps: AtomicUsize,
    predicted: AtomicUsize,
}

async fn run(steps: Vec<Step>, tally: &Tally) -> Result<(), TestCaseError> {
    let client = Client::signed_in(
        app(AppState::from_fixture(contoso_only()).unwrap()),
        "AdminAgent",
    )
    .await;
    let mut model = start(&client).await;
    tally.cases.fetch_add(1, Ordering::Relaxed);
    for step in &steps {
        tally.steps.fetch_add(1, Ordering::Relaxed);
        let mut predicted = true;
        match step {
            Step::One(change) => {
                let path = user_path(USERS[change.user], "/licenseupdates");
                let (status, body) = client
                    .call(Method::POST, &path, Some(&update_body(change)))
                    .await;
                prop_assert!(status == StatusCode::CREATED || status == StatusCode::BAD_REQUEST);
                let accepted = status == StatusCode::CREATED;
                if !accepted {
                    api_error(&body)?;
                }
                let expect = model.expect_update(change, true);
                predicted = expect != Expect::Either;
                check(expect, accepted, step)?;
                if accepted {
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
                // Predicted against the state before the batch: each user appears once.
                let expects: Vec<Expect> = changes
                    .iter()
                    .map(|c| model.expect_update(c, false))
                    .collect();
                predicted = expects.iter().all(|e| *e != Expect::Either);
                for ((change, result), expect) in changes.iter().zip(results).zip(expects) {
                    prop_assert_eq!(&result["userId"], USERS[change.user]);
                    let accepted = result["status"] == "succeeded";
                    if !accepted {
                        api_error(&result["error"])?;
                    }
                    check(expect, accepted, step)?;
                    if accepted {
                        model.apply(change);
                    }
                }
            }
            Step::Buy { sku, quantity } => {
                let id = subscriptions(&client)
                    .await
                    .iter()
                    .find(|s| s["skuId"] == SKUS[*sku])
                    .unwrap()["id"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                let (status, body) = client
                    .patch(
                        &contoso(&format!("/subscriptions/{id}")),
                        json!({"quantity": quantity}),
                    )
                    .await;
                let accepted = status == StatusCode::OK;
                if !accepted {
                    prop_assert_eq!(status, StatusCode::BAD_REQUEST);
                    let code = api_error(&body)?;
                    prop_assert!(code == 60036 || code == 60041, "{}", body);
                }
                check(model.expect_buy(SKUS[*sku], *quantity), accepted, step)?;
                if accepted {
                    model
                        .state
                        .quantities
                        .insert(SKUS[*sku].to_owned(), *quantity);
                }
            }
            Step::Locate { user, location } => {
                let (user, location) = (USERS[*user], LOCATIONS[*location]);
                let (status, body) = client
                    .patch(&user_path(user, ""), json!({"usageLocation": location}))
                    .await;
                let expected = model.expect_locate(user, location);
                match &expected {
                    Some(code) => {
                        prop_assert_eq!(status, StatusCode::OK, "{:?}: {}", step, body);
                        prop_assert_eq!(&body["usageLocation"], code.as_str());
                    }
                    None => {
                        prop_assert_eq!(status, StatusCode::BAD_REQUEST, "{:?}", step);
                        let code = api_error(&body)?;
                        prop_assert!(code == 60034 || code == 60040, "{}", body);
                    }
                }
                if let Some(code) = expected {
                    model.state.locations.insert(user, Some(code));
                }
            }
            Step::Reset => {
                let reply = send(
                    &client.app,
                    Request::post("/api/testing/reset")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await;
                prop_assert_eq!(reply.status, StatusCode::NO_CONTENT);
                model.state = model.initial.clone();
            }
        }
        if predicted {
            tally.predicted.fetch_add(1, Ordering::Relaxed);
        }

        prop_assert_eq!(&observe(&client).await, &model.state, "after {:?}", step);
        let (_, skus) = client.get(&contoso("/subscribedskus")).await;
        for sku in skus["items"].as_array().unwrap() {
            let id = sku["productSku"]["id"].as_str().unwrap();
            let consumed = sku["consumedUnits"].as_u64().unwrap() as u32;
            let total = sku["totalUnits"].as_u64().unwrap() as u32;
            let available = sku["availableUnits"].as_u64().unwrap() as u32;
            prop_assert_eq!(consumed, model.consumed(id), "{} after {:?}", id, step);
            if sku["capabilityStatus"] != "Suspended" {
                prop_assert!(
                    consumed <= total,
                    "{} oversold after {:?}",
                    sku["productSku"]["name"],
                    step
                );
                prop_assert_eq!(total, model.state.quantities[id], "{}", id);
                prop_assert_eq!(available, total - consumed);
            }
        }
    }
    Ok(())
}

#[test]
fn random_steps_match_the_reference_model_and_never_oversell() {
    let mut config = ProptestConfig::with_cases(CASES);
    // Where the `proptest!` macro would keep failing seeds: tests/proptest-regressions/.
    config.source_file = Some(file!());
    let mut runner = TestRunner::new(config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let tally = Tally::default();
    let result = runner.run(&proptest::collection::vec(any_step(), 1..20), |steps| {
        runtime.block_on(run(steps, &tally))
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    println!(
        "model: {} cases (incl. shrinking), {} steps, 0 divergences; {} steps' answers predicted \
         by the model, the rest believed and checked against the state",
        tally.cases.load(Ordering::Relaxed),
        tally.steps.load(Ordering::Relaxed),
        tally.predicted.load(Ordering::Relaxed),
    );
}
