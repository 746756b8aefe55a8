//! Checks of the service definition and of operations: path templates, parameters,
//! bodies, responses and pagination.

use std::collections::BTreeMap;

use super::types::{check_expr, check_idents};
use super::{Index, Resolved, at};
use crate::diagnostics::{Loc, Sink};
use crate::naming::{self, generated};
use crate::spec::*;

pub(super) fn check(index: &Index<'_>, sink: &mut Sink) {
    if let Some(definition) = index.service.definition() {
        check_definition(index, definition, sink);
    }
    let mut ids: BTreeMap<(String, String), &Spanned<String>> = BTreeMap::new();
    for (file, op) in index.service.operations() {
        let resource = file
            .resource
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default();
        if let Some(first) = ids.get(&(resource.clone(), op.id.value.clone())) {
            sink.error(
                &op.id.loc,
                format!(
                    "duplicate operation id \"{}\" in resource \"{resource}\" (first at {})",
                    op.id.value,
                    at(&first.loc)
                ),
            );
        } else {
            ids.insert((resource.clone(), op.id.value.clone()), &op.id);
        }
        check_builder_name(index, &resource, op, sink);
        check_operation(index, op, sink);
    }
}

/// The operation's request builder lives in its resource's module with the resource's types.
fn check_builder_name(index: &Index<'_>, resource: &str, op: &Operation, sink: &mut Sink) {
    let builder = generated::builder(&op.id);
    for (file, def) in index.service.types() {
        if def.name.value == builder && file.resource.as_ref().is_some_and(|r| r.value == resource)
        {
            sink.error(
                &op.id.loc,
                format!(
                    "operation \"{}\" gets the request builder `{builder}`, which is also a type of its resource at {}",
                    op.id.value,
                    at(&def.name.loc)
                ),
            );
        }
    }
}

fn check_definition(index: &Index<'_>, definition: &Definition, sink: &mut Sink) {
    check_idents(
        definition
            .base_urls
            .iter()
            .map(|b| (&b.name, naming::screaming(&b.name))),
        "base URL name",
        sink,
    );
    let defaults: Vec<&BaseUrl> = definition.base_urls.iter().filter(|b| b.default).collect();
    if defaults.len() != 1 {
        sink.error(
            &definition.loc,
            format!(
                "exactly one base URL needs \"default\": true; {} do",
                defaults.len()
            ),
        );
    }
    for base in &definition.base_urls {
        match url_variables(&base.url) {
            Err(message) => sink.error(&base.url.loc, message),
            Ok(variables) if base.default && !variables.is_empty() => sink.error(
                &base.url.loc,
                "the default base URL cannot have {variables}",
            ),
            Ok(_) => {}
        }
    }
    if let Some(envelope) = &definition.envelope {
        check_envelope(index, envelope, sink);
    }
    check_error_body(index, &definition.error, sink);
    for (name, scheme) in &definition.pagination {
        check_pagination_scheme(index, definition, name, scheme, sink);
    }
}

/// The `{variables}` of a URL template.
pub(crate) fn url_variables(url: &str) -> Result<Vec<String>, String> {
    let mut variables = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("unclosed '{{' in \"{url}\""));
        };
        let name = &rest[open + 1..open + close];
        if !crate::load::reader::is_snake_case(name) {
            return Err(format!(
                "\"{{{name}}}\" in \"{url}\" is not a snake_case variable"
            ));
        }
        variables.push(name.to_owned());
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unmatched '}}' in \"{url}\""));
    }
    Ok(variables)
}

/// The object type `name` and its fields by JSON name, or a diagnostic at `loc`.
fn object_fields<'a>(
    index: &Index<'a>,
    name: &Spanned<String>,
    role: &str,
    sink: &mut Sink,
) -> Option<Vec<&'a FieldDef>> {
    match index.resolve_name(name).map(|d| &d.kind) {
        Some(TypeKind::Object(object)) => Some(index.wire_fields(object)),
        Some(other) => {
            sink.error(
                &name.loc,
                format!(
                    "the {role} type \"{}\" must be an object, not a {}",
                    name.value,
                    other.name()
                ),
            );
            None
        }
        None => {
            sink.error(&name.loc, index.unknown_type_message(name));
            None
        }
    }
}

