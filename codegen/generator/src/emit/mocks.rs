//! A service's typed mock (`<service>::mock`): a mock server type with the client's
//! resource accessors, a typed stub per operation, and the static description of every
//! operation the mock runtime reads. The logic is the runtime's (`runtime::mock`); per
//! operation this emits only a method, a wrapper type with a matcher per parameter, and
//! a description.

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::docs::inner_doc_attrs;
use super::rust_types::{argument, ident, named, tokens};
use crate::model::{
    BodyEncoding, CursorSource, Docs, Envelope, Items, Module, Operation, Pagination,
    ParamLocation, RustType, Service, TypeKind,
};
use codegen_spec::spec::QueryStyle;

/// The mock runtime, as generated code names it: the file imports it as `rt` (no other
/// name of the file is two lowercase letters).
fn runtime() -> TokenStream {
    quote!(rt)
}

/// The mock's module name: `mock`, or `mock_` where a resource is called `mock`.
pub fn module_name(service: &Service) -> String {
    if service.modules.iter().any(|m| m.name == "mock") {
        "mock_".to_owned()
    } else {
        "mock".to_owned()
    }
}

/// Methods of a stub that a parameter's matcher must not hide.
const STUB_METHODS: &[&str] = &[
    "param",
    "body",
    "respond",
    "respond_example",
    "respond_error",
    "respond_errors",
    "rate_limited",
    "respond_json",
    "respond_bytes",
    "respond_pages",
    "pages",
    "delay",
    "expect",
    "expect_at_least",
    "mount",
    "deref",
    "deref_mut",
];

/// The file `<service>/mock.rs`, in chunks.
pub fn emit(cx: &Context<'_>) -> Vec<TokenStream> {
    let service = cx.service;
    let rt = runtime();
    let mock = format_ident!("{}Mock", service.type_name);
    let client = ident(&service.client_name);
    let marker = named(&service.type_name);
    let docs = inner_doc_attrs(&Docs::default().with(format!(
        "A typed mock of the {title} API, for testing code that uses [`{client}`](super::{client}): \
         [`{mock}`] starts an HTTP server on 127.0.0.1 whose stubs answer as the API would, and \
         gives clients that send to it. See [`runtime::mock`](rt) \
         for what stubs match and answer.",
        title = service.title,
        client = service.client_name,
        mock = mock,
    )));
    let operations: Vec<(&Module, &Operation)> = service
        .modules
        .iter()
        .flat_map(|m| m.operations.iter().map(move |op| (m, op)))
        .collect();
    let accessors = service
        .modules
        .iter()
        .filter(|m| m.api_name.is_some())
        .map(|m| {
            let name = ident(&m.name);
            let resource = resource_mock(m);
            let gate = super::module_gate(m, cx.options.feature_gates);
            let example = m.operations.first().map_or("", |op| op.id.as_str());
            let doc = format!(
                " The stubs of the operations on {}: `mock.{}().{example}()` stubs `client.{}().{example}(…)`.",
                m.name, m.name, m.name
            );
            quote! {
                #gate
                #[doc = #doc]
                pub fn #name(&self) -> #resource<'_> {
                    #resource { server: &self.server }
                }
            }
        });
    let start_doc = format!(
        " A mock of the {} API: an HTTP server on 127.0.0.1 that answers as the API would, with a typed stub per operation. Until a stub matches a request, the request is answered as not stubbed.",
        service.title
    );
    let mut chunks = vec![
        super::file_attrs(),
        docs,
        quote! {
            use ::generated_client::runtime::mock as rt;

            #[doc = #start_doc]
            ///
            /// Dereferences to its [`MockServer`](rt::MockServer)
            /// for `uri()` and `verify()`. Dropping it checks the stubs'
            /// expectations, and that every request was matched.
            #[derive(Debug)]
            pub struct #mock {
                server: #rt::MockServer,
            }

            impl #mock {
                /// Starts the server, without stubs. Call it inside a tokio runtime.
                pub async fn start() -> Self {
                    Self { server: #rt::MockServer::start(&SERVICE).await }
                }

                /// A client sending to this mock with the token `mock-token`, whose retries wait 1 ms instead of 500 ms.
                pub fn client(&self) -> super::#client {
                    self.server.client::<#marker>()
                }

                /// A builder of the client [`client`](Self::client) gives: change what a test
                /// needs (a timeout, the retry policy), then `build()`.
                pub fn client_builder(&self) -> ::generated_client::runtime::ClientBuilder<#marker> {
                    self.server.client_builder::<#marker>()
                }

                #(#accessors)*
            }

            impl ::std::ops::Deref for #mock {
                type Target = #rt::MockServer;

                fn deref(&self) -> &Self::Target {
                    &self.server
                }
            }
        },
        service_shape(cx, &operations),
    ];
    // A resource's stubs are there when its module is; every operation stays in
    // `SERVICE`, whose indices the stubs use, and which names no type.
    let gates = cx.options.feature_gates;
    for module in service.modules.iter().filter(|m| m.api_name.is_some()) {
        chunks.push(resource(
            module,
            &operations,
            &super::module_gate(module, gates),
        ));
    }
    for (module, op) in &operations {
        chunks.push(stub_type(module, op, &super::module_gate(module, gates)));
    }
    chunks
}

