//! From the model to tokens: one emitter per kind of output, one file per module.
//!
//! - `structs`, `enums`, `unions`, `tagged`: the kinds of types; `debug` the `Debug` of a
//!   struct with a secret field;
//! - `operations`: a resource's API type and request builders, `requests` the runtime
//!   request each builder sends;
//! - `service`: the service module with its client;
//! - `doc_example`: the usage example in each method's documentation;
//! - `mocks`: each service's typed mock, for testing code that uses the client.

mod debug;
mod deserialize;
mod doc_example;
mod docs;
mod enums;
mod envelopes;
mod error_codes;
pub mod inline;
mod mock_shapes;
mod mocks;
mod operation_cases;
mod operations;
mod paging;
mod requests;
mod rust_types;
mod service;
mod struct_methods;
mod structs;
mod tagged;
mod unions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Docs, Field, Module, RustType, Service, Struct, TypeDef, TypeKind};
use docs::{doc_attrs, inner_doc_attrs, prose};
use rust_types::{ident, tokens};

/// What the generated code is for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The path under which the generated service modules are reachable, as doc
    /// examples name it: `generated_client`.
    pub module_path: String,
    /// Gate each service module behind the cargo feature of its name, and its mock
    /// module behind the `mock` feature.
    pub feature_gates: bool,
    /// Generate each service's typed mock (`<service>::mock`), which needs the runtime's
    /// `mock` feature.
    pub mocks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            module_path: "generated_client".to_owned(),
            feature_gates: true,
            mocks: true,
        }
    }
}

/// What every emitter of a service may look up.
pub struct Context<'a> {
    pub service: &'a Service,
    pub options: &'a Options,
    types: BTreeMap<&'a str, &'a TypeDef>,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("service", &self.service.name)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    fn new(service: &'a Service, options: &'a Options) -> Self {
        Self {
            service,
            options,
            types: service.types().map(|t| (t.name.as_str(), t)).collect(),
        }
    }

    pub fn type_def(&self, name: &str) -> Option<&'a TypeDef> {
        self.types.get(name).copied()
    }

    /// The struct a flattened field inlines, through aliases.
    pub fn flattened(&self, field: &Field) -> Option<&'a Struct> {
        let mut ty = &field.ty;
        for _ in 0..=self.types.len() {
            let RustType::Named(name) = ty else {
                return None;
            };
            match &self.type_def(name)?.kind {
                TypeKind::Struct(s) => return Some(s),
                TypeKind::Alias(target) => ty = target,
                _ => return None,
            }
        }
        None
    }
}

/// One file to generate: where it goes and which part of the model it prints. Files are
/// independent, so they can be emitted and formatted in parallel.
#[derive(Debug, Clone, Copy)]
pub enum FileJob {
    /// The client's `mod.rs`.
    Root,
    /// A service's `mod.rs`.
    Service(usize),
    /// A resource module (or a service's `types`) of a service.
    Module(usize, usize),
    /// A service's typed mock.
    Mock(usize),
    /// The test suite's typed call per operation, which goes to the tests' own folder.
    TestSuite,
}

impl FileJob {
    /// Whether the file belongs to the test suite rather than to the client.
    pub fn is_test_suite(self) -> bool {
        matches!(self, FileJob::TestSuite)
    }
}

/// Every file of the generated client, in a stable order.
pub fn jobs(api: &Api, options: &Options) -> Vec<(PathBuf, FileJob)> {
    // The test suite's file is the largest: it starts first.
    let mut jobs = vec![
        (PathBuf::from("operations.rs"), FileJob::TestSuite),
        (PathBuf::from("mod.rs"), FileJob::Root),
    ];
    for (s, service) in api.services.iter().enumerate() {
        let dir = PathBuf::from(&service.name);
        jobs.push((dir.join("mod.rs"), FileJob::Service(s)));
        for (m, module) in service.modules.iter().enumerate() {
            jobs.push((
                dir.join(format!("{}.rs", module.name)),
                FileJob::Module(s, m),
            ));
        }
        if options.mocks {
            let file = format!("{}.rs", mocks::module_name(service));
            jobs.push((dir.join(file), FileJob::Mock(s)));
        }
    }
    jobs
}

