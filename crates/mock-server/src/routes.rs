//! A router that remembers what it serves, so a test can hold the OpenAPI description to
//! every route.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{self, MethodRouter};
use axum::Router;

use crate::state::AppState;

/// The API mounts under this prefix.
pub const API_PREFIX: &str = "/api";

#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    served: Vec<(Method, &'static str)>,
}

impl Routes {
    /// `path` is relative to [`API_PREFIX`], in axum's syntax (`/v1/customers/{customerId}`),
    /// which is also OpenAPI's.
    pub fn route(
        mut self,
        method: Method,
        path: &'static str,
        method_router: MethodRouter<AppState>,
    ) -> Routes {
        self.router = self.router.route(path, method_router);
        self.served.push((method, path));
        self
    }

    pub fn get<H, T>(self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route(Method::GET, path, routing::get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route(Method::POST, path, routing::post(handler))
    }

    pub fn patch<H, T>(self, path: &'static str, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.route(Method::PATCH, path, routing::patch(handler))
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.served.extend(other.served);
        self
    }

    /// Every method and full path served, e.g. `(GET, "/api/v1/customers")`.
    pub fn served(&self) -> Vec<(Method, String)> {
        self.served
            .iter()
            .map(|(method, path)| (method.clone(), format!("{API_PREFIX}{path}")))
            .collect()
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
