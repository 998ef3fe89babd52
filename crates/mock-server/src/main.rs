//! `mock-server`: the mock Partner Center API and the built app on one port.
//!
//! Prints exactly one line, `Listening on http://HOST:PORT`, once the port is bound (with
//! `--port 0` the port the system chose), so scripts can wait for it.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use mock_server::{app, AppState, Fixture};

/// mimalloc rather than the system allocator: an API call allocates a few dozen small blocks
/// (headers, extensions, the parsed body, the answer), and under `make bench`'s load glibc's
/// malloc and free cost the server about a tenth of its time per call, API calls more than
/// `/api/health`. Only the binary: tests run on the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
Usage: mock-server [--port N] [--host HOST] [--dist PATH] [--fixture PATH] [--state-file PATH]

  --port N           port to listen on (default: $PORT, else 8080; 0 picks a free port)
  --host HOST        address to bind (default 127.0.0.1)
  --dist PATH        the built app to serve (default dist)
  --fixture PATH     start from this fixture instead of the built-in seed
  --state-file PATH  keep every change in this file, and continue from it on start";

#[derive(Debug, PartialEq, Eq)]
struct Args {
    port: u16,
    host: String,
    dist: PathBuf,
    fixture: Option<PathBuf>,
    state_file: Option<PathBuf>,
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Serve(Args),
    Help,
}

/// Reads the arguments (without the program name); `port_env` is `$PORT`.
fn parse_args(
    args: impl IntoIterator<Item = String>,
    port_env: Option<String>,
) -> Result<Command, String> {
    let parse_port = |text: &str, source: &str| {
        text.parse::<u16>()
            .map_err(|_| format!("{source} must be a port number (0-65535), not {text:?}"))
    };
    let mut port = None;
    let mut host = "127.0.0.1".to_owned();
    let mut dist = PathBuf::from("dist");
    let mut fixture = None;
    let mut state_file = None;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(Command::Help);
        }
        let (name, inline) = match flag.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (flag.clone(), None),
        };
        if !matches!(
            name.as_str(),
            "--port" | "--host" | "--dist" | "--fixture" | "--state-file"
        ) {
            return Err(format!("unknown argument {flag:?}"));
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{name} needs a value"))?;
        match name.as_str() {
            "--port" => port = Some(parse_port(&value, "--port")?),
            "--host" => host = value,
            "--dist" => dist = PathBuf::from(value),
            "--fixture" => fixture = Some(PathBuf::from(value)),
            _ => state_file = Some(PathBuf::from(value)),
        }
    }
    let port = match (port, port_env) {
        (Some(port), _) => port,
        (None, Some(text)) => parse_port(&text, "PORT")?,
        (None, None) => 8080,
    };
    Ok(Command::Serve(Args {
        port,
        host,
        dist,
        fixture,
        state_file,
    }))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1), std::env::var("PORT").ok()) {
        Ok(Command::Serve(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("mock-server: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match serve(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mock-server: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Args) -> Result<(), String> {
    let fixture = match &args.fixture {
        Some(path) => Fixture::from_path(path).map_err(|e| e.to_string())?,
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
    use super::*;

    fn parse(args: &[&str], port_env: Option<&str>) -> Result<Command, String> {
        parse_args(
            args.iter().map(|a| (*a).to_owned()),
            port_env.map(str::to_owned),
        )
    }

    fn serve_args(args: &[&str], port_env: Option<&str>) -> Args {
        match parse(args, port_env) {
            Ok(Command::Serve(args)) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn without_arguments_it_listens_on_localhost_8080_and_serves_dist() {
        let args = serve_args(&[], None);
        assert_eq!(
            args,
            Args {
                port: 8080,
                host: "127.0.0.1".to_owned(),
                dist: PathBuf::from("dist"),
                fixture: None,
                state_file: None,
            }
        );
    }

    #[test]
    fn the_port_flag_wins_over_the_port_variable() {
        assert_eq!(serve_args(&["--port", "0"], Some("9000")).port, 0);
        assert_eq!(serve_args(&[], Some("9000")).port, 9000);
        assert_eq!(serve_args(&["--port=4000"], None).port, 4000);
    }

    #[test]
    fn every_path_flag_is_read() {
        let args = serve_args(
            &[
                "--dist",
                "out",
                "--fixture",
                "f.json",
                "--state-file",
                "s.json",
                "--host",
                "0.0.0.0",
            ],
            None,
        );
        assert_eq!(args.dist, PathBuf::from("out"));
        assert_eq!(args.fixture, Some(PathBuf::from("f.json")));
        assert_eq!(args.state_file, Some(PathBuf::from("s.json")));
        assert_eq!(args.host, "0.0.0.0");
    }

    #[test]
    fn bad_arguments_are_explained() {
        assert!(parse(&["--port", "http"], None)
            .unwrap_err()
            .contains("port number"));
        assert!(parse(&["--port"], None)
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse(&["--verbose"], None)
            .unwrap_err()
            .contains("unknown argument"));
        assert!(parse(&[], Some("eighty")).unwrap_err().contains("PORT"));
    }

    #[test]
    fn help_is_a_command() {
        assert_eq!(parse(&["--help"], None), Ok(Command::Help));
    }
}
