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
use tests::generated::operations::{Clients, OPERATIONS};
use tests::replay::{ExampleRequest, Operation, json_eq};
use wire_support::{ACCOUNT, TOKEN, UUID, buddy, cloudflare, examples, received, sample_body};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One example of one operation, as owned values.
struct Case {
    op: &'static Operation,
    label: String,
    call: ExampleRequest,
    path: Vec<(String, Value)>,
    query: Vec<(String, Value)>,
    headers: Vec<(String, String)>,
    body: Option<Value>,
    status: u16,
    response_headers: Vec<(String, String)>,
    response_body: Option<Value>,
}

impl Case {
    fn new(op: &'static Operation, index: usize, example: &codegen::spec::Example) -> Self {
        let pairs = |pairs: &[(codegen::spec::Spanned<String>, String)]| {
            pairs
                .iter()
                .map(|(name, value)| (name.value.clone(), value.clone()))
                .collect()
        };
        let values = |pairs: &[(codegen::spec::Spanned<String>, codegen::json::Node)]| {
            pairs
                .iter()
                .map(|(name, value)| (name.value.clone(), value.to_json()))
                .collect()
        };
        Self {
            op,
            label: format!(
                "{} example {index} ({})",
                op.id,
                example.name.as_deref().unwrap_or("unnamed")
            ),
            call: ExampleRequest::from_spec(example),
            path: values(&example.request.path),
            query: values(&example.request.query),
            headers: pairs(&example.request.headers),
            body: example.request.body.as_ref().map(|body| body.to_json()),
            status: example.response.status.value,
            response_headers: pairs(&example.response.headers),
            response_body: example.response.body.as_ref().map(|body| body.to_json()),
        }
    }
}

#[tokio::test]
async fn every_example_of_every_operation_goes_over_the_wire() {
    let examples = examples();
    let mut failures = Vec::new();
    let mut cases = Vec::new();
    for op in OPERATIONS {
        let op_examples = examples.get(op.id).map(Vec::as_slice).unwrap_or_default();
        if op_examples.is_empty() {
            failures.push(format!("{}: the spec has no example", op.id));
        }
        for (index, example) in op_examples.iter().enumerate() {
            cases.push(Case::new(op, index, example));
        }
    }
    let count = cases.len();
    for case in &cases {
        let problems = replay(case).await;
        if !problems.is_empty() {
            failures.push(format!(
                "{}:\n    - {}",
                case.label,
                problems.join("\n    - ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} examples failed over the wire:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    assert!(count >= OPERATIONS.len(), "only {count} examples replayed");
}

/// Replays one example against a fresh server; what differed, if anything.
async fn replay(case: &Case) -> Vec<String> {
    let op = case.op;
    let mut problems = Vec::new();
    let server = MockServer::start().await;
    // A page that shows no sample response (Buddy's action pages) is answered with `{}`,
    // which the result types, all of whose fields are optional, take as an empty value.
    let served = case.response_body.clone().unwrap_or_else(|| json!({}));
    let mut response = ResponseTemplate::new(case.status).set_body_json(&served);
    for (name, value) in &case.response_headers {
        response = response.insert_header(name.as_str(), value.as_str());
    }
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;

    let clients = match Clients::new(&server.uri(), TOKEN, RetryPolicy::none()) {
        Ok(clients) => clients,
        Err(e) => return vec![format!("the clients do not build: {e}")],
    };
    let outcome = match (op.call)(&clients, &case.call) {
        Ok(call) => call.await,
        Err(e) => Err(e),
    };

    check_request(case, &received(&server).await, &mut problems);

    match outcome {
        Err(e) => problems.push(format!("the call failed: {e}")),
        Ok((status, result)) => {
            if status != case.status {
                problems.push(format!("status {status}, the example's is {}", case.status));
            }
            let expected = match op.envelope_result {
                Some(field) => served.get(field).cloned().unwrap_or(Value::Null),
                None => served,
            };
            if !json_eq(&result, &expected) {
                problems.push(format!(
                    "typed result differs:\n        got:      {result}\n        expected: {expected}"
                ));
            }
        }
    }
    problems
}

/// How the client prints a parameter value: strings as they are, whole numbers without a
/// fraction (`2`, not `2.0`).
fn printed(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => f.to_string(),
            (None, None) => n.to_string(),
        },
        other => other.to_string(),
    }
}

fn check_request(case: &Case, requests: &[wiremock::Request], problems: &mut Vec<String>) {
    let op = case.op;
    let [request] = requests else {
        problems.push(format!(
            "{} requests arrived, expected exactly 1",
            requests.len()
        ));
        return;
    };

    if request.method.as_str() != op.method {
        problems.push(format!("method {}, expected {}", request.method, op.method));
    }

    let mut path = op.path.to_owned();
    for (name, value) in &case.path {
        path = path.replace(&format!("{{{name}}}"), &printed(value));
    }
    if request.url.path() != path {
        problems.push(format!("path {}, expected {path}", request.url.path()));
    }

    let query: Vec<(String, String)> = request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let expected_query: Vec<(String, String)> = case
        .query
        .iter()
        .map(|(name, value)| (name.clone(), printed(value)))
        .collect();
    let (mut sorted, mut expected_sorted) = (query.clone(), expected_query.clone());
    sorted.sort();
    expected_sorted.sort();
    if sorted != expected_sorted {
        problems.push(format!("query {query:?}, expected {expected_query:?}"));
    }

    let header = |name: &str| {
        request
            .headers
            .get(name)
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
    };
    // An operation that needs no credentials gets none, though the client has a token.
    let expected_auth = op.authenticated.then(|| format!("Bearer {TOKEN}"));
    if header("authorization") != expected_auth {
        problems.push(format!(
            "authorization {:?}, expected {expected_auth:?}",
            header("authorization")
        ));
    }
    let has_body = case.body.is_some();
    let content_type = header("content-type");
    match (has_body, content_type.as_deref()) {
        (true, Some("application/json")) | (false, None) => {}
        (true, other) => problems.push(format!(
            "content-type {other:?} with a body, expected application/json"
        )),
        (false, Some(other)) => {
            problems.push(format!("content-type {other:?} without a body"));
        }
    }
    for (name, value) in &case.headers {
        let got = header(name);
        if got.as_deref() != Some(value.as_str()) {
            problems.push(format!(
                "header {name}: {got:?}, the example sends {value:?}"
            ));
        }
    }
    let media_type = header("x-buddy-media-type");
    if op.id.starts_with("buddy.") {
        if media_type.as_deref() != Some("buddy.v1.1.0") {
            problems.push(format!(
                "x-buddy-media-type {media_type:?}, expected buddy.v1.1.0"
            ));
        }
    } else if media_type.is_some() {
        problems.push(format!(
            "x-buddy-media-type {media_type:?} sent to {}",
            op.id
        ));
    }
    match header("user-agent") {
        Some(agent) if agent.starts_with("generated-client/") => {}
        other => problems.push(format!(
            "user-agent {other:?}, expected generated-client/<version>"
        )),
    }

    match &case.body {
        Some(expected) => match serde_json::from_slice::<Value>(&request.body) {
            Ok(body) if json_eq(&body, expected) => {}
            Ok(body) => problems.push(format!(
                "request body differs:\n        got:      {body}\n        expected: {expected}"
            )),
            Err(e) => problems.push(format!(
                "request body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&request.body)
            )),
        },
        None => {
            if !request.body.is_empty() {
                problems.push(format!(
                    "a body was sent, the example has none: {:?}",
                    String::from_utf8_lossy(&request.body)
                ));
            }
        }
    }
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
