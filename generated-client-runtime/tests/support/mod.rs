//! Hand-written services shaped like the generated ones: `Env`, an enveloped API with a
//! structured rate-limit header (like Cloudflare), `Plain`, plain JSON bodies with
//! separate rate-limit headers (like Buddy), and `Keyed`, which also takes an email and
//! API key (like Cloudflare's global API key); and (`limited`) a loopback server that
//! enforces a rate limit.

#![allow(dead_code)]

pub mod counting;
pub mod limited;

use std::time::Duration;

use generated_client_runtime::__private::{
    self as runtime, ApiKeyScheme, Client, DecodeFailure, PageInfo, RateLimitHeaders, Service,
};
use generated_client_runtime::{ClientBuilder, ErrorDetail, RetryPolicy};
use serde::Deserialize;
use wiremock::MockServer;

pub const TOKEN: &str = "tok-SECRET-1234567890";

#[derive(Debug)]
pub struct Env;

#[derive(Debug, Default, Deserialize)]
pub struct ResultInfo {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub total_pages: Option<u64>,
}

impl ResultInfo {
    pub fn page_info(&self) -> PageInfo {
        PageInfo {
            page: self.page,
            per_page: self.per_page,
            total_pages: self.total_pages,
        }
    }
}

/// The envelope minus its result.
#[derive(Debug, Default)]
pub struct EnvMeta {
    pub messages: Vec<serde_json::Value>,
    pub result_info: Option<ResultInfo>,
}

#[derive(Deserialize)]
struct WireError {
    code: Option<i64>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct Envelope<T> {
    success: bool,
    #[serde(default)]
    errors: Vec<WireError>,
    #[serde(default)]
    messages: Vec<serde_json::Value>,
    result: Option<T>,
    result_info: Option<ResultInfo>,
}

#[derive(Deserialize)]
struct ErrorEnvelope {
    errors: Vec<WireError>,
}

fn details(errors: Vec<WireError>) -> Vec<ErrorDetail> {
    errors
        .into_iter()
        .map(|e| ErrorDetail::new(e.code, e.message))
        .collect()
}

impl Service for Env {
    const NAME: &'static str = "env";
    const CLIENT_NAME: &'static str = "EnvClient";
    const USER_AGENT: &'static str = "env-client/1.0";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.invalid/client/v4";
    const TOKEN_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_TOKEN";
    const BASE_URL_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_BASE_URL";
    const HEADERS: &'static [(&'static str, &'static str)] = &[];
    const RATE_LIMIT: RateLimitHeaders = RateLimitHeaders::Structured {
        header: "Ratelimit",
        policy: Some("Ratelimit-Policy"),
    };
    type Meta = EnvMeta;
    type Client = Client<Self>;

    fn error_details(body: &[u8]) -> Option<Vec<ErrorDetail>> {
        serde_json::from_slice::<ErrorEnvelope>(body)
            .ok()
            .map(|e| details(e.errors))
    }
}

impl runtime::Envelope for EnvMeta {
    const RESULT: &'static str = "result";

    fn split(body: &str) -> Result<(Option<&str>, EnvMeta), DecodeFailure> {
        let envelope: Envelope<&serde_json::value::RawValue> = runtime::decode_text(body)?;
        if !envelope.success {
            return Err(DecodeFailure::Unsuccessful(details(envelope.errors)));
        }
        Ok((
            envelope.result.map(serde_json::value::RawValue::get),
            EnvMeta {
                messages: envelope.messages,
                result_info: envelope.result_info,
            },
        ))
    }
}

#[derive(Debug)]
pub struct Plain;

impl Service for Plain {
    const NAME: &'static str = "plain";
    const CLIENT_NAME: &'static str = "PlainClient";
    const USER_AGENT: &'static str = "env-client/1.0";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.invalid";
    const TOKEN_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_TOKEN";
    const BASE_URL_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_BASE_URL";
    const HEADERS: &'static [(&'static str, &'static str)] =
        &[("X-Plain-Media-Type", "plain.v1.1.0")];
    const RATE_LIMIT: RateLimitHeaders = RateLimitHeaders::Separate {
        limit: "X-Rate-Limit-Limit",
        remaining: "X-Rate-Limit-Remaining",
        reset: "X-Rate-Limit-Reset",
    };
    type Meta = ();
    type Client = Client<Self>;

    fn error_details(body: &[u8]) -> Option<Vec<ErrorDetail>> {
        serde_json::from_slice::<ErrorEnvelope>(body)
            .ok()
            .map(|e| details(e.errors))
    }
}

/// A service with a second authentication scheme, an email and an API key in two
/// headers (like Cloudflare's global API key); plain JSON bodies.
#[derive(Debug)]
pub struct Keyed;

pub const EMAIL: &str = "owner@example.com";
pub const API_KEY: &str = "k3y-SECRET-0123456789abcdef";

impl Service for Keyed {
    const NAME: &'static str = "keyed";
    const CLIENT_NAME: &'static str = "KeyedClient";
    const USER_AGENT: &'static str = "keyed-client/1.0";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.invalid";
    const TOKEN_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_KEYED_TOKEN";
    const BASE_URL_ENV: &'static str = "GENERATED_CLIENT_TEST_UNSET_KEYED_URL";
    const API_KEY: Option<ApiKeyScheme> = Some(ApiKeyScheme {
        email_header: "X-Auth-Email",
        key_header: "X-Auth-Key",
        email_env: "GENERATED_CLIENT_TEST_UNSET_KEYED_EMAIL",
        key_env: "GENERATED_CLIENT_TEST_UNSET_KEYED_API_KEY",
    });
    const HEADERS: &'static [(&'static str, &'static str)] = &[];
    const RATE_LIMIT: RateLimitHeaders = RateLimitHeaders::None;
    type Meta = ();
    type Client = Client<Self>;

    fn error_details(body: &[u8]) -> Option<Vec<ErrorDetail>> {
        serde_json::from_slice::<ErrorEnvelope>(body)
            .ok()
            .map(|e| details(e.errors))
    }
}

/// Retries with millisecond waits, so that tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

pub fn builder<S: Service>(server: &MockServer, base_path: &str) -> ClientBuilder<S> {
    ClientBuilder::<S>::new(TOKEN)
        .base_url(format!("{}{base_path}", server.uri()))
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(5))
}

pub fn env_client(server: &MockServer) -> Client<Env> {
    builder::<Env>(server, "/client/v4")
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

pub fn plain_client(server: &MockServer) -> Client<Plain> {
    builder::<Plain>(server, "/api")
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A successful envelope around `result`.
pub fn envelope(result: serde_json::Value) -> serde_json::Value {
    serde_json::json!({ "success": true, "errors": [], "messages": [], "result": result })
}

/// A failed envelope with one error.
pub fn failure(code: i64, message: &str) -> serde_json::Value {
    serde_json::json!({
        "success": false,
        "errors": [{ "code": code, "message": message }],
        "messages": [],
        "result": null
    })
}

pub async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}
