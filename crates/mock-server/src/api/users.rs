use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::Json;
use licensing::contract::{ApiError, Collection, CustomerUser, UserPatch};
use licensing::rules::check_usage_location_change;
use licensing::user_filter::{parse_timestamp, UserFilter};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::api::ids::{CustomerPath, UserPath};
use crate::error::Error;
use crate::extract::{ApiJson, ApiPath, Manager};
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
    /// The order (display name when left out), letter case ignored, the id breaking ties; by last
    /// sign-in, users who never signed in come first, ties in display-name order.
    #[param(inline)]
    sort_field: Option<SortField>,
    /// `asc` and `desc` are read as `ascending` and `descending`.
    #[param(inline)]
    sort_direction: Option<SortDirection>,
    /// Comma-separated user ids: only these users (the "Selected users" view). Present but
    /// empty means nobody.
    ids: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub enum SortField {
    #[default]
    DisplayName,
    UserPrincipalName,
    LastSignInDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
enum SortDirection {
    #[serde(alias = "asc")]
    Ascending,
    #[serde(alias = "desc")]
    Descending,
}

impl SortField {
    fn as_str(self) -> &'static str {
        match self {
            SortField::DisplayName => "displayName",
            SortField::UserPrincipalName => "userPrincipalName",
            SortField::LastSignInDateTime => "lastSignInDateTime",
        }
    }
}

/// A users query's filters ([`UserFilter`], repeatable `hasSku`/`lacksSku` included, which
/// axum's `Query` can't read) and its other parameters (`Q`, e.g. paging, search and order in
/// [`UserQuery`]). Unknown parameters and bad values are refused in the API's format, naming the
/// parameter.
pub struct FilteredQuery<Q> {
    pub query: Q,
    pub filter: UserFilter,
}

impl<Q: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for FilteredQuery<Q> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Error> {
        let text = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(text).map_err(|e| {
            Error::InvalidParameter(format!("Failed to read the query string: {e}"))
        })?;
        let mut filter = UserFilter::default();
        let mut rest = Vec::new();
        for (name, value) in pairs {
            let taken = filter
                .read_param(&name, &value)
                .map_err(|e| Error::InvalidParameter(e.to_string()))?;
            if !taken {
                rest.push((name, value));
            }
        }
        // The other parameters as axum's `Query` reads them (one of each; unknown ones refused).
        let encoded = serde_urlencoded::to_string(&rest).unwrap_or_default();
        let query = serde_urlencoded::from_str(&encoded).map_err(|error| {
            // serde names a bad value's type, not its parameter: find the parameter alone.
            let named = rest.iter().find_map(|pair| {
                let alone = serde_urlencoded::to_string([pair]).unwrap_or_default();
                serde_urlencoded::from_str::<Q>(&alone)
                    .is_err()
                    .then(|| format!("{}: {error}", pair.0))
            });
            Error::InvalidParameter(format!(
                "Failed to deserialize query string: {}",
                named.unwrap_or_else(|| error.to_string())
            ))
        })?;
        Ok(FilteredQuery { query, filter })
    }
}

impl UserQuery {
    /// One page of the tenant's users that pass `keep` (all without it), `narrow` and the query's
    /// search, in the query's order with the id as tiebreak. `path` is the list's own address,
    /// for links. Each user is in its JSON form ([`Tenant::user_json`]).
    pub fn page_of<'t>(
        &self,
        tenant: &'t Tenant,
        path: &str,
        narrow: &UserFilter,
        keep: Option<&dyn Fn(&CustomerUser) -> bool>,
    ) -> Result<Collection<&'t RawValue>, Error> {
        let request = PageRequest::new(self.size, self.page)?;
        narrow
            .check_skus(|id| tenant.product(id).is_some())
            .map_err(|e| Error::InvalidParameter(e.to_string()))?;
        let filter = self.filter.as_deref().map(str::trim).unwrap_or_default();
        let needle = filter.to_lowercase();
        let ids: Option<HashSet<&str>> = self.ids.as_deref().map(|ids| {
            ids.split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .collect()
        });
        let sort_field = self.sort_field.unwrap_or_default();
        let narrow_params = narrow.to_params();
        // Every user in the stored (display-name) order: a page is a slice, nothing is gathered.
        let everyone = ids.is_none()
            && keep.is_none()
            && needle.is_empty()
            && narrow_params.is_empty()
            && sort_field == SortField::DisplayName;
        let users = tenant.users();
        let matching: Arc<[u32]> = if everyone {
            Arc::new([])
        } else if ids.is_none() && keep.is_none() {
            matching(tenant, &needle, narrow, sort_field)
        } else {
            let keep = |user: &CustomerUser| {
                ids.as_ref()
                    .is_none_or(|ids| ids.contains(user.id.as_str()))
                    && keep.is_none_or(|keep| keep(user))
            };
            find(users, tenant.now(), &needle, narrow, sort_field, &keep).into()
        };
        let descending = self.sort_direction == Some(SortDirection::Descending);

        let size = request.size.to_string();
        let sort_field_param = self.sort_field.map(SortField::as_str);
        let sort_direction = self.sort_direction.map(|direction| match direction {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        });
        let uri = |page: u32| {
            let page = page.to_string();
            let mut params = vec![
                ("size", Some(size.as_str())),
                ("page", Some(page.as_str())),
                ("filter", (!filter.is_empty()).then_some(filter)),
                ("sortField", sort_field_param),
                ("sortDirection", sort_direction),
                ("ids", self.ids.as_deref()),
            ];
            params.extend(
                narrow_params
                    .iter()
                    .map(|(name, value)| (*name, Some(value.as_str()))),
            );
            with_query(path, &params)
        };
        let total = if everyone {
            users.len()
        } else {
            matching.len()
        };
        paginate_range(total, request, uri, |range| {
            range
                .map(|i| if descending { total - 1 - i } else { i })
                .map(|i| {
                    if everyone {
                        tenant.user_json(i)
                    } else {
                        tenant.user_json(matching[i] as usize)
                    }
                })
                .collect()
        })
    }
}

