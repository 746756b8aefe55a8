//! The methods a generated struct is built and read with: `new` from its required fields
//! (positional, or a `…Required` struct where they could be mixed up), `with_*` setters
//! for the optional ones, and getters of members that are not public fields.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use super::debug::{Shown, derive_or_redact};
use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{argument, field_init, ident, maybe_option, named, tokens};
use super::structs::derives_default;
use crate::model::{Field, RustType, Struct};
use codegen_spec::naming::unraw;

/// The constructor's arguments: required fields, with flattened fields' own expanded in
/// place, as `(field, its struct)` pairs.
pub(super) fn constructor_args<'a>(cx: &Context<'a>, s: &'a Struct) -> Vec<&'a Field> {
    let mut args = Vec::new();
    for f in &s.fields {
        if f.flatten {
            if let Some(inner) = cx.flattened(f) {
                args.extend(constructor_args(cx, inner));
            }
        } else if f.is_constructor_arg() {
            args.push(f);
        }
    }
    args
}

/// The value of every field in a constructor: arguments by name, `None`, or constants.
/// `owned` says whether the arguments are already the fields' types (taken from a struct
/// of required fields) rather than what the positional parameters accept.
fn initializers(
    cx: &Context<'_>,
    s: &Struct,
    set_one_of: Option<usize>,
    owned: bool,
) -> TokenStream {
    let values = s.fields.iter().enumerate().map(|(i, f)| {
        let name = ident(&f.ident);
        let value = if f.flatten {
            flattened_constructor(cx, f, owned)
        } else if let Some(constant) = &f.constant {
            constant_value(constant)
        } else if set_one_of == Some(i) {
            let (_, convert) = argument(&f.ty, &name);
            quote!(Some(#convert))
        } else if f.is_constructor_arg() {
            let (_, convert) = argument(&f.ty, &name);
            if f.nullable || owned {
                quote!(#name)
            } else {
                convert
            }
        } else {
            quote!(None)
        };
        field_init(&name, value)
    });
    quote!(Self { #(#values),* })
}

/// A flattened field's value: its struct built from its own required fields, which the
/// outer constructor took among its own.
fn flattened_constructor(cx: &Context<'_>, f: &Field, owned: bool) -> TokenStream {
    let inner_type = type_path(&f.ty);
    let Some(inner) = cx.flattened(f) else {
        return quote!(#inner_type::new());
    };
    let inner_required = required(cx, inner);
    let args: Vec<(Ident, TokenStream)> = inner_required
        .args
        .iter()
        .map(|a| {
            let name = ident(&a.ident);
            let (_, convert) = argument(&a.ty, &name);
            let value = if owned || a.nullable {
                quote!(#name)
            } else {
                convert
            };
            (name, value)
        })
        .collect();
    match &inner_required.named {
        Some(required_name) => {
            let required_type = named(required_name);
            let fields = args
                .iter()
                .map(|(name, value)| field_init(name, value.clone()));
            quote!(#inner_type::new(#required_type { #(#fields),* }))
        }
        None => {
            let names = args.iter().map(|(name, _)| name);
            quote!(#inner_type::new(#(#names),*))
        }
    }
}

/// A type as a path for calling its associated functions: `super::Inner`.
fn type_path(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Named(name) => named(name),
        other => tokens(other),
    }
}

fn constant_value(value: &serde_json::Value) -> TokenStream {
    match value {
        serde_json::Value::Bool(b) => quote!(#b),
        serde_json::Value::String(s) => quote!(::std::string::String::from(#s)),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => quote!(#i),
            (None, Some(f)) => quote!(#f),
            _ => quote!(::std::default::Default::default()),
        },
        _ => quote!(::std::default::Default::default()),
    }
}

fn constructor_params(args: &[&Field]) -> Vec<TokenStream> {
    args.iter()
        .map(|f| {
            let name = ident(&f.ident);
            let (accepts, _) = argument(&f.ty, &name);
            // A required nullable field takes an `Option`.
            let accepts = if f.nullable {
                maybe_option(tokens(&f.ty), true)
            } else {
                accepts
            };
            quote!(#name: #accepts)
        })
        .collect()
}

/// How a struct's `new` takes its required fields: as positional arguments, or, when
/// those would be easy to mix up, as a struct of them by name.
pub(super) struct Required<'a> {
    pub args: Vec<&'a Field>,
    /// The name of the struct of required fields, when `new` takes one.
    pub named: Option<String>,
}

/// Which form the model chose (see `model::build::constructors`), with the arguments.
pub(super) fn required<'a>(cx: &Context<'a>, s: &'a Struct) -> Required<'a> {
    Required {
        args: constructor_args(cx, s),
        named: s.required_struct.clone(),
    }
}

/// The struct of required fields, when `new` takes one: plain public fields, so that a
/// struct literal names each and the compiler rejects a missing one.
pub(super) fn required_struct(type_name: &str, required: &Required<'_>) -> TokenStream {
    let Some(required_name) = &required.named else {
        return TokenStream::new();
    };
    let name = ident(required_name);
    let doc = format!(
        " The required fields of [`{type_name}`], by name, for [`{type_name}::new`]; the optional ones have setters."
    );
    let shown: Vec<Shown<'_>> = required
        .args
        .iter()
        .map(|field| Shown {
            field,
            wrapped: field.nullable,
        })
        .collect();
    let (derive_debug, debug) = derive_or_redact(required_name, &TokenStream::new(), &shown);
    let fields = required.args.iter().map(|f| {
        let docs = doc_attrs(&prose_docs(&f.docs));
        let field = ident(&f.ident);
        let ty = maybe_option(tokens(&f.ty), f.nullable);
        quote! {
            #docs
            pub #field: #ty,
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(#derive_debug Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
        #debug
    }
}

pub(super) fn constructors(cx: &Context<'_>, s: &Struct, required: &Required<'_>) -> TokenStream {
    if derives_default(s) {
        return quote! {
            /// Creates a value with every field empty.
            pub fn new() -> Self {
                ::std::default::Default::default()
            }
        };
    }
    let (params, unpack, owned) = match &required.named {
        Some(required_name) => {
            let required_type = ident(required_name);
            let names = required.args.iter().map(|f| ident(&f.ident));
            (
                vec![quote!(required: #required_type)],
                quote!(let #required_type { #(#names),* } = required;),
                true,
            )
        }
        None => (
            constructor_params(&required.args),
            TokenStream::new(),
            false,
        ),
    };
    let allow = if params.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    if s.one_of.is_empty() {
        let init = initializers(cx, s, None, owned);
        let doc = match (has_optional(cx, s, 0), s.is_request) {
            (false, _) => " Creates a value from its fields.",
            (true, false) => {
                " Creates a value from its required fields; the optional ones start out empty."
            }
            (true, true) => {
                " Creates a value from its required fields; the optional ones start out empty, and the `with_*` methods set them."
            }
        };
        return quote! {
            #[doc = #doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                #unpack
                #init
            }
        };
    }
    // At least one of the group is required: one constructor per member of the group.
    s.one_of
        .iter()
        .map(|&i| {
            let f = &s.fields[i];
            let name = ident(&f.ident);
            let constructor = format_ident!("from_{}", unraw(&f.ident));
            let (accepts, _) = argument(&f.ty, &name);
            let init = initializers(cx, s, Some(i), owned);
            let doc = format!(
                " Creates a value with `{}` set, as one of the fields the API needs at least one of.",
                f.json_name
            );
            quote! {
                #[doc = #doc]
                #allow
                pub fn #constructor(#name: #accepts, #(#params),*) -> Self {
                    #unpack
                    #init
                }
            }
        })
        .collect()
}

/// `with_*` setters for every settable field, flattened fields' included: `target` is the
/// expression that owns the fields (`self`, `self.common`).
/// Whether the struct, or one it flattens, has a field the constructor leaves empty.
fn has_optional(cx: &Context<'_>, s: &Struct, depth: usize) -> bool {
    s.fields.iter().any(|f| match cx.flattened(f) {
        Some(inner) if f.flatten => depth < 16 && has_optional(cx, inner, depth + 1),
        _ => f.is_wrapped() && f.constant.is_none() && !f.flatten,
    })
}

pub(super) fn setters(cx: &Context<'_>, s: &Struct, target: &TokenStream) -> TokenStream {
    s.fields
        .iter()
        .map(|f| {
            let name = ident(&f.ident);
            if f.flatten {
                return match cx.flattened(f) {
                    Some(inner) => setters(cx, inner, &quote!(#target.#name)),
                    None => TokenStream::new(),
                };
            }
            // Private fields of a flattened struct may live in another module.
            let nested = target.to_string() != "self";
            // A required field is set by the constructor, and is public to change.
            if f.constant.is_some() || !f.is_wrapped() || (nested && !f.is_public()) {
                return TokenStream::new();
            }
            let setter = format_ident!("with_{}", unraw(&f.ident));
            let value = format_ident!("value");
            let (accepts, convert) = argument(&f.ty, &value);
            let convert = if f.is_wrapped() {
                quote!(Some(#convert))
            } else {
                convert
            };
            let doc = format!(" Sets `{}`.", f.json_name);
            let deprecated = super::operations::deprecated_attr(f.deprecated.as_ref());
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #setter(mut self, #value: #accepts) -> Self {
                    #target.#name = #convert;
                    self
                }
            }
        })
        .collect()
}

/// Getters for the private fields of a one-of group.
pub(super) fn getters(s: &Struct) -> TokenStream {
    s.one_of
        .iter()
        .map(|&i| {
            let f = &s.fields[i];
            let name = ident(&f.ident);
            let doc = format!(" `{}`, if set.", f.json_name);
            let (ty, access) = match &f.ty {
                RustType::String => (quote!(&str), quote!(self.#name.as_deref())),
                other => {
                    let ty = tokens(other);
                    (quote!(&#ty), quote!(self.#name.as_ref()))
                }
            };
            quote! {
                #[doc = #doc]
                pub fn #name(&self) -> ::std::option::Option<#ty> {
                    #access
                }
            }
        })
        .collect()
}
