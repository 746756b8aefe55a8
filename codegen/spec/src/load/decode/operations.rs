//! Operations: parameters, body, response, pagination and examples.

use crate::diagnostics::JsonPath;
use crate::json::Node;
use crate::load::reader::{ObjectReader, Reader};
use crate::spec::*;

use super::definition::header;
use super::types::type_expr;
use super::{Found, each, kept_json, opt_bool, opt_spanned, opt_string, page_differs, req_string};

pub(super) fn operation(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Operation> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "an operation")?;
    let id = o
        .require(r, "id", "the operation's id, which becomes its method name")
        .and_then(|(n, p)| r.snake_name(n, &p, "operation id"));
    let summary = req_string(r, &mut o, "summary", "the page's heading for the operation");
    let description = opt_string(r, &mut o, "description");
    let method = o
        .require(r, "method", "the HTTP method")
        .and_then(|(n, p)| r.choice(n, &p, &Method::ALL));
    let path_template = req_string(r, &mut o, "path", "the path template");
    if let Some(template) = &path_template
        && !template.starts_with('/')
    {
        r.error(
            node,
            &path.key("path"),
            format!("path \"{}\" does not start with '/'", template.value),
        );
    }
    let scopes = o
        .get("scopes")
        .map(|(n, p)| r.strings(n, &p).into_iter().map(|s| s.value).collect())
        .unwrap_or_default();
    let permissions = o
        .get("permissions")
        .map(|(n, p)| r.strings(n, &p).into_iter().map(|s| s.value).collect())
        .unwrap_or_default();
    let deprecated = o
        .get("deprecated")
        .and_then(|(n, p)| super::deprecated(r, n, &p));
    let headers = o
        .get("headers")
        .map(|(n, p)| each(r, n, &p, header))
        .unwrap_or_default();
    let params =
        |o: &mut ObjectReader<'_>, r: &mut Reader<'_>, place: ParamLocation| -> Vec<Param> {
            o.get(place.key())
                .map(|(n, p)| each(r, n, &p, |r, n, p| param(r, n, p, place)))
                .unwrap_or_default()
        };
    let path_params = params(&mut o, r, ParamLocation::Path);
    let query_params = params(&mut o, r, ParamLocation::Query);
    let header_params = params(&mut o, r, ParamLocation::Header);
    let body = o.get("body").and_then(|(n, p)| body(r, n, &p));
    let response = o
        .require(r, "response", "the success status and result type")
        .and_then(|(n, p)| response(r, n, &p));
    let pagination = o
        .get("pagination")
        .and_then(|(n, p)| pagination_ref(r, n, &p));
    let envelope = o
        .get("envelope")
        .and_then(|(n, p)| super::definition::envelope_choice(r, n, &p));
    let examples = o
        .get("examples")
        .map(|(n, p)| each(r, n, &p, example))
        .unwrap_or_default();
    let authenticated = o
        .get("auth")
        .and_then(|(n, p)| r.choice(n, &p, &[("service", true), ("none", false)]))
        .unwrap_or(true);
    let idempotent = o
        .get("idempotent")
        .and_then(|(n, p)| Some((r.bool(n, &p)?, r.loc(n, &p))));
    let page_differs = page_differs(r, &mut o);
    let note = opt_string(r, &mut o, "note");
    o.finish(r);
    Some(Operation {
        id: id?,
        summary: summary?.value,
        description,
        method: method?,
        path: path_template?,
        scopes,
        permissions,
        deprecated,
        headers,
        path_params,
        query_params,
        header_params,
        body,
        response: response?,
        pagination,
        envelope,
        examples,
        authenticated,
        idempotent,
        page_differs,
        note,
        loc,
    })
}

pub(super) fn param(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
    place: ParamLocation,
) -> Option<Param> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "a parameter")?;
    let name = req_string(r, &mut o, "name", "the parameter's name");
    let ty = o
        .require(r, "type", "the parameter's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let required = match o.get("required") {
        Some((n, p)) => {
            let required = r.bool(n, &p);
            if place == ParamLocation::Path && required == Some(false) {
                r.error(n, &p, "path parameters are always required");
            }
            required.unwrap_or(false)
        }
        None => place == ParamLocation::Path,
    };
    let description = opt_string(r, &mut o, "description");
    let example = o.get("example").map(|(n, p)| kept_json(r, n, &p));
    let secret = opt_bool(r, &mut o, "secret");
    let (format, bounds, deprecated) = super::value_rules(r, &mut o);
    let style = o.get("style").and_then(|(n, p)| {
        let loc = r.loc(n, &p);
        r.choice(n, &p, &QueryStyle::ALL)
            .map(|value| Spanned { value, loc })
    });
    let page_differs = page_differs(r, &mut o);
    o.finish(r);
    Some(Param {
        name: name?,
        ty: ty?,
        required,
        description,
        example,
        secret,
        style,
        format,
        bounds,
        deprecated,
        page_differs,
        loc,
    })
}

