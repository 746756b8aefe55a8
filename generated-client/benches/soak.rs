//! Soak: many calls against a loopback server that mixes faults into its answers, to show
//! that the client's memory and open files stay flat; one call against an endless body,
//! to show the body limit bounds what a response can make the client hold; and 1,000
//! callers at once through one client against a slow server, to show that the bound on
//! requests in flight bounds the sockets and memory they take.
//!
//! The server answers each request, in turn: seven `200`s with a build, a `429` and a
//! `503` (both `Retry-After: 0`), and a dropped connection (read, then closed without an
//! answer). Eight tasks call `client.builds().get(..)` (a GET, so every fault is retried)
//! through one client.
//!
//! Prints `soak.calls`, `soak.calls_per_s`, `soak.failed`, `soak.rss_start_mb`,
//! `soak.rss_end_mb`, `soak.rss_growth_mb`, `soak.fds_start`, `soak.fds_end`, and
//! `soak.endless_body_peak_growth_mb` (the growth of the process's peak resident memory
//! over one call whose body never ends, with the default 32 MiB limit). Linux only: it
//! reads `/proc/self`. `-- --quick`: 10,000 calls (else 100,000).
//!
//! The 1,000 callers each make 10 calls (2 with `--quick`) of `builds().get(..)` through one
//! client with the default settings (64 requests in flight at most), against a server that
//! answers each request after 20 ms; a sampler reads the open files and the resident
//! memory every 5 ms. Prints `soak.concurrent.callers`, `soak.concurrent.calls_per_s`,
//! `soak.concurrent.failed`, `soak.concurrent.server_peak_in_flight`,
//! `soak.concurrent.fds_before`, `soak.concurrent.fds_peak`,
//! `soak.concurrent.rss_before_mb` and `soak.concurrent.rss_peak_mb`.

// The soak uses only part of what the benches share.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use generated_client::RetryPolicy;
use generated_client::cloudflare::CloudflareClient;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const BUILD: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
const TASKS: u64 = 8;
/// Calls before the first reading, so that pools and allocator arenas are warm.
const WARM_UP: u64 = 2_000;

fn main() -> Result<()> {
    let calls: u64 = if support::quick() { 10_000 } else { 100_000 };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(calls))
}

async fn run(calls: u64) -> Result<()> {
    let body = serde_json::to_vec(&support::example_body("get")?)?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(serve(listener, Arc::new(body)));
    let client = CloudflareClient::builder("bench-token")
        .base_url(format!("http://{address}"))
        .retry_policy(
            RetryPolicy::default()
                .with_max_retries(5)
                .with_initial_backoff(Duration::ZERO)
                .with_max_backoff(Duration::ZERO),
        )
        .build()?;

    calls_from_tasks(&client, WARM_UP).await;
    let (rss_start, fds_start) = (resident_mb()?, open_files()?);
    let started = Instant::now();
    let failed = calls_from_tasks(&client, calls).await;
    let seconds = started.elapsed().as_secs_f64();
    let (rss_end, fds_end) = (resident_mb()?, open_files()?);
    eprintln!(
        "soak: {calls} calls in {seconds:.1} s, {failed} failed; RSS {rss_start:.1} -> {rss_end:.1} MB; \
         open files {fds_start} -> {fds_end}"
    );
    support::report("soak.calls", calls as f64, "calls");
    support::report("soak.calls_per_s", calls as f64 / seconds, "calls/s");
    support::report("soak.failed", failed as f64, "calls");
    support::report("soak.rss_start_mb", rss_start, "MB");
    support::report("soak.rss_end_mb", rss_end, "MB");
    support::report("soak.rss_growth_mb", rss_end - rss_start, "MB");
    support::report("soak.fds_start", fds_start as f64, "files");
    support::report("soak.fds_end", fds_end as f64, "files");

    let growth = endless_body_peak_growth().await?;
    eprintln!("soak: one endless body raised the peak resident memory by {growth:.1} MB");
    support::report("soak.endless_body_peak_growth_mb", growth, "MB");

    concurrent_callers(if support::quick() { 2 } else { 10 }).await
}

