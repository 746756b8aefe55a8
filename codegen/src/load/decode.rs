//! Decoding one spec file's JSON into [`SpecFile`], reporting every mismatch with the format.

use crate::diagnostics::JsonPath;
use crate::load::json::{Node, Value};
use crate::load::reader::{ObjectReader, Reader, describe, is_type_name};
use crate::spec::*;

type Found<'n> = (&'n Node, JsonPath);

/// Decodes a file; `None` when its top level is unusable (the reasons are reported).
pub fn file(r: &mut Reader<'_>, root: &Node) -> Option<SpecFile> {
    let path = JsonPath::root();
    let mut o = r.object(root, &path, "a spec file")?;
    if let Some((node, path)) = o.require(r, "$schema", "the path of schema.json, for editors") {
        r.string(node, &path);
    }
    let service = o
        .require(r, "service", "the service this file belongs to")
        .and_then(|(n, p)| r.snake_name(n, &p, "service name"));
    let source = o
        .require(r, "source", "where this file's content comes from")
        .and_then(|(n, p)| source(r, n, &p));
    let definition = o.get("definition").and_then(|(n, p)| definition(r, n, &p));
    let resource = o
        .get("resource")
        .and_then(|(n, p)| r.snake_name(n, &p, "resource name"));
    let description = opt_string(r, &mut o, "description");
    let types = o
        .get("types")
        .map(|(n, p)| types(r, n, &p))
        .unwrap_or_default();
    let operations = o
        .get("operations")
        .map(|(n, p)| each(r, n, &p, operation))
        .unwrap_or_default();
    if resource.is_none() && !operations.is_empty() {
        r.error(
            root,
            &path,
            "a file with operations needs a \"resource\": the module and client accessor they belong to",
        );
    }
    o.finish(
        r,
        &[
            "$schema",
            "service",
            "source",
            "definition",
            "resource",
            "description",
            "types",
            "operations",
        ],
    );
    Some(SpecFile {
        path: r.file.to_string(),
        service: service?,
        source: source.unwrap_or_default(),
        definition,
        resource,
        description,
        types,
        operations,
    })
}

fn opt_string(r: &mut Reader<'_>, o: &mut ObjectReader<'_>, key: &str) -> Option<String> {
    o.get(key)
        .and_then(|(n, p)| r.string(n, &p))
        .map(|s| s.value)
}

fn opt_spanned(r: &mut Reader<'_>, o: &mut ObjectReader<'_>, key: &str) -> Option<Spanned<String>> {
    o.get(key).and_then(|(n, p)| r.string(n, &p))
}

fn req_string(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
    key: &str,
    what: &str,
) -> Option<Spanned<String>> {
    o.require(r, key, what).and_then(|(n, p)| r.string(n, &p))
}

fn opt_bool(r: &mut Reader<'_>, o: &mut ObjectReader<'_>, key: &str) -> bool {
    o.get(key).and_then(|(n, p)| r.bool(n, &p)).unwrap_or(false)
}

/// Decodes each item of an array with `item`, skipping items that failed.
fn each<T>(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
    item: impl Fn(&mut Reader<'_>, &Node, &JsonPath) -> Option<T>,
) -> Vec<T> {
    let Some(items) = r.array(node, path) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| item(r, n, &path.index(i)))
        .collect()
}

