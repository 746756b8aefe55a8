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
use crate::model::{BodyEncoding, Docs, Module, Operation, ParamLocation, RustType, Service};
use codegen_spec::spec::QueryStyle;

/// The mock runtime, as generated code names it: the file imports it as `rt` (no other
/// name of the file is two lowercase letters).
pub(super) fn runtime() -> TokenStream {
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
        super::mock_shapes::service_shape(cx, &operations),
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
