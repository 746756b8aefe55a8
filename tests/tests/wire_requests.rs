//! What reaches the server, and what comes back across pages: page-numbered lists read
//! to the last page, the log cursor followed to the end, hostile path and query values
//! kept inside their place in the URL, and the token kept out of everything shown.

mod wire_support;

use generated_client::cloudflare::{CloudflareClient, LogLineItem, ProviderType};
use generated_client::{Error, RetryPolicy};
use serde_json::{Value, json};
use wire_support::{
    ACCOUNT, TOKEN, UUID, cloudflare, cloudflare_at, envelope, page, received, sample_body,
    sample_build, sample_result, serving_json,
};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A build with only a UUID, for paging.
fn numbered_build(n: u64) -> Value {
    json!({ "build_uuid": format!("build-{n}"), "build_outcome": "success" })
}

/// A server whose list at `list_path` has three pages of two items, items 1 to 6 made by
/// `item`; each page must be asked for exactly once.
async fn three_pages_of_two(list_path: &str, item: impl Fn(u64) -> Value) -> MockServer {
    let server = MockServer::start().await;
    for n in 1..=3u64 {
        let items = json!([item(2 * n - 1), item(2 * n)]);
        Mock::given(method("GET"))
            .and(path(list_path))
            .and(query_param("page", n.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(page(items, n, 2, 3)))
            .expect(1)
            .mount(&server)
            .await;
    }
    server
}

#[tokio::test]
async fn pages_are_read_to_the_last() {
    let server = three_pages_of_two(
        &format!("/accounts/{ACCOUNT}/builds/workers/my-worker/builds"),
        numbered_build,
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let builds = match client
        .builds()
        .list_by_script(ACCOUNT, "my-worker")
        .into_stream()
        .try_collect()
        .await
    {
        Ok(builds) => builds,
        Err(e) => panic!("paging failed: {e}"),
    };
    // Not UUIDs: kept as received all the same.
    let ids: Vec<String> = builds
        .iter()
        .filter_map(|b| b.build_uuid.as_ref())
        .map(|uuid| uuid.as_str().to_owned())
        .collect();
    let expected: Vec<String> = (1..=6).map(|n| format!("build-{n}")).collect();
    assert_eq!(ids, expected);
    // Read as a UUID, each says why it is not one; the response decoded all the same.
    let error = builds[0]
        .build_uuid
        .as_ref()
        .and_then(|uuid| uuid.get().err());
    assert_eq!(error.map(|e| e.expected()), Some("a UUID"));
    let requests = received(&server).await;
    let pages: Vec<String> = requests
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(pages, vec!["page=1", "page=2", "page=3"]);
    server.verify().await;
}

#[tokio::test]
async fn token_pages_are_read_to_the_last() {
    let server = three_pages_of_two(
        &format!("/accounts/{ACCOUNT}/builds/tokens"),
        |n| json!({ "build_token_name": format!("token-{n}") }),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let mut stream = client.tokens().list(ACCOUNT).into_stream();
    let mut names = Vec::new();
    while let Some(token) = stream.next().await {
        match token {
            Ok(token) => names.push(token.build_token_name.unwrap_or_default()),
            Err(e) => panic!("paging failed after {names:?}: {e}"),
        }
    }
    let expected: Vec<String> = (1..=6).map(|n| format!("token-{n}")).collect();
    assert_eq!(names, expected);
    assert_eq!(received(&server).await.len(), 3);
    server.verify().await;
}

#[tokio::test]
async fn log_pages_follow_the_cursor() {
    let server = MockServer::start().await;
    let logs_path = format!("/accounts/{ACCOUNT}/builds/builds/{UUID}/logs");
    Mock::given(method("GET"))
        .and(path(logs_path.as_str()))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({
            "cursor": "c2",
            "lines": [[1_636_472_400, "first"], [1_636_472_401, "second"]],
            "truncated": false,
        }))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(logs_path.as_str()))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!({
            "lines": [[1_636_472_402, "third"]],
            "truncated": false,
        }))))
        .expect(1)
        .mount(&server)
        .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let lines = match client
        .logs()
        .get(ACCOUNT, UUID)
        .into_stream()
        .try_collect()
        .await
    {
        Ok(lines) => lines,
        Err(e) => panic!("following the cursor failed: {e}"),
    };
    let messages: Vec<&str> = lines
        .iter()
        .filter_map(|line| {
            line.iter().find_map(|item| match item {
                LogLineItem::Message(message) => Some(message.as_str()),
                _ => None,
            })
        })
        .collect();
    assert_eq!(messages, vec!["first", "second", "third"]);
    assert!(
        matches!(lines[0].first(), Some(LogLineItem::Timestamp(t)) if *t == 1_636_472_400.0),
        "{lines:?}"
    );
    assert_eq!(received(&server).await.len(), 2);
    server.verify().await;
}

