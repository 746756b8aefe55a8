//! Limits: what the retry budget spares a failing server, and how close to a rate limit
//! the client's calls run without a `429`, against loopback servers.
//!
//! **Retry budget.** A server that answers every request `503`: 200 callers at once
//! through one Cloudflare client (retries without backoff, the default budget), twice:
//! the requests per call while the budget lasts and once it is spent, and with the budget
//! disabled. Then a server that fails one request in twenty: 2,000 calls from 20 tasks
//! (400 with `--quick`), the calls that failed and the requests per call. Prints
//! `limits.budget.{fresh,spent,unlimited,flaky}_requests_per_call` and
//! `limits.budget.flaky_failed`.
//!
//! **Rate limits.** A server that allows 250 requests per 5 s window (20 per 1 s with
//! `--quick`), windows starting on a whole second, and answers with the service's own
//! headers: Cloudflare's `Ratelimit` (`t` rounded up to a whole second) and
//! `Ratelimit-Policy` to `builds().get(..)`, Buddy's `X-Rate-Limit-*` (reset as a Unix
//! time) to `pipelines().clear_cache(..)`; past the limit, `429`. Sixteen tasks call
//! through one client with the default settings for four windows (two with `--quick`),
//! from the start of a window. Prints, per service, `limits.rate.<service>.limit_per_s`,
//! `.calls_per_s` (requests the server served in those windows, per second),
//! `.vs_limit` (their ratio), `.rejected` (`429`s sent) and `.reset_lag_ms` (the median
//! time from a window's start to its first request, the first window left out).

// The limits use only part of what the benches share.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use generated_client::RetryPolicy;
use generated_client::buddy::BuddyClient;
use generated_client::cloudflare::CloudflareClient;
use generated_client::runtime::RetryBudget;
use tokio::net::TcpListener;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const BUILD: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
const UNAVAILABLE: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n";

fn main() -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(support::quick()))
}

async fn run(quick: bool) -> Result<()> {
    budget(if quick { 400 } else { 2_000 }).await?;
    let (limit, window, windows) = if quick { (20, 1, 2) } else { (250, 5, 4) };
    let window = Duration::from_secs(window);
    rate_limit(Style::Cloudflare, limit, window, windows).await?;
    rate_limit(Style::Buddy, limit, window, windows).await
}

/// A 200 with the build of the documentation's example.
fn ok_response(body: &serde_json::Value, status: &str, headers: &str) -> Result<Vec<u8>> {
    let body = serde_json::to_vec(body)?;
    let mut response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    Ok(response)
}

/// A server answering each request as `respond` says for its number; the requests it got.
async fn serve(
    respond: impl Fn(u64) -> Vec<u8> + Send + Sync + 'static,
) -> Result<(String, Arc<AtomicU64>)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let count = Arc::new(AtomicU64::new(0));
    let (counter, respond) = (Arc::clone(&count), Arc::new(respond));
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (counter, respond) = (Arc::clone(&counter), Arc::clone(&respond));
            tokio::spawn(async move {
                support::answer_each_request(socket, || {
                    Some(respond(counter.fetch_add(1, Ordering::Relaxed)))
                })
                .await;
            });
        }
    });
    Ok((format!("http://{address}"), count))
}

fn cloudflare(base_url: &str, budget: RetryBudget) -> Result<CloudflareClient> {
    let no_wait = RetryPolicy::default()
        .with_initial_backoff(Duration::ZERO)
        .with_max_backoff(Duration::ZERO);
    Ok(CloudflareClient::builder("bench-token")
        .base_url(base_url)
        .retry_policy(no_wait)
        .retry_budget(budget)
        .build()?)
}

/// `callers` calls at once; how many failed.
async fn at_once(client: &CloudflareClient, callers: u64) -> u64 {
    let tasks: Vec<_> = (0..callers)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.builds().get(ACCOUNT, BUILD).await.is_err() })
        })
        .collect();
    let mut failed = 0;
    for task in tasks {
        failed += u64::from(task.await.unwrap_or(true));
    }
    failed
}

async fn budget(flaky_calls: u64) -> Result<()> {
    const CALLERS: u64 = 200;
    let (base_url, requests) = serve(|_| UNAVAILABLE.to_vec()).await?;
    let client = cloudflare(&base_url, RetryBudget::default())?;
    let mut per_call = Vec::new();
    for _ in 0..2 {
        let before = requests.load(Ordering::Relaxed);
        at_once(&client, CALLERS).await;
        per_call.push((requests.load(Ordering::Relaxed) - before) as f64 / CALLERS as f64);
    }
    let unlimited = cloudflare(&base_url, RetryBudget::disabled())?;
    let before = requests.load(Ordering::Relaxed);
    at_once(&unlimited, CALLERS).await;
    let unlimited = (requests.load(Ordering::Relaxed) - before) as f64 / CALLERS as f64;
    eprintln!(
        "limits: {CALLERS} callers of an always-503 server: {:.2} requests a call with the \
         budget, {:.2} once it is spent, {unlimited:.2} without",
        per_call[0], per_call[1]
    );
    support::report(
        "limits.budget.fresh_requests_per_call",
        per_call[0],
        "requests",
    );
    support::report(
        "limits.budget.spent_requests_per_call",
        per_call[1],
        "requests",
    );
    support::report(
        "limits.budget.unlimited_requests_per_call",
        unlimited,
        "requests",
    );

    let ok = ok_response(&support::example_body("get")?, "200 OK", "")?;
    let (base_url, requests) = serve(move |n| {
        if n % 20 == 19 {
            UNAVAILABLE.to_vec()
        } else {
            ok.clone()
        }
    })
    .await?;
    let client = cloudflare(&base_url, RetryBudget::default())?;
    let mut failed = 0;
    for _ in 0..flaky_calls / 20 {
        failed += at_once(&client, 20).await;
    }
    let per_call = requests.load(Ordering::Relaxed) as f64 / flaky_calls as f64;
    eprintln!(
        "limits: {flaky_calls} calls, one request in twenty failing: {failed} failed, \
         {per_call:.3} requests a call"
    );
    support::report("limits.budget.flaky_failed", failed as f64, "calls");
    support::report(
        "limits.budget.flaky_requests_per_call",
        per_call,
        "requests",
    );
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Cloudflare,
    Buddy,
}

