//! Schemas: the spec's type expressions, types, payloads and envelopes.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::extensions::source_json;
use super::{Exporter, annotate, insert_opt, reference, schema_ref};
use codegen_spec::spec::{
    ObjectDef, Primitive, SpecFile, TypeDef, TypeExpr, TypeExprKind, TypeKind,
};

impl Exporter<'_> {
    pub(super) fn expr_schema(&self, expr: &TypeExpr) -> Value {
        match &expr.kind {
            TypeExprKind::Primitive(primitive) => primitive_schema(*primitive),
            TypeExprKind::Named(name) => reference(name),
            TypeExprKind::Array(item) => {
                json!({ "type": "array", "items": self.expr_schema(item) })
            }
            TypeExprKind::Map(value) => {
                json!({ "type": "object", "additionalProperties": self.expr_schema(value) })
            }
        }
    }

    pub(super) fn type_schema(&self, file: &SpecFile, def: &TypeDef) -> Value {
        let mut schema = match &def.kind {
            TypeKind::Object(object) => self.object_schema(object, None),
            TypeKind::Enum(def) => {
                let values: Vec<Value> = def.values.iter().map(|v| json!(v.value.value)).collect();
                let mut schema = json!({ "type": "string", "enum": values });
                if def.values.iter().any(|v| v.description.is_some()) {
                    let descriptions: Vec<Value> = def
                        .values
                        .iter()
                        .map(|v| json!(v.description.clone().unwrap_or_default()))
                        .collect();
                    schema["x-enum-descriptions"] = Value::Array(descriptions);
                }
                schema
            }
            TypeKind::Union(union) => {
                let variants: Vec<Value> = union
                    .variants
                    .iter()
                    .map(|variant| {
                        let mut extra = Map::new();
                        extra.insert("title".into(), json!(variant.name.value));
                        insert_opt(&mut extra, "description", variant.description.as_ref());
                        annotate(self.expr_schema(&variant.ty), extra)
                    })
                    .collect();
                // The client takes the first variant that decodes, so a value may fit
                // several (`unknown` last takes any): `anyOf`, not `oneOf`.
                json!({ "anyOf": variants })
            }
            TypeKind::TaggedUnion(union) => {
                let name = def.name.value.as_str();
                let planned = self.variants.get(name).cloned().unwrap_or_default();
                let mut one_of: Vec<Value> = planned.iter().map(|v| reference(&v.schema)).collect();
                let mapping: Map<String, Value> = planned
                    .iter()
                    .map(|v| (v.value.clone(), json!(schema_ref(&v.schema))))
                    .collect();
                let mut schema = Map::new();
                if union.fallback
                    && let Some(fallback) = self.fallbacks.get(name)
                {
                    one_of.push(reference(fallback));
                    schema.insert("x-fallback".into(), json!(schema_ref(fallback)));
                }
                schema.insert("oneOf".into(), Value::Array(one_of));
                schema.insert(
                    "discriminator".into(),
                    json!({ "propertyName": union.tag.value, "mapping": mapping }),
                );
                Value::Object(schema)
            }
            TypeKind::Alias(target) => self.expr_schema(target),
        };
        let mut extra = Map::new();
        insert_opt(&mut extra, "description", def.description.as_ref());
        extra.insert(
            "x-source".into(),
            source_json(def.source.as_ref().unwrap_or(&file.source)),
        );
        schema = annotate(schema, extra);
        schema
    }

    /// An object's schema; `result` replaces the schema of one field (an envelope's result).
    pub(super) fn object_schema(&self, object: &ObjectDef, result: Option<(&str, Value)>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut flattened = Vec::new();
        for field in &object.fields {
            if field.flatten {
                flattened.push(self.expr_schema(&field.ty));
                continue;
            }
            let name = field.name.value.as_str();
            let schema = match &result {
                Some((result_name, schema)) if *result_name == name => {
                    let mut extra = Map::new();
                    // A result of any value keeps the envelope's `null`.
                    if field.nullable && schema.as_object().is_some_and(Map::is_empty) {
                        extra.insert("nullable".into(), json!(true));
                    }
                    annotate(schema.clone(), extra)
                }
                _ => {
                    let mut extra = Map::new();
                    insert_opt(&mut extra, "description", field.description.as_ref());
                    if field.nullable {
                        extra.insert("nullable".into(), json!(true));
                    }
                    if field.read_only {
                        extra.insert("readOnly".into(), json!(true));
                    }
                    if let Some(constant) = &field.constant {
                        extra.insert("enum".into(), json!([constant.value]));
                    }
                    let mut schema = self.expr_schema(&field.ty);
                    if let Some(map) = schema.as_object_mut() {
                        if field.unique_items {
                            map.insert("uniqueItems".into(), json!(true));
                        }
                        if let Some(format) = &field.format {
                            map.insert("format".into(), json!(format.value.name()));
                        }
                        insert_bounds(map, &field.bounds);
                    }
                    if field.deprecated.is_some() {
                        extra.insert("deprecated".into(), json!(true));
                    }
                    // As a secret parameter is marked.
                    if field.is_secret() {
                        extra.insert("x-secret".into(), json!(true));
                    }
                    annotate(schema, extra)
                }
            };
            properties.insert(name.to_owned(), schema);
            if field.required {
                required.push(json!(name));
            }
        }
        let mut own = Map::new();
        own.insert("type".into(), json!("object"));
        if !properties.is_empty() {
            own.insert("properties".into(), Value::Object(properties));
        }
        if !required.is_empty() {
            own.insert("required".into(), Value::Array(required));
        }
        if !object.require_one_of.is_empty() {
            let any_of: Vec<Value> = object
                .require_one_of
                .iter()
                .map(|name| json!({ "required": [name.value] }))
                .collect();
            own.insert("anyOf".into(), Value::Array(any_of));
        }
        if flattened.is_empty() {
            Value::Object(own)
        } else {
            flattened.push(Value::Object(own));
            json!({ "allOf": flattened })
        }
    }

    /// The schema of a body or a result: a tagged union's variant, or the type.
    pub(super) fn payload_schema(&self, ty: &TypeExpr, variant: Option<&str>) -> Value {
        if let (Some(value), TypeExprKind::Named(union)) = (variant, &ty.kind)
            && let Some(v) = self
                .variants
                .get(union.as_str())
                .and_then(|vs| vs.iter().find(|v| v.value == value))
        {
            return reference(&v.schema);
        }
        self.expr_schema(ty)
    }

    /// Several payloads as one schema: a `oneOf`, with a discriminator when all are
    /// variants of one tagged union.
    pub(super) fn payloads_schema(&self, payloads: &[(&TypeExpr, Option<&str>)]) -> Value {
        let mut schemas: Vec<Value> = Vec::new();
        for (ty, variant) in payloads {
            let schema = self.payload_schema(ty, *variant);
            if !schemas.contains(&schema) {
                schemas.push(schema);
            }
        }
        if schemas.len() == 1 {
            return schemas.remove(0);
        }
        let mut schema = Map::new();
        let unions: BTreeSet<&str> = payloads
            .iter()
            .filter_map(|(ty, variant)| match (&ty.kind, variant) {
                (TypeExprKind::Named(name), Some(_)) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        if unions.len() == 1
            && payloads.iter().all(|(_, variant)| variant.is_some())
            && let Some(union_name) = unions.first()
            && let Some((_, def)) = self.types.get(union_name)
            && let TypeKind::TaggedUnion(union) = &def.kind
        {
            let planned = self.variants.get(union_name).cloned().unwrap_or_default();
            let mapping: Map<String, Value> = payloads
                .iter()
                .filter_map(|(_, variant)| {
                    let v = planned
                        .iter()
                        .find(|v| Some(v.value.as_str()) == *variant)?;
                    Some((v.value.clone(), json!(schema_ref(&v.schema))))
                })
                .collect();
            schema.insert(
                "discriminator".into(),
                json!({ "propertyName": union.tag.value, "mapping": mapping }),
            );
        }
        schema.insert("oneOf".into(), Value::Array(schemas));
        Value::Object(schema)
    }

    /// The schema of a success response: the result itself, or the envelope around it.
    pub(super) fn response_schema(
        &self,
        envelope: Option<&codegen_spec::spec::Envelope>,
        result: Value,
    ) -> Value {
        let Some(envelope) = envelope else {
            return result;
        };
        let Some((_, def)) = self.types.get(envelope.ty.value.as_str()) else {
            return result;
        };
        let TypeKind::Object(object) = &def.kind else {
            return result;
        };
        let mut schema = self.object_schema(object, Some((&envelope.result.value, result)));
        if let Some(map) = schema.as_object_mut() {
            map.insert(
                "description".into(),
                json!(format!(
                    "`{}` whose `{}` is the operation's result.",
                    envelope.ty.value, envelope.result.value
                )),
            );
        }
        schema
    }
}

pub(super) fn primitive_schema(primitive: Primitive) -> Value {
    match primitive {
        Primitive::String => json!({ "type": "string" }),
        Primitive::Integer => json!({ "type": "integer", "format": "int64" }),
        Primitive::Number => json!({ "type": "number" }),
        Primitive::Boolean => json!({ "type": "boolean" }),
        Primitive::Unknown => json!({}),
        Primitive::Bytes | Primitive::File => json!({ "type": "string", "format": "binary" }),
    }
}

/// A value's documented bounds as JSON Schema's keywords.
pub(super) fn insert_bounds(schema: &mut Map<String, Value>, bounds: &[codegen_spec::spec::Bound]) {
    use codegen_spec::spec::BoundKind;
    for bound in bounds {
        let keyword = match bound.kind {
            BoundKind::MinLength => "minLength",
            BoundKind::MaxLength => "maxLength",
            BoundKind::Minimum => "minimum",
            BoundKind::Maximum => "maximum",
            BoundKind::MinItems => "minItems",
            BoundKind::MaxItems => "maxItems",
        };
        schema.insert(keyword.into(), Value::Number(bound.value.clone()));
    }
}
