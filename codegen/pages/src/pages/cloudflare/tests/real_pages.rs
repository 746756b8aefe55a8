//! The current Workers Builds page, read whole.

use super::*;

#[test]
// Long by design: one page read whole, checked in the page's order; in parts, what
// each part checks would lose its place on the page.
fn current_page_operations_in_order() {
    let page = current();
    assert_eq!(page.layout, MD);
    assert_eq!(
        page.title.as_ref().map(|t| t.text.as_str()),
        Some("Workers Builds")
    );
    let operations: Vec<(&str, &str)> = page
        .operations
        .iter()
        .map(|op| (op.method.text.as_str(), op.path.text.as_str()))
        .collect();
    let a = "/accounts/{account_id}/builds";
    let expected = [
        ("GET", format!("{a}/builds/latest")),
        ("GET", format!("{a}/builds")),
        ("GET", format!("{a}/account/limits")),
        (
            "GET",
            format!("{a}/workers/{{external_script_id}}/triggers"),
        ),
        ("POST", format!("{a}/triggers")),
        ("PATCH", format!("{a}/triggers/{{trigger_uuid}}")),
        ("DELETE", format!("{a}/triggers/{{trigger_uuid}}")),
        (
            "POST",
            format!("{a}/triggers/{{trigger_uuid}}/purge_build_cache"),
        ),
        ("POST", format!("{a}/triggers/{{trigger_uuid}}/builds")),
        (
            "GET",
            format!("{a}/triggers/{{trigger_uuid}}/environment_variables"),
        ),
        (
            "PATCH",
            format!("{a}/triggers/{{trigger_uuid}}/environment_variables"),
        ),
        (
            "DELETE",
            format!(
                "{a}/triggers/{{trigger_uuid}}/environment_variables/{{environment_variable_key}}"
            ),
        ),
        ("GET", format!("{a}/workers/{{script_name}}/deploy_hooks")),
        ("POST", format!("{a}/workers/{{script_name}}/deploy_hooks")),
        (
            "GET",
            format!("{a}/workers/{{script_name}}/deploy_hooks/{{deploy_hook_uuid}}"),
        ),
        (
            "PUT",
            format!("{a}/workers/{{script_name}}/deploy_hooks/{{deploy_hook_uuid}}"),
        ),
        (
            "DELETE",
            format!("{a}/workers/{{script_name}}/deploy_hooks/{{deploy_hook_uuid}}"),
        ),
        (
            "POST",
            "/workers/builds/deploy_hooks/{deploy_hook_uuid}".to_owned(),
        ),
        ("POST", format!("{a}/tokens")),
        ("GET", format!("{a}/tokens")),
        ("DELETE", format!("{a}/tokens/{{build_token_uuid}}")),
        ("PUT", format!("{a}/repos/connections")),
        (
            "DELETE",
            format!("{a}/repos/connections/{{repo_connection_uuid}}"),
        ),
        (
            "GET",
            format!(
                "{a}/repos/{{provider_type}}/{{provider_account_id}}/{{repo_id}}/config_autofill"
            ),
        ),
        ("GET", format!("{a}/workers/{{external_script_id}}/builds")),
        ("GET", format!("{a}/builds/{{build_uuid}}")),
        ("PUT", format!("{a}/builds/{{build_uuid}}/cancel")),
        ("GET", format!("{a}/builds/{{build_uuid}}/logs")),
    ];
    assert_eq!(page.operations.len(), 28);
    let expected: Vec<(&str, &str)> = expected.iter().map(|(m, p)| (*m, p.as_str())).collect();
    assert_eq!(operations, expected);
    assert!(page.skipped.is_empty(), "{:#?}", page.skipped);

    let first = &page.operations[0];
    assert_eq!(first.title.text, "Get latest builds by script IDs");
    assert_eq!(first.pos, pos_of(CURRENT, "## Get latest builds"));
    assert_eq!(
        first.method.pos,
        pos_of(
            CURRENT,
            "get** `/accounts/{account_id}/builds/builds/latest"
        )
    );
    assert_eq!(
        first.description.as_ref().map(|d| d.text.as_str()),
        Some("Retrieve the most recent builds for multiple worker scripts")
    );
    let params: Vec<(ParamLocation, &str, bool)> = first
        .params
        .iter()
        .map(|p| (p.place, p.field.name.as_str(), p.field.required))
        .collect();
    assert_eq!(
        params,
        [
            (ParamLocation::Path, "account_id", true),
            (ParamLocation::Query, "external_script_ids", true)
        ]
    );
    assert_eq!(
        first.params[0]
            .field
            .description
            .as_ref()
            .map(|d| d.text.as_str()),
        Some("Account identifier.")
    );
}

