//! Mock sign-in. The partner picks a Partner Center role; the app opens a session for it with the
//! mock backend and hands out an [`api::Client`] for it. The role is remembered across reloads;
//! `?role=` picks one for tests.

use leptos::prelude::*;
use leptos::task::spawn_local;
use licensing::contract::Role;

use crate::api::{self, ApiError, Client};
use crate::early;
use crate::storage;

const ROLE_KEY: &str = "pc.role";

/// Where signing in stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Session {
    /// No session yet: signing in (at the start, or for another role).
    SigningIn,
    /// Signing in failed; the shell offers a Retry.
    Failed(ApiError),
    SignedIn(Client),
}

/// The partner's role and session, provided as context at the root.
#[derive(Clone, Copy)]
pub struct Auth {
    /// The role the partner acts as.
    pub role: RwSignal<Role>,
    pub session: RwSignal<Session>,
}

impl Auth {
    /// Restores the role and opens a session for it.
    pub fn start() -> Auth {
        let role = storage::initial_query_param("role")
            .and_then(|r| parse_role(&r))
            .or_else(|| storage::local_get(ROLE_KEY).and_then(|r| parse_role(&r)))
            .unwrap_or(Role::AdminAgent);
        let early = early::early_session_now(role);
        let signed_in = early.is_some();
        let auth = Auth {
            role: RwSignal::new(role),
            session: RwSignal::new(
                early.map_or(Session::SigningIn, |s| Session::SignedIn(Client::new(s))),
            ),
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
        self.session.set(Session::SigningIn);
        spawn_local(async move {
            let session = match early::early_session(role).await {
                Some(session) => Ok(session),
                None => api::create_session(role).await,
            };
            // A late answer for a role the user has since left is dropped.
            if self.role.get_untracked() == role {
                self.session.set(match session {
                    Ok(session) => Session::SignedIn(Client::new(session)),
                    Err(error) => Session::Failed(error),
                });
            }
        });
    }

    /// The signed-in client, tracked: resources that read it load again under a new session.
    pub fn client(self) -> Option<Client> {
        self.session.with(Session::client)
    }

    /// The signed-in client now, without tracking (for an action the user started).
    pub fn client_untracked(self) -> Option<Client> {
        self.session.with_untracked(Session::client)
    }

    /// Whether the current role may manage licenses (the server enforces it too).
    pub fn can_manage_licenses(self) -> bool {
        self.role.get().can_manage_licenses()
    }
}

impl Session {
    fn client(&self) -> Option<Client> {
        match self {
            Session::SignedIn(client) => Some(client.clone()),
            Session::SigningIn | Session::Failed(_) => None,
        }
    }
}

fn parse_role(text: &str) -> Option<Role> {
    Role::ALL.iter().copied().find(|r| r.as_str() == text)
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}
