//! Faults on the wire, through the generated clients: retries, timeouts, broken
//! connections, malformed and unexpected bodies, and API errors (paging and parameter
//! encoding are in `wire_requests.rs`). Every test is fast (millisecond backoffs, short
//! timeouts; one test waits the one second a `Retry-After` asks for) and deterministic.

mod wire_support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use generated_client::cloudflare::{
    Build, BuildOutcome, CloudflareClient, CreateTriggerRequest, ProviderType,
};
use generated_client::{Error, RetryPolicy};
use serde_json::{Value, json};
use wire_support::{
    ACCOUNT, TOKEN, UUID, cloudflare, cloudflare_at, envelope, fast_retries, mount, raw_server,
    received, sample_build, sample_request_body, sample_result, serving_json, serving_raw,
};
use wiremock::{MockServer, ResponseTemplate};

/// `builds().get` of the sample build against a server answering with `body`.
async fn get_build_from(body: Value) -> Build {
    let server = serving_json(200, body).await;
    let client = cloudflare(&server, RetryPolicy::none());
    match client.builds().get(ACCOUNT, UUID).await {
        Ok(build) => build,
        Err(e) => panic!("builds().get failed: {e}"),
    }
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_the_wait() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        Some(1),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200).set_body_json(envelope(sample_build())),
        None,
    )
    .await;
    let client = cloudflare(&server, fast_retries());
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, UUID).await;
    let elapsed = started.elapsed();
    let Ok(build) = result else {
        panic!("the retry after a 429 did not succeed: {result:?}")
    };
    assert_eq!(build.build_uuid.as_deref(), Some(UUID));
    assert_eq!(received(&server).await.len(), 2);
    assert!(
        elapsed >= Duration::from_millis(950),
        "retried after {elapsed:?}, before the 1 s Retry-After"
    );
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
}

#[tokio::test]
async fn two_503s_then_success_sends_three_identical_requests() {
    let server = MockServer::start().await;
    // A POST is retried only when the server asks for it (wire_hostile.rs).
    mount(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", "0"),
        Some(2),
    )
    .await;
    mount(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(envelope(sample_result("cloudflare.triggers.create"))),
        None,
    )
    .await;
    let client = cloudflare(&server, fast_retries());
    let body = sample_request_body("cloudflare.triggers.create");
    let request: CreateTriggerRequest = match serde_json::from_value(body.clone()) {
        Ok(request) => request,
        Err(e) => panic!("the spec's trigger request does not decode: {e}"),
    };
    let trigger = match client.triggers().create(ACCOUNT, request).await {
        Ok(trigger) => trigger,
        Err(e) => panic!("triggers().create failed after two 503s: {e}"),
    };
    assert_eq!(trigger.trigger_name.as_deref(), Some("Production Deploy"));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.method.as_str(), "POST");
        assert_eq!(
            request.url.path(),
            format!("/accounts/{ACCOUNT}/builds/triggers")
        );
        assert_eq!(request.body, requests[0].body, "a retry sent other bytes");
        assert_eq!(
            request.headers, requests[0].headers,
            "a retry sent other headers"
        );
    }
    let sent: Value = match serde_json::from_slice(&requests[0].body) {
        Ok(sent) => sent,
        Err(e) => panic!("the request body is not JSON: {e}"),
    };
    assert!(
        tests::replay::json_eq(&sent, &body),
        "sent {sent}, expected {body}"
    );
}

#[tokio::test]
async fn retries_exhausted_returns_the_last_503() {
    let server = serving_json(
        503,
        json!({
            "success": false,
            "errors": [{ "code": 10000, "message": "Service unavailable" }],
            "messages": [],
            "result": null,
        }),
    )
    .await;
    let client = cloudflare(&server, fast_retries());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Api(_)) = result else {
        panic!("expected an API error, got {result:?}")
    };
    assert!(error.is_retryable());
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.operation(), Some("cloudflare.builds.get"));
    let Some(api) = error.as_api() else {
        panic!("not an API error: {error:?}")
    };
    assert_eq!(api.attempts(), 3);
    assert_eq!(api.codes().collect::<Vec<_>>(), vec![10000]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_closed_connection_is_a_retryable_transport_error() {
    // Each connection: the request's head is read, then the connection closes unanswered.
    let (base_url, accepted) = raw_server(|socket| async move { drop(socket) }).await;
    let client = cloudflare_at(&base_url, fast_retries());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Transport { .. }) = result else {
        panic!("expected a transport error, got {result:?}")
    };
    assert!(error.is_retryable());
    assert_eq!(error.operation(), Some("cloudflare.builds.get"));
    assert_eq!(error.status(), None);
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        3,
        "three attempts, three connections"
    );
}

