//! The D1 page (one page per resource, unions of objects), the superseded Workers Builds
//! page, and the two renderings of Workers Builds against each other.

use super::*;

#[test]
// Long by design: one page read whole, checked in the page's order; in parts, what
// each part checks would lose its place on the page.
fn d1_page() {
    let page = d1();
    assert_eq!(page.operations.len(), 12);
    assert!(page.skipped.is_empty(), "{:#?}", page.skipped);
    assert_eq!(page.title.as_ref().map(|t| t.text.as_str()), Some("D1"));

    // The Domain Types before any operation.
    let d1 = &page.named_types[0];
    assert_eq!(d1.name, "D1");
    assert_eq!(
        d1.sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>(),
        ["D1"]
    );
    assert_eq!(
        d1.description.as_ref().map(|d| d.text.as_str()),
        Some("The details of the D1 database.")
    );
    assert_eq!(object(&d1.ty).fields.len(), 8);
    assert_eq!(page.named_types.len(), 9);
    assert_eq!(sections(&page.operations[0]), ["Database"]);
    assert_eq!(sections(&page.operations[11]), ["Time Travel"]);

    // A body that is one of several object shapes, with named variants.
    let query = operation(
        &page,
        "POST",
        "/accounts/{account_id}/d1/database/{database_id}/query",
    );
    let body = query.body.as_ref().unwrap_or_else(|| panic!("no body"));
    assert_eq!(
        body.description.as_ref().map(|d| d.text.as_str()),
        Some("A single query object or a batch query object")
    );
    let PageType::Union(variants) = &body.shape else {
        panic!("expected a union, found {:?}", body.shape);
    };
    assert_eq!(variants.len(), 2);
    let single = object(&variants[0].ty);
    assert_eq!(single.name.as_deref(), Some("D1SingleQuery"));
    assert_eq!(
        fields(single),
        [
            ("sql", true, "string".to_owned()),
            ("params", false, "[string]".to_owned())
        ]
    );
    assert_eq!(
        variants[0].description.as_ref().map(|d| d.text.as_str()),
        Some("A single query with or without parameters")
    );
    assert_eq!(
        variants[0].pos,
        pos_of(D1, "- `D1SingleQuery object { sql, params }`")
    );
    assert_eq!(
        render(&variants[1].ty, &all),
        "MultipleQueries{batch: [{sql: string, params?: [string]}]}"
    );
    let import = operation(
        &page,
        "POST",
        "/accounts/{account_id}/d1/database/{database_id}/import",
    );
    assert_eq!(
        render(
            &import
                .body
                .as_ref()
                .unwrap_or_else(|| panic!("no body"))
                .shape,
            &all
        ),
        "(Init{action: enum(\"init\"), etag: string} | Ingest{action: enum(\"ingest\"), etag: string, filename: string} | Poll{action: enum(\"poll\"), current_bookmark: string})"
    );

    // The envelope: `success: true`, `array of ResponseInfo` listed once then announced.
    let list = &page.operations[0];
    let envelope = object(
        list.response
            .as_ref()
            .and_then(|r| r.shape.as_ref())
            .unwrap_or_else(|| panic!("no returns")),
    );
    let success = member(envelope, "success");
    assert!(success.required);
    let PageType::Enum(values) = &success.ty else {
        panic!("expected a literal, found {:?}", success.ty);
    };
    assert_eq!(values.len(), 1);
    assert_eq!(values[0].value, json!(true));
    assert_eq!(values[0].pos.line, success.pos.line + 4);
    assert_eq!(
        success.description.as_ref().map(|d| d.text.as_str()),
        Some("Whether the API call was successful")
    );
    let PageType::Array(errors) = &member(envelope, "errors").ty else {
        panic!("expected an array");
    };
    let errors = object(errors);
    assert_eq!(errors.name.as_deref(), Some("ResponseInfo"));
    assert_eq!(errors.announced_count, None);
    assert_eq!(
        render(&member(errors, "source").ty, &all),
        "{pointer?: string}"
    );
    let PageType::Array(messages) = &member(envelope, "messages").ty else {
        panic!("expected an array");
    };
    let source = object(&member(object(messages), "source").ty);
    assert!(source.fields.is_empty(), "announced only");
    assert_eq!(source.announced, ["pointer"]);
    assert_eq!(source.announced_count, Some(1));

    // An array of enum values as a query parameter.
    let get = operation(
        &page,
        "GET",
        "/accounts/{account_id}/d1/database/{database_id}",
    );
    let fields_param = get
        .params
        .iter()
        .find(|p| p.field.name == "fields")
        .unwrap_or_else(|| panic!("no fields parameter"));
    assert_eq!(fields_param.place, ParamLocation::Query);
    assert_eq!(
        render(&fields_param.field.ty, &all),
        "[enum(\"uuid\"|\"name\"|\"created_at\"|\"version\"|\"jurisdiction\"|\"num_tables\"|\"file_size\"|\"running_in_region\"|\"read_replication\")]"
    );
    // `result: D1`, with D1's members listed under it.
    let result = object(
        &member(
            object(
                get.response
                    .as_ref()
                    .and_then(|r| r.shape.as_ref())
                    .unwrap_or_else(|| panic!("no returns")),
            ),
            "result",
        )
        .ty,
    );
    assert_eq!(result.name.as_deref(), Some("D1"));

    // A POST with query parameters and no body.
    let restore = &page.operations[11];
    assert_eq!(restore.method.text, "POST");
    assert!(restore.body.is_none());
    let query: Vec<&str> = restore
        .params
        .iter()
        .filter(|p| p.place == ParamLocation::Query)
        .map(|p| p.field.name.as_str())
        .collect();
    assert_eq!(query, ["bookmark", "timestamp"]);
    assert_eq!(
        restore.examples[0]
            .request
            .as_ref()
            .map(|r| r.method.as_str()),
        Some("POST")
    );
}

