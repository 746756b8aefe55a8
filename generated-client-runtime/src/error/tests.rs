use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

use super::*;
use crate::{ErrorDetail, RateLimit};

fn call() -> Call {
    Call::new(
        "cloudflare.triggers.get",
        Method::GET,
        "https://api.cloudflare.com/client/v4/accounts/a/triggers/t".to_owned(),
    )
}

#[test]
fn excerpt_is_bounded_and_char_safe() {
    assert_eq!(one_line_excerpt(b"", 300), "");
    assert_eq!(excerpt(b"", 500), "");
    assert_eq!(excerpt(b"{\n  \"a\": 1\n}", 500), "{\n  \"a\": 1\n}");
    let cut = excerpt("é".repeat(600).as_bytes(), 500);
    assert_eq!(cut.chars().count(), 500);
    assert!(cut.ends_with("é…"));
    assert_eq!(excerpt(&[b'a'; 2001], 500).chars().count(), 500);
    assert_eq!(
        one_line_excerpt(b"  <html>\n\n  <body>Bad gateway</body>\r\n</html>  ", 300),
        "<html> <body>Bad gateway</body> </html>"
    );
    let long = "é".repeat(1000);
    let cut = one_line_excerpt(long.as_bytes(), 300);
    assert_eq!(cut.chars().count(), 300);
    assert!(cut.ends_with('…'));
    let short = one_line_excerpt(&[0xff, b'a', 0xfe], 300);
    assert_eq!(short, "\u{fffd}a\u{fffd}");
    // A multi-byte character split by the byte window is never split in the output.
    let mut bytes = "x".repeat(10).into_bytes();
    bytes.extend_from_slice("€".as_bytes());
    assert_eq!(one_line_excerpt(&bytes, 5), "xxxx…");
    assert_eq!(one_line_excerpt(&bytes, 11), "xxxxxxxxxx€");
    assert_eq!(excerpt(&bytes, 5), "xxxx…");
    assert_eq!(excerpt(&bytes, 11), "xxxxxxxxxx€");
}

#[test]
fn api_error_display() {
    let mut error = ApiError {
        call: call(),
        status: StatusCode::NOT_FOUND,
        details: vec![ErrorDetail::new(Some(12000), Some("Not found".into()))],
        body: Bytes::new(),
        headers: HeaderMap::new(),
        rate_limit: RateLimit::default(),
        retry_after: None,
        attempts: 1,
    };
    assert_eq!(
        error.to_string(),
        "cloudflare.triggers.get (GET https://api.cloudflare.com/client/v4/accounts/a/triggers/t): HTTP 404 Not Found: [12000] Not found"
    );
    error
        .details
        .push(ErrorDetail::new(None, Some("again".into())));
    assert_eq!(
        error.to_string(),
        "cloudflare.triggers.get (GET https://api.cloudflare.com/client/v4/accounts/a/triggers/t): HTTP 404 Not Found: [12000] Not found; again"
    );
    error.details.clear();
    error.status = StatusCode::BAD_GATEWAY;
    error.body = Bytes::from(format!("<html>{}</html>", "x".repeat(1000)));
    error.attempts = 3;
    let text = error.to_string();
    assert!(
        text.starts_with("cloudflare.triggers.get (GET https://api.cloudflare.com/client/v4/accounts/a/triggers/t): HTTP 502 Bad Gateway: <html>xxx"),
        "{text}"
    );
    assert!(text.ends_with("… (after 3 attempts)"), "{text}");
    assert!(text.len() < 500);
    assert_eq!(codes(&error), Vec::<i64>::new());
}

fn codes(error: &ApiError) -> Vec<i64> {
    error.codes().collect()
}

#[test]
fn every_kind_names_the_call_or_the_fix() {
    let timeout = Error::Timeout {
        call: call(),
        after: std::time::Duration::from_secs(60),
    };
    assert_eq!(
        timeout.to_string(),
        "cloudflare.triggers.get (GET https://api.cloudflare.com/client/v4/accounts/a/triggers/t): no response within 60 s"
    );
    assert_eq!(timeout.operation(), Some("cloudflare.triggers.get"));
    let config = Error::from(ConfigError::new("the API token is empty", "pass a token"));
    assert_eq!(config.to_string(), "the API token is empty; pass a token");
    assert!(config.call().is_none() && !config.is_retryable());
    assert_eq!(
        Seconds(std::time::Duration::from_millis(1500)).to_string(),
        "1.5 s"
    );
    assert_eq!(
        Seconds(std::time::Duration::from_millis(250)).to_string(),
        "250 ms"
    );
}
