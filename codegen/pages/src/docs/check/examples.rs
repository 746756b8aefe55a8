//! Examples: the page's request (path values, query, body) and sample response (status,
//! headers, body) against the spec's, in order.

use serde_json::Value;

use super::operations::placeholders;
use super::{Checker, Item};
use crate::docs::fix::Fix;
use crate::docs::json::Json;
use crate::pages::{ExampleRequest, ExampleResponse, PageOperation};
use codegen_spec::spec::{DiffKind, Example, Operation};

impl Checker<'_> {
    pub(super) fn examples(&mut self, name: &str, page_op: &PageOperation, op: &Operation) {
        let count = page_op.examples.len().max(op.examples.len());
        for i in 0..count {
            let subject = format!("{name} example {}", i + 1);
            match (page_op.examples.get(i), op.examples.get(i)) {
                (Some(page), Some(spec)) => {
                    let item = Item {
                        loc: &spec.loc,
                        differs: &spec.page_differs,
                    };
                    if let Some(request) = &page.request {
                        self.example_request(&subject, request, op, spec, item);
                    }
                    if let Some(response) = &page.response {
                        self.example_response(&subject, response, spec, item);
                    }
                }
                (Some(page), None) => {
                    let pos = page
                        .request
                        .as_ref()
                        .map(|r| r.pos)
                        .or(page.response.as_ref().map(|r| r.pos))
                        .unwrap_or(page_op.pos);
                    let loc = op.loc.clone();
                    let fix = Fix::AddExample {
                        at: op.loc.clone(),
                        example: page.clone(),
                    };
                    self.differ_plainly_fixed(
                        &subject,
                        "is on the page only".to_owned(),
                        pos,
                        &loc,
                        Some(fix),
                    );
                }
                (None, Some(spec)) => self.differ_fixed(
                    DiffKind::Absent,
                    &subject,
                    "is in the spec only".to_owned(),
                    page_op.pos,
                    Item {
                        loc: &spec.loc,
                        differs: &spec.page_differs,
                    },
                    Some(Fix::Remove {
                        at: spec.loc.clone(),
                    }),
                ),
                (None, None) => {}
            }
        }
    }

    fn example_request(
        &mut self,
        subject: &str,
        page: &ExampleRequest,
        op: &Operation,
        spec: &Example,
        item: Item<'_>,
    ) {
        let mut problems = Vec::new();
        let base_path = self.base_path();
        let path = crate::pages::example_url_path(&page.url, &base_path);
        let page_segments: Vec<&str> = path.split('/').collect();
        let template_segments: Vec<&str> = op.path.split('/').collect();
        if page_segments.len() == template_segments.len() {
            for (page_segment, template_segment) in page_segments.iter().zip(&template_segments) {
                let Some(name) = placeholders(template_segment).into_iter().next() else {
                    continue;
                };
                if is_placeholder(page_segment) {
                    continue;
                }
                let spec_value = spec
                    .request
                    .path
                    .iter()
                    .find(|(n, _)| n.value == name)
                    .map(|(_, v)| scalar_text(&v.to_json()));
                if spec_value.as_deref() != Some(page_segment) {
                    problems.push(format!(
                        "path value `{name}`: the page sends \"{page_segment}\", the spec {}",
                        spec_value.map_or("none".to_owned(), |v| format!("\"{v}\""))
                    ));
                }
            }
        }
        let page_query = crate::pages::example_url_query(&page.url);
        for (query_name, page_value) in &page_query {
            let spec_value = spec
                .request
                .query
                .iter()
                .find(|(n, _)| &n.value == query_name)
                .map(|(_, v)| scalar_text(&v.to_json()));
            if !is_placeholder(page_value) && spec_value.as_deref() != Some(page_value.as_str()) {
                problems.push(format!(
                    "query `{query_name}`: the page sends \"{page_value}\", the spec {}",
                    spec_value.map_or("none".to_owned(), |v| format!("\"{v}\""))
                ));
            }
        }
        for (query_name, _) in &spec.request.query {
            if !page_query.iter().any(|(n, _)| n == &query_name.value) {
                problems.push(format!(
                    "query `{}`: the spec sends it, the page's request does not",
                    query_name.value
                ));
            }
        }
        let spec_body = spec.request.body.as_ref().map(|b| b.to_json());
        match (&page.body, &spec_body) {
            (None, None) => {}
            (Some(page_body), spec_body) => match &page_body.json {
                None => problems.push("the page's request body is not JSON".to_owned()),
                Some(page_json) => {
                    if let Some(difference) = json_difference(page_json, spec_body.as_ref()) {
                        problems.push(format!("body {difference}"));
                    }
                }
            },
            (None, Some(_)) => {
                problems.push("the spec sends a body, the page's request does not".to_owned())
            }
        }
        if page.method != op.method.as_str() {
            problems.push(format!(
                "the page's request is a {}, the operation a {}",
                page.method,
                op.method.as_str()
            ));
        }
        // The request's body is the page's; path values and query stay the spec's, which
        // fill in the page's placeholders.
        let body_fix = match (&page.body, &spec.request.body) {
            (Some(body), _) => Json::parse(&body.text)
                .map(|json| Fix::set(&within(&spec.loc, "request"), "body", json)),
            (None, Some(_)) => Some(Fix::unset(&within(&spec.loc, "request"), "body")),
            (None, None) => None,
        };
        for problem in problems {
            let fix = problem
                .starts_with("body")
                .then(|| body_fix.clone())
                .flatten()
                .or_else(|| {
                    problem
                        .starts_with("the spec sends a body")
                        .then(|| body_fix.clone())
                        .flatten()
                });
            self.differ_fixed(DiffKind::Request, subject, problem, page.pos, item, fix);
        }
    }

    fn example_response(
        &mut self,
        subject: &str,
        page: &ExampleResponse,
        spec: &Example,
        item: Item<'_>,
    ) {
        let mut problems = Vec::new();
        if let Some(status) = page.status
            && status != spec.response.status.value
        {
            problems.push(format!(
                "status: the page answers {status}, the spec {}",
                spec.response.status.value
            ));
        }
        for (header, page_value) in &page.headers {
            let spec_value = spec
                .response
                .headers
                .iter()
                .find(|(n, _)| n.value.eq_ignore_ascii_case(header))
                .map(|(_, v)| v.as_str());
            if spec_value != Some(page_value.as_str()) {
                problems.push(format!(
                    "header {header}: the page says \"{page_value}\", the spec {}",
                    spec_value.map_or("nothing".to_owned(), |v| format!("\"{v}\""))
                ));
            }
        }
        let spec_body = spec.response.body.as_ref().map(|b| b.to_json());
        match (&page.body, &spec_body) {
            (None, None) => {}
            (Some(page_body), spec_body) => match &page_body.json {
                None => problems.push("the page's sample body is not JSON".to_owned()),
                Some(page_json) => {
                    if let Some(difference) = json_difference(page_json, spec_body.as_ref()) {
                        problems.push(format!("body {difference}"));
                    }
                }
            },
            (None, Some(_)) => {
                problems.push("the spec has a sample body, the page does not".to_owned())
            }
        }
        let pos = page.body.as_ref().map_or(page.pos, |b| b.pos);
        let response = within(&spec.loc, "response");
        for problem in problems {
            let fix = if problem.starts_with("status") {
                page.status
                    .map(|status| Fix::set(&response, "status", Json::Value(status.into())))
            } else if problem.starts_with("body")
                || problem.starts_with("the spec has a sample body")
            {
                match &page.body {
                    Some(body) => {
                        Json::parse(&body.text).map(|json| Fix::set(&response, "body", json))
                    }
                    None => Some(Fix::unset(&response, "body")),
                }
            } else {
                None
            };
            self.differ_fixed(DiffKind::Response, subject, problem, pos, item, fix);
        }
    }

    /// The path of the service's default base URL (`/client/v4`), which example URLs
    /// start with.
    fn base_path(&self) -> String {
        self.service
            .definition()
            .and_then(|d| d.base_urls.iter().find(|b| b.default))
            .map(|base| crate::pages::example_url_path(&base.url.value, "").to_owned())
            .unwrap_or_default()
    }
}

