//! Checks of type definitions: references, aliases, enums, objects and unions.

use std::collections::BTreeMap;

use crate::diagnostics::at;
use crate::diagnostics::{Loc, Sink};
use crate::naming::{self, generated};
use crate::spec::resolve::{Index, Resolved};
use crate::spec::*;

pub(super) fn check(index: &Index<'_>, sink: &mut Sink) {
    let reserved = reserved_names(index.service);
    for (_, def) in index.service.types() {
        if let Some(what) = reserved.get(def.name.as_str()) {
            sink.error(
                &def.name.loc,
                format!(
                    "type name \"{}\" is taken by the generated {what}; rename the type",
                    def.name.value
                ),
            );
        }
        if naming::type_ident(&def.name) != def.name.value {
            sink.error(
                &def.name.loc,
                format!("type name \"{}\" is a Rust keyword", def.name.value),
            );
        }
        match &def.kind {
            TypeKind::Object(object) => check_object(index, def, object, sink),
            TypeKind::Enum(e) => check_enum(e, sink),
            TypeKind::Union(u) => check_union(index, u, sink),
            TypeKind::TaggedUnion(t) => check_tagged_union(index, t, sink),
            TypeKind::Alias(target) => {
                check_expr(index, target, sink);
                if alias_cycle(index, def) {
                    sink.error(
                        &def.name.loc,
                        format!(
                            "alias \"{}\" refers to itself through other aliases",
                            def.name.value
                        ),
                    );
                }
            }
        }
    }
}

/// Whether following `def`'s alias chain comes back to `def`.
fn alias_cycle(index: &Index<'_>, def: &TypeDef) -> bool {
    let mut current = def;
    for _ in 0..=index.types.len() {
        let TypeKind::Alias(TypeExpr {
            kind: TypeExprKind::Named(target),
            ..
        }) = &current.kind
        else {
            return false;
        };
        if *target == def.name.value {
            return true;
        }
        match index.types.get(target.as_str()) {
            Some(next) => current = next,
            None => return false,
        }
    }
    false
}

/// Names the generated service module and resource modules use for their own items.
fn reserved_names(service: &ServiceSpec) -> BTreeMap<String, &'static str> {
    let mut reserved = BTreeMap::new();
    reserved.insert(generated::service_type(&service.name), "service type");
    reserved.insert(generated::client_type(&service.name), "client type");
    reserved.insert(
        generated::RESPONSE_META.to_owned(),
        "response metadata type",
    );
    for file in &service.files {
        if let Some(resource) = &file.resource {
            reserved.insert(generated::resource_api(resource), "resource accessor type");
        }
        for def in &file.types {
            if matches!(def.kind, TypeKind::Object(_)) {
                reserved.insert(
                    generated::required_fields(&def.name),
                    "type of another type's required fields",
                );
            }
        }
    }
    reserved
}

/// Reports a reference to an undefined type anywhere inside `expr`.
pub(super) fn check_expr(index: &Index<'_>, expr: &TypeExpr, sink: &mut Sink) {
    match &expr.kind {
        TypeExprKind::Primitive(_) => {}
        TypeExprKind::Array(inner) | TypeExprKind::Map(inner) => check_expr(index, inner, sink),
        TypeExprKind::Named(name) => {
            if !index.types.contains_key(name.as_str()) {
                sink.error(&expr.loc, index.unknown_type_message(name));
            }
        }
    }
}

/// Reports two names that become the same Rust identifier, or none at all.
pub(super) fn check_idents<'s>(
    names: impl IntoIterator<Item = (&'s Spanned<String>, String)>,
    what: &str,
    sink: &mut Sink,
) {
    let mut seen: BTreeMap<String, &Spanned<String>> = BTreeMap::new();
    for (name, ident) in names {
        if ident.is_empty() {
            sink.error(
                &name.loc,
                format!(
                    "{what} \"{}\" has no letters or digits to make a Rust name of",
                    name.value
                ),
            );
            continue;
        }
        if let Some(first) = seen.get(&ident) {
            if first.value == name.value {
                sink.error(
                    &name.loc,
                    format!(
                        "duplicate {what} \"{}\" (first at {})",
                        name.value,
                        at(&first.loc)
                    ),
                );
            } else {
                sink.error(
                    &name.loc,
                    format!(
                        "{what} \"{}\" and \"{}\" (at {}) both become the Rust identifier `{ident}`",
                        name.value,
                        first.value,
                        at(&first.loc)
                    ),
                );
            }
        } else {
            seen.insert(ident, name);
        }
    }
}