/// The field `name` among `fields`, reporting its absence.
fn field<'a>(
    fields: &[&'a FieldDef],
    name: &Spanned<String>,
    owner: &str,
    sink: &mut Sink,
) -> Option<&'a FieldDef> {
    let found = fields.iter().find(|f| f.name.value == name.value).copied();
    if found.is_none() {
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        sink.error(
            &name.loc,
            format!(
                "\"{}\" is not a field of {owner}; its fields are {}{}",
                name.value,
                names.join(", "),
                crate::load::reader::suggestion(name, names.iter().copied())
            ),
        );
    }
    found
}

fn expect_kind(
    index: &Index<'_>,
    field: &FieldDef,
    loc: &Loc,
    ok: impl Fn(&Resolved<'_>) -> bool,
    expected: &str,
    sink: &mut Sink,
) {
    let resolved = index.resolve(&field.ty);
    if !matches!(resolved, Resolved::Invalid) && !ok(&resolved) {
        sink.error(
            loc,
            format!(
                "field \"{}\" must be {expected}, but its type is {}",
                field.name.value,
                resolved.json_kind()
            ),
        );
    }
}

fn is_number(r: &Resolved<'_>) -> bool {
    matches!(
        r,
        Resolved::Primitive(Primitive::Number | Primitive::Integer)
    )
}

fn check_envelope(index: &Index<'_>, envelope: &Envelope, sink: &mut Sink) {
    let Some(fields) = object_fields(index, &envelope.ty, "envelope", sink) else {
        return;
    };
    let owner = &envelope.ty.value;
    if let Some(result) = field(&fields, &envelope.result, owner, sink)
        && result.ty.kind != TypeExprKind::Primitive(Primitive::Unknown)
    {
        sink.error(&envelope.result.loc, "the envelope's result field must be declared \"unknown\"; each operation says what it holds");
    }
    if let Some(success) = &envelope.success
        && let Some(f) = field(&fields, success, owner, sink)
    {
        expect_kind(
            index,
            f,
            &success.loc,
            |r| matches!(r, Resolved::Primitive(Primitive::Boolean)),
            "a boolean",
            sink,
        );
        if !f.required || f.nullable {
            sink.error(
                &success.loc,
                format!(
                    "the envelope's success field \"{}\" must be required and not nullable",
                    success.value
                ),
            );
        }
    }
    if let Some(messages) = &envelope.messages
        && let Some(f) = field(&fields, messages, owner, sink)
    {
        expect_kind(
            index,
            f,
            &messages.loc,
            |r| matches!(r, Resolved::Array(_)),
            "an array",
            sink,
        );
    }
    if let Some(errors) = &envelope.errors {
        field(&fields, errors, owner, sink);
    }
    if let Some(info) = &envelope.result_info
        && let Some(f) = field(&fields, info, owner, sink)
    {
        expect_kind(
            index,
            f,
            &info.loc,
            |r| matches!(r, Resolved::Object(..)),
            "an object",
            sink,
        );
    }
}

fn check_error_body(index: &Index<'_>, error: &ErrorBody, sink: &mut Sink) {
    let Some(fields) = object_fields(index, &error.ty, "error body", sink) else {
        return;
    };
    let Some(list) = field(&fields, &error.errors, &error.ty, sink) else {
        return;
    };
    let item = match index.resolve(&list.ty) {
        Resolved::Array(item) => match index.resolve(item) {
            Resolved::Object(def, object) => Some((def, index.wire_fields(object))),
            _ => None,
        },
        _ => None,
    };
    let Some((item_def, item_fields)) = item else {
        sink.error(
            &error.errors.loc,
            format!(
                "field \"{}\" must be an array of objects",
                error.errors.value
            ),
        );
        return;
    };
    if let Some(message) = field(&item_fields, &error.message, &item_def.name, sink) {
        expect_kind(
            index,
            message,
            &error.message.loc,
            |r| matches!(r, Resolved::Primitive(Primitive::String)),
            "a string",
            sink,
        );
    }
    if let Some(code) = &error.code
        && let Some(f) = field(&item_fields, code, &item_def.name, sink)
    {
        expect_kind(
            index,
            f,
            &code.loc,
            is_number,
            "a number or an integer",
            sink,
        );
    }
}

fn check_pagination_scheme(
    index: &Index<'_>,
    definition: &Definition,
    name: &Spanned<String>,
    scheme: &PaginationScheme,
    sink: &mut Sink,
) {
    let PaginationScheme::Page {
        info,
        page_field,
        per_page_field,
        total_pages_field,
        ..
    } = scheme
    else {
        return;
    };
    let Some(envelope) = &definition.envelope else {
        sink.error(&name.loc, "page-numbered pagination reads the envelope's result_info, but the service has no envelope");
        return;
    };
    if envelope.result_info.as_ref().map(|r| r.as_str()) != Some(info.as_str()) {
        sink.error(
            &info.loc,
            format!("\"{}\" is not the envelope's result_info field", info.value),
        );
        return;
    }
    let Some(envelope_fields) = object_fields(index, &envelope.ty, "envelope", sink) else {
        return;
    };
    let Some(info_field) = field(&envelope_fields, info, &envelope.ty, sink) else {
        return;
    };
    let Resolved::Object(info_def, info_object) = index.resolve(&info_field.ty) else {
        return;
    };
    let info_fields = index.wire_fields(info_object);
    for wanted in [
        Some(page_field),
        per_page_field.as_ref(),
        Some(total_pages_field),
    ]
    .into_iter()
    .flatten()
    {
        if let Some(f) = field(&info_fields, wanted, &info_def.name, sink) {
            expect_kind(
                index,
                f,
                &wanted.loc,
                is_number,
                "a number or an integer",
                sink,
            );
        }
    }
}

fn check_operation(index: &Index<'_>, op: &Operation, sink: &mut Sink) {
    check_path_template(op, sink);
    let all_params = || {
        op.path_params
            .iter()
            .chain(&op.query_params)
            .chain(&op.header_params)
    };
    check_idents(
        all_params().map(|p| (&p.name, naming::snake_ident(&p.name))),
        "parameter",
        sink,
    );
    for param in all_params() {
        check_expr(index, &param.ty, sink);
        let ident = naming::snake_ident(&param.name);
        if generated::BUILDER_MEMBERS.contains(&naming::unraw(&ident)) {
            sink.error(
                &param.name.loc,
                format!(
                    "parameter \"{}\" clashes with the request builder's own `{ident}`",
                    param.name.value
                ),
            );
        }
        match index.resolve(&param.ty) {
            Resolved::Primitive(
                Primitive::String | Primitive::Integer | Primitive::Number | Primitive::Boolean,
            )
            | Resolved::Enum(..)
            | Resolved::Invalid => {}
            other => sink.error(
                &param.ty.loc,
                format!(
                    "a parameter is a string, integer, number, boolean or enum, not {}",
                    other.json_kind()
                ),
            ),
        }
    }
    for header in &op.headers {
        if op
            .header_params
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(&header.name))
        {
            sink.error(
                &header.name.loc,
                format!(
                    "header \"{}\" is both fixed and a parameter",
                    header.name.value
                ),
            );
        }
    }
    if let Some(body) = &op.body {
        check_expr(index, &body.ty, sink);
        check_variant(index, &body.ty, body.variant.as_ref(), sink);
    }
    check_expr(index, &op.response.ty, sink);
    check_variant(index, &op.response.ty, op.response.variant.as_ref(), sink);
    if let Some(pagination) = &op.pagination {
        check_pagination(index, op, pagination, sink);
    }
}

