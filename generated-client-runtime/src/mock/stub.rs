//! A stub: which requests of an operation it matches, what it answers, and how many
//! calls it expects.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use super::answer;
use super::matching::{BodyCheck, BodyMismatch};
use super::mounted::{Mounted, MountedStub};
use super::server::State;
use super::shape::MockOperation;
use crate::ErrorDetail;

/// Where a parameter a stub matches goes in a request.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamAt {
    /// A path segment.
    Path,
    /// The query: every value of the name, in order.
    Query,
    /// A header: every value of the name, in order.
    Header,
}

/// A matcher of a parameter's value, written as the client writes it.
#[derive(Clone)]
pub(crate) struct ParamMatch {
    pub(crate) at: ParamAt,
    pub(crate) name: &'static str,
    pub(crate) values: Vec<String>,
    /// A value the API documents as secret, which messages and `Debug` never show.
    pub(crate) secret: bool,
}

impl fmt::Debug for ParamMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("ParamMatch");
        debug.field("at", &self.at).field("name", &self.name);
        if self.secret {
            debug.field("values", &super::received::REDACTED);
        } else {
            debug.field("values", &self.values);
        }
        debug.finish()
    }
}

/// What one call is answered with.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// The documentation page's example.
    Example,
    /// A status, headers, and a JSON body or none.
    Json {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Option<Value>,
    },
    /// The pages of a paginated operation, as results; the request says which.
    Pages(Vec<Value>),
    /// A status and a body of raw bytes (`application/octet-stream`).
    Raw { status: u16, body: Vec<u8> },
}

/// A reply, and how long the server waits before sending it.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(crate) reply: Reply,
    pub(crate) delay: Option<Duration>,
}

/// A stub of one operation, typed by the operation's request body `B` and result `R`:
/// which requests it matches, what it answers, and how many calls it expects.
///
/// A service mock's resource accessors give one per operation (`mock.triggers().create()`,
/// which wraps it with a method per parameter); configure it, then [`mount`](Self::mount) it.
///
/// - **Matching**: a stub matches every request of its operation (method and path
///   template); its parameter methods (`.account_id("…")`), [`body`](Self::body) and
///   [`body_eq`](Self::body_eq) narrow that down. Stubs are tried in the order they were
///   mounted; the first that matches answers. A request they all pass over is answered
///   with what each found different.
/// - **Answers**: each of [`respond`](Self::respond), [`respond_example`](Self::respond_example),
///   [`respond_error`](Self::respond_error), [`rate_limited`](Self::rate_limited),
///   [`respond_json`](Self::respond_json), [`respond_bytes`](Self::respond_bytes) and a
///   paginated operation's `respond_pages` adds a
///   step: calls are answered by the steps in order, and the last step answers every call
///   after it. So `.respond_error(503, None, "busy").respond(&build)` answers the first
///   call with a 503 and every later one with the build. Without a step, the stub answers
///   with the documentation page's example.
/// - **Expectations**: [`expect`](Self::expect) and [`expect_at_least`](Self::expect_at_least)
///   are checked by the server's `verify()` and when the mock is dropped.
///
/// A stub that is dropped without being mounted panics: it would silently answer nothing.
#[must_use = "a stub answers nothing until it is mounted with `.mount()`"]
pub struct Stub<B, R> {
    state: Arc<State>,
    op: &'static MockOperation,
    index: usize,
    decode: fn(&[u8]) -> Result<B, String>,
    params: Vec<ParamMatch>,
    body: Option<BodyCheck>,
    steps: Vec<Step>,
    expected: Option<(usize, Option<usize>)>,
    mounted: bool,
    types: PhantomData<fn() -> (B, R)>,
}

impl<B, R> fmt::Debug for Stub<B, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stub")
            .field("operation", &self.op.id)
            .field("params", &self.params)
            .field("body", &self.body.as_ref().map(|_| "<check>"))
            .field("steps", &self.steps)
            .field("expected", &self.expected)
            .finish()
    }
}

