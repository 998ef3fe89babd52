//! The OpenAPI document, generated: the schemas from the contract types (`licensing`'s
//! `openapi` feature), each operation from its handler's `#[utoipa::path]`, and the routes
//! from the very router that serves them, so the document and the server cannot disagree.
//!
//! The error answers every operation shares are written once here, as response sets.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::body::Bytes;
use axum::http::Method;
use licensing::catalogue::Catalogue;
use licensing::contract::{
    ApiError, CapabilityStatus, LicenseError, LicenseRules, ProductSku, Role, SubscribedSku,
};
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    ContentBuilder, InfoBuilder, ObjectBuilder, OpenApi, Ref, RefOr, Response, SecurityRequirement,
    Server, Type,
};
use utoipa::{IntoResponses, PartialSchema, ToSchema};
use utoipa_axum::router::OpenApiRouter;

use crate::api;
use crate::app::API_PREFIX;
use crate::describe::refusal;
use crate::error::Error;

/// The scheme every signed-in operation names.
const BEARER: &str = "bearerAuth";

/// The document, as served at `/api/v1/openapi.json`.
pub fn document() -> OpenApi {
    let mut document = OpenApiRouter::with_openapi(base())
        .nest(API_PREFIX, api::routes())
        .into_openapi();
    document.servers = Some(vec![Server::new("/")]);
    let components = document.components.get_or_insert_with(Default::default);
    // The error answers below refer to `ApiError`, which no handler names as its body.
    let mut schemas = vec![(ApiError::name().into_owned(), ApiError::schema())];
    ApiError::schemas(&mut schemas);
    components.schemas.extend(schemas);
    components.add_security_scheme(
        BEARER,
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some("The token from POST /api/v1/session."))
                .build(),
        ),
    );
    document.security = Some(vec![SecurityRequirement::new(BEARER, Vec::<String>::new())]);
    mark_replayable_answers(&mut document);
    document
}

/// An answer kept for an `Idempotency-Key` (a success, or a refusal of the change itself: 400 or
/// 404) may come again, marked with `Idempotent-Replayed: true`.
fn mark_replayable_answers(document: &mut OpenApi) {
    let replayed = HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["true"])),
        )
        .description(Some(
            "`true` when this answer was replayed for a repeated `Idempotency-Key` (nothing was \
             applied again); absent otherwise.",
        ))
        .build();
    for item in document.paths.paths.values_mut() {
        for operation in [&mut item.post, &mut item.patch].into_iter().flatten() {
            let idempotent = operation.parameters.iter().flatten().any(|parameter| {
                parameter.name == "Idempotency-Key" && parameter.parameter_in == ParameterIn::Header
            });
            if !idempotent {
                continue;
            }
            for (status, response) in &mut operation.responses.responses {
                let kept = status.starts_with('2') || status == "400" || status == "404";
                if let (true, RefOr::T(response)) = (kept, response) {
                    response
                        .headers
                        .insert("Idempotent-Replayed".to_owned(), replayed.clone());
                }
            }
        }
    }
}

fn base() -> OpenApi {
    let mut document = OpenApi::default();
    document.info = InfoBuilder::new()
        .title("Mock Partner Center licensing API")
        .version("1.0.0")
        .description(Some(
            "The subset of Partner Center v1 that the \"Users and licenses\" workflow uses, plus \
             documented mock extensions (license rules on products, who-holds-a-product, batch \
             updates, a license summary, typed errors, Idempotency-Key). Responses are \
             camelCase; requests also accept the PascalCase keys the Partner Center \
             documentation shows, and refuse unknown keys.\n\n\
             Every error is Partner Center's body (`ApiError`): `code`, `description`, `data`, \
             `source`, and for a license rule `kind` and a typed `detail`.",
        ))
        .build();
    document
}

/// The document serialized once, for the route that serves it.
pub static DOCUMENT_JSON: LazyLock<Bytes> = LazyLock::new(|| {
    // The document is plain data: strings, maps and numbers.
    Bytes::from(serde_json::to_vec(&document()).expect("the OpenAPI document serializes"))
});

/// Every method and full path the document describes (and so the router serves), e.g.
/// `(GET, "/api/v1/customers")`.
pub fn operations() -> Vec<(Method, String)> {
    document()
        .paths
        .paths
        .iter()
        .flat_map(|(path, item)| {
            operations_of(item)
                .into_iter()
                .map(move |(method, _)| (method, path.clone()))
        })
        .collect()
}

fn operations_of(item: &utoipa::openapi::PathItem) -> Vec<(Method, &Operation)> {
    [
        (Method::GET, &item.get),
        (Method::POST, &item.post),
        (Method::PATCH, &item.patch),
        (Method::PUT, &item.put),
        (Method::DELETE, &item.delete),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.as_ref().map(|op| (method, op)))
    .collect()
}

/// An answer in the API's error format, with `example`'s body as its example.
fn error(description: &str, example: &Error) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(ApiError::name())))
                .example(serde_json::to_value(example.to_api_error()).ok())
                .build(),
        )
        .build()
        .into()
}

