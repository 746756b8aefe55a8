//! Operations in the model: parameters, path parts, body, response and paging.

use super::{ServiceBuilder, headers, rust_type};
use crate::model::*;
use codegen_spec::naming::{self, generated};
use codegen_spec::spec;
use codegen_spec::spec::resolve::Resolved;
use codegen_spec::spec::template::{Part, Template};

impl<'a> ServiceBuilder<'a> {
    pub(super) fn operation(
        &self,
        resource: &str,
        file: &'a spec::SpecFile,
        op: &'a spec::Operation,
    ) -> Operation {
        // A response without a body comes in no envelope.
        let envelope = self
            .spec
            .envelope_of(file, op)
            .filter(|_| op.response.ty.is_some());
        let params: Vec<Param> = op
            .all_params()
            .map(|(location, p)| Param {
                name: p.name.value.clone(),
                ident: naming::snake_ident(&p.name),
                ty: rust_type(&p.ty),
                location,
                required: p.required,
                secret: p.secret,
                style: p.style.as_ref().map(|s| s.value).unwrap_or_default(),
                deprecated: super::values::deprecation(p.deprecated.as_ref()),
                docs: Docs::default()
                    .with(p.description.clone().unwrap_or_default())
                    .with(super::values::value_rules_doc(
                        p.format.as_ref().map(|f| f.value),
                        &p.bounds,
                    )),
            })
            .collect();
        let path_parts = path_parts(&op.path, &params);
        let body = op.body.as_ref().map(|body| self.body(body));
        let resolved = op
            .response
            .ty
            .as_ref()
            .map_or(Resolved::Invalid, |ty| self.index.resolve(ty));
        let (response, response_tag) = match (&op.response.variant, resolved) {
            (Some(variant), Resolved::TaggedUnion(_, union)) => (
                union
                    .variants
                    .iter()
                    .find(|v| v.value.value == variant.value)
                    .map_or(RustType::Json, |v| RustType::Named(v.ty.value.clone())),
                Some(union.tag.value.clone()),
            ),
            _ => (
                op.response.ty.as_ref().map_or(RustType::Unit, rust_type),
                None,
            ),
        };
        let example = op.examples.first().map(|e| OperationExample {
            params: e
                .request
                .path
                .iter()
                .chain(&e.request.query)
                .map(|(name, node)| (name.value.clone(), node.to_json()))
                .collect(),
            body: e.request.body.as_ref().map(|b| b.to_json()),
            response: (
                e.response.status.value,
                e.response.body.as_ref().map(|b| b.to_json()),
            ),
        });
        Operation {
            full_id: format!("{}.{resource}.{}", self.spec.name, op.id.value),
            builder_name: generated::builder(&op.id),
            id: op.id.value.clone(),
            method: op.method,
            path: op.path.value.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            scopes: op.scopes.clone(),
            permissions: op.permissions.clone(),
            deprecated: super::values::deprecation(op.deprecated.as_ref()),
            headers: headers(&op.headers),
            pagination: op
                .pagination
                .as_ref()
                .and_then(|p| self.pagination(op, envelope, p, &params)),
            status: op.response.status.value,
            params,
            path_parts,
            body,
            response,
            response_tag,
            response_page_name: op.response.page_name.as_ref().map(|n| n.value.clone()),
            envelope: envelope.map(|e| self.meta_name(e)),
            envelope_result: envelope.map(|e| e.result.value.clone()),
            authenticated: op.authenticated,
            idempotent_override: op
                .idempotent
                .as_ref()
                .map(|(idempotent, _)| *idempotent)
                .filter(|idempotent| *idempotent != op.method.is_idempotent()),
            example,
            errors: self.documented_errors(op),
        }
    }

    /// The errors the operation's examples document, each once, in their order: a
    /// non-2xx example whose body's first error has a code the service names.
    fn documented_errors(&self, op: &spec::Operation) -> Vec<DocumentedError> {
        let error = &self.definition.error;
        let Some(code_field) = &error.code else {
            return Vec::new();
        };
        let mut errors: Vec<DocumentedError> = Vec::new();
        for example in op
            .examples
            .iter()
            .filter(|e| e.response.status.value >= 400)
        {
            let Some(body) = example.response.body.as_ref().map(|b| b.to_json()) else {
                continue;
            };
            let first = body.get(&error.errors.value).and_then(|e| e.get(0));
            let code = first
                .and_then(|e| e.get(&code_field.value))
                .and_then(serde_json::Value::as_i64);
            let named = code.and_then(|code| error.codes.iter().find(|c| c.code.value == code));
            let (Some(code), Some(named)) = (code, named) else {
                continue;
            };
            let message = first
                .and_then(|e| e.get(&error.message.value))
                .and_then(serde_json::Value::as_str)
                .or(named.message.as_deref())
                .unwrap_or_default()
                .to_owned();
            let documented = DocumentedError {
                status: example.response.status.value,
                code,
                name: named.name.value.clone(),
                message,
            };
            if !errors.iter().any(|e| e.name == documented.name) {
                errors.push(documented);
            }
        }
        errors
    }

    pub(super) fn body(&self, body: &'a spec::Body) -> Body {
        let (ty, variant_of, type_name) = match (&body.variant, self.index.resolve(&body.ty)) {
            (Some(variant), Resolved::TaggedUnion(def, union)) => {
                let chosen = union
                    .variants
                    .iter()
                    .find(|v| v.value.value == variant.value);
                let ident = chosen.map(spec::TaggedVariant::ident);
                let variant_type = chosen.map(|v| v.ty.value.clone()).unwrap_or_default();
                (
                    RustType::Named(variant_type.clone()),
                    ident.map(|i| (def.name.value.clone(), i)),
                    Some(variant_type),
                )
            }
            (_, Resolved::Object(def, _)) => {
                (rust_type(&body.ty), None, Some(def.name.value.clone()))
            }
            _ => (rust_type(&body.ty), None, None),
        };
        // A body with nothing to set is built by the method.
        let implicit = type_name
            .as_deref()
            .is_some_and(|name| super::has_nothing_to_set(&self.index, name));
        Body {
            ty,
            variant_of,
            implicit,
            description: body.description.clone(),
            encoding: match &body.content_type {
                spec::BodyEncoding::Json => BodyEncoding::Json,
                spec::BodyEncoding::Multipart(_) => BodyEncoding::Multipart,
                spec::BodyEncoding::Raw(content_type) => {
                    BodyEncoding::Raw(content_type.value.clone())
                }
            },
            required: body.required,
        }
    }
}

/// Splits a validated path template into literals and parameters.
fn path_parts(template: &str, params: &[Param]) -> Vec<PathPart> {
    let parts = Template::parse(template)
        .map(|t| t.parts)
        .unwrap_or_default();
    parts
        .into_iter()
        .filter_map(|part| match part {
            Part::Literal(text) => Some(PathPart::Literal(text)),
            Part::Variable(name) => params
                .iter()
                .position(|p| p.location == ParamLocation::Path && p.name == name)
                .map(PathPart::Param),
        })
        .collect()
}