fn check_enum(e: &EnumDef, sink: &mut Sink) {
    check_idents(
        e.values
            .iter()
            .map(|v| (&v.value, naming::variant_ident(&v.value))),
        "enum value",
        sink,
    );
}

fn check_object(index: &Index<'_>, def: &TypeDef, object: &ObjectDef, sink: &mut Sink) {
    check_idents(
        object
            .fields
            .iter()
            .map(|f| (&f.name, naming::snake_ident(&f.name))),
        "field",
        sink,
    );
    for field in &object.fields {
        check_expr(index, &field.ty, sink);
        if field.flatten {
            check_flatten(index, def, field, sink);
        }
        if let Some(constant) = &field.constant {
            check_const(index, field, constant, sink);
        }
        check_value_rules(
            index,
            &format!("field \"{}\"", field.name.value),
            &field.ty,
            field.format.as_ref(),
            &field.bounds,
            sink,
        );
        if let Some(secret) = &field.secret {
            check_secret(index, field, secret, sink);
        }
        if field.unique_items && !matches!(field.ty.kind, TypeExprKind::Array(_)) {
            sink.error(
                &field.name.loc,
                format!(
                    "field \"{}\" has unique_items but is not an array",
                    field.name.value
                ),
            );
        }
    }
    // Fields as they appear on the wire, flattened ones included, must not repeat.
    let wire: Vec<&Spanned<String>> = index
        .wire_fields(object)
        .into_iter()
        .map(|f| &f.name)
        .collect();
    for (i, name) in wire.iter().enumerate() {
        if let Some(first) = wire[..i].iter().find(|n| n.value == name.value)
            && (first.loc.file != name.loc.file || first.loc.pos != name.loc.pos)
        {
            sink.error(
                    &def.name.loc,
                    format!(
                        "field \"{}\" appears twice on the wire: at {} and, through a flattened field, at {}",
                        name.value,
                        at(&first.loc),
                        at(&name.loc)
                    ),
                );
        }
    }
    check_require_one_of(def, object, sink);
}

fn check_flatten(index: &Index<'_>, def: &TypeDef, field: &FieldDef, sink: &mut Sink) {
    match index.resolve(&field.ty) {
        Resolved::Object(inner, _) => {
            if inner.name.value == def.name.value {
                sink.error(&field.name.loc, "an object cannot flatten itself");
            }
        }
        Resolved::Invalid => {}
        other => sink.error(
            &field.ty.loc,
            format!(
                "a flattened field's type must be an object type, not {}",
                other.json_kind()
            ),
        ),
    }
    if field.required || field.nullable || field.read_only || field.constant.is_some() {
        sink.error(
            &field.name.loc,
            "a flattened field stands for its type's fields; put required, nullable, read_only and const on those",
        );
    }
}

/// A secret is text or bytes: the generated `Debug` writes `<secret>` for the whole
/// value, which says nothing useful of a number, and an object's secrets are its own
/// fields to mark.
fn check_secret(index: &Index<'_>, field: &FieldDef, secret: &Loc, sink: &mut Sink) {
    fn holds_text(index: &Index<'_>, ty: &TypeExpr, depth: usize) -> bool {
        match index.resolve(ty) {
            Resolved::Primitive(Primitive::String | Primitive::Bytes) | Resolved::Invalid => true,
            Resolved::Array(item) => depth < 8 && holds_text(index, item, depth + 1),
            _ => false,
        }
    }
    if !holds_text(index, &field.ty, 0) {
        let kind = match index.resolve(&field.ty) {
            Resolved::Enum(..) => "an enum",
            other => other.json_kind(),
        };
        sink.error(
            secret,
            format!(
                "field \"{}\" is secret, which applies to a string or bytes (or an array of them); its type is {}",
                field.name.value, kind
            ),
        );
    }
    if let Some(format) = field.format.as_ref().filter(|f| f.value.is_typed()) {
        sink.error(
            secret,
            format!(
                "field \"{}\" is secret and has the format {}: the client reads that into a typed value, whose errors quote the text; leave out one or the other",
                field.name.value,
                format.value.name()
            ),
        );
    }
}

