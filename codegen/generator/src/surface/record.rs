//! Building the record from the model: what users of the generated crate name and see.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::Surface;
use super::item::{
    FieldItem, Item, OperationItem, Paging, ParamItem, TypeItem, TypeItemKind, TypeSide, quoted,
};
use crate::model::{
    Api, Docs, Field, Module, Operation, Pagination, RustType, Service, TypeDef, TypeKind,
};
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
    items: &'a mut BTreeMap<String, Item>,
}

impl ServiceRecord<'_> {
    fn put(&mut self, key: String, item: Item) {
        self.items.insert(key, item);
    }

    fn record(&mut self) {
        let name = &self.service.name;
        self.put(
            name.clone(),
            Item::Service {
                client: self.service.client_name.clone(),
                feature: name.clone(),
            },
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
                Item::Resource { api: api.clone() },
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
        let item = OperationItem {
            method: op.method.as_str().to_owned(),
            path: op.path.clone(),
            result: rust(&op.response),
            status: op.status,
            paging: op.pagination.as_ref().map(|pagination| match pagination {
                Pagination::Page { .. } => Paging::Page,
                Pagination::Cursor { .. } => Paging::Cursor,
            }),
            no_token: !op.authenticated,
        };
        self.put(key.clone(), Item::Operation(item));
        for param in &op.params {
            let item = ParamItem {
                location: param.location,
                ty: rust(&param.ty),
                required: param.required,
                setter: (!param.required)
                    .then(|| codegen_spec::naming::unraw(&param.ident).to_owned()),
                secret: param.secret,
            };
            let param_key = format!("{key}({})", param.name);
            self.put(param_key.clone(), Item::Param(item));
            self.docs(&param_key, &param.docs);
        }
        if let Some(body) = &op.body {
            let item = Item::Body {
                ty: rust(&body.ty),
                variant_of: body.variant_of.as_ref().map(|(union, _)| union.clone()),
            };
            self.put(format!("{key}(body)"), item);
        }
        let doc = std::iter::once(op.summary.clone())
            .chain(op.description.clone())
            .collect();
        self.put(format!("{key}#doc"), Item::Docs(doc));
        let examples = self.examples_digest(op);
        self.put(format!("{key}#examples"), examples);
    }

    /// How many examples an operation has and a digest of them: a changed example
    /// changes the docs and tests, not the API.
    fn examples_digest(&self, op: &Operation) -> Item {
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
        Item::Examples {
            count: examples.len(),
            digest: hex,
        }
    }

    fn type_def(&mut self, def: &TypeDef, module: &str) {
        let service = &self.service.name;
        let key = format!("{service}::{}", def.name);
        let kind = match &def.kind {
            TypeKind::Struct(s) => TypeItemKind::Struct {
                new: s.required_struct.clone(),
            },
            TypeKind::Enum(_) => TypeItemKind::Enum,
            TypeKind::Union(_) => TypeItemKind::Union,
            TypeKind::Tagged(tagged) => TypeItemKind::Tagged {
                tag: tagged.tag.clone(),
                fallback: tagged.fallback,
            },
            TypeKind::Alias(target) => TypeItemKind::Alias(rust(target)),
        };
        let item = TypeItem {
            kind,
            side: TypeSide::new(def.side.request, def.side.response),
            module: module.to_owned(),
        };
        self.put(key.clone(), Item::Type(item));
        self.docs(&key, &def.docs);
        match &def.kind {
            TypeKind::Struct(object) => {
                for field in &object.fields {
                    self.field(&key, field);
                }
            }
            TypeKind::Enum(enumeration) => {
                for variant in &enumeration.variants {
                    let ident = variant.ident.clone();
                    self.member(
                        &key,
                        &quoted(&variant.value),
                        Item::Value { ident },
                        &variant.docs,
                    );
                }
            }
            TypeKind::Union(union) => {
                for variant in &union.variants {
                    let ty = rust(&variant.ty);
                    let item = Item::Variant { ident: None, ty };
                    self.member(&key, &variant.ident, item, &variant.docs);
                }
            }
            TypeKind::Tagged(tagged) => {
                for variant in &tagged.variants {
                    let ident = Some(variant.ident.clone());
                    let item = Item::Variant {
                        ident,
                        ty: rust(&variant.ty),
                    };
                    self.member(&key, &quoted(&variant.value), item, &variant.docs);
                }
            }
            TypeKind::Alias(_) => {}
        }
    }

    /// A member of the type `owner`, under `name`, and its docs.
    fn member(&mut self, owner: &str, name: &str, item: Item, docs: &Docs) {
        let key = format!("{owner}.{name}");
        self.put(key.clone(), item);
        self.docs(&key, docs);
    }

    fn field(&mut self, owner: &str, field: &Field) {
        // The type users see: a required but nullable field is an `Option` too.
        let ty = if field.is_wrapped() {
            format!("Option<{}>", rust(&field.ty))
        } else {
            rust(&field.ty)
        };
        let item = FieldItem {
            ident: codegen_spec::naming::unraw(&field.ident).to_owned(),
            ty,
            required: !field.optional,
            nullable: field.nullable,
            read_only: field.read_only,
            flatten: field.flatten,
            unique: field.unique_items,
            one_of: field.in_one_of,
            constant: field.constant.as_ref().map(ToString::to_string),
        };
        self.member(owner, &field.json_name, Item::Field(item), &field.docs);
    }

    fn docs(&mut self, key: &str, docs: &Docs) {
        if !docs.0.is_empty() {
            self.put(format!("{key}#doc"), Item::Docs(docs.0.clone()));
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
