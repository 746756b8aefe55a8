//! Type definitions and type expressions.

use crate::diagnostics::JsonPath;
use crate::json::describe;
use crate::json::{Node, Value};
use crate::load::reader::{ObjectReader, Reader};
use crate::naming::is_type_name;
use crate::spec::*;

use super::{each, kept_json, opt_bool, opt_string, page_differs, req_string, source, value_rules};

pub(super) fn types(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Vec<TypeDef> {
    let Some(mut o) = r.object(node, path, "the type definitions") else {
        return Vec::new();
    };
    let mut defs = Vec::new();
    for member in o.rest() {
        let member_path = path.key(&member.key);
        let loc = member.key_loc(&r.file, member_path.clone());
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

pub(super) const KINDS: [(&str, u8); 5] = [
    ("object", 0),
    ("enum", 1),
    ("union", 2),
    ("tagged_union", 3),
    ("alias", 4),
];

pub(super) fn type_def(
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
    let page_name = o.get("page_name").and_then(|(n, p)| r.string(n, &p));
    let kind = match kind {
        0 => object_def(r, &mut o).map(TypeKind::Object),
        1 => enum_def(r, &mut o).map(TypeKind::Enum),
        2 => union_def(r, &mut o).map(TypeKind::Union),
        3 => tagged_union_def(r, &mut o).map(TypeKind::TaggedUnion),
        _ => o
            .require(r, "type", "the aliased type")
            .and_then(|(n, p)| type_expr(r, n, &p))
            .map(TypeKind::Alias),
    };
    let page_differs = page_differs(r, &mut o);
    let note = opt_string(r, &mut o, "note");
    o.finish(r);
    Some(TypeDef {
        name,
        description,
        source,
        page_name,
        kind: kind?,
        page_differs,
        note,
    })
}

pub(super) fn object_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<ObjectDef> {
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
            loc: member.key_loc(&r.file, member_path.clone()),
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

pub(super) fn field_def(
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
    let (format, bounds, deprecated) = value_rules(r, &mut o);
    let field = FieldDef {
        name,
        ty: ty?,
        required: opt_bool(r, &mut o, "required"),
        nullable: opt_bool(r, &mut o, "nullable"),
        read_only: opt_bool(r, &mut o, "read_only"),
        flatten: opt_bool(r, &mut o, "flatten"),
        unique_items: opt_bool(r, &mut o, "unique_items"),
        constant,
        format,
        bounds,
        deprecated,
        description: opt_string(r, &mut o, "description"),
        page_differs: page_differs(r, &mut o),
    };
    o.finish(r);
    Some(field)
}

pub(super) fn enum_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<EnumDef> {
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
            vo.finish(r);
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

pub(super) fn union_def(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> Option<UnionDef> {
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
        vo.finish(r);
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

pub(super) fn tagged_union_def(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
) -> Option<TaggedUnionDef> {
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
        vo.finish(r);
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
        Value::String(name) => match name.parse::<Primitive>() {
            Ok(primitive) => TypeExprKind::Primitive(primitive),
            Err(_) => TypeExprKind::Named(name.clone()),
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