fn check_const(
    index: &Index<'_>,
    field: &FieldDef,
    constant: &Spanned<serde_json::Value>,
    sink: &mut Sink,
) {
    let fits = match (index.resolve(&field.ty), &constant.value) {
        (Resolved::Primitive(Primitive::String), serde_json::Value::String(_))
        | (Resolved::Primitive(Primitive::Boolean), serde_json::Value::Bool(_))
        | (Resolved::Primitive(Primitive::Number), serde_json::Value::Number(_)) => true,
        (Resolved::Primitive(Primitive::Integer), serde_json::Value::Number(n)) => {
            n.is_i64() || n.is_u64()
        }
        (Resolved::Invalid, _) => true,
        _ => false,
    };
    if !fits {
        sink.error(
            &constant.loc,
            format!(
                "const {} does not fit the field's type; const fields are strings, integers, numbers or booleans",
                constant.value
            ),
        );
    }
}

fn check_require_one_of(def: &TypeDef, object: &ObjectDef, sink: &mut Sink) {
    if object.require_one_of.is_empty() {
        return;
    }
    if object.require_one_of.len() < 2 {
        sink.error(&def.name.loc, "require_one_of names at least two fields");
    }
    for name in &object.require_one_of {
        match object.fields.iter().find(|f| f.name.value == name.value) {
            None => sink.error(
                &name.loc,
                format!(
                    "require_one_of names \"{}\", which is not a field of {}",
                    name.value, def.name.value
                ),
            ),
            Some(field) if field.required || field.flatten => sink.error(
                &name.loc,
                format!(
                    "require_one_of names \"{}\", which must be an optional field",
                    name.value
                ),
            ),
            Some(_) => {}
        }
    }
}

