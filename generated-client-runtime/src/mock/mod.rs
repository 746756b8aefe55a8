//! Typed mocks of each API, for testing code that uses the client (the `mock` feature).
//!
//! Each service module has a `mock` module with a mock of the whole API:
//! `generated_client::cloudflare::mock::CloudflareMock` and
//! `generated_client::buddy::mock::BuddyMock`. A mock is a real HTTP server
//! on 127.0.0.1 (never a fake transport), so the client under test runs exactly as in
//! production: the same requests, retries, envelopes and errors. Its resource accessors
//! mirror the client's, with a typed [`Stub`] per operation: `client.triggers().create(…)`
//! is stubbed with `mock.triggers().create()`.
//!
//! ```
//! use generated_client::cloudflare::Trigger;
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), generated_client::Error> {
//! let mock = CloudflareMock::start().await;
//! // Without an answer, a stub answers with the documentation page's example.
//! mock.triggers().list_by_script().mount();
//! let client = mock.client();
//! let triggers = client.triggers().list_by_script("my-account", "my-worker").await?;
//! assert_eq!(triggers[0].trigger_name.as_deref(), Some("Production Deploy"));
//! # Ok(())
//! # }
//! ```
//!
//! **Matching.** A stub matches its operation's method and path template; a method per
//! parameter narrows it to typed path, query or header values, [`Stub::body`] to request
//! bodies, read as their type, that a predicate accepts, and [`Stub::body_eq`] to one
//! body:
//!
//! ```
//! use generated_client::cloudflare::mock::CloudflareMock;
//! use generated_client::cloudflare::{CreateTriggerRequest, Trigger};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = CloudflareMock::start().await;
//! let mut created = Trigger::new();
//! created.trigger_name = Some("deploy".to_owned());
//! mock.triggers()
//!     .create()
//!     .account_id("my-account")
//!     .body(|body: &CreateTriggerRequest| body.trigger_name == "deploy")
//!     .respond(&created)
//!     .mount();
//! # }
//! ```
//!
//! **Answers.** [`Stub::respond`] answers with a typed result, in the API's envelope
//! where it has one (Cloudflare's `{"success": true, "errors": [], "messages": [],
//! "result": …}`); [`Stub::respond_error`] with an API error in the service's error shape;
//! [`Stub::rate_limited`] with a 429 and `Retry-After-Ms` (a wait of a few milliseconds
//! keeps a test fast); [`Stub::respond_bytes`] with raw bytes, for an operation whose
//! answer is not JSON (a script's content, a stored value); [`Stub::delay`] delays an answer;
//! paginated operations' `respond_pages` serve one result per page. Several answers make
//! a sequence, the last repeated: a 503 then a success tests the client's retries.
//!
//! ```
//! use generated_client::cloudflare::Build;
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), generated_client::Error> {
//! let mock = CloudflareMock::start().await;
//! let build = Build::new();
//! let stub = mock
//!     .builds()
//!     .get()
//!     .respond_error(503, Some(10000), "try again")
//!     .respond(&build)
//!     .mount();
//! let client = mock.client();
//! client.builds().get("my-account", "some-build").await?; // retried after the 503
//! assert_eq!(stub.calls(), 2);
//! # Ok(())
//! # }
//! ```
//!
//! A paginated operation's stub serves pages: the client's stream reads them all.
//!
//! ```
//! use generated_client::cloudflare::Build;
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), generated_client::Error> {
//! let mock = CloudflareMock::start().await;
//! // Pages of different builds: a page that repeats an earlier one ends a stream.
//! let build = |i: usize| {
//!     let mut build = Build::new();
//!     build.build_uuid = Some(format!("b-{i}").into());
//!     build
//! };
//! let page = |first: usize, n: usize| (first..first + n).map(build).collect::<Vec<_>>();
//! mock.builds().list_by_script().respond_pages([page(0, 2), page(2, 2), page(4, 1)]).mount();
//! let builds = mock.client().builds().list_by_script("my-account", "my-worker").into_stream();
//! assert_eq!(builds.try_collect().await?.len(), 5);
//! # Ok(())
//! # }
//! ```
//!
//! **Expectations.** [`Stub::expect`] sets how many calls a stub expects;
//! [`MockServer::verify`] checks them, and that no request went unmatched, and so does
//! dropping the mock (it panics with what `verify` has not reported). A request that no
//! stub matches gets a [`UNMATCHED_STATUS`] answer whose error names the operation:
//!
//! ```
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = CloudflareMock::start().await;
//! mock.builds().cancel().expect(1).mount();
//! let error = mock.client().builds().get("my-account", "some-build").await.unwrap_err();
//! assert!(error.to_string().contains("`cloudflare.builds.get` (GET /accounts/{account_id}/builds/builds/{build_uuid}) is not stubbed"));
//! let unverified = mock.verify().unwrap_err();
//! assert_eq!(unverified.problems().count(), 2); // the cancel never came; the get was not stubbed
//! # }
//! ```
//!
//! When an operation has stubs but none matches a request, the message says, for each,
//! every check that failed: a path or query parameter or a header, with the value sent and
//! the one expected, or the body (a diff against the one [`Stub::body_eq`] expects, as
//! pretty JSON). Values the API documents as secret and credential headers show
//! `<secret>`.
//!
//! ```
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = CloudflareMock::start().await;
//! mock.builds().get().build_uuid("b-1").mount();
//! mock.client().builds().get("my-account", "b-2").await.unwrap_err();
//! assert_eq!(
//!     mock.verify().unwrap_err().to_string(),
//!     "the cloudflare mock is not satisfied:
//! - unmatched request: `cloudflare.builds.get` (GET /accounts/{account_id}/builds/builds/{build_uuid}) is not stubbed for this request: none of its 1 stub matches it
//!   stub #1 (mock.builds().get()):
//!     path parameter `build_uuid`: sent \"b-2\", expected \"b-1\""
//! );
//! # }
//! ```
//!
//! **What was sent, and in what order.** [`MountedStub::received`] gives the requests a
//! stub answered, [`MockServer::received`] every request in order of arrival: each
//! [`Received`] has its headers and body, the operation and stub it was for, and its place
//! in that order ([`MountedStub::called_before`] compares two stubs'). A test can check
//! that a call went out without a token, or that a hook was created before the old one
//! was deleted. Credential headers' values are never shown, only whether they were sent.
//!
//! ```
//! use generated_client::cloudflare::mock::CloudflareMock;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), generated_client::Error> {
//! let mock = CloudflareMock::start().await;
//! let trigger = mock.deploy_hooks().trigger().mount();
//! mock.client().deploy_hooks().trigger("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e").await?;
//! // A deploy hook's UUID is its credential: the client sends no token with it.
//! assert!(!trigger.received()[0].has_header("authorization"));
//! # Ok(())
//! # }
//! ```

mod answer;
mod explain;
mod matching;
mod mounted;
mod received;
mod server;
mod shape;
mod stub;

pub use mounted::MountedStub;
pub use received::Received;
pub use server::{MockServer, TOKEN, UNMATCHED_STATUS, Unverified};
pub use stub::Stub;

/// What only generated mocks use. Not part of the API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use super::shape::{
        CursorAt, EnvelopeShape, ErrorShape, InfoShape, MockOperation, MockService, PagingShape,
    };
    pub use super::stub::ParamAt;

    /// A JSON body, read as its type.
    pub fn json<B: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<B, String> {
        serde_json::from_slice(bytes).map_err(|error| error.to_string())
    }

    /// A text body.
    pub fn text(bytes: &[u8]) -> Result<String, String> {
        String::from_utf8(bytes.to_vec()).map_err(|error| error.to_string())
    }

    /// A body read as its bytes: bytes, or a `multipart/form-data` form.
    pub fn bytes(bytes: &[u8]) -> Result<Vec<u8>, String> {
        Ok(bytes.to_vec())
    }

    /// No body.
    pub fn none(_bytes: &[u8]) -> Result<(), String> {
        Ok(())
    }
}
