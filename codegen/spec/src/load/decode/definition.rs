//! A service's `definition`: base URLs, environment, auth, headers, envelope, error body,
//! rate limits and pagination schemes.

use crate::diagnostics::JsonPath;
use crate::json::Node;
use crate::load::reader::Reader;
use crate::spec::*;

use super::{each, opt_bool, opt_spanned, opt_string, req_string};

pub(super) fn definition(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Definition> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "a service definition")?;
    let title = req_string(r, &mut o, "title", "the API's name");
    let description = opt_string(r, &mut o, "description");
    let base_urls = o
        .require(r, "base_urls", "the servers of the API")
        .map(|(n, p)| each(r, n, &p, base_url))
        .unwrap_or_default();
    let environment = o
        .require(
            r,
            "environment",
            "the environment variables from_env() reads",
        )
        .and_then(|(n, p)| environment(r, n, &p));
    let auth = o
        .require(r, "auth", "how requests authenticate")
        .and_then(|(n, p)| auth(r, n, &p));
    let headers = o
        .get("headers")
        .map(|(n, p)| each(r, n, &p, header))
        .unwrap_or_default();
    let envelope = o.get("envelope").and_then(|(n, p)| envelope(r, n, &p));
    let error = o
        .require(r, "error", "the error body")
        .and_then(|(n, p)| error_body(r, n, &p));
    let rate_limit = o.get("rate_limit").and_then(|(n, p)| rate_limit(r, n, &p));
    let pagination = o
        .get("pagination")
        .map(|(n, p)| pagination_schemes(r, n, &p))
        .unwrap_or_default();
    o.finish(r);
    Some(Definition {
        title: title?.value,
        description,
        base_urls,
        environment: environment?,
        auth: auth?,
        headers,
        envelope,
        error: error?,
        rate_limit,
        pagination,
        loc,
    })
}

pub(super) fn base_url(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<BaseUrl> {
    let mut o = r.object(node, path, "a base URL")?;
    let name = o
        .require(r, "name", "the base URL's name")
        .and_then(|(n, p)| r.snake_name(n, &p, "base URL name"));
    let url = req_string(r, &mut o, "url", "the URL");
    let description = opt_string(r, &mut o, "description");
    let default = opt_bool(r, &mut o, "default");
    if let Some(url) = &url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        r.error(
            node,
            &path.key("url"),
            format!(
                "base URL \"{}\" does not start with https:// or http://",
                url.value
            ),
        );
    }
    o.finish(r);
    Some(BaseUrl {
        name: name?,
        url: url?,
        description,
        default,
    })
}

pub(super) fn environment(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Environment> {
    let mut o = r.object(node, path, "the environment variables")?;
    let token = req_string(r, &mut o, "token", "the variable holding the API token");
    let base_url = req_string(
        r,
        &mut o,
        "base_url",
        "the variable holding a base URL override",
    );
    o.finish(r);
    Some(Environment {
        token: token?.value,
        base_url: base_url?.value,
    })
}

/// `auth`: one scheme, or an array of them (the first is the token's).
pub(super) fn auth(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Auth> {
    let schemes = match &node.value {
        crate::json::Value::Array(_) => each(r, node, path, auth_scheme),
        _ => auth_scheme(r, node, path).into_iter().collect(),
    };
    match schemes.first() {
        Some(first) if matches!(first.kind, AuthKind::Bearer) => Some(Auth { schemes }),
        Some(first) => {
            r.sink.error(
                &first.loc,
                "the first authentication scheme is the token's: a \"bearer\" scheme comes first",
            );
            None
        }
        None => {
            r.error(node, path, "expected at least one authentication scheme");
            None
        }
    }
}

fn auth_scheme(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<AuthScheme> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "an authentication scheme")?;
    let scheme = o
        .require(
            r,
            "scheme",
            "the authentication scheme: \"bearer\" or \"api_key\"",
        )
        .and_then(|(n, p)| r.choice(n, &p, &[("bearer", false), ("api_key", true)]));
    let name = opt_string(r, &mut o, "name");
    let description = opt_string(r, &mut o, "description");
    let kind = match scheme {
        Some(true) => api_key(r, &mut o).map(AuthKind::ApiKey),
        Some(false) => Some(AuthKind::Bearer),
        None => None,
    };
    o.finish(r);
    Some(AuthScheme {
        kind: kind?,
        name,
        description,
        loc,
    })
}

/// The email-and-key scheme's `headers` and `environment`.
fn api_key(
    r: &mut Reader<'_>,
    o: &mut crate::load::reader::ObjectReader<'_>,
) -> Option<ApiKeyAuth> {
    let headers = o.require(r, "headers", "the headers: {\"email\", \"key\"}");
    let environment = o.require(
        r,
        "environment",
        "the variables from_env() reads: {\"email\", \"key\"}",
    );
    let (headers_node, headers_path) = headers?;
    let mut h = r.object(headers_node, &headers_path, "the scheme's headers")?;
    let email_header = req_string(r, &mut h, "email", "the header of the account's email");
    let key_header = req_string(r, &mut h, "key", "the header of the API key");
    h.finish(r);
    let (env_node, env_path) = environment?;
    let mut e = r.object(env_node, &env_path, "the scheme's environment variables")?;
    let email_env = req_string(
        r,
        &mut e,
        "email",
        "the variable holding the account's email",
    );
    let key_env = req_string(r, &mut e, "key", "the variable holding the API key");
    e.finish(r);
    Some(ApiKeyAuth {
        email_header: email_header?,
        key_header: key_header?,
        email_env: email_env?.value,
        key_env: key_env?.value,
    })
}

pub(super) fn header(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Header> {
    let mut o = r.object(node, path, "a header")?;
    let name = req_string(r, &mut o, "name", "the header's name");
    let value = req_string(r, &mut o, "value", "the header's value");
    let description = opt_string(r, &mut o, "description");
    o.finish(r);
    if let Some(name) = &name
        && (name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)))
    {
        r.error(
            node,
            &path.key("name"),
            format!("\"{}\" is not a valid HTTP header name", name.value),
        );
    }
    Some(Header {
        name: name?,
        value: value?.value,
        description,
    })
}

