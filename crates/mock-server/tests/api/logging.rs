//! The server's log: a line per request at debug, a 5xx also at warn.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::{Method, StatusCode};
use mock_server::{app, AppState, Fixture};
use tracing_subscriber::fmt::MakeWriter;

use crate::common::*;

/// Everything logged, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

#[tokio::test]
async fn every_request_is_a_debug_line_and_a_5xx_a_warning() {
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let dir = TempDir::new("logging");
    let state = AppState::from_fixture(Fixture::seed())
        .unwrap()
        .with_state_file(dir.0.join("state.json"))
        .await
        .unwrap();
    let client = Client::signed_in(app(state), "AdminAgent").await;
    let (status, _) = client.get("/api/v1/customers").await;
    assert_eq!(status, StatusCode::OK);
    // The state file's folder is gone: the reset is applied but can't be saved.
    std::fs::remove_dir_all(&dir.0).unwrap();
    let (status, _) = client.call(Method::POST, "/api/testing/reset", None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);

    let lines = log.lines();
    let answered = |path: &str, status: u16| {
        lines.iter().any(|line| {
            line.contains(" DEBUG ")
                && line.contains(&format!("path={path}"))
                && line.contains(&format!("status={status}"))
        })
    };
    assert!(answered("/api/v1/session", 201), "{lines:#?}");
    assert!(answered("/api/v1/customers", 200), "{lines:#?}");
    assert!(answered("/api/testing/reset", 500), "{lines:#?}");
    let warned = lines
        .iter()
        .filter(|line| line.contains(" WARN ") && line.contains("path=/api/testing/reset"));
    assert_eq!(warned.count(), 1, "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(" ERROR ") && l.contains("state file")),
        "{lines:#?}"
    );
    assert!(!lines
        .iter()
        .any(|l| l.contains(" WARN ") && l.contains("customers")));
}