#[tokio::test]
async fn a_stalled_server_times_out() {
    let server = MockServer::start().await;
    mount(
        &server,
        ResponseTemplate::new(200)
            .set_body_json(envelope(sample_build()))
            .set_delay(Duration::from_secs(3)),
        None,
    )
    .await;
    let client = match CloudflareClient::builder(TOKEN)
        .base_url(server.uri())
        .timeout(Duration::from_millis(150))
        .retry_policy(RetryPolicy::none())
        .build()
    {
        Ok(client) => client,
        Err(e) => panic!("{e}"),
    };
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, UUID).await;
    let elapsed = started.elapsed();
    let Err(error @ Error::Timeout { .. }) = result else {
        panic!("expected a timeout, got {result:?}")
    };
    assert!(error.is_retryable());
    assert_eq!(error.operation(), Some("cloudflare.builds.get"));
    assert!(
        elapsed < Duration::from_millis(1500),
        "timed out after {elapsed:?}"
    );
    assert!(
        elapsed >= Duration::from_millis(140),
        "timed out after {elapsed:?}"
    );
}

#[tokio::test]
async fn invalid_json_is_a_decode_error_with_a_bounded_excerpt() {
    let body = r#"{"success": tru"#;
    let server = serving_raw(200, body, "application/json").await;
    let client = cloudflare(&server, fast_retries());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Decode(decode)) = &result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert_eq!(decode.status(), 200);
    assert_eq!(decode.excerpt(), body);
    assert_eq!(decode.body().as_ref(), body.as_bytes());
    assert_eq!(decode.operation(), "cloudflare.builds.get");
    assert_eq!(
        received(&server).await.len(),
        1,
        "a decode error is not retried"
    );

    // A long invalid body: the excerpt stays bounded.
    let long = format!(r#"{{"success": true, "result": "{}"#, "x".repeat(20_000));
    let server = serving_raw(200, &long, "application/json").await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Decode(decode)) = &result else {
        panic!("expected a decode error, got {result:?}")
    };
    let chars = decode.excerpt().chars().count();
    assert!(chars <= 500, "an excerpt of {chars} characters");
    assert!(decode.excerpt().starts_with(r#"{"success": true"#));
    assert_eq!(decode.body().len(), long.len());
    let shown = result
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(shown.len() < 1000, "the error shows {} bytes", shown.len());
}

#[tokio::test]
async fn an_html_502_is_an_api_error_with_the_body() {
    let html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n";
    let server = serving_raw(502, html, "text/html").await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Api(api)) = &result else {
        panic!("expected an API error, got {result:?}")
    };
    assert_eq!(api.status(), 502);
    assert!(api.details().is_empty(), "{:?}", api.details());
    assert_eq!(api.body().as_ref(), html.as_bytes());
    assert_eq!(api.attempts(), 1);
    let shown = api.to_string();
    assert!(shown.contains("502"), "{shown}");
    assert!(shown.contains("Bad Gateway"), "{shown}");
    assert!(!shown.contains('\n'), "{shown:?}");
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn an_empty_body_for_a_struct_result_is_a_decode_error() {
    let server = serving_raw(200, "", "application/json").await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(Error::Decode(decode)) = &result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert_eq!(decode.status(), 200);
    assert_eq!(decode.excerpt(), "");
    assert!(decode.body().is_empty());
}

#[tokio::test]
async fn a_null_result_of_an_unknown_typed_delete_is_null() {
    let server = serving_json(
        200,
        json!({ "success": true, "errors": [], "messages": [], "result": null }),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.triggers().delete(ACCOUNT, UUID).await;
    let Ok(value) = result else {
        panic!("triggers().delete with a null result failed: {result:?}")
    };
    assert_eq!(value, Value::Null);
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "DELETE");
}

/// Cloudflare always wraps its result in an envelope: an empty 200 body is malformed,
/// even where the result itself may be anything, and says so with a typed error.
#[tokio::test]
async fn an_empty_body_where_an_envelope_is_due_is_a_decode_error() {
    let server = serving_raw(200, "", "application/json").await;
    let client = cloudflare(&server, RetryPolicy::none());
    let result = client.triggers().delete(ACCOUNT, UUID).await;
    let Err(Error::Decode(error)) = &result else {
        panic!("expected a decode error, got {result:?}")
    };
    assert_eq!(error.status(), 200);
    assert_eq!(error.excerpt(), "");
}

#[tokio::test]
async fn an_unknown_enum_value_is_kept_and_written_back() {
    let mut build = sample_build();
    build["build_outcome"] = json!("exploded");
    let build = get_build_from(envelope(build)).await;
    let Some(outcome @ BuildOutcome::Unknown(raw)) = &build.build_outcome else {
        panic!("expected an unknown outcome, got {:?}", build.build_outcome)
    };
    assert_eq!(raw.as_str(), "exploded");
    assert_eq!(outcome.as_str(), "exploded");
    assert_eq!(outcome.to_string(), "exploded");
    let written = match serde_json::to_value(&build) {
        Ok(written) => written,
        Err(e) => panic!("the build does not encode: {e}"),
    };
    assert_eq!(written["build_outcome"], "exploded");
    // The rest of the build is intact.
    assert_eq!(build.build_uuid.as_deref(), Some(UUID));
}

#[tokio::test]
async fn unknown_fields_are_ignored_everywhere() {
    let mut build = sample_build();
    build["brand_new_field"] = json!({ "deeply": ["nested", 1, null] });
    build["trigger"]["repo_connection"]["added_later"] = json!(42);
    build["build_trigger_metadata"]["another"] = json!(true);
    let mut body = envelope(build);
    body["envelope_extra"] = json!("ignored");
    body["result_info"] = json!({ "page": 1, "cursor_of_the_future": "x" });
    let build = get_build_from(body).await;
    assert_eq!(build.build_outcome, Some(BuildOutcome::Success));
    let provider = build
        .trigger
        .as_ref()
        .and_then(|trigger| trigger.repo_connection.as_ref())
        .and_then(|connection| connection.provider_type.clone());
    assert_eq!(provider, Some(ProviderType::Github));
    let branch = build
        .build_trigger_metadata
        .as_ref()
        .and_then(|metadata| metadata.branch.clone());
    assert!(branch.is_some(), "{build:?}");
}

#[tokio::test]
async fn null_optional_fields_are_none() {
    let mut build = sample_build();
    build["build_uuid"] = Value::Null;
    build["trigger"] = Value::Null;
    build["build_trigger_metadata"]["branch"] = Value::Null;
    let build = get_build_from(envelope(build)).await;
    assert_eq!(build.build_uuid, None);
    assert_eq!(build.trigger, None);
    assert_eq!(
        build
            .build_trigger_metadata
            .as_ref()
            .map(|metadata| metadata.branch.clone()),
        Some(None)
    );
    assert_eq!(build.build_outcome, Some(BuildOutcome::Success));
}

#[tokio::test]
async fn a_secret_variable_with_a_null_value_has_none() {
    let server = serving_json(
        200,
        envelope(json!({
            "API_KEY": { "created_on": "2023-01-01T00:00:00Z", "is_secret": true, "value": null },
            "REGION": { "created_on": "2023-01-02T00:00:00Z", "is_secret": false, "value": "eu" },
        })),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let variables = match client.environment_variables().list(ACCOUNT, UUID).await {
        Ok(variables) => variables,
        Err(e) => panic!("environment_variables().list failed: {e}"),
    };
    let (Some(secret), Some(plain)) = (variables.get("API_KEY"), variables.get("REGION")) else {
        panic!("variables missing: {variables:?}")
    };
    assert_eq!(secret.value, None);
    assert!(secret.is_secret);
    assert_eq!(plain.value.as_deref(), Some("eu"));
    assert!(!plain.is_secret);
}

#[tokio::test]
async fn success_false_under_200_is_an_api_error_not_retried() {
    let server = serving_json(
        200,
        json!({
            "success": false,
            "errors": [
                { "code": 12000, "message": "Not found" },
                { "code": 10001, "message": "Also wrong" },
            ],
            "messages": [],
            "result": null,
        }),
    )
    .await;
    let client = cloudflare(&server, fast_retries());
    let result = client.builds().get(ACCOUNT, UUID).await;
    let Err(error @ Error::Api(api)) = &result else {
        panic!("expected an API error, got {result:?}")
    };
    assert_eq!(api.status(), 200);
    assert_eq!(api.codes().collect::<Vec<_>>(), vec![12000, 10001]);
    let messages: Vec<Option<&str>> = api
        .details()
        .iter()
        .map(|detail| detail.message.as_deref())
        .collect();
    assert_eq!(messages, vec![Some("Not found"), Some("Also wrong")]);
    assert_eq!(api.attempts(), 1);
    assert!(!error.is_retryable());
    let shown = error.to_string();
    assert!(shown.contains("[12000] Not found"), "{shown}");
    assert_eq!(received(&server).await.len(), 1);
}
