//! Shared server state: the store behind ONE lock (so seat checks and the updates they allow
//! happen atomically), the signed-in sessions, and the optional state file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::StatusCode;
use licensing::contract::{Role, Session};
use serde::Serialize;

use crate::error::Error;
use crate::faults::Faults;
use crate::fixture::{Fixture, FixtureError};
use crate::idempotency::{self, Once, Outcome, Stored};
use crate::store::Store;

/// Everything a handler needs; cheap to clone. The store and sessions are shared by every
/// clone; `dist` and the state file are configuration, set before serving.
#[derive(Clone)]
pub struct AppState {
    shared: Arc<Shared>,
    dist: Arc<Path>,
    state_file: Option<Arc<StateFile>>,
}

struct Shared {
    data: RwLock<Data>,
    /// What `POST /api/testing/reset` restores.
    pristine: Store,
    sessions: RwLock<HashMap<String, Session>>,
    issued_tokens: AtomicU64,
    faults: Faults,
}

struct Data {
    store: Store,
    /// Bumped by every change, so an older snapshot never overwrites a newer one on disk.
    version: u64,
    /// Answers kept for `Idempotency-Key`s; under the same lock as the store, so a key is
    /// looked up, applied and kept atomically.
    answers: idempotency::Cache,
}

struct StateFile {
    path: PathBuf,
    /// The version last written; held while writing so writes happen one at a time.
    written: tokio::sync::Mutex<u64>,
}

/// The store serialized under the lock, to be written after it is released.
struct Snapshot {
    file: Arc<StateFile>,
    version: u64,
    bytes: Vec<u8>,
}

impl AppState {
    /// A server over `fixture`, serving the app from `dist/`, keeping changes in memory only.
    pub fn from_fixture(fixture: Fixture) -> Result<AppState, FixtureError> {
        let store = Store::from_fixture(fixture)?;
        Ok(AppState {
            shared: Arc::new(Shared {
                data: RwLock::new(Data {
                    store: store.clone(),
                    version: 0,
                    answers: idempotency::Cache::default(),
                }),
                pristine: store,
                sessions: RwLock::new(HashMap::new()),
                issued_tokens: AtomicU64::new(0),
                faults: Faults::default(),
            }),
            dist: Arc::from(Path::new("dist")),
            state_file: None,
        })
    }

    /// A server over the committed seed.
    pub fn seeded() -> AppState {
        AppState::from_fixture(Fixture::seed()).expect("fixtures/seed.json is checked by the tests")
    }

    /// Serves the built app from `dist` instead of `dist/`.
    pub fn with_dist(mut self, dist: impl Into<PathBuf>) -> AppState {
        self.dist = Arc::from(dist.into());
        self
    }

    /// Keeps every change in `path`: if it exists, the server continues from it (a reset still
    /// restores the fixture); otherwise it is written now.
    pub async fn with_state_file(
        mut self,
        path: impl Into<PathBuf>,
    ) -> Result<AppState, FixtureError> {
        let path = path.into();
        let saved = if path.exists() {
            Some(Store::from_fixture(Fixture::from_path(&path)?)?)
        } else {
            None
        };
        self.state_file = Some(Arc::new(StateFile {
            path: path.clone(),
            written: tokio::sync::Mutex::new(0),
        }));
        let write_error = |source| FixtureError::Write {
            path: path.clone(),
            source,
        };
        let snapshot = {
            let mut data = writing(&self.shared.data);
            if let Some(store) = saved {
                data.store = store;
            }
            data.version += 1;
            self.snapshot(&data).map_err(write_error)?
        };
        write(snapshot).await.map_err(write_error)?;
        Ok(self)
    }

    /// The testing faults in force (`/api/testing/faults`).
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    pub fn dist(&self) -> &Path {
        &self.dist
    }

