//! The legacy reader on the real page and on pages with another operation.

use super::legacy::read;
use crate::pages::source::PageText;
use crate::pages::{Hints, Page, PageField, PageType, ParamLocation};

pub const CLEAR_CACHE: &str = include_str!("../../../../../pages/buddy/clear-pipeline-cache.txt");

fn read_page(text: &str) -> Page {
    read(&PageText::new("page.txt", text), &Hints::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn describe(field: &PageField) -> (&str, &str, &PageType, bool, Option<&str>, u32) {
    (
        field.name.as_str(),
        field.type_text.as_str(),
        &field.ty,
        field.required,
        field.description.as_ref().map(|d| d.text.as_str()),
        field.pos.line,
    )
}

#[test]
// Long by design: one page read whole, checked in the page's order; in parts, what
// each part checks would lose its place on the page.
fn clear_cache_page() {
    let page = read_page(CLEAR_CACHE);
    assert_eq!(
        page.title.as_ref().map(|t| t.text.as_str()),
        Some("Clear cache")
    );
    assert_eq!(
        page.last_modified.as_ref().map(|t| t.text.as_str()),
        Some("April 26, 2022")
    );
    let [operation] = page.operations.as_slice() else {
        panic!("{} operations", page.operations.len())
    };
    assert_eq!(operation.method.text, "PATCH");
    assert_eq!(
        operation.path.text,
        "/workspaces/{domain}/projects/{project_name}/pipelines/{pipeline_id}"
    );
    assert_eq!(operation.path.pos.line, 11);
    assert_eq!(
        operation.description.as_ref().map(|t| t.text.as_str()),
        Some("Clears cache of an existing pipeline in the project.")
    );
    let notes: Vec<_> = operation
        .notes
        .iter()
        .map(|n| (n.pos.line, n.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        [(
            3,
            "The documentation applies to models in the new version buddy.v1.1.0 For the REST API to work correctly, you should send the header X-Buddy-Media-Type: buddy.v1.1.0 You can read more about changes here."
        )]
    );
    let scopes: Vec<_> = operation.scopes.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(scopes, ["WORKSPACE", "EXECUTION_MANAGE"]);

    assert!(
        operation
            .params
            .iter()
            .all(|p| p.place == ParamLocation::Path)
    );
    let params: Vec<_> = operation
        .params
        .iter()
        .map(|p| describe(&p.field))
        .collect();
    assert_eq!(
        params,
        [
            (
                "domain",
                "String",
                &PageType::String,
                true,
                Some("The workspace domain."),
                16
            ),
            (
                "pipeline_id",
                "Integer",
                &PageType::Integer,
                true,
                Some("The numerical ID of the desired pipeline."),
                19
            ),
            (
                "project_name",
                "String",
                &PageType::String,
                true,
                Some("The name ID of the project."),
                22
            ),
        ]
    );
    let body = operation.body.as_ref().unwrap_or_else(|| panic!("no body"));
    let PageType::Object(object) = &body.shape else {
        panic!("{:?}", body.shape)
    };
    let fields: Vec<_> = object.fields.iter().map(describe).collect();
    assert_eq!(
        fields,
        [(
            "clear_cache",
            "Boolean",
            &PageType::Boolean,
            true,
            Some("Clears cache in a pipeline. Must be set to true."),
            29
        )]
    );

    let response = operation
        .response
        .as_ref()
        .unwrap_or_else(|| panic!("no response"));
    assert_eq!(
        (response.status, response.shape.is_none()),
        (Some(201), true)
    );

    let [example] = operation.examples.as_slice() else {
        panic!("{} examples", operation.examples.len())
    };
    let request = example
        .request
        .as_ref()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.method, "PATCH");
    assert_eq!(
        request.url,
        "https://api.buddy.works/workspaces/buddy/projects/company-website/pipelines/2"
    );
    assert_eq!(request.pos.line, 37);
    let request_body = request
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("no request body"));
    assert_eq!(request_body.text, r#"{"clear_cache":true}"#);
    assert_eq!(
        request_body.json,
        Some(serde_json::json!({"clear_cache": true}))
    );
    assert_eq!(request_body.pos.line, 41);

    let sample = example
        .response
        .as_ref()
        .unwrap_or_else(|| panic!("no sample response"));
    assert_eq!(sample.status, Some(201));
    assert_eq!(
        sample.headers,
        [
            ("X-Rate-Limit-Limit".to_owned(), "1".to_owned()),
            ("X-Rate-Limit-Remaining".to_owned(), "999".to_owned()),
        ]
    );
    let sample_body = sample
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("no sample body"));
    assert_eq!(sample_body.pos.line, 53);
    assert!(
        sample_body.text.contains('\u{a0}'),
        "the text stays as written"
    );
    let json = sample_body
        .json
        .as_ref()
        .unwrap_or_else(|| panic!("sample is not JSON"));
    assert_eq!(json.get("id"), Some(&serde_json::json!(2)));
    assert_eq!(json.get("name"), Some(&serde_json::json!("Live mirror")));
    let actions = json.get("actions").and_then(|a| a.as_array()).map(Vec::len);
    assert_eq!(actions, Some(1));

    let skipped: Vec<_> = page
        .skipped
        .iter()
        .map(|s| (s.pos.line, s.text.as_str(), s.why.as_str()))
        .collect();
    let banner = "the site's sign-up banner, not documentation";
    assert_eq!(
        skipped,
        [
            (100, "Get Started", banner),
            (
                102,
                "Sign up for free and deploy your project in less than 10 minutes.",
                banner
            ),
        ]
    );
}

/// A second operation after the first one's sample response.
const GET_PIPELINE: &str = "Get pipeline

Gets a pipeline.

Required scopes: EXECUTION_INFO

Resource URL

GET /workspaces/:domain/projects/:project_name/pipelines/:pipeline_id

URL Parameters

NameTypeDescription
domain
Required
StringThe workspace domain.
pipeline_id
IntegerThe numerical ID of the desired pipeline.

Sample Response

HTTP

Status: 200 OK

JSON

{
\u{a0}\u{a0}\"id\":\u{a0}2
}
";

#[test]
fn several_operations_on_one_page() {
    let at = CLEAR_CACHE.find("Last modified on").unwrap_or_default();
    let (first, rest) = CLEAR_CACHE.split_at(at);
    let text = format!("{first}{GET_PIPELINE}\n{rest}");
    let page = read_page(&text);
    let summary: Vec<_> = page
        .operations
        .iter()
        .map(|o| {
            (
                o.title.text.as_str(),
                o.title.pos.line,
                o.method.text.as_str(),
                o.path.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Clear cache",
                1,
                "PATCH",
                "/workspaces/{domain}/projects/{project_name}/pipelines/{pipeline_id}"
            ),
            (
                "Get pipeline",
                98,
                "GET",
                "/workspaces/{domain}/projects/{project_name}/pipelines/{pipeline_id}"
            ),
        ]
    );
    let second = page
        .operations
        .get(1)
        .unwrap_or_else(|| panic!("one operation"));
    assert_eq!(
        second.description.as_ref().map(|d| d.text.as_str()),
        Some("Gets a pipeline.")
    );
    assert!(second.notes.is_empty());
    let scopes: Vec<_> = second.scopes.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(scopes, ["EXECUTION_INFO"]);
    let params: Vec<_> = second
        .params
        .iter()
        .map(|p| (p.field.name.as_str(), p.field.required))
        .collect();
    assert_eq!(params, [("domain", true), ("pipeline_id", false)]);
    assert!(second.body.is_none());
    assert_eq!(second.response.as_ref().and_then(|r| r.status), Some(200));
    let sample = second.examples.first().and_then(|e| e.response.as_ref());
    let json = sample
        .and_then(|s| s.body.as_ref())
        .and_then(|b| b.json.clone());
    assert_eq!(json, Some(serde_json::json!({"id": 2})));
    assert!(second.examples.first().is_some_and(|e| e.request.is_none()));
    assert_eq!(
        page.last_modified.as_ref().map(|t| t.text.as_str()),
        Some("April 26, 2022")
    );
    assert_eq!(page.skipped.len(), 2);
}

#[test]
fn text_after_the_last_operation_is_listed() {
    let text = format!("{CLEAR_CACHE}\n\nSee also: pipelines\n");
    let page = read_page(&text);
    let skipped: Vec<_> = page
        .skipped
        .iter()
        .map(|s| (s.pos.line, s.text.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (100, "Get Started"),
            (
                102,
                "Sign up for free and deploy your project in less than 10 minutes."
            ),
            (104, "See also: pipelines"),
        ]
    );
}
