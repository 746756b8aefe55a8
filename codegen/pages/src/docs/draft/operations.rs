//! One drafted operation: its method and path, parameters, body, response and the page's
//! example, in the spec's JSON.

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::Value;

use super::shapes::Types;
use crate::docs::json::Json;
use crate::pages::{
    ExampleBody, NamedType, Page, PageField, PageOperation, PageType, ParamLocation,
};
use codegen_spec::spec::ServiceSpec;

/// What drafting an operation needs besides the operation.
pub(super) struct Context<'a, 'p, 't> {
    pub page: &'p Page,
    pub service: Option<&'a ServiceSpec>,
    pub types: &'a mut Types<'t>,
    /// Named types already claimed by a drafted operation's `page_name`.
    pub claimed: &'a mut Vec<String>,
    /// The service's envelope: the field of the page's `Returns` that holds the result.
    pub result_field: Option<&'a str>,
    /// The path of the service's default base URL, which example URLs start with.
    pub base_path: &'a str,
}

/// The id of an operation from its title: the verb (`create`), or the whole title when
/// the verb is taken in its resource.
pub(super) fn operation_id(title: &str, name: Option<&str>, taken: &[String]) -> String {
    // The reference's own name for the operation, when it has one.
    if let Some(name) = name
        && !taken.iter().any(|t| t == name)
        && name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return name.to_owned();
    }
    let verb = title
        .split_whitespace()
        .next()
        .unwrap_or("call")
        .to_snake_case();
    if !verb.is_empty()
        && !taken.contains(&verb)
        && verb.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return verb;
    }
    let whole = title.to_snake_case();
    let whole = if whole.starts_with(|c: char| c.is_ascii_lowercase()) {
        whole
    } else {
        format!("op_{whole}")
    };
    let mut id = whole.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{whole}_{n}");
        n += 1;
    }
    id
}

