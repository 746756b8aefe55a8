//! The HTTP side of `docs fetch`: one GET per page, a few at a time, each bounded in
//! time and size. What arrives is judged by `codegen_pages::fetch::check_page`.

use std::time::Duration;

use codegen_pages::fetch::MAX_PAGE_BYTES;
use futures_util::StreamExt;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, LOCATION};
use reqwest::{Client, Url, redirect};

/// How many pages are downloaded at once: quick for the ~150 pages, gentle on the site.
const IN_FLIGHT: usize = 4;

/// Redirects followed per page, all within the origin asked.
pub const MAX_REDIRECTS: usize = 5;

/// What the server sent for one page.
#[derive(Debug)]
pub struct Download {
    /// Where the body came from, after the redirects followed.
    pub final_url: Url,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    /// At most `MAX_PAGE_BYTES` + 1 bytes: reading stops there.
    pub body: Vec<u8>,
}

/// Downloads every URL, in order, each within `timeout`; a failure is said in words.
pub fn download_all(
    urls: &[Url],
    timeout: Duration,
) -> Result<Vec<Result<Download, String>>, String> {
    let client = client(timeout)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the HTTP runtime: {e}"))?;
    Ok(runtime.block_on(
        futures_util::stream::iter(urls)
            .map(|url| download(&client, url, timeout))
            .buffered(IN_FLIGHT)
            .collect(),
    ))
}

fn client(timeout: Duration) -> Result<Client, String> {
    // ring is the crypto provider (the quicker of rustls' two to build); installed for the
    // process, unless one already is.
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    Client::builder()
        .user_agent(concat!("xtask-docs-fetch/", env!("CARGO_PKG_VERSION")))
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(redirect::Policy::custom(|attempt| {
            let same_origin = attempt
                .previous()
                .first()
                .is_some_and(|first| first.origin() == attempt.url().origin());
            if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
                attempt.follow()
            } else {
                // The 3xx answer comes back, and `refused_redirect` says why.
                attempt.stop()
            }
        }))
        .build()
        .map_err(|e| format!("cannot create the HTTP client: {}", chain(&e)))
}

async fn download(client: &Client, url: &Url, timeout: Duration) -> Result<Download, String> {
    let seconds = timeout.as_secs_f64();
    let failed = |e: reqwest::Error| {
        if e.is_timeout() {
            format!("no answer within {seconds} s")
        } else {
            format!("cannot download it: {}", chain(&e.without_url()))
        }
    };
    let mut response = client.get(url.clone()).send().await.map_err(failed)?;
    let status = response.status();
    if status.is_redirection() {
        return Err(refused_redirect(&response));
    }
    if !status.is_success() {
        return Err(format!("HTTP {status} from {}", response.url()));
    }
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|value: &reqwest::header::HeaderValue| value.to_str().ok())
            .map(str::to_owned)
    };
    let content_type = header(CONTENT_TYPE);
    let content_length = header(CONTENT_LENGTH).and_then(|n| n.trim().parse::<u64>().ok());
    let mut download = Download {
        final_url: response.url().clone(),
        content_type,
        content_length,
        body: Vec::new(),
    };
    // A body announced over the limit is not read; the checks refuse it by its length.
    if content_length.is_some_and(|n| n > MAX_PAGE_BYTES as u64) {
        return Ok(download);
    }
    while download.body.len() <= MAX_PAGE_BYTES {
        match response.chunk().await {
            Ok(Some(chunk)) => download.body.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return Err(format!(
                    "the page did not arrive within {seconds} s ({} bytes had)",
                    download.body.len()
                ));
            }
            // Shorter than announced: the checks say so with both lengths.
            Err(_) if content_length.is_some_and(|n| (download.body.len() as u64) < n) => break,
            Err(e) => {
                return Err(format!(
                    "the connection broke after {} bytes: {}",
                    download.body.len(),
                    chain(&e.without_url())
                ));
            }
        }
    }
    // Past the limit, the rest is not waited for: the checks refuse the page.
    download.body.truncate(MAX_PAGE_BYTES + 1);
    Ok(download)
}

/// Why a redirect the policy stopped was not followed.
fn refused_redirect(response: &reqwest::Response) -> String {
    let status = response.status();
    let Some(location) = response
        .headers()
        .get(LOCATION)
        .and_then(|value| value.to_str().ok())
    else {
        return format!("HTTP {status} without a Location to go to");
    };
    match response.url().join(location) {
        Ok(next) if next.origin() != response.url().origin() => format!(
            "HTTP {status}: redirected to {next}, another origin; not followed (only \
             redirects within {} are)",
            response.url().origin().ascii_serialization()
        ),
        Ok(next) => format!(
            "HTTP {status}: more than {MAX_REDIRECTS} redirects (the last to {next}); not followed"
        ),
        Err(e) => format!("HTTP {status}: redirected to {location:?}, which is not a URL: {e}"),
    }
}

/// An error and its causes, `: `-separated, each said once.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let message = cause.to_string();
        if !text.contains(&message) {
            text.push_str(": ");
            text.push_str(&message);
        }
        source = cause.source();
    }
    text
}
