//! The mock server: a real HTTP server on 127.0.0.1 (wiremock's), whose one responder
//! finds the operation a request is for, then the first stub of it that matches.

use std::fmt;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use serde_json::Value;
use wiremock::{Respond, ResponseTemplate};

use super::answer;
use super::explain;
use super::matching::{self, Mismatch, Segment};
use super::mounted::Mounted;
use super::received::Received;
use super::shape::{MockOperation, MockService};
use super::stub::{Reply, Stub};
use crate::{ClientBuilder, ErrorDetail, RetryPolicy, Service};

/// The token of the clients a mock gives: `mock-token`.
pub const TOKEN: &str = "mock-token";

/// The status of the answer to a request no stub matches: `421 Misdirected Request`,
/// which the client does not retry and no API of this crate sends. Its error message
/// names the operation that was not stubbed.
pub const UNMATCHED_STATUS: u16 = 421;

/// What the mock's server and its stubs share.
pub(crate) struct State {
    pub(crate) service: &'static MockService,
    /// Each operation's path template, split into segments.
    templates: Vec<Vec<Segment>>,
    stubs: Mutex<Vec<Arc<Mounted>>>,
    /// Every request, in order of arrival.
    received: Mutex<Vec<Received>>,
    /// A description of each request that no stub matched.
    unmatched: Mutex<Vec<String>>,
    /// What `verify()` last reported, which dropping the mock does not report again.
    reported: Mutex<Option<Vec<String>>>,
}

impl State {
    pub(crate) fn mount(&self, stub: impl FnOnce(usize) -> Mounted) -> Arc<Mounted> {
        let mut stubs = self.stubs.lock().unwrap_or_else(PoisonError::into_inner);
        let mounted = Arc::new(stub(stubs.len() + 1));
        stubs.push(mounted.clone());
        mounted
    }

    /// The operations a request may be for: same method, the path template with the most
    /// literal segments that matches, and the body's tag where operations share both.
    fn operations(&self, request: &wiremock::Request) -> Vec<usize> {
        let segments: Vec<&str> = matching::split(request.url.path()).collect();
        let mut best: Vec<usize> = Vec::new();
        let mut best_literals = 0;
        for (index, op) in self.service.operations.iter().enumerate() {
            if op.method != request.method.as_str() {
                continue;
            }
            let Some(literals) = matching::literals_matched(&self.templates[index], &segments)
            else {
                continue;
            };
            if best.is_empty() || literals > best_literals {
                best = vec![index];
                best_literals = literals;
            } else if literals == best_literals {
                best.push(index);
            }
        }
        if best.len() > 1 {
            let body: Option<Value> = serde_json::from_slice(&request.body).ok();
            let tagged: Vec<usize> = best
                .iter()
                .copied()
                .filter(|index| {
                    let (tag, value) = match self.service.operations[*index].body_tag {
                        Some(tag) => tag,
                        None => return true,
                    };
                    body.as_ref()
                        .and_then(|body| body.get(tag))
                        .and_then(Value::as_str)
                        == Some(value)
                })
                .collect();
            if !tagged.is_empty() {
                best = tagged;
            }
        }
        best
    }

    /// The answer to a request, and a record of it.
    fn answer(&self, request: &wiremock::Request) -> ResponseTemplate {
        let operations = self.operations(request);
        let stubs: Vec<Arc<Mounted>> = self
            .stubs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        // Stubs are tried in mount order; those tried and passed over say why.
        let mut passed_over: Vec<(&Mounted, Vec<Mismatch>)> = Vec::new();
        let mut chosen = None;
        for stub in stubs.iter().filter(|stub| operations.contains(&stub.index)) {
            let mismatches = matching::mismatches(stub, &self.templates[stub.index], request);
            if mismatches.is_empty() {
                chosen = Some(stub);
                break;
            }
            passed_over.push((stub, mismatches));
        }
        let Some(stub) = chosen else {
            let operation = match operations.as_slice() {
                [only] => Some(self.service.operations[*only].id),
                _ => None,
            };
            self.record(request, operation, None);
            return self.unmatched(request, &operations, &passed_over);
        };
        let received = self.record(request, Some(stub.op.id), Some(stub.number));
        let call = stub.calls.fetch_add(1, Ordering::SeqCst);
        stub.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(received);
        self.reply(stub, call, request)
    }

    /// What a stub answers its call number `call` (from 0).
    fn reply(&self, stub: &Mounted, call: usize, request: &wiremock::Request) -> ResponseTemplate {
        let step = stub.step(call);
        let op = stub.op;
        let response = match step.reply {
            Reply::Example => match op.example {
                // A raw operation's success example is the text it answers.
                Some((status, body)) if op.raw && (200..300).contains(&status) => {
                    raw(status, body.unwrap_or_default().as_bytes().to_vec())
                }
                Some((status, body)) => json(status, body.map(|b| b.as_bytes().to_vec())),
                None if op.raw => raw(op.status, Vec::new()),
                None => json(op.status, None),
            },
            Reply::Raw { status, body } => raw(status, body),
            Reply::Json {
                status,
                headers,
                body,
            } => {
                let mut response = json(status, body.map(|body| body.to_string().into_bytes()));
                for (name, value) in headers {
                    response = response.insert_header(name, value.as_str());
                }
                response
            }
            Reply::Pages(pages) => self.page(op, &pages, request),
        };
        match step.delay {
            Some(delay) => response.set_delay(delay),
            None => response,
        }
    }