pub(super) fn operation(op: &PageOperation, id: &str, cx: &mut Context<'_, '_, '_>) -> Json {
    let title_camel = op.title.text.to_upper_camel_case();
    let mut notes = Vec::new();
    let mut json = Json::object()
        .with("id", Json::str(id))
        .with("summary", Json::str(op.title.text.clone()))
        .with_some(
            "description",
            op.description.as_ref().map(|d| Json::str(d.text.clone())),
        )
        .with("method", Json::str(op.method.text.clone()))
        .with("path", Json::str(op.path.text.clone()));
    if !op.scopes.is_empty() {
        json.push(
            "scopes",
            Json::Array(
                op.scopes
                    .iter()
                    .map(|s| Json::str(s.text.clone()))
                    .collect(),
            ),
        );
    }
    if !op.permissions.is_empty() {
        let permissions = op
            .permissions
            .iter()
            .map(|p| Json::str(p.text.clone()))
            .collect();
        json.push("permissions", Json::Array(permissions));
    }
    if let Some(notice) = &op.deprecated {
        json.push(
            "deprecated",
            match notice.text.as_str() {
                "Deprecated" => Json::Value(Value::Bool(true)),
                text => Json::str(text),
            },
        );
    }
    if op.auth.iter().any(|scheme| scheme.text.is_empty()) {
        // An empty scheme: the page says the call can be made without credentials.
        json.push("auth", Json::str("none"));
    }
    let paging = cx
        .service
        .and_then(|service| super::paging::paging(op, service, cx.result_field));
    for place in ParamLocation::ALL {
        let key = place.key();
        let params: Vec<Json> = op
            .params
            .iter()
            .filter(|p| p.place == place)
            .map(|p| {
                let hint = format!("{title_camel}{}", p.field.name.to_upper_camel_case());
                let mut param = param_json(&p.field, place, cx.types, &hint);
                let pages = paging.as_ref().is_some_and(|paging| {
                    place == ParamLocation::Query && paging.params.contains(&p.field.name)
                });
                if pages && p.field.ty == PageType::Number {
                    whole_number(&mut param);
                }
                param
            })
            .collect();
        if !params.is_empty() {
            json.push(key, Json::Array(params));
        }
    }
    if let Some(body) = &op.body {
        let ty = cx.types.expr(&body.shape, &format!("{title_camel}Request"));
        let mut drafted = Json::object().with("type", ty);
        if body
            .content_type
            .as_ref()
            .is_some_and(|c| c.text == "Form Data")
        {
            drafted.push("content_type", Json::str("multipart/form-data"));
        }
        // The page calling the body optional (Queues' `push`), or every member optional
        // and the page's own request sending none (`peek`): a call may leave it out.
        let all_optional =
            matches!(&body.shape, PageType::Object(o) if o.fields.iter().all(|f| !f.required));
        let sent_without = op
            .examples
            .first()
            .and_then(|e| e.request.as_ref())
            .is_some_and(|r| r.body.is_none());
        if body.optional || (all_optional && sent_without) {
            drafted.push("required", Json::Value(Value::Bool(false)));
        }
        json.push("body", drafted);
    } else if op
        .examples
        .iter()
        .any(|e| e.request.as_ref().is_some_and(|r| r.body.is_some()))
    {
        notes.push(
            "the page's example sends a body, but the page documents none: the draft sends none"
                .to_owned(),
        );
    }
    if let Some(paging) = &paging {
        json.push(
            "pagination",
            Json::object()
                .with("scheme", Json::str(paging.scheme.clone()))
                .with_some("items", paging.items.clone().map(Json::str)),
        );
    }
    let answer = response(op, &title_camel, cx, &mut notes);
    let unsettled = result_type(op, cx.result_field)
        .and_then(|result| super::shapes::unsettled_type(result, answer.get("type")));
    json.push("response", answer);
    if let Some(reason) = unsettled {
        json.push(
            "page_differs",
            Json::object().with("type", Json::str(reason)),
        );
    }
    let examples = examples(op, cx, &mut notes);
    if !examples.is_empty() {
        json.push("examples", Json::Array(examples));
    }
    if !notes.is_empty() {
        json.push(
            "note",
            Json::str(format!(
                "Drafted from the page; check: {}.",
                notes.join("; ")
            )),
        );
    }
    json
}

/// A paging parameter the page types `number` is a whole number: a page number, a page
/// size. The client takes `per_page(50)`, and the spec says why it departs from the page.
fn whole_number(param: &mut Json) {
    param.set("type", Json::str("integer"));
    param.push(
        "page_differs",
        Json::object().with(
            "type",
            Json::str("The page writes `number`; a page number and a page size are whole numbers, so the client takes an integer."),
        ),
    );
}

/// A page's parameter as a spec parameter; `hint` names a type it needs to define.
pub(crate) fn param_json(
    field: &PageField,
    place: ParamLocation,
    types: &mut Types<'_>,
    hint: &str,
) -> Json {
    let mut param = Json::object()
        .with("name", Json::str(field.name.clone()))
        .with("type", types.expr(&field.ty, hint));
    if place != ParamLocation::Path && field.required {
        param.push("required", Json::Value(Value::Bool(true)));
    }
    // A list the page calls comma-separated is one comma-joined value.
    let comma_separated = field
        .description
        .as_ref()
        .is_some_and(|d| d.text.to_lowercase().contains("comma-separated"));
    if place == ParamLocation::Query && matches!(field.ty, PageType::Array(_)) && comma_separated {
        param.push("style", Json::str("comma"));
    }
    super::shapes::value_rules(&mut param, field);
    param
        .with_some(
            "description",
            field
                .description
                .as_ref()
                .map(|d| Json::str(d.text.clone())),
        )
        .with_some("example", field.example.as_ref().map(Json::from))
}

/// The result's type: the `result` of the page's envelope, or the whole documented body.
pub(super) fn result_type<'p>(
    op: &'p PageOperation,
    result_field: Option<&str>,
) -> Option<&'p PageType> {
    let shape = op.response.as_ref()?.shape.as_ref()?;
    match (result_field, shape) {
        (Some(field), PageType::Object(object)) => object
            .fields
            .iter()
            .find(|f| f.name == field)
            .map(|f| &f.ty),
        _ => Some(shape),
    }
}

