//! Mock sign-in. The partner picks a Partner Center role; the app opens a session for it with the
//! mock backend and every API call carries that session's token. The role is remembered across
//! reloads; `?role=` picks one for tests.

use leptos::prelude::*;
use leptos::task::spawn_local;
use licensing::contract::{Role, Session};

use crate::api::{self, ApiError};
use crate::storage;

const ROLE_KEY: &str = "pc.role";

/// The signed-in state, provided as context at the root.
#[derive(Clone, Copy)]
pub struct Auth {
    /// The role the partner acts as.
    pub role: RwSignal<Role>,
    /// The open session; `None` while signing in or after a failure.
    pub session: RwSignal<Option<Session>>,
    /// Why signing in failed, shown with a Retry.
    pub error: RwSignal<Option<ApiError>>,
}

impl Auth {
    /// Restores the role and opens a session for it.
    pub fn start() -> Auth {
        let role = storage::initial_query_param("role")
            .and_then(|r| parse_role(&r))
            .or_else(|| storage::local_get(ROLE_KEY).and_then(|r| parse_role(&r)))
            .unwrap_or(Role::AdminAgent);
        let early = api::early_session_now(role);
        let signed_in = early.is_some();
        let auth = Auth {
            role: RwSignal::new(role),
            session: RwSignal::new(early),
            error: RwSignal::new(None),
        };
        if !signed_in {
            auth.sign_in();
        }
        auth
    }

    /// Acts as another role from now on.
    pub fn switch_role(self, role: Role) {
        storage::local_set(ROLE_KEY, role.as_str());
        self.role.set(role);
        self.sign_in();
    }

    /// (Re)opens a session for the current role.
    pub fn sign_in(self) {
        let role = self.role.get_untracked();
        self.session.set(None);
        self.error.set(None);
        spawn_local(async move {
            let session = match api::early_session(role).await {
                Some(session) => Ok(session),
                None => api::create_session(role).await,
            };
            match session {
                // A late answer for a role the user has since left is dropped.
                Ok(session) if self.role.get_untracked() == role => self.session.set(Some(session)),
                Ok(_) => {}
                Err(err) => self.error.set(Some(err)),
            }
        });
    }

    /// The bearer token, tracked: resources that read it refetch under a new session.
    pub fn token(self) -> Option<String> {
        self.session.with(|s| s.as_ref().map(|s| s.token.clone()))
    }

    /// The bearer token now, without tracking (for a task already under way).
    pub fn token_untracked(self) -> Option<String> {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
    }

    /// Whether the current role may manage licenses (the server enforces it too).
    pub fn can_manage_licenses(self) -> bool {
        self.role.get().can_manage_licenses()
    }
}

fn parse_role(text: &str) -> Option<Role> {
    Role::ALL.iter().copied().find(|r| r.as_str() == text)
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
