//! Looking up a service's types: references through aliases, and objects' wire fields.

use std::collections::BTreeMap;

use super::*;
use crate::diagnostics::{Sink, at, suggestion};

/// A service's named types, for resolving references.
#[derive(Debug)]
pub struct Index<'a> {
    pub service: &'a ServiceSpec,
    pub types: BTreeMap<&'a str, &'a TypeDef>,
}

/// What a type expression stands for, after aliases.
#[derive(Debug, Clone, Copy)]
pub enum Resolved<'a> {
    Primitive(Primitive),
    Object(&'a TypeDef, &'a ObjectDef),
    Enum(&'a TypeDef, &'a EnumDef),
    Union(&'a TypeDef, &'a UnionDef),
    TaggedUnion(&'a TypeDef, &'a TaggedUnionDef),
    Array(&'a TypeExpr),
    Map(&'a TypeExpr),
    /// An undefined name or an alias cycle; already reported.
    Invalid,
}

impl Resolved<'_> {
    /// The JSON kind of values of this type, as messages name it.
    pub fn json_kind(&self) -> &'static str {
        match self {
            // A raw body's bytes are written as text in examples.
            Resolved::Primitive(Primitive::String | Primitive::Bytes) | Resolved::Enum(..) => {
                "a string"
            }
            // A file part is written `{filename, content_type, content}` in examples.
            Resolved::Primitive(Primitive::File) => "an object",
            Resolved::Primitive(Primitive::Integer) => "an integer",
            Resolved::Primitive(Primitive::Number) => "a number",
            Resolved::Primitive(Primitive::Boolean) => "a boolean",
            Resolved::Primitive(Primitive::Unknown) | Resolved::Union(..) | Resolved::Invalid => {
                "any value"
            }
            Resolved::Object(..) | Resolved::TaggedUnion(..) | Resolved::Map(_) => "an object",
            Resolved::Array(_) => "an array",
        }
    }
}

impl<'a> Index<'a> {
    pub fn new(service: &'a ServiceSpec, sink: &mut Sink) -> Self {
        let mut types: BTreeMap<&str, &TypeDef> = BTreeMap::new();
        for (_, def) in service.types() {
            if let Some(first) = types.get(def.name.as_str()) {
                sink.error(
                    &def.name.loc,
                    format!(
                        "type \"{}\" is defined twice; the first definition is at {}",
                        def.name.value,
                        at(&first.name.loc)
                    ),
                );
            } else {
                types.insert(&def.name.value, def);
            }
        }
        Self { service, types }
    }

    /// Resolves an expression through aliases. Undefined names are reported by
    /// `types::check_references`, so this only returns `Invalid` for them.
    pub fn resolve(&self, expr: &'a TypeExpr) -> Resolved<'a> {
        let mut expr = expr;
        // An alias chain longer than the number of types is a cycle.
        for _ in 0..=self.types.len() {
            match &expr.kind {
                TypeExprKind::Primitive(p) => return Resolved::Primitive(*p),
                TypeExprKind::Array(inner) => return Resolved::Array(inner),
                TypeExprKind::Map(inner) => return Resolved::Map(inner),
                TypeExprKind::Named(name) => match self.types.get(name.as_str()) {
                    None => return Resolved::Invalid,
                    Some(def) => match &def.kind {
                        TypeKind::Object(o) => return Resolved::Object(def, o),
                        TypeKind::Enum(e) => return Resolved::Enum(def, e),
                        TypeKind::Union(u) => return Resolved::Union(def, u),
                        TypeKind::TaggedUnion(t) => return Resolved::TaggedUnion(def, t),
                        TypeKind::Alias(target) => expr = target,
                    },
                },
            }
        }
        Resolved::Invalid
    }

    /// Resolves a type name (not an expression).
    pub fn resolve_name(&self, name: &str) -> Option<&'a TypeDef> {
        let mut def = *self.types.get(name)?;
        for _ in 0..=self.types.len() {
            match &def.kind {
                TypeKind::Alias(TypeExpr {
                    kind: TypeExprKind::Named(target),
                    ..
                }) => def = self.types.get(target.as_str())?,
                _ => return Some(def),
            }
        }
        None
    }

    /// The fields of an object as they appear on the wire: flattened fields replaced
    /// by the fields of their type.
    pub fn wire_fields(&self, object: &'a ObjectDef) -> Vec<&'a FieldDef> {
        let mut fields = Vec::new();
        self.collect_wire_fields(object, &mut fields, 0);
        fields
    }

    fn collect_wire_fields(
        &self,
        object: &'a ObjectDef,
        out: &mut Vec<&'a FieldDef>,
        depth: usize,
    ) {
        for field in &object.fields {
            if field.flatten {
                if let (Resolved::Object(_, inner), true) =
                    (self.resolve(&field.ty), depth < self.types.len())
                {
                    self.collect_wire_fields(inner, out, depth + 1);
                }
            } else {
                out.push(field);
            }
        }
    }

    /// The message for a name that is not a type of this service.
    pub fn unknown_type_message(&self, name: &str) -> String {
        let candidates = Primitive::ALL
            .iter()
            .map(|p| p.as_str())
            .chain(self.types.keys().copied());
        let json_primitives: Vec<&str> = Primitive::ALL
            .into_iter()
            .filter(|p| p.is_json())
            .map(Primitive::as_str)
            .collect();
        format!(
            "unknown type \"{name}\"; expected one of {}, or a type defined in service \"{}\"{}",
            json_primitives.join(", "),
            self.service.name,
            suggestion(name, candidates)
        )
    }
}
