//! The spec as OpenAPI 3.0.3: one document per service, for tools that read OpenAPI
//! (validators, other generators, API explorers).
//!
//! The export is deterministic: objects are `serde_json` maps (sorted by key) and arrays
//! follow the spec's order, so the same spec gives the same bytes.
//!
//! How the spec's constructs map:
//!
//! - an object's `flatten` field becomes an `allOf` of the flattened type and the object's
//!   own fields; `const` becomes a one-value `enum`; `nullable`, `read_only` and
//!   `unique_items` become `nullable`, `readOnly` and `uniqueItems`; `require_one_of`
//!   becomes an `anyOf` of `required` lists;
//! - a reference that carries its own description, `nullable`, `readOnly` or `const` is
//!   written `allOf: [$ref]` with those beside it (OpenAPI 3.0 ignores siblings of `$ref`);
//! - a `tagged_union` is a `oneOf` of its variants with a `discriminator`; a variant whose
//!   type does not declare the tag as a required `const` is referenced through a schema
//!   `<Union><Variant>` that adds it, and a union with `fallback` also accepts, through
//!   `<Union>Unknown`, an object whose tag is none of the known values;
//! - with an envelope, each success response is an inline object with the envelope's
//!   fields whose result field holds the operation's type; errors are the `4XX` and
//!   `5XX` responses, with the error body (not `default`, which progenitor and other
//!   generators also take for a success);
//! - operations that share a path and a method (OpenAPI allows one) become one operation
//!   whose body tells them apart; `x-operations` lists the spec's operations it stands for.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use crate::naming;
use crate::spec::{
    Body, Definition, Example, Header, ObjectDef, Operation, PaginationScheme, Param, Primitive,
    RateLimit, ServiceSpec, Source, Spec, SpecFile, TaggedUnionDef, TypeDef, TypeExpr,
    TypeExprKind, TypeKind,
};

/// The OpenAPI version of the documents.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The version written in `info.version`; the APIs themselves are not versioned this way.
pub const DOCUMENT_VERSION: &str = "1.0.0";

/// The name of the bearer security scheme.
pub const SECURITY_SCHEME: &str = "bearerAuth";

/// The name of the shared error response in `components.responses`.
pub const ERROR_RESPONSE: &str = "Error";

/// The status ranges whose responses are the service's error body.
pub const ERROR_RANGES: [&str; 2] = ["4XX", "5XX"];

const JSON: &str = "application/json";

/// One OpenAPI document per service, in the spec's order: `(service name, document)`.
pub fn export(spec: &Spec) -> Vec<(String, Value)> {
    spec.services
        .iter()
        .filter_map(|service| {
            let definition = service.definition()?;
            Some((
                service.name.clone(),
                Exporter::new(service, definition).document(),
            ))
        })
        .collect()
}

/// A document as written to disk: pretty-printed, with a trailing newline.
pub fn to_pretty_json(document: &Value) -> String {
    let mut text = serde_json::to_string_pretty(document).unwrap_or_default();
    text.push('\n');
    text
}

/// `#/components/schemas/<name>`.
pub fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

fn reference(name: &str) -> Value {
    json!({ "$ref": schema_ref(name) })
}

fn is_ref(schema: &Value) -> bool {
    schema.get("$ref").is_some()
}

/// `schema` with `extra` beside it: a reference is wrapped in `allOf` first, because
/// OpenAPI 3.0 ignores the siblings of `$ref`.
fn annotate(schema: Value, extra: Map<String, Value>) -> Value {
    if extra.is_empty() {
        return schema;
    }
    let mut out = if is_ref(&schema) {
        let mut wrapper = Map::new();
        wrapper.insert("allOf".into(), Value::Array(vec![schema]));
        wrapper
    } else if let Value::Object(map) = schema {
        map
    } else {
        Map::new()
    };
    out.extend(extra);
    Value::Object(out)
}

fn source_json(source: &Source) -> Value {
    let mut out = Map::new();
    for (key, value) in [
        ("page", &source.page),
        ("snapshot", &source.snapshot),
        ("section", &source.section),
        ("last_modified", &source.last_modified),
        ("reference", &source.reference),
        ("note", &source.note),
    ] {
        if let Some(value) = value {
            out.insert(key.into(), Value::String(value.clone()));
        }
    }
    Value::Object(out)
}

fn insert_opt(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        map.insert(key.into(), Value::String(value.clone()));
    }
}

