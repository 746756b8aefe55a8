//! Operations: the resource's API type with one method per operation, and the request
//! builder each method returns. Required parameters are method arguments, optional ones
//! builder setters; the builder is sent with `.await`, `send()` or `send_with_response()`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::doc_example;
use super::docs::{doc_attrs, prose, prose_docs, raw_doc_lines};
use super::paging;
use super::requests;
use super::rust_types::{argument, field_init, ident, named, tokens};
use crate::model::{Docs, Module, Operation, Pagination, ParamLocation, RustType};

/// The API type of a resource module, then the builder of each operation, as chunks.
pub fn emit(cx: &Context<'_>, module: &Module) -> Vec<TokenStream> {
    let Some(api_name) = &module.api_name else {
        return Vec::new();
    };
    let api = ident(api_name);
    let service = named(&cx.service.type_name);
    let accessor = &module.name;
    let doc = format!(" The operations on {accessor}: `client.{accessor}()`.");
    let methods = module
        .operations
        .iter()
        .map(|op| method(cx, &module.name, op));
    let mut chunks = vec![quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #api {
            client: ::generated_client::runtime::__private::Client<#service>,
        }

        impl #api {
            pub(super) fn new(client: ::generated_client::runtime::__private::Client<#service>) -> Self {
                Self { client }
            }

            #(#methods)*
        }
    }];
    chunks.extend(module.operations.iter().map(|op| builder(cx, op)));
    chunks
}

