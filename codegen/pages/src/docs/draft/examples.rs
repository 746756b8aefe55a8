//! A drafted operation's examples: the page's first, with its request, and one for each
//! other status the page documents; path values the page leaves as placeholders filled in.

use serde_json::Value;

use super::operations::Context;
use crate::docs::json::Json;
use crate::pages::{ExampleBody, PageOperation, PageType, ParamLocation};

/// The page's examples: the first with its request, and one for each other response the
/// page documents (an error's status and body), sent with the first's request.
pub(super) fn examples(
    op: &PageOperation,
    cx: &Context<'_, '_, '_>,
    notes: &mut Vec<String>,
) -> Vec<Json> {
    let Some(first) = example(op, cx, notes) else {
        return Vec::new();
    };
    let request = first.get("request").cloned().unwrap_or_else(Json::object);
    let mut drafted = vec![first];
    for page_example in op.examples.iter().skip(1) {
        let Some(response) = &page_example.response else {
            continue;
        };
        let status = response.status.unwrap_or(200);
        let mut answer = Json::object().with("status", Json::Value(Value::from(status)));
        if let Some(body) = &response.body {
            match body_json(body, "response", notes) {
                Some(json) => answer.push("body", json),
                None => continue,
            }
        }
        drafted.push(
            Json::object()
                .with("name", Json::str(format!("{status} example")))
                .with("request", request.clone())
                .with("response", answer),
        );
    }
    drafted
}

/// The page's first example, with path values where the page's URL has placeholders.
fn example(op: &PageOperation, cx: &Context<'_, '_, '_>, notes: &mut Vec<String>) -> Option<Json> {
    let page_example = op.examples.first()?;
    // Where the example's values come from, when not from the page's example itself.
    let mut provenance = Vec::new();
    let mut request = Json::object();
    let mut path = Json::object();
    let url_path = page_example
        .request
        .as_ref()
        .map(|r| crate::pages::example_url_path(&r.url, cx.base_path).to_owned())
        .unwrap_or_default();
    let url_segments: Vec<&str> = url_path.split('/').collect();
    let template_segments: Vec<&str> = op.path.text.split('/').collect();
    for param in op.params.iter().filter(|p| p.place == ParamLocation::Path) {
        let name = &param.field.name;
        let from_url = template_segments
            .iter()
            .position(|s| *s == format!("{{{name}}}"))
            .and_then(|i| url_segments.get(i))
            .filter(|s| !s.starts_with(['$', ':', '<', '{']) && !s.is_empty());
        let value = match from_url {
            Some(value) => scalar(value, Some(&param.field.ty)),
            None => {
                let (value, from) = match first_value(&param.field.ty) {
                    Some(value) => (value, "the first value the page allows".to_owned()),
                    None => stand_in(name, &param.field.example, cx),
                };
                provenance.push(format!("`{name}` is {from}"));
                value
            }
        };
        path.push(name, value);
    }
    if !path.is_empty_object() {
        request.push("path", path);
    }
    // What the example sends that the page's request does not.
    let mut differs = Vec::new();
    if let Some(page_request) = &page_example.request {
        let query = crate::pages::example_url_query(&page_request.url);
        let mut values = Json::object();
        for (name, value) in &query {
            let param = op
                .params
                .iter()
                .find(|p| p.place == ParamLocation::Query && &p.field.name == name);
            values.push(name, scalar(value, param.map(|p| &p.field.ty)));
        }
        for param in op.params.iter().filter(|p| p.place == ParamLocation::Query) {
            let name = &param.field.name;
            if !param.field.required || query.iter().any(|(n, _)| n == name) {
                continue;
            }
            let (value, from) = match first_value(&param.field.ty) {
                Some(value) => (value, "the first value the page allows".to_owned()),
                None => stand_in(name, &param.field.example, cx),
            };
            differs.push(format!(
                "The page's request leaves out the required `{name}`; the example sends {from}."
            ));
            values.push(name, value);
        }
        if !values.is_empty_object() {
            request.push("query", values);
        }
        // The request's content type is its body's: a form's carries the boundary the
        // client picks, and a call without a body sends none.
        if let Some(body) = &page_request.body {
            request.push("body", body_json(body, "request", notes)?);
        }
    }
    let mut response = Json::object().with(
        "status",
        Json::Value(Value::from(
            page_example
                .response
                .as_ref()
                .and_then(|r| r.status)
                .or(op.response.as_ref().and_then(|r| r.status))
                .unwrap_or(200),
        )),
    );
    let sample_headers = page_example
        .response
        .as_ref()
        .map(|r| r.headers.as_slice())
        .unwrap_or_default();
    if !sample_headers.is_empty() {
        let mut headers = Json::object();
        for (name, value) in sample_headers {
            headers.push(name, Json::str(value.clone()));
        }
        response.push("headers", headers);
    }
    if let Some(body) = page_example.response.as_ref().and_then(|r| r.body.as_ref()) {
        response.push("body", body_json(body, "response", notes)?);
    }
    let note = (!provenance.is_empty()).then(|| {
        Json::str(format!(
            "The page's request writes the path with placeholders: {}.",
            provenance.join("; ")
        ))
    });
    let page_differs =
        (!differs.is_empty()).then(|| Json::object().with("request", Json::str(differs.join(" "))));
    Some(
        Json::object()
            .with("name", Json::str("page example"))
            .with_some("note", note)
            .with("request", request)
            .with("response", response)
            .with_some("page_differs", page_differs),
    )
}

