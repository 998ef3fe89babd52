//! `mock-server`: the mock Partner Center API and the built app on one port.
//!
//! Prints exactly one line, `Listening on http://HOST:PORT`, once the port is bound (with
//! `--port 0` the port the system chose), so scripts can wait for it.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use mock_server::{app, AppState, Fixture};
use tracing_subscriber::EnvFilter;

/// mimalloc rather than the system allocator: an API call allocates a few dozen small blocks
/// (headers, extensions, the parsed body, the answer), and under `make bench`'s load glibc's
/// malloc and free cost the server about a tenth of its time per call, API calls more than
/// `/api/health`. Only the binary: tests run on the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The mock Partner Center API and the built app, on one port.
#[derive(Debug, PartialEq, Eq, Parser)]
#[command(version, about)]
struct Args {
    /// Port to listen on (0 picks a free port)
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// Address to bind
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The built app to serve
    #[arg(long, value_name = "PATH", default_value = "dist")]
    dist: PathBuf,
    /// Start from this fixture instead of the seed: a built-in one by name (seed, long-names,
    /// empty, many-products) or a file
    #[arg(long, value_name = "NAME|PATH")]
    fixture: Option<PathBuf>,
    /// Keep every change in this file, and continue from it on start
    #[arg(long, value_name = "PATH")]
    state_file: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    // A bad argument exits here with clap's message and code 2.
    let args = Args::parse();
    // Logs go to stderr at `info` unless `RUST_LOG` says otherwise (`RUST_LOG=debug`: a line per
    // request); stdout keeps the one line scripts wait for.
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match serve(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> Result<(), String> {
    let fixture = match &args.fixture {
        Some(path) => match path.to_str().and_then(Fixture::built_in) {
            Some(built_in) => built_in,
            None => Fixture::from_path(path),
        }
        .map_err(|e| e.to_string())?,
        None => Fixture::seed(),
    };
    let mut state = AppState::from_fixture(fixture)
        .map_err(|e| e.to_string())?
        .with_dist(args.dist);
    if let Some(path) = args.state_file {
        state = state
            .with_state_file(path)
            .await
            .map_err(|e| e.to_string())?;
    }
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|e| format!("can't listen on {}:{}: {e}", args.host, args.port))?;
    let address: SocketAddr = listener.local_addr().map_err(|e| e.to_string())?;
    announce(address);
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// The one line scripts wait for; flushed at once because stdout is a pipe there.
fn announce(address: SocketAddr) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    // If stdout is gone nobody is waiting for the line; serving still makes sense.
    let _ = writeln!(stdout, "Listening on http://{address}");
    let _ = stdout.flush();
}

/// Resolves on Ctrl-C or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("mock-server").chain(args.iter().copied()))
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }

    #[test]
    fn every_flag_is_read() {
        let args = parse(&[
            "--port=0",
            "--dist",
            "out",
            "--fixture",
            "f.json",
            "--state-file",
            "s.json",
            "--host",
            "0.0.0.0",
        ])
        .unwrap();
        assert_eq!(
            args,
            Args {
                port: 0,
                host: "0.0.0.0".to_owned(),
                dist: PathBuf::from("out"),
                fixture: Some(PathBuf::from("f.json")),
                state_file: Some(PathBuf::from("s.json")),
            }
        );
    }

    #[test]
    fn the_port_falls_back_to_the_port_variable() {
        let port = Args::command();
        let port = port.get_arguments().find(|a| a.get_id() == "port").unwrap();
        assert_eq!(port.get_env(), Some(std::ffi::OsStr::new("PORT")));
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        for args in [
            &["--port", "http"][..],
            &["--port"],
            &["--verbose"],
            &["--port", "70000"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{args:?}: {error}");
        }
    }
}
