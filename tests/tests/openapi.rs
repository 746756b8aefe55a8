//! The OpenAPI export (`cargo xtask openapi`): both documents are valid OpenAPI 3.0 per the
//! official schema (checked with `openapi-spec-validator`), every reference resolves, and
//! the documents say what the spec says.

use std::collections::{BTreeMap, BTreeSet};

use codegen_spec::spec::{Spec, TypeKind};
use serde_json::{Map, Value, json};
use tests::openapi_validator::validate;

/// What the documents say of particular operations, types and examples.
mod openapi_contents;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

fn spec() -> Spec {
    let dir = tests::workspace_root().join("spec");
    codegen_spec::load_and_validate(&dir).unwrap_or_else(|d| panic!("the spec does not load:\n{d}"))
}

fn documents() -> Vec<(String, Value)> {
    codegen_generator::openapi::export(&spec())
}

fn document(service: &str) -> Value {
    documents()
        .into_iter()
        .find(|(name, _)| name == service)
        .map(|(_, doc)| doc)
        .unwrap_or_else(|| panic!("no document for service {service}"))
}

#[test]
fn documents_are_valid_openapi_3_0() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let documents = documents();
    assert_eq!(
        documents
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        ["buddy", "cloudflare"]
    );
    for (service, document) in &documents {
        assert_eq!(document["openapi"], "3.0.3");
        if let Err(output) = validate(dir.path(), &format!("{service}.json"), document) {
            panic!("the {service} document is not valid OpenAPI 3.0:\n{output}");
        }
    }
}

/// Each construct of the spec format, as a snapshot case shows it, exports valid OpenAPI.
#[test]
fn every_snapshot_case_exports_valid_openapi_3_0() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let cases = tests::workspace_root().join("tests/fixtures/snapshots");
    let entries = std::fs::read_dir(&cases).unwrap_or_else(|e| panic!("{e}"));
    let mut checked = 0;
    for entry in entries.filter_map(Result::ok) {
        let case = entry.file_name().to_string_lossy().into_owned();
        let spec = codegen_spec::load_and_validate(&entry.path().join("spec"))
            .unwrap_or_else(|d| panic!("{case}: the spec does not load:\n{d}"));
        for (service, document) in codegen_generator::openapi::export(&spec) {
            let file = format!("{case}-{service}.json");
            if let Err(output) = validate(dir.path(), &file, &document) {
                panic!("{case}: the {service} document is not valid OpenAPI 3.0:\n{output}");
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} documents checked");
}

#[test]
fn the_validator_rejects_invalid_documents() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let minimal = json!({
        "openapi": "3.0.3",
        "info": { "title": "t", "version": "1" },
        "paths": { "/things": { "get": {} } },
    });
    assert!(
        validate(dir.path(), "no_responses.json", &minimal).is_err(),
        "an operation without responses passed"
    );

    // A real document with one operation's responses removed.
    let mut broken = document("cloudflare");
    let op = broken
        .pointer_mut("/paths/~1accounts~1{account_id}~1builds~1builds~1{build_uuid}/get")
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no builds_get operation"));
    op.remove("responses");
    assert!(
        validate(dir.path(), "cloudflare_broken.json", &broken).is_err(),
        "a document with an operation without responses passed"
    );

    // A schema keyword of the wrong type deep inside the components.
    let mut document = document("cloudflare");
    document["components"]["schemas"]["EnvironmentVariable"]["properties"]["value"]["nullable"] =
        json!("yes");
    assert!(
        validate(dir.path(), "bad_nullable.json", &document).is_err(),
        "a nullable that is not a boolean passed"
    );
}

// ---- structure ----------------------------------------------------------------------

/// Every operation of a document: (path, method, operation).
fn operations(document: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    let Some(paths) = document["paths"].as_object() else {
        return out;
    };
    for (path, item) in paths {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((path.clone(), method.to_owned(), op));
            }
        }
    }
    out
}

/// The spec operations an OpenAPI operation stands for: its `x-operations` when it
/// stands for several that share its path and method, else itself.
fn spec_operation_ids(op: &Value) -> Vec<String> {
    match op.get("x-operations").and_then(Value::as_array) {
        Some(merged) => merged
            .iter()
            .map(|m| m["operationId"].as_str().unwrap_or_default().to_owned())
            .collect(),
        None => vec![op["operationId"].as_str().unwrap_or_default().to_owned()],
    }
}

fn operation<'d>(document: &'d Value, id: &str) -> &'d Value {
    operations(document)
        .into_iter()
        .find(|(_, _, op)| spec_operation_ids(op).iter().any(|i| i == id))
        .map(|(_, _, op)| op)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn collect_refs<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => collect_refs(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

fn resolve<'d>(document: &'d Value, reference: &str) -> Option<&'d Value> {
    document.pointer(reference.strip_prefix('#')?)
}