/// Error answers by status: the description and the error that answers so.
fn responses(list: &[(&str, &str, Error)]) -> BTreeMap<String, RefOr<Response>> {
    list.iter()
        .map(|(status, description, example)| ((*status).to_owned(), error(description, example)))
        .collect()
}

/// The errors of any signed-in route.
pub struct SignedIn;

impl IntoResponses for SignedIn {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[(
            "401",
            "Not signed in: no `Authorization: Bearer` token, or an unknown one (1401).",
            Error::Unauthorized,
        )])
    }
}

/// The errors of a route that manages users, licenses or subscriptions.
pub struct Managing;

impl IntoResponses for Managing {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut all = SignedIn::responses();
        all.extend(responses(&[(
            "403",
            "The role may not manage users, licenses or subscriptions (2032).",
            Error::Forbidden(Role::BillingAdmin),
        )]));
        all
    }
}

/// The errors of reading a JSON body of up to 1 MiB.
pub struct ReadsJson;

impl IntoResponses for ReadsJson {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (
                "413",
                "The body is over 1 MiB (1413).",
                Error::PayloadTooLarge,
            ),
            (
                "415",
                "The body is not sent as JSON (1415).",
                Error::UnsupportedMediaType,
            ),
        ])
    }
}

/// The errors of reading the batch-sized JSON body (8 MiB).
pub struct ReadsLargeJson;

impl IntoResponses for ReadsLargeJson {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[
            (
                "413",
                "The body is over 8 MiB (1413).",
                Error::PayloadTooLarge,
            ),
            (
                "415",
                "The body is not sent as JSON (1415).",
                Error::UnsupportedMediaType,
            ),
        ])
    }
}

/// The errors of a route that honours `Idempotency-Key`.
pub struct Idempotent;

impl IntoResponses for Idempotent {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses(&[(
            "422",
            "The Idempotency-Key was already used for another request (1422).",
            Error::IdempotencyKeyReused(IDEMPOTENCY_KEY_EXAMPLE.to_owned()),
        )])
    }
}

/// A key as a client would make one: a UUID.
const IDEMPOTENCY_KEY_EXAMPLE: &str = "0d5e2b9c-7a41-4f3e-9c8d-2f6b1a7e4c55";

/// [`IDEMPOTENCY_KEY_EXAMPLE`] for the header's parameter.
pub fn idempotency_key_example() -> serde_json::Value {
    IDEMPOTENCY_KEY_EXAMPLE.into()
}

/// A refusal by a license rule, as the license-update routes answer it: Office 365 E3 is short
/// of seats.
pub fn refusal_example() -> serde_json::Value {
    let e3 = SubscribedSku::new(
        ProductSku {
            id: "62079124-8a0f-55fe-b693-5a6d0e61ed59".to_owned(),
            name: "Office 365 E3".to_owned(),
            sku_part_number: "ENTERPRISEPACK".to_owned(),
            target_type: "User".to_owned(),
            license_group_id: "group1".to_owned(),
        },
        Vec::new(),
        LicenseRules::default(),
        CapabilityStatus::Enabled,
        25,
        24,
    );
    let short = LicenseError::NotEnoughSeats {
        sku_id: e3.sku_id().to_owned(),
        requested: 3,
        available: e3.available_units,
        short_by: 3 - e3.available_units,
    };
    serde_json::to_value(refusal(&[short], &Catalogue::new(vec![e3]))).unwrap_or_default()
}

/// A percent-decoded path segment; a malformed one is refused (1002).
pub const BAD_PARAMETER: &str = "A malformed parameter (1002).";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paging::MAX_PAGE_SIZE;

    #[test]
    fn every_operation_is_named_after_its_handler_and_signed_in_unless_open() {
        let document = document();
        let mut seen = 0;
        for item in document.paths.paths.values() {
            for (_, operation) in operations_of(item) {
                let id = operation.operation_id.as_deref().unwrap_or_default();
                assert!(id.contains('_'), "{id}: handlers are <resource>_<verb>");
                // `security: [{}]` opts out of the document's bearer token.
                let open = operation.security.as_ref().is_some_and(|requirements| {
                    serde_json::to_value(requirements).unwrap() == serde_json::json!([{}])
                });
                let says_401 = operation.responses.responses.contains_key("401");
                assert_eq!(
                    !open, says_401,
                    "{id}: signed in exactly when it can answer 401"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, operations().len());
    }

    #[test]
    fn every_documented_page_size_bound_is_the_one_the_server_enforces() {
        let document = serde_json::to_value(document()).unwrap();
        let mut lists = 0;
        for item in document["paths"].as_object().unwrap().values() {
            let parameters = item["get"]["parameters"].as_array().into_iter().flatten();
            for size in parameters.filter(|p| p["name"] == "size") {
                assert_eq!(size["schema"]["minimum"], 1);
                assert_eq!(size["schema"]["maximum"], MAX_PAGE_SIZE);
                lists += 1;
            }
        }
        assert_eq!(lists, 3, "customers, users and a product's holders");
    }
}
