//! An operation's pagination in the model: the parameters a stream sets page after page,
//! where the items are, and where the response says how paging goes on.

use super::{ServiceBuilder, rust_type};
use crate::model::*;
use codegen_spec::naming;
use codegen_spec::spec::resolve::Resolved;
use codegen_spec::spec::{self, Primitive, TypeExpr, TypeExprKind};

impl<'a> ServiceBuilder<'a> {
    pub(super) fn pagination(
        &self,
        op: &'a spec::Operation,
        envelope: Option<&'a spec::Envelope>,
        reference: &spec::PaginationRef,
        params: &[Param],
    ) -> Option<Pagination> {
        let (_, scheme) = self
            .definition
            .pagination
            .iter()
            .find(|(name, _)| name.value == reference.scheme.value)?;
        let param_ident = |name: &str| {
            params
                .iter()
                .find(|p| p.name == name)
                .map(|p| p.ident.clone())
        };
        let param_kind = |name: &str| {
            op.query_params
                .iter()
                .find(|p| p.name.value == name)
                .map_or(NumberKind::Float, |p| self.number_kind(&p.ty))
        };
        let (item, items) = self.items(op, reference.items.as_ref())?;
        match scheme {
            spec::PaginationScheme::Page {
                page_param,
                per_page_param,
                info,
                page_field,
                per_page_field,
                total_pages_field,
                ..
            } => {
                let info = match info {
                    Some(info) => {
                        let (info_def, info_type) = self.info(envelope?, info)?;
                        let figure = |name: &Option<spec::Spanned<String>>| {
                            let name = name.as_ref()?;
                            self.wire_field(info_type, name)
                                .map(|f| (naming::snake_ident(name), f.may_be_missing()))
                        };
                        let kind = [page_field, per_page_field, total_pages_field]
                            .into_iter()
                            .flatten()
                            .find_map(|name| self.wire_field(info_type, name))
                            .map_or(NumberKind::Float, |f| self.number_kind(&f.ty));
                        Some(PageFigures {
                            info_field: naming::snake_ident(info),
                            info_optional: info_def.may_be_missing(),
                            page: figure(page_field),
                            per_page: figure(per_page_field),
                            total_pages: figure(total_pages_field),
                            kind,
                        })
                    }
                    None => None,
                };
                Some(Pagination::Page {
                    page_param: param_ident(page_param)?,
                    page_kind: param_kind(page_param),
                    per_page_param: param_ident(per_page_param)?,
                    per_page_kind: param_kind(per_page_param),
                    item,
                    items,
                    info,
                })
            }
            spec::PaginationScheme::Cursor {
                cursor_param,
                cursor_field,
                cursor_in,
                ..
            } => {
                let cursor = match cursor_in {
                    spec::CursorIn::Result => {
                        let result_type = result_name(op)?;
                        let f = self.wire_field(result_type, cursor_field)?;
                        CursorSource::Result {
                            field: naming::snake_ident(cursor_field),
                            optional: f.may_be_missing(),
                        }
                    }
                    spec::CursorIn::Info(info) => {
                        let (info_def, info_type) = self.info(envelope?, info)?;
                        let f = self.wire_field(info_type, cursor_field)?;
                        CursorSource::Info {
                            info_field: naming::snake_ident(info),
                            info_optional: info_def.may_be_missing(),
                            field: naming::snake_ident(cursor_field),
                            optional: f.may_be_missing(),
                        }
                    }
                };
                Some(Pagination::Cursor {
                    cursor_param: param_ident(cursor_param)?,
                    item,
                    items,
                    cursor,
                })
            }
        }
    }

    /// The item type and where the items are: the result array, or its field `items`.
    fn items(
        &self,
        op: &'a spec::Operation,
        items: Option<&spec::Spanned<String>>,
    ) -> Option<(RustType, Items)> {
        let Some(items) = items else {
            return match op.response.ty.as_ref().map(rust_type) {
                Some(RustType::Vec(item)) => Some((*item, Items::Result)),
                _ => None,
            };
        };
        let field = self.wire_field(result_name(op)?, items)?;
        match rust_type(&field.ty) {
            RustType::Vec(item) => Some((
                *item,
                Items::Field {
                    field: naming::snake_ident(items),
                    optional: field.may_be_missing(),
                },
            )),
            _ => None,
        }
    }

    /// The envelope field that holds the paging information, and its object type's name.
    fn info(
        &self,
        envelope: &'a spec::Envelope,
        info: &str,
    ) -> Option<(&'a spec::FieldDef, &'a str)> {
        let info_def = self.wire_field(&envelope.ty, info)?;
        match &info_def.ty.kind {
            TypeExprKind::Named(name) => Some((info_def, name.as_str())),
            _ => None,
        }
    }

    fn number_kind(&self, expr: &TypeExpr) -> NumberKind {
        match self.index.resolve(expr) {
            Resolved::Primitive(Primitive::Integer) => NumberKind::Integer,
            _ => NumberKind::Float,
        }
    }
}

/// The name of the result's object type.
fn result_name(op: &spec::Operation) -> Option<&str> {
    match op.response.ty.as_ref().map(|t| &t.kind) {
        Some(TypeExprKind::Named(name)) => Some(name),
        _ => None,
    }
}
