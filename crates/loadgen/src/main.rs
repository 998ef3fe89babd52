//! `loadgen`: keeps N HTTP/1.1 keep-alive connections busy against one URL for a fixed time,
//! then prints requests per second and latency percentiles. Used by `make bench` to compare the
//! API's routes with the server's trivial health route in one run.
//!
//! With several `--body` files each connection sends them in turn (connection i starts with
//! body i), e.g. an assignment then its revocation, so a long run never exhausts seats.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

const USAGE: &str = "\
Usage: loadgen --url http://HOST:PORT/PATH [options]

  --url URL            the address every request goes to (http only)
  --method METHOD      GET (default), POST, PATCH, ...
  --header 'K: V'      a request header; repeatable
  --body FILE          a request body (sent as application/json); repeatable: each
                       connection sends the bodies in turn
  --connections N      concurrent keep-alive connections (default 8)
  --duration SECS      how long to measure (default 5)
  --warmup SECS        load before measuring, not counted (default 1)
  --threads N          client worker threads (default 1)
  --json               print one JSON object instead of text";

#[derive(Debug)]
struct Args {
    host: String,
    addr: SocketAddr,
    path: String,
    method: Method,
    headers: Vec<(String, String)>,
    bodies: Vec<Bytes>,
    connections: usize,
    duration: Duration,
    warmup: Duration,
    threads: usize,
    json: bool,
}

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut url = None;
    let mut method = Method::GET;
    let mut headers = Vec::new();
    let mut bodies = Vec::new();
    let mut connections = 8;
    let mut duration = 5.0;
    let mut warmup = 1.0;
    let mut threads = 1;
    let mut json = false;
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--json" => {
                json = true;
                continue;
            }
            _ => {}
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |text: &str| {
            text.parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| format!("{flag} needs a number, not {text:?}"))
        };
        match flag.as_str() {
            "--url" => url = Some(value),
            "--method" => {
                method = Method::from_bytes(value.as_bytes())
                    .map_err(|_| format!("bad method {value:?}"))?
            }
            "--header" => {
                let (name, text) = value
                    .split_once(':')
                    .ok_or_else(|| format!("a header is 'Name: value', not {value:?}"))?;
                headers.push((name.trim().to_owned(), text.trim().to_owned()));
            }
            "--body" => {
                let bytes = std::fs::read(&value).map_err(|e| format!("{value}: {e}"))?;
                bodies.push(Bytes::from(bytes));
            }
            "--connections" => connections = number(&value)? as usize,
            "--duration" => duration = number(&value)?,
            "--warmup" => warmup = number(&value)?,
            "--threads" => threads = number(&value)? as usize,
            _ => return Err(format!("unknown argument {flag:?}")),
        }
    }
    let url = url.ok_or("--url is required")?;
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
    Ok(Some(Args {
        host: host.to_owned(),
        addr,
        path: path.to_owned(),
        method,
        headers,
        bodies,
        connections: connections.max(1),
        duration: Duration::from_secs_f64(duration.max(0.1)),
        warmup: Duration::from_secs_f64(warmup),
        threads: threads.max(1),
        json,
    }))
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
        .uri(args.path.as_str())
        .header("host", args.host.as_str());
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
        let stream = match TcpStream::connect(args.addr).await {
            Ok(stream) => stream,
            Err(_) => {
                tally.errors += 1;
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let Ok((mut sender, conn)) = http1::handshake(TokioIo::new(stream)).await else {
            tally.errors += 1;
            continue;
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
                Err(_) => {
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
        .worker_threads(args.threads)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let args = Arc::new(args);
    let tallies = runtime.block_on(async {
        let measure_from = Instant::now() + args.warmup;
        let end = measure_from + args.duration;
        let tasks: Vec<_> = (0..args.connections)
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
    let seconds = args.duration.as_secs_f64();
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
            args.method, args.host, args.path, args.connections
        )
    })
}

fn main() -> ExitCode {
    match parse_args(std::env::args().skip(1)) {
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Some(args)) => match run(args) {
            Ok(report) => {
                println!("{report}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("loadgen: {error}");
                ExitCode::FAILURE
            }
        },
        Err(error) => {
            eprintln!("loadgen: {error}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Option<Args>, String> {
        parse_args(list.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn the_url_splits_into_address_and_path() {
        let parsed = args(&["--url", "http://127.0.0.1:8080/api/health?x=1"])
            .unwrap()
            .unwrap();
        assert_eq!(parsed.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(parsed.path, "/api/health?x=1");
        assert_eq!(parsed.method, Method::GET);
        assert_eq!(parsed.connections, 8);
    }

    #[test]
    fn bad_arguments_are_refused() {
        assert!(args(&["--url", "https://127.0.0.1:1/"]).is_err());
        assert!(args(&["--url", "http://localhost:1/"]).is_err());
        assert!(args(&["--connections", "x", "--url", "http://127.0.0.1:1/"]).is_err());
        assert!(args(&["--frobnicate"]).is_err());
        assert!(args(&[]).is_err());
        assert!(args(&["--help"]).unwrap().is_none());
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
    fn headers_and_methods_are_read() {
        let parsed = args(&[
            "--url",
            "http://127.0.0.1:1/x",
            "--method",
            "POST",
            "--header",
            "Authorization: Bearer t",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(parsed.method, Method::POST);
        assert_eq!(
            parsed.headers,
            [("Authorization".to_owned(), "Bearer t".to_owned())]
        );
    }
}