impl<B: 'static, R: Serialize> Stub<B, R> {
    pub(crate) fn new(
        state: Arc<State>,
        index: usize,
        decode: fn(&[u8]) -> Result<B, String>,
    ) -> Self {
        let op = &state.service.operations[index];
        Self {
            state,
            op,
            index,
            decode,
            params: Vec::new(),
            body: None,
            steps: Vec::new(),
            expected: None,
            mounted: false,
            types: PhantomData,
        }
    }

    /// Matches only requests where the parameter `name` has these values, as the client
    /// writes them; generated parameter methods call it.
    #[doc(hidden)]
    pub fn param(&mut self, at: ParamAt, name: &'static str, values: Vec<String>) -> &mut Self {
        self.params.push(ParamMatch {
            at,
            name,
            values,
            secret: false,
        });
        self
    }

    /// [`param`](Self::param) for a parameter the API documents as secret (a deploy hook's
    /// UUID): messages say whether it was sent, never its value. Generated parameter
    /// methods of secret parameters call it.
    #[doc(hidden)]
    pub fn secret_param(
        &mut self,
        at: ParamAt,
        name: &'static str,
        values: Vec<String>,
    ) -> &mut Self {
        self.params.push(ParamMatch {
            at,
            name,
            values,
            secret: true,
        });
        self
    }

    /// Matches only requests whose body, read as the operation's body type, satisfies
    /// `predicate`: `|body: &CreateTriggerRequest| body.trigger_name == "deploy"`.
    ///
    /// JSON bodies are read as their type, text bodies as a `String`, bytes and
    /// `multipart/form-data` bodies as their bytes. A body that does not read as the type
    /// does not match. When no stub matches a request, the message shows the body sent
    /// (pretty JSON, shortened); [`body_eq`](Self::body_eq) shows a diff instead.
    ///
    /// ```
    /// use generated_client::buddy::CloudFrontActionRequest;
    /// use generated_client::buddy::mock::BuddyMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = BuddyMock::start().await;
    /// mock.actions()
    ///     .create_cloud_front()
    ///     .pipeline_id(2)
    ///     .body(|action: &CloudFrontActionRequest| action.purge_all == Some(true))
    ///     .mount();
    /// # }
    /// ```
    pub fn body(&mut self, predicate: impl Fn(&B) -> bool + Send + Sync + 'static) -> &mut Self {
        let decode = self.decode;
        self.body = Some(Box::new(move |bytes| {
            let body = decode(bytes).map_err(BodyMismatch::Unreadable)?;
            if predicate(&body) {
                Ok(())
            } else {
                Err(BodyMismatch::Refused)
            }
        }));
        self
    }

    /// Answers with `result`, as the API sends a success: the operation's status, in the
    /// envelope where the API has one (`{"success": true, "errors": [], "messages": [],
    /// "result": …}`).
    ///
    /// ```
    /// use generated_client::buddy::PipelineView;
    /// use generated_client::buddy::mock::BuddyMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), generated_client::Error> {
    /// let mock = BuddyMock::start().await;
    /// let mut pipeline = PipelineView::new();
    /// pipeline.id = Some(7);
    /// mock.pipelines().clear_cache().respond(&pipeline).mount();
    /// let cleared = mock.client().pipelines().clear_cache("my-company", "website", 7).await?;
    /// assert_eq!(cleared.id, Some(7));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// An operation whose answer is raw bytes (its result a `Vec<u8>`) answers with them
    /// as they are, as [`respond_bytes`](Self::respond_bytes) does.
    pub fn respond(&mut self, result: &R) -> &mut Self {
        if self.op.raw {
            let body = raw_result(to_json(result, self.op.id), self.op.id);
            return self.respond_bytes(body);
        }
        let body = self
            .op
            .has_result
            .then(|| answer::success(self.op, to_json(result, self.op.id)));
        self.push(Reply::Json {
            status: self.op.status,
            headers: Vec::new(),
            body,
        })
    }

    /// Answers with `body` as the raw bytes of a success: the operation's status,
    /// `application/octet-stream`, no envelope. For an operation whose answer is raw bytes
    /// (a script's content, a stored value), any bytes, UTF-8 or not; for another, a body
    /// its client cannot decode.
    ///
    /// ```
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), generated_client::Error> {
    /// let mock = CloudflareMock::start().await;
    /// mock.kv_values().get().key_name("logo").respond_bytes(b"\x89PNG\r\n").mount();
    /// let value = mock.client().kv_values().get("my-account", "my-namespace", "logo").await?;
    /// assert_eq!(value, b"\x89PNG\r\n");
    /// # Ok(())
    /// # }
    /// ```
    pub fn respond_bytes(&mut self, body: impl Into<Vec<u8>>) -> &mut Self {
        self.push(Reply::Raw {
            status: self.op.status,
            body: body.into(),
        })
    }

    /// Answers with the documentation page's own example response (what a stub answers
    /// when given nothing else).
    pub fn respond_example(&mut self) -> &mut Self {
        self.push(Reply::Example)
    }

    /// Answers with an API error in the service's error shape: `status`, and one error
    /// with `code` (where the API's errors have codes) and `message`.
    ///
    /// ```
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// mock.builds().get().respond_error(404, Some(12000), "Not found").mount();
    /// let error = mock.client().builds().get("my-account", "gone").await.unwrap_err();
    /// let api = error.as_api().unwrap();
    /// assert_eq!((api.status(), api.codes().collect::<Vec<_>>()), (404, vec![12000]));
    /// # }
    /// ```
    pub fn respond_error(
        &mut self,
        status: u16,
        code: Option<i64>,
        message: impl Into<String>,
    ) -> &mut Self {
        self.respond_errors(status, [ErrorDetail::new(code, Some(message.into()))])
    }

    /// Answers with an API error in the service's error shape: `status`, and these errors.
    pub fn respond_errors(
        &mut self,
        status: u16,
        errors: impl IntoIterator<Item = ErrorDetail>,
    ) -> &mut Self {
        let errors: Vec<ErrorDetail> = errors.into_iter().collect();
        let body = answer::error(&self.state.service.error, &errors);
        self.push(Reply::Json {
            status,
            headers: Vec::new(),
            body: Some(body),
        })
    }

    /// Answers `429 Too Many Requests`, in the service's error shape, asking the client to
    /// wait `retry_after`: `Retry-After-Ms` in milliseconds (rounded up), which the client
    /// honours, beside `Retry-After` in whole seconds (rounded up) for clients that read
    /// only that. A test of a retry waits a few milliseconds, not a second.
    ///
    /// `Duration::ZERO` asks for no wait: the client retries at once, without its backoff.
    /// A wait longer than the client's
    /// [`max_retry_after`](crate::RetryPolicy::max_retry_after) (60 s by default) is not
    /// waited: the 429 is returned.
    ///
    /// ```
    /// use std::time::Duration;
    /// use generated_client::RetryPolicy;
    /// use generated_client::cloudflare::Build;
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// let stub = mock.builds().get().rate_limited(Duration::from_millis(20)).respond(&Build::new()).mount();
    /// mock.client().builds().get("my-account", "b-1").await.unwrap(); // after a 20 ms wait
    /// assert_eq!(stub.calls(), 2);
    ///
    /// let limited = CloudflareMock::start().await;
    /// limited.builds().get().rate_limited(Duration::from_millis(1500)).mount();
    /// let client = limited.client_builder().retry_policy(RetryPolicy::none()).build().unwrap();
    /// let error = client.builds().get("my-account", "b-1").await.unwrap_err();
    /// assert_eq!(error.as_api().unwrap().retry_after(), Some(Duration::from_millis(1500)));
    /// # }
    /// ```
    pub fn rate_limited(&mut self, retry_after: Duration) -> &mut Self {
        self.asking_to_retry(429, "rate limited", retry_after)
    }

    /// Answers `503 Service Unavailable`, in the service's error shape, asking the client
    /// to wait `retry_after` as [`rate_limited`](Self::rate_limited) does (`Duration::ZERO`:
    /// at once): a server asking for the retry, which the client makes even for a request
    /// that is not idempotent (a `POST`, a `PATCH`). A plain
    /// [`respond_error`](Self::respond_error)`(503, ..)` is retried only for the others.
    ///
    /// ```
    /// use std::time::Duration;
    /// use generated_client::cloudflare::mock::CloudflareMock;
    /// use generated_client::cloudflare::CreateManualBuildRequest;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), generated_client::Error> {
    /// let mock = CloudflareMock::start().await;
    /// let stub = mock.triggers().create_manual_build().unavailable(Duration::ZERO).respond_example().mount();
    /// let body = CreateManualBuildRequest::from_branch("main");
    /// mock.client().triggers().create_manual_build("my-account", "t-1", body).await?;
    /// assert_eq!(stub.calls(), 2);
    /// # Ok(())
    /// # }
    /// ```
    pub fn unavailable(&mut self, retry_after: Duration) -> &mut Self {
        self.asking_to_retry(503, "unavailable", retry_after)
    }

    fn asking_to_retry(&mut self, status: u16, message: &str, retry_after: Duration) -> &mut Self {
        let seconds = retry_after.as_nanos().div_ceil(1_000_000_000);
        let millis = retry_after.as_nanos().div_ceil(1_000_000);
        let detail = ErrorDetail::new(None, Some(message.to_owned()));
        let body = answer::error(&self.state.service.error, &[detail]);
        self.push(Reply::Json {
            status,
            headers: vec![
                ("Retry-After", seconds.to_string()),
                ("Retry-After-Ms", millis.to_string()),
            ],
            body: Some(body),
        })
    }

    /// Answers with `status` and `body` as they are, without an envelope: for answers the
    /// API should never give (a body of the wrong shape).
    pub fn respond_json(&mut self, status: u16, body: Value) -> &mut Self {
        self.push(Reply::Json {
            status,
            headers: Vec::new(),
            body: Some(body),
        })
    }

    /// Answers a paginated operation's requests with `pages`, one result per page: the
    /// request's page number or cursor picks the page, and each answer leads the client to
    /// the next (the envelope's paging information, or a cursor the mock writes into the
    /// page, replacing the one given). A page past the last is empty. Generated
    /// `respond_pages` methods of paginated operations call it.
    #[doc(hidden)]
    pub fn pages(&mut self, pages: impl IntoIterator<Item = R>) -> &mut Self {
        let pages = pages
            .into_iter()
            .map(|page| to_json(&page, self.op.id))
            .collect();
        self.push(Reply::Pages(pages))
    }

    /// Delays the answer added last (the example, when none was added) by `delay`: for
    /// timeouts and slow servers.
    ///
    /// ```
    /// use std::time::Duration;
    /// use generated_client::{Error, RetryPolicy};
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// mock.builds().get().delay(Duration::from_secs(2)).mount();
    /// let client = mock
    ///     .client_builder()
    ///     .timeout(Duration::from_millis(100))
    ///     .retry_policy(RetryPolicy::none())
    ///     .build()
    ///     .unwrap();
    /// let result = client.builds().get("my-account", "b-1").await;
    /// assert!(matches!(result, Err(Error::Timeout { .. })));
    /// # }
    /// ```
    pub fn delay(&mut self, delay: Duration) -> &mut Self {
        if self.steps.is_empty() {
            self.push(Reply::Example);
        }
        if let Some(step) = self.steps.last_mut() {
            step.delay = Some(delay);
        }
        self
    }

    /// Expects exactly `calls` calls matched by this stub, checked by `verify()` and when
    /// the mock is dropped.
    ///
    /// ```
    /// use generated_client::cloudflare::mock::CloudflareMock;
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// let cancel = mock.builds().cancel().expect(2).mount();
    /// mock.client().builds().cancel("my-account", "b-1").await.unwrap();
    /// assert_eq!(cancel.calls(), 1);
    /// let unverified = mock.verify().unwrap_err();
    /// assert!(unverified.to_string().contains("expected exactly 2 calls, got 1"));
    /// # }
    /// ```
    pub fn expect(&mut self, calls: usize) -> &mut Self {
        self.expected = Some((calls, Some(calls)));
        self
    }

    /// Expects at least `calls` calls matched by this stub.
    pub fn expect_at_least(&mut self, calls: usize) -> &mut Self {
        self.expected = Some((calls, None));
        self
    }

    /// Mounts the stub on its mock: from now on it answers the requests it matches. The
    /// handle counts them.
    ///
    /// # Panics
    ///
    /// When the stub was mounted already.
    pub fn mount(&mut self) -> MountedStub<B> {
        assert!(
            !self.mounted,
            "the stub of `{}` is mounted already; start another with `{}`",
            self.op.id, self.op.stub
        );
        self.mounted = true;
        let mounted = self.state.mount(|number| {
            Mounted::new(
                self.op,
                self.index,
                number,
                std::mem::take(&mut self.params),
                self.body.take(),
                std::mem::take(&mut self.steps),
                self.expected,
            )
        });
        MountedStub::new(mounted, self.decode)
    }

    fn push(&mut self, reply: Reply) -> &mut Self {
        self.steps.push(Step { reply, delay: None });
        self
    }
}