/// The positions in the tenant's users of those matching the search (`needle`, lowercase) and
/// `narrow`, in `sort_field`'s ascending order. Kept per search, filter and order until a user
/// changes, so the pages after the first (and the same page read again) don't pass over all
/// 10,000 users again.
pub fn matching(
    tenant: &Tenant,
    needle: &str,
    narrow: &UserFilter,
    sort_field: SortField,
) -> Arc<[u32]> {
    let mut key = format!("{}\0{needle}", sort_field.as_str());
    for (name, value) in narrow.to_params() {
        key.push_str(&format!("\0{name}={value}"));
    }
    tenant.filtered_positions(&key, |users| {
        find(users, tenant.now(), needle, narrow, sort_field, &|_| true)
    })
}

/// [`matching`] among the users `keep` lets through, worked out afresh.
fn find(
    users: &[CustomerUser],
    now: i64,
    needle: &str,
    narrow: &UserFilter,
    sort_field: SortField,
    keep: &dyn Fn(&CustomerUser) -> bool,
) -> Vec<u32> {
    let mut matching: Vec<u32> = (0..users.len() as u32)
        .filter(|&i| {
            let user = &users[i as usize];
            keep(user)
                && (needle.is_empty()
                    || user.display_name.to_lowercase().contains(needle)
                    || user.user_principal_name.to_lowercase().contains(needle))
                && narrow.matches(user, now)
        })
        .collect();
    // The tenant keeps users in display-name order already; the sorts are stable.
    match sort_field {
        SortField::DisplayName => {}
        SortField::UserPrincipalName => matching.sort_by_cached_key(|&i| {
            let user = &users[i as usize];
            (user.user_principal_name.to_lowercase(), user.id.clone())
        }),
        SortField::LastSignInDateTime => matching.sort_by_cached_key(|&i| {
            users[i as usize]
                .last_sign_in_date_time
                .as_deref()
                .and_then(parse_timestamp)
        }),
    }
    matching
}

/// A customer's users, a page at a time, each with the licenses the user holds.
#[utoipa::path(
    get,
    path = "/v1/customers/{customerId}/users",
    params(CustomerPath, UserQuery, UserFilter),
    responses(
        (status = 200, description = "A page of users.", body = Collection<CustomerUser>),
        (status = 400, description = "A malformed or unknown parameter, a bad filter value (an unknown sku id, a bool other than true or false, days not a whole number, not a country code), a size outside 1-500, or a page past the last (1002); the description names the parameter.", body = ApiError),
        (status = 404, description = "No such customer (60003).", body = ApiError),
        Managing,
    )
)]
async fn users_list(
    _: Manager,
    State(state): State<AppState>,
    ApiPath(CustomerPath { customer_id }): ApiPath<CustomerPath>,
    FilteredQuery { query, filter }: FilteredQuery<UserQuery>,
) -> Result<JsonBody, Error> {
    let path = format!("/api/v1/customers/{}/users", encode(&customer_id));
    state.read(|store| {
        let tenant = store.tenant(&customer_id)?;
        query
            .page_of(tenant, &path, &filter, None)
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