pub(super) fn body(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Body> {
    let mut o = r.object(node, path, "a request body")?;
    let ty = o
        .require(r, "type", "the body's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let variant = opt_spanned(r, &mut o, "variant");
    let description = opt_string(r, &mut o, "description");
    let content_type = o
        .get("content_type")
        .and_then(|(n, p)| {
            let loc = r.loc(n, &p);
            r.string(n, &p).map(|value| match value.as_str() {
                BodyEncoding::JSON => BodyEncoding::Json,
                BodyEncoding::MULTIPART => BodyEncoding::Multipart(loc),
                _ => BodyEncoding::Raw(value),
            })
        })
        .unwrap_or_default();
    let required = o
        .get("required")
        .and_then(|(n, p)| r.bool(n, &p))
        .unwrap_or(true);
    o.finish(r);
    Some(Body {
        ty: ty?,
        variant,
        description,
        content_type,
        required,
    })
}

pub(super) fn response(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ResponseDef> {
    let mut o = r.object(node, path, "a response")?;
    let status = o
        .require(r, "status", "the success status")
        .and_then(|(n, p)| r.u16(n, &p, 200..=299));
    // A response without a body (`204 No Content`) has no type.
    let ty = o.get("type").and_then(|(n, p)| type_expr(r, n, &p));
    let variant = opt_spanned(r, &mut o, "variant");
    let description = opt_string(r, &mut o, "description");
    let page_name = o.get("page_name").and_then(|(n, p)| r.type_name(n, &p));
    o.finish(r);
    Some(ResponseDef {
        status: status?,
        ty,
        variant,
        description,
        page_name,
    })
}

pub(super) fn pagination_ref(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Option<PaginationRef> {
    let mut o = r.object(node, path, "the operation's pagination")?;
    let scheme = req_string(r, &mut o, "scheme", "a pagination scheme of the service");
    let items = opt_spanned(r, &mut o, "items");
    o.finish(r);
    Some(PaginationRef {
        scheme: scheme?,
        items,
    })
}

pub(super) fn example(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Example> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "an example")?;
    let name = opt_string(r, &mut o, "name");
    let note = opt_string(r, &mut o, "note");
    let request = o
        .require(r, "request", "what the example sends")
        .and_then(|(n, p)| example_request(r, n, &p));
    let response = o
        .require(r, "response", "what the example answers")
        .and_then(|(n, p)| example_response(r, n, &p));
    let page_differs = page_differs(r, &mut o);
    o.finish(r);
    Some(Example {
        name,
        note,
        request: request?,
        response: response?,
        page_differs,
        loc,
    })
}

pub(super) fn example_request(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Option<ExampleRequest> {
    let mut o = r.object(node, path, "an example request")?;
    let path_values = o
        .get("path")
        .map(|found| named_values(r, found))
        .unwrap_or_default();
    let query = o
        .get("query")
        .map(|found| named_values(r, found))
        .unwrap_or_default();
    let headers = o
        .get("headers")
        .map(|found| header_values(r, found))
        .unwrap_or_default();
    let body = o.get("body").map(|(n, p)| kept_json(r, n, &p));
    o.finish(r);
    Some(ExampleRequest {
        path: path_values,
        query,
        headers,
        body,
    })
}

pub(super) fn example_response(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Option<ExampleResponse> {
    let mut o = r.object(node, path, "an example response")?;
    let status = o
        .require(r, "status", "the HTTP status")
        .and_then(|(n, p)| r.u16(n, &p, 100..=599));
    let headers = o
        .get("headers")
        .map(|found| header_values(r, found))
        .unwrap_or_default();
    let body = o.get("body").map(|(n, p)| kept_json(r, n, &p));
    o.finish(r);
    Some(ExampleResponse {
        status: status?,
        headers,
        body,
    })
}

/// An object of parameter values, keeping each value's JSON.
pub(super) fn named_values(
    r: &mut Reader<'_>,
    (node, path): Found<'_>,
) -> Vec<(Spanned<String>, Node)> {
    let Some(mut o) = r.object(node, &path, "parameter values") else {
        return Vec::new();
    };
    o.rest()
        .into_iter()
        .map(|m| {
            let member_path = path.key(&m.key);
            let value = kept_json(r, &m.value, &member_path);
            let name = Spanned {
                value: m.key.clone(),
                loc: crate::diagnostics::Loc {
                    file: r.file.clone(),
                    pos: m.key_pos,
                    path: member_path,
                },
            };
            (name, value)
        })
        .collect()
}

pub(super) fn header_values(
    r: &mut Reader<'_>,
    found: Found<'_>,
) -> Vec<(Spanned<String>, String)> {
    named_values(r, found)
        .into_iter()
        .filter_map(|(name, node)| {
            let value = r.string(&node, &name.loc.path)?;
            Some((name, value.value))
        })
        .collect()
}
