//! `Idempotency-Key` for the license-update routes: a client that retries a request it never saw
//! the answer to (a timeout, a dropped connection) gets the first answer again instead of a
//! second application.
//!
//! The first request with a key is applied and its answer (status and body, success or a
//! refusal) kept, per customer and key. The same key with the same request (same route and
//! user, same body once parsed) is answered from the store with `Idempotent-Replayed: true` and
//! changes nothing; the same key with another request is refused (422, code 1422). Lookup,
//! application and storing happen under the store's lock, so two identical requests racing with
//! one key apply once. Memory is bounded: the last [`MAX_KEYS`] keys, at most
//! [`MAX_STORED_BYTES`] of stored bodies; older keys are forgotten. Nothing is written to the
//! state file, and `POST /api/testing/reset` forgets every key.

use std::collections::{HashMap, VecDeque};

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;

/// The request header.
pub const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// The response header of an answer replayed from the store.
pub const IDEMPOTENT_REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");
/// Longest key accepted, in bytes (the header is visible ASCII).
pub const MAX_KEY_LEN: usize = 255;
/// How many keys are remembered.
pub const MAX_KEYS: usize = 10_000;
/// How many bytes of answers are remembered (a 10,000-user batch answers a few MiB).
pub const MAX_STORED_BYTES: usize = 64 << 20;

/// A request that may be answered once: its scope (customer and key) and what it asked.
pub struct Once {
    customer: String,
    key: String,
    fingerprint: [u8; 32],
}

impl Once {
    /// `key` from the header (if any) for a request to `route` with the parsed `body`.
    pub fn new(
        key: Option<String>,
        customer: &str,
        route: &str,
        body: &impl Serialize,
    ) -> Option<Once> {
        let key = key?;
        let mut hasher = Sha256::new();
        hasher.update(route.as_bytes());
        hasher.update([0]);
        // The parsed body, serialized again: the same request sent with other whitespace, key
        // order or key case is the same request.
        hasher.update(serde_json::to_vec(body).unwrap_or_default());
        Some(Once {
            customer: customer.to_owned(),
            key,
            fingerprint: hasher.finalize().into(),
        })
    }
}

/// An answer as sent: a status and a JSON body.
#[derive(Debug, Clone)]
pub struct Stored {
    pub status: StatusCode,
    pub body: Bytes,
}

impl Stored {
    pub fn json(status: StatusCode, value: &impl Serialize) -> Stored {
        // One user's answer is a few hundred bytes: one allocation instead of doubling from 128.
        let mut body = Vec::with_capacity(512);
        if serde_json::to_writer(&mut body, value).is_err() {
            body.clear();
        }
        Stored {
            status,
            body: Bytes::from(body),
        }
    }

    pub fn error(error: &Error) -> Stored {
        Stored::json(error.status_code(), &error.to_api_error())
    }
}

/// What a route answers: a stored answer, replayed or not.
pub struct Outcome {
    pub stored: Stored,
    pub replayed: bool,
}

impl IntoResponse for Outcome {
    fn into_response(self) -> Response {
        let mut response = (
            self.stored.status,
            [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            self.stored.body,
        )
            .into_response();
        if self.replayed {
            response
                .headers_mut()
                .insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
        }
        response
    }
}

struct Entry {
    fingerprint: [u8; 32],
    stored: Stored,
}

/// The remembered answers, oldest first.
#[derive(Default)]
pub struct Cache {
    entries: HashMap<(String, String), Entry>,
    order: VecDeque<(String, String)>,
    bytes: usize,
}

impl Cache {
    /// The answer kept for `once`'s key, if any; an error if the key was used for another
    /// request.
    pub fn replay(&self, once: &Once) -> Result<Option<Stored>, Error> {
        let scope = (once.customer.clone(), once.key.clone());
        match self.entries.get(&scope) {
            None => Ok(None),
            Some(entry) if entry.fingerprint == once.fingerprint => Ok(Some(entry.stored.clone())),
            Some(_) => Err(Error::IdempotencyKeyReused(once.key.clone())),
        }
    }