fn source(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Source> {
    let mut o = r.object(node, path, "a source")?;
    let source = Source {
        page: opt_string(r, &mut o, "page"),
        snapshot: opt_string(r, &mut o, "snapshot"),
        section: opt_string(r, &mut o, "section"),
        last_modified: opt_string(r, &mut o, "last_modified"),
        reference: opt_string(r, &mut o, "reference"),
        note: opt_string(r, &mut o, "note"),
    };
    if source.page.is_some() == source.reference.is_some() {
        r.error(
            node,
            path,
            "a source names either a \"page\" (a documentation page) or a \"reference\" (another document), not both or neither",
        );
    }
    o.finish(
        r,
        &[
            "page",
            "snapshot",
            "section",
            "last_modified",
            "reference",
            "note",
        ],
    );
    Some(source)
}

fn definition(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Definition> {
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
        .require(r, "auth", "how the token is sent")
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
    o.finish(
        r,
        &[
            "title",
            "description",
            "base_urls",
            "environment",
            "auth",
            "headers",
            "envelope",
            "error",
            "rate_limit",
            "pagination",
        ],
    );
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

fn base_url(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<BaseUrl> {
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
    o.finish(r, &["name", "url", "description", "default"]);
    Some(BaseUrl {
        name: name?,
        url: url?,
        description,
        default,
    })
}

fn environment(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Environment> {
    let mut o = r.object(node, path, "the environment variables")?;
    let token = req_string(r, &mut o, "token", "the variable holding the API token");
    let base_url = req_string(
        r,
        &mut o,
        "base_url",
        "the variable holding a base URL override",
    );
    o.finish(r, &["token", "base_url"]);
    Some(Environment {
        token: token?.value,
        base_url: base_url?.value,
    })
}

fn auth(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Auth> {
    let mut o = r.object(node, path, "the authentication")?;
    let scheme = o
        .require(r, "scheme", "the authentication scheme")
        .and_then(|(n, p)| r.choice(n, &p, &[("bearer", ())]));
    let description = opt_string(r, &mut o, "description");
    o.finish(r, &["scheme", "description"]);
    scheme.map(|()| Auth { description })
}

fn header(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Header> {
    let mut o = r.object(node, path, "a header")?;
    let name = req_string(r, &mut o, "name", "the header's name");
    let value = req_string(r, &mut o, "value", "the header's value");
    let description = opt_string(r, &mut o, "description");
    o.finish(r, &["name", "value", "description"]);
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

fn envelope(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Envelope> {
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
    o.finish(
        r,
        &[
            "type",
            "result",
            "success",
            "errors",
            "messages",
            "result_info",
        ],
    );
    Some(envelope)
}

fn error_body(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ErrorBody> {
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
    o.finish(r, &["type", "errors", "code", "message"]);
    Some(ErrorBody {
        ty: ty?,
        errors: errors?,
        code,
        message: message?,
    })
}

fn rate_limit(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<RateLimit> {
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
        o.finish(
            r,
            &[
                "style",
                "limit_header",
                "remaining_header",
                "reset_header",
                "reset",
                "description",
            ],
        );
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
        o.finish(r, &["style", "header", "policy_header", "description"]);
        Some(RateLimit::Structured {
            header: header?.value,
            policy_header,
            description,
        })
    }
}

fn pagination_schemes(
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
            loc: crate::diagnostics::Loc {
                file: r.file.clone(),
                pos: member.key_pos,
                path: member_path.clone(),
            },
        };
        if let Some(scheme) = pagination_scheme(r, &member.value, &member_path) {
            schemes.push((name, scheme));
        }
    }
    schemes
}

fn pagination_scheme(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<PaginationScheme> {
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
        let info = req_string(
            r,
            &mut o,
            "info",
            "the envelope field with the paging information",
        );
        let page_field = req_string(
            r,
            &mut o,
            "page_field",
            "the paging information's page number field",
        );
        let per_page_field = opt_spanned(r, &mut o, "per_page_field");
        let total_pages_field = req_string(
            r,
            &mut o,
            "total_pages_field",
            "the paging information's page count field",
        );
        o.finish(
            r,
            &[
                "style",
                "page_param",
                "per_page_param",
                "info",
                "page_field",
                "per_page_field",
                "total_pages_field",
                "description",
            ],
        );
        Some(PaginationScheme::Page {
            page_param: page_param?,
            per_page_param: per_page_param?,
            info: info?,
            page_field: page_field?,
            per_page_field,
            total_pages_field: total_pages_field?,
            description,
        })
    } else {
        let cursor_param = req_string(
            r,
            &mut o,
            "cursor_param",
            "the query parameter with the cursor",
        );
        let cursor_field = req_string(
            r,
            &mut o,
            "cursor_field",
            "the result field with the next cursor",
        );
        o.finish(r, &["style", "cursor_param", "cursor_field", "description"]);
        Some(PaginationScheme::Cursor {
            cursor_param: cursor_param?,
            cursor_field: cursor_field?,
            description,
        })
    }
}

fn types(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Vec<TypeDef> {
    let Some(mut o) = r.object(node, path, "the type definitions") else {
        return Vec::new();
    };
    let mut defs = Vec::new();
    for member in o.rest() {
        let member_path = path.key(&member.key);
        let loc = crate::diagnostics::Loc {
            file: r.file.clone(),
            pos: member.key_pos,
            path: member_path.clone(),
        };
        if !is_type_name(&member.key) {
            r.sink.error(
                &loc,
                format!(
                    "type name \"{}\" is not UpperCamelCase (an uppercase letter, then letters and digits)",
                    member.key
                ),
            );
            continue;
        }
        let name = Spanned {
            value: member.key.clone(),
            loc,
        };
        if let Some(def) = type_def(r, name, &member.value, &member_path) {
            defs.push(def);
        }
    }
    defs
}

const KINDS: [(&str, u8); 5] = [
    ("object", 0),
    ("enum", 1),
    ("union", 2),
    ("tagged_union", 3),
    ("alias", 4),
];

fn type_def(
    r: &mut Reader<'_>,
    name: Spanned<String>,
    node: &Node,
    path: &JsonPath,
) -> Option<TypeDef> {
    let mut o = r.object(node, path, "a type definition")?;
    let kind = o
        .require(r, "kind", "object, enum, union, tagged_union or alias")
        .and_then(|(n, p)| r.choice(n, &p, &KINDS))?;
    let description = opt_string(r, &mut o, "description");
    let source = o.get("source").and_then(|(n, p)| source(r, n, &p));
    let (kind, keys): (Option<TypeKind>, &[&str]) = match kind {
        0 => (
            object_def(r, &mut o).map(TypeKind::Object),
            &["fields", "require_one_of"],
        ),
        1 => (enum_def(r, &mut o).map(TypeKind::Enum), &["values"]),
        2 => (union_def(r, &mut o).map(TypeKind::Union), &["variants"]),
        3 => (
            tagged_union_def(r, &mut o).map(TypeKind::TaggedUnion),
            &["tag", "fallback", "variants"],
        ),
        _ => (
            o.require(r, "type", "the aliased type")
                .and_then(|(n, p)| type_expr(r, n, &p))
                .map(TypeKind::Alias),
            &["type"],
        ),
    };
    let mut allowed = vec!["kind", "description", "source"];
    allowed.extend_from_slice(keys);
    o.finish(r, &allowed);
    Some(TypeDef {
        name,
        description,
        source,
        kind: kind?,
    })
}

fn object_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<ObjectDef> {
    let (fields_node, fields_path) = o.require(r, "fields", "the object's fields")?;
    let require_one_of = o
        .get("require_one_of")
        .map(|(n, p)| r.strings(n, &p))
        .unwrap_or_default();
    let mut fields = Vec::new();
    let mut fo = r.object(fields_node, &fields_path, "the fields")?;
    for member in fo.rest() {
        let member_path = fields_path.key(&member.key);
        let name = Spanned {
            value: member.key.clone(),
            loc: crate::diagnostics::Loc {
                file: r.file.clone(),
                pos: member.key_pos,
                path: member_path.clone(),
            },
        };
        if let Some(field) = field_def(r, name, &member.value, &member_path) {
            fields.push(field);
        }
    }
    Some(ObjectDef {
        fields,
        require_one_of,
    })
}

fn field_def(
    r: &mut Reader<'_>,
    name: Spanned<String>,
    node: &Node,
    path: &JsonPath,
) -> Option<FieldDef> {
    let mut o = r.object(node, path, "a field")?;
    let ty = o
        .require(r, "type", "the field's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let constant = o.get("const").map(|(n, p)| Spanned {
        value: kept_json(r, n, &p).to_json(),
        loc: r.loc(n, &p),
    });
    let field = FieldDef {
        name,
        ty: ty?,
        required: opt_bool(r, &mut o, "required"),
        nullable: opt_bool(r, &mut o, "nullable"),
        read_only: opt_bool(r, &mut o, "read_only"),
        flatten: opt_bool(r, &mut o, "flatten"),
        unique_items: opt_bool(r, &mut o, "unique_items"),
        constant,
        description: opt_string(r, &mut o, "description"),
    };
    o.finish(
        r,
        &[
            "type",
            "required",
            "nullable",
            "read_only",
            "const",
            "flatten",
            "unique_items",
            "description",
        ],
    );
    Some(field)
}

fn enum_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<EnumDef> {
    let (node, path) = o.require(r, "values", "the enum's values")?;
    let values = each(r, node, &path, |r, n, p| match &n.value {
        Value::String(s) => Some(EnumValue {
            value: Spanned {
                value: s.clone(),
                loc: r.loc(n, p),
            },
            description: None,
        }),
        _ => {
            let mut vo = r.object(n, p, "an enum value (a string, or {value, description})")?;
            let value = req_string(r, &mut vo, "value", "the value");
            let description = opt_string(r, &mut vo, "description");
            vo.finish(r, &["value", "description"]);
            Some(EnumValue {
                value: value?,
                description,
            })
        }
    });
    if values.is_empty() {
        r.error(node, &path, "an enum needs at least one value");
    }
    Some(EnumDef { values })
}

fn union_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<UnionDef> {
    let (node, path) = o.require(r, "variants", "the union's variants")?;
    let variants = each(r, node, &path, |r, n, p| {
        let mut vo = r.object(n, p, "a union variant")?;
        let name = vo
            .require(r, "name", "the variant's Rust name")
            .and_then(|(n, p)| r.type_name(n, &p));
        let ty = vo
            .require(r, "type", "the variant's type")
            .and_then(|(n, p)| type_expr(r, n, &p));
        let description = opt_string(r, &mut vo, "description");
        vo.finish(r, &["name", "type", "description"]);
        Some(UnionVariant {
            name: name?,
            ty: ty?,
            description,
        })
    });
    if variants.len() < 2 {
        r.error(node, &path, "a union needs at least two variants");
    }
    Some(UnionDef { variants })
}

fn tagged_union_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<TaggedUnionDef> {
    let tag = req_string(r, o, "tag", "the field that tells the variants apart");
    let fallback = opt_bool(r, o, "fallback");
    let (node, path) = o.require(r, "variants", "the union's variants")?;
    let variants = each(r, node, &path, |r, n, p| {
        let mut vo = r.object(n, p, "a tagged union variant")?;
        let value = req_string(
            r,
            &mut vo,
            "value",
            "the tag value that selects the variant",
        );
        let ty = vo
            .require(r, "type", "the variant's object type")
            .and_then(|(n, p)| r.type_name(n, &p));
        let name = vo.get("name").and_then(|(n, p)| r.type_name(n, &p));
        let description = opt_string(r, &mut vo, "description");
        vo.finish(r, &["value", "type", "name", "description"]);
        Some(TaggedVariant {
            value: value?,
            ty: ty?,
            name,
            description,
        })
    });
    if variants.is_empty() {
        r.error(node, &path, "a tagged union needs at least one variant");
    }
    Some(TaggedUnionDef {
        tag: tag?,
        fallback,
        variants,
    })
}

/// A type expression: a primitive or type name, or `{"array": T}` / `{"map": T}`.
pub fn type_expr(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<TypeExpr> {
    let loc = r.loc(node, path);
    let kind = match &node.value {
        Value::String(name) => match Primitive::ALL.iter().find(|(p, _)| p == name) {
            Some((_, primitive)) => TypeExprKind::Primitive(*primitive),
            None => TypeExprKind::Named(name.clone()),
        },
        Value::Object(members)
            if members.len() == 1 && matches!(members[0].key.as_str(), "array" | "map") =>
        {
            let member = &members[0];
            let inner = Box::new(type_expr(r, &member.value, &path.key(&member.key))?);
            if member.key == "array" {
                TypeExprKind::Array(inner)
            } else {
                TypeExprKind::Map(inner)
            }
        }
        _ => {
            r.error(
                node,
                path,
                format!(
                    "expected a type: a type name such as \"string\" or \"Build\", {{\"array\": <type>}} or {{\"map\": <type>}}; found {}",
                    describe(node)
                ),
            );
            return None;
        }
    };
    Some(TypeExpr { kind, loc })
}

fn operation(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Operation> {
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
    let headers = o
        .get("headers")
        .map(|(n, p)| each(r, n, &p, header))
        .unwrap_or_default();
    let params = |o: &mut ObjectReader<'_>, r: &mut Reader<'_>, place: ParamIn| -> Vec<Param> {
        o.get(place.key())
            .map(|(n, p)| each(r, n, &p, |r, n, p| param(r, n, p, place)))
            .unwrap_or_default()
    };
    let path_params = params(&mut o, r, ParamIn::Path);
    let query_params = params(&mut o, r, ParamIn::Query);
    let header_params = params(&mut o, r, ParamIn::Header);
    let body = o.get("body").and_then(|(n, p)| body(r, n, &p));
    let response = o
        .require(r, "response", "the success status and result type")
        .and_then(|(n, p)| response(r, n, &p));
    let pagination = o
        .get("pagination")
        .and_then(|(n, p)| pagination_ref(r, n, &p));
    let examples = o
        .get("examples")
        .map(|(n, p)| each(r, n, &p, example))
        .unwrap_or_default();
    o.finish(
        r,
        &[
            "id",
            "summary",
            "description",
            "method",
            "path",
            "scopes",
            "headers",
            "path_params",
            "query_params",
            "header_params",
            "body",
            "response",
            "pagination",
            "examples",
        ],
    );
    Some(Operation {
        id: id?,
        summary: summary?.value,
        description,
        method: method?,
        path: path_template?,
        scopes,
        headers,
        path_params,
        query_params,
        header_params,
        body,
        response: response?,
        pagination,
        examples,
        loc,
    })
}

fn param(r: &mut Reader<'_>, node: &Node, path: &JsonPath, place: ParamIn) -> Option<Param> {
    let loc = r.loc(node, path);
    let mut o = r.object(node, path, "a parameter")?;
    let name = req_string(r, &mut o, "name", "the parameter's name");
    let ty = o
        .require(r, "type", "the parameter's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let required = match o.get("required") {
        Some((n, p)) => {
            let required = r.bool(n, &p);
            if place == ParamIn::Path && required == Some(false) {
                r.error(n, &p, "path parameters are always required");
            }
            required.unwrap_or(false)
        }
        None => place == ParamIn::Path,
    };
    let description = opt_string(r, &mut o, "description");
    let example = o.get("example").map(|(n, p)| kept_json(r, n, &p));
    o.finish(r, &["name", "type", "required", "description", "example"]);
    Some(Param {
        name: name?,
        ty: ty?,
        required,
        description,
        example,
        loc,
    })
}

fn body(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Body> {
    let mut o = r.object(node, path, "a request body")?;
    let ty = o
        .require(r, "type", "the body's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let variant = opt_spanned(r, &mut o, "variant");
    let description = opt_string(r, &mut o, "description");
    o.finish(r, &["type", "variant", "description"]);
    Some(Body {
        ty: ty?,
        variant,
        description,
    })
}

fn response(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ResponseDef> {
    let mut o = r.object(node, path, "a response")?;
    let status = o
        .require(r, "status", "the success status")
        .and_then(|(n, p)| r.u16(n, &p, 200..=299));
    let ty = o
        .require(r, "type", "the result's type")
        .and_then(|(n, p)| type_expr(r, n, &p));
    let variant = opt_spanned(r, &mut o, "variant");
    let description = opt_string(r, &mut o, "description");
    o.finish(r, &["status", "type", "variant", "description"]);
    Some(ResponseDef {
        status: status?,
        ty: ty?,
        variant,
        description,
    })
}

fn pagination_ref(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<PaginationRef> {
    let mut o = r.object(node, path, "the operation's pagination")?;
    let scheme = req_string(r, &mut o, "scheme", "a pagination scheme of the service");
    let items = opt_spanned(r, &mut o, "items");
    o.finish(r, &["scheme", "items"]);
    Some(PaginationRef {
        scheme: scheme?,
        items,
    })
}

fn example(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Example> {
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
    o.finish(r, &["name", "note", "request", "response"]);
    Some(Example {
        name,
        note,
        request: request?,
        response: response?,
        loc,
    })
}

fn example_request(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ExampleRequest> {
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
    o.finish(r, &["path", "query", "headers", "body"]);
    Some(ExampleRequest {
        path: path_values,
        query,
        headers,
        body,
    })
}

fn example_response(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<ExampleResponse> {
    let mut o = r.object(node, path, "an example response")?;
    let status = o
        .require(r, "status", "the HTTP status")
        .and_then(|(n, p)| r.u16(n, &p, 100..=599));
    let headers = o
        .get("headers")
        .map(|found| header_values(r, found))
        .unwrap_or_default();
    let body = o.get("body").map(|(n, p)| kept_json(r, n, &p));
    o.finish(r, &["status", "headers", "body"]);
    Some(ExampleResponse {
        status: status?,
        headers,
        body,
    })
}

/// An object of parameter values, keeping each value's JSON.
fn named_values(r: &mut Reader<'_>, (node, path): Found<'_>) -> Vec<(Spanned<String>, Node)> {
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

/// A JSON value the spec keeps as written; duplicate keys would make its meaning unclear.
fn kept_json(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Node {
    r.check_duplicates_deep(node, path);
    node.clone()
}

fn header_values(r: &mut Reader<'_>, found: Found<'_>) -> Vec<(Spanned<String>, String)> {
    named_values(r, found)
        .into_iter()
        .filter_map(|(name, node)| {
            let value = r.string(&node, &name.loc.path)?;
            Some((name, value.value))
        })
        .collect()
}