/// A file's or an operation's `envelope`: `"none"`, or an envelope of its own.
pub(super) fn envelope_choice(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Option<EnvelopeChoice> {
    match node.as_str() {
        Some("none") => return Some(EnvelopeChoice::None(r.loc(node, path))),
        Some(other) => {
            r.error(
                node,
                path,
                format!(
                    "unknown envelope \"{other}\"; expected \"none\" (the body is the result itself) or an envelope object {{type, result, ...}}"
                ),
            );
            return None;
        }
        None => {}
    }
    envelope(r, node, path).map(EnvelopeChoice::Wrapped)
}

pub(super) fn envelope(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Envelope> {
    let mut o = r.object(node, path, "the response envelope")?;
    let ty = o
        .require(r, "type", "the envelope's object type")
        .and_then(|(n, p)| r.type_name(n, &p));
    let result = req_string(r, &mut o, "result", "the field holding the result");
    let envelope = Envelope {
        ty: ty?,
        result: result?,
        success: opt_spanned(r, &mut o, "success"),
        errors: opt_spanned(r, &mut o, "errors"),
        messages: opt_spanned(r, &mut o, "messages"),
        result_info: opt_spanned(r, &mut o, "result_info"),
    };
    o.finish(r);
    Some(envelope)
}

pub(super) fn error_body(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ErrorBody> {
    let mut o = r.object(node, path, "the error body")?;
    let ty = o
        .require(r, "type", "the error body's object type")
        .and_then(|(n, p)| r.type_name(n, &p));
    let errors = req_string(r, &mut o, "errors", "the field holding the list of errors");
    let code = opt_spanned(r, &mut o, "code");
    let message = req_string(
        r,
        &mut o,
        "message",
        "the field of an error holding its message",
    );
    let codes = o
        .get("codes")
        .map(|(n, p)| each(r, n, &p, error_code))
        .unwrap_or_default();
    o.finish(r);
    Some(ErrorBody {
        ty: ty?,
        errors: errors?,
        code,
        message: message?,
        codes,
    })
}

/// A documented error code: `{code, name, message?, description?}`.
fn error_code(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ErrorCode> {
    let mut o = r.object(node, path, "a documented error code")?;
    let code = o.require(r, "code", "the error code").and_then(|(n, p)| {
        let value = match &n.value {
            crate::json::Value::Number(number) => number.as_i64(),
            _ => None,
        };
        let loc = r.loc(n, &p);
        match value {
            Some(value) => Some(Spanned { value, loc }),
            None => {
                r.error(
                    n,
                    &p,
                    format!(
                        "expected an integer code, found {}",
                        crate::json::describe(n)
                    ),
                );
                None
            }
        }
    });
    let name = o
        .require(r, "name", "the code's name in UpperCamelCase")
        .and_then(|(n, p)| r.type_name(n, &p));
    let message = opt_string(r, &mut o, "message");
    let description = opt_string(r, &mut o, "description");
    o.finish(r);
    Some(ErrorCode {
        code: code?,
        name: name?,
        message,
        description,
    })
}

pub(super) fn rate_limit(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<RateLimit> {
    let mut o = r.object(node, path, "the rate-limit headers")?;
    let style = o
        .require(r, "style", "\"separate\" or \"structured\"")
        .and_then(|(n, p)| r.choice(n, &p, &[("separate", true), ("structured", false)]))?;
    let description = opt_string(r, &mut o, "description");
    if style {
        let limit = req_string(r, &mut o, "limit_header", "the header with the limit");
        let remaining = req_string(
            r,
            &mut o,
            "remaining_header",
            "the header with the requests remaining",
        );
        let reset = req_string(r, &mut o, "reset_header", "the header with the reset time");
        let unit = o
            .require(r, "reset", "the unit of the reset header")
            .and_then(|(n, p)| r.choice(n, &p, &[("unix_seconds", ())]));
        o.finish(r);
        unit?;
        Some(RateLimit::Separate {
            limit_header: limit?.value,
            remaining_header: remaining?.value,
            reset_header: reset?.value,
            description,
        })
    } else {
        let header = req_string(r, &mut o, "header", "the RateLimit header's name");
        let policy_header = opt_string(r, &mut o, "policy_header");
        o.finish(r);
        Some(RateLimit::Structured {
            header: header?.value,
            policy_header,
            description,
        })
    }
}

pub(super) fn pagination_schemes(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Vec<(Spanned<String>, PaginationScheme)> {
    let Some(mut o) = r.object(node, path, "the pagination schemes") else {
        return Vec::new();
    };
    let mut schemes = Vec::new();
    for member in o.rest() {
        let member_path = path.key(&member.key);
        let name = Spanned {
            value: member.key.clone(),
            loc: member.key_loc(&r.file, member_path.clone()),
        };
        if let Some(scheme) = pagination_scheme(r, &member.value, &member_path) {
            schemes.push((name, scheme));
        }
    }
    schemes
}

pub(super) fn pagination_scheme(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
) -> Option<PaginationScheme> {
    let mut o = r.object(node, path, "a pagination scheme")?;
    let page = o
        .require(r, "style", "\"page\" or \"cursor\"")
        .and_then(|(n, p)| r.choice(n, &p, &[("page", true), ("cursor", false)]))?;
    let description = opt_string(r, &mut o, "description");
    if page {
        let page_param = req_string(
            r,
            &mut o,
            "page_param",
            "the query parameter with the page number",
        );
        let per_page_param = req_string(
            r,
            &mut o,
            "per_page_param",
            "the query parameter with the page size",
        );
        let info = opt_spanned(r, &mut o, "info");
        let page_field = opt_spanned(r, &mut o, "page_field");
        let per_page_field = opt_spanned(r, &mut o, "per_page_field");
        let total_pages_field = opt_spanned(r, &mut o, "total_pages_field");
        if info.is_none()
            && let Some(figure) = page_field
                .iter()
                .chain(&per_page_field)
                .chain(&total_pages_field)
                .next()
        {
            r.error(
                node,
                path,
                format!(
                    "\"{}\" is a field of the paging information; name the envelope field that holds it in \"info\"",
                    figure.value
                ),
            );
        }
        o.finish(r);
        Some(PaginationScheme::Page {
            page_param: page_param?,
            per_page_param: per_page_param?,
            info,
            page_field,
            per_page_field,
            total_pages_field,
            description,
        })
    } else {
        let cursor_param = req_string(
            r,
            &mut o,
            "cursor_param",
            "the query parameter with the cursor",
        );
        let cursor_field = req_string(r, &mut o, "cursor_field", "the field with the next cursor");
        // The cursor is in the result unless `info` names the envelope field it is in.
        let cursor_in = opt_spanned(r, &mut o, "info").map_or(CursorIn::Result, CursorIn::Info);
        o.finish(r);
        Some(PaginationScheme::Cursor {
            cursor_param: cursor_param?,
            cursor_field: cursor_field?,
            cursor_in,
            description,
        })
    }
}
