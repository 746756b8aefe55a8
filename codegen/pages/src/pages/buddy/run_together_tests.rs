//! The page whose lines run together, read with and without hints, and the rules that
//! decided where its names start.

use std::collections::BTreeSet;

use super::action_tests::{
    APPLICATION_START, COMMON_BODY, COMMON_RESPONSE, CREATE_FROM_SANDBOX, RESOURCES,
    SANDBOX_FIELDS, body, enum_values, field, names, only_operation, params, read_page, response,
    summary, text, words,
};
use serde_json::json;

use super::lex::{self, Kind};
use super::split::Rule;
use crate::pages::source::PageText;
use crate::pages::{Hints, Page, PageField, PageType};

/// The page whose lines run together reads as the page that keeps them, with no hints.
#[test]
fn run_together_page_without_hints() {
    let page = read_page(APPLICATION_START, &Hints::default());
    check_application_start(&page);
}

/// With the spec's names as hints, the same.
#[test]
fn run_together_page_with_hints() {
    let page = read_page(APPLICATION_START, &spec_hints());
    check_application_start(&page);
}

// Long by design: one page read whole, checked in the page's order; in parts, what
// each part checks would lose its place on the page.
fn check_application_start(page: &Page) {
    assert_eq!(text(page.title.as_ref()), Some("Sandbox Application Start"));
    assert_eq!(text(page.last_modified.as_ref()), Some("Feb 18, 2026"));
    assert!(page.skipped.is_empty(), "{:?}", page.skipped);
    let operation = only_operation(page);
    assert_eq!(operation.method.text, "PATCH");
    assert_eq!(
        operation.path.text,
        "/workspaces/{workspace}/projects/{project_name}/pipelines/{pipeline_id}/actions/{action_id}"
    );
    assert_eq!(
        operation.description.as_ref().map(|t| t.text.as_str()),
        Some("Update Sandbox Application Start action configuration")
    );
    let notes: Vec<_> = operation.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        notes,
        [
            "You can't change the type of an existing action. To change the type, remove the action and add it again."
        ]
    );
    assert_eq!(
        params(operation),
        [
            ("workspace", "string", true, Some(json!("my-company"))),
            ("project_name", "string", true, Some(json!("my-project"))),
            ("pipeline_id", "integer", true, Some(json!(123))),
            ("action_id", "integer", true, Some(json!(456))),
        ]
    );
    let body = body(operation);
    assert_eq!(names(body), words(&[COMMON_BODY, SANDBOX_FIELDS]));
    let response_fields = response(operation);
    assert_eq!(
        names(response_fields),
        words(&[COMMON_RESPONSE, "loop", SANDBOX_FIELDS])
    );
    assert_eq!(
        operation.response.as_ref().and_then(|r| r.status),
        Some(200)
    );

    // Everything but the positions and the action type is as the page that keeps its
    // lines writes it.
    let clean = read_page(CREATE_FROM_SANDBOX, &Hints::default());
    let clean = only_operation(&clean);
    let glued_fields = body.iter().chain(response_fields).skip(1);
    let clean_fields = self::body(clean).iter().chain(response(clean)).skip(1);
    for (glued, clean) in glued_fields.zip(clean_fields) {
        if glued.name != "type" {
            assert_eq!(summary(glued), summary(clean));
        }
    }
    assert_eq!(
        enum_values(&field(body, "type").ty),
        ["SANDBOX_APPLICATION_START"]
    );
    assert_eq!(
        enum_values(&field(body, "resources").ty),
        words(&[RESOURCES])
    );

    // Positions: where the name starts on its glued line.
    let at = |field: &PageField| (field.pos.line, field.pos.column);
    assert_eq!(at(field(body, "type")), (27, 1));
    assert_eq!(at(field(body, "url")), (29, 26));
    assert_eq!(at(field(body, "timeout")), (41, 71));
    assert_eq!(at(field(body, "trigger_conditions")), (35, 104));
    assert_eq!(at(field(body, "return_existing")), (65, 66));
    assert_eq!(at(field(response_fields, "id")), (72, 43));
    let description = field(body, "disabled").description.as_ref();
    assert_eq!(
        description.map(|d| (d.pos.line, d.pos.column)),
        Some((41, 1))
    );
    let resources = field(body, "resources");
    if let PageType::Enum(values) = &resources.ty {
        let columns: Vec<u32> = values.iter().take(3).map(|v| v.pos.column).collect();
        assert_eq!(columns, [1, 5, 9]);
    }

    let request = operation.examples.first().and_then(|e| e.request.as_ref());
    let request = request.unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.method, "PATCH");
    assert!(request.url.ends_with("/actions/:action_id"));
    assert_eq!(request.headers.len(), 2);
    assert_eq!(
        request.body.as_ref().and_then(|b| b.json.clone()),
        Some(serde_json::json!({
            "name": "Start Web Server", "type": "SANDBOX_APPLICATION_START",
            "trigger_time": "ON_EVERY_EXECUTION", "sandbox_id": "ghwmnj2az2k67",
            "sandbox_references": ["BY_ID"]
        }))
    );
}

/// The field names of the Buddy spec: what the checker passes as hints.
fn spec_hints() -> Hints {
    fn walk(value: &serde_json::Value, names: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(serde_json::Value::Object(fields)) = map.get("fields") {
                    names.extend(fields.keys().cloned());
                }
                map.values().for_each(|v| walk(v, names));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, names)),
            _ => {}
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/buddy");
    let mut field_names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        walk(&json, &mut field_names);
    }
    assert!(field_names.contains("sandbox_references"));
    Hints { field_names }
}

/// Which rule decided each glued name of the run-together page.
fn rules(hints: &Hints) -> Vec<(String, Rule)> {
    let page = PageText::new("page.txt", APPLICATION_START);
    lex::lex(&page, hints)
        .into_iter()
        .filter_map(|piece| match piece.kind {
            Kind::Field(field) => Some((field.name.to_owned(), field.split?.rule)),
            _ => None,
        })
        .collect()
}

#[test]
fn rules_that_split_the_run_together_page() {
    let without_hints = rules(&Hints::default());
    assert_eq!(without_hints.len(), 62);
    let by_case: Vec<_> = without_hints
        .iter()
        .filter(|(_, rule)| *rule == Rule::CaseChange)
        .map(|(name, _)| name.as_str())
        .collect();
    let expected = "url trigger_conditions run_only_on_first_failure variables return_existing \
        url trigger_conditions run_only_on_first_failure variables pipeline return_existing";
    assert_eq!(by_case, words(&[expected]));
    let others: BTreeSet<Rule> = without_hints.iter().map(|(_, rule)| *rule).collect();
    assert_eq!(others, BTreeSet::from([Rule::CaseChange, Rule::PageWords]));

    let with_hints = rules(&spec_hints());
    assert_eq!(
        with_hints.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        without_hints.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    assert!(
        with_hints
            .iter()
            .all(|(_, rule)| matches!(rule, Rule::CaseChange | Rule::Hint))
    );
}
