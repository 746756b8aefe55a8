//! Every example of the spec decodes into its generated type and encodes back to the same
//! JSON: request bodies through the body type (a union variant through its union, tag
//! included), responses through the envelope and the result type. Numbers compare by
//! value (`25` is `25.0`), as the docs type them `number`.

use serde_json::{Value, json};
use tests::generated::operations::OPERATIONS;
use tests::replay::{json_eq, spec_examples};

#[test]
fn every_operation_of_the_spec_has_a_case_and_an_example() {
    let examples = spec_examples();
    let cases: Vec<&str> = OPERATIONS.iter().map(|op| op.id).collect();
    let specified: Vec<&str> = examples.keys().map(String::as_str).collect();
    let mut sorted = cases.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, specified);
    assert!(!cases.is_empty());
    for (id, examples) in &examples {
        assert!(!examples.is_empty(), "{id} has no example");
    }
}

#[test]
fn every_example_round_trips() {
    let examples = spec_examples();
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in OPERATIONS {
        for (i, example) in examples[op.id].iter().enumerate() {
            let mut check =
                |what: &str,
                 value: Value,
                 roundtrip: fn(Value) -> Result<Value, serde_json::Error>| {
                    checked += 1;
                    match roundtrip(value.clone()) {
                        Ok(back) if json_eq(&back, &value) => {}
                        // An envelope's result that is null and one that is absent say
                        // the same: the client reads both as none.
                        Ok(back)
                            if json_eq(
                                &without_null(&back, op.envelope_result),
                                &without_null(&value, op.envelope_result),
                            ) => {}
                        Ok(back) => failures.push(format!(
                            "{} example {i} {what}:\n  in:  {value}\n  out: {back}",
                            op.id
                        )),
                        Err(e) => failures
                            .push(format!("{} example {i} {what} does not decode: {e}", op.id)),
                    }
                };
            if let (Some(body), Some(roundtrip)) = (&example.request.body, op.request) {
                check("request body", body.to_json(), roundtrip);
            }
            if let Some(body) = &example.response.body {
                check("response body", body.to_json(), op.response);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // At least one body per operation: every example has a request or a response body.
    assert!(
        checked >= OPERATIONS.len(),
        "only {checked} bodies checked for {} operations",
        OPERATIONS.len()
    );
}

fn find(id: &str) -> &'static tests::replay::Operation<tests::generated::operations::Clients> {
    match OPERATIONS.iter().find(|op| op.id == id) {
        Some(op) => op,
        None => panic!("no operation {id}"),
    }
}

/// The first example response of an operation.
fn sample(id: &str) -> Value {
    match spec_examples()[id]
        .first()
        .and_then(|e| e.response.body.as_ref())
    {
        Some(body) => body.to_json(),
        None => panic!("{id} has no sample response"),
    }
}

#[test]
fn an_unknown_enum_value_round_trips_unchanged() {
    let op = find("cloudflare.builds.get");
    let mut body = sample(op.id);
    body["result"]["build_outcome"] = json!("exploded");
    body["result"]["build_trigger_metadata"]["build_trigger_source"] = json!("webhook");
    let back = match (op.response)(body.clone()) {
        Ok(back) => back,
        Err(e) => panic!("an unknown enum value does not decode: {e}"),
    };
    assert!(json_eq(&back, &body), "{back}");
    assert_eq!(back["result"]["build_outcome"], "exploded");
}

#[test]
fn an_unknown_buddy_action_keeps_its_raw_json() {
    let op = find("buddy.pipelines.clear_cache");
    let body = sample(op.id);
    assert_eq!(
        body["actions"][0]["type"], "FTP",
        "the page's sample has an FTP action"
    );
    let back = match (op.response)(body.clone()) {
        Ok(back) => back,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(back["actions"][0], body["actions"][0]);
}

#[test]
fn a_secret_variable_keeps_its_null_value() {
    let op = find("cloudflare.environment_variables.list");
    let body = sample(op.id);
    assert_eq!(body["result"]["API_KEY"]["value"], Value::Null);
    let back = match (op.response)(body.clone()) {
        Ok(back) => back,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(
        back["result"]["API_KEY"],
        json!({"created_on": "2023-01-01T00:00:00Z", "is_secret": true, "value": null})
    );
}

/// `value` without its member `name` when that is `null`.
fn without_null(value: &Value, name: Option<&str>) -> Value {
    let mut value = value.clone();
    if let (Some(name), Value::Object(members)) = (name, &mut value)
        && members.get(name) == Some(&Value::Null)
    {
        members.remove(name);
    }
    value
}
