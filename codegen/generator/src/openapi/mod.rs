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

mod document;
mod extensions;
mod operations;
mod schemas;
mod tagged;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use codegen_spec::spec::{Definition, Operation, ServiceSpec, Spec, SpecFile, TypeDef};
use tagged::VariantSchema;

/// The OpenAPI version of the documents.
pub const OPENAPI_VERSION: &str = "3.0.3";

/// The version written in `info.version`; the APIs themselves are not versioned this way.
pub const DOCUMENT_VERSION: &str = "1.0.0";

/// The name of the bearer security scheme.
pub const SECURITY_SCHEME: &str = "bearerAuth";
/// The email half of the email-and-key scheme.
pub const API_KEY_EMAIL_SCHEME: &str = "apiKeyEmail";
/// The key half of the email-and-key scheme.
pub const API_KEY_SCHEME: &str = "apiKey";

/// The name of the shared error response in `components.responses`.
pub const ERROR_RESPONSE: &str = "Error";

/// The status ranges whose responses are the service's error body.
pub const ERROR_RANGES: [&str; 2] = ["4XX", "5XX"];

const JSON: &str = "application/json";
/// The media type of a raw answer: bytes, as the server sends them.
const OCTET_STREAM: &str = "application/octet-stream";

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

fn insert_opt(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        map.insert(key.into(), Value::String(value.clone()));
    }
}

/// A spec operation and the file that defines it.
type OpRef<'s> = (&'s SpecFile, &'s Operation);

/// Writes one service's document; holds what its parts share.
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
}
