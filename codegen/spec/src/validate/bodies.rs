//! Checks of how bodies go on the wire: a multipart body is an object whose fields are
//! its parts, a raw body is text or bytes, a raw answer is bytes, and the types only they
//! use (`file`, `bytes`) appear nowhere else.

use std::collections::BTreeSet;

use crate::diagnostics::Sink;
use crate::spec::resolve::{Index, Resolved};
use crate::spec::*;

pub(super) fn check(index: &Index<'_>, sink: &mut Sink) {
    let mut multipart_types = BTreeSet::new();
    for (_, op) in index.service.operations() {
        let Some(body) = &op.body else {
            continue;
        };
        match &body.content_type {
            BodyEncoding::Json => no_transfer_type(&body.ty, "a JSON body", sink),
            BodyEncoding::Multipart(loc) => match index.resolve(&body.ty) {
                Resolved::Object(def, _) => {
                    multipart_types.insert(def.name.value.as_str());
                }
                Resolved::Invalid => {}
                other => sink.error(
                    loc,
                    format!(
                        "a multipart/form-data body is an object type whose fields are its parts, not {}",
                        other.json_kind()
                    ),
                ),
            },
            BodyEncoding::Raw(content_type) => match index.resolve(&body.ty) {
                Resolved::Primitive(Primitive::String | Primitive::Bytes) | Resolved::Invalid => {}
                other => sink.error(
                    &content_type.loc,
                    format!(
                        "a body sent as {} is \"string\" (text) or \"bytes\", not {}; a JSON body leaves content_type out",
                        content_type.value,
                        other.json_kind()
                    ),
                ),
            },
        }
        if body.variant.is_some() && !matches!(body.content_type, BodyEncoding::Json) {
            sink.error(
                &body.ty.loc,
                "\"variant\" applies to a JSON body of a tagged_union type",
            );
        }
    }
    for (_, op) in index.service.operations() {
        // A whole answer may be raw bytes; nothing inside a result may.
        if let Some(ty) = op.response.ty.as_ref().filter(|_| !op.response.is_raw()) {
            no_transfer_type(ty, "a result", sink);
        }
    }
    for (_, def) in index.service.types() {
        match &def.kind {
            TypeKind::Object(object) => {
                let is_multipart = multipart_types.contains(def.name.as_str());
                for field in &object.fields {
                    if is_multipart && is_part_of_its_own(&field.ty) {
                        continue;
                    }
                    let place = if is_multipart {
                        "a part other than a file or bytes"
                    } else {
                        "a field of a type that is not a multipart/form-data body"
                    };
                    no_transfer_type(&field.ty, place, sink);
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    no_transfer_type(&variant.ty, "a union variant", sink);
                }
            }
            TypeKind::Alias(target) => no_transfer_type(target, "an alias", sink),
            TypeKind::Enum(_) | TypeKind::TaggedUnion(_) => {}
        }
    }
}

/// A part that is not JSON: `file`, an array of `file`s (several files under one part
/// name), or `bytes` (the raw bytes, without a file name).
fn is_part_of_its_own(expr: &TypeExpr) -> bool {
    match &expr.kind {
        TypeExprKind::Primitive(Primitive::File | Primitive::Bytes) => true,
        TypeExprKind::Array(item) => matches!(item.kind, TypeExprKind::Primitive(Primitive::File)),
        _ => false,
    }
}

/// Reports `file` and `bytes` anywhere in `expr`: they exist only as a multipart body's
/// parts, as a raw body and as a raw answer.
fn no_transfer_type(expr: &TypeExpr, place: &str, sink: &mut Sink) {
    match &expr.kind {
        TypeExprKind::Primitive(primitive @ (Primitive::File | Primitive::Bytes)) => {
            sink.error(&expr.loc, message(*primitive, place));
        }
        TypeExprKind::Array(inner) | TypeExprKind::Map(inner) => {
            no_transfer_type(inner, place, sink);
        }
        TypeExprKind::Primitive(_) | TypeExprKind::Named(_) => {}
    }
}

fn message(primitive: Primitive, place: &str) -> String {
    match primitive {
        Primitive::File => format!(
            "\"file\" is a part of a multipart/form-data body (a field of its object type), not {place}"
        ),
        _ => format!(
            "\"bytes\" is a raw request body (with its content_type), a whole raw answer or a multipart/form-data part, not {place}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{items_file, load};

    #[test]
    fn a_raw_answer_comes_in_no_envelope_whatever_its_file_says() {
        let items = r#"{ "$schema": "../schema.json", "service": "svc", "source": { "reference": "test" },
            "resource": "items",
            "envelope": { "type": "Wrapper", "result": "result" },
            "types": { "Wrapper": { "kind": "object", "fields": { "result": { "type": "unknown" } } } },
            "operations": [
              { "id": "read", "summary": "Read", "method": "GET", "path": "/items/raw",
                "response": { "status": 200, "type": "bytes" } },
              { "id": "list", "summary": "List", "method": "GET", "path": "/items",
                "response": { "status": 200, "type": { "array": "string" } } }
            ] }"#;
        let spec = load(items).unwrap_or_else(|e| panic!("{e}"));
        let service = &spec.services[0];
        let envelopes: Vec<(&str, bool)> = service
            .operations()
            .map(|(file, op)| (op.id.as_str(), service.envelope_of(file, op).is_some()))
            .collect();
        assert_eq!(envelopes, [("read", false), ("list", true)]);
    }

    /// The validator's messages for a file of types and operations, without file and
    /// position.
    fn mistakes(types: &str, operations: &str) -> Vec<String> {
        let spec = load(&items_file(types, operations)).unwrap_or_else(|e| panic!("{e}"));
        match super::super::validate(&spec) {
            Ok(()) => Vec::new(),
            Err(diagnostics) => diagnostics.iter().map(|d| d.message.clone()).collect(),
        }
    }

    fn raw_read(example_body: &str) -> String {
        format!(
            r#"[{{ "id": "read", "summary": "Read", "method": "GET", "path": "/items",
                "response": {{ "status": 200, "type": "bytes" }},
                "examples": [{{ "request": {{}}, "response": {{ "status": 200, "body": {example_body} }} }}] }}]"#
        )
    }

    #[test]
    fn a_raw_answer_is_bytes_written_as_text_in_examples() {
        assert_eq!(
            mistakes("{}", &raw_read(r#""any text""#)),
            Vec::<String>::new()
        );
        let found = mistakes("{}", &raw_read(r#"{ "id": "i1" }"#));
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn a_multipart_part_may_be_bytes_and_nothing_else_may_hold_them() {
        let types = r#"{ "Upload": { "kind": "object", "fields": { "value": { "type": "bytes" } } },
            "Listing": { "kind": "object", "fields": { "values": { "type": { "array": "bytes" } } } } }"#;
        let operations = r#"[{ "id": "put", "summary": "Put", "method": "PUT", "path": "/items",
            "body": { "type": "Upload", "content_type": "multipart/form-data" },
            "response": { "status": 200, "type": "Listing" },
            "examples": [{ "request": { "body": { "value": "bytes as text" } }, "response": { "status": 200 } }] }]"#;
        assert_eq!(
            mistakes(types, operations),
            [
                "\"bytes\" is a raw request body (with its content_type), a whole raw answer or a multipart/form-data part, not a field of a type that is not a multipart/form-data body"
            ]
        );
    }
}