#[tokio::test]
async fn path_values_stay_inside_their_segment() {
    let server = serving_json(200, envelope(sample_build())).await;
    let client = cloudflare(&server, RetryPolicy::none());
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("a?b", "a%3Fb"),
        ("a#b", "a%23b"),
        ("%2F", "%252F"),
        (" ", "%20"),
        ("a b/../c", "a%20b%2F..%2Fc"),
    ];
    for (value, _) in cases {
        let result = client.builds().get(ACCOUNT, value).await;
        if let Err(e) = result {
            panic!("builds().get({value:?}) failed: {e}");
        }
    }
    // And in the first segment of the path.
    if let Err(e) = client.builds().get("a/b", UUID).await {
        panic!("builds().get with account \"a/b\" failed: {e}");
    }
    let requests = received(&server).await;
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    let mut expected: Vec<String> = cases
        .iter()
        .map(|(_, encoded)| format!("/accounts/{ACCOUNT}/builds/builds/{encoded}"))
        .collect();
    expected.push(format!("/accounts/a%2Fb/builds/builds/{UUID}"));
    assert_eq!(paths, expected);
    for request in &requests {
        assert_eq!(request.url.query(), None, "{}", request.url);
        assert_eq!(request.url.fragment(), None, "{}", request.url);
    }

    // `.` and `..` would be resolved by any URL parser: refused before sending.
    let server = serving_json(200, envelope(sample_build())).await;
    let client = cloudflare(&server, RetryPolicy::none());
    for value in [".", ".."] {
        let result = client.builds().get(ACCOUNT, value).await;
        let Err(Error::InvalidRequest { .. }) = &result else {
            panic!("builds().get({value:?}) was not refused: {result:?}")
        };
        let result = client.builds().get(value, UUID).await;
        let Err(Error::InvalidRequest { .. }) = &result else {
            panic!("builds().get with account {value:?} was not refused: {result:?}")
        };
    }
    let requests = received(&server).await;
    assert!(
        requests.is_empty(),
        "refused requests reached the server: {:?}",
        requests.iter().map(|r| r.url.as_str()).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn query_values_arrive_intact() {
    let branch = "feat/a b&c=d";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!(
            "/accounts/{ACCOUNT}/builds/repos/github/cloudflare/workers-sdk/config_autofill"
        )))
        .and(query_param("branch", branch))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(envelope(sample_result("cloudflare.config_autofill.get"))),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client
        .config_autofill()
        .get(
            ACCOUNT,
            ProviderType::Github,
            "cloudflare",
            "workers-sdk",
            branch,
        )
        .root_directory("/src dir")
        .await;
    if let Err(e) = result {
        panic!("config_autofill().get failed: {e}");
    }
    let requests = received(&server).await;
    let [request] = requests.as_slice() else {
        panic!("{} requests, expected 1", requests.len())
    };
    let pairs: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("branch".to_owned(), branch.to_owned()),
            ("root_directory".to_owned(), "/src dir".to_owned()),
        ]
    );
    server.verify().await;
}

