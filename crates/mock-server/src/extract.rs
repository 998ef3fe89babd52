//! Extractors that keep bad input in the API's error format: axum's own rejections answer in
//! plain text, these answer with [`Error`]. Also the two sign-in extractors.

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::Json;
use licensing::contract::Session;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::idempotency::{parse_key, IDEMPOTENCY_KEY};
use crate::state::AppState;

/// A JSON body; malformed JSON, wrong types, unknown fields and oversize bodies become
/// [`Error`]s.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(request: Request, state: &S) -> Result<Self, Error> {
        let Json(value) = Json::<T>::from_request(request, state).await?;
        Ok(ApiJson(value))
    }
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
pub struct Caller(pub Session);

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(Error::Unauthorized)?;
        state.session(token).map(Caller).ok_or(Error::Unauthorized)
    }
}

/// A signed-in partner user whose role may manage users, licenses and subscriptions.
pub struct Manager;

impl FromRequestParts<AppState> for Manager {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Error> {
        let Caller(session) = Caller::from_request_parts(parts, state).await?;
        if session.role.can_manage_licenses() {
            Ok(Manager)
        } else {
            Err(Error::Forbidden(session.role))
        }
    }
}

/// The optional `Idempotency-Key` header (see [`crate::idempotency`]); a malformed one, or more
/// than one, is refused (400, code 1002).
pub struct IdempotencyKey(pub Option<String>);

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
