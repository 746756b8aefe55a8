//! Building the record from the model: what users of the generated crate name and see.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::Surface;
use crate::model::{Api, Docs, Field, Module, Operation, RustType, Service, TypeDef, TypeKind};
use codegen_spec::spec::Spec;

/// The record of a spec's generated API. `spec` gives each operation's examples, which
/// the generated docs and tests use.
pub fn record(spec: &Spec, api: &Api) -> Surface {
    let mut items = BTreeMap::new();
    for service in &api.services {
        ServiceRecord {
            service,
            spec,
            items: &mut items,
        }
        .record();
    }
    Surface { items }
}

struct ServiceRecord<'a> {
    service: &'a Service,
    spec: &'a Spec,
    items: &'a mut BTreeMap<String, String>,
}

impl ServiceRecord<'_> {
    fn put(&mut self, key: String, value: String) {
        self.items.insert(key, value);
    }

    fn record(&mut self) {
        let name = &self.service.name;
        self.put(
            name.clone(),
            format!("service {} feature={name}", self.service.client_name),
        );
        for module in &self.service.modules {
            self.module(module);
        }
    }

    fn module(&mut self, module: &Module) {
        let service = &self.service.name;
        if let Some(api) = &module.api_name {
            self.put(
                format!("{service}.{}", module.name),
                format!("resource {api}"),
            );
        }
        for op in &module.operations {
            self.operation(&format!("{service}.{}", module.name), op);
        }
        for def in module.types.iter().filter(|def| !def.internal) {
            self.type_def(def, &module.name);
        }
    }

    fn operation(&mut self, prefix: &str, op: &Operation) {
        let key = format!("{prefix}.{}", op.id);
        let mut what = format!(
            "operation {} {} -> {} ({})",
            op.method.as_str(),
            op.path,
            rust(&op.response),
            op.status
        );
        if let Some(pagination) = &op.pagination {
            what.push_str(match pagination {
                crate::model::Pagination::Page { .. } => " paged",
                crate::model::Pagination::Cursor { .. } => " cursor",
            });
        }
        if !op.authenticated {
            what.push_str(" no-token");
        }
        self.put(key.clone(), what);
        for param in &op.params {
            let location = param.location.as_str();
            let mut what = format!(
                "{location} parameter {} {}",
                rust(&param.ty),
                if param.required {
                    "required"
                } else {
                    "optional"
                }
            );
            if !param.required {
                what.push_str(&format!(
                    " setter={}",
                    codegen_spec::naming::unraw(&param.ident)
                ));
            }
            if param.secret {
                what.push_str(" secret");
            }
            let param_key = format!("{key}({})", param.name);
            self.put(param_key.clone(), what);
            self.docs(&param_key, &param.docs);
        }
        if let Some(body) = &op.body {
            let mut what = format!("body {}", rust(&body.ty));
            if let Some((union, _)) = &body.variant_of {
                what.push_str(&format!(" variant-of={union}"));
            }
            self.put(format!("{key}(body)"), what);
        }
        let mut doc = quoted(&op.summary);
        if let Some(description) = &op.description {
            doc.push(' ');
            doc.push_str(&quoted(description));
        }
        self.put(format!("{key}#doc"), doc);
        let examples = self.examples_digest(op);
        self.put(format!("{key}#examples"), examples);
    }

    /// How many examples an operation has and a digest of them: a changed example
    /// changes the docs and tests, not the API.
    fn examples_digest(&self, op: &Operation) -> String {
        let examples: Vec<serde_json::Value> = self
            .spec
            .services
            .iter()
            .filter(|s| s.name == self.service.name)
            .flat_map(|s| s.operations())
            .filter(|(file, spec_op)| {
                let resource = file.resource.as_ref().map_or("", |r| r.value.as_str());
                format!("{}.{resource}.{}", self.service.name, spec_op.id.value) == op.full_id
            })
            .flat_map(|(_, spec_op)| &spec_op.examples)
            .map(|example| {
                let pairs = |pairs: &[(codegen_spec::spec::Spanned<String>, codegen_spec::json::Node)]| {
                    pairs
                        .iter()
                        .map(|(name, value)| (name.value.clone(), value.to_json()))
                        .collect::<serde_json::Map<_, _>>()
                };
                serde_json::json!({
                    "path": pairs(&example.request.path),
                    "query": pairs(&example.request.query),
                    "request": example.request.body.as_ref().map(codegen_spec::json::Node::to_json),
                    "status": example.response.status.value,
                    "response": example.response.body.as_ref().map(codegen_spec::json::Node::to_json),
                })
            })
            .collect();
        let digest = Sha256::digest(serde_json::Value::from(examples.clone()).to_string());
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        format!("{} sha256:{hex}", examples.len())
    }

    fn type_def(&mut self, def: &TypeDef, module: &str) {
        let service = &self.service.name;
        let key = format!("{service}::{}", def.name);
        let kind = match &def.kind {
            TypeKind::Struct(s) => match &s.required_struct {
                Some(required) => format!("struct new={required}"),
                None => "struct".to_owned(),
            },
            TypeKind::Enum(_) => "enum".to_owned(),
            TypeKind::Union(_) => "union".to_owned(),
            TypeKind::Tagged(tagged) => format!(
                "tagged-union tag={}{}",
                quoted(&tagged.tag),
                if tagged.fallback { " fallback" } else { "" }
            ),
            TypeKind::Alias(target) => format!("alias {}", rust(target)),
        };
        self.put(
            key.clone(),
            format!("{kind} {} in={module}", def.side.name()),
        );
        self.docs(&key, &def.docs);
        match &def.kind {
            TypeKind::Struct(object) => {
                for field in &object.fields {
                    self.field(&key, field);
                }
            }
            TypeKind::Enum(enumeration) => {
                for variant in &enumeration.variants {
                    let value_key = format!("{key}.{}", quoted(&variant.value));
                    self.put(value_key.clone(), format!("value {}", variant.ident));
                    self.docs(&value_key, &variant.docs);
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    let variant_key = format!("{key}.{}", variant.ident);
                    self.put(
                        variant_key.clone(),
                        format!("variant {}", rust(&variant.ty)),
                    );
                    self.docs(&variant_key, &variant.docs);
                }
            }
            TypeKind::Tagged(tagged) => {
                for variant in &tagged.variants {
                    let variant_key = format!("{key}.{}", quoted(&variant.value));
                    self.put(
                        variant_key.clone(),
                        format!("variant {} {}", variant.ident, rust(&variant.ty)),
                    );
                    self.docs(&variant_key, &variant.docs);
                }
            }
            TypeKind::Alias(_) => {}
        }
    }

    fn field(&mut self, owner: &str, field: &Field) {
        let key = format!("{owner}.{}", field.json_name);
        // The type users see: a required but nullable field is an `Option` too.
        let ty = if field.is_wrapped() {
            format!("Option<{}>", rust(&field.ty))
        } else {
            rust(&field.ty)
        };
        let mut what = format!(
            "field {} {ty} {}",
            codegen_spec::naming::unraw(&field.ident),
            if field.optional {
                "optional"
            } else {
                "required"
            }
        );
        for (flag, set) in [
            ("nullable", field.nullable),
            ("read-only", field.read_only),
            ("flatten", field.flatten),
            ("unique", field.unique_items),
            ("one-of", field.in_one_of),
        ] {
            if set {
                what.push(' ');
                what.push_str(flag);
            }
        }
        if let Some(constant) = &field.constant {
            what.push_str(&format!(" constant={constant}"));
        }
        self.put(key.clone(), what);
        self.docs(&key, &field.docs);
    }

    fn docs(&mut self, key: &str, docs: &Docs) {
        if !docs.0.is_empty() {
            let text: Vec<String> = docs.0.iter().map(|p| quoted(p)).collect();
            self.put(format!("{key}#doc"), text.join(" "));
        }
    }
}

/// A Rust type as users write it.
fn rust(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".into(),
        RustType::I64 => "i64".into(),
        RustType::F64 => "f64".into(),
        RustType::Bool => "bool".into(),
        RustType::Json => "serde_json::Value".into(),
        RustType::Named(name) => name.clone(),
        RustType::Vec(inner) => format!("Vec<{}>", rust(inner)),
        RustType::Map(inner) => format!("BTreeMap<String,{}>", rust(inner)),
        RustType::Boxed(inner) => format!("Box<{}>", rust(inner)),
        RustType::Generic => "T".into(),
        RustType::Formatted(format) => format.rust_name().into(),
        RustType::Bytes => "Vec<u8>".into(),
        RustType::File => "FilePart".into(),
        RustType::Unit => "()".into(),
    }
}

/// Text in double quotes with JSON escapes: one line whatever it holds.
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}