#[tokio::test]
async fn the_token_is_never_shown() {
    let secret = "cf-SECRET-token-0123456789";
    let server = serving_json(
        403,
        json!({
            "success": false,
            "errors": [{ "code": 10000, "message": "Authentication error" }],
            "messages": [],
            "result": null,
        }),
    )
    .await;
    let builder = CloudflareClient::builder(secret)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none());
    assert!(!format!("{builder:?}").contains(secret), "{builder:?}");
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let debug = format!("{client:?}");
    assert!(!debug.contains(secret), "{debug}");
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Api(api)) = &result else {
        panic!("expected an API error, got {result:?}")
    };
    assert_eq!(api.status(), 403);
    assert_eq!(api.codes().collect::<Vec<_>>(), vec![10000]);
    for shown in [format!("{error:?}"), format!("{error}"), format!("{api:?}")] {
        assert!(!shown.contains(secret), "the token shows in {shown}");
    }
    // The token was sent, so its absence above means something.
    let requests = received(&server).await;
    let authorization = requests
        .first()
        .and_then(|r| r.headers.get("authorization"))
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    assert_eq!(authorization, Some(format!("Bearer {secret}")));

    // Nor in a transport error.
    let result = cloudflare_at("http://127.0.0.1:9", RetryPolicy::none())
        .builds()
        .get(ACCOUNT, UUID)
        .await;
    let Err(error) = &result else {
        panic!("a request to a closed port succeeded: {result:?}")
    };
    let shown = format!("{error:?} {error}");
    assert!(!shown.contains(TOKEN), "the token shows in {shown}");
}

/// The deploy hook trigger needs no credentials: a client without a token calls it, and no
/// client sends its token there. Its UUID is the secret: no error shows it.
#[tokio::test]
async fn a_deploy_hook_is_triggered_without_a_token_and_its_uuid_stays_secret() {
    let hook = "0f1e2d3c-SECRET-HOOK-4b5a69788796";
    let server = serving_json(200, sample_body("cloudflare.deploy_hooks.trigger")).await;
    let anonymous = match CloudflareClient::builder_without_token()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("a client without a token does not build: {e}"),
    };
    let started = match anonymous.deploy_hooks().trigger(hook).await {
        Ok(started) => started,
        Err(e) => panic!("the trigger failed: {e}"),
    };
    assert_eq!(started.already_exists, Some(false));
    // A client with a token keeps it to itself for this call.
    let with_token = cloudflare(&server, RetryPolicy::none());
    if let Err(e) = with_token.deploy_hooks().trigger(hook).await {
        panic!("the trigger failed: {e}");
    }
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_eq!(
            request.url.path(),
            format!("/workers/builds/deploy_hooks/{hook}")
        );
        assert!(
            request.headers.get("authorization").is_none(),
            "a token was sent to the deploy hook: {:?}",
            request.headers.get("authorization")
        );
    }

    // Every other operation needs the token, and the client without one sends nothing.
    let result = anonymous.builds().get(ACCOUNT, UUID).await;
    let Err(error) = &result else {
        panic!("a call needing a token succeeded without one: {result:?}")
    };
    assert!(
        error
            .to_string()
            .contains("cloudflare.builds.get needs an API token"),
        "{error}"
    );
    assert_eq!(received(&server).await.len(), 2, "a request went out");

    // A failure of the trigger does not show the UUID, even in the HTTP client's error.
    let closed = match CloudflareClient::builder_without_token()
        .base_url("http://127.0.0.1:9")
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let result = closed.deploy_hooks().trigger(hook).await;
    let Err(error) = &result else {
        panic!("a request to a closed port succeeded: {result:?}")
    };
    let mut shown = format!("{error:?} {error}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        shown.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    assert!(
        !shown.contains("SECRET-HOOK"),
        "the hook's UUID shows in {shown}"
    );
}

/// Cloudflare's second scheme: a client built from an account's email and API key sends
/// them as `X-Auth-Email` and `X-Auth-Key`, no `Authorization`, and never shows the key.
#[tokio::test]
async fn an_email_and_api_key_are_sent_in_their_headers_and_never_shown() {
    let key = "cf-SECRET-global-key-0123456789";
    let email = "builds@example.com";
    let server = serving_json(200, sample_body("cloudflare.builds.get")).await;
    let builder = CloudflareClient::builder_with_api_key(email, key)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none());
    assert!(!format!("{builder:?}").contains(key), "{builder:?}");
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    assert!(!format!("{client:?}").contains(key));
    if let Err(e) = client.builds().get(ACCOUNT, UUID).await {
        panic!("{e}");
    }
    let requests = received(&server).await;
    let Some(request) = requests.first() else {
        panic!("nothing was sent")
    };
    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    assert_eq!(header("x-auth-email").as_deref(), Some(email));
    assert_eq!(header("x-auth-key").as_deref(), Some(key));
    assert_eq!(header("authorization"), None);
}
