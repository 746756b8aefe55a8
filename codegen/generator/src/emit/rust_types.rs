//! Rust types as tokens, and how a method argument of a type converts into it.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::RustType;

/// An identifier from a model name, raw (`r#type`) where the name says so.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// A named generated type, seen from a resource module: every named type is re-exported
/// by the service module, its parent.
pub fn named(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(super::#name)
}

/// The type's tokens, fully qualified so that no user or spec name can shadow them.
///
/// Expressions and patterns use the prelude's `Some`, `None`, `Ok` and `Err` unqualified:
/// every item the spec names is a braced struct, an enum or a type alias, all in the type
/// namespace, so none of them can shadow those constructors in the value namespace.
pub fn tokens(ty: &RustType) -> TokenStream {
    match ty {
        RustType::String => quote!(::std::string::String),
        RustType::I64 => quote!(i64),
        RustType::F64 => quote!(f64),
        RustType::Bool => quote!(bool),
        RustType::Json => quote!(::serde_json::Value),
        RustType::Named(name) => named(name),
        RustType::Vec(inner) => {
            let inner = tokens(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        RustType::Map(inner) => {
            let inner = tokens(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        RustType::Boxed(inner) => {
            let inner = tokens(inner);
            quote!(::std::boxed::Box<#inner>)
        }
        RustType::Generic => quote!(T),
        RustType::Bytes => quote!(::std::vec::Vec<u8>),
        RustType::File => quote!(::generated_client::runtime::FilePart),
        RustType::Unit => quote!(()),
        RustType::Formatted(format) => {
            let name = format_ident!("{}", format.rust_name());
            quote!(::generated_client::runtime::#name)
        }
    }
}

/// `Option<T>` when `wrapped`.
pub fn maybe_option(ty: TokenStream, wrapped: bool) -> TokenStream {
    if wrapped {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// A method argument of type `ty`: what it accepts, and the expression that turns the
/// argument `name` into the field's value. Strings take `impl Into<String>`, lists any
/// iterator, so that `with_tags(["a", "b"])` works.
pub fn argument(ty: &RustType, name: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        RustType::String => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(#name.into()),
        ),
        RustType::Vec(item) if **item == RustType::String => (
            quote!(
                impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>
            ),
            quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
        ),
        RustType::Vec(item) => {
            let item = tokens(item);
            (
                quote!(impl ::std::iter::IntoIterator<Item = #item>),
                quote!(#name.into_iter().collect()),
            )
        }
        RustType::Map(value) => {
            let value = tokens(value);
            (
                quote!(impl ::std::iter::IntoIterator<Item = (impl ::std::convert::Into<::std::string::String>, #value)>),
                quote!(#name.into_iter().map(|(key, value)| (key.into(), value)).collect()),
            )
        }
        RustType::Boxed(inner) => {
            let (accepts, convert) = argument(inner, name);
            (accepts, quote!(::std::boxed::Box::new(#convert)))
        }
        RustType::Formatted(_) | RustType::Bytes => {
            let ty = tokens(ty);
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
        other => (tokens(other), quote!(#name)),
    }
}

/// `field: value` in a struct literal, or `field` alone when the value is that name.
pub fn field_init(field: &Ident, value: TokenStream) -> TokenStream {
    if *field == value.to_string() {
        quote!(#field)
    } else {
        quote!(#field: #value)
    }
}
