//! The service's envelopes, their meta types, and the error body and items the client
//! reads errors from.

use std::collections::BTreeSet;

use super::ServiceBuilder;
use crate::model::*;
use codegen_spec::naming::{self, generated};
use codegen_spec::spec::resolve::Resolved;
use codegen_spec::spec::{self, Primitive, TypeExpr, TypeExprKind};

impl<'a> ServiceBuilder<'a> {
    /// The service's envelopes, each once: its own first, then the files' and the
    /// operations'.
    pub(super) fn envelopes(&self) -> impl Iterator<Item = &'a spec::Envelope> {
        let mut seen = BTreeSet::new();
        self.spec
            .envelopes()
            .filter(move |e| seen.insert(e.ty.value.as_str()))
    }

    pub(super) fn meta_name(&self, envelope: &spec::Envelope) -> String {
        let is_service = self
            .definition
            .envelope
            .as_ref()
            .is_some_and(|e| e.ty.value == envelope.ty.value);
        generated::envelope_meta(&envelope.ty, is_service)
    }

    pub(super) fn envelope(&self, envelope: &'a spec::Envelope) -> Envelope {
        let fields = self
            .object(&envelope.ty)
            .map(|object| {
                object
                    .fields
                    .iter()
                    .map(|f| naming::snake_ident(&f.name))
                    .collect()
            })
            .unwrap_or_default();
        // The envelope's errors become details when their items are error objects.
        let errors_field = envelope.errors.as_ref().and_then(|errors| {
            let field = self.wire_field(&envelope.ty, errors)?;
            let item = array_item_name(&field.ty)?;
            self.error_item(item)?;
            Some((naming::snake_ident(errors), field.may_be_missing()))
        });
        Envelope {
            type_name: envelope.ty.value.clone(),
            meta_name: self.meta_name(envelope),
            result_field: naming::snake_ident(&envelope.result),
            success_field: envelope.success.as_ref().map(|s| naming::snake_ident(s)),
            errors_field,
            fields,
            wire: EnvelopeWire {
                result: envelope.result.value.clone(),
                success: envelope.success.as_ref().map(|s| s.value.clone()),
                errors: envelope.errors.as_ref().map(|e| e.value.clone()),
                messages: envelope.messages.as_ref().map(|m| m.value.clone()),
            },
            // Decided with the features, once every module's is known.
            feature: None,
        }
    }

    fn error_item_name(&self) -> Option<&'a str> {
        let error = &self.definition.error;
        self.wire_field(&error.ty, &error.errors)
            .and_then(|f| array_item_name(&f.ty))
    }

    pub(super) fn error_body(&self) -> ErrorBody {
        let error = &self.definition.error;
        ErrorBody {
            type_name: error.ty.value.clone(),
            errors_json: error.errors.value.clone(),
            item_type: self.error_item_name().unwrap_or_default().to_owned(),
            code_json: error.code.as_ref().map(|c| c.value.clone()),
            message_json: error.message.value.clone(),
        }
    }

    /// An object type with the error definition's message field (and code field, if
    /// it has one) as an error item.
    fn error_item(&self, type_name: &str) -> Option<ErrorItem> {
        let error = &self.definition.error;
        let message = self.wire_field(type_name, &error.message)?;
        let code = error
            .code
            .as_ref()
            .and_then(|c| self.wire_field(type_name, c));
        Some(ErrorItem {
            type_name: type_name.to_owned(),
            code_field: code.map(|f| {
                let kind = match self.index.resolve(&f.ty) {
                    Resolved::Primitive(Primitive::Integer) => NumberKind::Integer,
                    _ => NumberKind::Float,
                };
                (naming::snake_ident(&f.name), kind, f.may_be_missing())
            }),
            message_field: (
                naming::snake_ident(&error.message),
                message.may_be_missing(),
            ),
            feature: None,
        })
    }

    /// The error body's item type, then those of the envelopes' error lists.
    pub(super) fn error_items(&self) -> Vec<ErrorItem> {
        let envelope_items = self.envelopes().filter_map(|e| {
            let field = self.wire_field(&e.ty, e.errors.as_ref()?)?;
            array_item_name(&field.ty)
        });
        let mut seen = BTreeSet::new();
        self.error_item_name()
            .into_iter()
            .chain(envelope_items)
            .filter(|name| seen.insert(*name))
            .filter_map(|name| self.error_item(name))
            .collect()
    }

    /// The envelope's members but its result and its success flag, which a response that
    /// decoded has always had (`true`): what `send_with_response` gives besides the
    /// result. `None` when `types` do not hold the envelope.
    pub(super) fn response_meta(
        &self,
        envelope: &spec::Envelope,
        types: &[TypeDef],
    ) -> Option<TypeDef> {
        let def = types.iter().find(|t| t.name == envelope.ty.value)?;
        let TypeKind::Struct(structure) = &def.kind else {
            return None;
        };
        let result = naming::snake_ident(&envelope.result);
        let success = envelope.success.as_ref().map(|s| naming::snake_ident(s));
        let fields = structure
            .fields
            .iter()
            .filter(|f| f.ident != result && Some(&f.ident) != success.as_ref())
            .cloned()
            .collect();
        Some(TypeDef {
            name: self.meta_name(envelope),
            docs: Docs::default().with(format!(
                "What a successful response carries besides its result: the members of `{}` other than `{}`{}.",
                envelope.ty.value,
                envelope.result.value,
                envelope
                    .success
                    .as_ref()
                    .map(|s| format!(" and `{}` (always true when a result arrives)", s.value))
                    .unwrap_or_default()
            )),
            source: None,
            kind: TypeKind::Struct(Struct {
                fields,
                generic_field: None,
                one_of: Vec::new(),
                is_request: false,
                is_multipart: false,
                required_struct: None,
            }),
            internal: false,
            // Read with every successful response, beside its result.
            side: Side {
                response: true,
                received: true,
                ..Side::default()
            },
        })
    }
}

fn array_item_name(expr: &TypeExpr) -> Option<&str> {
    match &expr.kind {
        TypeExprKind::Array(inner) => match &inner.kind {
            TypeExprKind::Named(name) => Some(name),
            _ => None,
        },
        _ => None,
    }
}