const CALLERS: u64 = 1_000;

/// 1,000 callers at once, `calls` calls each, through one client with the default
/// settings, against a server that answers each request after 20 ms.
async fn concurrent_callers(calls: u64) -> Result<()> {
    let body = serde_json::to_vec(&support::example_body("get")?)?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let in_flight = Arc::new(InFlight::default());
    tokio::spawn(serve_slowly(
        listener,
        Arc::new(body),
        Arc::clone(&in_flight),
    ));
    let client = CloudflareClient::builder("bench-token")
        .base_url(format!("http://{address}"))
        .build()?;
    let (rss_before, fds_before) = (resident_mb()?, open_files()?);
    let peaks = Arc::new(Peaks::default());
    let sampling = tokio::spawn(sample(Arc::clone(&peaks)));
    let failed = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CALLERS {
        let client = client.clone();
        let failed = Arc::clone(&failed);
        tasks.push(tokio::spawn(async move {
            for _ in 0..calls {
                if client.builds().get(ACCOUNT, BUILD).await.is_err() {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let seconds = started.elapsed().as_secs_f64();
    sampling.abort();
    let total = CALLERS * calls;
    let (fds_peak, rss_peak) = (
        peaks.fds.load(Ordering::Relaxed),
        peaks.rss_kb.load(Ordering::Relaxed),
    );
    let server_peak = in_flight.peak.load(Ordering::Relaxed);
    eprintln!(
        "soak: {CALLERS} callers, {total} calls in {seconds:.1} s; at most {server_peak} at the \
         server at once; open files {fds_before} -> at most {fds_peak}; RSS {rss_before:.1} -> \
         at most {:.1} MB",
        rss_peak as f64 / 1024.0
    );
    support::report("soak.concurrent.callers", CALLERS as f64, "callers");
    support::report(
        "soak.concurrent.calls_per_s",
        total as f64 / seconds,
        "calls/s",
    );
    support::report(
        "soak.concurrent.failed",
        failed.load(Ordering::Relaxed) as f64,
        "calls",
    );
    support::report(
        "soak.concurrent.server_peak_in_flight",
        server_peak as f64,
        "requests",
    );
    support::report("soak.concurrent.fds_before", fds_before as f64, "files");
    support::report("soak.concurrent.fds_peak", fds_peak as f64, "files");
    support::report("soak.concurrent.rss_before_mb", rss_before, "MB");
    support::report(
        "soak.concurrent.rss_peak_mb",
        rss_peak as f64 / 1024.0,
        "MB",
    );
    Ok(())
}

/// The most open files and resident memory (kB) the sampler saw.
#[derive(Default)]
struct Peaks {
    fds: AtomicU64,
    rss_kb: AtomicU64,
}

/// Reads the open files and the resident memory every 5 ms, keeping the peaks.
async fn sample(peaks: Arc<Peaks>) {
    loop {
        if let Ok(fds) = open_files() {
            peaks.fds.fetch_max(fds as u64, Ordering::Relaxed);
        }
        if let Ok(kb) = status_kb("VmRSS:") {
            peaks.rss_kb.fetch_max(kb as u64, Ordering::Relaxed);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Requests the slow server is answering, and the most at once.
#[derive(Default)]
struct InFlight {
    now: AtomicU64,
    peak: AtomicU64,
}

/// Answers each request with a build after 20 ms.
async fn serve_slowly(listener: TcpListener, body: Arc<Vec<u8>>, in_flight: Arc<InFlight>) {
    let mut ok = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    ok.extend_from_slice(&body);
    let ok = Arc::new(ok);
    while let Ok((mut socket, _)) = listener.accept().await {
        let (ok, in_flight) = (Arc::clone(&ok), Arc::clone(&in_flight));
        tokio::spawn(async move {
            let mut pending = Vec::new();
            let mut chunk = [0u8; 4096];
            loop {
                while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                    pending.drain(..end + 4);
                    let now = in_flight.now.fetch_add(1, Ordering::Relaxed) + 1;
                    in_flight.peak.fetch_max(now, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    in_flight.now.fetch_sub(1, Ordering::Relaxed);
                    if socket.write_all(&ok).await.is_err() {
                        return;
                    }
                }
                match socket.read(&mut chunk).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => pending.extend_from_slice(&chunk[..n]),
                }
            }
        });
    }
}

/// `calls` calls shared by the tasks; how many failed after their retries.
async fn calls_from_tasks(client: &CloudflareClient, calls: u64) -> u64 {
    let failed = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let client = client.clone();
        let failed = Arc::clone(&failed);
        let share = calls / TASKS + u64::from(task < calls % TASKS);
        tasks.push(tokio::spawn(async move {
            for _ in 0..share {
                if let Err(error) = client.builds().get(ACCOUNT, BUILD).await {
                    // Faults that all landed on one call's six attempts (the tasks share
                    // the server's turns): rare, and shown.
                    if failed.fetch_add(1, Ordering::Relaxed) < 3 {
                        eprintln!("soak: a call failed: {error}");
                    }
                }
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    failed.load(Ordering::Relaxed)
}

/// The growth of the peak resident memory (`VmHWM`) over one call whose `200` body never
/// ends, read by a client with the default limit.
async fn endless_body_peak_growth() -> Result<f64> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                            transfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let mut chunk = format!("{:x}\r\n", 65536).into_bytes();
                chunk.extend(std::iter::repeat_n(b'x', 65536));
                chunk.extend_from_slice(b"\r\n");
                while socket.write_all(&chunk).await.is_ok() {}
            });
        }
    });
    let client = CloudflareClient::builder("bench-token")
        .base_url(format!("http://{address}"))
        .retry_policy(RetryPolicy::none())
        .build()?;
    let before = status_kb("VmHWM:")?;
    let result = client.builds().get(ACCOUNT, BUILD).await;
    let after = status_kb("VmHWM:")?;
    match result {
        Err(generated_client::Error::ResponseTooLarge { .. }) => {}
        other => return Err(format!("expected ResponseTooLarge, got {other:?}").into()),
    }
    Ok((after - before) / 1024.0)
}

/// The resident memory, in MB.
fn resident_mb() -> Result<f64> {
    Ok(status_kb("VmRSS:")? / 1024.0)
}

/// A `kB` line of `/proc/self/status`.
fn status_kb(key: &str) -> Result<f64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with(key))
        .ok_or_else(|| format!("/proc/self/status has no {key}"))?;
    let kb = line
        .split_whitespace()
        .nth(1)
        .ok_or_else(|| format!("no value in {line:?}"))?;
    Ok(kb.parse()?)
}

/// The process's open file descriptors.
fn open_files() -> Result<usize> {
    Ok(std::fs::read_dir("/proc/self/fd")?.count())
}

/// Answers requests in turn: seven `200`s, a `429`, a `503`, a dropped connection.
async fn serve(listener: TcpListener, body: Arc<Vec<u8>>) {
    let turn = Arc::new(AtomicU64::new(0));
    while let Ok((socket, _)) = listener.accept().await {
        tokio::spawn(connection(socket, Arc::clone(&body), Arc::clone(&turn)));
    }
}

async fn connection(socket: TcpStream, body: Arc<Vec<u8>>, turn: Arc<AtomicU64>) {
    let mut ok = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    ok.extend_from_slice(&body);
    const TOO_MANY: &[u8] =
        b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 0\r\ncontent-length: 0\r\n\r\n";
    const UNAVAILABLE: &[u8] =
        b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 0\r\ncontent-length: 0\r\n\r\n";
    support::answer_each_request(socket, || match turn.fetch_add(1, Ordering::Relaxed) % 10 {
        7 => Some(TOO_MANY),
        8 => Some(UNAVAILABLE),
        9 => None,
        _ => Some(ok.as_slice()),
    })
    .await;
}
