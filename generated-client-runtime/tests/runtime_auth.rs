//! The two authentication schemes on the wire: a token, or an email and API key in the
//! service's headers; nothing for an operation that needs no auth; and neither secret in
//! an error or a `Debug` output.

mod support;

use generated_client_runtime::__private::{Client, Method, Request};
use generated_client_runtime::{ClientBuilder, Credentials, Error};
use support::{API_KEY, EMAIL, Keyed, Plain, TOKEN, received};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status).set_body_json(serde_json::json!({
                "errors": [{ "code": 10000, "message": "Authentication error" }]
            })),
        )
        .mount(&server)
        .await;
    server
}

fn keyed(server: &MockServer, credentials: Credentials) -> Client<Keyed> {
    ClientBuilder::<Keyed>::from_credentials(credentials)
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn get() -> Request {
    Request::new(Method::GET, "keyed.things.get", "/things".into())
}

fn anonymous() -> Request {
    let mut request = Request::new(Method::POST, "keyed.hooks.run", "/hooks/h".into());
    request.without_token();
    request
}

/// The auth headers of each request the server received.
async fn auth_headers(server: &MockServer) -> Vec<Vec<(String, String)>> {
    received(server)
        .await
        .iter()
        .map(|request| {
            ["authorization", "x-auth-email", "x-auth-key"]
                .into_iter()
                .filter_map(|name| {
                    let value = request.headers.get(name)?.to_str().ok()?;
                    Some((name.to_owned(), value.to_owned()))
                })
                .collect()
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

#[tokio::test]
async fn an_email_and_key_go_in_the_services_headers_and_nowhere_else() {
    let server = server(200).await;
    let client = keyed(&server, Credentials::api_key(EMAIL, API_KEY));
    let result = client.execute::<serde_json::Value>(get()).await;
    assert!(result.is_ok(), "{result:?}");
    // An operation that needs no auth sends none.
    let result = client.execute::<serde_json::Value>(anonymous()).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(
        auth_headers(&server).await,
        [
            pairs(&[("x-auth-email", EMAIL), ("x-auth-key", API_KEY)]),
            Vec::new()
        ]
    );
}

#[tokio::test]
async fn a_token_goes_in_authorization_alone() {
    let server = server(200).await;
    let client = keyed(&server, Credentials::token(TOKEN));
    for request in [get(), anonymous()] {
        let result = client.execute::<serde_json::Value>(request).await;
        assert!(result.is_ok(), "{result:?}");
    }
    let bearer = format!("Bearer {TOKEN}");
    assert_eq!(
        auth_headers(&server).await,
        [pairs(&[("authorization", bearer.as_str())]), Vec::new()]
    );
}

#[tokio::test]
async fn credentials_can_be_replaced_on_the_builder() {
    let server = server(200).await;
    let client = ClientBuilder::<Keyed>::new(TOKEN)
        .credentials(Credentials::api_key(EMAIL, API_KEY))
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let result = client.execute::<serde_json::Value>(get()).await;
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(
        auth_headers(&server).await,
        [pairs(&[("x-auth-email", EMAIL), ("x-auth-key", API_KEY)])]
    );
}

#[tokio::test]
async fn neither_secret_nor_email_shows_in_errors_or_debug() {
    let server = server(403).await;
    let builder = ClientBuilder::<Keyed>::from_credentials(Credentials::api_key(EMAIL, API_KEY))
        .base_url(server.uri());
    let shown_builder = format!("{builder:?}");
    assert!(!shown_builder.contains(API_KEY), "{shown_builder}");
    let client = builder.build().unwrap_or_else(|e| panic!("{e}"));
    let error = match client.execute::<serde_json::Value>(get()).await {
        Ok(response) => panic!("a 403 succeeded: {response:?}"),
        Err(error) => error,
    };
    assert_eq!(
        error.to_string(),
        format!(
            "keyed.things.get (GET {}/things): HTTP 403 Forbidden: [10000] Authentication error",
            server.uri()
        )
    );
    let shown = format!("{error:?} {client:?} {error:#}");
    for secret in [API_KEY, EMAIL] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
}

#[tokio::test]
async fn a_call_needing_credentials_a_client_lacks_sends_nothing() {
    let server = server(200).await;
    let client = ClientBuilder::<Keyed>::without_token()
        .base_url(server.uri())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let result = client.execute::<serde_json::Value>(get()).await;
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.fix(),
        "build the client with a token: `KeyedClient::new(token)`, or an email and API key: \
         `KeyedClient::with_api_key(email, key)`; or `from_env()` with \
         GENERATED_CLIENT_TEST_UNSET_KEYED_TOKEN set, or GENERATED_CLIENT_TEST_UNSET_KEYED_EMAIL and \
         GENERATED_CLIENT_TEST_UNSET_KEYED_API_KEY"
    );
    assert!(received(&server).await.is_empty());
    // The operation that needs none still goes.
    let result = client.execute::<serde_json::Value>(anonymous()).await;
    assert!(result.is_ok(), "{result:?}");
}

#[test]
fn a_service_without_the_key_scheme_refuses_an_email_and_key() {
    let result =
        ClientBuilder::<Plain>::from_credentials(Credentials::api_key(EMAIL, API_KEY)).build();
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.to_string(),
        "PlainClient takes an API token, not an email and API key; build the client with a \
         token: `PlainClient::new(token)`"
    );
}

#[test]
fn from_env_says_every_variable_it_would_read() {
    // None of the fixture's variables is set anywhere.
    let result = ClientBuilder::<Keyed>::from_env();
    let Err(Error::Config(error)) = &result else {
        panic!("expected a configuration error, got {result:?}")
    };
    assert_eq!(
        error.problem(),
        "none of the environment variables GENERATED_CLIENT_TEST_UNSET_KEYED_TOKEN, \
         GENERATED_CLIENT_TEST_UNSET_KEYED_EMAIL and GENERATED_CLIENT_TEST_UNSET_KEYED_API_KEY \
         is set"
    );
}
