//! A loopback Cloudflare Workers platform: the part of the API the deploy part of the tour
//! calls, with state, so that what the tour reads back is what it wrote. Uploads are read
//! with a real multipart parser and checked as Cloudflare checks them (a metadata part, a
//! main module among the files, sent as an ES module, bindings to namespaces that exist);
//! versions keep the modules they were uploaded with, deployments name versions, and what
//! a script serves is the main module of its deployed version. Answers are Cloudflare's
//! envelope, shaped like the pages' examples; a refused request gets the envelope's error.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use futures_util::FutureExt as _;
use generated_client::jiff::Timestamp;
use multer::bytes::Bytes;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use wiremock::matchers::path_regex;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

mod storage;
mod workers;

/// The platform: one account, reached with one API token. Clones share the state.
#[derive(Clone)]
pub struct Platform {
    inner: Arc<Inner>,
}

struct Inner {
    account: String,
    token: String,
    state: Mutex<State>,
}

/// Everything the account holds.
#[derive(Default)]
struct State {
    scripts: BTreeMap<String, workers::Script>,
    kv_namespaces: BTreeMap<String, storage::KvNamespace>,
    databases: BTreeMap<String, storage::Database>,
    queues: BTreeMap<String, storage::Queue>,
    /// Counts the ids handed out, so that each is new.
    issued: u64,
}

impl State {
    /// A new 32-digit hex id, the form of Cloudflare's KV namespace and queue ids.
    fn hex_id(&mut self, kind: &str) -> String {
        self.issued += 1;
        hex(&Sha256::digest(format!("{kind}/{}", self.issued)))[..32].to_owned()
    }

    /// A new UUID, the form of Cloudflare's version, deployment and D1 database ids.
    fn uuid(&mut self, kind: &str) -> String {
        self.issued += 1;
        let digest = Sha256::digest(format!("{kind}/{}", self.issued));
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        generated_client::uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

/// A request the platform refuses: the HTTP status, and the code and message of the
/// envelope's error. The codes are Cloudflare's where its pages show one for the case
/// (7003, 10000); the messages say what the platform checked.
#[derive(Debug)]
pub struct Refusal {
    status: u16,
    code: u32,
    message: String,
}

impl Refusal {
    fn new(status: u16, code: u32, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }

    /// A request whose content the platform does not accept.
    fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, 10021, message)
    }

    /// A request naming something the account does not hold.
    fn not_found(message: impl Into<String>) -> Self {
        Self::new(404, 10007, message)
    }

    /// A create whose name is taken.
    fn conflict(message: impl Into<String>) -> Self {
        Self::new(409, 10014, message)
    }

    fn into_response(self) -> ResponseTemplate {
        ResponseTemplate::new(self.status).set_body_json(json!({
            "success": false,
            "errors": [{"code": self.code, "message": self.message}],
            "messages": [],
            "result": null,
        }))
    }
}

/// What a route answers: a response, or the reason it refuses.
type Answer = Result<ResponseTemplate, Refusal>;

/// A successful answer in Cloudflare's envelope.
fn success(result: Value) -> Answer {
    Ok(ResponseTemplate::new(200).set_body_json(json!({
        "success": true,
        "errors": [],
        "messages": [],
        "result": result,
    })))
}

/// The time of a change, as the API writes it.
fn now() -> String {
    Timestamp::now().to_string()
}

/// Bytes as lowercase hex.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut text, byte| {
        let _ = write!(text, "{byte:02x}");
        text
    })
}

/// The SHA-256 of `bytes` in hex: the etag of a script's content.
fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