/// The server's count: the current window's end (Unix time) and requests, and over the
/// measured windows the requests served, the `429`s, and each window's lag.
#[derive(Default)]
struct Window {
    end: Duration,
    count: u64,
    served: u64,
    rejected: u64,
    lags: Vec<f64>,
}

fn unix_now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// The answer of a server that allows `limit` requests per `window`, at `now`.
fn limited(
    state: &Mutex<Window>,
    style: Style,
    (limit, window, until): (u64, Duration, Duration),
    ok: &[u8],
) -> Vec<u8> {
    let now = unix_now();
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    if now >= state.end {
        let start = Duration::from_secs(now.as_secs());
        // The first window's lag is the bench's start, not the client's wait.
        if state.end != Duration::ZERO && now < until {
            state.lags.push((now - start).as_secs_f64() * 1000.0);
        }
        state.end = start + window;
        state.count = 0;
    }
    state.count += 1;
    let measured = now < until;
    let remaining = limit.saturating_sub(state.count);
    let left = state.end.saturating_sub(now);
    let left = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    let headers = match style {
        Style::Cloudflare => format!(
            "ratelimit: \"default\";r={remaining};t={left}\r\nratelimit-policy: \"default\";q={limit};w={}\r\n",
            window.as_secs()
        ),
        Style::Buddy => format!(
            "x-rate-limit-limit: {limit}\r\nx-rate-limit-remaining: {remaining}\r\nx-rate-limit-reset: {}\r\n",
            state.end.as_secs()
        ),
    };
    if state.count > limit {
        state.rejected += u64::from(measured);
        return format!(
            "HTTP/1.1 429 Too Many Requests\r\nretry-after: {left}\r\ncontent-length: 0\r\n{headers}\r\n"
        )
        .into_bytes();
    }
    state.served += u64::from(measured);
    // The body's head is the one made for the service; its rate-limit headers are these.
    let split = ok.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0) + 2;
    let mut response = ok[..split].to_vec();
    response.extend_from_slice(headers.as_bytes());
    response.extend_from_slice(&ok[split..]);
    response
}

async fn rate_limit(style: Style, limit: u64, window: Duration, windows: u32) -> Result<()> {
    const TASKS: usize = 16;
    let (name, ok) = match style {
        Style::Cloudflare => (
            "cloudflare",
            ok_response(&support::example_body("get")?, "200 OK", "")?,
        ),
        Style::Buddy => (
            "buddy",
            ok_response(
                &support::buddy_example_body("clear_cache")?,
                "201 Created",
                "",
            )?,
        ),
    };
    // From the next whole second, when the server's first window starts.
    let start = Duration::from_secs(unix_now().as_secs() + 1);
    tokio::time::sleep(start.saturating_sub(unix_now())).await;
    let span = window * windows;
    let until = start + span;
    let state = Arc::new(Mutex::new(Window::default()));
    let shared = Arc::clone(&state);
    let (base_url, _) =
        serve(move |_| limited(&shared, style, (limit, window, until), &ok)).await?;
    let end = Instant::now() + span;
    let call = {
        let cloudflare = CloudflareClient::builder("bench-token")
            .base_url(&base_url)
            .build()?;
        let buddy = BuddyClient::builder("bench-token")
            .base_url(&base_url)
            .build()?;
        move || {
            let (cloudflare, buddy) = (cloudflare.clone(), buddy.clone());
            async move {
                match style {
                    Style::Cloudflare => cloudflare.builds().get(ACCOUNT, BUILD).await.is_ok(),
                    Style::Buddy => buddy
                        .pipelines()
                        .clear_cache("buddy", "company-website", 2)
                        .await
                        .is_ok(),
                }
            }
        }
    };
    let failed = Arc::new(AtomicU64::new(0));
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (call, failed) = (call.clone(), Arc::clone(&failed));
            tokio::spawn(async move {
                // A call still waiting for the next window at the end is cancelled.
                while let Ok(ok) = tokio::time::timeout_at(end.into(), call()).await {
                    failed.fetch_add(u64::from(!ok), Ordering::Relaxed);
                }
            })
        })
        .collect();
    for task in tasks {
        let _ = task.await;
    }
    let state = state.lock().unwrap_or_else(PoisonError::into_inner);
    let per_s = limit as f64 / window.as_secs_f64();
    let served = state.served as f64 / span.as_secs_f64();
    let lag = support::median(state.lags.clone());
    eprintln!(
        "limits: {name}: {} served in {windows} windows of {limit} requests per {} s, {} 429s, \
         {} calls failed; a window's first request {lag:.0} ms after its start (median)",
        state.served,
        window.as_secs(),
        state.rejected,
        failed.load(Ordering::Relaxed)
    );
    support::report(&format!("limits.rate.{name}.limit_per_s"), per_s, "req/s");
    support::report(&format!("limits.rate.{name}.calls_per_s"), served, "req/s");
    support::report(&format!("limits.rate.{name}.vs_limit"), served / per_s, "x");
    support::report(
        &format!("limits.rate.{name}.rejected"),
        state.rejected as f64,
        "responses",
    );
    support::report(&format!("limits.rate.{name}.reset_lag_ms"), lag, "ms");
    Ok(())
}
