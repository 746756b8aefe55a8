//! Builds the model from a valid spec: names become identifiers, type expressions Rust
//! types, and operations the parts their request builders are made of.

mod constructors;
mod envelopes;
mod features;
mod operations;
mod pagination;
mod sides;
mod values;

use values::{deprecation, value_rules_doc};

use std::collections::{BTreeMap, BTreeSet};

use super::graph::TypeGraph;
use super::*;
use codegen_spec::diagnostics::{Diagnostics, Sink};
use codegen_spec::naming::{self, generated};
use codegen_spec::spec::resolve::Index;
use codegen_spec::spec::{self, Primitive, TypeExpr, TypeExprKind};

/// Builds the model of a spec that passed validation.
pub fn build(spec: &spec::Spec) -> Result<Api, Diagnostics> {
    let mut sink = Sink::default();
    let services = spec
        .services
        .iter()
        .filter_map(|service| ServiceBuilder::new(service, &mut sink).map(|b| b.build()))
        .collect();
    sink.finish(Api { services })
}

struct ServiceBuilder<'a> {
    spec: &'a spec::ServiceSpec,
    definition: &'a spec::Definition,
    index: Index<'a>,
    graph: TypeGraph<'a>,
    sides: sides::Sides,
    /// Types only generated code uses: bodies the client builds by itself.
    internal_types: BTreeSet<String>,
    /// Variant types of tagged unions and the tag field their structs leave out.
    hidden_tags: BTreeMap<String, String>,
    /// Types sent as `multipart/form-data` bodies.
    multipart_types: BTreeSet<String>,
}

impl<'a> ServiceBuilder<'a> {
    fn new(spec: &'a spec::ServiceSpec, sink: &mut Sink) -> Option<Self> {
        let definition = spec.definition()?;
        let index = Index::new(spec, &mut Sink::default());
        let graph = TypeGraph::new(spec);
        let sides = sides::Sides::new(spec, &index, &graph);
        for (_, def) in spec.types() {
            let spec::TypeKind::Object(object) = &def.kind else {
                continue;
            };
            let name = def.name.as_str();
            let side = sides.of(name);
            if object.fields.iter().any(|f| f.read_only) && side.in_body && side.received {
                sink.error(
                    &def.name.loc,
                    format!(
                        "type \"{name}\" has read-only fields and is used both in a request and in a response; \
                         requests leave read-only fields out, so define separate request and response types"
                    ),
                );
            }
        }
        // A body with nothing to set that nothing else uses is the client's own business.
        let internal_types = spec
            .operations()
            .filter_map(|(_, op)| op.body.as_ref())
            .filter_map(|body| match &body.ty.kind {
                TypeExprKind::Named(name) => Some(name.as_str()),
                _ => None,
            })
            .filter(|name| has_nothing_to_set(&index, name))
            .filter(|name| !graph.is_referenced(name) && !sides.of(name).received)
            .map(str::to_owned)
            .collect();
        let mut hidden_tags = BTreeMap::new();
        for (_, def) in spec.types() {
            if let spec::TypeKind::TaggedUnion(union) = &def.kind {
                for variant in &union.variants {
                    hidden_tags.insert(variant.ty.value.clone(), union.tag.value.clone());
                }
            }
        }
        let multipart_types = spec
            .operations()
            .filter_map(|(_, op)| op.body.as_ref())
            .filter(|body| matches!(body.content_type, spec::BodyEncoding::Multipart(_)))
            .filter_map(|body| match &body.ty.kind {
                TypeExprKind::Named(name) => Some(name.clone()),
                _ => None,
            })
            .collect();
        Some(Self {
            spec,
            definition,
            index,
            graph,
            sides,
            internal_types,
            hidden_tags,
            multipart_types,
        })
    }

