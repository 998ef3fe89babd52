//! Forced server states for visual and end-to-end tests: faults set through
//! `/api/testing/faults`, a request's own `Prefer: code=503` / `Prefer: delay=2000`, and named
//! scenarios chosen per request by `X-Scenario` (the app sends it when opened with
//! `?scenario=<name>`), so tools running side by side don't change each other's answers.
//!
//! Applied by [`layer`] around every API route, after routing, so a fault names the route's
//! OpenAPI template (`/v1/customers/{customerId}/users`) rather than an address. Never applied to
//! `/api/testing/*` or `/api/health`.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensing::contract::{Collection, CustomerUser};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Error;
use crate::state::AppState;

/// The longest delay a fault or a `Prefer: delay=` may ask for, in milliseconds.
pub const MAX_DELAY_MS: u64 = 30_000;
/// The request header naming the scenario a request runs under.
pub const SCENARIO_HEADER: &str = "x-scenario";

/// A fault as set by `POST /api/testing/faults`: matching requests are delayed, held, or
/// answered with `status` in the API's error format (or several of these, in that order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultRequest {
    /// The HTTP method of the requests to fault.
    #[schema(example = "GET")]
    pub method: String,
    /// The route as the OpenAPI document names it, with or without the leading `/api`.
    #[schema(example = "/v1/customers/{customerId}/users")]
    pub path: String,
    /// Answer with this error status (400-599) instead of the route's answer; `null` lets the
    /// route answer (after the delay or hold).
    #[serde(default)]
    #[schema(minimum = 400, maximum = 599)]
    pub status: Option<u16>,
    /// Wait this long first, in milliseconds (at most 30,000).
    #[serde(default)]
    #[schema(maximum = 30000)]
    pub delay_ms: u64,
    /// Keep matching requests pending until `DELETE /api/testing/faults` or a reset.
    #[serde(default)]
    pub hold: bool,
    /// Apply to the next `times` matching requests only; `null` until cleared.
    #[serde(default)]
    #[schema(minimum = 1)]
    pub times: Option<u32>,
}

/// A fault in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    pub id: u64,
    pub method: String,
    /// Relative to `/api`, as the OpenAPI template: `/v1/customers/{customerId}/users`.
    pub path: String,
    pub status: Option<u16>,
    pub delay_ms: u64,
    pub hold: bool,
    /// How many more matching requests it applies to; `null` until cleared.
    pub times: Option<u32>,
}

/// What is done to one request before (or instead of) its route answering.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Plan {
    delay: Option<Duration>,
    hold: bool,
    status: Option<StatusCode>,
    /// Scenario `empty-tenant`: the user list answers as for a customer without users.
    empty_list: bool,
}

/// The faults in force, and what releases held requests.
pub struct Faults {
    list: Mutex<Vec<Fault>>,
    /// True while `list` has anything: the common case costs one atomic load per request.
    any: AtomicBool,
    next_id: AtomicU64,
    /// Bumped on every clear: requests held before it go on.
    released: tokio::sync::watch::Sender<u64>,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            list: Mutex::new(Vec::new()),
            any: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            released: tokio::sync::watch::Sender::new(0),
        }
    }
}

impl Faults {
    /// Checks and adds a fault; the first fault added that matches a request is the one applied.
    pub fn add(&self, request: FaultRequest, routes: &[(Method, String)]) -> Result<Fault, Error> {
        let method = request.method.to_ascii_uppercase();
        let path = relative(&request.path).to_owned();
        if immune(&path) {
            return Err(Error::InvalidBody(format!(
                "faults never apply to {path}: /api/testing/* and /api/health are always answered"
            )));
        }
        if !routes
            .iter()
            .any(|(m, p)| m.as_str() == method && relative(p) == path)
        {
            return Err(Error::InvalidBody(format!(
                "no route {method} {path}: name one as /api/v1/openapi.json does, e.g. GET /v1/customers/{{customerId}}/users"
            )));
        }
        if let Some(status) = request.status {
            error_status(status).map_err(Error::InvalidBody)?;
        }
        if request.delay_ms > MAX_DELAY_MS {
            return Err(Error::InvalidBody(format!(
                "delayMs is at most {MAX_DELAY_MS}"
            )));
        }
        if request.times == Some(0) {
            return Err(Error::InvalidBody(
                "times is at least 1, or null for every request until cleared".to_owned(),
            ));
        }
        if request.status.is_none() && request.delay_ms == 0 && !request.hold {
            return Err(Error::InvalidBody(
                "a fault sets a status, a delayMs or hold".to_owned(),
            ));
        }
        let fault = Fault {
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            method,
            path,
            status: request.status,
            delay_ms: request.delay_ms,
            hold: request.hold,
            times: request.times,
        };
        let mut list = locked(&self.list);
        list.push(fault.clone());
        self.any.store(true, Ordering::Release);
        Ok(fault)
    }

