//! Objects become structs: `#[non_exhaustive]`, built through `new` (the required fields)
//! and `with_*` setters, so that a field added to the spec later breaks no caller.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use super::docs::{doc_attrs, prose, prose_docs};
use super::rust_types::{Scope, argument, field_init, ident, maybe_option, named, tokens};
use crate::model::{Docs, Field, RustType, Struct, TypeDef};
use crate::naming::unraw;

pub fn emit(cx: &Context<'_>, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&type_docs(def));
    let (params, args) = if s.generic_field.is_some() {
        (quote!(<T = ::serde_json::Value>), quote!(<T>))
    } else {
        (TokenStream::new(), TokenStream::new())
    };
    let impl_params = if s.generic_field.is_some() {
        quote!(<T>)
    } else {
        TokenStream::new()
    };
    let fields = s.fields.iter().map(|f| field(f, cx.scope));
    let constructors = constructors(cx, s);
    // Builders are for what users build: request bodies. Response types have `new()`
    // and public fields.
    let setters = if s.is_request {
        setters(cx, s, &quote!(self))
    } else {
        TokenStream::new()
    };
    let getters = getters(cx, s);
    // A struct of optional fields only derives `Default`, and `new()` is that; any
    // other struct without constructor arguments (constants to set) implements it.
    let all_optional = derives_default(s);
    let default = if all_optional
        || !(constructor_args(cx, s).is_empty() && s.one_of.is_empty() && s.generic_field.is_none())
    {
        TokenStream::new()
    } else {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    };
    let derive_default = if all_optional {
        quote!(::std::default::Default,)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name #params {
            #(#fields)*
        }

        impl #impl_params #name #args {
            #constructors
            #getters
            #setters
        }

        #default
    }
}

/// The type's documentation, with where it comes from when that is not a page.
pub fn type_docs(def: &TypeDef) -> Docs {
    let mut docs = prose_docs(&def.docs);
    if let Some(reference) = def.source.as_ref().and_then(|s| s.reference.as_ref()) {
        docs.push(format!(
            "Defined outside the documentation pages, from {}; re-check it when the docs change.",
            prose(reference)
        ));
    }
    docs
}

fn field(f: &Field, scope: Scope) -> TokenStream {
    let docs = doc_attrs(&prose_docs(&f.docs));
    let name = ident(&f.ident);
    let ty = maybe_option(tokens(&f.ty, scope), f.is_wrapped());
    let mut serde = Vec::new();
    if f.flatten {
        serde.push(quote!(flatten));
    } else if unraw(&f.ident) != f.json_name {
        let json_name = &f.json_name;
        serde.push(quote!(rename = #json_name));
    }
    // A missing `Option` field decodes as `None` without `#[serde(default)]`.
    if f.optional && !f.nullable {
        serde.push(quote!(
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let serde = if serde.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#serde),*)])
    };
    let visibility = if f.is_public() {
        quote!(pub)
    } else {
        TokenStream::new()
    };
    quote! {
        #docs
        #serde
        #visibility #name: #ty,
    }
}

/// Whether every field is an `Option` the user may leave empty, so that the derived
/// `Default` is the empty value. A one-of group has no empty value: it is left out.
fn derives_default(s: &Struct) -> bool {
    s.generic_field.is_none()
        && s.one_of.is_empty()
        && s.fields
            .iter()
            .all(|f| f.is_wrapped() && f.constant.is_none() && !f.flatten)
}

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
fn initializers(cx: &Context<'_>, s: &Struct, set_one_of: Option<usize>) -> TokenStream {
    let values = s.fields.iter().enumerate().map(|(i, f)| {
        let name = ident(&f.ident);
        let value = if f.flatten {
            let inner_args: Vec<Ident> = cx
                .flattened(f)
                .map(|inner| {
                    constructor_args(cx, inner)
                        .iter()
                        .map(|a| ident(&a.ident))
                        .collect()
                })
                .unwrap_or_default();
            let inner_type = type_path(&f.ty, cx.scope);
            quote!(#inner_type::new(#(#inner_args),*))
        } else if let Some(constant) = &f.constant {
            constant_value(constant)
        } else if set_one_of == Some(i) {
            let (_, convert) = argument(&f.ty, &name, cx.scope);
            quote!(Some(#convert))
        } else if f.is_constructor_arg() {
            let (_, convert) = argument(&f.ty, &name, cx.scope);
            if f.nullable { quote!(#name) } else { convert }
        } else {
            quote!(None)
        };
        field_init(&name, value)
    });
    quote!(Self { #(#values),* })
}

/// A type as a path for calling its associated functions: `super::Inner`.
fn type_path(ty: &RustType, scope: Scope) -> TokenStream {
    match ty {
        RustType::Named(name) => named(name, scope),
        other => tokens(other, scope),
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

fn constructor_params(cx: &Context<'_>, args: &[&Field]) -> Vec<TokenStream> {
    args.iter()
        .map(|f| {
            let name = ident(&f.ident);
            let (accepts, _) = argument(&f.ty, &name, cx.scope);
            // A required nullable field takes an `Option`.
            let accepts = if f.nullable {
                maybe_option(tokens(&f.ty, cx.scope), true)
            } else {
                accepts
            };
            quote!(#name: #accepts)
        })
        .collect()
}

fn constructors(cx: &Context<'_>, s: &Struct) -> TokenStream {
    let args = constructor_args(cx, s);
    let params = constructor_params(cx, &args);
    let allow = if params.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        TokenStream::new()
    };
    if derives_default(s) {
        return quote! {
            /// Creates a value with every field empty.
            pub fn new() -> Self {
                ::std::default::Default::default()
            }
        };
    }
    if s.one_of.is_empty() {
        let init = initializers(cx, s, None);
        return quote! {
            /// Creates a value from its required fields; the optional ones start out empty.
            #allow
            pub fn new(#(#params),*) -> Self {
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
            let (accepts, _) = argument(&f.ty, &name, cx.scope);
            let init = initializers(cx, s, Some(i));
            let doc = format!(
                " Creates a value with `{}` set, as one of the fields the API needs at least one of.",
                f.json_name
            );
            quote! {
                #[doc = #doc]
                #allow
                pub fn #constructor(#name: #accepts, #(#params),*) -> Self {
                    #init
                }
            }
        })
        .collect()
}

/// `with_*` setters for every settable field, flattened fields' included: `target` is the
/// expression that owns the fields (`self`, `self.common`).
fn setters(cx: &Context<'_>, s: &Struct, target: &TokenStream) -> TokenStream {
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
            if f.constant.is_some() || (nested && !f.is_public()) {
                return TokenStream::new();
            }
            let setter = format_ident!("with_{}", unraw(&f.ident));
            let value = format_ident!("value");
            let (accepts, convert) = argument(&f.ty, &value, cx.scope);
            let convert = if f.is_wrapped() {
                quote!(Some(#convert))
            } else {
                convert
            };
            let doc = format!(" Sets `{}`.", f.json_name);
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #value: #accepts) -> Self {
                    #target.#name = #convert;
                    self
                }
            }
        })
        .collect()
}

/// Getters for the private fields of a one-of group.
fn getters(cx: &Context<'_>, s: &Struct) -> TokenStream {
    s.one_of
        .iter()
        .map(|&i| {
            let f = &s.fields[i];
            let name = ident(&f.ident);
            let doc = format!(" `{}`, if set.", f.json_name);
            let (ty, access) = match &f.ty {
                RustType::String => (quote!(&str), quote!(self.#name.as_deref())),
                other => {
                    let ty = tokens(other, cx.scope);
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
