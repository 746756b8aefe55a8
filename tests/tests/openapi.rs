//! The OpenAPI export (`cargo xtask openapi`): both documents are valid OpenAPI 3.0 per the
//! official schema (checked with `openapi-spec-validator`), every reference resolves, and
//! the documents say what the spec says.

use std::collections::{BTreeMap, BTreeSet};

use codegen_spec::spec::{Spec, TypeKind};
use serde_json::{Map, Value, json};
use tests::openapi_validator::validate;

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

#[test]
fn builds_get_result_is_a_build() {
    let document = document("cloudflare");
    let op = operation(&document, "builds_get");
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(schema["type"], "object");
    assert_eq!(
        schema["properties"]["result"]["$ref"],
        "#/components/schemas/Build"
    );
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(required.contains(&"result") && required.contains(&"success"));
    assert_eq!(
        schema["properties"]["errors"]["items"]["$ref"],
        "#/components/schemas/ResponseError"
    );
    // Errors: the envelope, for 4xx and 5xx.
    for range in ["4XX", "5XX"] {
        assert_eq!(
            op["responses"][range]["$ref"],
            "#/components/responses/Error"
        );
    }
    assert_eq!(
        document["components"]["responses"]["Error"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ResponseEnvelope"
    );
    // The page's sample, whole, as the response's example.
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["example"]["success"],
        true
    );
}

#[test]
fn environment_variable_upsert_body_is_a_map() {
    let document = document("cloudflare");
    let op = operation(&document, "environment_variables_upsert");
    assert_eq!(op["requestBody"]["required"], true);
    let media = &op["requestBody"]["content"]["application/json"];
    assert_eq!(media["schema"]["type"], "object");
    assert_eq!(
        media["schema"]["additionalProperties"]["$ref"],
        "#/components/schemas/EnvironmentVariableInput"
    );
    assert!(
        media["example"].is_object(),
        "the page's example is attached"
    );
}

#[test]
fn a_raw_answer_and_a_bytes_part_are_binary() {
    let document = document("cloudflare");
    let op = operation(&document, "kv_values_get");
    let content = op["responses"]["200"]["content"]
        .as_object()
        .unwrap_or_else(|| panic!("no content: {op}"));
    let media_types: Vec<&String> = content.keys().collect();
    assert_eq!(media_types, ["application/octet-stream"]);
    assert_eq!(
        content["application/octet-stream"]["schema"],
        json!({ "type": "string", "format": "binary" })
    );
    let upload = operation(&document, "kv_values_update");
    let form = &upload["requestBody"]["content"]["multipart/form-data"]["schema"];
    let (fields, _) = object_view(&document, form);
    assert_eq!(
        fields["value"],
        json!({ "type": "string", "format": "binary", "description": "A byte sequence to be stored, up to 25 MiB in length." })
    );
}

