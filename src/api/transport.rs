//! How a request is sent and its answer read, whatever the call: the error every call can end
//! in, aborting on navigation, the testing scenario's header, and reading bytes, status and
//! error bodies. Not generic over the answer type but for `decode` (one copy for every call).

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::on_cleanup;
use licensing::contract;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::prefs;
use crate::ready::Busy;

/// Why a call failed, with what the UI needs to say so and offer the next step.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached (offline, server stopped, request aborted).
    #[error("network error: {0}")]
    Network(String),
    /// The server answered with an error in the Partner Center format (its English
    /// `description` is for logs: the app words the error from its code, `error_text`).
    #[error("HTTP {status}, code {}", body.code)]
    Server {
        status: u16,
        body: contract::ApiError,
    },
    /// An error status without the contract's error body (a gateway's or proxy's page).
    #[error("HTTP {0}")]
    Status(u16),
    /// The server answered something that is not the contract (a proxy page, a bug).
    #[error("unexpected response: {0}")]
    Decode(String),
}

impl ApiError {
    /// The Partner Center error body, when the server sent one.
    pub fn body(&self) -> Option<&contract::ApiError> {
        match self {
            ApiError::Server { body, .. } => Some(body),
            _ => None,
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// The header naming the testing scenario the tab runs under (`?scenario=`, `prefs::scenario`):
/// the mock server then forces that scenario's answers for this app's requests only.
const SCENARIO_HEADER: &str = "X-Scenario";

/// Ties a request to the current reactive owner (navigating away aborts it) and carries the
/// tab's testing scenario, if any.
pub(super) fn abortable(builder: RequestBuilder) -> RequestBuilder {
    let builder = match prefs::scenario() {
        Some(scenario) => builder.header(SCENARIO_HEADER, &scenario),
        None => builder,
    };
    let Ok(controller) = web_sys::AbortController::new() else {
        return builder;
    };
    let signal = controller.signal();
    let controller = SendWrapper::new(controller);
    on_cleanup(move || controller.abort());
    builder.abort_signal(Some(&signal))
}

/// A 2xx answer's bytes, or the error it carries. Not generic: every typed call shares this
/// code and only the parsing (`decode`) is built once per answer type.
async fn read(response: Response) -> ApiResult<Vec<u8>> {
    let status = response.status();
    // As bytes: a large answer is not turned into a JavaScript string and re-encoded.
    let bytes = response.binary().await;
    if (200..300).contains(&status) {
        return bytes.map_err(|e| ApiError::Network(e.to_string()));
    }
    match bytes.map(|bytes| serde_json::from_slice::<contract::ApiError>(&bytes)) {
        Ok(Ok(body)) => Err(ApiError::Server { status, body }),
        _ => Err(ApiError::Status(status)),
    }
}

pub(super) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> ApiResult<T> {
    serde_json::from_slice(bytes).map_err(|e| ApiError::Decode(e.to_string()))
}

pub(super) async fn send(request: Result<Request, gloo_net::Error>) -> ApiResult<Vec<u8>> {
    let request = request.map_err(|e| ApiError::Decode(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// Sends a JSON body and reads the answer's bytes (not generic, like `read`).
async fn send_body(builder: RequestBuilder, body: String) -> ApiResult<Vec<u8>> {
    // In flight until its answer is read (or the call is dropped): the screen is not ready.
    let _in_flight = Busy::start();
    let builder = abortable(builder).header("Content-Type", "application/json");
    send(builder.body(body)).await
}

pub(super) async fn send_json<B: Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
) -> ApiResult<T> {
    let body = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    decode(&send_body(builder, body).await?)
}
