use std::collections::HashSet;

use axum::extract::State;
use axum::Json;
use licensing::contract::{ApiError, Collection, CustomerUser, UserPatch};
use licensing::rules::check_usage_location_change;
use serde::Deserialize;
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::{CustomerPath, UserPath};
use crate::error::Error;
use crate::extract::{ApiJson, ApiPath, ApiQuery, Manager};
use crate::json::JsonBody;
use crate::openapi::{Managing, ReadsJson};
use crate::paging::{encode, paginate_range, with_query, PageRequest};
use crate::state::AppState;
use crate::store::Tenant;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::default()
        .routes(routes!(users_list))
        .routes(routes!(users_update))
}

/// The parameters of a user list (all users, or the holders of a product).
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Users per page (25 when left out).
    #[param(minimum = 1, maximum = 500)]
    size: Option<u32>,
    /// The page, from 1.
    #[param(minimum = 1)]
    page: Option<u32>,
    /// Part of the display name or user principal name, any letter case.
    filter: Option<String>,
    /// The order (display name when left out), letter case ignored, the id breaking ties.
    #[param(inline)]
    sort_field: Option<SortField>,
    #[param(inline)]
    sort_direction: Option<SortDirection>,
    /// Comma-separated user ids: only these users (the "Selected users" view). Present but
    /// empty means nobody.
    ids: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
enum SortField {
    DisplayName,
    UserPrincipalName,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
enum SortDirection {
    Ascending,
    Descending,
}

impl UserQuery {
    /// One page of the tenant's users that pass `keep` (all without it) and the query's
    /// filters, sorted case-insensitively with the id as tiebreak. `path` is the list's own
    /// address, for links. Each user is in its JSON form ([`Tenant::user_json`]).
    pub fn page_of<'t>(
        &self,
        tenant: &'t Tenant,
        path: &str,
        keep: Option<&dyn Fn(&CustomerUser) -> bool>,
    ) -> Result<Collection<&'t RawValue>, Error> {
        let request = PageRequest::new(self.size, self.page)?;
        let filter = self.filter.as_deref().map(str::trim).unwrap_or_default();
        let needle = filter.to_lowercase();
        let ids: Option<HashSet<&str>> = self.ids.as_deref().map(|ids| {
            ids.split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect()
        });
        // Every user in the stored (display-name) order: a page is a slice, nothing is gathered.
        let everyone = ids.is_none()
            && keep.is_none()
            && needle.is_empty()
            && self.sort_field != Some(SortField::UserPrincipalName);
        let users = tenant.users();
        // Positions in `users`.
        let mut matching: Vec<usize> = if everyone {
            Vec::new()
        } else {
            users
                .iter()
                .enumerate()
                .filter(|(_, user)| {
                    ids.as_ref()
                        .is_none_or(|ids| ids.contains(user.id.as_str()))
                })
                .filter(|(_, user)| keep.is_none_or(|keep| keep(user)))
                .filter(|(_, user)| {
                    needle.is_empty()
                        || user.display_name.to_lowercase().contains(&needle)
                        || user.user_principal_name.to_lowercase().contains(&needle)
                })
                .map(|(position, _)| position)
                .collect()
        };
        // The tenant keeps users in display-name order already.
        if self.sort_field == Some(SortField::UserPrincipalName) {
            matching.sort_by_cached_key(|&i| {
                let user = &users[i];
                (user.user_principal_name.to_lowercase(), user.id.clone())
            });
        }
        if self.sort_direction == Some(SortDirection::Descending) {
            matching.reverse();
        }

        let size = request.size.to_string();
        let sort_field = self.sort_field.map(|field| match field {
            SortField::DisplayName => "displayName",
            SortField::UserPrincipalName => "userPrincipalName",
        });
        let sort_direction = self.sort_direction.map(|direction| match direction {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        });
        let uri = |page: u32| {
            let page = page.to_string();
            with_query(
                path,
                &[
                    ("size", Some(&size)),
                    ("page", Some(&page)),
                    ("filter", (!filter.is_empty()).then_some(filter)),
                    ("sortField", sort_field),
                    ("sortDirection", sort_direction),
                    ("ids", self.ids.as_deref()),
                ],
            )
        };
        if everyone {
            let descending = self.sort_direction == Some(SortDirection::Descending);
            return paginate_range(users.len(), request, uri, |range| {
                range
                    .map(|i| if descending { users.len() - 1 - i } else { i })
                    .map(|i| tenant.user_json(i))
                    .collect()
            });
        }
        paginate_range(matching.len(), request, uri, |range| {
            matching[range]
                .iter()
                .map(|&i| tenant.user_json(i))
                .collect()
        })
    }
}

/// A customer's users, a page at a time, each with the licenses the user holds.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/users",
    params(CustomerPath, UserQuery),
    responses(
        (status = 200, description = "A page of users.", body = Collection<CustomerUser>),
        (status = 400, description = "A malformed or unknown parameter, a size outside 1-500, or a page past the last (1002).", body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
    )
)]
async fn users_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
    ApiQuery(query): ApiQuery<UserQuery>,
) -> Result<JsonBody, Error> {
    let path = format!("/api/v1/customers/{}/users", encode(&customer_id));
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        query
            .page_of(tenant, &path, None)
            .map(|page| JsonBody::page(&page))
    })
}

/// Sets a user's usage location; refused if a product the user holds is prohibited there.
#[utoipa::path(
    patch,
    path = "/v1/customers/{customerId}/users/{userId}",
    params(
        UserPath,
    ),
    request_body = UserPatch,
    responses(
        (status = 200, description = "The user, with the new usage location.", body = CustomerUser),
        (status = 400, description = "An invalid body (1001) or parameter (1002); not a country code (60040); a held product is prohibited there (60034).", body = ApiError),
        (status = 404, description = "No such customer (60003) or user (60002).", body = ApiError),
        Managing,
        ReadsJson,
    )
)]
async fn users_update(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(UserPath {
        customer_id,
        user_id,
    }): ApiPath<UserPath>,
    ApiJson(patch): ApiJson<UserPatch>,
) -> Result<Json<CustomerUser>, Error> {
    state
        .persist(|store| {
            let tenant = store.tenant_mut(&customer_id)?;
            let skus = tenant.catalogue();
            let code =
                check_usage_location_change(tenant.user(&user_id)?, &patch.usage_location, skus)
                    .map_err(|errors| Error::refused(&errors, skus))?;
            let user = tenant.user_mut(&user_id)?;
            user.usage_location = Some(code.to_owned());
            Ok(Json(user.clone()))
        })
        .await
}
