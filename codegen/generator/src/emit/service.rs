//! The service module: base URLs, the service type that tells the runtime how this API
//! wraps results and errors, the client, and the re-export of every type.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Context;
use super::docs::{inner_doc_attrs, prose};
use super::envelopes;
use super::module_gate;
use super::rust_types::ident;
use crate::model::{Docs, RateLimit, Service, TypeKind};
use codegen_spec::naming::generated::RESPONSE_META;
use codegen_spec::spec::template::Template;

pub fn emit(cx: &Context<'_>) -> TokenStream {
    let service = cx.service;
    let docs = inner_doc_attrs(&module_docs(service));
    let gates = cx.options.feature_gates;
    let modules = service.modules.iter().map(|m| {
        let name = ident(&m.name);
        let gate = module_gate(m, gates);
        quote!(#gate pub mod #name;)
    });
    let mock = cx.options.mocks.then(|| {
        let name = ident(&super::mocks::module_name(service));
        let gate = cx
            .options
            .feature_gates
            .then(|| quote!(#[cfg(feature = "mock")]));
        quote! {
            #gate
            pub mod #name;
        }
    });
    let reexports = service
        .modules
        .iter()
        .filter(|m| !m.types.is_empty())
        .map(|m| {
            let module = ident(&m.name);
            let gate = module_gate(m, gates);
            // Each public type, and the struct of required fields its `new` takes, if any.
            let public = m.types.iter().filter(|t| !t.internal).flat_map(|t| {
                let required = match &t.kind {
                    TypeKind::Struct(s) => s.required_struct.clone(),
                    _ => None,
                };
                std::iter::once(ident(&t.name)).chain(required.map(|r| ident(&r)))
            });
            // Types only generated code uses are reachable by the same path, inside the crate.
            let internal: Vec<_> = m
                .types
                .iter()
                .filter(|t| t.internal)
                .map(|t| ident(&t.name))
                .collect();
            let internal = (!internal.is_empty())
                .then(|| quote!(#gate pub(crate) use self::#module::{#(#internal),*};));
            // Documented once, in its resource's module beside the operations that use
            // it; the service's page lists the re-export and links there.
            quote! {
                #gate #[doc(no_inline)] pub use self::#module::{#(#public),*};
                #internal
            }
        });
    let base_urls = base_urls(service);
    let marker = marker(service, gates);
    let client = client(service, gates);
    let error_codes = super::error_codes::emit(service);
    quote! {
        #docs
        #(#modules)*
        #mock
        #(#reexports)*
        #base_urls
        #marker
        #client
        #error_codes
    }
}

fn module_docs(service: &Service) -> Docs {
    let mut docs = Docs::default().with(format!("# {}", service.title));
    if let Some(description) = &service.description {
        docs.push(prose(description));
    }
    let default = service.base_urls.iter().find(|b| b.default);
    let mut setup = format!(
        "Create a client with [`{client}::new`] and a token, or with [`{client}::from_env`], which reads the token from `{}` and an optional base URL from `{}`.",
        service.token_env,
        service.base_url_env,
        client = service.client_name
    );
    if let Some(default) = default {
        setup.push_str(&format!(" The default base URL is `{}`.", default.url));
    }
    docs.push(setup);
    if let Some(auth) = &service.auth_description {
        docs.push(prose(auth));
    }
    docs
}

fn base_urls(service: &Service) -> TokenStream {
    service
        .base_urls
        .iter()
        .map(|b| {
            let mut docs =
                Docs::default().with(b.description.as_deref().map(prose).unwrap_or_default());
            if b.default {
                docs.push("The default.");
            }
            let docs = super::docs::doc_attrs(&docs);
            let url = &b.url;
            if b.variables.is_empty() {
                let name = format_ident!("{}", b.const_name);
                quote! {
                    #docs
                    pub const #name: &str = #url;
                }
            } else {
                let name = format_ident!("{}", b.const_name.to_lowercase());
                let params = b.variables.iter().map(|v| {
                    let v = ident(v);
                    quote!(#v: &str)
                });
                // Validated: the URL is a template whose variables are parameters.
                let template = Template::parse(url)
                    .map(|t| t.format_string(false))
                    .unwrap_or_default();
                quote! {
                    #docs
                    pub fn #name(#(#params),*) -> ::std::string::String {
                        ::std::format!(#template)
                    }
                }
            }
        })
        .collect()
}

/// The service's marker type and its runtime `Service` implementation.
fn marker(service: &Service, gates: bool) -> TokenStream {
    let marker = ident(&service.type_name);
    let client = ident(&service.client_name);
    let client_name = &service.client_name;
    let meta = ident(RESPONSE_META);
    let name = &service.name;
    let default_url = service
        .base_urls
        .iter()
        .find(|b| b.default)
        .map(|b| b.url.clone())
        .unwrap_or_default();
    let token_env = &service.token_env;
    let base_url_env = &service.base_url_env;
    let headers = service.headers.iter().map(|(n, v)| quote!((#n, #v)));
    let rate_limit = match &service.rate_limit {
        RateLimit::None => quote!(::generated_client::runtime::__private::RateLimitHeaders::None),
        RateLimit::Separate {
            limit,
            remaining,
            reset,
        } => quote! {
            ::generated_client::runtime::__private::RateLimitHeaders::Separate { limit: #limit, remaining: #remaining, reset: #reset }
        },
        RateLimit::Structured { header, policy } => {
            let policy = match policy {
                Some(p) => quote!(Some(#p)),
                None => quote!(None),
            };
            quote!(::generated_client::runtime::__private::RateLimitHeaders::Structured { header: #header, policy: #policy })
        }
    };
    let envelopes = envelopes::implementations(service, gates);
    // A service's own envelope is always built; one a resource declares is not.
    let default_meta = match service.envelopes.first().filter(|e| e.feature.is_none()) {
        Some(envelope) => {
            let meta = ident(&envelope.meta_name);
            quote!(self::#meta)
        }
        None => quote!(()),
    };
    let error_details = envelopes::error_details(service);
    // The account email and API key scheme, for a service that documents one.
    let api_key = service.api_key.as_ref().map(|key| {
        let (email_header, key_header) = (&key.email_header, &key.key_header);
        let (email_env, key_env) = (&key.email_env, &key.key_env);
        quote! {
            const API_KEY: ::std::option::Option<::generated_client::runtime::__private::ApiKeyScheme> =
                ::std::option::Option::Some(::generated_client::runtime::__private::ApiKeyScheme {
                    email_header: #email_header,
                    key_header: #key_header,
                    email_env: #email_env,
                    key_env: #key_env,
                });
        }
    });
    let doc = format!(" The {} API, as the runtime sees it.", service.title);
    // With an envelope, `ResponseMeta` is a struct of the model (next to the envelope);
    // without one, a response carries nothing besides its result.
    let meta_alias = service.envelopes.is_empty().then(|| {
        quote! {
            /// What a response carries besides its result: nothing, as the body is the result.
            pub type #meta = ();
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
        pub struct #marker;

        #meta_alias

        impl ::generated_client::runtime::__private::Service for #marker {
            const NAME: &'static str = #name;
            const CLIENT_NAME: &'static str = #client_name;
            const USER_AGENT: &'static str = ::std::concat!("generated-client/", ::std::env!("CARGO_PKG_VERSION"));
            const DEFAULT_BASE_URL: &'static str = #default_url;
            const TOKEN_ENV: &'static str = #token_env;
            const BASE_URL_ENV: &'static str = #base_url_env;
            const HEADERS: &'static [(&'static str, &'static str)] = &[#(#headers),*];
            const RATE_LIMIT: ::generated_client::runtime::__private::RateLimitHeaders = #rate_limit;
            type Meta = #default_meta;
            type Client = #client;
            #api_key

            #error_details
        }

        #envelopes
    }
}

// Long by design: it emits one item, its pieces built in the order the generated code
// has them and joined in one `quote!`; in parts, the template would be read in pieces.
fn client(service: &Service, gates: bool) -> TokenStream {
    let marker = ident(&service.type_name);
    let client = ident(&service.client_name);
    let details = envelopes::details(service, gates);
    let accessors = service.modules.iter().filter_map(|m| {
        let api_name = m.api_name.as_ref()?;
        let module = ident(&m.name);
        let api = ident(api_name);
        let doc = format!(" The operations on {}.", m.name);
        let gate = module_gate(m, gates);
        Some(quote! {
            #gate
            #[doc = #doc]
            pub fn #module(&self) -> self::#module::#api {
                self::#module::#api::new(self.inner.clone())
            }
        })
    });
    let doc = format!(" A client of the {} API; cheap to clone.", service.title);
    let new_doc = format!(
        " A client with the default base URL and settings; see [`{}::builder`] for the others.",
        service.client_name
    );
    let credentials_env = match &service.api_key {
        Some(key) => format!(
            "the token from `{}` (or, when it is unset, the email and API key from `{}` and `{}`)",
            service.token_env, key.email_env, key.key_env
        ),
        None => format!("the token from `{}`", service.token_env),
    };
    let env_doc = format!(
        " A client configured from the environment: {credentials_env} and, when set, the base URL from `{}`.",
        service.base_url_env
    );
    let without_token = service.operations().any(|op| !op.authenticated).then(|| {
        let anonymous: Vec<String> = service
            .operations()
            .filter(|op| !op.authenticated)
            .map(|op| format!("`{}`", op.full_id))
            .collect();
        let doc = format!(
            " A builder for a client without a token. It can call only the operations that need none ({}); the others fail without sending anything.",
            anonymous.join(", ")
        );
        quote! {
            #[doc = #doc]
            pub fn builder_without_token() -> ::generated_client::runtime::ClientBuilder<#marker> {
                ::generated_client::runtime::ClientBuilder::without_token()
            }
        }
    });
    let with_api_key = service
        .api_key
        .as_ref()
        .map(|key| api_key_constructors(service, key));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub struct #client {
            inner: ::generated_client::runtime::__private::Client<#marker>,
        }

        impl #client {
            #[doc = #new_doc]
            pub fn new(
                token: impl ::std::convert::Into<::generated_client::runtime::Token>,
            ) -> ::std::result::Result<Self, ::generated_client::runtime::Error> {
                Self::builder(token).build()
            }

            /// A builder for a client with another base URL, timeouts, retry policy or HTTP client.
            pub fn builder(
                token: impl ::std::convert::Into<::generated_client::runtime::Token>,
            ) -> ::generated_client::runtime::ClientBuilder<#marker> {
                ::generated_client::runtime::ClientBuilder::new(token)
            }

            #without_token

            #with_api_key

            #[doc = #env_doc]
            pub fn from_env() -> ::std::result::Result<Self, ::generated_client::runtime::Error> {
                ::generated_client::runtime::ClientBuilder::<#marker>::from_env()?.build()
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.inner.base_url()
            }

            #(#accessors)*
        }

        impl ::std::convert::From<::generated_client::runtime::__private::Client<#marker>> for #client {
            fn from(inner: ::generated_client::runtime::__private::Client<#marker>) -> Self {
                Self { inner }
            }
        }

        #details
    }
}

/// `with_api_key` and `builder_with_api_key`: a client of a service that also takes an
/// account's email and API key.
fn api_key_constructors(service: &Service, key: &crate::model::ApiKey) -> TokenStream {
    let marker = ident(&service.type_name);
    let doc = format!(
        " A client that authenticates with an account's email and API key (sent as `{}` and `{}`){}; an API token is preferred where the account has one.",
        key.email_header,
        key.key_header,
        key.description
            .as_deref()
            .map(|d| format!(": {}", d.trim_end_matches('.')))
            .unwrap_or_default()
    );
    let builder_doc = format!(
        " A builder for a client that authenticates with an account's email and API key, as [`{}::with_api_key`] does.",
        service.client_name
    );
    quote! {
        #[doc = #doc]
        pub fn with_api_key(
            email: impl ::std::convert::Into<::std::string::String>,
            key: impl ::std::convert::Into<::generated_client::runtime::ApiKey>,
        ) -> ::std::result::Result<Self, ::generated_client::runtime::Error> {
            Self::builder_with_api_key(email, key).build()
        }

        #[doc = #builder_doc]
        pub fn builder_with_api_key(
            email: impl ::std::convert::Into<::std::string::String>,
            key: impl ::std::convert::Into<::generated_client::runtime::ApiKey>,
        ) -> ::generated_client::runtime::ClientBuilder<#marker> {
            ::generated_client::runtime::ClientBuilder::from_credentials(
                ::generated_client::runtime::Credentials::api_key(email, key),
            )
        }
    }
}