fn check_union(index: &Index<'_>, union: &UnionDef, sink: &mut Sink) {
    check_idents(
        union
            .variants
            .iter()
            .map(|v| (&v.name, naming::type_ident(&v.name))),
        "union variant",
        sink,
    );
    let mut kinds: Vec<(&'static str, &Loc)> = Vec::new();
    let mut objects: Vec<(&UnionVariant, Vec<&FieldDef>)> = Vec::new();
    for variant in &union.variants {
        check_expr(index, &variant.ty, sink);
        let resolved = index.resolve(&variant.ty);
        // A variant of any value takes what the earlier ones do not: it can only be last.
        if let (Some((_, any)), false) = (
            kinds.iter().find(|(k, _)| *k == "any value"),
            matches!(resolved, Resolved::Invalid),
        ) {
            sink.error(
                &variant.ty.loc,
                format!(
                    "the variant of any value at {} takes every value this one would: put it last",
                    at(any)
                ),
            );
            continue;
        }
        let kind = match resolved {
            Resolved::Invalid => continue,
            // Objects are told apart by their required fields, below.
            Resolved::Object(_, object) => {
                objects.push((variant, index.wire_fields(object)));
                continue;
            }
            // Integers and numbers are both JSON numbers: the first would take both.
            Resolved::Primitive(Primitive::Integer) => "a number",
            Resolved::Primitive(Primitive::Unknown) | Resolved::Union(..) => "any value",
            other => other.json_kind(),
        };
        if let Some((_, first)) = kinds.iter().find(|(k, _)| *k == kind) {
            sink.error(
                &variant.ty.loc,
                format!(
                    "union variants are told apart by their JSON kind, and this one is {kind} like the variant at {}",
                    at(first)
                ),
            );
        }
        kinds.push((kind, &variant.ty.loc));
    }
    if let (Some((_, first)), false) = (
        kinds.iter().find(|(k, _)| *k == "an object"),
        objects.is_empty(),
    ) {
        sink.error(
            &objects[0].0.ty.loc,
            format!(
                "this object variant cannot be told apart from the variant at {}",
                at(first)
            ),
        );
    }
    check_object_variants(&objects, sink);
}

/// Object variants are tried in order and told apart by the fields they require: each must
/// require a field that every later one lacks, or it would take the later ones' values.
fn check_object_variants(objects: &[(&UnionVariant, Vec<&FieldDef>)], sink: &mut Sink) {
    for (i, (earlier, earlier_fields)) in objects.iter().enumerate() {
        for (later, later_fields) in &objects[i + 1..] {
            let tells_apart = earlier_fields
                .iter()
                .any(|f| f.required && !later_fields.iter().any(|g| g.name.value == f.name.value));
            if !tells_apart {
                sink.error(
                    &later.ty.loc,
                    format!(
                        "object variants are told apart by their required fields, and \"{}\" (at {}) requires none that \"{}\" lacks: it would take \"{}\"'s values; put the variant that requires more first",
                        earlier.name.value,
                        at(&earlier.ty.loc),
                        later.name.value,
                        later.name.value
                    ),
                );
            }
        }
    }
}

fn check_tagged_union(index: &Index<'_>, union: &TaggedUnionDef, sink: &mut Sink) {
    for (i, variant) in union.variants.iter().enumerate() {
        if let Some(first) = union.variants[..i]
            .iter()
            .find(|v| v.value.value == variant.value.value)
        {
            sink.error(
                &variant.value.loc,
                format!(
                    "tag value \"{}\" is also the variant at {}; each variant needs its own",
                    variant.value.value,
                    at(&first.value.loc)
                ),
            );
        }
    }
    check_idents(
        union.variants.iter().map(|v| (&v.value, v.ident())),
        "tagged union variant",
        sink,
    );
    for variant in &union.variants {
        if variant.name.is_none()
            && naming::variant_ident(&variant.value) == naming::UNKNOWN_VARIANT
            || variant
                .name
                .as_ref()
                .is_some_and(|n| n.value == naming::UNKNOWN_VARIANT)
        {
            sink.error(
                &variant.value.loc,
                format!(
                    "variant name `{}` is kept for values the client does not know",
                    naming::UNKNOWN_VARIANT
                ),
            );
        }
        let Some(def) = index.types.get(variant.ty.as_str()) else {
            sink.error(&variant.ty.loc, index.unknown_type_message(&variant.ty));
            continue;
        };
        let Resolved::Object(_, object) =
            index
                .resolve_name(&variant.ty)
                .map_or(Resolved::Invalid, |d| match &d.kind {
                    TypeKind::Object(o) => Resolved::Object(d, o),
                    _ => Resolved::Invalid,
                })
        else {
            sink.error(
                &variant.ty.loc,
                format!(
                    "a tagged union variant must be an object type; \"{}\" is a {}",
                    def.name.value,
                    def.kind.name()
                ),
            );
            continue;
        };
        for field in index.wire_fields(object) {
            if field.name.value != union.tag.value {
                continue;
            }
            match &field.constant {
                Some(c) if c.value == serde_json::Value::String(variant.value.value.clone()) => {}
                _ => sink.error(
                    &field.name.loc,
                    format!(
                        "the tag field \"{}\" of a variant must be a const equal to its tag value \"{}\"",
                        union.tag.value, variant.value.value
                    ),
                ),
            }
        }
    }
}

/// A field's or parameter's format applies to a string, and each bound to the kind of
/// value it limits (a length to a string, a minimum to a number, an item count to an
/// array); a lower bound is not above its upper one.
pub(super) fn check_value_rules(
    index: &Index<'_>,
    subject: &str,
    ty: &TypeExpr,
    format: Option<&Spanned<StringFormat>>,
    bounds: &[Bound],
    sink: &mut Sink,
) {
    if let Some(format) = format
        && ty.kind != TypeExprKind::Primitive(Primitive::String)
    {
        sink.error(
            &format.loc,
            format!(
                "{subject} has the format {}, which applies to strings; its type is not \"string\"",
                format.value.name()
            ),
        );
    }
    let resolved = index.resolve(ty);
    for bound in bounds {
        let fits = match bound.kind {
            BoundKind::MinLength | BoundKind::MaxLength => matches!(
                resolved,
                Resolved::Primitive(Primitive::String) | Resolved::Invalid
            ),
            BoundKind::Minimum | BoundKind::Maximum => {
                super::definition::is_number(&resolved) || matches!(resolved, Resolved::Invalid)
            }
            BoundKind::MinItems | BoundKind::MaxItems => {
                matches!(resolved, Resolved::Array(_) | Resolved::Invalid)
            }
        };
        if !fits {
            sink.error(
                &bound.loc,
                format!(
                    "{subject} has {}, which applies to {}; its type is {}",
                    bound.kind.name(),
                    bound.kind.applies_to(),
                    resolved.json_kind()
                ),
            );
        }
    }
    let value = |kind: BoundKind| {
        bounds
            .iter()
            .find(|b| b.kind == kind)
            .and_then(|b| Some((b.value.as_f64()?, b)))
    };
    for (low, high) in [
        (BoundKind::MinLength, BoundKind::MaxLength),
        (BoundKind::Minimum, BoundKind::Maximum),
        (BoundKind::MinItems, BoundKind::MaxItems),
    ] {
        if let (Some((low_value, _)), Some((high_value, high_bound))) = (value(low), value(high))
            && low_value > high_value
        {
            sink.error(
                &high_bound.loc,
                format!(
                    "{subject} has {} {high_value} below its {} {low_value}",
                    high.name(),
                    low.name()
                ),
            );
        }
    }
}
