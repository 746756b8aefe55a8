//! Every example of the spec, sent through the generated clients to a real HTTP server on
//! loopback: the request that arrives (method, path, query, headers, body) is the one the
//! example describes, and the typed result the client returns is the example's response.
//!
//! The test iterates the generated `OPERATIONS`, so an operation added to the spec is
//! covered by being specified.

mod wire_support;

use generated_client::RetryPolicy;
use generated_client::buddy::Action;
use generated_client::cloudflare::{BuildOutcome, ProviderType};
use serde_json::{Value, json};
use tests::generated::operations::OPERATIONS;
use wire_support::{ACCOUNT, UUID, buddy, cloudflare, examples, received, sample_body};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn every_example_of_every_operation_goes_over_the_wire() {
    let (failures, count) = tests::wire_replay::replay_all(OPERATIONS, &examples()).await;
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed over the wire:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    assert!(count >= OPERATIONS.len(), "only {count} examples replayed");
}

/// A server answering every request with `body` (and `status`, `headers`).
async fn serving(status: u16, headers: &[(&str, &str)], body: Value) -> MockServer {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status).set_body_json(body);
    for (name, value) in headers {
        response = response.insert_header(*name, *value);
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_build_decodes_into_typed_values() {
    let server = serving(200, &[], sample_body("cloudflare.builds.get")).await;
    let client = cloudflare(&server, RetryPolicy::none());
    let build = match client.builds().get(ACCOUNT, UUID).await {
        Ok(build) => build,
        Err(e) => panic!("builds().get failed: {e}"),
    };
    assert_eq!(build.build_outcome, Some(BuildOutcome::Success));
    assert_eq!(build.build_uuid.as_deref(), Some(UUID));
    let Some(trigger) = &build.trigger else {
        panic!("the sample build has a trigger: {build:?}")
    };
    let Some(connection) = &trigger.repo_connection else {
        panic!("the sample trigger has a repo connection: {trigger:?}")
    };
    assert_eq!(connection.provider_type, Some(ProviderType::Github));
    assert_eq!(connection.repo_id.as_deref(), Some("workers-sdk"));
}

#[tokio::test]
async fn a_secret_environment_variable_has_no_value() {
    let server = serving(
        200,
        &[],
        sample_body("cloudflare.environment_variables.list"),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let variables = match client.environment_variables().list(ACCOUNT, UUID).await {
        Ok(variables) => variables,
        Err(e) => panic!("environment_variables().list failed: {e}"),
    };
    let Some(api_key) = variables.get("API_KEY") else {
        panic!("no API_KEY in {variables:?}")
    };
    assert_eq!(api_key.value, None);
    assert!(api_key.is_secret);
    assert_eq!(api_key.created_on.as_str(), "2023-01-01T00:00:00Z");
    // A typed timestamp, read on access.
    assert_eq!(
        api_key.created_on.get().map(|t| t.as_second()),
        Ok(1_672_531_200)
    );
}

#[tokio::test]
async fn clear_cache_keeps_an_unknown_action_and_reports_the_rate_limit() {
    let example = wire_support::example("buddy.pipelines.clear_cache");
    let headers: Vec<(&str, &str)> = example
        .response
        .headers
        .iter()
        .map(|(name, value)| (name.value.as_str(), value.as_str()))
        .collect();
    let server = serving(201, &headers, sample_body("buddy.pipelines.clear_cache")).await;
    let client = buddy(&server, RetryPolicy::none());
    let response = match client
        .pipelines()
        .clear_cache("buddy", "company-website", 2)
        .send_with_response()
        .await
    {
        Ok(response) => response,
        Err(e) => panic!("pipelines().clear_cache failed: {e}"),
    };
    assert_eq!(response.status().as_u16(), 201);
    assert_eq!(response.rate_limit().remaining, Some(999));
    assert_eq!(response.rate_limit().limit, Some(1));
    let pipeline = response.value();
    assert_eq!(pipeline.id, Some(2));
    let Some(actions) = &pipeline.actions else {
        panic!("the sample pipeline has actions: {pipeline:?}")
    };
    let Some(Action::Unknown(raw)) = actions.first() else {
        panic!("the FTP action is not kept as unknown: {actions:?}")
    };
    assert_eq!(raw["type"], "FTP");
    assert_eq!(raw["id"], 5);
    assert_eq!(actions[0].tag(), Some("FTP"));

    let requests = received(&server).await;
    let [request] = requests.as_slice() else {
        panic!("{} requests, expected 1", requests.len())
    };
    assert_eq!(
        request.body_json::<Value>().ok(),
        Some(json!({ "clear_cache": true }))
    );
}

#[tokio::test]
async fn a_list_response_exposes_its_result_info() {
    let server = serving(
        200,
        &[
            ("Ratelimit", "\"default\";r=50;t=30"),
            ("Ratelimit-Policy", "\"default\";q=1200;w=300"),
        ],
        sample_body("cloudflare.builds.list_by_script"),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let response = match client
        .builds()
        .list_by_script(ACCOUNT, "my-worker")
        .send_with_response()
        .await
    {
        Ok(response) => response,
        Err(e) => panic!("builds().list_by_script failed: {e}"),
    };
    let Some(info) = &response.meta().result_info else {
        panic!("no result_info in {:?}", response.meta())
    };
    assert_eq!(info.page, Some(1));
    assert_eq!(info.per_page, Some(50));
    assert_eq!(info.total_pages, Some(3));
    assert_eq!(info.total_count, Some(150));
    assert_eq!(response.meta().messages, vec!["string".to_owned()]);
    assert_eq!(response.rate_limit().remaining, Some(50));
    assert_eq!(response.rate_limit().limit, Some(1200));
    assert_eq!(response.value().len(), 1);
    assert_eq!(
        response.value()[0].build_outcome,
        Some(BuildOutcome::Success)
    );
}