#[test]
fn buddy_create_cloud_front_body_carries_its_tag() {
    let document = document("buddy");
    let op = operation(&document, "actions_create_cloud_front");
    let schema = &op["requestBody"]["content"]["application/json"]["schema"];
    let target = schema["discriminator"]["mapping"]["CLOUD_FRONT"]
        .as_str()
        .unwrap_or_else(|| panic!("no CLOUD_FRONT mapping in {schema}"));
    assert_eq!(schema["discriminator"]["propertyName"], "type");
    assert!(
        schema["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s["$ref"] == target)
    );
    let (properties, required) = object_view(&document, &json!({ "$ref": target }));
    assert_eq!(properties["type"]["enum"], json!(["CLOUD_FRONT"]));
    assert!(required.contains("type"));
    // The common fields come through the flattened type.
    assert!(properties.contains_key("name") && required.contains("name"));
    assert!(properties.contains_key("integration") && required.contains("integration"));
    // Every operation carries the service's media-type header.
    for (path, method, op) in operations(&document) {
        let header = op["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["in"] == "header" && p["name"] == "X-Buddy-Media-Type")
            .unwrap_or_else(|| panic!("{method} {path}: no X-Buddy-Media-Type"));
        assert_eq!(header["required"], true);
        assert_eq!(header["schema"]["enum"], json!(["buddy.v1.1.0"]));
    }
}

#[test]
fn tagged_union_variants_require_their_tag() {
    for (service, document) in documents() {
        let Some(schemas) = document["components"]["schemas"].as_object() else {
            continue;
        };
        for (name, schema) in schemas {
            let Some(discriminator) = schema.get("discriminator") else {
                continue;
            };
            let tag = discriminator["propertyName"].as_str().unwrap_or_default();
            let mapping = discriminator["mapping"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            assert!(!mapping.is_empty(), "{service}: {name}");
            for (value, target) in mapping {
                let target = target.as_str().unwrap_or_default();
                assert!(
                    schema["oneOf"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|s| s["$ref"] == target),
                    "{service}: {name}: {target} is not a variant"
                );
                let (properties, required) = object_view(&document, &json!({ "$ref": target }));
                assert!(
                    required.contains(tag),
                    "{service}: {name}: {target} does not require `{tag}`"
                );
                assert_eq!(
                    properties[tag]["enum"],
                    json!([value]),
                    "{service}: {name}: {target}"
                );
            }
        }
    }
    // Buddy's response actions keep unknown types through the fallback.
    let buddy = document("buddy");
    let action = component(&buddy, "Action");
    let fallback = action["x-fallback"].as_str().unwrap_or_default();
    assert!(
        action["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s["$ref"] == fallback)
    );
    let unknown = resolve(&buddy, fallback).unwrap_or_else(|| panic!("no {fallback}"));
    assert_eq!(
        unknown["properties"]["type"]["not"]["enum"],
        json!([
            "CLOUD_FRONT",
            "SANDBOX_APPLICATION_START",
            "SANDBOX_CREATE_FROM_SANDBOX"
        ])
    );
}

/// Every field of every object type, as the spec declares it, in its schema.
#[test]
fn object_fields_keep_their_markers() {
    let spec = spec();
    let documents: BTreeMap<String, Value> = documents().into_iter().collect();
    let mut read_only = 0;
    for service in &spec.services {
        let document = &documents[&service.name];
        for (_, def) in service.types() {
            let TypeKind::Object(object) = &def.kind else {
                continue;
            };
            let name = def.name.value.as_str();
            let schema = component(document, name);
            // Own fields sit in the schema itself or in the last part of its allOf.
            let own = match schema["allOf"].as_array() {
                Some(parts) => parts.last().unwrap_or(&Value::Null),
                None => schema,
            };
            for field in &object.fields {
                let field_name = field.name.value.as_str();
                if field.flatten {
                    let parts = schema["allOf"].as_array().cloned().unwrap_or_default();
                    assert!(
                        parts.iter().any(|p| p["$ref"]
                            == json!(codegen_generator::openapi::schema_ref(&type_name(
                                &field.ty
                            )))),
                        "{name}.{field_name}: the flattened type is not in allOf"
                    );
                    continue;
                }
                let property = &own["properties"][field_name];
                assert!(property.is_object(), "{name}.{field_name}: no property");
                let flag = |key: &str| property.get(key) == Some(&json!(true));
                assert_eq!(flag("readOnly"), field.read_only, "{name}.{field_name}");
                assert_eq!(flag("nullable"), field.nullable, "{name}.{field_name}");
                assert_eq!(
                    flag("uniqueItems"),
                    field.unique_items,
                    "{name}.{field_name}"
                );
                let required = own["required"]
                    .as_array()
                    .is_some_and(|r| r.contains(&json!(field_name)));
                assert_eq!(required, field.required, "{name}.{field_name}: required");
                if let Some(constant) = &field.constant {
                    assert_eq!(
                        property["enum"],
                        json!([constant.value]),
                        "{name}.{field_name}"
                    );
                }
                if let Some(description) = &field.description {
                    assert_eq!(property["description"], json!(description));
                }
                read_only += usize::from(field.read_only);
            }
        }
    }
    assert!(
        read_only >= 4,
        "the spec's read-only fields were not all seen"
    );

    let buddy = &documents["buddy"];
    for ty in ["ActionCommon", "ActionRequestCommon"] {
        for field in ["url", "html_url"] {
            assert_eq!(
                component(buddy, ty)["properties"][field]["readOnly"],
                true,
                "{ty}.{field}"
            );
        }
    }
    let cloudflare = &documents["cloudflare"];
    let value = &component(cloudflare, "EnvironmentVariable")["properties"]["value"];
    assert_eq!(value["nullable"], true);
    assert_eq!(value["type"], "string");
    assert_eq!(
        component(buddy, "ClearCacheRequest")["properties"]["clear_cache"]["enum"],
        json!([true])
    );
}

fn type_name(expr: &codegen_spec::spec::TypeExpr) -> String {
    match &expr.kind {
        codegen_spec::spec::TypeExprKind::Named(name) => name.clone(),
        other => panic!("a flattened field of type {other:?}"),
    }
}

#[test]
fn service_definition_is_exported() {
    let buddy = document("buddy");
    let servers = buddy["servers"].as_array().cloned().unwrap_or_default();
    assert_eq!(servers[0]["url"], "https://api.buddy.works");
    let self_hosted = servers
        .iter()
        .find(|s| s["url"] == "https://{host}/api")
        .unwrap_or_else(|| panic!("no self-hosted server"));
    assert_eq!(
        self_hosted["variables"]["host"]["default"],
        "buddy.example.com"
    );
    assert!(self_hosted["variables"]["host"]["description"].is_string());
    let spec = codegen_spec::load_and_validate(&tests::workspace_root().join("spec"))
        .unwrap_or_else(|d| panic!("{d}"));
    for (name, document) in [("buddy", &buddy), ("cloudflare", &document("cloudflare"))] {
        assert_eq!(
            document["components"]["securitySchemes"]["bearerAuth"],
            json!({
                "type": "http",
                "scheme": "bearer",
                "description": document["components"]["securitySchemes"]["bearerAuth"]["description"],
            })
        );
        // The token, and the email-and-key scheme where the spec has one.
        let api_key = spec
            .services
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.definition())
            .and_then(|d| d.auth.api_key());
        match api_key {
            Some(key) => {
                assert_eq!(
                    document["security"],
                    json!([{ "bearerAuth": [] }, { "apiKeyEmail": [], "apiKey": [] }])
                );
                let schemes = &document["components"]["securitySchemes"];
                assert_eq!(
                    schemes["apiKeyEmail"]["name"],
                    key.email_header.value.as_str()
                );
                assert_eq!(schemes["apiKey"]["name"], key.key_header.value.as_str());
                assert_eq!(schemes["apiKey"]["in"], "header");
            }
            None => assert_eq!(document["security"], json!([{ "bearerAuth": [] }])),
        }
        assert!(
            document["info"]["x-exported-from"]
                .as_str()
                .is_some_and(|s| s.starts_with("spec/"))
        );
    }
    let clear_cache = operation(&buddy, "pipelines_clear_cache");
    assert_eq!(
        clear_cache["x-scopes"],
        json!(["WORKSPACE", "EXECUTION_MANAGE"])
    );
    let cloudflare = document("cloudflare");
    let list = operation(&cloudflare, "tokens_list");
    assert_eq!(list["x-pagination"]["scheme"], "page_number");
    let logs = operation(&cloudflare, "logs_get");
    assert_eq!(logs["x-pagination"]["scheme"], "log_cursor");
    assert_eq!(logs["x-pagination"]["items"], "lines");
}

#[test]
fn export_is_deterministic() {
    let spec = spec();
    let first = codegen_generator::openapi::export(&spec);
    let second = codegen_generator::openapi::export(&spec);
    assert_eq!(first, second);
    let text = |docs: &[(String, Value)]| -> Vec<String> {
        docs.iter()
            .map(|(_, d)| codegen_generator::openapi::to_pretty_json(d))
            .collect()
    };
    assert_eq!(text(&first), text(&documents()));
    assert!(text(&first).iter().all(|t| t.ends_with("}\n")));
}

// ---- examples against their schemas -------------------------------------------------

/// OpenAPI 3.0 schemas as JSON Schema (draft 4, which 3.0's schema objects extend):
/// `nullable: true` becomes a `null` alternative.
fn to_json_schema(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out: Map<String, Value> = map
                .iter()
                .map(|(key, value)| (key.clone(), to_json_schema(value)))
                .collect();
            if out.get("nullable") != Some(&Value::Bool(true)) {
                return Value::Object(out);
            }
            out.remove("nullable");
            if let Some(Value::Array(values)) = out.get_mut("enum") {
                values.push(Value::Null);
            }
            match out.get("type").cloned() {
                Some(Value::String(ty)) => {
                    out.insert("type".into(), json!([ty, "null"]));
                    Value::Object(out)
                }
                _ => json!({ "anyOf": [Value::Object(out), { "type": "null" }] }),
            }
        }
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}

/// Every example of a document with the schema it illustrates: (label, schema, example).
fn examples(document: &Value) -> Vec<(String, Value, Value)> {
    let mut out = Vec::new();
    let mut media = |label: String, media: &Value| {
        let schema = media["schema"].clone();
        if let Some(example) = media.get("example") {
            out.push((label.clone(), schema.clone(), example.clone()));
        }
        for (name, example) in media["examples"].as_object().into_iter().flatten() {
            out.push((
                format!("{label}:{name}"),
                schema.clone(),
                example["value"].clone(),
            ));
        }
    };
    for (_, _, op) in operations(document) {
        let id = op["operationId"].as_str().unwrap_or_default();
        media(
            format!("{id}-request"),
            &op["requestBody"]["content"]["application/json"],
        );
        for (status, response) in op["responses"].as_object().into_iter().flatten() {
            media(
                format!("{id}-{status}"),
                &response["content"]["application/json"],
            );
        }
    }
    out
}

/// The pages' examples, attached to request bodies and responses, match their schemas:
/// the envelope around typed results, the tagged unions' variants, the fallback for an
/// action type the spec does not describe, and `nullable`.
#[test]
fn examples_match_their_schemas() {
    let mut checked = 0;
    for (service, document) in documents() {
        let examples = examples(&document);
        let mut resource = to_json_schema(&document);
        let checks: Map<String, Value> = examples
            .iter()
            .enumerate()
            .map(|(i, (_, schema, _))| (format!("e{i}"), to_json_schema(schema)))
            .collect();
        resource["x-check"] = Value::Object(checks);
        let url = format!("file:///openapi/{service}.json");
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V4);
        if let Err(e) = compiler.add_resource(&url, resource) {
            panic!("{service}: cannot add the document: {e:#}");
        }
        let mut schemas = boon::Schemas::new();
        for (i, (label, _, example)) in examples.iter().enumerate() {
            let index = compiler
                .compile(&format!("{url}#/x-check/e{i}"), &mut schemas)
                .unwrap_or_else(|e| {
                    panic!("{service}: {label}: the schema does not compile: {e:#}")
                });
            if let Err(error) = schemas.validate(example, index) {
                panic!("{service}: {label}: the example does not match its schema: {error:#}");
            }
            checked += 1;
        }
    }
    // Every operation with a sample or a request body has at least one example.
    assert!(checked >= 30, "only {checked} examples checked");

    // The check can fail: a build's result that is a string, a log line item that is
    // neither a number nor a string, an action request with a known tag but a missing
    // required field.
    let cloudflare = document("cloudflare");
    let builds_get = operation(&cloudflare, "builds_get");
    let envelope = &builds_get["responses"]["200"]["content"]["application/json"]["schema"];
    let ok = json!({ "errors": [], "messages": [], "success": true, "result": {} });
    let bad = json!({ "errors": [], "messages": [], "success": true, "result": "a build" });
    assert!(matches_schema(&cloudflare, envelope, &ok));
    assert!(!matches_schema(&cloudflare, envelope, &bad));
    let item = json!({ "$ref": "#/components/schemas/LogLineItem" });
    assert!(matches_schema(&cloudflare, &item, &json!(1.5)));
    assert!(!matches_schema(&cloudflare, &item, &json!(true)));
    let buddy = document("buddy");
    let action = json!({ "$ref": "#/components/schemas/ActionRequest" });
    let cloud_front =
        json!({ "type": "CLOUD_FRONT", "name": "a", "integration": { "identifier": "aws" } });
    assert!(matches_schema(&buddy, &action, &cloud_front));
    assert!(!matches_schema(
        &buddy,
        &action,
        &json!({ "type": "CLOUD_FRONT", "name": "a" })
    ));
    let response = json!({ "$ref": "#/components/schemas/Action" });
    assert!(matches_schema(
        &buddy,
        &response,
        &json!({ "type": "FTP", "name": "a" })
    ));
}

/// Whether `instance` matches `schema`, a schema of `document`.
fn matches_schema(document: &Value, schema: &Value, instance: &Value) -> bool {
    let mut resource = to_json_schema(document);
    resource["x-check"] = to_json_schema(schema);
    let url = "file:///openapi/check.json";
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V4);
    if let Err(e) = compiler.add_resource(url, resource) {
        panic!("cannot add the document: {e:#}");
    }
    let mut schemas = boon::Schemas::new();
    let index = compiler
        .compile(&format!("{url}#/x-check"), &mut schemas)
        .unwrap_or_else(|e| panic!("the schema does not compile: {e:#}"));
    schemas.validate(instance, index).is_ok()
}