    fn build(&self) -> Service {
        let name = self.spec.name.clone();
        let mut service = Service {
            type_name: generated::service_type(&name),
            client_name: generated::client_type(&name),
            title: self.definition.title.clone(),
            description: self.definition.description.clone(),
            base_urls: self.base_urls(),
            token_env: self.definition.environment.token.clone(),
            base_url_env: self.definition.environment.base_url.clone(),
            auth_description: self.definition.auth.description().map(str::to_owned),
            api_key: self.api_key(),
            error_codes: self
                .definition
                .error
                .codes
                .iter()
                .map(|c| ErrorCode {
                    code: c.code.value,
                    ident: c.name.value.clone(),
                    message: c.message.clone(),
                    docs: Docs::default().with(c.description.clone().unwrap_or_default()),
                })
                .collect(),
            headers: headers(&self.definition.headers),
            envelopes: self.envelopes().map(|e| self.envelope(e)).collect(),
            error: self.error_body(),
            error_items: self.error_items(),
            rate_limit: match &self.definition.rate_limit {
                None => RateLimit::None,
                Some(spec::RateLimit::Separate {
                    limit_header,
                    remaining_header,
                    reset_header,
                    ..
                }) => RateLimit::Separate {
                    limit: limit_header.clone(),
                    remaining: remaining_header.clone(),
                    reset: reset_header.clone(),
                },
                Some(spec::RateLimit::Structured {
                    header,
                    policy_header,
                    ..
                }) => RateLimit::Structured {
                    header: header.clone(),
                    policy: policy_header.clone(),
                },
            },
            modules: self.modules(),
            name,
        };
        constructors::decide(&mut service);
        features::decide(self.spec, &mut service);
        service
    }

    fn api_key(&self) -> Option<ApiKey> {
        let scheme = self
            .definition
            .auth
            .schemes
            .iter()
            .find_map(|s| match &s.kind {
                spec::AuthKind::ApiKey(key) => Some((key, s.description.clone())),
                spec::AuthKind::Bearer => None,
            })?;
        let (key, description) = scheme;
        Some(ApiKey {
            email_header: key.email_header.value.clone(),
            key_header: key.key_header.value.clone(),
            email_env: key.email_env.clone(),
            key_env: key.key_env.clone(),
            description,
        })
    }

    fn base_urls(&self) -> Vec<BaseUrl> {
        self.definition
            .base_urls
            .iter()
            .map(|b| BaseUrl {
                const_name: format!("BASE_URL_{}", naming::screaming(&b.name)),
                url: b.url.value.clone(),
                variables: codegen_spec::spec::template::url_variables(&b.url).unwrap_or_default(),
                description: b.description.clone(),
                default: b.default,
            })
            .collect()
    }