/// `TriggersMock`.
fn resource_mock(module: &Module) -> proc_macro2::Ident {
    let api = module.api_name.as_deref().unwrap_or_default();
    format_ident!("{}Mock", api.strip_suffix("Api").unwrap_or(api))
}

/// `TriggersCreateStub`.
fn stub_name(module: &Module, op: &Operation) -> proc_macro2::Ident {
    let api = module.api_name.as_deref().unwrap_or_default();
    let resource = api.strip_suffix("Api").unwrap_or(api);
    let operation = op
        .builder_name
        .strip_suffix("Builder")
        .unwrap_or(&op.builder_name);
    format_ident!("{resource}{operation}Stub")
}

/// A resource's accessor type, with a stub method per operation.
/// `gate`: the module's feature, on each item.
fn resource(
    module: &Module,
    operations: &[(&Module, &Operation)],
    gate: &TokenStream,
) -> TokenStream {
    let rt = runtime();
    let name = resource_mock(module);
    let doc = format!(
        " The stubs of the operations on {}: a method per operation, named as the client's.",
        module.name
    );
    let methods = operations
        .iter()
        .enumerate()
        .filter(|(_, (m, _))| std::ptr::eq(*m, module))
        .map(|(index, (_, op))| {
            let method = ident(&op.id);
            let stub = stub_name(module, op);
            let decode = body_type(op).1;
            let api = module.api_name.as_deref().unwrap_or_default();
            let doc = format!(
                " A stub of `{}`, which [`{api}::{}`](super::{}::{api}::{}) calls: `{} {}`. Unless given answers, it answers with the documentation page's example; mount it with `.mount()`.",
                op.full_id, op.id, module.name, op.id, op.method.as_str(), op.path
            );
            quote! {
                #[doc = #doc]
                pub fn #method(&self) -> #stub {
                    #stub(self.server.stub(#index, #rt::__private::#decode))
                }
            }
        });
    quote! {
        #gate
        #[doc = #doc]
        #[derive(Debug, Clone, Copy)]
        pub struct #name<'a> {
            server: &'a #rt::MockServer,
        }

        #gate
        impl #name<'_> {
            #(#methods)*
        }
    }
}

/// The type a stub reads request bodies as, and the runtime function that reads them.
fn body_type(op: &Operation) -> (TokenStream, proc_macro2::Ident) {
    match op.body.as_ref().filter(|b| !b.implicit) {
        None => (quote!(()), format_ident!("none")),
        Some(body) => match &body.encoding {
            BodyEncoding::Json => (tokens(&body.ty), format_ident!("json")),
            BodyEncoding::Raw(_) if body.ty == RustType::String => {
                (quote!(::std::string::String), format_ident!("text"))
            }
            BodyEncoding::Raw(_) | BodyEncoding::Multipart => {
                (quote!(::std::vec::Vec<u8>), format_ident!("bytes"))
            }
        },
    }
}