#[test]
fn headings_nest_only_in_runs() {
    let page = current();
    for op in &page.operations[..3] {
        assert_eq!(sections(op), ["Workers Builds"]);
    }
    let hooks: Vec<&PageOperation> = page
        .operations
        .iter()
        .filter(|op| op.path.text.contains("deploy_hooks"))
        .collect();
    assert_eq!(hooks.len(), 6);
    for op in hooks {
        assert_eq!(sections(op), ["Deploy Hooks"], "{}", op.title.text);
    }
    let connections = operation(
        &page,
        "PUT",
        "/accounts/{account_id}/builds/repos/connections",
    );
    assert_eq!(sections(connections), ["Repos", "Connections"]);
    assert_eq!(connections.sections[0].pos, pos_of(CURRENT, "# Repos"));
    assert_eq!(
        connections.sections[1].pos,
        pos_of(CURRENT, "# Connections")
    );
    let autofill = &page.operations[23];
    assert_eq!(autofill.title.text, "Get repository configuration autofill");
    assert_eq!(sections(autofill), ["Config Autofill"]);
    assert_eq!(sections(&page.operations[27]), ["Logs"]);
}

#[test]
fn create_trigger_body() {
    let page = current();
    let create = operation(&page, "POST", "/accounts/{account_id}/builds/triggers");
    assert_eq!(sections(create), ["Triggers"]);
    let body = create.body.as_ref().unwrap_or_else(|| panic!("no body"));
    assert_eq!(
        body.pos,
        pos_of(
            CURRENT,
            "### Body Parameters\n\n- `branch_excludes: array of string`"
        )
    );
    let body = object(&body.shape);
    assert_eq!(
        fields(body),
        [
            ("branch_excludes", true, "[string]".to_owned()),
            ("branch_includes", true, "[string]".to_owned()),
            ("build_command", true, "string".to_owned()),
            ("build_token_uuid", true, "string".to_owned()),
            ("deploy_command", true, "string".to_owned()),
            ("external_script_id", true, "string".to_owned()),
            ("path_excludes", true, "[string]".to_owned()),
            ("path_includes", true, "[string]".to_owned()),
            ("repo_connection_uuid", true, "string".to_owned()),
            ("root_directory", true, "string".to_owned()),
            ("trigger_name", true, "string".to_owned()),
            ("build_caching_enabled", false, "boolean".to_owned()),
        ]
    );
    let caching = member(body, "build_caching_enabled");
    assert_eq!(caching.type_text, "optional boolean");
    assert_eq!(
        caching.pos,
        pos_of(
            CURRENT,
            "- `build_caching_enabled: optional boolean`\n\n### Returns"
        )
    );
    let token = member(body, "build_token_uuid");
    assert_eq!(token.type_text, "string");
    assert_eq!(
        token
            .description
            .as_ref()
            .map(|d| (d.text.as_str(), d.pos.line)),
        Some(("Build token UUID.", token.pos.line + 2))
    );
}

#[test]
fn lone_body_item_is_the_body() {
    let page = current();
    let upsert = operation(
        &page,
        "PATCH",
        "/accounts/{account_id}/builds/triggers/{trigger_uuid}/environment_variables",
    );
    let body = upsert.body.as_ref().unwrap_or_else(|| panic!("no body"));
    let PageType::Map(value) = &body.shape else {
        panic!("expected a map, found {:?}", body.shape);
    };
    let value = object(value);
    assert_eq!(value.announced, ["is_secret", "value"]);
    assert_eq!(value.announced_count, Some(2));
    assert_eq!(
        fields(value),
        [
            ("is_secret", true, "boolean".to_owned()),
            ("value", false, "string".to_owned())
        ]
    );
}

