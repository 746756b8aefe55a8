//! The action reader on the real pages that keep their lines, and on several
//! operations in one page.

use serde_json::json;

use super::action::read;
use crate::pages::source::PageText;
use crate::pages::{Hints, Page, PageField, PageOperation, PageType, ParamLocation};

pub const CLOUDFRONT: &str = include_str!("../../../../../pages/buddy/cloudfront-action.txt");
pub const CREATE_FROM_SANDBOX: &str =
    include_str!("../../../../../pages/buddy/sandbox-create-from-sandbox-action.txt");
/// The copy whose lines run together.
pub const APPLICATION_START: &str =
    include_str!("../../../../../pages/buddy/sandbox-application-start-action.txt");

/// The body fields every action has, in page order.
pub const COMMON_BODY: &str = "type url html_url after_action_id name trigger_time \
    trigger_conditions run_next run_only_on_first_failure variables disabled timeout \
    ignore_errors retry_count retry_interval loop current_revision permissions";
/// The response fields every action has, in page order.
pub const COMMON_RESPONSE: &str = "type url html_url id name current_revision trigger_time \
    trigger_conditions run_next run_only_on_first_failure variables disabled timeout \
    ignore_errors retry_count retry_interval last_execution_status pipeline permissions";
/// The fields of both sandbox actions.
pub const SANDBOX_FIELDS: &str = "sandbox_id sandbox_references sandbox_project_id \
    sandbox_project_name tags referenced_sandbox_name days referenced_action_id \
    referenced_action_name sandbox_name snapshot_name snapshot_id sandbox_distribution \
    resources return_existing";
pub const RESOURCES: &str = "1x2 2x4 3x6 4x8 5x10 6x12 7x14 8x16 9x18 10x20 11x22 12x24 CUSTOM";
const TRIGGER_TIMES: &str = "ON_EVERY_EXECUTION ON_SUCCESS ON_FAILURE ON_BACK_TO_SUCCESS \
    ON_WARNING ON_WAIT_FOR_APPROVE ON_TERMINATE";