/// A spec operation and the file that defines it.
type OpRef<'s> = (&'s SpecFile, &'s Operation);

/// An OpenAPI parameter being assembled: where and what, and how many of the merged
/// operations have it.
struct ParamSlot {
    location: &'static str,
    key: String,
    param: Map<String, Value>,
    count: usize,
}

/// The schema name under which a tagged union refers to one of its variants.
#[derive(Debug, Clone)]
struct VariantSchema {
    value: String,
    schema: String,
}

struct Exporter<'s> {
    service: &'s ServiceSpec,
    definition: &'s Definition,
    types: BTreeMap<&'s str, (&'s SpecFile, &'s TypeDef)>,
    /// For each tagged union, its variants' schemas, in order.
    variants: BTreeMap<&'s str, Vec<VariantSchema>>,
    /// For each tagged union with a fallback, the fallback's schema.
    fallbacks: BTreeMap<&'s str, String>,
    /// Schemas the spec does not name: tag wrappers and fallbacks.
    extra_schemas: BTreeMap<String, Value>,
}

impl<'s> Exporter<'s> {
    fn new(service: &'s ServiceSpec, definition: &'s Definition) -> Self {
        let types = service
            .types()
            .map(|(file, def)| (def.name.value.as_str(), (file, def)))
            .collect();
        let mut exporter = Exporter {
            service,
            definition,
            types,
            variants: BTreeMap::new(),
            fallbacks: BTreeMap::new(),
            extra_schemas: BTreeMap::new(),
        };
        exporter.plan_tagged_unions();
        exporter
    }

