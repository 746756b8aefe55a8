//! Checks of operations: ids, path templates, parameters, bodies, responses and
//! pagination.

use std::collections::BTreeMap;

use super::definition::{check_definition, check_envelope};
use super::types::{check_expr, check_idents};
use crate::diagnostics::Sink;
use crate::diagnostics::at;
use crate::naming::{self, generated};
use crate::spec::resolve::{Index, Resolved};
use crate::spec::template::url_variables;
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
        if let Some(pagination) = &op.pagination {
            super::pagination::check(index, file, op, pagination, sink);
        }
    }
    for file in &index.service.files {
        let choices =
            std::iter::once(&file.envelope).chain(file.operations.iter().map(|op| &op.envelope));
        for choice in choices {
            if let Some(EnvelopeChoice::Wrapped(envelope)) = choice {
                check_envelope(index, envelope, sink);
            }
        }
    }
    if let Some(envelope) = index.service.definition().and_then(|d| d.envelope.as_ref()) {
        check_envelope(index, envelope, sink);
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

fn check_operation(index: &Index<'_>, op: &Operation, sink: &mut Sink) {
    check_path_template(op, sink);
    if let Some((idempotent, loc)) = &op.idempotent
        && *idempotent == op.method.is_idempotent()
    {
        // Said only where it departs from the method, so that it stands out where it does.
        sink.error(
            loc,
            format!(
                "\"idempotent\": {idempotent} is the default of {}: remove it",
                op.method.as_str()
            ),
        );
    }
    check_idents(
        op.all_params()
            .map(|(_, p)| (&p.name, naming::snake_ident(&p.name))),
        "parameter",
        sink,
    );
    for (location, param) in op.all_params() {
        let in_query = location == ParamLocation::Query;
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
        check_param_type(index, param, in_query, sink);
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
    if let Some(result_type) = &op.response.ty {
        check_expr(index, result_type, sink);
        check_variant(index, result_type, op.response.variant.as_ref(), sink);
    }
}

/// A parameter is a scalar or an enum; a query parameter may also be an array of them,
/// written as its `style` says.
fn check_param_type(index: &Index<'_>, param: &Param, in_query: bool, sink: &mut Sink) {
    let scalar = |resolved: &Resolved<'_>| {
        matches!(
            resolved,
            Resolved::Primitive(
                Primitive::String | Primitive::Integer | Primitive::Number | Primitive::Boolean,
            ) | Resolved::Enum(..)
                | Resolved::Invalid
        )
    };
    let resolved = index.resolve(&param.ty);
    let is_array = match &resolved {
        Resolved::Array(item) if in_query && scalar(&index.resolve(item)) => true,
        other if scalar(other) => false,
        other => {
            let what = if in_query {
                "a query parameter is a string, integer, number, boolean or enum, or an array of them"
            } else {
                "a path or header parameter is a string, integer, number, boolean or enum"
            };
            sink.error(&param.ty.loc, format!("{what}, not {}", other.json_kind()));
            return;
        }
    };
    if let (Some(style), false) = (&param.style, is_array) {
        sink.error(
            &style.loc,
            "\"style\" says how an array query parameter is written; this parameter is not one",
        );
    }
    super::types::check_value_rules(
        index,
        &format!("parameter \"{}\"", param.name.value),
        &param.ty,
        param.format.as_ref(),
        &param.bounds,
        sink,
    );
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

#[cfg(test)]
mod tests {
    use crate::test_support::{items_file, load};

    /// The validator's messages for a file of operations, without file and position.
    fn mistakes(operations: &str) -> Vec<String> {
        let spec = load(&items_file("{}", operations)).unwrap_or_else(|e| panic!("{e}"));
        match super::super::validate(&spec) {
            Ok(()) => Vec::new(),
            Err(diagnostics) => diagnostics.iter().map(|d| d.message.clone()).collect(),
        }
    }

    const LIST: &str = r#"[{ "id": "list", "summary": "List", "method": "GET", "path": "/items",
        "query_params": [{ "name": "page", "type": "integer" }],
        "response": { "status": 200, "type": { "array": "string" } },
        "pagination": { "scheme": "pages" } }]"#;

    #[test]
    fn an_unknown_pagination_scheme_names_the_ones_there_are() {
        assert_eq!(
            mistakes(LIST),
            ["unknown pagination scheme \"pages\"; the service defines none"]
        );
    }

    #[test]
    fn a_path_placeholder_needs_its_parameter_and_back() {
        let operations = r#"[{ "id": "get", "summary": "Get", "method": "GET", "path": "/items/{id}",
            "path_params": [{ "name": "item_id", "type": "string" }],
            "response": { "status": 200, "type": "string" } }]"#;
        let found = mistakes(operations);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|m| m.contains("\"{id}\"")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("\"item_id\"")), "{found:?}");
    }
}