    pub fn list(&self) -> Vec<Fault> {
        locked(&self.list).clone()
    }

    /// Removes every fault and lets every held request go on.
    pub fn clear(&self) {
        let mut list = locked(&self.list);
        list.clear();
        self.any.store(false, Ordering::Release);
        self.released.send_modify(|generation| *generation += 1);
    }

    /// The first fault matching `method path`, counted as used once.
    fn take(&self, method: &Method, path: &str) -> Option<Fault> {
        if !self.any.load(Ordering::Acquire) {
            return None;
        }
        let mut list = locked(&self.list);
        let position = list
            .iter()
            .position(|f| f.method == method.as_str() && f.path == path)?;
        let fault = list[position].clone();
        if let Some(times) = &mut list[position].times {
            *times -= 1;
            if *times == 0 {
                list.remove(position);
                self.any.store(!list.is_empty(), Ordering::Release);
            }
        }
        Some(fault)
    }

    /// Waits until the next clear.
    async fn held(&self) {
        let mut released = self.released.subscribe();
        // The value seen now is the generation this request waits out.
        released.borrow_and_update();
        let _ = released.changed().await;
    }
}

fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The path relative to `/api`.
fn relative(path: &str) -> &str {
    path.strip_prefix("/api")
        .filter(|rest| rest.starts_with('/'))
        .unwrap_or(path)
}

/// `/api/testing/*` and `/api/health` always answer (relative to `/api`).
fn immune(path: &str) -> bool {
    path == "/health" || path == "/testing" || path.starts_with("/testing/")
}

fn error_status(status: u16) -> Result<StatusCode, String> {
    match StatusCode::from_u16(status) {
        Ok(code) if (400..=599).contains(&status) => Ok(code),
        _ => Err(format!("status {status} is not an error status (400-599)")),
    }
}

/// A named set of faults a request opts into with `X-Scenario`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Scenario {
    pub name: &'static str,
    /// What the scenario does, for people choosing one.
    pub description: &'static str,
    /// The routes it changes, as `METHOD /path` (relative to `/api`).
    pub routes: Vec<String>,
}

const USERS: &str = "/v1/customers/{customerId}/users";
const CUSTOMERS: &str = "/v1/customers";
const SUMMARY: &str = "/v1/customers/{customerId}/licensesummary";
const BATCH: &str = "/v1/customers/{customerId}/licenseupdates";
const SUBSCRIPTION: &str = "/v1/customers/{customerId}/subscriptions/{subscriptionId}";

/// What a scenario does to one route.
#[derive(Debug, Clone, Copy)]
enum Effect {
    Status(StatusCode),
    Hold,
    EmptyList,
    /// The batch fails for some users (see [`PartialFailure`]).
    PartialFailure,
}

struct ScenarioDefinition {
    name: &'static str,
    description: &'static str,
    effects: &'static [(Method, &'static str, Effect)],
}

