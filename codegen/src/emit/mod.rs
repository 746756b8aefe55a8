//! From the model to tokens: one emitter per kind of output, one file per module.
//!
//! - `structs`, `enums`, `unions`, `tagged`: the kinds of types;
//! - `operations`: a resource's API type and request builders;
//! - `service`: the service module with its client;
//! - `doc_example`: the usage example in each method's documentation.

mod doc_example;
mod docs;
mod enums;
mod operation_cases;
mod operations;
mod rust_types;
mod service;
mod structs;
mod tagged;
mod unions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, Docs, Field, Module, RustType, Service, Struct, TypeDef, TypeKind};
use docs::{doc_attrs, inner_doc_attrs, prose};
use rust_types::{Scope, ident, tokens};

/// What the generated code is for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The path under which the generated service modules are reachable, as doc
    /// examples name it: `generated_client`.
    pub module_path: String,
    /// Gate each service module behind the cargo feature of its name.
    pub feature_gates: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            module_path: "generated_client".to_owned(),
            feature_gates: true,
        }
    }
}

/// One file of output, relative to the generated root, as tokens in chunks: the first
/// holds the file's inner attributes, each other a few whole items. Parsing chunk by
/// chunk spares copying every token into ever larger streams.
#[derive(Debug, Clone)]
pub struct EmittedFile {
    pub path: PathBuf,
    pub chunks: Vec<TokenStream>,
}

/// What every emitter of a service may look up.
pub struct Context<'a> {
    pub service: &'a Service,
    pub options: &'a Options,
    pub scope: Scope,
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
            scope: Scope::Module,
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

/// `operations.rs` of the test suite: every operation, callable from its examples.
pub fn emit_operation_cases(api: &Api) -> EmittedFile {
    EmittedFile {
        path: PathBuf::from("operations.rs"),
        chunks: operation_cases::emit(api),
    }
}

/// One file to generate: where it goes and which part of the model it prints. Files are
/// independent, so they can be emitted and formatted in parallel.
#[derive(Debug, Clone, Copy)]
pub enum FileJob {
    Root,
    Service(usize),
    Module(usize, usize),
}

/// Every file of the generated client, in a stable order.
pub fn jobs(api: &Api) -> Vec<(PathBuf, FileJob)> {
    let mut jobs = vec![(PathBuf::from("mod.rs"), FileJob::Root)];
    for (s, service) in api.services.iter().enumerate() {
        let dir = PathBuf::from(&service.name);
        jobs.push((dir.join("mod.rs"), FileJob::Service(s)));
        for (m, module) in service.modules.iter().enumerate() {
            jobs.push((
                dir.join(format!("{}.rs", module.name)),
                FileJob::Module(s, m),
            ));
        }
    }
    jobs
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
        FileJob::Service(s) => vec![file_attrs(), service::emit(&api.services[s])],
        FileJob::Module(s, m) => module_chunks(&contexts[s], &api.services[s].modules[m]),
    }
}

/// Every file of the generated client, emitted one after another.
pub fn emit(api: &Api, options: &Options) -> Vec<EmittedFile> {
    let contexts = contexts(api, options);
    jobs(api)
        .into_iter()
        .map(|(path, job)| EmittedFile {
            path,
            chunks: emit_file(api, options, &contexts, job),
        })
        .collect()
}

/// The first attribute of every file: rustfmt leaves generated files as prettyplease
/// printed them.
pub(crate) fn file_attrs() -> TokenStream {
    quote!(#![cfg_attr(rustfmt, rustfmt::skip)])
}

fn root(api: &Api, options: &Options) -> Vec<TokenStream> {
    let docs = inner_doc_attrs(
        &Docs::default().with("The generated part of the client: one module per service."),
    );
    let modules = api.services.iter().map(|s| {
        let name = ident(&s.name);
        let feature = &s.name;
        let gate = if options.feature_gates {
            quote!(#[cfg(feature = #feature)])
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
    let description = module.description.clone().unwrap_or_else(|| {
        format!(
            "Types of the {} API used across its resources.",
            cx.service.title
        )
    });
    let docs = inner_doc_attrs(&Docs::default().with(prose(&description)));
    let mut chunks = vec![file_attrs(), docs];
    chunks.extend(module.types.iter().map(|def| type_tokens(cx, def)));
    chunks.extend(operations::emit(cx, module));
    chunks
}

fn type_tokens(cx: &Context<'_>, def: &TypeDef) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(cx, def, s),
        TypeKind::Enum(e) => enums::emit(def, e),
        TypeKind::Union(u) => unions::emit(def, u, cx.scope),
        TypeKind::Tagged(t) => tagged::emit(def, t, cx.scope),
        TypeKind::Alias(target) => {
            let name = ident(&def.name);
            let docs = doc_attrs(&structs::type_docs(def));
            let target = tokens(target, cx.scope);
            quote! {
                #docs
                pub type #name = #target;
            }
        }
    }
}