/// Placeholders are `{name}`, each a path parameter, and every path parameter is used.
fn check_path_template(op: &Operation, sink: &mut Sink) {
    let placeholders = match url_variables(&op.path) {
        Ok(names) => names,
        Err(message) => {
            sink.error(&op.path.loc, message);
            return;
        }
    };
    for (i, name) in placeholders.iter().enumerate() {
        if placeholders[..i].contains(name) {
            sink.error(
                &op.path.loc,
                format!("path parameter \"{{{name}}}\" appears twice in the template"),
            );
        } else if !op.path_params.iter().any(|p| p.name.value == *name) {
            sink.error(
                &op.path.loc,
                format!("the path template uses \"{{{name}}}\", which is not in path_params"),
            );
        }
    }
    for param in &op.path_params {
        if !placeholders.contains(&param.name.value) {
            sink.error(
                &param.name.loc,
                format!(
                    "path parameter \"{}\" does not appear in the path template \"{}\"",
                    param.name.value, op.path.value
                ),
            );
        }
    }
}

fn check_variant(
    index: &Index<'_>,
    ty: &TypeExpr,
    variant: Option<&Spanned<String>>,
    sink: &mut Sink,
) {
    let Some(variant) = variant else {
        return;
    };
    match index.resolve(ty) {
        Resolved::TaggedUnion(def, union) => {
            if !union
                .variants
                .iter()
                .any(|v| v.value.value == variant.value)
            {
                let values: Vec<&str> = union.variants.iter().map(|v| v.value.as_str()).collect();
                sink.error(
                    &variant.loc,
                    format!(
                        "\"{}\" is not a variant of {}; its variants are {}",
                        variant.value,
                        def.name.value,
                        values.join(", ")
                    ),
                );
            }
        }
        Resolved::Invalid => {}
        _ => sink.error(
            &variant.loc,
            "\"variant\" applies only to a tagged_union type",
        ),
    }
}