/// Lists written as words separated by spaces.
pub fn words(lists: &[&'static str]) -> Vec<&'static str> {
    lists
        .iter()
        .flat_map(|list| list.split_whitespace())
        .collect()
}

pub fn read_page(text: &str, hints: &Hints) -> Page {
    read(&PageText::new("page.txt", text), hints).unwrap_or_else(|e| panic!("{e}"))
}

pub fn only_operation(page: &Page) -> &PageOperation {
    match page.operations.as_slice() {
        [operation] => operation,
        other => panic!("{} operations", other.len()),
    }
}

fn fields(shape: Option<&PageType>) -> &[PageField] {
    match shape {
        Some(PageType::Object(object)) => &object.fields,
        other => panic!("not an object: {other:?}"),
    }
}

pub fn body(operation: &PageOperation) -> &[PageField] {
    fields(operation.body.as_ref().map(|body| &body.shape))
}

pub fn response(operation: &PageOperation) -> &[PageField] {
    fields(operation.response.as_ref().and_then(|r| r.shape.as_ref()))
}

pub fn names(fields: &[PageField]) -> Vec<&str> {
    fields.iter().map(|field| field.name.as_str()).collect()
}

/// The names of the fields with a flag.
pub fn names_where(fields: &[PageField], flag: fn(&PageField) -> bool) -> Vec<&str> {
    fields
        .iter()
        .filter(|field| flag(field))
        .map(|field| field.name.as_str())
        .collect()
}

pub fn field<'f>(fields: &'f [PageField], name: &str) -> &'f PageField {
    fields
        .iter()
        .find(|field| field.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

pub fn enum_values(ty: &PageType) -> Vec<String> {
    match ty {
        PageType::Enum(values) => values
            .iter()
            .map(|value| value.value.as_str().unwrap_or_default().to_owned())
            .collect(),
        PageType::Array(inner) => enum_values(inner),
        other => panic!("not an enum: {other:?}"),
    }
}

pub fn text(text: Option<&crate::pages::Text>) -> Option<&str> {
    text.map(|text| text.text.as_str())
}

/// Everything of a field but where it is.
pub fn summary(field: &PageField) -> String {
    let mut field = field.clone();
    field.pos = Default::default();
    if let Some(description) = &mut field.description {
        description.pos = Default::default();
    }
    if let PageType::Enum(values) = &mut field.ty {
        values
            .iter_mut()
            .for_each(|value| value.pos = Default::default());
    }
    format!("{field:?}")
}

pub fn params(operation: &PageOperation) -> Vec<(&str, &str, bool, Option<serde_json::Value>)> {
    operation
        .params
        .iter()
        .inspect(|param| assert_eq!(param.place, ParamLocation::Path))
        .map(|p| {
            let f = &p.field;
            (
                f.name.as_str(),
                f.type_text.as_str(),
                f.required,
                f.example.clone(),
            )
        })
        .collect()
}

#[test]
fn cloudfront_page_and_operation() {
    let page = read_page(CLOUDFRONT, &Hints::default());
    assert_eq!(text(page.title.as_ref()), Some("CloudFront"));
    assert_eq!(text(page.last_modified.as_ref()), Some("Mar 18, 2026"));
    assert_eq!(page.last_modified.as_ref().map(|t| t.pos.line), Some(206));
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    let operation = only_operation(&page);
    assert_eq!(operation.method.text, "POST");
    assert_eq!(
        operation.path.text,
        "/workspaces/{workspace}/projects/{project_name}/pipelines/{pipeline_id}/actions"
    );
    assert_eq!(operation.path.pos.line, 4);
    assert_eq!(
        text(operation.description.as_ref()),
        Some("Creates a new CloudFront action in the pipeline")
    );
    assert!(operation.notes.is_empty());
    let scopes: Vec<_> = operation.scopes.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(scopes, ["EXECUTION_MANAGE"]);
    assert_eq!(
        params(operation),
        [
            ("workspace", "string", true, Some(json!("my-company"))),
            ("project_name", "string", true, Some(json!("my-project"))),
            ("pipeline_id", "integer", true, Some(json!(123))),
        ]
    );
    let workspace = operation.params.first().map(|p| &p.field);
    assert_eq!(
        text(workspace.and_then(|f| f.description.as_ref())),
        Some("The human-readable ID of the workspace")
    );
}

#[test]
fn cloudfront_body() {
    let page = read_page(CLOUDFRONT, &Hints::default());
    let body = body(only_operation(&page));
    let own = "purge_all purge_by_change_set_limit local_path deployment_excludes \
        deployment_includes paths input_type integration distribution_id base_url url_map";
    assert_eq!(names(body), words(&[COMMON_BODY, own]));
    assert_eq!(body.len(), 29);
    assert_eq!(
        names_where(body, |f| f.required),
        ["type", "name", "integration"]
    );
    assert_eq!(names_where(body, |f| f.read_only), ["url", "html_url"]);
    assert!(names_where(body, |f| f.unique_items).is_empty());
    assert_eq!(enum_values(&field(body, "type").ty), ["CLOUD_FRONT"]);
    assert_eq!(
        enum_values(&field(body, "trigger_time").ty),
        words(&[TRIGGER_TIMES])
    );
    assert_eq!(
        enum_values(&field(body, "run_next").ty),
        ["WAIT_ON_SUCCESS", "IN_SOFT_PARALLEL", "IN_HARD_PARALLEL"]
    );
    assert_eq!(
        enum_values(&field(body, "input_type").ty),
        ["SCM_REPOSITORY", "BUILD_ARTIFACTS"]
    );
    let trigger_time = field(body, "trigger_time");
    assert_eq!(trigger_time.type_text, "string enum");
    assert_eq!(trigger_time.pos.line, 47);
    if let PageType::Enum(values) = &trigger_time.ty {
        let lines: Vec<u32> = values.iter().map(|v| v.pos.line).collect();
        assert_eq!(lines, [50, 51, 52, 53, 54, 55, 56]);
    }
    let conditions = field(body, "trigger_conditions");
    assert_eq!(conditions.type_text, "TriggerConditionView[]");
    let named = |name: &str| PageType::Named(name.to_owned());
    assert_eq!(
        conditions.ty,
        PageType::Array(Box::new(named("TriggerConditionView")))
    );
    let integration = field(body, "integration");
    assert_eq!(integration.ty, named("AmazonIntegrationRef"));
    assert_eq!(
        text(integration.description.as_ref()),
        Some("Amazon integration (AMAZON)")
    );
    assert_eq!(
        field(body, "loop").ty,
        PageType::Array(Box::new(PageType::String))
    );
    assert_eq!(field(body, "timeout").ty, PageType::Integer);
    assert_eq!(field(body, "purge_all").ty, PageType::Boolean);
    assert_eq!(field(body, "url_map").pos.line, 108);
}

#[test]
fn cloudfront_response() {
    let page = read_page(CLOUDFRONT, &Hints::default());
    let operation = only_operation(&page);
    let fields = response(operation);
    let own = "loop purge_all purge_by_change_set_limit local_path deployment_excludes \
        deployment_includes paths input_type integration distribution_id base_url";
    assert_eq!(names(fields), words(&[COMMON_RESPONSE, own]));
    let types: Vec<_> = fields.iter().map(|f| f.type_text.as_str()).collect();
    let expected = "string_enum string string integer string string string_enum \
        TriggerConditionView[] string_enum boolean EnvironmentVariableView[] boolean integer \
        boolean integer integer string_enum ShortPipelineView PermissionsView string[] boolean \
        integer string string[] string[] string[] string_enum IntegrationIdentifierView string \
        string";
    let expected: Vec<_> = expected
        .split_whitespace()
        .map(|t| t.replace('_', " "))
        .collect();
    assert_eq!(types, expected);
    let statuses = enum_values(&field(fields, "last_execution_status").ty);
    assert_eq!(statuses.len(), 13);
    assert!(fields.iter().all(|f| !f.required));
    assert_eq!(names_where(fields, |f| f.read_only), ["url", "html_url"]);
    assert_eq!(
        operation.response.as_ref().and_then(|r| r.status),
        Some(200)
    );
}

#[test]
fn cloudfront_example() {
    let page = read_page(CLOUDFRONT, &Hints::default());
    let operation = only_operation(&page);
    let [example] = operation.examples.as_slice() else {
        panic!("{} examples", operation.examples.len())
    };
    assert!(example.response.is_none());
    let request = example
        .request
        .as_ref()
        .unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.url,
        "https://api.buddy.works/workspaces/:workspace/projects/:project_name/pipelines/:pipeline_id/actions"
    );
    let headers = [
        ("Authorization".to_owned(), "Bearer <YOUR-TOKEN>".to_owned()),
        ("Content-Type".to_owned(), "application/json".to_owned()),
    ];
    assert_eq!(request.headers, headers);
    assert_eq!(request.pos.line, 210);
    let json = request.body.as_ref().and_then(|b| b.json.clone());
    assert_eq!(
        json,
        Some(serde_json::json!({
            "name": "Cloudfront action", "type": "CLOUD_FRONT",
            "trigger_time": "ON_EVERY_EXECUTION", "input_type": "SCM_REPOSITORY",
            "local_path": "/", "base_url": "/merged", "distribution_id": "EDFDVBD632BHDS5",
            "purge_all": false, "timeout": 900, "integration": { "identifier": "aws" },
            "deployment_excludes": [ "/tmp/", "*.log" ],
            "deployment_includes": [ "/assets/style", "/tmp/file.txt" ]
        }))
    );
}

#[test]
fn create_from_sandbox_page() {
    let page = read_page(CREATE_FROM_SANDBOX, &Hints::default());
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    let operation = only_operation(&page);
    assert_eq!(operation.title.text, "Create Sandbox from Sandbox");
    assert_eq!(operation.method.text, "POST");
    let body = body(operation);
    assert_eq!(names(body), words(&[COMMON_BODY, SANDBOX_FIELDS]));
    assert_eq!(
        enum_values(&field(body, "type").ty),
        ["SANDBOX_CREATE_FROM_SANDBOX"]
    );
    assert_eq!(
        enum_values(&field(body, "resources").ty),
        words(&[RESOURCES])
    );
    assert_eq!(
        names_where(body, |f| f.unique_items),
        ["sandbox_references", "tags"]
    );
    let response_names = words(&[COMMON_RESPONSE, "loop", SANDBOX_FIELDS]);
    assert_eq!(names(response(operation)), response_names);
    assert_eq!(
        operation.response.as_ref().and_then(|r| r.status),
        Some(200)
    );
    let request = operation.examples.first().and_then(|e| e.request.as_ref());
    let json = request
        .and_then(|r| r.body.as_ref())
        .and_then(|b| b.json.as_ref());
    assert_eq!(
        json.and_then(|j| j.get("resources")),
        Some(&serde_json::json!("2x4"))
    );
}

#[test]
fn several_operations_on_one_page() {
    let two = format!("{CLOUDFRONT}\n{APPLICATION_START}\n");
    let page = read_page(&two, &Hints::default());
    let methods: Vec<_> = page
        .operations
        .iter()
        .map(|o| o.method.text.as_str())
        .collect();
    assert_eq!(methods, ["POST", "PATCH"]);
    let second = page
        .operations
        .get(1)
        .unwrap_or_else(|| panic!("one operation"));
    assert_eq!(second.title.text, "Sandbox Application Start");
    assert_eq!(second.title.pos.line, 213);
    assert_eq!(names(body(second)), words(&[COMMON_BODY, SANDBOX_FIELDS]));
    assert_eq!(second.examples.len(), 1);
    assert_eq!(text(page.last_modified.as_ref()), Some("Mar 18, 2026"));
    let skipped: Vec<_> = page
        .skipped
        .iter()
        .map(|s| (s.pos.line, s.text.as_str()))
        .collect();
    assert_eq!(skipped, [(322, "Last modified on Feb 18, 2026")]);
}

/// Parts the real pages do not have: scopes on one line, values on the `Allowed enum:`
/// line, an example glued to the next field line, and text the model has no place for.
const UNUSUAL: &str = "Get thing
- GET
- /things/:thing_id
Gets a thing.
Request
REQUIRED SCOPES
THINGS_READ, THINGS_LIST
URL PARAMETERS
thing_idrequiredinteger
The IDExample: 12namerequiredstring
The nameExample: \"x\"
Constraints: Minimum 1
RESPONSE BODY
countinteger enum
The count
Allowed enum: 1, 2, 3
labelsstring[]
Example:
Last modified on Jan 1, 2026
Request example
curl \"https://api.buddy.works/things/12\" --compressed
STATUS
200 OK
Footer text here
";

#[test]
fn unusual_parts_and_what_is_skipped() {
    let page = read_page(UNUSUAL, &Hints::default());
    let operation = only_operation(&page);
    assert_eq!(
        (operation.method.text.as_str(), operation.path.text.as_str()),
        ("GET", "/things/{thing_id}")
    );
    let scopes: Vec<_> = operation.scopes.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(scopes, ["THINGS_READ", "THINGS_LIST"]);
    assert_eq!(
        params(operation),
        [
            ("thing_id", "integer", true, Some(json!(12))),
            ("name", "string", true, Some(json!("x"))),
        ]
    );
    let name = operation.params.get(1).map(|p| p.field.pos);
    assert_eq!(name.map(|pos| (pos.line, pos.column)), Some((10, 18)));
    let fields = response(operation);
    let count = field(fields, "count");
    assert_eq!(count.type_text, "integer enum");
    let PageType::Enum(values) = &count.ty else {
        panic!("{:?}", count.ty)
    };
    let values: Vec<_> = values.iter().map(|v| v.value.clone()).collect();
    assert_eq!(values, [json!(1), json!(2), json!(3)]);
    assert_eq!(field(fields, "labels").example, None);
    assert_eq!(
        operation.response.as_ref().and_then(|r| r.status),
        Some(200)
    );
    let request = operation.examples.first().and_then(|e| e.request.as_ref());
    assert_eq!(request.map(|r| r.method.as_str()), Some("GET"));
    let skipped: Vec<_> = page
        .skipped
        .iter()
        .map(|s| (s.pos.line, s.text.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (12, "Constraints: Minimum 1"),
            (18, "Example:"),
            (21, "--compressed"),
            (24, "Footer text here"),
        ]
    );
}