/// An operation's stub type: a wrapper of the runtime's `Stub` with a matcher per
/// parameter, and `respond_pages` where the operation is paginated.
fn stub_type(module: &Module, op: &Operation, gate: &TokenStream) -> TokenStream {
    let rt = runtime();
    let name = stub_name(module, op);
    let (body, _) = body_type(op);
    let result = tokens(&op.response);
    let stub = quote!(#rt::Stub<#body, #result>);
    let mut doc = format!(
        " A stub of `{}` (`{} {}`): its parameter methods narrow what it matches; the rest, answers and expectations, are [`Stub`](rt::Stub)'s.",
        op.full_id,
        op.method.as_str(),
        op.path
    );
    if op.answers_raw() {
        doc.push_str(
            " Its answer is raw bytes, in no envelope: [`respond_bytes`](rt::Stub::respond_bytes) gives them.",
        );
    }
    let matchers = op.params.iter().map(|p| {
        let bare = p.ident.trim_start_matches("r#");
        let method = if STUB_METHODS.contains(&bare) {
            format_ident!("{bare}_param")
        } else {
            ident(&p.ident)
        };
        let value = format_ident!("value");
        let (accepts, convert) = argument(&p.ty, &value);
        let ty = tokens(&p.ty);
        let (at, location) = match p.location {
            ParamLocation::Path => (quote!(Path), "path"),
            ParamLocation::Query => (quote!(Query), "query"),
            ParamLocation::Header => (quote!(Header), "header"),
        };
        // The value as the client writes it: its `Display`, one per element of a list
        // sent repeated, or the elements joined by commas.
        let convert = if value == convert.to_string() {
            TokenStream::new()
        } else {
            quote!(let #value: #ty = #convert;)
        };
        let values = match (&p.ty, p.style) {
            (RustType::String, _) => {
                quote!(::std::vec![#value])
            }
            (RustType::Vec(_), QueryStyle::Repeat) => {
                quote!(#value.iter().map(::std::string::ToString::to_string).collect())
            }
            (RustType::Vec(_), QueryStyle::Comma) => {
                quote!(::std::vec![::generated_client::runtime::__private::comma_joined(&#value)])
            }
            _ => quote!(::std::vec![::std::string::ToString::to_string(&#value)]),
        };
        let wire = &p.name;
        let doc = format!(
            " Matches only requests whose {location} parameter `{wire}` is `value`, as the client writes it."
        );
        quote! {
            #[doc = #doc]
            pub fn #method(&mut self, #value: #accepts) -> &mut Self {
                #convert
                self.0.param(#rt::__private::ParamAt::#at, #wire, #values);
                self
            }
        }
    });
    // Each error the operation's page documents, answered by its name.
    let errors = op.errors.iter().map(|error| {
        let method = format_ident!("respond_{}", error.name.to_snake_case());
        let (status, code, message) = (error.status, error.code, &error.message);
        let doc = format!(
            " Answers with the error the page documents: `{status}`, code `{code}`, \"{message}\" ([`ErrorCode::{}`](super::ErrorCode::{})).",
            error.name, error.name
        );
        quote! {
            #[doc = #doc]
            pub fn #method(&mut self) -> &mut Self {
                self.0.respond_error(#status, ::std::option::Option::Some(#code), #message);
                self
            }
        }
    });
    let pages = op.pagination.as_ref().map(|_| {
        quote! {
            /// Answers with `pages`, one result per page, as the API pages them: the
            /// request's page number or cursor picks the page, and each answer leads the
            /// client to the next. A page past the last is empty.
            pub fn respond_pages(
                &mut self,
                pages: impl ::std::iter::IntoIterator<Item = #result>,
            ) -> &mut Self {
                self.0.pages(pages);
                self
            }
        }
    });
    quote! {
        #gate
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a stub answers nothing until it is mounted with `.mount()`"]
        pub struct #name(#stub);

        #gate
        impl #name {
            #(#matchers)*
            #(#errors)*
            #pages
        }

        #gate
        impl ::std::ops::Deref for #name {
            type Target = #stub;

            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        #gate
        impl ::std::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }
    }
}

/// The static description of the service and each operation.
fn service_shape(cx: &Context<'_>, operations: &[(&Module, &Operation)]) -> TokenStream {
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
