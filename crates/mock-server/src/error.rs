//! The one error type of the API. Every failure becomes Partner Center's error body
//! (`{code, description, data, source}`), never a bare status or a panic.
//!
//! | HTTP | code  | when |
//! |------|-------|------|
//! | 400  | 1001  | body is not valid JSON, has a wrong type, a missing or an unknown field |
//! | 400  | 1002  | a query, path or header parameter is malformed or out of range |
//! | 400  | 1003  | batch: more than 10,000 updates, or one user listed twice |
//! | 400  | 600xx | a license rule refused the change (see `licensing::contract::LicenseError`) |
//! | 401  | 1401  | no `Authorization: Bearer` token, or an unknown one |
//! | 403  | 2032  | the role may not manage users, licenses or subscriptions |
//! | 404  | 60002 | user not found |
//! | 404  | 60003 | customer not found |
//! | 404  | 60004 | subscription not found |
//! | 404  | 60005 | product (SKU) not found |
//! | 404  | 1404  | no such API route |
//! | 405  | 1405  | the route exists, the method doesn't |
//! | 413  | 1413  | body over the limit (1 MiB; 8 MiB for the batch) |
//! | 415  | 1415  | body without `Content-Type: application/json` |
//! | 422  | 1422  | an `Idempotency-Key` already used for another request |
//! | 500  | 1500  | the change was applied but the state file could not be written |
//! | 4xx/5xx | 1000 + status | forced by a testing fault, scenario or `Prefer: code=` (`faults`) |

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use licensing::catalogue::Catalogue;
use licensing::contract::{ApiError, LicenseError, Role};

use crate::describe::refusal;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Sign in first: send the session token as `Authorization: Bearer <token>`.")]
    Unauthorized,
    #[error("The {} role can't manage users, licenses or subscriptions. Ask an admin agent, global admin, helpdesk agent, sales agent or user management admin.", .0.as_str())]
    Forbidden(Role),
    #[error("User {0} was not found. Refresh the list, then try again.")]
    UserNotFound(String),
    #[error("Customer {0} was not found. Go back to the customer list and choose another.")]
    CustomerNotFound(String),
    #[error("Subscription {0} was not found. Refresh the page, then try again.")]
    SubscriptionNotFound(String),
    #[error("Product {0} was not found for this customer. Refresh the page, then try again.")]
    SkuNotFound(String),
    #[error("No API route {0}. See /api/v1/openapi.json for the routes.")]
    RouteNotFound(String),
    #[error("This route doesn't accept that method. See /api/v1/openapi.json for the routes.")]
    MethodNotAllowed,
    #[error("The request body is not valid: {0}")]
    InvalidBody(String),
    #[error("A parameter is not valid: {0}")]
    InvalidParameter(String),
    #[error("The batch is not valid: {0}")]
    InvalidBatch(String),
    #[error("The request body is too large.")]
    PayloadTooLarge,
    #[error("Send the body as JSON, with `Content-Type: application/json`.")]
    UnsupportedMediaType,
    #[error("The Idempotency-Key {0:?} was already used for another request. Send a new key for a new request, or the same request again to get its first answer.")]
    IdempotencyKeyReused(String),
    /// A license rule refused the change; the body is already in the API's shape (boxed: it
    /// is by far the largest variant).
    #[error("{0}")]
    Rejected(Box<ApiError>),
    #[error("The change was applied but could not be saved to the state file.")]
    Persist(#[source] std::io::Error),
    /// A testing fault, scenario or `Prefer: code=` asked for this status.
    #[error("Forced answer {0} from a testing fault (see /api/testing/faults).")]
    Forced(StatusCode),
}

impl Error {
    pub fn status_code(&self) -> StatusCode {
        match self {
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::UserNotFound(_)
            | Error::CustomerNotFound(_)
            | Error::SubscriptionNotFound(_)
            | Error::SkuNotFound(_)
            | Error::RouteNotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::InvalidBody(_)
            | Error::InvalidParameter(_)
            | Error::InvalidBatch(_)
            | Error::Rejected(_) => StatusCode::BAD_REQUEST,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::IdempotencyKeyReused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Persist(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Error::Forced(status) => *status,
        }
    }

    pub fn code(&self) -> i32 {
        match self {
            Error::Unauthorized => 1401,
            Error::Forbidden(_) => 2032,
            Error::UserNotFound(_) => 60002,
            Error::CustomerNotFound(_) => 60003,
            Error::SubscriptionNotFound(_) => 60004,
            Error::SkuNotFound(_) => 60005,
            Error::RouteNotFound(_) => 1404,
            Error::MethodNotAllowed => 1405,
            Error::InvalidBody(_) => 1001,
            Error::InvalidParameter(_) => 1002,
            Error::InvalidBatch(_) => 1003,
            Error::PayloadTooLarge => 1413,
            Error::UnsupportedMediaType => 1415,
            Error::IdempotencyKeyReused(_) => 1422,
            Error::Rejected(error) => error.code,
            Error::Persist(_) => 1500,
            Error::Forced(status) => 1000 + i32::from(status.as_u16()),
        }
    }

    /// The body: Partner Center's shape, with the description a person can act on.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            Error::Rejected(error) => (**error).clone(),
            other => ApiError::new(other.code(), other.to_string()),
        }
    }
}

impl Error {
    /// The license rules' refusal, with product names from `skus` in the sentences.
    pub fn refused(errors: &[LicenseError], skus: &Catalogue) -> Error {
        Error::Rejected(Box::new(refusal(errors, skus)))
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::Persist(source) = &self {
            // The cause stays in the server log; the client only learns the change wasn't saved.
            tracing::error!(%source, "could not write the state file");
        }
        let mut response = (self.status_code(), Json(self.to_api_error())).into_response();
        if matches!(self, Error::Unauthorized) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<JsonRejection> for Error {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType,
            _ => Error::InvalidBody(rejection.body_text()),
        }
    }
}

impl From<QueryRejection> for Error {
    fn from(rejection: QueryRejection) -> Self {
        Error::InvalidParameter(rejection.body_text())
    }
}

impl From<PathRejection> for Error {
    fn from(rejection: PathRejection) -> Self {
        Error::InvalidParameter(rejection.body_text())
    }
}