    fn page(
        &self,
        op: &MockOperation,
        pages: &[Value],
        request: &wiremock::Request,
    ) -> ResponseTemplate {
        let Some(paging) = &op.paging else {
            // Generated code offers pages only for paginated operations; a single page
            // answers an operation without paging.
            let result = pages.first().cloned().unwrap_or(Value::Null);
            let body = answer::success(op, result);
            return json(op.status, Some(body.to_string().into_bytes()));
        };
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        match answer::page_index(paging, &query, pages.len()) {
            Ok(index) => {
                let body = answer::page(op, paging, pages, index);
                json(op.status, Some(body.to_string().into_bytes()))
            }
            Err(message) => self.error(400, format!("{}: {message}", op.id)),
        }
    }

    /// Adds a request to the log, in order of arrival.
    fn record(
        &self,
        request: &wiremock::Request,
        operation: Option<&'static str>,
        stub: Option<usize>,
    ) -> Received {
        let mut log = self.received.lock().unwrap_or_else(PoisonError::into_inner);
        let received = Received::new(log.len() + 1, operation, stub, request);
        log.push(received.clone());
        received
    }

    /// The answer to a request no stub matches: an error in the service's shape naming
    /// the operation and, for each of its stubs, every check the request failed;
    /// recorded for `verify()`.
    fn unmatched(
        &self,
        request: &wiremock::Request,
        operations: &[usize],
        passed_over: &[(&Mounted, Vec<Mismatch>)],
    ) -> ResponseTemplate {
        let message = if operations.is_empty() {
            format!(
                "no operation of the {} API is {} {}",
                self.service.name,
                request.method,
                request.url.path()
            )
        } else {
            let names: Vec<String> = operations
                .iter()
                .map(|index| {
                    let op = &self.service.operations[*index];
                    format!("`{}` ({} {})", op.id, op.method, op.path)
                })
                .collect();
            let names = names.join(" or ");
            if passed_over.is_empty() {
                let hints: Vec<&str> = operations
                    .iter()
                    .map(|index| self.service.operations[*index].stub)
                    .collect();
                // The template, not the path sent: a path may carry a secret.
                format!(
                    "{names} is not stubbed: the mock has no stub for it; add one with `{}`",
                    hints.join("` or `"),
                )
            } else {
                let count = passed_over.len();
                let mut message = format!(
                    "{names} is not stubbed for this request: none of its {count} stub{} matches it",
                    if count == 1 { "" } else { "s" },
                );
                for (stub, mismatches) in passed_over {
                    message.push('\n');
                    message.push_str(&explain::stub_mismatches(
                        stub.number,
                        stub.op.stub,
                        mismatches,
                        &request.body,
                    ));
                }
                message
            }
        };
        self.unmatched
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(message.clone());
        self.error(UNMATCHED_STATUS, message)
    }

    fn error(&self, status: u16, message: String) -> ResponseTemplate {
        let detail = ErrorDetail::new(None, Some(message));
        let body = answer::error(&self.service.error, &[detail]);
        json(status, Some(body.to_string().into_bytes()))
    }

    /// Every unmet expectation and unmatched request; empty when none.
    fn problems(&self) -> Vec<String> {
        let stubs = self.stubs.lock().unwrap_or_else(PoisonError::into_inner);
        let mut problems: Vec<String> = stubs.iter().filter_map(|stub| stub.unmet()).collect();
        let unmatched = self
            .unmatched
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        problems.extend(
            unmatched
                .iter()
                .map(|message| format!("unmatched request: {message}")),
        );
        problems
    }
}

/// A response with a JSON body, or none.
fn json(status: u16, body: Option<Vec<u8>>) -> ResponseTemplate {
    let response = ResponseTemplate::new(status);
    match body {
        Some(body) => response.set_body_raw(body, "application/json"),
        None => response,
    }
}

/// A body of raw bytes, as an operation whose answer is not JSON sends it.
fn raw(status: u16, body: Vec<u8>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body, "application/octet-stream")
}

struct Responder(Arc<State>);

impl Respond for Responder {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        self.0.answer(request)
    }
}