#[test]
fn enum_values_of_provider_type() {
    let page = current();
    let connection = operation(
        &page,
        "PUT",
        "/accounts/{account_id}/builds/repos/connections",
    );
    let body = object(
        &connection
            .body
            .as_ref()
            .unwrap_or_else(|| panic!("no body"))
            .shape,
    );
    let provider = member(body, "provider_type");
    assert!(provider.required);
    assert_eq!(
        provider.type_text,
        "\"github\" or \"gitlab\" or \"gitlab_internal\""
    );
    let PageType::Enum(values) = &provider.ty else {
        panic!("expected an enum, found {:?}", provider.ty);
    };
    let listed: Vec<_> = values.iter().map(|v| v.value.clone()).collect();
    assert_eq!(
        listed,
        [json!("github"), json!("gitlab"), json!("gitlab_internal")]
    );
    assert_eq!(
        provider.pos,
        pos_of(CURRENT, "- `provider_type: \"github\" or")
    );
    for (i, value) in values.iter().enumerate() {
        assert_eq!(
            value.pos.line,
            provider.pos.line + 2 * (u32::try_from(i).unwrap_or(0) + 1)
        );
        assert_eq!(value.pos.column, 3);
    }

    let old = superseded();
    let connection = operation(
        &old,
        "PUT",
        "/accounts/{account_id}/builds/repos/connections",
    );
    let body = object(
        &connection
            .body
            .as_ref()
            .unwrap_or_else(|| panic!("no body"))
            .shape,
    );
    let provider = member(body, "provider_type");
    assert_eq!(render(&provider.ty, &all), "enum(\"github\")");
    assert_eq!(
        provider.pos,
        pos_of(SUPERSEDED, "- `provider_type: \"github\"`")
    );
    let PageType::Enum(values) = &provider.ty else {
        panic!("expected an enum");
    };
    assert_eq!(
        values[0].pos,
        pos_of(SUPERSEDED, "- `\"github\"` - `repo_id: string`")
    );
}

#[test]
fn log_lines_are_a_union() {
    for page in [current(), superseded()] {
        let logs = operation(
            &page,
            "GET",
            "/accounts/{account_id}/builds/builds/{build_uuid}/logs",
        );
        let returns = logs
            .response
            .as_ref()
            .unwrap_or_else(|| panic!("no returns"));
        let envelope = object(returns.shape.as_ref().unwrap_or_else(|| panic!("no shape")));
        let result = object(&member(envelope, "result").ty);
        let lines = member(result, "lines");
        assert_eq!(
            lines.type_text,
            "optional array of array of number or string"
        );
        assert!(!lines.required);
        let PageType::Array(inner) = &lines.ty else {
            panic!("expected an array");
        };
        let PageType::Array(inner) = &**inner else {
            panic!("expected an array of arrays");
        };
        let PageType::Union(variants) = &**inner else {
            panic!("expected a union, found {inner:?}");
        };
        let variants: Vec<(&PageType, Option<&str>)> = variants
            .iter()
            .map(|v| (&v.ty, v.description.as_ref().map(|d| d.text.as_str())))
            .collect();
        assert_eq!(
            variants,
            [
                (&PageType::Number, Some("Unix epoch timestamp")),
                (&PageType::String, Some("Log message"))
            ]
        );
    }
}

#[test]
fn returns_are_the_envelope() {
    let page = current();
    let create = operation(&page, "POST", "/accounts/{account_id}/builds/triggers");
    let returns = create
        .response
        .as_ref()
        .unwrap_or_else(|| panic!("no returns"));
    assert_eq!(returns.status, None);
    assert_eq!(
        returns.pos,
        pos_of(
            CURRENT,
            "### Returns\n\n- `errors: array of object { code, message }`\n\n  - `code: optional number`\n\n  - `message: optional string`\n\n- `messages: array of string`\n\n- `result: object { branch_excludes, branch_includes, build_caching_enabled, 14 more }`"
        )
    );
    let envelope = object(returns.shape.as_ref().unwrap_or_else(|| panic!("no shape")));
    let names: Vec<(&str, bool)> = envelope
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        names,
        [
            ("errors", true),
            ("messages", true),
            ("result", true),
            ("success", true),
            ("result_info", false)
        ]
    );
    assert_eq!(
        render(&member(envelope, "errors").ty, &all),
        "[{code?: number, message?: string}]"
    );
    let result = object(&member(envelope, "result").ty);
    assert_eq!(result.announced_count, Some(17));
    assert_eq!(result.fields.len(), 17);
    let info = object(&member(envelope, "result_info").ty);
    assert_eq!(info.announced, ["count", "page", "per_page"]);
    assert_eq!(info.announced_count, Some(5));
}

