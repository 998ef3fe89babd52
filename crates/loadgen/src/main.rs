//! `loadgen`: keeps N HTTP/1.1 keep-alive connections busy against one URL for a fixed time,
//! then prints requests per second and latency percentiles. Used by `make bench` to compare the
//! API's routes with the server's trivial health route in one run.
//!
//! With several `--body` files each connection sends them in turn (connection i starts with
//! body i), e.g. an assignment then its revocation, so a long run never exhausts seats.

use std::io::IsTerminal;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tracing_subscriber::EnvFilter;

/// Keeps N HTTP/1.1 keep-alive connections busy against one URL for a fixed time, then prints
/// requests per second and latency percentiles.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The address every request goes to (http://IP:PORT/PATH only)
    #[arg(long, value_name = "URL", value_parser = parse_target)]
    url: Target,
    /// GET, POST, PATCH, ...
    #[arg(long, default_value = "GET", value_parser = parse_method)]
    method: Method,
    /// A request header, 'Name: value'; repeatable
    #[arg(long = "header", value_name = "'K: V'", value_parser = parse_header)]
    headers: Vec<(String, String)>,
    /// A request body file, sent as application/json; repeatable: each connection sends the
    /// bodies in turn
    #[arg(long = "body", value_name = "FILE", value_parser = read_body)]
    bodies: Vec<Bytes>,
    /// Concurrent keep-alive connections
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..))]
    connections: u16,
    /// How long to measure, in seconds
    #[arg(long, value_name = "SECS", default_value = "5", value_parser = parse_seconds)]
    duration: Duration,
    /// Load before measuring, not counted, in seconds
    #[arg(long, value_name = "SECS", default_value = "1", value_parser = parse_seconds)]
    warmup: Duration,
    /// Client worker threads
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    threads: u16,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
}

/// The shortest measured window: a shorter one counts too few requests to mean anything.
const SHORTEST_RUN: Duration = Duration::from_millis(100);

/// Where the requests go: the socket address, its text for the `Host` header, and the path.
#[derive(Debug, Clone)]
struct Target {
    host: String,
    addr: SocketAddr,
    path: String,
}

fn parse_target(url: &str) -> Result<Target, String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or_else(|| format!("only http:// addresses, not {url:?}"))?;
    let (host, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, "/"),
    };
    let addr = host
        .parse::<SocketAddr>()
        .map_err(|_| format!("the host must be IP:PORT, not {host:?}"))?;
    Ok(Target {
        host: host.to_owned(),
        addr,
        path: path.to_owned(),
    })
}

fn parse_method(text: &str) -> Result<Method, String> {
    Method::from_bytes(text.as_bytes()).map_err(|_| format!("not an HTTP method: {text:?}"))
}

fn parse_header(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once(':')
        .ok_or_else(|| format!("a header is 'Name: value', not {text:?}"))?;
    Ok((name.trim().to_owned(), value.trim().to_owned()))
}

fn read_body(path: &str) -> Result<Bytes, String> {
    std::fs::read(path)
        .map(Bytes::from)
        .map_err(|e| format!("{path}: {e}"))
}

/// Seconds, fractions allowed.
fn parse_seconds(text: &str) -> Result<Duration, String> {
    text.parse::<f64>()
        .ok()
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok())
        .ok_or_else(|| format!("a number of seconds, not {text:?}"))
}

/// What one connection saw inside the measured window.
#[derive(Default)]
struct Tally {
    /// Latencies of 2xx answers, in microseconds.
    latencies: Vec<u64>,
    /// Answers with another status.
    bad_status: u64,
    /// Connection or protocol failures.
    errors: u64,
}

fn request(args: &Args, body: Option<&Bytes>) -> Request<Full<Bytes>> {
    let mut builder = Request::builder()
        .method(args.method.clone())
        .uri(args.url.path.as_str())
        .header("host", args.url.host.as_str());
    for (name, value) in &args.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body = match body {
        Some(body) => {
            builder = builder.header("content-type", "application/json");
            body.clone()
        }
        None => Bytes::new(),
    };
    builder
        .body(Full::new(body))
        .expect("the parts were checked when parsed")
}

