//! What the client sends: URLs, path segments, query strings, headers, the token.

mod support;

use generated_client_runtime::__private::{Client, Method, Request, path_segment};
use generated_client_runtime::{self as runtime, ClientBuilder, Error, RetryPolicy};
use serde_json::json;
use support::{Env, Plain, TOKEN, env_client, envelope, plain_client, received};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!(null))))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn path_segments_stay_in_their_segment_on_the_wire() {
    let server = ok_server().await;
    let client = env_client(&server);
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("%2F", "%252F"),
        (" ", "%20"),
        ("é", "%C3%A9"),
        ("...", "..."),
    ];
    for (value, encoded) in cases {
        assert_eq!(path_segment(&value), encoded, "{value:?}");
        let path = format!("/accounts/{}/things", path_segment(&value));
        let request = Request::new(Method::GET, "env.things.list", path);
        let response = client.execute::<serde_json::Value>(request).await;
        assert!(response.is_ok(), "{value:?}: {response:?}");
        let last = received(&server)
            .await
            .pop()
            .map(|r| r.url.path().to_owned());
        assert_eq!(
            last.as_deref(),
            Some(format!("/client/v4/accounts/{encoded}/things").as_str()),
            "{value:?}"
        );
        assert_eq!(
            received(&server)
                .await
                .last()
                .and_then(|r| r.url.query().map(str::to_owned)),
            None
        );
    }
}

#[tokio::test]
async fn dot_segments_are_refused_rather_than_resolved() {
    let server = ok_server().await;
    let client = env_client(&server);
    for value in [".", ".."] {
        let path = format!("/accounts/{}/things", path_segment(&value));
        let error = client
            .execute::<serde_json::Value>(Request::new(Method::GET, "env.things.list", path))
            .await
            .err();
        assert!(
            matches!(error, Some(Error::InvalidRequest { .. })),
            "{value:?}: {error:?}"
        );
    }
    // A path the generator got wrong is refused too.
    for path in ["/a b", "/a?b", "/a\\b", "no-slash"] {
        let error = client
            .execute::<serde_json::Value>(Request::new(Method::GET, "env.things.list", path.into()))
            .await
            .err();
        assert!(
            matches!(error, Some(Error::InvalidRequest { .. })),
            "{path:?}: {error:?}"
        );
    }
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn base_urls_join_without_double_slashes() {
    let server = ok_server().await;
    for base in ["", "/", "/api", "/api/"] {
        let client = ClientBuilder::<Plain>::new(TOKEN)
            .base_url(format!("{}{base}", server.uri()))
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!client.base_url().ends_with('/'));
        let response = client
            .execute::<serde_json::Value>(Request::new(Method::GET, "plain.x.get", "/x/y".into()))
            .await;
        assert!(response.is_ok(), "{response:?}");
        let path = received(&server)
            .await
            .pop()
            .map(|r| r.url.path().to_owned());
        let expected = format!("{}/x/y", base.trim_end_matches('/'));
        assert_eq!(path.as_deref(), Some(expected.as_str()), "{base:?}");
    }
}

#[tokio::test]
async fn query_values_arrive_intact_in_order() {
    let server = ok_server().await;
    let client = env_client(&server);
    let mut request = Request::new(Method::GET, "env.things.list", "/things".into());
    request.query("q", "a b&c");
    request.query("page", 2);
    request.query("name", "é=+%/?#");
    request.query("q", true);
    assert!(client.execute::<serde_json::Value>(request).await.is_ok());
    let requests = received(&server).await;
    let url = &requests[0].url;
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("q", "a b&c"),
            ("page", "2"),
            ("name", "é=+%/?#"),
            ("q", "true")
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(
        url.query(),
        Some("q=a+b%26c&page=2&name=%C3%A9%3D%2B%25%2F%3F%23&q=true")
    );
}