#[test]
// Long by design: every example of the page in its order, request and response side
// by side.
fn examples_are_read() {
    let page = current();
    let create = operation(&page, "POST", "/accounts/{account_id}/builds/triggers");
    assert_eq!(create.examples.len(), 1);
    let example = &create.examples[0];
    let request = example
        .request
        .as_ref()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.url,
        "https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/builds/triggers"
    );
    assert_eq!(
        request.headers,
        [
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (
                "Authorization".to_owned(),
                "Bearer $CLOUDFLARE_API_TOKEN".to_owned()
            )
        ]
    );
    let body = request.body.as_ref().and_then(|b| b.json.clone());
    assert_eq!(
        body,
        Some(json!({
            "branch_excludes": ["string"],
            "branch_includes": ["main"],
            "build_command": "npm run build",
            "build_token_uuid": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "deploy_command": "npx wrangler deploy",
            "external_script_id": "dd7160bb9cef458093557736f4b9e75b",
            "path_excludes": ["*.md"],
            "path_includes": ["*"],
            "repo_connection_uuid": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
            "root_directory": "/",
            "trigger_name": "Production Deploy"
        }))
    );
    let response = example
        .response
        .as_ref()
        .unwrap_or_else(|| panic!("no response"));
    let json = response
        .body
        .as_ref()
        .and_then(|b| b.json.clone())
        .unwrap_or_else(|| panic!("no JSON"));
    assert_eq!(json["result"]["trigger_name"], "Production Deploy");
    assert_eq!(json["success"], true);
    assert_eq!(json["result_info"]["total_pages"], 3);

    let delete = operation(
        &page,
        "DELETE",
        "/accounts/{account_id}/builds/triggers/{trigger_uuid}",
    );
    let example = &delete.examples[0];
    let request = example
        .request
        .as_ref()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.method, "DELETE");
    assert!(request.body.is_none());
    let json = example
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.json.clone());
    assert_eq!(
        json,
        Some(json!({"errors": [], "messages": [], "result": null, "success": true}))
    );

    let old = superseded();
    let create = operation(&old, "POST", "/accounts/{account_id}/builds/triggers");
    let request = create.examples[0]
        .request
        .as_ref()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(
        request.pos,
        pos_of(
            SUPERSEDED,
            "curl https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/builds/triggers \\"
        )
    );
    assert_eq!(request.headers.len(), 2);
    assert!(request.body.as_ref().is_some_and(|b| b.json.is_some()));
}

#[test]
fn domain_types() {
    let page = current();
    assert_eq!(page.named_types.len(), 28);
    let names: Vec<&str> = page.named_types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names[..4],
        [
            "WorkersBuildGetLatestBuildsResponse",
            "WorkersBuildGetBuildsByVersionResponse",
            "WorkersBuildGetAccountLimitsResponse",
            "TriggerListResponse"
        ]
    );
    assert_eq!(names.last(), Some(&"LogGetResponse"));
    let find = |name: &str| {
        page.named_types
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let list = find("DeployHookListResponse");
    assert_eq!(
        list.heading.as_ref().map(|h| h.text.as_str()),
        Some("Deploy Hook List Response")
    );
    assert_eq!(
        list.sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>(),
        ["Deploy Hooks"]
    );
    assert_eq!(
        list.pos,
        pos_of(CURRENT, "- `DeployHookListResponse object")
    );
    let object = object(&list.ty);
    assert_eq!(object.name.as_deref(), Some("DeployHookListResponse"));
    assert_eq!(object.fields.len(), 7);
    assert_eq!(find("TriggerDeleteResponse").ty, PageType::Unknown);
    assert_eq!(
        render(&find("EnvironmentVariableListResponse").ty, &all),
        "map[{created_on: string, is_secret: boolean, value?: string}]"
    );
    let connection = find("ConnectionUpsertResponse");
    assert_eq!(
        connection
            .sections
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>(),
        ["Repos", "Connections"]
    );

    let old = superseded();
    assert_eq!(old.named_types.len(), 22);
    let list = old
        .named_types
        .iter()
        .find(|t| t.name == "TriggerListResponse")
        .unwrap_or_else(|| panic!("no TriggerListResponse"));
    assert_eq!(object_fields_len(&list.ty), 17);
}

fn object_fields_len(ty: &PageType) -> usize {
    object(ty).fields.len()
}