fn response(
    op: &PageOperation,
    title_camel: &str,
    cx: &mut Context<'_, '_, '_>,
    notes: &mut Vec<String>,
) -> Json {
    let status = op.response.as_ref().and_then(|r| r.status).unwrap_or(200);
    let result = result_type(op, cx.result_field);
    let ty = match result {
        Some(ty) => {
            if matches!(ty, PageType::Unknown) {
                notes.push("the page says the result is `unknown`".to_owned());
            }
            cx.types.expr(ty, &format!("{title_camel}Result"))
        }
        None => {
            notes.push("the page documents no result; the draft says `unknown`".to_owned());
            Json::str("unknown")
        }
    };
    // Without a result, the page may name the whole answer (Queues' `QueueDeleteResponse`,
    // its envelope's members alone).
    let whole = op.response.as_ref().and_then(|r| r.shape.as_ref());
    let page_name = result.or(whole).and_then(|ty| page_name(op, ty, cx));
    Json::object()
        .with("status", Json::Value(Value::from(status)))
        .with("type", ty)
        .with_some("page_name", page_name.map(Json::str))
}

/// The page's named type for a result (or for its elements): one of the same shape in
/// the operation's section, preferring one named after the operation's verb.
fn page_name(
    op: &PageOperation,
    result: &PageType,
    cx: &mut Context<'_, '_, '_>,
) -> Option<String> {
    let element = match result {
        PageType::Array(item) if matches!(**item, PageType::Object(_) | PageType::Union(_)) => {
            Some(item.as_ref())
        }
        _ => None,
    };
    let shapes = [Some(result.shape()), element.map(PageType::shape)];
    let candidates: Vec<&NamedType> = cx
        .page
        .named_types
        .iter()
        .filter(|named| {
            named.sections.len() == op.sections.len()
                && named
                    .sections
                    .iter()
                    .zip(&op.sections)
                    .all(|(a, b)| a.text == b.text)
        })
        .filter(|named| shapes.iter().flatten().any(|s| *s == named.ty.shape()))
        .filter(|named| !cx.claimed.contains(&named.name))
        .collect();
    // The operation's own name (`update`, whose title says "Add script secret"), else
    // its title's first word.
    let verb = match &op.name {
        Some(name) => name.to_upper_camel_case(),
        None => op
            .title
            .text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_upper_camel_case(),
    };
    let chosen = candidates
        .iter()
        .find(|named| named.name.contains(&verb))
        .or(candidates.first())?;
    cx.claimed.push(chosen.name.clone());
    Some(chosen.name.clone())
}

/// The page's examples: the first with its request, and one for each other response the
/// page documents (an error's status and body), sent with the first's request.
fn examples(op: &PageOperation, cx: &Context<'_, '_, '_>, notes: &mut Vec<String>) -> Vec<Json> {
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
    fn ids_come_from_the_title_verb() {
        assert_eq!(operation_id("Create deploy hook", None, &[]), "create");
        assert_eq!(
            operation_id("Get deploy hook", None, &["get".to_owned()]),
            "get_deploy_hook"
        );
        assert_eq!(
            operation_id(
                "Get deploy hook",
                None,
                &["get".to_owned(), "get_deploy_hook".to_owned()]
            ),
            "get_deploy_hook_2"
        );
    }

    #[test]
    fn ids_come_from_the_reference_s_own_name_when_it_has_one() {
        let taken = ["get".to_owned()];
        assert_eq!(
            operation_id(
                "Get latest builds by script IDs",
                Some("get_latest_builds"),
                &taken
            ),
            "get_latest_builds"
        );
        // A name taken falls back to the title.
        assert_eq!(
            operation_id("Get a Workers build", Some("get"), &taken),
            "get_a_workers_build"
        );
    }

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