impl Platform {
    /// An empty account `account`, which answers requests that carry `token`.
    pub fn new(account: &str, token: &str) -> Self {
        Self {
            inner: Arc::new(Inner {
                account: account.to_owned(),
                token: token.to_owned(),
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// Serves the platform's routes on `server`, beside whatever else it serves.
    pub async fn mount(&self, server: &MockServer) {
        Mock::given(path_regex(
            r"^/accounts/[^/]+/(workers/scripts|storage/kv|d1|queues)(/|$)",
        ))
        .respond_with(self.clone())
        .mount(server)
        .await;
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn handle(&self, request: &Request) -> Answer {
        let sent = request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok());
        if sent != Some(format!("Bearer {}", self.inner.token).as_str()) {
            return Err(Refusal::new(403, 10000, "Authentication error"));
        }
        let segments = path_segments(request)?;
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let route = match segments.as_slice() {
            ["accounts", account, route @ ..] if *account == self.inner.account => route,
            _ => return Err(Refusal::new(403, 10000, "Authentication error")),
        };
        let state = &mut *self.state();
        match (request.method.as_str(), route) {
            ("POST", ["storage", "kv", "namespaces"]) => {
                storage::create_namespace(state, &json_body(request)?)
            }
            ("PUT", ["storage", "kv", "namespaces", id, "values", key]) => {
                storage::write_value(state, id, key, &form(request)?)
            }
            ("GET", ["storage", "kv", "namespaces", id, "values", key]) => {
                storage::read_value(state, id, key)
            }
            ("PUT", ["workers", "scripts", script]) => {
                workers::upload(state, script, form(request)?)
            }
            ("POST", ["workers", "scripts", script, "versions"]) => {
                workers::create_version(state, script, form(request)?)
            }
            ("GET", ["workers", "scripts", script, "versions", id]) => {
                workers::version(state, script, id)
            }
            ("POST", ["workers", "scripts", script, "deployments"]) => {
                workers::deploy(state, script, &json_body(request)?)
            }
            ("GET", ["workers", "scripts", script, "content", "v2"]) => {
                workers::deployed_content(state, script)
            }
            ("PUT", ["workers", "scripts", script, "secrets"]) => {
                workers::put_secret(state, script, &json_body(request)?)
            }
            ("GET", ["workers", "scripts", script, "secrets"]) => workers::secrets(state, script),
            ("POST", ["d1", "database"]) => storage::create_database(state, &json_body(request)?),
            ("POST", ["d1", "database", id, "query"]) => {
                storage::query(state, id, &json_body(request)?)
            }
            ("POST", ["queues"]) => storage::create_queue(state, &json_body(request)?),
            ("POST", ["queues", id, "messages"]) => {
                storage::push_message(state, id, &json_body(request)?)
            }
            _ => Err(Refusal::new(404, 7003, "No route for the URI")),
        }
    }
}

impl Respond for Platform {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.handle(request).unwrap_or_else(Refusal::into_response)
    }
}

/// What the tests read of the state, beside what the API answers.
#[cfg(test)]
impl Platform {
    /// The value of secret `name` of `script`, as the platform keeps it.
    pub fn secret(&self, script: &str, name: &str) -> Option<String> {
        self.state().scripts.get(script)?.secret(name)
    }

    /// The number of the version `script` serves.
    pub fn deployed_version(&self, script: &str) -> Option<u64> {
        self.state().scripts.get(script)?.deployed_number()
    }
}

/// The request's path, split and percent-decoded: a KV key may hold any character.
fn path_segments(request: &Request) -> Result<Vec<String>, Refusal> {
    let segments = request
        .url
        .path_segments()
        .ok_or_else(|| Refusal::invalid("the URL has no path"))?;
    segments
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .map(|decoded| decoded.into_owned())
                .map_err(|_| Refusal::invalid("a path segment is not UTF-8 once decoded"))
        })
        .collect()
}

/// The request's JSON body.
fn json_body(request: &Request) -> Result<Value, Refusal> {
    serde_json::from_slice(&request.body)
        .map_err(|error| Refusal::invalid(format!("the body is not JSON: {error}")))
}

/// One part of a `multipart/form-data` body, as the parser read it.
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    content: Bytes,
}

/// The parts of the request's `multipart/form-data` body.
fn form(request: &Request) -> Result<Vec<Part>, Refusal> {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let boundary = multer::parse_boundary(content_type).map_err(|error| {
        Refusal::invalid(format!("expected a multipart/form-data body: {error}"))
    })?;
    let body = Bytes::copy_from_slice(&request.body);
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    // The whole body is in memory, so each step of the parser completes when first
    // polled: a responder is synchronous, and waits for nothing.
    let waited = || Refusal::invalid("the multipart parser waited for more than the body");
    let mut parts = Vec::new();
    loop {
        let field = multipart
            .next_field()
            .now_or_never()
            .ok_or_else(waited)?
            .map_err(|error| {
                Refusal::invalid(format!("the multipart body does not parse: {error}"))
            })?;
        let Some(field) = field else {
            return Ok(parts);
        };
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let content = field
            .bytes()
            .now_or_never()
            .ok_or_else(waited)?
            .map_err(|error| Refusal::invalid(format!("part {name} does not read: {error}")))?;
        parts.push(Part {
            name,
            filename,
            content_type,
            content,
        });
    }
}
