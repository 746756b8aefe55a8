//! A typed client for the [Buddy.works](https://buddy.works/docs/api) and Cloudflare
//! Workers REST APIs: [Workers Builds](https://developers.cloudflare.com/api/resources/workers_builds/)
//! and the Workers platform it deploys to (scripts, versions, deployments, secrets,
//! settings, KV, D1, Queues, Durable Objects).
//!
//! Each API is a module with its own client: [`buddy::BuddyClient`] and
//! [`cloudflare::CloudflareClient`], behind the `buddy` and `cloudflare` features (both
//! on by default). A client is built from a token, or from the environment
//! (`CLOUDFLARE_API_TOKEN` and `CLOUDFLARE_BASE_URL`; `BUDDY_TOKEN` and `BUDDY_API_URL`),
//! is cheap to clone, and retries, times out and reports errors the same way for both
//! APIs (see [`runtime`]). Calls run on a tokio runtime. https goes through rustls, with
//! the crypto provider of the `tls-aws-lc-rs` feature (default) or `tls-ring`; with
//! neither, the client speaks plain http only.
//!
//! With the `mock` feature (off by default), each service module also has a `mock` module:
//! a typed mock of its API on 127.0.0.1, for testing code that uses the client, on the
#![cfg_attr(
    feature = "mock",
    doc = "engine [`runtime::mock`], whose page says what stubs match and answer, what a mock \
           records and how it reports what it was not asked for."
)]
#![cfg_attr(
    not(feature = "mock"),
    doc = "engine `runtime::mock` (documented with the `mock` feature)."
)]
//!
//! Each operation is a method of its resource that returns a request builder: required
//! parameters are arguments, optional ones are set by name, and `.await` sends it.
//!
//! ```no_run
//! use generated_client::cloudflare::CloudflareClient;
//!
//! # async fn run() -> Result<(), generated_client::Error> {
//! let client = CloudflareClient::from_env()?;
//! let account = "023e105f4ecef8ad9ca31a8372d0c353";
//! let build = client.builds().get(account, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e").await?;
//! println!("{:?}", build.status);
//!
//! // List operations stream their items, fetching pages as the stream is read.
//! let mut builds = client.builds().list_by_script(account, "my-worker").per_page(50).into_stream();
//! while let Some(build) = builds.next().await {
//!     println!("{:?}", build?.build_outcome);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Request bodies are built from their required fields, with `with_*` setters for the
//! rest; generated types are `#[non_exhaustive]`, so fields the API adds later break no
//! code:
//!
//! ```no_run
//! use generated_client::buddy::{ActionRequestCommon, BuddyClient, SandboxCreateFromSandboxActionRequest, SandboxResources};
//!
//! # async fn run() -> Result<(), generated_client::Error> {
//! let client = BuddyClient::from_env()?;
//! let action = SandboxCreateFromSandboxActionRequest::new("staging-clone-001")
//!     .with_referenced_sandbox_name("prod-sandbox-001")
//!     .with_resources(SandboxResources::V2x4)
//!     .with_tags(["staging", "clone"]);
//! let created = client.actions().create_sandbox_from_sandbox("my-company", "my-project", 123, action).await?;
//! println!("{:?}", created.id);
//! # Ok(())
//! # }
//! ```
//!
//! An operation whose answer is not JSON returns the body's bytes, and a KV value is
//! written as bytes; every resource is also a cargo feature, so a crate that only uses
//! KV compiles only KV:
//!
//! ```no_run
//! use generated_client::cloudflare::{CloudflareClient, WriteKeyValuePairWithOptionalMetadataRequest};
//!
//! # async fn run() -> Result<(), generated_client::Error> {
//! let client = CloudflareClient::from_env()?;
//! let (account, namespace) = ("023e105f4ecef8ad9ca31a8372d0c353", "0f2ac74b498b48028cb68387c421e279");
//! let bytes = vec![0x00, 0xff, 0x2a];
//! client
//!     .kv_values()
//!     .update(account, namespace, "blobs/one.bin", WriteKeyValuePairWithOptionalMetadataRequest::new(bytes.clone()))
//!     .await?;
//! let read: Vec<u8> = client.kv_values().get(account, namespace, "blobs/one.bin").await?;
//! assert_eq!(read, bytes);
//! # Ok(())
//! # }
//! ```
//!
//! Errors say what failed and why, and can be matched on:
//!
//! ```no_run
//! # async fn run(client: generated_client::cloudflare::CloudflareClient) -> Result<(), generated_client::Error> {
//! match client.triggers().delete("023e105f4ecef8ad9ca31a8372d0c353", "trigger").send_with_response().await {
//!     Ok(response) => println!("deleted; {:?} requests left", response.rate_limit().remaining),
//!     Err(error) if error.status() == Some(404) => println!("no such trigger"),
//!     Err(error) => return Err(error),
//! }
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

extern crate self as generated_client;

// The pages leave some fields and values undescribed, and the generator adds no filler:
// generated items carry the pages' documentation where there is some.
#[allow(missing_docs)]
mod generated;
// The HTTP runtime the service clients are built on: the crate `generated-client-runtime`,
// which does not change when the spec does. Inlined, its pages (the typed mocks' engine
// among them) are where this crate's users look, under its own documentation. (rustdoc
// also inlines the crates it re-exports, jiff, url and uuid, whatever their attributes:
// rust-lang/rust#92379.)
#[doc(inline)]
pub use generated_client_runtime as runtime;

// Empty when no service feature is on: the crate is then the runtime alone.
#[allow(unused_imports)]
pub use generated::*;

// The README's examples compile as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use runtime::{
    ApiError, ApiKey, Call, ConfigError, Credentials, DecodeError, Error, ErrorDetail, FilePart,
    FormatError, Formatted, ItemStream, NoContent, PagingError, PagingProblem, RateLimit, Response,
    ResponseParts, RetryPolicy, Timestamp, Token, TransportError, UnknownValue, Url, Uuid,
};
/// The crates whose types [`Timestamp`], [`Uuid`] and [`Url`] read values as, at the
/// versions this crate uses.
pub use runtime::{jiff, url, uuid};
