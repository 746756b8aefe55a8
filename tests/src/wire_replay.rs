//! Replaying a spec's examples over the wire: each example's call goes through the typed
//! client to a real HTTP server on loopback, which answers with the example's response.
//! The request that arrives (method, path, query, headers, body) must be the one the
//! example describes, and the typed result the example's response.

use std::collections::BTreeMap;

use generated_client::RetryPolicy;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::replay::{ClientSet, ExampleRequest, Operation, json_eq};

/// The token every replayed call sends.
pub const TOKEN: &str = "test-token";

/// Every request the server received.
async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap_or_default()
}

/// One example of one operation, as owned values.
struct Case<C: 'static> {
    op: &'static Operation<C>,
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

impl<C: ClientSet> Case<C> {
    fn new(op: &'static Operation<C>, index: usize, example: &codegen::spec::Example) -> Self {
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

/// Replays every example of every operation in `operations` against a fresh loopback
/// server each: what failed, as one message per case, and how many cases ran.
pub async fn replay_all<C: ClientSet>(
    operations: &'static [Operation<C>],
    examples: &BTreeMap<String, Vec<codegen::spec::Example>>,
) -> (Vec<String>, usize) {
    let mut failures = Vec::new();
    let mut cases = Vec::new();
    for op in operations {
        let op_examples = examples.get(op.id).map(Vec::as_slice).unwrap_or_default();
        if op_examples.is_empty() {
            failures.push(format!("{}: the spec has no example", op.id));
        }
        for (index, example) in op_examples.iter().enumerate() {
            cases.push(Case::new(op, index, example));
        }
    }
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
    (failures, cases.len())
}

/// Replays one example against a fresh server; what differed, if anything.
async fn replay<C: ClientSet>(case: &Case<C>) -> Vec<String> {
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

    let clients = match C::connect(&server.uri(), TOKEN, RetryPolicy::none()) {
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
            let mut expected = match op.envelope_result {
                Some(field) => served.get(field).cloned().unwrap_or(Value::Null),
                None => served,
            };
            if let (Some(tag), Some(object)) = (op.result_tag, expected.as_object_mut()) {
                object.remove(tag);
            }
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

fn check_request<C: ClientSet>(
    case: &Case<C>,
    requests: &[wiremock::Request],
    problems: &mut Vec<String>,
) {
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
    // An array is a pair per value, or one pair of comma-joined values.
    let expected_query: Vec<(String, String)> = case
        .query
        .iter()
        .flat_map(|(name, value)| match value {
            Value::Array(items) if op.comma_query.contains(&name.as_str()) => {
                let joined: Vec<String> = items.iter().map(printed).collect();
                vec![(name.clone(), joined.join(","))]
            }
            Value::Array(items) => items
                .iter()
                .map(|item| (name.clone(), printed(item)))
                .collect(),
            other => vec![(name.clone(), printed(other))],
        })
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
    for (name, value) in op.headers {
        let got = header(name);
        if got.as_deref() != Some(*value) {
            problems.push(format!("header {name}: {got:?}, expected {value:?}"));
        }
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