/// A schema with its `$ref` followed.
fn deref<'d>(document: &'d Value, schema: &'d Value) -> &'d Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => deref(
            document,
            resolve(document, reference).unwrap_or_else(|| panic!("unresolved {reference}")),
        ),
        None => schema,
    }
}

/// An object schema's properties and required names, through `$ref` and `allOf`.
fn object_view(document: &Value, schema: &Value) -> (Map<String, Value>, BTreeSet<String>) {
    let schema = deref(document, schema);
    let mut properties = Map::new();
    let mut required = BTreeSet::new();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        let (p, r) = object_view(document, part);
        properties.extend(p);
        required.extend(r);
    }
    if let Some(own) = schema["properties"].as_object() {
        properties.extend(own.clone());
    }
    for name in schema["required"].as_array().into_iter().flatten() {
        required.insert(name.as_str().unwrap_or_default().to_owned());
    }
    (properties, required)
}

fn component<'d>(document: &'d Value, name: &str) -> &'d Value {
    document["components"]["schemas"]
        .get(name)
        .unwrap_or_else(|| panic!("no schema {name}"))
}

#[test]
fn every_reference_resolves() {
    for (service, document) in documents() {
        let mut refs = Vec::new();
        collect_refs(&document, &mut refs);
        assert!(!refs.is_empty());
        for reference in refs {
            assert!(
                resolve(&document, reference).is_some(),
                "{service}: {reference} does not resolve"
            );
        }
        // Discriminator mappings name schemas too.
        let mut mappings = Vec::new();
        collect_mappings(&document, &mut mappings);
        assert!(service != "buddy" || !mappings.is_empty());
        for target in mappings {
            assert!(
                resolve(&document, &target).is_some(),
                "{service}: mapping to {target} does not resolve"
            );
        }
    }
}

fn collect_mappings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(mapping) = map
                .get("discriminator")
                .and_then(|d| d.get("mapping"))
                .and_then(Value::as_object)
            {
                out.extend(
                    mapping
                        .values()
                        .filter_map(Value::as_str)
                        .map(str::to_owned),
                );
            }
            map.values().for_each(|v| collect_mappings(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_mappings(v, out)),
        _ => {}
    }
}

#[test]
fn operation_ids_are_unique_and_name_every_spec_operation() {
    let spec = spec();
    for (service, document) in documents() {
        let mut seen = BTreeSet::new();
        for (path, method, op) in operations(&document) {
            let id = op["operationId"].as_str().unwrap_or_default().to_owned();
            assert!(
                !id.is_empty(),
                "{service}: {method} {path} has no operationId"
            );
            assert!(seen.insert(id.clone()), "{service}: operationId {id} twice");
        }
        let mut spec_ids = BTreeSet::new();
        for (_, _, op) in operations(&document) {
            for id in spec_operation_ids(op) {
                assert!(
                    spec_ids.insert(id.clone()),
                    "{service}: operation {id} twice"
                );
            }
        }
        let expected: BTreeSet<String> = spec
            .services
            .iter()
            .filter(|s| s.name == service)
            .flat_map(|s| s.operations())
            .map(|(file, op)| {
                format!(
                    "{}_{}",
                    file.resource.as_ref().map_or("", |r| r.value.as_str()),
                    op.id.value
                )
            })
            .collect();
        assert_eq!(spec_ids, expected, "{service}");
    }
}

#[test]
fn operation_counts() {
    let spec = spec();
    for service in &spec.services {
        let document = document(&service.name);
        let exported: usize = operations(&document)
            .iter()
            .map(|(_, _, op)| spec_operation_ids(op).len())
            .sum();
        assert_eq!(exported, service.operation_count(), "{}", service.name);
        // OpenAPI has one operation per path and method: operations of the spec that
        // share both become one.
        let distinct: BTreeSet<(String, &str)> = service
            .operations()
            .map(|(_, op)| (op.path.value.clone(), op.method.as_str()))
            .collect();
        assert_eq!(
            operations(&document).len(),
            distinct.len(),
            "{}",
            service.name
        );
    }
    // Buddy's CloudFront and Create Sandbox from Sandbox both POST to a pipeline's actions,
    // which the request body's `type` tells apart.
    let buddy = document("buddy");
    let merged = operation(&buddy, "actions_create_cloud_front");
    assert_eq!(
        spec_operation_ids(merged),
        [
            "actions_create_cloud_front",
            "actions_create_sandbox_from_sandbox"
        ]
    );
}

/// The `{names}` of a path template.
fn template_names(path: &str) -> BTreeSet<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

#[test]
fn path_templates_match_path_parameters() {
    for (service, document) in documents() {
        for (path, method, op) in operations(&document) {
            let params: BTreeSet<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| deref(&document, p))
                .filter(|p| p["in"] == "path")
                .map(|p| {
                    assert_eq!(p["required"], true, "{service}: {method} {path}: {p}");
                    p["name"].as_str().unwrap_or_default().to_owned()
                })
                .collect();
            assert_eq!(
                params,
                template_names(&path),
                "{service}: {method} {path}: path parameters"
            );
        }
    }
}