/// About how many lines a file will have, from the size of its part of the model, to
/// start the largest files first. The weights were fitted on the real spec's output;
/// only their order matters.
pub fn weight(api: &Api, job: FileJob) -> usize {
    let operations = |s: usize| -> usize {
        api.services[s]
            .modules
            .iter()
            .map(|m| m.operations.len())
            .sum()
    };
    match job {
        FileJob::Root => 50,
        FileJob::Service(s) => 400 + 10 * operations(s),
        FileJob::Mock(s) => 80 * operations(s),
        FileJob::TestSuite => (0..api.services.len()).map(|s| 45 * operations(s)).sum(),
        FileJob::Module(s, m) => {
            let module = &api.services[s].modules[m];
            let members: usize = module
                .types
                .iter()
                .map(|def| match &def.kind {
                    TypeKind::Struct(s) => s.fields.len(),
                    TypeKind::Enum(e) => e.variants.len(),
                    TypeKind::Union(u) => u.variants.len(),
                    TypeKind::Tagged(t) => t.variants.len(),
                    TypeKind::Alias(_) => 0,
                })
                .sum();
            50 * module.types.len() + 10 * members + 150 * module.operations.len()
        }
    }
}

/// The lookups of each service, built once and shared by every file's emitter.
pub fn contexts<'a>(api: &'a Api, options: &'a Options) -> Vec<Context<'a>> {
    api.services
        .iter()
        .map(|service| Context::new(service, options))
        .collect()
}

/// The tokens of one file, in chunks.
pub fn emit_file(
    api: &Api,
    options: &Options,
    contexts: &[Context<'_>],
    job: FileJob,
) -> Vec<TokenStream> {
    match job {
        FileJob::Root => root(api, options),
        FileJob::Service(s) => vec![file_attrs(), service::emit(&contexts[s])],
        FileJob::Module(s, m) => module_chunks(&contexts[s], &api.services[s].modules[m]),
        FileJob::Mock(s) => mocks::emit(&contexts[s]),
        FileJob::TestSuite => operation_cases::emit(api, options),
    }
}

/// `#[cfg(feature = "cloudflare-builds")]` for a module with a feature of its own, when
/// the output is feature-gated.
pub(crate) fn module_gate(module: &Module, gates: bool) -> TokenStream {
    match &module.feature {
        Some(feature) if gates => quote!(#[cfg(feature = #feature)]),
        _ => TokenStream::new(),
    }
}

/// The first attributes of every file: rustfmt leaves generated files as prettyplease
/// printed them; and the generated code itself may use what it marks deprecated (a
/// deprecated field is still decoded), which warns only where users name it.
pub(crate) fn file_attrs() -> TokenStream {
    quote! {
        #![cfg_attr(rustfmt, rustfmt::skip)]
        #![allow(deprecated)]
    }
}

fn root(api: &Api, options: &Options) -> Vec<TokenStream> {
    let docs = inner_doc_attrs(
        &Docs::default().with("The generated part of the client: one module per service."),
    );
    let modules = api.services.iter().map(|s| {
        let name = ident(&s.name);
        // The service's feature builds all of it, a resource's feature only its part.
        let features = std::iter::once(s.name.clone()).chain(
            s.resource_features()
                .into_iter()
                .map(|(feature, _)| feature),
        );
        let gate = if options.feature_gates {
            quote!(#[cfg(any(#(feature = #features),*))])
        } else {
            TokenStream::new()
        };
        quote! {
            #gate
            pub mod #name;
        }
    });
    vec![file_attrs(), docs, quote!(#(#modules)*)]
}

fn module_chunks(cx: &Context<'_>, module: &Module) -> Vec<TokenStream> {
    let description = module
        .description
        .clone()
        .unwrap_or_else(|| default_module_description(cx.service, module));
    let docs = inner_doc_attrs(&Docs::default().with(prose(&description)));
    let mut chunks = vec![file_attrs(), docs];
    chunks.extend(module.types.iter().map(|def| type_tokens(cx, def)));
    chunks.extend(operations::emit(cx, module));
    chunks
}

/// What a module without a description in the spec is: the service's shared types, or a
/// resource's operations by their summaries.
fn default_module_description(service: &Service, module: &Module) -> String {
    if module.operations.is_empty() {
        return format!(
            "Types of the {} API used across its resources.",
            service.title
        );
    }
    let summaries: Vec<&str> = module
        .operations
        .iter()
        .map(|op| op.summary.trim().trim_end_matches('.'))
        .collect();
    format!(
        "The `{}` resource of the {} API: {}.",
        module.name,
        service.title,
        summaries.join("; ")
    )
}

fn type_tokens(cx: &Context<'_>, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(cx, def, s),
        TypeKind::Enum(e) => enums::emit(def, e),
        TypeKind::Union(u) => unions::emit(def, u),
        TypeKind::Tagged(t) => tagged::emit(def, t),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let docs = doc_attrs(&structs::type_docs(def));
            let target = tokens(target);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}