    /// Reads the store under the lock.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> T) -> T {
        read(&reading(&self.shared.data).store)
    }

    /// Changes the store under the lock, then writes the state file (if any) before answering.
    /// `change` must be all-or-nothing: when it returns an error the store must be untouched.
    pub async fn persist<T>(
        &self,
        change: impl FnOnce(&mut Store) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let (value, snapshot) = {
            let mut data = writing(&self.shared.data);
            let value = change(&mut data.store)?;
            data.version += 1;
            (value, self.snapshot(&data).map_err(Error::Persist)?)
        };
        write(snapshot).await.map_err(Error::Persist)?;
        Ok(value)
    }

    /// [`AppState::persist`] for a route that honours `Idempotency-Key`: with `once`, a request
    /// seen before is answered as the first time without applying it again, and a new one is
    /// applied and its answer (success or refusal) kept. `change` answers with the status and
    /// the body it would send. Without `once` nothing is kept, so the body is serialized after
    /// the lock is released: every other change waits for the lock, not for this JSON.
    pub async fn persist_once<T: Serialize>(
        &self,
        once: Option<Once>,
        change: impl FnOnce(&mut Store) -> Result<(StatusCode, T), Error>,
    ) -> Result<Outcome, Error> {
        let (kept, (status, body), snapshot) = {
            let mut data = writing(&self.shared.data);
            if let Some(once) = &once {
                if let Some(stored) = data.answers.replay(once)? {
                    return Ok(Outcome {
                        stored,
                        replayed: true,
                    });
                }
            }
            let result = change(&mut data.store);
            let kept = once.map(|once| {
                let kept = match &result {
                    Ok((status, body)) => Stored::json(*status, body),
                    Err(error) => Stored::error(error),
                };
                data.answers.keep(once, kept.clone());
                kept
            });
            let answer = result?;
            data.version += 1;
            (kept, answer, self.snapshot(&data).map_err(Error::Persist)?)
        };
        write(snapshot).await.map_err(Error::Persist)?;
        let stored = kept.unwrap_or_else(|| Stored::json(status, &body));
        Ok(Outcome {
            stored,
            replayed: false,
        })
    }

    fn snapshot(&self, data: &Data) -> std::io::Result<Option<Snapshot>> {
        let Some(file) = &self.state_file else {
            return Ok(None);
        };
        Ok(Some(Snapshot {
            file: Arc::clone(file),
            version: data.version,
            bytes: serde_json::to_vec(&data.store)?,
        }))
    }

    /// Back to the fixture the server started from (sessions stay signed in); every
    /// `Idempotency-Key` is forgotten, every testing fault cleared and held request released.
    pub async fn reset(&self) -> Result<(), Error> {
        self.shared.faults.clear();
        let pristine = self.shared.pristine.clone();
        let snapshot = {
            let mut data = writing(&self.shared.data);
            data.store = pristine;
            data.answers.clear();
            data.version += 1;
            self.snapshot(&data).map_err(Error::Persist)?
        };
        write(snapshot).await.map_err(Error::Persist)
    }

    /// Signs a partner user in.
    pub fn create_session(&self, role: Role, display_name: String) -> Session {
        let session = Session {
            token: self.new_token(),
            role,
            display_name,
        };
        writing(&self.shared.sessions).insert(session.token.clone(), session.clone());
        session
    }

    /// The role of the session with `token`, if it is signed in.
    pub fn session_role(&self, token: &str) -> Option<Role> {
        reading(&self.shared.sessions)
            .get(token)
            .map(|session| session.role)
    }

    /// An unguessable-enough token for a mock: a counter mixed with the clock.
    fn new_token(&self) -> String {
        let count = self.shared.issued_tokens.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let mut mixed = (nanos as u64) ^ count.rotate_left(32) ^ 0x9E37_79B9_7F4A_7C15;
        mixed = (mixed ^ (mixed >> 33)).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        mixed ^= mixed >> 33;
        format!("mock-{count}-{mixed:016x}")
    }
}

/// Writes a snapshot unless a newer one is already on disk.
async fn write(snapshot: Option<Snapshot>) -> std::io::Result<()> {
    let Some(Snapshot {
        file,
        version,
        bytes,
    }) = snapshot
    else {
        return Ok(());
    };
    let mut written = file.written.lock().await;
    if *written < version {
        let path = file.path.clone();
        tokio::task::spawn_blocking(move || write_atomically(&path, &bytes))
            .await
            .map_err(std::io::Error::other)??;
        *written = version;
    }
    Ok(())
}

/// Reads share the lock (many pages of users at once); a change has it alone. Nothing panics
/// while holding these locks; should something ever do so, keep serving instead of failing every
/// later request on the poisoned lock.
fn reading<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn writing<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

/// Writes to a temporary file beside `path`, then renames it over `path`, so a crash leaves
/// either the old state or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}
