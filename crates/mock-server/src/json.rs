//! A JSON answer serialized on the spot, from borrowed data: a list handler serializes its
//! page under the store's read lock instead of cloning the items out to serialize later.

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use licensing::contract::Collection;
use serde::Serialize;

/// Room for a page's links and counts, and for one item (a user is 300-500 bytes).
const PAGE_ROOM: usize = 1024;
const ITEM_ROOM: usize = 512;

/// The serialized body, answered as `axum::Json` would answer the value.
pub struct JsonBody(Result<Bytes, serde_json::Error>);

impl JsonBody {
    /// `value` as JSON; `size_hint` is the expected length in bytes, so the buffer is allocated
    /// once instead of doubling its way up (each step a copy).
    pub fn new(value: &impl Serialize, size_hint: usize) -> JsonBody {
        let mut bytes = Vec::with_capacity(size_hint);
        JsonBody(serde_json::to_writer(&mut bytes, value).map(|()| Bytes::from(bytes)))
    }

    /// A page of a list, its items borrowed.
    pub fn page<T: Serialize + ?Sized>(page: &Collection<&T>) -> JsonBody {
        JsonBody::new(page, PAGE_ROOM + ITEM_ROOM * page.items.len())
    }
}

impl IntoResponse for JsonBody {
    fn into_response(self) -> Response {
        match self.0 {
            Ok(bytes) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                bytes,
            )
                .into_response(),
            // As `axum::Json` answers a value that can't be serialized (none of this API's can).
            Err(error) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/plain; charset=utf-8"),
                )],
                error.to_string(),
            )
                .into_response(),
        }
    }
}