#[tokio::test]
async fn headers_token_service_and_operation_headers() {
    let server = ok_server().await;
    let client = plain_client(&server);
    let get = Request::new(Method::GET, "plain.x.get", "/x".into());
    assert!(client.execute::<serde_json::Value>(get).await.is_ok());
    let mut post = Request::new(Method::POST, "plain.x.create", "/x".into());
    post.header("x-plain-media-type", "plain.v2");
    post.header("X-Extra", "one");
    post.header("X-Extra", "two");
    post.json(&json!({ "name": "n" }));
    assert!(client.execute::<serde_json::Value>(post).await.is_ok());

    let requests = received(&server).await;
    let header = |i: usize, name: &str| -> Vec<String> {
        requests[i]
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(header(0, "authorization"), [format!("Bearer {TOKEN}")]);
    assert_eq!(
        header(0, "user-agent"),
        [<Env as generated_client_runtime::__private::Service>::USER_AGENT]
    );
    assert_eq!(header(0, "accept"), ["application/json"]);
    assert_eq!(header(0, "x-plain-media-type"), ["plain.v1.1.0"]);
    assert!(header(0, "content-type").is_empty());
    assert_eq!(requests[0].method.as_str(), "GET");

    assert_eq!(requests[1].method.as_str(), "POST");
    assert_eq!(header(1, "x-plain-media-type"), ["plain.v2"]);
    assert_eq!(header(1, "x-extra"), ["one", "two"]);
    assert_eq!(header(1, "content-type"), ["application/json"]);
    assert_eq!(requests[1].body, br#"{"name":"n"}"#);
}

#[tokio::test]
async fn bad_operation_headers_are_invalid_requests() {
    let server = ok_server().await;
    let client = plain_client(&server);
    let mut request = Request::new(Method::GET, "plain.x.get", "/x".into());
    request.header("X-Injected", "a\r\nEvil: yes");
    let error = client.execute::<serde_json::Value>(request).await.err();
    assert!(
        matches!(error, Some(Error::InvalidRequest { .. })),
        "{error:?}"
    );
    assert!(received(&server).await.is_empty());
}

#[tokio::test]
async fn the_token_is_never_shown() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(support::failure(10000, "Authentication error")),
        )
        .mount(&server)
        .await;
    let client = env_client(&server);
    let builder = ClientBuilder::<Env>::new(TOKEN).retry_policy(RetryPolicy::none());
    let error = client
        .execute::<serde_json::Value>(Request::new(Method::GET, "env.user.get", "/user".into()))
        .await
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        error.to_string(),
        format!(
            "env.user.get (GET {}/client/v4/user): HTTP 401 Unauthorized: [10000] Authentication error",
            server.uri()
        )
    );
    for text in [
        format!("{client:?}"),
        format!("{client:#?}"),
        format!("{builder:?}"),
        format!("{error:?}"),
        format!("{error}"),
        format!("{:?}", runtime::Token::from(TOKEN)),
    ] {
        assert!(!text.contains(TOKEN) && !text.contains("SECRET"), "{text}");
    }
    assert!(format!("{client:?}").contains(&server.uri()));

    // A token that cannot be sent is a configuration error that does not show it either.
    let bad = ClientBuilder::<Env>::new("SECRET\nvalue").build().err();
    assert!(matches!(bad, Some(Error::Config(_))));
    let text = format!(
        "{bad:?} {}",
        bad.as_ref().map(ToString::to_string).unwrap_or_default()
    );
    assert!(!text.contains("SECRET"), "{text}");
    assert!(matches!(
        ClientBuilder::<Env>::new("").build(),
        Err(Error::Config(_))
    ));
}

#[tokio::test]
async fn configuration_errors() {
    let missing = ClientBuilder::<Env>::from_env()
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        missing.contains("GENERATED_CLIENT_TEST_UNSET_TOKEN"),
        "{missing}"
    );
    for base in ["not a url", "ftp://example.com", "https://example.com/?q=1"] {
        let error = ClientBuilder::<Env>::new(TOKEN)
            .base_url(base)
            .build()
            .err();
        assert!(matches!(error, Some(Error::Config(_))), "{base}: {error:?}");
        assert!(
            error.is_some_and(|e| !e.is_retryable()
                && e.operation().is_none()
                && e.status().is_none())
        );
    }
    let default = ClientBuilder::<Env>::new(TOKEN)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    // A body that does not serialize fails the call, naming it, and sends nothing.
    let server = ok_server().await;
    let client = env_client(&server);
    let mut request = Request::new(Method::POST, "env.things.create", "/things".into());
    let mut unserializable = std::collections::HashMap::new();
    unserializable.insert((1, 2), 3);
    request.json(&unserializable);
    let error = client.execute::<serde_json::Value>(request).await.err();
    let Some(
        error @ Error::InvalidRequest {
            source: Some(_), ..
        },
    ) = &error
    else {
        panic!("expected an invalid request, got {error:?}")
    };
    assert_eq!(
        error.to_string(),
        format!(
            "env.things.create (POST {}/client/v4/things): the request body does not serialize",
            server.uri()
        )
    );
    assert!(received(&server).await.is_empty());
    assert_eq!(default.base_url(), "https://api.example.invalid/client/v4");
}

#[cfg(feature = "reqwest-0-13")]
#[tokio::test]
async fn own_http_client_and_user_agent() {
    let server = ok_server().await;
    let http = reqwest::Client::builder()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let client: Client<Plain> = support::builder::<Plain>(&server, "")
        .http_client(http)
        .user_agent("my-app/1.0")
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        client
            .execute::<serde_json::Value>(Request::new(Method::GET, "plain.x.get", "/x".into()))
            .await
            .is_ok()
    );
    let requests = received(&server).await;
    assert_eq!(
        requests[0]
            .headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok()),
        Some("my-app/1.0")
    );
    assert_eq!(
        requests[0]
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn futures_and_streams_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    assert_error::<runtime::ApiError>();
    assert_error::<runtime::DecodeError>();
    fn assert_stream<T: runtime::Stream + Send + Unpin>() {}
    let client = ClientBuilder::<Env>::new(TOKEN)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let future =
        client.execute::<Vec<String>>(Request::new(Method::GET, "env.x.list", "/x".into()));
    assert_send(&future);
    let boxed: runtime::BoxFuture<'_, _> = Box::pin(future);
    drop(boxed);
    assert_stream::<runtime::ItemStream<String>>();
}