    fn object(&self, name: &str) -> Option<&'a spec::ObjectDef> {
        match self.index.resolve_name(name).map(|d| &d.kind) {
            Some(spec::TypeKind::Object(object)) => Some(object),
            _ => None,
        }
    }

    fn wire_field(&self, type_name: &str, json_name: &str) -> Option<&'a spec::FieldDef> {
        let object = self.object(type_name)?;
        self.index
            .wire_fields(object)
            .into_iter()
            .find(|f| f.name.value == json_name)
    }

    /// Resource modules in name order, then `types`.
    fn modules(&self) -> Vec<Module> {
        let mut by_name: BTreeMap<String, Vec<&'a spec::SpecFile>> = BTreeMap::new();
        for file in &self.spec.files {
            let name = file
                .resource
                .as_ref()
                .map_or(generated::TYPES_MODULE.to_owned(), |r| r.value.clone());
            by_name.entry(name).or_default().push(file);
        }
        let types_module = by_name.remove(generated::TYPES_MODULE);
        by_name
            .into_iter()
            .chain(types_module.map(|files| (generated::TYPES_MODULE.to_owned(), files)))
            .map(|(name, files)| {
                let operations: Vec<Operation> = files
                    .iter()
                    .flat_map(|f| f.operations.iter().map(move |op| (*f, op)))
                    .map(|(file, op)| self.operation(&name, file, op))
                    .collect();
                let mut types: Vec<TypeDef> = files
                    .iter()
                    .flat_map(|f| f.types.iter().map(move |t| (f, t)))
                    .map(|(file, def)| self.type_def(file, def))
                    .collect();
                // What responses carry besides their result sits beside the envelope.
                let metas: Vec<TypeDef> = self
                    .envelopes()
                    .filter_map(|e| self.response_meta(e, &types))
                    .collect();
                types.extend(metas);
                Module {
                    description: files.iter().find_map(|f| f.description.clone()),
                    types,
                    api_name: (!operations.is_empty()).then(|| generated::resource_api(&name)),
                    feature: None,
                    needs: Vec::new(),
                    operations,
                    name,
                }
            })
            .collect()
    }

    fn type_def(&self, file: &spec::SpecFile, def: &'a spec::TypeDef) -> TypeDef {
        let name = def.name.value.clone();
        let kind = match &def.kind {
            spec::TypeKind::Object(object) => TypeKind::Struct(self.structure(def, object)),
            spec::TypeKind::Enum(e) => TypeKind::Enum(Enum {
                variants: e
                    .values
                    .iter()
                    .map(|v| EnumVariant {
                        value: v.value.value.clone(),
                        ident: naming::variant_ident(&v.value),
                        docs: Docs::default().with(v.description.clone().unwrap_or_default()),
                    })
                    .collect(),
            }),
            spec::TypeKind::Union(union) => TypeKind::Union(Union {
                variants: union
                    .variants
                    .iter()
                    .map(|v| UnionVariant {
                        ident: naming::type_ident(&v.name),
                        ty: self.member_type(&name, &v.ty),
                        docs: Docs::default().with(v.description.clone().unwrap_or_default()),
                    })
                    .collect(),
            }),
            spec::TypeKind::TaggedUnion(union) => TypeKind::Tagged(Tagged {
                tag: union.tag.value.clone(),
                fallback: union.fallback,
                variants: union
                    .variants
                    .iter()
                    .map(|v| TaggedVariant {
                        value: v.value.value.clone(),
                        ident: v.ident(),
                        ty: self.boxed_if_cycle(&name, &v.ty, RustType::Named(v.ty.value.clone())),
                        docs: Docs::default().with(v.description.clone().unwrap_or_default()),
                    })
                    .collect(),
            }),
            spec::TypeKind::Alias(target) => TypeKind::Alias(rust_type(target)),
        };
        TypeDef {
            docs: Docs::default().with(def.description.clone().unwrap_or_default()),
            source: def.source.clone().or_else(|| Some(file.source.clone())),
            kind,
            internal: self.internal_types.contains(name.as_str()),
            side: self.sides.of(&name),
            name,
        }
    }

    fn structure(&self, def: &spec::TypeDef, object: &'a spec::ObjectDef) -> Struct {
        let owner = def.name.as_str();
        let is_request = self.sides.of(owner).in_body;
        let hidden_tag = self.hidden_tags.get(owner);
        let generic_field = self
            .envelopes()
            .find(|e| e.ty.value == owner)
            .map(|e| e.result.value.clone());
        let one_of: BTreeSet<&str> = object.require_one_of.iter().map(|n| n.as_str()).collect();
        let fields: Vec<Field> = object
            .fields
            .iter()
            .filter(|f| !(is_request && f.read_only))
            .filter(|f| Some(&f.name.value) != hidden_tag)
            .map(|f| {
                let mut docs = Docs::default().with(f.description.clone().unwrap_or_default());
                docs.push(value_rules_doc(
                    f.format.as_ref().map(|f| f.value),
                    &f.bounds,
                ));
                if f.read_only {
                    docs.push("Read-only: set by the server.");
                }
                if f.unique_items {
                    docs.push("Items are unique.");
                }
                if let Some(constant) = &f.constant {
                    docs.push(format!("Always `{}` on the wire.", constant.value));
                }
                let ty = if generic_field.as_deref() == Some(f.name.as_str()) {
                    RustType::Generic
                } else if let Some(format) = f.format.as_ref().filter(|f| f.value.is_typed()) {
                    // Validated: only strings have a format.
                    RustType::Formatted(format.value)
                } else {
                    self.member_type(owner, &f.ty)
                };
                Field {
                    json_name: f.name.value.clone(),
                    ident: naming::snake_ident(&f.name),
                    ty,
                    optional: !f.required && !f.flatten,
                    nullable: f.nullable,
                    read_only: f.read_only,
                    flatten: f.flatten,
                    unique_items: f.unique_items,
                    constant: f.constant.as_ref().map(|c| c.value.clone()),
                    in_one_of: one_of.contains(f.name.as_str()),
                    deprecated: deprecation(f.deprecated.as_ref()),
                    docs,
                }
            })
            .collect();
        let one_of = fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.in_one_of)
            .map(|(i, _)| i)
            .collect();
        Struct {
            fields,
            generic_field: generic_field.map(|g| naming::snake_ident(&g)),
            one_of,
            is_request,
            is_multipart: self.multipart_types.contains(owner),
            // Decided once every struct is built: see `constructors`.
            required_struct: None,
        }
    }

    /// The Rust type of a field or variant of `owner`, boxed where it closes a cycle.
    fn member_type(&self, owner: &str, expr: &TypeExpr) -> RustType {
        let ty = rust_type(expr);
        match &expr.kind {
            TypeExprKind::Named(target) => self.boxed_if_cycle(owner, target, ty),
            _ => ty,
        }
    }

    fn boxed_if_cycle(&self, owner: &str, target: &str, ty: RustType) -> RustType {
        if self.graph.needs_box(owner, target) {
            RustType::Boxed(Box::new(ty))
        } else {
            ty
        }
    }
}

