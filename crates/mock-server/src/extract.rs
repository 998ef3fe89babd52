//! Extractors that keep bad input in the API's error format: axum's own rejections answer in
//! plain text, these answer with [`Error`]. Also the two sign-in extractors.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;
use utoipa::IntoParams;

use crate::error::Error;
use crate::idempotency::{parse_key, IDEMPOTENCY_KEY};
use crate::openapi::idempotency_key_example;
use crate::state::AppState;

/// A JSON object body; malformed JSON, wrong types, unknown fields, a top-level value other
/// than an object, a missing or other content type and oversize bodies become [`Error`]s.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        if !is_json(request.headers()) {
            return Err(Error::UnsupportedMediaType);
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge,
                    _ => Error::InvalidBody(rejection.body_text()),
                })?;
        // serde reads a struct from an array too (`[]` would be an empty update): every body of
        // this API is an object.
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b != b'{') {
            return Err(Error::InvalidBody("send a JSON object, `{...}`".to_owned()));
        }
        // serde_json straight away; axum's `Json` (which tracks the path to a bad field, at a
        // cost on every body) only to word the error of a body that fails.
        match serde_json::from_slice(&bytes) {
            Ok(value) => Ok(ApiJson(value)),
            Err(_) => {
                let Json(value) = Json::<T>::from_bytes(&bytes)?;
                Ok(ApiJson(value))
            }
        }
    }
}

/// [`ApiJson`] for a route that takes bodies of up to `LIMIT` bytes instead of the API's usual
/// limit. The limit is set on the request here, exactly as a `DefaultBodyLimit::max(LIMIT)`
/// layer on the route would set it, without the layer: each layer on a route is another boxed
/// service cloned and called on every request, which the busiest route (the batch) paid for.
pub struct ApiJsonUpTo<T, const LIMIT: usize>(pub T);

impl<T, S, const LIMIT: usize> FromRequest<S> for ApiJsonUpTo<T, LIMIT>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(mut request: Request, state: &S) -> Result<Self, Error> {
        DefaultBodyLimit::max(LIMIT).apply(&mut request);
        let ApiJson(value) = ApiJson::from_request(request, state).await?;
        Ok(ApiJsonUpTo(value))
    }
}

/// `Content-Type: application/json`, or another JSON type (`application/problem+json`), as axum's
/// own `Json` accepts.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(content_type) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    // Compared without letter case, in place: no lowercased copy of the header on every call.
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let essence = essence.as_bytes();
    let prefix = b"application/";
    if essence.len() < prefix.len() || !essence[..prefix.len()].eq_ignore_ascii_case(prefix) {
        return false;
    }
    let subtype = &essence[prefix.len()..];
    subtype.eq_ignore_ascii_case(b"json")
        || (subtype.len() >= 5 && subtype[subtype.len() - 5..].eq_ignore_ascii_case(b"+json"))
}

/// Query parameters, refused in the API's format when malformed.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        Ok(ApiQuery(value))
    }
}

/// Path parameters, refused in the API's format when malformed (e.g. bad percent-encoding).
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Error> {
        let Path(value) = Path::<T>::from_request_parts(parts, state).await?;
        Ok(ApiPath(value))
    }
}

/// Any signed-in partner user. Put it first among a handler's arguments so that a missing
/// sign-in is reported before anything wrong with the request.
pub struct Caller;

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let token = bearer_token(parts)?;
        state
            .session_role(token)
            .map(|_| Caller)
            .ok_or(Error::Unauthorized)
    }
}

/// The token of `Authorization: Bearer <token>`.
fn bearer_token(parts: &Parts) -> Result<&str, Error> {
    parts
        .headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or(Error::Unauthorized)
}

/// A signed-in partner user whose role may manage users, licenses and subscriptions.
pub struct Manager;

impl FromRequestParts<AppState> for Manager {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        // Only the role is needed: no copy of the session on every call.
        let role = state
            .session_role(bearer_token(parts)?)
            .ok_or(Error::Unauthorized)?;
        if role.can_manage_licenses() {
            Ok(Manager)
        } else {
            Err(Error::Forbidden(role))
        }
    }
}

/// The optional `Idempotency-Key` header (see [`crate::idempotency`]); a malformed one, or more
/// than one, is refused (400, code 1002). The OpenAPI document describes the header from here.
#[derive(IntoParams)]
#[into_params(names("Idempotency-Key"), parameter_in = Header)]
pub struct IdempotencyKey(
    /// Mock extension (as in the IETF Idempotency-Key draft): 1 to 255 visible ASCII characters,
    /// e.g. a UUID, unique per request. The first request with a key is applied and its answer
    /// (status and body, success or refusal) kept per customer and key; the same key with the
    /// same request (route, user and body as parsed, so key case and whitespace don't matter)
    /// gets that answer again, with `Idempotent-Replayed: true`, and changes nothing. The same
    /// key with another request is refused (422, code 1422). The server remembers the last
    /// 10,000 keys (at most 64 MiB of answers), in memory only; POST /api/testing/reset forgets
    /// them all.
    #[param(
        nullable = false,
        example = idempotency_key_example,
        min_length = 1,
        max_length = 255,
        pattern = "^[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?$"
    )]
    pub Option<String>,
);

impl<S> FromRequestParts<S> for IdempotencyKey
where
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        let mut values = parts.headers.get_all(IDEMPOTENCY_KEY).iter();
        let Some(value) = values.next() else {
            return Ok(IdempotencyKey(None));
        };
        if values.next().is_some() {
            return Err(Error::InvalidParameter(
                "send one Idempotency-Key header, not several".to_owned(),
            ));
        }
        parse_key(value).map(|key| IdempotencyKey(Some(key)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    /// The check as first written, lowercasing a copy.
    fn is_json_by_lowercasing(headers: &HeaderMap) -> bool {
        let Some(content_type) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
            return false;
        };
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        essence
            .strip_prefix("application/")
            .is_some_and(|subtype| subtype == "json" || subtype.ends_with("+json"))
    }

    #[test]
    fn json_content_types_are_recognised_in_any_letter_case() {
        let types = [
            "application/json",
            "Application/JSON",
            "application/json; charset=utf-8",
            "  application/json  ;x",
            "application/problem+json",
            "APPLICATION/PROBLEM+JSON",
            "application/+json",
            "application/json+x",
            "application/jsonx",
            "application/",
            "application",
            "applicatio/json",
            "text/json",
            "json",
            "+json",
            "",
            ";application/json",
            "application/ json",
            "application/x-ndjson",
            "application/vnd.api+json;v=1",
            "applicatioñ/json",
            "application/jsoñ",
            "application/ñ+json",
        ];
        for content_type in types {
            let mut headers = HeaderMap::new();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_bytes(content_type.as_bytes()).unwrap(),
            );
            assert_eq!(
                is_json(&headers),
                is_json_by_lowercasing(&headers),
                "{content_type:?}"
            );
        }
        assert!(!is_json(&HeaderMap::new()));
    }
}