#[test]
fn superseded_page() {
    let page = superseded();
    assert_eq!(page.layout, COLLAPSED);
    assert_eq!(page.operations.len(), 22);
    assert!(page.skipped.is_empty(), "{:#?}", page.skipped);
    let first = &page.operations[0];
    assert_eq!(sections(first), ["Workers Builds"]);
    assert_eq!(first.pos, pos_of(SUPERSEDED, "## Get latest builds"));
    assert_eq!(
        first.params[0].field.pos,
        pos_of(SUPERSEDED, "- `account_id: string`")
    );
    assert_eq!(first.params[0].field.pos.line, 1);
    assert_eq!(
        first.params[1]
            .field
            .description
            .as_ref()
            .map(|d| d.text.as_str()),
        Some("Comma-separated list of external script IDs (max 20).")
    );
    let connection = operation(
        &page,
        "PUT",
        "/accounts/{account_id}/builds/repos/connections",
    );
    assert_eq!(sections(connection), ["Repos", "Connections"]);
    // `{ build_outcome, build_trigger_metadata, build_uuid, 8 more }`: eleven members.
    let latest = first
        .response
        .as_ref()
        .and_then(|r| r.shape.as_ref())
        .unwrap_or_else(|| panic!("no returns"));
    let result = object(&member(object(latest), "result").ty);
    let PageType::Map(build) = &member(result, "builds").ty else {
        panic!("expected a map");
    };
    let build = object(build);
    assert_eq!(build.fields.len(), 11);
    let outcome = member(build, "build_outcome");
    assert_eq!(
        render(&outcome.ty, &all),
        "enum(\"success\"|\"fail\"|\"skipped\"|\"cancelled\"|\"terminated\")"
    );
    let trigger = member(build, "trigger");
    assert_eq!(
        trigger.description.as_ref().map(|d| d.text.as_str()),
        Some("Trigger information without build_token_uuid")
    );
    assert_eq!(object(&trigger.ty).fields.len(), 15);
}

/// What the two renderings must agree on: everything but descriptions, positions, the
/// gitlab provider values the current page added, and example bodies.
fn signature(op: &PageOperation) -> Vec<String> {
    let keep = |value: &serde_json::Value| value != "gitlab" && value != "gitlab_internal";
    let mut out = vec![format!(
        "{} {} {:?}",
        op.method.text,
        op.path.text,
        sections(op)
    )];
    out.push(op.title.text.clone());
    for param in &op.params {
        out.push(format!(
            "{} {}{}: {} ({})",
            param.place.as_str(),
            param.field.name,
            if param.field.required { "" } else { "?" },
            render(&param.field.ty, &keep),
            param
                .field
                .type_text
                .replace("object {", "{")
                .replace(" or \"gitlab\" or \"gitlab_internal\"", "")
        ));
    }
    if let Some(body) = &op.body {
        out.push(format!("body {}", render(&body.shape, &keep)));
    }
    if let Some(shape) = op.response.as_ref().and_then(|r| r.shape.as_ref()) {
        out.push(format!("returns {}", render(shape, &keep)));
    }
    for example in &op.examples {
        if let Some(request) = &example.request {
            out.push(format!(
                "{} {} {:?}",
                request.method, request.url, request.headers
            ));
        }
        out.push(format!("response {}", example.response.is_some()));
    }
    out
}

#[test]
fn renderings_agree() {
    let old = superseded();
    let new = current();
    for old_op in &old.operations {
        let new_op = operation(&new, &old_op.method.text, &old_op.path.text);
        assert_eq!(signature(old_op), signature(new_op));
    }
    for old_type in &old.named_types {
        let new_type = new
            .named_types
            .iter()
            .find(|t| t.name == old_type.name)
            .unwrap_or_else(|| panic!("no {}", old_type.name));
        let keep = |value: &serde_json::Value| value != "gitlab" && value != "gitlab_internal";
        assert_eq!(render(&old_type.ty, &keep), render(&new_type.ty, &keep));
        assert_eq!(
            old_type.heading.as_ref().map(|h| &h.text),
            new_type.heading.as_ref().map(|h| &h.text)
        );
        assert_eq!(
            old_type
                .sections
                .iter()
                .map(|s| &s.text)
                .collect::<Vec<_>>(),
            new_type
                .sections
                .iter()
                .map(|s| &s.text)
                .collect::<Vec<_>>()
        );
    }
}
