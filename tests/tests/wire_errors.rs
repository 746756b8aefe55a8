//! Errors say where and what: every error of a call names its operation, method and URL
//! (secret values redacted, never the token), and a wrongly configured client gets a
//! configuration error that says what would be right.

mod wire_support;

use std::time::Duration;

use generated_client::cloudflare::CloudflareClient;
use generated_client::{Error, RetryPolicy};
use tests::snapshots::struct_fields::shop::ShopClient;
use wire_support::{ACCOUNT, TOKEN, UUID, cloudflare, cloudflare_at, serving_json};
use wiremock::{MockServer, ResponseTemplate};

/// The error's `Display`, `Debug` and sources, as a log would show them.
fn everything_shown(error: &Error) -> String {
    let mut shown = format!("{error} {error:?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        shown.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    shown
}

#[tokio::test]
async fn an_api_error_names_the_operation_method_and_url() {
    // A base URL without Cloudflare's `/client/v4`: the server knows no such path.
    let server = MockServer::start().await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client
        .builds()
        .list_by_script(ACCOUNT, "my-worker")
        .page(2)
        .per_page(50)
        .await;
    let Err(error) = result else {
        panic!("a request to an unknown path succeeded")
    };
    let url = format!(
        "{}/accounts/{ACCOUNT}/builds/workers/my-worker/builds?page=2&per_page=50",
        server.uri()
    );
    assert_eq!(
        error.to_string(),
        format!("cloudflare.builds.list_by_script (GET {url}): HTTP 404 Not Found")
    );
    let Some(call) = error.call() else {
        panic!("an API error without its call: {error:?}")
    };
    assert_eq!(
        (call.operation(), call.method().as_str(), call.url()),
        ("cloudflare.builds.list_by_script", "GET", url.as_str())
    );
    assert!(!everything_shown(&error).contains(TOKEN));
}

#[tokio::test]
async fn a_decode_error_names_the_call() {
    let body = serde_json::json!({ "success": true, "errors": [], "messages": [], "result": 42 });
    let server = serving_json(200, body).await;
    let client = cloudflare(&server, RetryPolicy::none());
    let Err(error) = client.builds().get(ACCOUNT, UUID).await else {
        panic!("a number decoded as a build")
    };
    let expected = format!(
        "cloudflare.builds.get (GET {}/accounts/{ACCOUNT}/builds/builds/{UUID}): HTTP 200 OK: unexpected response body at `result`",
        server.uri()
    );
    assert!(error.to_string().starts_with(&expected), "{error}");
}

#[tokio::test]
async fn a_transport_error_and_a_timeout_name_the_call() {
    let closed = cloudflare_at("http://127.0.0.1:9", RetryPolicy::none());
    let Err(error) = closed.builds().get(ACCOUNT, UUID).await else {
        panic!("a request to a closed port succeeded")
    };
    assert_eq!(
        error.to_string(),
        format!(
            "cloudflare.builds.get (GET http://127.0.0.1:9/accounts/{ACCOUNT}/builds/builds/{UUID}): could not connect to the server"
        )
    );

    let server = MockServer::start().await;
    wire_support::mount(
        &server,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
        None,
    )
    .await;
    let slow = match CloudflareClient::builder(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let Err(error) = slow.builds().cancel(ACCOUNT, UUID).await else {
        panic!("a stalled server answered")
    };
    assert_eq!(
        error.to_string(),
        format!(
            "cloudflare.builds.cancel (PUT {}/accounts/{ACCOUNT}/builds/builds/{UUID}/cancel): no response within 100 ms",
            server.uri()
        )
    );
}

#[tokio::test]
async fn a_secret_path_value_is_redacted_wherever_the_call_shows() {
    let hook = "0f1e2d3c-SECRET-HOOK-4b5a69788796";
    let server = MockServer::start().await;
    wire_support::mount(&server, ResponseTemplate::new(500), None).await;
    let client = match CloudflareClient::builder_without_token()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let builder = client.deploy_hooks().trigger(hook);
    let debug = format!("{builder:?}");
    assert!(
        !debug.contains("SECRET-HOOK") && debug.contains("<secret>"),
        "{debug}"
    );
    let Err(error) = builder.await else {
        panic!("a 500 succeeded")
    };
    assert_eq!(
        error.to_string(),
        format!(
            "cloudflare.deploy_hooks.trigger (POST {}/workers/builds/deploy_hooks/<secret>): HTTP 500 Internal Server Error",
            server.uri()
        )
    );
    let shown = everything_shown(&error);
    assert!(!shown.contains("SECRET-HOOK"), "{shown}");
    // The request did go to the hook.
    let requests = wire_support::received(&server).await;
    assert_eq!(
        requests.first().map(|r| r.url.path().to_owned()),
        Some(format!("/workers/builds/deploy_hooks/{hook}"))
    );
}

#[test]
fn a_base_url_without_a_scheme_is_a_configuration_error_with_the_fix() {
    let result = CloudflareClient::builder(TOKEN)
        .base_url("127.0.0.1:8080")
        .build();
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.to_string(),
        r#"invalid base URL "127.0.0.1:8080": it has no scheme; write it with one, e.g. "http://127.0.0.1:8080""#
    );
    assert_eq!(
        error.fix(),
        r#"write it with one, e.g. "http://127.0.0.1:8080""#
    );
    let result = CloudflareClient::builder(" ").build();
    let Err(Error::Config(error)) = &result else {
        panic!("an empty token built a client: {result:?}")
    };
    assert_eq!(error.problem(), "the API token is empty");
}

#[test]
fn a_missing_environment_variable_names_itself_and_the_alternative() {
    // The fixture service's variable, which nothing sets.
    assert!(
        std::env::var_os("SHOP_TOKEN").is_none(),
        "SHOP_TOKEN is set in this environment; the test needs it unset"
    );
    let result = ShopClient::from_env();
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.to_string(),
        "the environment variable SHOP_TOKEN is not set; set it to your API token, or pass the token to `ShopClient::new`"
    );
}

#[tokio::test]
async fn a_call_needing_the_token_a_client_lacks_is_a_configuration_error() {
    let server = MockServer::start().await;
    let client = match CloudflareClient::builder_without_token()
        .base_url(server.uri())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Config(config)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(error.operation(), Some("cloudflare.builds.get"));
    assert_eq!(
        config.to_string(),
        "cloudflare.builds.get needs an API token, and this client was built without one; \
         build the client with a token: `CloudflareClient::new(token)`, or an email and API \
         key: `CloudflareClient::with_api_key(email, key)`; or `from_env()` with \
         CLOUDFLARE_API_TOKEN set, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY"
    );
    assert!(wire_support::received(&server).await.is_empty());
}
