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
    fn new(op: &'static Operation<C>, index: usize, example: &codegen_spec::spec::Example) -> Self {
        let pairs = |pairs: &[(codegen_spec::spec::Spanned<String>, String)]| {
            pairs
                .iter()
                .map(|(name, value)| (name.value.clone(), value.clone()))
                .collect()
        };
        let values = |pairs: &[(
            codegen_spec::spec::Spanned<String>,
            codegen_spec::json::Node,
        )]| {
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
    examples: &BTreeMap<String, Vec<codegen_spec::spec::Example>>,
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
    // A response without a body (`204 No Content`) is served without one, and its result
    // is `()`, which encodes as null. A raw success is served as the bytes of its text (an
    // empty body where the page shows none), and its result is compared as that text.
    let raw = op.raw && (200..300).contains(&case.status);
    let served = match (&case.response_body, op.has_result) {
        (_, false) => Value::Null,
        (Some(body), true) => body.clone(),
        (None, true) if raw => Value::String(String::new()),
        (None, true) => json!({}),
    };
    let mut response = ResponseTemplate::new(case.status);
    if raw {
        let text = served.as_str().unwrap_or_default();
        response = response.set_body_raw(text.as_bytes().to_vec(), "application/octet-stream");
    } else if op.has_result {
        response = response.set_body_json(&served);
    }
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

    let requests = received(&server).await;
    check_request(case, &requests, &mut problems);
    if let [request] = requests.as_slice() {
        check_body(case, request, &mut problems).await;
    }

    if !(200..300).contains(&case.status) {
        // A documented error: the call fails with the API error of the example's status
        // and codes.
        documented_error(case, &served, outcome, &mut problems);
        return problems;
    }
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

/// An error example's call: it must fail with an API error of the example's status, with
/// the codes of the body's errors.
fn documented_error(
    case: &Case<impl ClientSet>,
    served: &Value,
    outcome: Result<(u16, Value), crate::replay::CaseError>,
    problems: &mut Vec<String>,
) {
    let expected_codes: Vec<i64> = served
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e.get("code")?.as_i64())
                .collect()
        })
        .unwrap_or_default();
    match outcome {
        Ok((status, _)) => problems.push(format!(
            "the call succeeded ({status}); the example documents a {} error",
            case.status
        )),
        Err(crate::replay::CaseError::Client(error)) => match error.as_api() {
            Some(api) => {
                if api.status() != case.status {
                    problems.push(format!(
                        "error status {}, the example's is {}",
                        api.status(),
                        case.status
                    ));
                }
                let codes: Vec<i64> = api.codes().collect();
                if codes != expected_codes {
                    problems.push(format!(
                        "error codes {codes:?}, the example's are {expected_codes:?}"
                    ));
                }
            }
            None => problems.push(format!(
                "the call failed, but not with an API error: {error}"
            )),
        },
        Err(other) => problems.push(format!("the call failed before the API answered: {other}")),
    }
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
    // A multipart body's content type carries its boundary.
    let content_type = header("content-type");
    let media_type = content_type
        .as_deref()
        .map(|c| c.split(';').next().unwrap_or_default().trim());
    let expected_type = case.body.as_ref().and(op.content_type);
    if media_type != expected_type {
        problems.push(format!(
            "content-type {content_type:?}, expected {expected_type:?}"
        ));
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
}

/// The request body, read as its content type says: JSON compared as JSON, a raw body
/// byte for byte, a multipart body part by part through a real multipart parser.
async fn check_body<C: ClientSet>(
    case: &Case<C>,
    request: &wiremock::Request,
    problems: &mut Vec<String>,
) {
    let Some(expected) = &case.body else {
        if !request.body.is_empty() {
            problems.push(format!(
                "a body was sent, the example has none: {:?}",
                String::from_utf8_lossy(&request.body)
            ));
        }
        return;
    };
    match case.op.content_type {
        Some("multipart/form-data") => check_multipart(request, expected, problems).await,
        Some("application/json") | None => match serde_json::from_slice::<Value>(&request.body) {
            Ok(body) if json_eq(&body, expected) => {}
            Ok(body) => problems.push(format!(
                "request body differs:\n        got:      {body}\n        expected: {expected}"
            )),
            Err(e) => problems.push(format!(
                "request body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&request.body)
            )),
        },
        Some(_) => {
            let sent = String::from_utf8_lossy(&request.body);
            if expected.as_str() != Some(&*sent) {
                problems.push(format!("raw body {sent:?}, the example sends {expected}"));
            }
        }
    }
}

/// A multipart body, as `multer` reads it, against the example's parts: `{name: value}`,
/// a file written `{filename, content_type, content}`, an array for several of a name.
async fn check_multipart(
    request: &wiremock::Request,
    expected: &Value,
    problems: &mut Vec<String>,
) {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let boundary = match multer::parse_boundary(content_type) {
        Ok(boundary) => boundary,
        Err(e) => {
            problems.push(format!("no multipart boundary in {content_type:?}: {e}"));
            return;
        }
    };
    let body = bytes::Bytes::copy_from_slice(&request.body);
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts: Vec<(String, Value)> = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                problems.push(format!("the multipart body does not parse: {e}"));
                return;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let part_type = field.content_type().map(ToString::to_string);
        let content = match field.bytes().await {
            Ok(content) => String::from_utf8_lossy(&content).into_owned(),
            Err(e) => {
                problems.push(format!("part {name} does not read: {e}"));
                return;
            }
        };
        // What the example says of the part, in its own terms.
        let value = match (filename, part_type.as_deref()) {
            (Some(filename), _) => {
                let mut file = serde_json::Map::new();
                file.insert("filename".into(), json!(filename));
                if let Some(part_type) = part_type
                    .as_deref()
                    .filter(|t| *t != "application/octet-stream")
                {
                    file.insert("content_type".into(), json!(part_type));
                }
                file.insert("content".into(), json!(content));
                Value::Object(file)
            }
            (None, Some("application/json")) => {
                serde_json::from_str(&content).unwrap_or(Value::String(content))
            }
            (None, _) => Value::String(content),
        };
        parts.push((name, value));
    }
    let Some(expected_parts) = expected.as_object() else {
        problems.push(format!(
            "the example's multipart body is not an object: {expected}"
        ));
        return;
    };
    let mut want: Vec<(String, Value)> = Vec::new();
    for (name, value) in expected_parts {
        match value {
            Value::Array(items) if items.iter().all(|i| i.get("filename").is_some()) => {
                want.extend(items.iter().map(|item| (name.clone(), item.clone())));
            }
            other => want.push((name.clone(), other.clone())),
        }
    }
    let text = |value: &Value| match value {
        Value::String(s) => Value::String(s.clone()),
        Value::Number(_) | Value::Bool(_) => Value::String(value.to_string()),
        other => other.clone(),
    };
    let same = parts.len() == want.len()
        && want.iter().all(|(name, value)| {
            parts.iter().any(|(got_name, got)| {
                got_name == name && (json_eq(got, value) || *got == text(value))
            })
        });
    if !same {
        problems.push(format!(
            "multipart parts differ:\n        got:      {parts:?}\n        expected: {want:?}"
        ));
    }
}
