//! Request overhead: sequential `client.builds().get(..)` calls against a minimal HTTP/1.1
//! keep-alive server on loopback (in this process), compared with the same requests
//! through a bare `reqwest::Client` that sends the same headers and decodes the same
//! envelope.
//!
//! Prints `requests.client.rps`, `requests.reqwest.rps` and `requests.client_vs_reqwest`.
//! `-- --quick`: 1,000 requests, one round (else 2,000 requests, median of 3 rounds). Within
//! a round the two alternate in batches of 50 requests.

// Each bench uses only part of what the benches share.
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use generated_client::cloudflare::{Build, CloudflareClient, ResponseEnvelope};
use reqwest::header::{ACCEPT, AUTHORIZATION, USER_AGENT};
use tokio::net::TcpListener;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const BUILD: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";
const TOKEN: &str = "bench-token";
const WARM_UP: usize = 100;
/// Requests in a row through one before switching to the other.
const BATCH: usize = 50;

fn main() -> Result<()> {
    let (requests, rounds) = if support::quick() {
        (1_000, 1)
    } else {
        (2_000, 3)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(requests, rounds))
}

async fn run(requests: usize, rounds: usize) -> Result<()> {
    let body = serde_json::to_vec(&support::example_body("get")?)?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(serve(listener, body));

    // Both sides send through the same reqwest client, so that the figure is what the
    // generated client adds: building the request, headers, timeout, tracing, retries,
    // rate limits and decoding through the envelope.
    let http = reqwest::Client::new();
    let client = CloudflareClient::builder(TOKEN)
        .base_url(format!("http://{address}"))
        .http_client(http.clone())
        .build()?;
    let url = format!("http://{address}/accounts/{ACCOUNT}/builds/builds/{BUILD}");

    with_client(&client, WARM_UP).await?;
    with_reqwest(&http, &url, WARM_UP).await?;
    // Each round sends `requests` through each, interleaved in batches with the order
    // alternating, so that the machine's drift (which is large next to the difference)
    // hits both alike.
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let (mut our_time, mut their_time) = (0.0, 0.0);
        for batch in 0..requests.div_ceil(BATCH) {
            let n = BATCH.min(requests - batch * BATCH);
            if batch % 2 == 0 {
                our_time += with_client(&client, n).await?;
                their_time += with_reqwest(&http, &url, n).await?;
            } else {
                their_time += with_reqwest(&http, &url, n).await?;
                our_time += with_client(&client, n).await?;
            }
        }
        ours.push(requests as f64 / our_time);
        theirs.push(requests as f64 / their_time);
    }
    let text = |rps: &[f64]| {
        rps.iter()
            .map(|r| format!("{r:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    eprintln!(
        "requests: rounds of {requests}: client {} req/s; reqwest {} req/s",
        text(&ours),
        text(&theirs)
    );
    let (ours, theirs) = (support::median(ours), support::median(theirs));
    support::report("requests.client.rps", ours, "req/s");
    support::report("requests.reqwest.rps", theirs, "req/s");
    support::report("requests.client_vs_reqwest", ours / theirs, "x");
    Ok(())
}

/// `n` calls through the generated client; seconds.
async fn with_client(client: &CloudflareClient, n: usize) -> Result<f64> {
    let started = Instant::now();
    for _ in 0..n {
        let build: Build = client.builds().get(ACCOUNT, BUILD).send().await?;
        black_box(build);
    }
    Ok(started.elapsed().as_secs_f64())
}

/// The same `n` requests through bare reqwest, with the client's headers and decoding;
/// seconds.
async fn with_reqwest(http: &reqwest::Client, url: &str, n: usize) -> Result<f64> {
    let user_agent = concat!("generated-client/", env!("CARGO_PKG_VERSION"));
    let authorization = format!("Bearer {TOKEN}");
    let started = Instant::now();
    for _ in 0..n {
        let response = http
            .get(url)
            .header(AUTHORIZATION, authorization.as_str())
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, user_agent)
            .send()
            .await?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()).into());
        }
        let bytes = response.bytes().await?;
        let envelope: ResponseEnvelope<Build> = serde_json::from_slice(&bytes)?;
        if !envelope.success {
            return Err("the envelope says success: false".into());
        }
        black_box(envelope.result.ok_or("no result")?);
    }
    Ok(started.elapsed().as_secs_f64())
}

/// Answers every request of every connection with `body`; keeps connections open.
async fn serve(listener: TcpListener, body: Vec<u8>) {
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    let response = Arc::new(response);
    while let Ok((socket, peer)) = listener.accept().await {
        tokio::spawn(connection(socket, peer, Arc::clone(&response)));
    }
}

/// Answers each request of a connection with `response`.
async fn connection(socket: tokio::net::TcpStream, _peer: SocketAddr, response: Arc<Vec<u8>>) {
    support::answer_each_request(socket, || Some(response.as_slice())).await;
}