/// The named types a type expression names, as roots of reachability.
pub(super) fn graph_roots<'a>(expr: &'a TypeExpr, roots: &mut Vec<&'a str>) {
    super::graph::references(expr, false, &mut |name, _| roots.push(name));
}

fn headers(headers: &[spec::Header]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|h| (h.name.value.clone(), h.value.clone()))
        .collect()
}

/// The Rust type of a type expression.
pub(crate) fn rust_type(expr: &TypeExpr) -> RustType {
    match &expr.kind {
        TypeExprKind::Primitive(Primitive::String) => RustType::String,
        TypeExprKind::Primitive(Primitive::Integer) => RustType::I64,
        TypeExprKind::Primitive(Primitive::Number) => RustType::F64,
        TypeExprKind::Primitive(Primitive::Boolean) => RustType::Bool,
        TypeExprKind::Primitive(Primitive::Unknown) => RustType::Json,
        TypeExprKind::Primitive(Primitive::Bytes) => RustType::Bytes,
        TypeExprKind::Primitive(Primitive::File) => RustType::File,
        TypeExprKind::Named(name) => RustType::Named(name.clone()),
        TypeExprKind::Array(inner) => RustType::Vec(Box::new(rust_type(inner))),
        TypeExprKind::Map(inner) => RustType::Map(Box::new(rust_type(inner))),
    }
}

/// Whether the object type `name` has nothing to set (`{"clear_cache": true}`: only
/// constant or read-only fields), so that a method sending it builds it by itself.
pub(super) fn has_nothing_to_set(index: &Index<'_>, name: &str) -> bool {
    let Some(spec::TypeKind::Object(object)) = index.resolve_name(name).map(|def| &def.kind) else {
        return false;
    };
    let fields = index.wire_fields(object);
    !fields.is_empty() && fields.iter().all(|f| f.constant.is_some() || f.read_only)
}

#[cfg(test)]
mod tests {
    use crate::model::{Api, PathPart, TypeKind};
    use codegen_spec::test_support::{items_file, load};

    fn build(types: &str, operations: &str) -> Api {
        let spec = load(&items_file(types, operations)).unwrap_or_else(|e| panic!("{e}"));
        super::build(&spec).unwrap_or_else(|e| panic!("{e}"))
    }

    const ITEM: &str = r#"{ "Item": { "kind": "object", "fields": {
        "id": { "type": "string", "read_only": true },
        "name": { "type": "string", "required": true } } } }"#;

    const OPERATIONS: &str = r#"[{ "id": "update", "summary": "Update", "method": "PATCH",
        "path": "/items/{item_id}/name", "path_params": [{ "name": "item_id", "type": "string" }],
        "body": { "type": "Item" }, "response": { "status": 200, "type": "string" } }]"#;

    #[test]
    fn request_types_lose_their_read_only_fields() {
        let api = build(ITEM, OPERATIONS);
        let item = api.services[0]
            .types()
            .find(|t| t.name == "Item")
            .unwrap_or_else(|| panic!("no Item"));
        let TypeKind::Struct(item) = &item.kind else {
            panic!("Item is not a struct")
        };
        assert!(item.is_request);
        let fields: Vec<&str> = item.fields.iter().map(|f| f.json_name.as_str()).collect();
        assert_eq!(fields, ["name"]);
    }

    #[test]
    fn paths_are_literals_and_parameters() {
        let api = build(ITEM, OPERATIONS);
        let op = api.services[0]
            .operations()
            .next()
            .unwrap_or_else(|| panic!("no operation"));
        assert_eq!(
            op.path_parts,
            [
                PathPart::Literal("/items/".to_owned()),
                PathPart::Param(0),
                PathPart::Literal("/name".to_owned())
            ]
        );
        assert_eq!(op.full_id, "svc.items.update");
    }
}