    /// Keeps the answer to `once`, forgetting the oldest answers beyond the bounds.
    pub fn keep(&mut self, once: Once, stored: Stored) {
        let scope = (once.customer, once.key);
        self.bytes += stored.body.len();
        let previous = self.entries.insert(
            scope.clone(),
            Entry {
                fingerprint: once.fingerprint,
                stored,
            },
        );
        if let Some(previous) = previous {
            // Not reached (a kept key is replayed, never applied again); stay consistent anyway.
            self.bytes -= previous.stored.body.len();
            self.order.retain(|kept| kept != &scope);
        }
        self.order.push_back(scope);
        while self.order.len() > MAX_KEYS || (self.bytes > MAX_STORED_BYTES && self.order.len() > 1)
        {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(entry) = self.entries.remove(&oldest) {
                self.bytes -= entry.stored.body.len();
            }
        }
    }

    pub fn clear(&mut self) {
        *self = Cache::default();
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The key from a header value: 1 to [`MAX_KEY_LEN`] visible ASCII characters.
pub fn parse_key(value: &HeaderValue) -> Result<String, Error> {
    let invalid = |why: &str| {
        Error::InvalidParameter(format!(
            "the Idempotency-Key header {why}; send 1 to {MAX_KEY_LEN} visible ASCII characters, \
             e.g. a UUID"
        ))
    };
    // `to_str` lets a tab through, which is no visible character (nor in the document's pattern).
    let key = value
        .to_str()
        .ok()
        .filter(|key| !key.contains('\t'))
        .ok_or_else(|| invalid("has characters other than visible ASCII"))?;
    if key.is_empty() {
        return Err(invalid("is empty"));
    }
    if key.len() > MAX_KEY_LEN {
        return Err(invalid(&format!("is {} characters long", key.len())));
    }
    Ok(key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn once(key: &str, body: &str) -> Once {
        Once::new(Some(key.to_owned()), "customer", "route", &body).unwrap()
    }

    fn answer(bytes: usize) -> Stored {
        Stored {
            status: StatusCode::OK,
            body: Bytes::from(vec![b'x'; bytes]),
        }
    }

    #[test]
    fn the_oldest_keys_are_forgotten_past_the_bound() {
        let mut cache = Cache::default();
        for n in 0..MAX_KEYS + 5 {
            cache.keep(once(&n.to_string(), "a"), answer(1));
        }
        assert_eq!(cache.len(), MAX_KEYS);
        assert!(cache.replay(&once("4", "a")).unwrap().is_none());
        assert!(cache.replay(&once("5", "a")).unwrap().is_some());
    }

    #[test]
    fn stored_bytes_are_bounded_too() {
        let mut cache = Cache::default();
        for n in 0..5 {
            cache.keep(once(&n.to_string(), "a"), answer(MAX_STORED_BYTES / 2));
        }
        assert_eq!(cache.len(), 2);
        assert!(cache.bytes <= MAX_STORED_BYTES);
    }

    #[test]
    fn a_key_replays_only_the_same_request() {
        let mut cache = Cache::default();
        cache.keep(once("k", "a"), answer(3));
        assert_eq!(
            cache.replay(&once("k", "a")).unwrap().unwrap().body.len(),
            3
        );
        assert!(matches!(
            cache.replay(&once("k", "b")),
            Err(Error::IdempotencyKeyReused(_))
        ));
    }

    #[test]
    fn keys_must_be_1_to_255_visible_ascii_characters() {
        assert!(parse_key(&HeaderValue::from_static("")).is_err());
        assert!(parse_key(&HeaderValue::try_from("k".repeat(256)).unwrap()).is_err());
        assert!(parse_key(&HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap()).is_err());
        assert!(parse_key(&HeaderValue::from_static("a\tb")).is_err());
        assert_eq!(
            parse_key(&HeaderValue::try_from("k".repeat(255)).unwrap()).unwrap(),
            "k".repeat(255)
        );
    }
}