/// Every scenario. Holds last until `DELETE /api/testing/faults` or a reset, like a held fault.
const SCENARIOS: &[ScenarioDefinition] = &[
    ScenarioDefinition {
        name: "customers-error",
        description: "The customer list answers 503 Service Unavailable.",
        effects: &[(Method::GET, CUSTOMERS, Effect::Status(StatusCode::SERVICE_UNAVAILABLE))],
    },
    ScenarioDefinition {
        name: "customers-loading",
        description: "The customer list never answers (held until the faults are cleared): its skeleton stays.",
        effects: &[(Method::GET, CUSTOMERS, Effect::Hold)],
    },
    ScenarioDefinition {
        name: "users-error",
        description: "A customer's user list answers 503 Service Unavailable.",
        effects: &[(Method::GET, USERS, Effect::Status(StatusCode::SERVICE_UNAVAILABLE))],
    },
    ScenarioDefinition {
        name: "users-loading",
        description: "A customer's user list never answers (held until the faults are cleared): the Users page's skeleton stays.",
        effects: &[(Method::GET, USERS, Effect::Hold)],
    },
    ScenarioDefinition {
        name: "manage-loading",
        description: "The license summary of the selected users never answers (held until the faults are cleared): Manage licenses' skeleton stays.",
        effects: &[(Method::POST, SUMMARY, Effect::Hold)],
    },
    ScenarioDefinition {
        name: "manage-error",
        description: "The license summary of the selected users answers 503 Service Unavailable: Manage licenses shows its error.",
        effects: &[(Method::POST, SUMMARY, Effect::Status(StatusCode::SERVICE_UNAVAILABLE))],
    },
    ScenarioDefinition {
        name: "save-partial-failure",
        description: "A license batch fails for some users: the first user given a product, and every other one after it, is refused for want of seats (another admin took them); the others are applied.",
        effects: &[(Method::POST, BATCH, Effect::PartialFailure)],
    },
    ScenarioDefinition {
        name: "save-error",
        description: "A license batch answers 503 Service Unavailable (nothing is applied).",
        effects: &[(Method::POST, BATCH, Effect::Status(StatusCode::SERVICE_UNAVAILABLE))],
    },
    ScenarioDefinition {
        name: "buy-more-error",
        description: "Changing a subscription's seat count answers 503 Service Unavailable.",
        effects: &[(Method::PATCH, SUBSCRIPTION, Effect::Status(StatusCode::SERVICE_UNAVAILABLE))],
    },
    ScenarioDefinition {
        name: "empty-tenant",
        description: "Every customer's user list is empty, as for a tenant without users.",
        effects: &[(Method::GET, USERS, Effect::EmptyList)],
    },
];

/// Every scenario, as `GET /api/testing/scenarios` lists them.
pub fn scenarios() -> Vec<Scenario> {
    SCENARIOS
        .iter()
        .map(|s| Scenario {
            name: s.name,
            description: s.description,
            routes: s
                .effects
                .iter()
                .map(|(method, path, _)| format!("{method} {path}"))
                .collect(),
        })
        .collect()
}

/// Marks a batch request of scenario `save-partial-failure`: the batch route refuses some of
/// its users (see `api::licenses`).
#[derive(Debug, Clone, Copy)]
pub struct PartialFailure;

/// A `Prefer` header's `code=` and `delay=`; other preferences are ignored (RFC 7240).
fn preferred(headers: &HeaderMap) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    for value in headers.get_all("prefer") {
        let text = value
            .to_str()
            .map_err(|_| Error::InvalidParameter("Prefer is not ASCII".to_owned()))?;
        for preference in text.split(',') {
            let token = preference.split(';').next().unwrap_or_default().trim();
            let Some((name, value)) = token.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"');
            match name.trim().to_ascii_lowercase().as_str() {
                "code" => {
                    let status = value
                        .parse::<u16>()
                        .map_err(|_| format!("Prefer: code={value} is not a status"))
                        .and_then(error_status)
                        .map_err(Error::InvalidParameter)?;
                    plan.status = Some(status);
                }
                "delay" => {
                    let ms = value
                        .parse::<u64>()
                        .ok()
                        .filter(|ms| *ms <= MAX_DELAY_MS)
                        .ok_or_else(|| {
                            Error::InvalidParameter(format!(
                                "Prefer: delay={value} is not 0 to {MAX_DELAY_MS} milliseconds"
                            ))
                        })?;
                    plan.delay = Some(Duration::from_millis(ms));
                }
                _ => {}
            }
        }
    }
    Ok(plan)
}

