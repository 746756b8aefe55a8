//! What the documents say: results, bodies and tagged unions as the spec has them,
//! fields with their markers, the service definition, and examples that match their
//! schemas; and the export is deterministic.

use super::*;

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
// Long by design: one walk over every object type's fields, each marker checked where
// the field is.
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