/// The method's documentation: what it does, `METHOD /path`, scopes, and an example.
fn method_docs(cx: &Context<'_>, resource: &str, op: &Operation) -> TokenStream {
    let mut docs = Docs::default().with(prose(&op.summary));
    if let Some(description) = &op.description
        && description != &op.summary
    {
        docs.push(prose(description));
    }
    docs.push(format!("`{} {}`", op.method.as_str(), op.path));
    if op.answers_raw() {
        docs.push(
            "The result is the response's raw body, as the server sent it: not JSON, in no \
             envelope, and not decoded.",
        );
    }
    if let Some(page_name) = &op.response_page_name {
        let what = if matches!(op.response, RustType::Vec(_)) {
            "each element of the result"
        } else {
            "the result"
        };
        docs.push(format!(
            "The documentation page calls {what} `{page_name}`."
        ));
    }
    if let Some(description) = op.body.as_ref().and_then(|b| b.description.as_ref()) {
        docs.push(format!("The body: {}", prose(description)));
    }
    if !op.scopes.is_empty() {
        let scopes: Vec<String> = op.scopes.iter().map(|s| format!("`{s}`")).collect();
        docs.push(format!("Required scopes: {}.", scopes.join(", ")));
    }
    if !op.permissions.is_empty() {
        let permissions: Vec<String> = op.permissions.iter().map(|p| format!("`{p}`")).collect();
        docs.push(format!(
            "Accepted token permissions (any one of them): {}.",
            permissions.join(", ")
        ));
    }
    if !op.authenticated {
        docs.push("Sent without credentials: the call needs none.");
    }
    match &op.pagination {
        Some(Pagination::Page { .. }) => docs.push(
            "The result is one page; [`into_stream`](".to_owned()
                + &op.builder_name
                + "::into_stream) reads every item of every page.",
        ),
        Some(Pagination::Cursor { .. }) => docs.push(
            "The result is one page; [`into_stream`](".to_owned()
                + &op.builder_name
                + "::into_stream) follows the cursor to the end.",
        ),
        None => {}
    }
    docs.push("# Example");
    let docs = doc_attrs(&docs);
    let example = raw_doc_lines(&doc_example::lines(cx, resource, op));
    quote!(#docs #example)
}

fn method(cx: &Context<'_>, resource: &str, op: &Operation) -> TokenStream {
    let docs = method_docs(cx, resource, op);
    let name = ident(&op.id);
    let builder = ident(&op.builder_name);
    let mut params = Vec::new();
    let mut inits = Vec::new();
    for p in op.required_params() {
        let arg = ident(&p.ident);
        let (accepts, convert) = argument(&p.ty, &arg);
        params.push(quote!(#arg: #accepts));
        inits.push(field_init(&arg, convert));
    }
    for p in op.optional_params() {
        let field = ident(&p.ident);
        inits.push(quote!(#field: None));
    }
    match op.body.as_ref().filter(|b| !b.implicit) {
        Some(body) if body.required => {
            let arg = format_ident!("body");
            let (accepts, convert) = argument(&body.ty, &arg);
            params.push(quote!(body: #accepts));
            inits.push(match &body.variant_of {
                Some((union, variant)) => {
                    let union = named(union);
                    let variant = ident(variant);
                    quote!(body: #union::#variant(#convert))
                }
                None => field_init(&arg, convert),
            });
        }
        // An optional body is set with the builder's `body`.
        Some(_) => inits.push(quote!(body: None)),
        None => {}
    }
    let allow = if params.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    let deprecated = deprecated_attr(op.deprecated.as_ref());
    quote! {
        #docs
        #deprecated
        #allow
        pub fn #name(&self, #(#params),*) -> #builder {
            #builder {
                client: self.client.clone(),
                #(#inits,)*
            }
        }
    }
}

/// The type the builder stores for a parameter: optional ones in an `Option`.
fn param_field(ty: &RustType, required: bool) -> TokenStream {
    param_field_tokens(tokens(ty), required)
}

fn param_field_tokens(ty: TokenStream, required: bool) -> TokenStream {
    if required {
        ty
    } else {
        quote!(::std::option::Option<#ty>)
    }
}

fn builder(cx: &Context<'_>, op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let service = named(&cx.service.type_name);
    let result = tokens(&op.response);
    // What a response carries besides its result: its envelope's meta type, or nothing.
    let meta = match (&op.envelope, &op.response) {
        (_, RustType::Unit) => quote!(::generated_client::runtime::NoContent),
        (Some(meta), _) => named(meta),
        (None, _) => quote!(()),
    };
    // A raw answer is its body's bytes, read as they are.
    let execute = if op.answers_raw() {
        quote!(self.client.execute_bytes(self.to_request()).await)
    } else {
        quote!(self.client.execute_in::<#result, #meta>(self.to_request()).await)
    };
    let doc = format!(
        " The request of `{}`: set its optional parameters, then `.await` it, or call [`send`](Self::send) or [`send_with_response`](Self::send_with_response).",
        op.full_id
    );
    let fields = op.params.iter().map(|p| {
        let field = ident(&p.ident);
        let ty = param_field(&p.ty, p.required);
        quote!(#field: #ty,)
    });
    let body_field = op.body.as_ref().filter(|b| !b.implicit).map(|body| {
        let ty = match &body.variant_of {
            Some((union, _)) => named(union),
            None => tokens(&body.ty),
        };
        let ty = param_field_tokens(ty, body.required);
        quote!(body: #ty,)
    });
    let body_setter = op
        .body
        .as_ref()
        .filter(|b| !b.implicit && !b.required)
        .map(|body| {
            let value = format_ident!("value");
            let (accepts, convert) = argument(&body.ty, &value);
            let convert = match &body.variant_of {
                Some((union, variant)) => {
                    let union = named(union);
                    let variant = ident(variant);
                    quote!(#union::#variant(#convert))
                }
                None => convert,
            };
            quote! {
                /// Sets the request body, which the operation may be sent without.
                pub fn body(mut self, #value: #accepts) -> Self {
                    self.body = Some(#convert);
                    self
                }
            }
        });
    let setters = op.optional_params().map(|p| {
        let field = ident(&p.ident);
        let value = format_ident!("value");
        let (accepts, convert) = argument(&p.ty, &value);
        let mut docs = prose_docs(&p.docs);
        docs.push(format!(
            "Sets the {} parameter `{}`.",
            location_name(p.location),
            p.name
        ));
        let docs = doc_attrs(&docs);
        let deprecated = deprecated_attr(p.deprecated.as_ref());
        quote! {
            #docs
            #deprecated
            pub fn #field(mut self, #value: #accepts) -> Self {
                self.#field = Some(#convert);
                self
            }
        }
    });
    let to_request = requests::to_request(op);
    let (derive_debug, debug) = requests::debug(op);
    let stream = op.pagination.as_ref().map(|p| paging::into_stream(op, p));
    quote! {
        #[doc = #doc]
        #[derive(#derive_debug Clone)]
        #[must_use = "a request does nothing until it is sent or awaited"]
        pub struct #name {
            client: ::generated_client::runtime::__private::Client<#service>,
            #(#fields)*
            #body_field
        }

        impl #name {
            #(#setters)*
            #body_setter

            #to_request

            /// Sends the request and returns its result.
            pub async fn send(self) -> ::std::result::Result<#result, ::generated_client::runtime::Error> {
                self.send_with_response().await.map(::generated_client::runtime::Response::into_value)
            }

            /// Sends the request and returns its result with the response's status,
            /// headers, rate-limit figures and metadata.
            pub async fn send_with_response(
                self,
            ) -> ::std::result::Result<::generated_client::runtime::Response<#result, #meta>, ::generated_client::runtime::Error> {
                #execute
            }

            #stream
        }

        #debug

        impl ::std::future::IntoFuture for #name {
            type Output = ::std::result::Result<#result, ::generated_client::runtime::Error>;
            type IntoFuture = ::generated_client::runtime::BoxFuture<'static, Self::Output>;

            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    }
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

/// `#[deprecated]`, with the page's notice when it gives one.
pub(crate) fn deprecated_attr(deprecated: Option<&crate::model::Deprecation>) -> TokenStream {
    match deprecated {
        Some(crate::model::Deprecation { note: Some(note) }) => quote!(#[deprecated(note = #note)]),
        Some(crate::model::Deprecation { note: None }) => quote!(#[deprecated]),
        None => TokenStream::new(),
    }
}