/// The scenario a request names, if any; an unknown name is a 400.
fn scenario_of(headers: &HeaderMap) -> Result<Option<&'static ScenarioDefinition>, Error> {
    let Some(value) = headers.get(SCENARIO_HEADER) else {
        return Ok(None);
    };
    let name = value.to_str().unwrap_or_default().trim();
    SCENARIOS
        .iter()
        .find(|s| s.name == name)
        .map(Some)
        .ok_or_else(|| {
            Error::InvalidParameter(format!(
                "X-Scenario: no scenario {name:?}; GET /api/testing/scenarios lists them"
            ))
        })
}

/// The middleware: works out the request's plan (a fault set earlier, its scenario, its own
/// `Prefer`, which wins), then carries it out around the route.
pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(path) = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| relative(p.as_str()).to_owned())
    else {
        return next.run(request).await;
    };
    if immune(&path) {
        return next.run(request).await;
    }
    let mut plan = Plan::default();
    if let Some(fault) = state.faults().take(request.method(), &path) {
        plan.delay = (fault.delay_ms > 0).then(|| Duration::from_millis(fault.delay_ms));
        plan.hold = fault.hold;
        plan.status = fault.status.and_then(|s| StatusCode::from_u16(s).ok());
    }
    match scenario_of(request.headers()) {
        Ok(Some(scenario)) => {
            let method = request.method().clone();
            for (_, _, effect) in scenario
                .effects
                .iter()
                .filter(|(m, p, _)| *m == method && *p == path)
            {
                match effect {
                    Effect::Status(status) => plan.status = Some(*status),
                    Effect::Hold => plan.hold = true,
                    Effect::EmptyList => plan.empty_list = true,
                    Effect::PartialFailure => {
                        request.extensions_mut().insert(PartialFailure);
                    }
                }
            }
        }
        Ok(None) => {}
        Err(error) => return error.into_response(),
    }
    match preferred(request.headers()) {
        Ok(own) => {
            plan.delay = own.delay.or(plan.delay);
            plan.status = own.status.or(plan.status);
        }
        Err(error) => return error.into_response(),
    }
    if let Some(delay) = plan.delay {
        tokio::time::sleep(delay).await;
    }
    if plan.hold {
        state.faults().held().await;
    }
    if let Some(status) = plan.status {
        return Error::Forced(status).into_response();
    }
    if plan.empty_list {
        return Json(Collection::<CustomerUser> {
            total_count: 0,
            items: Vec::new(),
            links: Default::default(),
            attributes: Default::default(),
        })
        .into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefer(value: &str) -> Result<Plan, Error> {
        let mut headers = HeaderMap::new();
        headers.insert("prefer", value.parse().unwrap());
        preferred(&headers)
    }

    #[test]
    fn prefer_reads_code_and_delay_and_ignores_other_preferences() {
        let plan = prefer("return=minimal, code=503, delay=20; x=1").unwrap();
        assert_eq!(plan.status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert_eq!(plan.delay, Some(Duration::from_millis(20)));
        assert_eq!(prefer("respond-async").unwrap(), Plan::default());
    }

    #[test]
    fn prefer_refuses_bad_values() {
        for bad in [
            "code=200",
            "code=abc",
            "code=600",
            "delay=-1",
            "delay=30001",
            "delay=x",
        ] {
            assert!(
                matches!(prefer(bad), Err(Error::InvalidParameter(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn testing_routes_and_health_are_immune() {
        assert!(immune(relative("/api/testing/faults")));
        assert!(immune(relative("/api/health")));
        assert!(!immune(relative("/api/v1/customers")));
        assert_eq!(relative("/v1/customers"), "/v1/customers");
    }

    #[test]
    fn every_scenario_names_served_routes() {
        let routes = crate::openapi::operations();
        for scenario in SCENARIOS {
            for (method, path, _) in scenario.effects {
                assert!(
                    routes
                        .iter()
                        .any(|(m, p)| m == method && relative(p) == *path),
                    "{}: {method} {path}",
                    scenario.name
                );
            }
        }
    }
}