fn check_pagination(
    index: &Index<'_>,
    op: &Operation,
    pagination: &PaginationRef,
    sink: &mut Sink,
) {
    let Some(definition) = index.service.definition() else {
        return;
    };
    let Some((_, scheme)) = definition
        .pagination
        .iter()
        .find(|(n, _)| n.value == pagination.scheme.value)
    else {
        let names: Vec<&str> = definition
            .pagination
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        sink.error(
            &pagination.scheme.loc,
            format!(
                "unknown pagination scheme \"{}\"; the service defines {}",
                pagination.scheme.value,
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        );
        return;
    };
    let query_param = |name: &Spanned<String>, sink: &mut Sink| match op
        .query_params
        .iter()
        .find(|p| p.name.value == name.value)
    {
        Some(p) if p.required => sink.error(
            &p.name.loc,
            format!(
                "the pagination parameter \"{}\" must be optional",
                p.name.value
            ),
        ),
        Some(_) => {}
        None => sink.error(
            &pagination.scheme.loc,
            format!(
                "pagination scheme \"{}\" needs the query parameter \"{}\"",
                pagination.scheme.value, name.value
            ),
        ),
    };
    match scheme {
        PaginationScheme::Page {
            page_param,
            per_page_param,
            ..
        } => {
            query_param(page_param, sink);
            query_param(per_page_param, sink);
            if let Some(items) = &pagination.items {
                sink.error(
                    &items.loc,
                    "\"items\" applies to cursor pagination; a page's items are the result array",
                );
            }
            if !matches!(
                index.resolve(&op.response.ty),
                Resolved::Array(_) | Resolved::Invalid
            ) {
                sink.error(
                    &op.response.ty.loc,
                    "a page-numbered operation's result must be an array",
                );
            }
        }
        PaginationScheme::Cursor {
            cursor_param,
            cursor_field,
            ..
        } => {
            query_param(cursor_param, sink);
            let Resolved::Object(def, object) = index.resolve(&op.response.ty) else {
                sink.error(
                    &op.response.ty.loc,
                    "a cursor-paginated operation's result must be an object",
                );
                return;
            };
            let fields = index.wire_fields(object);
            if let Some(f) = field(&fields, cursor_field, &def.name, sink) {
                expect_kind(
                    index,
                    f,
                    &pagination.scheme.loc,
                    |r| matches!(r, Resolved::Primitive(Primitive::String)),
                    "a string",
                    sink,
                );
            }
            match &pagination.items {
                None => sink.error(
                    &pagination.scheme.loc,
                    "cursor pagination needs \"items\": the result's array field",
                ),
                Some(items) => {
                    if let Some(f) = field(&fields, items, &def.name, sink) {
                        expect_kind(
                            index,
                            f,
                            &items.loc,
                            |r| matches!(r, Resolved::Array(_)),
                            "an array",
                            sink,
                        );
                    }
                }
            }
        }
    }
}