/// One keep-alive connection sending requests back to back until `end`; reconnects after an
/// error.
async fn connection(args: Arc<Args>, index: usize, measure_from: Instant, end: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut next_body = index;
    'connect: while Instant::now() < end {
        let stream = match TcpStream::connect(args.url.addr).await {
            Ok(stream) => stream,
            Err(error) => {
                tracing::debug!(%error, "connecting failed");
                tally.errors += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (mut sender, conn) = match http1::handshake(TokioIo::new(stream)).await {
            Ok(handshake) => handshake,
            Err(error) => {
                tracing::debug!(%error, "the HTTP handshake failed");
                tally.errors += 1;
                continue;
            }
        };
        tokio::spawn(conn);
        while Instant::now() < end {
            let body =
                (!args.bodies.is_empty()).then(|| &args.bodies[next_body % args.bodies.len()]);
            next_body += 1;
            let started = Instant::now();
            let outcome = async {
                let response = sender.send_request(request(&args, body)).await?;
                let status = response.status();
                response.into_body().collect().await?;
                Ok::<_, hyper::Error>(status)
            }
            .await;
            let finished = Instant::now();
            let counted = started >= measure_from && finished <= end;
            match outcome {
                Ok(status) if counted && status.is_success() => tally
                    .latencies
                    .push(finished.duration_since(started).as_micros() as u64),
                Ok(status) if counted && !status.is_success() => tally.bad_status += 1,
                Ok(_) => {}
                Err(error) => {
                    tracing::debug!(%error, "the request failed; reconnecting");
                    if counted {
                        tally.errors += 1;
                    }
                    continue 'connect;
                }
            }
        }
    }
    tally
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn run(args: Args) -> Result<String, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(usize::from(args.threads))
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let args = Arc::new(args);
    let tallies = runtime.block_on(async {
        let measure_from = Instant::now() + args.warmup;
        let end = measure_from + args.duration.max(SHORTEST_RUN);
        let tasks: Vec<_> = (0..usize::from(args.connections))
            .map(|index| tokio::spawn(connection(Arc::clone(&args), index, measure_from, end)))
            .collect();
        let mut tallies = Vec::new();
        for task in tasks {
            tallies.push(task.await.map_err(|e| e.to_string())?);
        }
        Ok::<_, String>(tallies)
    })?;
    let mut latencies: Vec<u64> = tallies
        .iter()
        .flat_map(|t| t.latencies.iter().copied())
        .collect();
    latencies.sort_unstable();
    let bad_status: u64 = tallies.iter().map(|t| t.bad_status).sum();
    let errors: u64 = tallies.iter().map(|t| t.errors).sum();
    let seconds = args.duration.max(SHORTEST_RUN).as_secs_f64();
    let ok = latencies.len();
    let rps = ok as f64 / seconds;
    let [p50, p90, p99, max] = [50.0, 90.0, 99.0, 100.0].map(|p| percentile(&latencies, p));
    Ok(if args.json {
        format!(
            "{{\"requests\":{ok},\"nonSuccess\":{bad_status},\"errors\":{errors},\
             \"seconds\":{seconds},\"connections\":{},\"requestsPerSecond\":{rps:.1},\
             \"latencyMs\":{{\"p50\":{p50:.3},\"p90\":{p90:.3},\"p99\":{p99:.3},\"max\":{max:.3}}}}}",
            args.connections
        )
    } else {
        format!(
            "{} {}{}: {ok} ok, {bad_status} non-2xx, {errors} errors in {seconds:.1} s over {} \
             connections = {rps:.0} requests/s; latency p50 {p50:.2} ms, p90 {p90:.2} ms, \
             p99 {p99:.2} ms, max {max:.2} ms",
            args.method, args.url.host, args.url.path, args.connections
        )
    })
}

fn main() -> ExitCode {
    // A bad argument exits here with clap's message and code 2.
    let args = Args::parse();
    // Warnings only unless `RUST_LOG` says otherwise (`RUST_LOG=debug`: why connections failed);
    // stdout keeps the report.
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match run(args) {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn args(list: &[&str]) -> Result<Args, clap::Error> {
        Args::try_parse_from(std::iter::once("loadgen").chain(list.iter().copied()))
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Args::command().debug_assert();
    }

    #[test]
    fn the_url_splits_into_address_and_path() {
        let parsed = args(&["--url", "http://127.0.0.1:8080/api/health?x=1"]).unwrap();
        assert_eq!(parsed.url.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(parsed.url.path, "/api/health?x=1");
        assert_eq!(parsed.method, Method::GET);
        assert_eq!(parsed.connections, 8);
        assert_eq!(parsed.duration, Duration::from_secs(5));
    }

    #[test]
    fn bad_arguments_are_usage_errors() {
        for list in [
            &["--url", "https://127.0.0.1:1/"][..],
            &["--url", "http://localhost:1/"],
            &["--connections", "x", "--url", "http://127.0.0.1:1/"],
            &["--connections", "0", "--url", "http://127.0.0.1:1/"],
            &["--duration", "-1", "--url", "http://127.0.0.1:1/"],
            &["--body", "/no/such/file", "--url", "http://127.0.0.1:1/"],
            &["--frobnicate"],
            &[],
        ] {
            let error = args(list).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{list:?}: {error}");
        }
    }

    #[test]
    fn percentiles_are_nearest_rank_in_milliseconds() {
        let sorted: Vec<u64> = (1..=100).map(|n| n * 1000).collect();
        assert_eq!(percentile(&sorted, 50.0), 50.0);
        assert_eq!(percentile(&sorted, 99.0), 99.0);
        assert_eq!(percentile(&sorted, 100.0), 100.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }

    #[test]
    fn headers_methods_and_seconds_are_read() {
        let parsed = args(&[
            "--url",
            "http://127.0.0.1:1/x",
            "--method",
            "POST",
            "--header",
            "Authorization: Bearer t",
            "--warmup",
            "0.5",
            "--json",
        ])
        .unwrap();
        assert_eq!(parsed.method, Method::POST);
        assert_eq!(
            parsed.headers,
            [("Authorization".to_owned(), "Bearer t".to_owned())]
        );
        assert_eq!(parsed.warmup, Duration::from_millis(500));
        assert!(parsed.json);
    }
}