    /// A schema name that is neither a type's nor one already planned.
    fn free_name(&self, wanted: String) -> String {
        let mut name = wanted.clone();
        let mut n = 2;
        while self.types.contains_key(name.as_str()) || self.extra_schemas.contains_key(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        name
    }

    /// Decides how each tagged union refers to its variants, and writes the wrappers that
    /// add a tag a variant type does not require, and the fallbacks.
    fn plan_tagged_unions(&mut self) {
        let unions: Vec<(&'s TypeDef, &'s TaggedUnionDef)> = self
            .types
            .values()
            .filter_map(|(_, def)| match &def.kind {
                TypeKind::TaggedUnion(union) => Some((*def, union)),
                _ => None,
            })
            .collect();
        for (def, union) in unions {
            let union_name = def.name.value.as_str();
            let tag = union.tag.value.as_str();
            let mut planned = Vec::new();
            for variant in &union.variants {
                let value = variant.value.value.as_str();
                let ty = variant.ty.value.as_str();
                let schema = if self.requires_tag(ty, tag, value) {
                    ty.to_owned()
                } else {
                    let ident = match &variant.name {
                        Some(name) => name.value.clone(),
                        None => naming::unraw(&naming::variant_ident(value)).to_owned(),
                    };
                    let name = self.free_name(format!("{union_name}{ident}"));
                    let mut description = format!(
                        "`{ty}` as the variant `{value}` of `{union_name}`: with `{tag}` set to `{value}`."
                    );
                    if let Some(text) = &variant.description {
                        description.push_str("\n\n");
                        description.push_str(text);
                    }
                    let wrapper = json!({
                        "description": description,
                        "allOf": [
                            reference(ty),
                            {
                                "type": "object",
                                "required": [tag],
                                "properties": { tag: { "type": "string", "enum": [value] } },
                            },
                        ],
                    });
                    self.extra_schemas.insert(name.clone(), wrapper);
                    name
                };
                planned.push(VariantSchema {
                    value: value.to_owned(),
                    schema,
                });
            }
            if union.fallback {
                let name = self.free_name(format!("{union_name}{}", naming::UNKNOWN_VARIANT));
                let known: Vec<Value> = union
                    .variants
                    .iter()
                    .map(|v| Value::String(v.value.value.clone()))
                    .collect();
                let fallback = json!({
                    "description": format!(
                        "A `{union_name}` whose `{tag}` is none of the values the spec describes: any object with a string `{tag}`, kept as it is."
                    ),
                    "type": "object",
                    "required": [tag],
                    "properties": { tag: { "type": "string", "not": { "enum": known } } },
                    "additionalProperties": true,
                });
                self.extra_schemas.insert(name.clone(), fallback);
                self.fallbacks.insert(union_name, name);
            }
            self.variants.insert(union_name, planned);
        }
    }

    /// Whether the object type `ty` declares `tag` as a required field whose `const` is
    /// `value`.
    fn requires_tag(&self, ty: &str, tag: &str, value: &str) -> bool {
        let Some((_, def)) = self.types.get(ty) else {
            return false;
        };
        let TypeKind::Object(object) = &def.kind else {
            return false;
        };
        object.fields.iter().any(|field| {
            !field.flatten
                && field.name.value == tag
                && field.required
                && field
                    .constant
                    .as_ref()
                    .is_some_and(|c| c.value.as_str() == Some(value))
        })
    }

    // ---- the document ----------------------------------------------------------------

    fn document(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("openapi".into(), json!(OPENAPI_VERSION));
        doc.insert("info".into(), self.info());
        doc.insert("servers".into(), self.servers());
        doc.insert("security".into(), json!([{ SECURITY_SCHEME: [] }]));
        doc.insert("tags".into(), self.tags());
        doc.insert("paths".into(), self.paths());
        doc.insert("components".into(), self.components());
        if let Some(envelope) = &self.definition.envelope {
            let mut roles = Map::new();
            roles.insert("type".into(), json!(envelope.ty.value));
            roles.insert("result".into(), json!(envelope.result.value));
            for (key, role) in [
                ("success", &envelope.success),
                ("errors", &envelope.errors),
                ("messages", &envelope.messages),
                ("result_info", &envelope.result_info),
            ] {
                if let Some(role) = role {
                    roles.insert(key.into(), json!(role.value));
                }
            }
            doc.insert("x-envelope".into(), Value::Object(roles));
        }
        let error = &self.definition.error;
        let mut roles = Map::new();
        roles.insert("type".into(), json!(error.ty.value));
        roles.insert("errors".into(), json!(error.errors.value));
        if let Some(code) = &error.code {
            roles.insert("code".into(), json!(code.value));
        }
        roles.insert("message".into(), json!(error.message.value));
        doc.insert("x-error".into(), Value::Object(roles));
        if let Some(rate_limit) = &self.definition.rate_limit {
            doc.insert("x-rate-limit".into(), rate_limit_json(rate_limit));
        }
        if !self.definition.pagination.is_empty() {
            let schemes: Map<String, Value> = self
                .definition
                .pagination
                .iter()
                .map(|(name, scheme)| (name.value.clone(), pagination_json(scheme)))
                .collect();
            doc.insert("x-pagination-schemes".into(), Value::Object(schemes));
        }
        Value::Object(doc)
    }

    fn info(&self) -> Value {
        let mut info = Map::new();
        info.insert("title".into(), json!(self.definition.title));
        insert_opt(
            &mut info,
            "description",
            self.definition.description.as_ref(),
        );
        info.insert("version".into(), json!(DOCUMENT_VERSION));
        info.insert(
            "x-exported-from".into(),
            json!(format!(
                "spec/{}: exported by `cargo xtask openapi` from the hand-written spec; edit the spec, not this document",
                self.service.name
            )),
        );
        info.insert(
            "x-environment".into(),
            json!({
                "token": self.definition.environment.token,
                "base_url": self.definition.environment.base_url,
            }),
        );
        Value::Object(info)
    }

    /// The base URLs, the default first (tools use the first server).
    fn servers(&self) -> Value {
        let mut urls: Vec<_> = self.definition.base_urls.iter().collect();
        urls.sort_by_key(|url| !url.default);
        let servers = urls
            .into_iter()
            .map(|base| {
                let mut server = Map::new();
                server.insert("url".into(), json!(base.url.value));
                insert_opt(&mut server, "description", base.description.as_ref());
                let variables: Map<String, Value> = template_variables(&base.url)
                    .into_iter()
                    .map(|var| {
                        let default = if var == "host" {
                            format!("{}.example.com", self.service.name)
                        } else {
                            "example".to_owned()
                        };
                        let mut description = format!("`{var}` of the {} server", base.name.value);
                        if let Some(text) = &base.description {
                            description.push_str(": ");
                            description.push_str(text);
                        }
                        (
                            var,
                            json!({ "default": default, "description": description }),
                        )
                    })
                    .collect();
                if !variables.is_empty() {
                    server.insert("variables".into(), Value::Object(variables));
                }
                server.insert("x-name".into(), json!(base.name.value));
                if base.default {
                    server.insert("x-default".into(), json!(true));
                }
                Value::Object(server)
            })
            .collect();
        Value::Array(servers)
    }

    /// One tag per resource, in the order the files name them.
    fn tags(&self) -> Value {
        let mut seen = BTreeSet::new();
        let mut tags = Vec::new();
        for file in &self.service.files {
            let Some(resource) = &file.resource else {
                continue;
            };
            if !seen.insert(resource.value.as_str()) {
                continue;
            }
            let description = self
                .service
                .files
                .iter()
                .filter(|f| f.resource.as_ref().map(|r| r.value.as_str()) == Some(&resource.value))
                .find_map(|f| f.description.as_ref());
            let mut tag = Map::new();
            tag.insert("name".into(), json!(resource.value));
            insert_opt(&mut tag, "description", description);
            tags.push(Value::Object(tag));
        }
        Value::Array(tags)
    }

    fn components(&self) -> Value {
        let mut schemas: Map<String, Value> = self
            .types
            .iter()
            .map(|(name, (file, def))| ((*name).to_owned(), self.type_schema(file, def)))
            .collect();
        for (name, schema) in &self.extra_schemas {
            schemas.insert(name.clone(), schema.clone());
        }
        let mut components = Map::new();
        components.insert("schemas".into(), Value::Object(schemas));

        let mut bearer = Map::new();
        bearer.insert("type".into(), json!("http"));
        bearer.insert("scheme".into(), json!("bearer"));
        insert_opt(
            &mut bearer,
            "description",
            self.definition.auth.description.as_ref(),
        );
        components.insert(
            "securitySchemes".into(),
            json!({ SECURITY_SCHEME: Value::Object(bearer) }),
        );

        let mut error = Map::new();
        error.insert(
            "description".into(),
            json!(format!(
                "An error: the body is `{}`; its `{}` lists the errors.",
                self.definition.error.ty.value, self.definition.error.errors.value
            )),
        );
        if let Some(headers) = self.rate_limit_header_refs() {
            error.insert("headers".into(), headers);
        }
        error.insert(
            "content".into(),
            json!({ JSON: { "schema": reference(&self.definition.error.ty.value) } }),
        );
        components.insert(
            "responses".into(),
            json!({ ERROR_RESPONSE: Value::Object(error) }),
        );

        if let Some(rate_limit) = &self.definition.rate_limit {
            components.insert("headers".into(), rate_limit_headers(rate_limit));
        }
        Value::Object(components)
    }

    fn rate_limit_header_refs(&self) -> Option<Value> {
        let names = match self.definition.rate_limit.as_ref()? {
            RateLimit::Separate {
                limit_header,
                remaining_header,
                reset_header,
                ..
            } => vec![limit_header, remaining_header, reset_header],
            RateLimit::Structured {
                header,
                policy_header,
                ..
            } => std::iter::once(header).chain(policy_header).collect(),
        };
        let refs: Map<String, Value> = names
            .into_iter()
            .map(|name| {
                (
                    name.clone(),
                    json!({ "$ref": format!("#/components/headers/{name}") }),
                )
            })
            .collect();
        Some(Value::Object(refs))
    }

    // ---- schemas ---------------------------------------------------------------------

    fn expr_schema(&self, expr: &TypeExpr) -> Value {
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

    fn type_schema(&self, file: &SpecFile, def: &TypeDef) -> Value {
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
                json!({ "oneOf": variants })
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
    fn object_schema(&self, object: &ObjectDef, result: Option<(&str, Value)>) -> Value {
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
                    if field.unique_items
                        && let Some(map) = schema.as_object_mut()
                    {
                        map.insert("uniqueItems".into(), json!(true));
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
    fn payload_schema(&self, ty: &TypeExpr, variant: Option<&str>) -> Value {
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
    fn payloads_schema(&self, payloads: &[(&TypeExpr, Option<&str>)]) -> Value {
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
    fn response_schema(&self, result: Value) -> Value {
        let Some(envelope) = &self.definition.envelope else {
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

    // ---- operations ------------------------------------------------------------------

    fn operation_id(file: &SpecFile, op: &Operation) -> String {
        match &file.resource {
            Some(resource) => format!("{}_{}", resource.value, op.id.value),
            None => op.id.value.clone(),
        }
    }

    fn paths(&self) -> Value {
        // Operations grouped by path and method, in the spec's order.
        let mut groups: Vec<((&str, &str), Vec<OpRef<'_>>)> = Vec::new();
        for (file, op) in self.service.operations() {
            let key = (op.path.value.as_str(), op.method.as_str());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ops)) => ops.push((file, op)),
                None => groups.push((key, vec![(file, op)])),
            }
        }
        let mut paths = Map::new();
        for ((path, method), ops) in groups {
            let operation = self.operation(&ops);
            let item = paths
                .entry(path.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(item) = item.as_object_mut() {
                item.insert(method.to_lowercase(), operation);
            }
        }
        Value::Object(paths)
    }

    /// One OpenAPI operation for the spec operations that share its path and method.
    fn operation(&self, ops: &[OpRef<'_>]) -> Value {
        let merged = ops.len() > 1;
        let ids: Vec<String> = ops
            .iter()
            .map(|(file, op)| Self::operation_id(file, op))
            .collect();
        let mut out = Map::new();
        if let [(file, op)] = ops {
            out.insert("operationId".into(), json!(ids[0]));
            out.insert("summary".into(), json!(op.summary));
            insert_opt(&mut out, "description", op.description.as_ref());
            if let Some(resource) = &file.resource {
                out.insert("tags".into(), json!([resource.value]));
            }
        } else {
            // `<resource>_<first>_or_<second>`, the resource written once when shared.
            let resource_of = |file: &SpecFile| file.resource.as_ref().map(|r| r.value.clone());
            let first_resource = resource_of(ops[0].0);
            let mut id = ids[0].clone();
            for ((file, op), full) in ops[1..].iter().zip(&ids[1..]) {
                id.push_str("_or_");
                if resource_of(file) == first_resource {
                    id.push_str(&op.id.value);
                } else {
                    id.push_str(full);
                }
            }
            out.insert("operationId".into(), json!(id));
            let summaries: Vec<&str> = ops.iter().map(|(_, op)| op.summary.as_str()).collect();
            out.insert("summary".into(), json!(summaries.join(" | ")));
            let mut description = format!(
                "{} operations of the spec share this path and method; the request body tells them apart:\n",
                ops.len()
            );
            for ((_, op), id) in ops.iter().zip(&ids) {
                description.push_str(&format!("\n- `{id}` ({})", op.summary));
                if let Some(text) = &op.description {
                    description.push_str(": ");
                    description.push_str(text);
                }
            }
            out.insert("description".into(), json!(description));
            let mut tags: Vec<&str> = Vec::new();
            for (file, _) in ops {
                if let Some(resource) = &file.resource
                    && !tags.contains(&resource.value.as_str())
                {
                    tags.push(&resource.value);
                }
            }
            if !tags.is_empty() {
                out.insert("tags".into(), json!(tags));
            }
        }

        let parameters = self.parameters(ops);
        if !parameters.is_empty() {
            out.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(body) = self.request_body(ops, &ids) {
            out.insert("requestBody".into(), body);
        }
        out.insert("responses".into(), self.responses(ops, &ids));

        let mut scopes: Vec<&str> = Vec::new();
        for (_, op) in ops {
            for scope in &op.scopes {
                if !scopes.contains(&scope.as_str()) {
                    scopes.push(scope);
                }
            }
        }
        if !scopes.is_empty() {
            out.insert("x-scopes".into(), json!(scopes));
        }
        if let [(_, op)] = ops
            && let Some(pagination) = self.pagination(op)
        {
            out.insert("x-pagination".into(), pagination);
        }
        if let [(file, _)] = ops {
            out.insert("x-source".into(), source_json(&file.source));
        }
        if merged {
            let entries: Vec<Value> = ops
                .iter()
                .zip(&ids)
                .map(|((file, op), id)| {
                    let mut entry = Map::new();
                    entry.insert("operationId".into(), json!(id));
                    entry.insert("summary".into(), json!(op.summary));
                    insert_opt(&mut entry, "description", op.description.as_ref());
                    if !op.scopes.is_empty() {
                        entry.insert("x-scopes".into(), json!(op.scopes));
                    }
                    if let Some(body) = &op.body {
                        entry.insert(
                            "requestBody".into(),
                            self.payload_schema(
                                &body.ty,
                                body.variant.as_ref().map(|v| v.value.as_str()),
                            ),
                        );
                    }
                    entry.insert(
                        "response".into(),
                        json!({
                            "status": op.response.status.value,
                            "schema": self.payload_schema(
                                &op.response.ty,
                                op.response.variant.as_ref().map(|v| v.value.as_str()),
                            ),
                        }),
                    );
                    if let Some(pagination) = self.pagination(op) {
                        entry.insert("x-pagination".into(), pagination);
                    }
                    entry.insert("x-source".into(), source_json(&file.source));
                    Value::Object(entry)
                })
                .collect();
            out.insert("x-operations".into(), Value::Array(entries));
        }
        Value::Object(out)
    }

    fn parameters(&self, ops: &[OpRef<'_>]) -> Vec<Value> {
        // (in, name) -> parameter, in order of first appearance.
        let mut params: Vec<ParamSlot> = Vec::new();
        let mut add = |location: &'static str, name: &str, param: Map<String, Value>| {
            // Header names are case-insensitive.
            let key = name.to_ascii_lowercase();
            match params
                .iter_mut()
                .find(|slot| slot.location == location && slot.key == key)
            {
                Some(slot) => slot.count += 1,
                None => params.push(ParamSlot {
                    location,
                    key,
                    param,
                    count: 1,
                }),
            }
        };
        for (_, op) in ops {
            for (location, list) in [
                ("path", &op.path_params),
                ("query", &op.query_params),
                ("header", &op.header_params),
            ] {
                for param in list {
                    add(location, &param.name.value, self.parameter(location, param));
                }
            }
            // The operation's fixed headers, then the service's that it does not override.
            for header in &op.headers {
                add("header", &header.name.value, fixed_header(header));
            }
            for header in &self.definition.headers {
                if !op
                    .headers
                    .iter()
                    .any(|h| h.name.value.eq_ignore_ascii_case(&header.name.value))
                {
                    add("header", &header.name.value, fixed_header(header));
                }
            }
        }
        params
            .into_iter()
            .map(|mut slot| {
                // A parameter that not every merged operation has is optional.
                if slot.location != "path" && slot.count < ops.len() {
                    slot.param.insert("required".into(), json!(false));
                }
                Value::Object(slot.param)
            })
            .collect()
    }

    fn parameter(&self, location: &str, param: &Param) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("name".into(), json!(param.name.value));
        out.insert("in".into(), json!(location));
        insert_opt(&mut out, "description", param.description.as_ref());
        out.insert(
            "required".into(),
            json!(location == "path" || param.required),
        );
        out.insert("schema".into(), self.expr_schema(&param.ty));
        if let Some(example) = &param.example {
            out.insert("example".into(), example.to_json());
        }
        out
    }

    fn pagination(&self, op: &Operation) -> Option<Value> {
        let pagination = op.pagination.as_ref()?;
        let mut out = Map::new();
        out.insert("scheme".into(), json!(pagination.scheme.value));
        if let Some((_, scheme)) = self
            .definition
            .pagination
            .iter()
            .find(|(name, _)| name.value == pagination.scheme.value)
            && let Value::Object(details) = pagination_json(scheme)
        {
            out.extend(details);
        }
        if let Some(items) = &pagination.items {
            out.insert("items".into(), json!(items.value));
        }
        Some(Value::Object(out))
    }

    fn request_body(&self, ops: &[OpRef<'_>], ids: &[String]) -> Option<Value> {
        let bodies: Vec<(&Body, &Operation, &String)> = ops
            .iter()
            .zip(ids)
            .filter_map(|((_, op), id)| op.body.as_ref().map(|body| (body, *op, id)))
            .collect();
        if bodies.is_empty() {
            return None;
        }
        let payloads: Vec<(&TypeExpr, Option<&str>)> = bodies
            .iter()
            .map(|(body, _, _)| (&body.ty, body.variant.as_ref().map(|v| v.value.as_str())))
            .collect();
        let mut media = Map::new();
        media.insert("schema".into(), self.payloads_schema(&payloads));
        let examples: Vec<(&String, &Operation, Value)> = bodies
            .iter()
            .filter_map(|(_, op, id)| {
                let example = op.examples.first()?;
                Some((*id, *op, example.request.body.as_ref()?.to_json()))
            })
            .collect();
        insert_examples(&mut media, examples, ops.len() > 1);
        let mut body = Map::new();
        let descriptions: Vec<&String> = bodies
            .iter()
            .filter_map(|(body, _, _)| body.description.as_ref())
            .collect();
        if let [description] = descriptions.as_slice() {
            body.insert("description".into(), json!(description));
        } else if !descriptions.is_empty() {
            let text: Vec<&str> = descriptions.iter().map(|d| d.as_str()).collect();
            body.insert("description".into(), json!(text.join("\n\n")));
        }
        body.insert("required".into(), json!(bodies.len() == ops.len()));
        body.insert("content".into(), json!({ JSON: Value::Object(media) }));
        Some(Value::Object(body))
    }

    fn responses(&self, ops: &[OpRef<'_>], ids: &[String]) -> Value {
        let mut statuses: Vec<u16> = Vec::new();
        for (_, op) in ops {
            if !statuses.contains(&op.response.status.value) {
                statuses.push(op.response.status.value);
            }
        }
        let mut responses = Map::new();
        for status in statuses {
            let members: Vec<(&Operation, &String)> = ops
                .iter()
                .zip(ids)
                .filter(|((_, op), _)| op.response.status.value == status)
                .map(|((_, op), id)| (*op, id))
                .collect();
            let payloads: Vec<(&TypeExpr, Option<&str>)> = members
                .iter()
                .map(|(op, _)| {
                    (
                        &op.response.ty,
                        op.response.variant.as_ref().map(|v| v.value.as_str()),
                    )
                })
                .collect();
            let mut media = Map::new();
            media.insert(
                "schema".into(),
                self.response_schema(self.payloads_schema(&payloads)),
            );
            let examples: Vec<(&String, &Operation, Value)> = members
                .iter()
                .filter_map(|(op, id)| {
                    let example: &Example = op.examples.first()?;
                    if example.response.status.value != status {
                        return None;
                    }
                    Some((*id, *op, example.response.body.as_ref()?.to_json()))
                })
                .collect();
            insert_examples(&mut media, examples, ops.len() > 1);
            let descriptions: Vec<&str> = members
                .iter()
                .filter_map(|(op, _)| op.response.description.as_deref())
                .collect();
            let description = if descriptions.is_empty() {
                let what = match &self.definition.envelope {
                    Some(envelope) => format!(
                        "Success: the envelope, with the result in `{}`.",
                        envelope.result.value
                    ),
                    None => "Success: the result.".to_owned(),
                };
                match &self.definition.envelope {
                    Some(envelope) => match &envelope.success {
                        Some(success) => format!(
                            "{what} A `{}` of `false` means the call failed all the same.",
                            success.value
                        ),
                        None => what,
                    },
                    None => what,
                }
            } else {
                descriptions.join("\n\n")
            };
            let mut response = Map::new();
            response.insert("description".into(), json!(description));
            if let Some(headers) = self.rate_limit_header_refs() {
                response.insert("headers".into(), headers);
            }
            response.insert("content".into(), json!({ JSON: Value::Object(media) }));
            responses.insert(status.to_string(), Value::Object(response));
        }
        // Errors as the 4XX and 5XX ranges rather than `default`: generators such as
        // progenitor read `default` as a possible success too.
        for range in ERROR_RANGES {
            responses.insert(
                range.into(),
                json!({ "$ref": format!("#/components/responses/{ERROR_RESPONSE}") }),
            );
        }
        Value::Object(responses)
    }
}

/// Examples on a media type: `example` for one operation, named `examples` for several.
fn insert_examples(
    media: &mut Map<String, Value>,
    examples: Vec<(&String, &Operation, Value)>,
    merged: bool,
) {
    if !merged {
        if let Some((_, _, value)) = examples.into_iter().next() {
            media.insert("example".into(), value);
        }
        return;
    }
    let named: Map<String, Value> = examples
        .into_iter()
        .map(|(id, op, value)| {
            let mut example = Map::new();
            example.insert("summary".into(), json!(op.summary));
            if let Some(first) = op.examples.first() {
                insert_opt(&mut example, "description", first.note.as_ref());
            }
            example.insert("value".into(), value);
            (id.clone(), Value::Object(example))
        })
        .collect();
    if !named.is_empty() {
        media.insert("examples".into(), Value::Object(named));
    }
}

fn primitive_schema(primitive: Primitive) -> Value {
    match primitive {
        Primitive::String => json!({ "type": "string" }),
        Primitive::Integer => json!({ "type": "integer", "format": "int64" }),
        Primitive::Number => json!({ "type": "number" }),
        Primitive::Boolean => json!({ "type": "boolean" }),
        Primitive::Unknown => json!({}),
    }
}

/// A fixed header as a required parameter that takes exactly its value.
fn fixed_header(header: &Header) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("name".into(), json!(header.name.value));
    out.insert("in".into(), json!("header"));
    insert_opt(&mut out, "description", header.description.as_ref());
    out.insert("required".into(), json!(true));
    out.insert(
        "schema".into(),
        json!({ "type": "string", "enum": [header.value] }),
    );
    out.insert("example".into(), json!(header.value));
    out
}

/// The `{variables}` of a URL template, in order.
fn template_variables(url: &str) -> Vec<String> {
    let mut variables = Vec::new();
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if !variables.iter().any(|v| v == name) {
            variables.push(name.to_owned());
        }
        rest = &rest[start + len + 1..];
    }
    variables
}

fn rate_limit_json(rate_limit: &RateLimit) -> Value {
    let mut out = Map::new();
    match rate_limit {
        RateLimit::Separate {
            limit_header,
            remaining_header,
            reset_header,
            description,
        } => {
            out.insert("style".into(), json!("separate"));
            out.insert("limit_header".into(), json!(limit_header));
            out.insert("remaining_header".into(), json!(remaining_header));
            out.insert("reset_header".into(), json!(reset_header));
            out.insert("reset".into(), json!("unix_seconds"));
            insert_opt(&mut out, "description", description.as_ref());
        }
        RateLimit::Structured {
            header,
            policy_header,
            description,
        } => {
            out.insert("style".into(), json!("structured"));
            out.insert("header".into(), json!(header));
            insert_opt(&mut out, "policy_header", policy_header.as_ref());
            insert_opt(&mut out, "description", description.as_ref());
        }
    }
    Value::Object(out)
}

fn rate_limit_headers(rate_limit: &RateLimit) -> Value {
    let with = |text: &str, description: &Option<String>| match description {
        Some(more) => format!("{text} {more}"),
        None => text.to_owned(),
    };
    match rate_limit {
        RateLimit::Separate {
            limit_header,
            remaining_header,
            reset_header,
            description,
        } => json!({
            limit_header: {
                "description": with("The number of requests allowed in the current window.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
            remaining_header: {
                "description": with("The number of requests left in the current window.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
            reset_header: {
                "description": with("When the current window resets, as a Unix time in seconds.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
        }),
        RateLimit::Structured {
            header,
            policy_header,
            description,
        } => {
            let mut out = Map::new();
            out.insert(
                header.clone(),
                json!({
                    "description": with(
                        "The IETF `RateLimit` header: the requests remaining and the seconds until the window resets (`\"default\";r=50;t=30`).",
                        description,
                    ),
                    "schema": { "type": "string" },
                }),
            );
            if let Some(policy) = policy_header {
                out.insert(
                    policy.clone(),
                    json!({
                        "description": with(
                            "The IETF `RateLimit-Policy` header: the quota and the window in seconds (`\"default\";q=1200;w=300`).",
                            description,
                        ),
                        "schema": { "type": "string" },
                    }),
                );
            }
            Value::Object(out)
        }
    }
}

fn pagination_json(scheme: &PaginationScheme) -> Value {
    let mut out = Map::new();
    match scheme {
        PaginationScheme::Page {
            page_param,
            per_page_param,
            info,
            page_field,
            per_page_field,
            total_pages_field,
            description,
        } => {
            out.insert("style".into(), json!("page"));
            out.insert("page_param".into(), json!(page_param.value));
            out.insert("per_page_param".into(), json!(per_page_param.value));
            out.insert("info".into(), json!(info.value));
            out.insert("page_field".into(), json!(page_field.value));
            if let Some(field) = per_page_field {
                out.insert("per_page_field".into(), json!(field.value));
            }
            out.insert("total_pages_field".into(), json!(total_pages_field.value));
            insert_opt(&mut out, "description", description.as_ref());
        }
        PaginationScheme::Cursor {
            cursor_param,
            cursor_field,
            description,
        } => {
            out.insert("style".into(), json!("cursor"));
            out.insert("cursor_param".into(), json!(cursor_param.value));
            out.insert("cursor_field".into(), json!(cursor_field.value));
            insert_opt(&mut out, "description", description.as_ref());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::template_variables;

    #[test]
    fn finds_template_variables() {
        assert_eq!(template_variables("https://{host}/api"), vec!["host"]);
        assert_eq!(template_variables("https://{a}.x/{b}/{a}"), vec!["a", "b"]);
        assert!(template_variables("https://api.buddy.works").is_empty());
    }
}
