//! What the benches share: the spec's examples, `--quick`, medians, the output format, and
//! a minimal keep-alive HTTP/1.1 server loop.

use serde_json::Value;

/// The Workers Builds spec's builds resource, with its documentation examples.
const BUILDS_SPEC: &str = include_str!("../../../spec/cloudflare/builds.json");
/// Buddy's pipelines resource, with its documentation examples.
const PIPELINES_SPEC: &str = include_str!("../../../spec/buddy/pipelines.json");

/// The response body of the first example of operation `id` in spec/cloudflare/builds.json.
pub fn example_body(id: &str) -> Result<Value, String> {
    example_in(BUILDS_SPEC, id)
}

/// The response body of the first example of operation `id` in spec/buddy/pipelines.json.
pub fn buddy_example_body(id: &str) -> Result<Value, String> {
    example_in(PIPELINES_SPEC, id)
}

fn example_in(spec: &str, id: &str) -> Result<Value, String> {
    let spec: Value = serde_json::from_str(spec).map_err(|e| e.to_string())?;
    spec["operations"]
        .as_array()
        .and_then(|operations| operations.iter().find(|op| op["id"] == id))
        .map(|op| op["examples"][0]["response"]["body"].clone())
        .filter(|body| body.is_object())
        .ok_or_else(|| format!("the spec has no example response for `{id}`"))
}

/// Whether `--quick` was passed (after `cargo bench ... --`; cargo also passes `--bench`).
pub fn quick() -> bool {
    std::env::args().any(|arg| arg == "--quick")
}

/// The middle value (the mean of the two middle ones for an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Prints one figure as `cargo xtask bench` reads it: `name value unit`.
pub fn report(name: &str, value: f64, unit: &str) {
    println!("{name} {value:.3} {unit}");
}

/// Answers each request of a keep-alive connection with what `respond` gives (a request's
/// body, if it has a `Content-Length`, is read and dropped); `None` closes the connection
/// unanswered.
pub async fn answer_each_request<R: AsRef<[u8]>>(
    mut socket: tokio::net::TcpStream,
    mut respond: impl FnMut() -> Option<R>,
) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let _ = socket.set_nodelay(true);
    let mut pending = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            let length = content_length(&pending[..end]);
            if pending.len() < end + 4 + length {
                break;
            }
            pending.drain(..end + 4 + length);
            let Some(response) = respond() else {
                return;
            };
            if socket.write_all(response.as_ref()).await.is_err() {
                return;
            }
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => pending.extend_from_slice(&chunk[..n]),
        }
    }
}

/// The `Content-Length` of a request head; 0 without one.
fn content_length(head: &[u8]) -> usize {
    String::from_utf8_lossy(head)
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0)
}
