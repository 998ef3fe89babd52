//! The server's log: a line per request at debug, a 5xx also at warn. A test binary of its own:
//! the subscriber is the process's, so no other test's threads can race it for the log's
//! call sites.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use mock_server::{app, AppState, Fixture};
use tower::ServiceExt;
use tracing_subscriber::fmt::MakeWriter;

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

/// Sends a request with an optional bearer token and JSON body; the status and the body.
async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    token: &str,
    body: &str,
) -> (StatusCode, String) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn every_request_is_a_debug_line_and_a_5xx_a_warning() {
    let log = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let dir = std::env::temp_dir().join(format!("mock-server-logging-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = AppState::from_fixture(Fixture::seed())
        .unwrap()
        .with_state_file(dir.join("state.json"))
        .await
        .unwrap();
    let app = app(state);
    let (status, session) = send(
        &app,
        Method::POST,
        "/api/v1/session",
        "",
        r#"{"role":"AdminAgent"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let token = serde_json::from_str::<serde_json::Value>(&session).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = send(&app, Method::GET, "/api/v1/customers", &token, "").await;
    assert_eq!(status, StatusCode::OK);
    // The state file's folder is gone: the reset is applied but can't be saved.
    std::fs::remove_dir_all(&dir).unwrap();
    let (status, _) = send(&app, Method::POST, "/api/testing/reset", "", "").await;
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