impl<B: Serialize + 'static, R: Serialize> Stub<B, R> {
    /// Matches only requests whose body, read as the operation's body type, is
    /// `expected` (compared as JSON, so the order of members does not matter). When no
    /// stub matches a request, the message shows a diff of the body sent against
    /// `expected`, as pretty JSON with a few lines of context.
    ///
    /// ```
    /// use generated_client::cloudflare::mock::CloudflareMock;
    /// use generated_client::cloudflare::{DeployHookRequest, DeployHookRequired};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let mock = CloudflareMock::start().await;
    /// let hook = |branch: &str| {
    ///     DeployHookRequest::new(DeployHookRequired { branch: branch.to_owned(), deploy_hook_name: "release".to_owned() })
    /// };
    /// mock.deploy_hooks().create().body_eq(&hook("main")).mount();
    /// let error = mock.client().deploy_hooks().create("my-account", "my-worker", hook("dev")).await.unwrap_err();
    /// let message = error.as_api().unwrap().details()[0].message.clone().unwrap();
    /// assert!(message.contains("-  \"branch\": \"main\",\n    +  \"branch\": \"dev\","), "{message}");
    /// # mock.verify().unwrap_err();
    /// # }
    /// ```
    pub fn body_eq(&mut self, expected: &B) -> &mut Self {
        let decode = self.decode;
        let expected = to_json(expected, self.op.id);
        self.body = Some(Box::new(move |bytes| {
            let body = decode(bytes).map_err(BodyMismatch::Unreadable)?;
            let sent = serde_json::to_value(&body)
                .map_err(|error| BodyMismatch::Unreadable(error.to_string()))?;
            if sent == expected {
                Ok(())
            } else {
                Err(BodyMismatch::Differs {
                    expected: expected.clone(),
                    sent,
                })
            }
        }));
        self
    }
}

impl<B, R> Drop for Stub<B, R> {
    fn drop(&mut self) {
        if !self.mounted && !std::thread::panicking() {
            panic!(
                "a stub of `{}` was configured but never mounted; end it with `.mount()`",
                self.op.id
            );
        }
    }
}

/// A raw operation's result, as `to_json` wrote it (serde writes a `Vec<u8>` as a list
/// of numbers), back into its bytes; a string is taken as its text.
fn raw_result(json: Value, operation: &str) -> Vec<u8> {
    let bytes = match json {
        Value::String(text) => Some(text.into_bytes()),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_u64().and_then(|byte| u8::try_from(byte).ok()))
            .collect(),
        _ => None,
    };
    match bytes {
        Some(bytes) => bytes,
        None => panic!("the result given to the stub of `{operation}` is not bytes"),
    }
}

/// A value as JSON; a result that does not serialize is a mistake in the test.
fn to_json<T: Serialize>(value: &T, operation: &str) -> Value {
    match serde_json::to_value(value) {
        Ok(value) => value,
        Err(error) => {
            panic!("a result given to the stub of `{operation}` does not serialize: {error}")
        }
    }
}