/// A service's mock server: a real HTTP server on 127.0.0.1, whose stubs answer as the
/// API would. A service's generated mock (`CloudflareMock`, `BuddyMock`) starts one and
/// dereferences to it.
///
/// A request that no stub matches is answered with [`UNMATCHED_STATUS`] and an error, in
/// the service's shape, that names the operation that was not stubbed; the client reports
/// it as [`Error::Api`](crate::Error::Api). Nothing a mock does reaches the network: its
/// clients send to 127.0.0.1 only.
///
/// Dropping the server checks what [`verify`](Self::verify) checks, and panics with the
/// problems it has not reported yet.
pub struct MockServer {
    server: wiremock::MockServer,
    state: Arc<State>,
    uri: String,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("service", &self.state.service.name)
            .field("uri", &self.uri)
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a server for `service`; generated mocks call it.
    #[doc(hidden)]
    pub async fn start(service: &'static MockService) -> Self {
        let server = wiremock::MockServer::start().await;
        let state = Arc::new(State {
            service,
            templates: service
                .operations
                .iter()
                .map(|op| matching::template(op.path))
                .collect(),
            stubs: Mutex::new(Vec::new()),
            received: Mutex::new(Vec::new()),
            unmatched: Mutex::new(Vec::new()),
            reported: Mutex::new(None),
        });
        wiremock::Mock::given(wiremock::matchers::any())
            .respond_with(Responder(state.clone()))
            .named(format!("the {} mock", service.name))
            .mount(&server)
            .await;
        let uri = server.uri();
        Self { server, state, uri }
    }

    /// A stub of the operation at `index` of the service's list; generated stub methods
    /// call it.
    #[doc(hidden)]
    pub fn stub<B: 'static, R: serde::Serialize>(
        &self,
        index: usize,
        decode: fn(&[u8]) -> Result<B, String>,
    ) -> Stub<B, R> {
        Stub::new(self.state.clone(), index, decode)
    }

    /// A client of `S` sending to this server with the token [`TOKEN`]; generated mocks'
    /// `client()` calls it.
    #[doc(hidden)]
    pub fn client<S: Service>(&self) -> S::Client {
        match self.client_builder::<S>().build() {
            Ok(client) => client,
            Err(error) => panic!("the mock's client does not build: {error}"),
        }
    }

    /// A builder of a client of `S` sending to this server with the token [`TOKEN`], and a
    /// retry policy that waits 1 ms before the first retry instead of 500 ms (as many
    /// retries as the default); generated mocks' `client_builder()` calls it.
    #[doc(hidden)]
    pub fn client_builder<S: Service>(&self) -> ClientBuilder<S> {
        ClientBuilder::new(TOKEN)
            .base_url(self.uri.clone())
            .retry_policy(
                RetryPolicy::default()
                    .with_initial_backoff(Duration::from_millis(1))
                    .with_max_backoff(Duration::from_millis(20)),
            )
    }

    /// The server's base URL: `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> &str {
        &self.uri
    }

    /// The address the server listens on.
    pub fn address(&self) -> std::net::SocketAddr {
        *self.server.address()
    }

    /// Every request the mock received, in order of arrival, matched or not: which
    /// operation and stub each was for, its headers and its body. For tests of the order
    /// of calls:
    ///
    /// ```
    /// use generated_client::runtime::mock::Received;
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), generated_client::Error> {
    /// let mock = CloudflareMock::start().await;
    /// mock.builds().get().mount();
    /// mock.builds().cancel().mount();
    /// let client = mock.client();
    /// client.builds().get("my-account", "b-1").await?;
    /// client.builds().cancel("my-account", "b-1").await?;
    /// let operations: Vec<&str> = mock.received().iter().filter_map(Received::operation).collect();
    /// assert_eq!(operations, ["cloudflare.builds.get", "cloudflare.builds.cancel"]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn received(&self) -> Vec<Received> {
        self.state
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Checks every stub's expected number of calls, and that every request was matched
    /// by a stub: `Err` with each problem.
    ///
    /// Problems it reports are not reported again when the mock is dropped.
    pub fn verify(&self) -> Result<(), Unverified> {
        let problems = self.state.problems();
        if problems.is_empty() {
            return Ok(());
        }
        *self
            .state
            .reported
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(problems.clone());
        Err(Unverified {
            service: self.state.service.name,
            problems,
        })
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let problems = self.state.problems();
        if problems.is_empty() {
            return;
        }
        let reported = self
            .state
            .reported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if reported.as_ref() != Some(&problems) {
            panic!(
                "{}",
                Unverified {
                    service: self.state.service.name,
                    problems,
                }
            );
        }
    }
}

/// What [`MockServer::verify`] found wrong: unmet call expectations, and requests no stub
/// matched with what each stub of their operation found different.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unverified {
    service: &'static str,
    problems: Vec<String>,
}

impl Unverified {
    /// Each problem: its first line says what, the lines below it (for a request no stub
    /// matched) why.
    pub fn problems(&self) -> impl Iterator<Item = &str> {
        self.problems.iter().map(String::as_str)
    }
}

/// One problem per item, the lines of each indented under it.
impl fmt::Display for Unverified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} mock is not satisfied:", self.service)?;
        for problem in &self.problems {
            for (index, line) in problem.lines().enumerate() {
                let bullet = if index == 0 { "- " } else { "  " };
                write!(f, "\n{bullet}{line}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Unverified {}
