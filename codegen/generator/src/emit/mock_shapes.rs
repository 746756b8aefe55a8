//! The static description of a service's operations that the mock runtime reads: each
//! operation's method, path, parameters, body and result tags, its envelope's JSON
//! names and its paging, so that a stub can match a request and write an answer.

use proc_macro2::TokenStream;
use quote::quote;

use super::Context;
use super::mocks::runtime;
use crate::model::{
    CursorSource, Envelope, Items, Module, Operation, Pagination, RustType, TypeKind,
};

/// The static description of the service and each operation.
pub(super) fn service_shape(cx: &Context<'_>, operations: &[(&Module, &Operation)]) -> TokenStream {
    let rt = runtime();
    let service = cx.service;
    let name = &service.name;
    let error = &service.error;
    let errors = &error.errors_json;
    let code = option_str(error.code_json.as_deref());
    let message = &error.message_json;
    let error_envelope = service
        .envelopes
        .iter()
        .position(|e| e.type_name == error.type_name)
        .map(|index| quote!(&ENVELOPES[#index]));
    let error_envelope = option_tokens(error_envelope);
    let envelopes: Vec<TokenStream> = service.envelopes.iter().map(envelope_shape).collect();
    let count = envelopes.len();
    let envelopes = (count > 0).then(|| {
        quote! {
            /// Every envelope of the service, as the mock runtime reads it.
            static ENVELOPES: [#rt::__private::EnvelopeShape; #count] = [#(#envelopes),*];
        }
    });
    let operations = operations
        .iter()
        .map(|(module, op)| operation_shape(cx, module, op));
    quote! {
        #envelopes

        /// Every operation of the service, as the mock runtime reads it.
        static SERVICE: #rt::__private::MockService = #rt::__private::MockService {
            name: #name,
            error: #rt::__private::ErrorShape {
                errors: #errors,
                code: #code,
                message: #message,
                envelope: #error_envelope,
            },
            operations: &[#(#operations),*],
        };
    }
}

fn envelope_shape(envelope: &Envelope) -> TokenStream {
    let rt = runtime();
    let wire = &envelope.wire;
    let result = &wire.result;
    let success = option_str(wire.success.as_deref());
    let errors = option_str(wire.errors.as_deref());
    let messages = option_str(wire.messages.as_deref());
    quote! {
        #rt::__private::EnvelopeShape {
            result: #result,
            success: #success,
            errors: #errors,
            messages: #messages,
        }
    }
}

fn operation_shape(cx: &Context<'_>, module: &Module, op: &Operation) -> TokenStream {
    let rt = runtime();
    let id = &op.full_id;
    let stub = format!("mock.{}().{}()", module.name, op.id);
    let method = op.method.as_str();
    let path = &op.path;
    let status = op.status;
    let has_result = op.response != RustType::Unit;
    let raw = op.answers_raw();
    let envelope = op.envelope.as_ref().and_then(|meta| envelope_of(cx, meta));
    let envelope_tokens = option_tokens(envelope.and_then(|envelope| {
        let index = cx
            .service
            .envelopes
            .iter()
            .position(|e| std::ptr::eq(e, envelope))?;
        Some(quote!(&ENVELOPES[#index]))
    }));
    let result_tag = option_pair(result_tag(cx, op));
    let body_tag = option_pair(body_tag(cx, op));
    let example = op.example.as_ref().map(|example| {
        let (status, body) = &example.response;
        // A raw success is the example's text itself; anything else its JSON.
        let text = body.as_ref().map(|b| match b {
            serde_json::Value::String(text) if raw && (200..300).contains(status) => text.clone(),
            other => other.to_string(),
        });
        let body = option_str(text.as_deref());
        quote!((#status, #body))
    });
    let example = option_tokens(example);
    let paging = option_tokens(
        op.pagination
            .as_ref()
            .map(|p| paging_shape(cx, op, envelope, p)),
    );
    let secret_members = &op.secret_members;
    quote! {
        #rt::__private::MockOperation {
            id: #id,
            stub: #stub,
            method: #method,
            path: #path,
            status: #status,
            has_result: #has_result,
            raw: #raw,
            envelope: #envelope_tokens,
            result_tag: #result_tag,
            body_tag: #body_tag,
            example: #example,
            paging: #paging,
            secret_members: &[#(#secret_members),*],
        }
    }
}

/// The envelope an operation answers in, by its meta type's name.
fn envelope_of<'a>(cx: &Context<'a>, meta: &str) -> Option<&'a Envelope> {
    cx.service.envelopes.iter().find(|e| e.meta_name == meta)
}

/// The tag member and value a result that is one variant of a tagged union carries.
fn result_tag(cx: &Context<'_>, op: &Operation) -> Option<(String, String)> {
    let tag = op.response_tag.as_ref()?;
    cx.service.types().find_map(|def| match &def.kind {
        TypeKind::Tagged(union) if &union.tag == tag => union
            .variants
            .iter()
            .find(|v| unboxed(&v.ty) == &op.response)
            .map(|v| (union.tag.clone(), v.value.clone())),
        _ => None,
    })
}

/// The tag member and value of a body that is one variant of a tagged union.
fn body_tag(cx: &Context<'_>, op: &Operation) -> Option<(String, String)> {
    let (union, variant) = op.body.as_ref()?.variant_of.as_ref()?;
    match &cx.type_def(union)?.kind {
        TypeKind::Tagged(tagged) => tagged
            .variants
            .iter()
            .find(|v| &v.ident == variant)
            .map(|v| (tagged.tag.clone(), v.value.clone())),
        _ => None,
    }
}

fn unboxed(ty: &RustType) -> &RustType {
    match ty {
        RustType::Boxed(inner) => unboxed(inner),
        other => other,
    }
}

/// The JSON name of the Rust field `field` of the struct `ty` (through aliases), or the
/// field's name where it cannot be found.
fn json_name(cx: &Context<'_>, ty: &RustType, field: &str) -> String {
    let mut ty = unboxed(ty);
    for _ in 0..8 {
        let RustType::Named(name) = ty else { break };
        match cx.type_def(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => {
                if let Some(f) = s.fields.iter().find(|f| f.ident == field) {
                    return f.json_name.clone();
                }
                break;
            }
            Some(TypeKind::Alias(target)) => ty = unboxed(target),
            _ => break,
        }
    }
    field.trim_start_matches("r#").to_owned()
}

/// The type of the Rust field `field` of the struct `ty`.
fn field_type<'a>(cx: &Context<'a>, ty: &RustType, field: &str) -> Option<&'a RustType> {
    let RustType::Named(name) = unboxed(ty) else {
        return None;
    };
    match &cx.type_def(name)?.kind {
        TypeKind::Struct(s) => s.fields.iter().find(|f| f.ident == field).map(|f| &f.ty),
        _ => None,
    }
}

/// The query parameter's name of the parameter whose identifier is `param`.
fn query_name<'a>(op: &'a Operation, param: &'a str) -> &'a str {
    op.params
        .iter()
        .find(|p| p.ident == param)
        .map_or(param, |p| p.name.as_str())
}

fn paging_shape(
    cx: &Context<'_>,
    op: &Operation,
    envelope: Option<&Envelope>,
    pagination: &Pagination,
) -> TokenStream {
    let rt = runtime();
    let envelope_ty = envelope.map(|e| RustType::Named(e.type_name.clone()));
    let items_of = |items: &Items| match items {
        Items::Result => quote!(None),
        Items::Field { field, .. } => {
            let name = json_name(cx, &op.response, field);
            quote!(Some(#name))
        }
    };
    match pagination {
        Pagination::Page {
            page_param,
            per_page_param,
            items,
            info,
            ..
        } => {
            let page = query_name(op, page_param);
            let per_page = query_name(op, per_page_param);
            let items = items_of(items);
            let info = info.as_ref().and_then(|figures| {
                let envelope_ty = envelope_ty.as_ref()?;
                let member = json_name(cx, envelope_ty, &figures.info_field);
                let info_ty = field_type(cx, envelope_ty, &figures.info_field)?.clone();
                let figure = |f: &Option<(String, bool)>| {
                    option_str(
                        f.as_ref()
                            .map(|(name, _)| json_name(cx, &info_ty, name))
                            .as_deref(),
                    )
                };
                let (page, per_page, total_pages) = (
                    figure(&figures.page),
                    figure(&figures.per_page),
                    figure(&figures.total_pages),
                );
                Some(quote! {
                    #rt::__private::InfoShape {
                        member: #member,
                        page: #page,
                        per_page: #per_page,
                        total_pages: #total_pages,
                    }
                })
            });
            let info = option_tokens(info);
            quote! {
                #rt::__private::PagingShape::Pages {
                    page: #page,
                    per_page: #per_page,
                    items: #items,
                    info: #info,
                }
            }
        }
        Pagination::Cursor {
            cursor_param,
            items,
            cursor,
            ..
        } => {
            let param = query_name(op, cursor_param);
            let items = items_of(items);
            let next = match cursor {
                CursorSource::Result { field, .. } => {
                    let name = json_name(cx, &op.response, field);
                    quote!(#rt::__private::CursorAt::Result(#name))
                }
                CursorSource::Info {
                    info_field, field, ..
                } => {
                    let (member, name) = match envelope_ty.as_ref() {
                        Some(envelope_ty) => {
                            let member = json_name(cx, envelope_ty, info_field);
                            let name = field_type(cx, envelope_ty, info_field)
                                .map(|info_ty| json_name(cx, info_ty, field))
                                .unwrap_or_else(|| field.clone());
                            (member, name)
                        }
                        None => (info_field.clone(), field.clone()),
                    };
                    quote!(#rt::__private::CursorAt::Info(#member, #name))
                }
            };
            quote! {
                #rt::__private::PagingShape::Cursor {
                    cursor: #param,
                    items: #items,
                    next: #next,
                }
            }
        }
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

fn option_pair(value: Option<(String, String)>) -> TokenStream {
    match value {
        Some((a, b)) => quote!(Some((#a, #b))),
        None => quote!(None),
    }
}

fn option_tokens(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
