//! A loopback server that enforces a rate limit as the services do, scaled down: a fixed
//! window of `limit` requests, beginning at the first request after the last window
//! ended (on a whole second, so that a reset given as a Unix time is exact), answered
//! with the service's own headers; past the limit, `429` with `Retry-After`.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

/// Which headers the server sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Cloudflare's: `Ratelimit: "default";r=<left>;t=<seconds to reset, rounded up>` and
    /// `Ratelimit-Policy: "default";q=<limit>;w=<window>`.
    Structured,
    /// Buddy's: `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining`, and `X-Rate-Limit-Reset`
    /// as a Unix time in seconds.
    Separate,
}

/// What the server counted.
#[derive(Debug, Default)]
pub struct Counts {
    pub served: AtomicUsize,
    pub rejected: AtomicUsize,
}

impl Counts {
    pub fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }

    pub fn rejected(&self) -> usize {
        self.rejected.load(Ordering::SeqCst)
    }
}

struct Limited {
    style: Style,
    limit: u64,
    window: Duration,
    /// The current window's end and the requests counted in it.
    current: Mutex<(Duration, u64)>,
    counts: Arc<Counts>,
}

impl Respond for Limited {
    fn respond(&self, _: &wiremock::Request) -> ResponseTemplate {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let (end, count) = {
            let mut current = self.current.lock().unwrap_or_else(|e| e.into_inner());
            if now >= current.0 {
                *current = (Duration::from_secs(now.as_secs()) + self.window, 0);
            }
            current.1 += 1;
            *current
        };
        let left = end.saturating_sub(now);
        let left_seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        let remaining = self.limit.saturating_sub(count);
        let template = if count > self.limit {
            self.counts.rejected.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(429).insert_header("Retry-After", left_seconds.to_string())
        } else {
            self.counts.served.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(super::envelope(serde_json::json!(count)))
        };
        match self.style {
            Style::Structured => template
                .insert_header(
                    "Ratelimit",
                    format!("\"default\";r={remaining};t={left_seconds}"),
                )
                .insert_header(
                    "Ratelimit-Policy",
                    format!("\"default\";q={};w={}", self.limit, self.window.as_secs()),
                ),
            Style::Separate => template
                .insert_header("X-Rate-Limit-Limit", self.limit.to_string())
                .insert_header("X-Rate-Limit-Remaining", remaining.to_string())
                .insert_header("X-Rate-Limit-Reset", end.as_secs().to_string()),
        }
    }
}

/// A server allowing `limit` requests per `window` (whole seconds).
pub async fn server(style: Style, limit: u64, window: Duration) -> (MockServer, Arc<Counts>) {
    let server = MockServer::start().await;
    let counts = Arc::new(Counts::default());
    Mock::given(any())
        .respond_with(Limited {
            style,
            limit,
            window,
            current: Mutex::new((Duration::ZERO, 0)),
            counts: Arc::clone(&counts),
        })
        .mount(&server)
        .await;
    (server, counts)
}