/// A segment or value the page writes as a stand-in: `$ACCOUNT_ID`, `:workspace`,
/// `{id}`, `<YOUR-TOKEN>`.
/// The member `key` of the item at `loc`, as a location.
fn within(loc: &codegen_spec::diagnostics::Loc, key: &str) -> codegen_spec::diagnostics::Loc {
    codegen_spec::diagnostics::Loc {
        path: loc.path.key(key),
        ..loc.clone()
    }
}

fn is_placeholder(text: &str) -> bool {
    text.starts_with('$')
        || text.starts_with(':')
        || (text.starts_with('{') && text.ends_with('}'))
        || (text.starts_with('<') && text.ends_with('>'))
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Where two JSON values first differ: `at result.builds.foo.status: the page has
/// "running", the spec "queued"`; `None` when they are equal.
pub(super) fn json_difference(page: &Value, spec: Option<&Value>) -> Option<String> {
    let Some(spec) = spec else {
        return Some("is on the page only".to_owned());
    };
    first_difference(page, spec, String::new()).map(|(path, page_says, spec_says)| {
        let at = if path.is_empty() {
            "(root)".to_owned()
        } else {
            path
        };
        format!("differs at {at}: the page has {page_says}, the spec {spec_says}")
    })
}

fn first_difference(page: &Value, spec: &Value, path: String) -> Option<(String, String, String)> {
    match (page, spec) {
        (Value::Object(p), Value::Object(s)) => {
            for (key, page_value) in p {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match s.get(key) {
                    Some(spec_value) => {
                        if let Some(found) = first_difference(page_value, spec_value, child) {
                            return Some(found);
                        }
                    }
                    None => return Some((child, short(page_value), "nothing".to_owned())),
                }
            }
            s.iter()
                .find(|(key, _)| !p.contains_key(*key))
                .map(|(key, value)| {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    (child, "nothing".to_owned(), short(value))
                })
        }
        (Value::Array(p), Value::Array(s)) => {
            for (i, (page_item, spec_item)) in p.iter().zip(s).enumerate() {
                if let Some(found) = first_difference(page_item, spec_item, format!("{path}[{i}]"))
                {
                    return Some(found);
                }
            }
            (p.len() != s.len()).then(|| {
                (
                    path,
                    format!("{} items", p.len()),
                    format!("{} items", s.len()),
                )
            })
        }
        _ => (page != spec).then(|| (path, short(page), short(spec))),
    }
}

/// A JSON value for a message, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_first_difference_and_its_path() {
        assert_eq!(
            json_difference(&json!({"a": 1}), Some(&json!({"a": 1}))),
            None
        );
        assert_eq!(
            json_difference(
                &json!({"a": {"b": [1, 2]}}),
                Some(&json!({"a": {"b": [1, 3]}}))
            ),
            Some("differs at a.b[1]: the page has 2, the spec 3".to_owned())
        );
        assert_eq!(
            json_difference(&json!({"a": 1}), Some(&json!({"a": 1, "c": true}))),
            Some("differs at c: the page has nothing, the spec true".to_owned())
        );
        assert_eq!(
            json_difference(&json!([1]), Some(&json!([1, 2]))),
            Some("differs at (root): the page has 1 items, the spec 2 items".to_owned())
        );
    }

    #[test]
    fn placeholders_are_told_from_values() {
        for placeholder in ["$ACCOUNT_ID", ":workspace", "{id}", "<YOUR-TOKEN>"] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        assert!(!is_placeholder("company-website"));
    }
}
