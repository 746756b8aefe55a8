//! The test suite's view of every operation: how to call it through the typed client
//! from an example's values, and which types its examples round-trip through. Wire and
//! round-trip tests iterate over these, so a new operation is tested by being specified.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_types::ident;
use crate::model::{Api, BodyEncoding, Operation, RustType, Service};

/// The file `tests/src/generated/operations.rs`, in chunks.
pub fn emit(api: &Api, options: &super::Options) -> Vec<TokenStream> {
    let clients = clients(api);
    let mut functions = Vec::new();
    let mut entries = Vec::new();
    for service in &api.services {
        for module in &service.modules {
            for op in &module.operations {
                let (items, entry) = operation(service, &module.name, op);
                functions.push(items);
                entries.push(entry);
            }
        }
    }
    // This file belongs to the tests crate, where no spec name is in scope unqualified:
    // the services are modules, so short paths cannot collide.
    let crate_path = module_path(options);
    let service_modules = api.services.iter().map(|s| ident(&s.name));
    let services = quote!(use #crate_path::{#(#service_modules),*};);
    let mut chunks = vec![
        super::file_attrs(),
        quote! {
            //! Every operation of the spec, callable from an example's values through the typed
            //! client, with the types its examples decode into.

            use generated_client::RetryPolicy;
            use serde_json::Value;

            use crate::replay::{Call, CaseError, ExampleRequest, Operation, roundtrip};
            #services

            #clients

            /// Every operation, in spec order.
            pub static OPERATIONS: &[Operation<Clients>] = &[#(#entries),*];
        },
    ];
    chunks.extend(functions);
    chunks
}

fn clients(api: &Api) -> TokenStream {
    let fields = api.services.iter().map(|s| {
        let name = ident(&s.name);
        let client = ident(&s.client_name);
        quote!(pub #name: #name::#client,)
    });
    let builds = api.services.iter().map(|s| {
        let name = ident(&s.name);
        let client = ident(&s.client_name);
        quote! {
            #name: #name::#client::builder(token)
                .base_url(base_url)
                .retry_policy(retry_policy.clone())
                .build()?,
        }
    });
    quote! {
        /// A client of every service, all sending to one server.
        #[derive(Debug, Clone)]
        pub struct Clients {
            #(#fields)*
        }

        impl crate::replay::ClientSet for Clients {
            fn connect(
                base_url: &str,
                token: &str,
                retry_policy: RetryPolicy,
            ) -> Result<Self, generated_client::Error> {
                Ok(Self {
                    #(#builds)*
                })
            }
        }
    }
}

/// The path of the generated services as the tests crate names them.
fn module_path(options: &super::Options) -> TokenStream {
    let segments = options.module_path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// A type as the tests crate names it.
fn outside(ty: &RustType, service: &Service) -> TokenStream {
    let service_module = ident(&service.name);
    match ty {
        RustType::String => quote!(String),
        RustType::I64 => quote!(i64),
        RustType::F64 => quote!(f64),
        RustType::Bool => quote!(bool),
        RustType::Json => quote!(Value),
        RustType::Bytes => quote!(Vec<u8>),
        RustType::File => quote!(generated_client::FilePart),
        RustType::Unit => quote!(()),
        RustType::Formatted(format) => {
            let name = ident(format.rust_name());
            quote!(generated_client::#name)
        }
        RustType::Named(name) => {
            let name = ident(name);
            quote!(#service_module::#name)
        }
        RustType::Vec(inner) => {
            let inner = outside(inner, service);
            quote!(Vec<#inner>)
        }
        RustType::Map(inner) => {
            let inner = outside(inner, service);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        RustType::Boxed(inner) => {
            let inner = outside(inner, service);
            quote!(Box<#inner>)
        }
        RustType::Generic => quote!(Value),
    }
}

/// The call and round-trip functions of one operation, and its registry entry.
fn operation(service: &Service, resource: &str, op: &Operation) -> (TokenStream, TokenStream) {
    let base = format!("{}_{}_{}", service.name, resource, op.id);
    let call_fn = format_ident!("call_{}", base);
    let request_fn = format_ident!("request_{}", base);
    let response_fn = format_ident!("response_{}", base);
    let service_module = ident(&service.name);
    let resource_ident = ident(resource);
    let method = ident(&op.id);
    let full_id = &op.full_id;
    let mut args: Vec<TokenStream> = op
        .required_params()
        .map(|p| {
            let name = &p.name;
            let ty = outside(&p.ty, service);
            quote!(example.param::<#ty>(#name)?)
        })
        .collect();
    // Raw bytes are written as text in examples.
    let body_value = |body: &crate::model::Body| match &body.ty {
        RustType::Bytes => quote!(example.body::<String>()?.into_bytes()),
        ty => {
            let ty = outside(ty, service);
            quote!(example.body::<#ty>()?)
        }
    };
    let body = op.body.as_ref().filter(|b| !b.implicit);
    if let Some(body) = body.filter(|b| b.required) {
        args.push(body_value(body));
    }
    let optional_body = body.filter(|b| !b.required).map(|body| {
        let value = body_value(body);
        quote! {
            if example.body.is_some() {
                builder = builder.body(#value);
            }
        }
    });
    let optional = op.optional_params().map(|p| {
        let name = &p.name;
        let setter = ident(&p.ident);
        let ty = outside(&p.ty, service);
        quote! {
            if let Some(value) = example.optional_param::<#ty>(#name)? {
                builder = builder.#setter(value);
            }
        }
    });
    let has_optional = op.optional_params().next().is_some() || optional_body.is_some();
    let binding = if has_optional {
        quote!(let mut builder)
    } else {
        quote!(let builder)
    };
    // An operation with nothing to take from the example leaves it unread.
    let example_arg = if args.is_empty() && !has_optional {
        quote!(_example)
    } else {
        quote!(example)
    };
    // A raw answer is compared as the text its example writes.
    let result_value = if op.answers_raw() {
        quote!(crate::replay::raw_text(&response.into_value()))
    } else {
        quote!(serde_json::to_value(response.into_value())?)
    };
    let call = quote! {
        fn #call_fn(clients: &Clients, #example_arg: &ExampleRequest) -> Result<Call, CaseError> {
            #binding = clients.#service_module.#resource_ident().#method(#(#args),*);
            #(#optional)*
            #optional_body
            Ok(Box::pin(async move {
                let response = builder.send_with_response().await?;
                let status = response.status().as_u16();
                Ok((status, #result_value))
            }))
        }
    };
    // A body the method builds by itself is the client's own type, out of the tests' reach;
    // the wire tests check its bytes.
    let request = body.filter(|b| b.ty != RustType::Bytes).map(|body| {
        // A variant body is sent as its union, tag included.
        let ty = match &body.variant_of {
            Some((union, _)) => outside(&RustType::Named(union.clone()), service),
            None => outside(&body.ty, service),
        };
        quote! {
            fn #request_fn(value: Value) -> Result<Value, serde_json::Error> {
                roundtrip::<#ty>(value)
            }
        }
    });
    // A raw answer's example is its text.
    let result = if op.answers_raw() {
        quote!(String)
    } else {
        outside(&op.response, service)
    };
    let envelope = service
        .envelopes
        .iter()
        .find(|e| op.envelope.as_ref() == Some(&e.meta_name));
    let response_type = match envelope {
        Some(envelope) => {
            let envelope = ident(&envelope.type_name);
            quote!(#service_module::#envelope<#result>)
        }
        None => result,
    };
    let response = quote! {
        fn #response_fn(value: Value) -> Result<Value, serde_json::Error> {
            roundtrip::<#response_type>(value)
        }
    };
    let request_entry = maybe_some(request.is_some(), quote!(#request_fn));
    let result_tag = match &op.response_tag {
        Some(tag) => quote!(Some(#tag)),
        None => quote!(None),
    };
    let envelope_result = match &op.envelope_result {
        Some(field) => quote!(Some(#field)),
        None => quote!(None),
    };
    let status = op.status;
    let authenticated = op.authenticated;
    let content_type = match op.body.as_ref().map(|b| &b.encoding) {
        None => quote!(None),
        Some(BodyEncoding::Json) => quote!(Some("application/json")),
        Some(BodyEncoding::Multipart) => quote!(Some("multipart/form-data")),
        Some(BodyEncoding::Raw(content_type)) => quote!(Some(#content_type)),
    };
    let has_result = op.response != RustType::Unit;
    let raw = op.answers_raw();
    let comma_query = op
        .params
        .iter()
        .filter(|p| {
            matches!(p.ty, RustType::Vec(_)) && p.style == codegen_spec::spec::QueryStyle::Comma
        })
        .map(|p| &p.name);
    let headers = service
        .headers
        .iter()
        .chain(&op.headers)
        .map(|(name, value)| quote!((#name, #value)));
    let method_name = op.method.as_str();
    let path = &op.path;
    let entry = quote! {
        Operation {
            id: #full_id,
            method: #method_name,
            path: #path,
            status: #status,
            authenticated: #authenticated,
            headers: &[#(#headers),*],
            content_type: #content_type,
            has_result: #has_result,
            raw: #raw,
            comma_query: &[#(#comma_query),*],
            envelope_result: #envelope_result,
            result_tag: #result_tag,
            call: #call_fn,
            request: #request_entry,
            response: #response_fn,
        }
    };
    (quote!(#call #request #response), entry)
}

fn maybe_some(present: bool, value: TokenStream) -> TokenStream {
    if present {
        quote!(Some(#value))
    } else {
        quote!(None)
    }
}