fn body_json(body: &ExampleBody, what: &str, notes: &mut Vec<String>) -> Option<Json> {
    let json = Json::parse(&body.text);
    if json.is_none() {
        notes.push(format!(
            "the page's {what} body is not JSON; the draft leaves the example out"
        ));
    }
    json
}

/// A value for a path parameter the page's example leaves as a placeholder, and where
/// it comes from.
fn stand_in(name: &str, example: &Option<Value>, cx: &Context<'_, '_, '_>) -> (Json, String) {
    if let Some(example) = example {
        return (
            Json::from(example),
            "the parameter's documented example".to_owned(),
        );
    }
    let samples = cx
        .page
        .operations
        .iter()
        .flat_map(|op| &op.examples)
        .filter_map(|e| {
            e.response
                .as_ref()
                .and_then(|r| r.body.as_ref())
                .and_then(|b| b.json.as_ref())
        });
    for sample in samples {
        if let Some(value) = find_member(sample, name) {
            return (
                Json::from(&value),
                "the value the page's samples use".to_owned(),
            );
        }
    }
    let spec_value = cx.service.and_then(|service| {
        service.operations().find_map(|(_, op)| {
            op.examples.iter().find_map(|e| {
                e.request
                    .path
                    .iter()
                    .find(|(n, _)| n.value == name)
                    .map(|(_, v)| v.to_json())
            })
        })
    });
    match spec_value {
        Some(value) => (
            Json::from(&value),
            "the value the spec's other examples use".to_owned(),
        ),
        None => (
            Json::str(name),
            "a stand-in: the page shows no value".to_owned(),
        ),
    }
}

/// The first value of an enum, for a parameter the example must fill in.
fn first_value(ty: &PageType) -> Option<Json> {
    match ty {
        PageType::Enum(values) => values.first().map(|v| Json::Value(v.value.clone())),
        _ => None,
    }
}

/// A query value as the parameter's type reads it: a number or boolean where the page
/// says so, else the text.
fn scalar(text: &str, ty: Option<&PageType>) -> Json {
    let parsed = match ty {
        Some(PageType::Integer | PageType::Number) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_number),
        Some(PageType::Boolean) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_boolean),
        _ => None,
    };
    parsed.map_or_else(|| Json::str(text), Json::Value)
}

/// The first string or number member called `name` anywhere in a JSON value.
fn find_member(value: &Value, name: &str) -> Option<Value> {
    match value {
        Value::Object(map) => map
            .get(name)
            .filter(|v| v.is_string() || v.is_number())
            .cloned()
            .or_else(|| map.values().find_map(|v| find_member(v, name))),
        Value::Array(items) => items.iter().find_map(|v| find_member(v, name)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sample_values_by_member_name() {
        let sample = serde_json::json!({"result": [{"trigger_uuid": "abc", "n": 2}]});
        assert_eq!(
            find_member(&sample, "trigger_uuid"),
            Some(Value::from("abc"))
        );
        assert_eq!(find_member(&sample, "missing"), None);
    }
}
