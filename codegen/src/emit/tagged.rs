//! Tagged unions: objects told apart by a tag field. Known tags decode into their variant
//! struct; with a fallback, any other tag keeps the object's raw JSON.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{ident, tokens};
use super::structs::type_docs;
use crate::model::{Docs, RustType, Tagged, TypeDef};
use crate::naming::UNKNOWN_VARIANT;

pub fn emit(def: &TypeDef, union: &Tagged) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&type_docs(def));
    let tag = &union.tag;
    let unknown = ident(UNKNOWN_VARIANT);
    let idents: Vec<_> = union.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = union.variants.iter().map(|v| v.value.as_str()).collect();
    let types: Vec<_> = union.variants.iter().map(|v| tokens(&v.ty)).collect();
    let variants = union.variants.iter().zip(&types).map(|(v, ty)| {
        let mut docs = Docs::default().with(format!("`{}`: `{}`", union.tag, v.value));
        docs.0.extend(prose_docs(&v.docs).0);
        let docs = doc_attrs(&docs);
        let variant = ident(&v.ident);
        quote! {
            #docs
            #variant(#ty),
        }
    });
    let fallback_variant = if union.fallback {
        let doc = format!(
            " An object whose `{tag}` this version of the client does not know: its JSON, kept as received."
        );
        quote! {
            #[doc = #doc]
            #unknown(::serde_json::Value),
        }
    } else {
        TokenStream::new()
    };
    let fallback_arm = if union.fallback {
        quote!(Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),)
    } else {
        TokenStream::new()
    };
    let tag_of_fallback = if union.fallback {
        quote!(Self::#unknown(value) => value.get(#tag).and_then(::serde_json::Value::as_str),)
    } else {
        TokenStream::new()
    };
    let positions: Vec<usize> = (0..union.variants.len()).collect();
    let decode_arms = union.variants.iter().zip(&positions).map(|(v, position)| {
        let variant = ident(&v.ident);
        let wrap = if matches!(v.ty, RustType::Boxed(_)) {
            quote!(|value| Self::#variant(::std::boxed::Box::new(value)))
        } else {
            quote!(Self::#variant)
        };
        quote!(Some(#position) => ::generated_client::runtime::__private::decode_variant(value).map(#wrap),)
    });
    let unknown_arm = if union.fallback {
        quote!(_ => Ok(Self::#unknown(value)),)
    } else {
        let expected = values.join(", ");
        quote! {
            _ => Err(<D::Error as ::serde::de::Error>::custom(::std::format!(
                "unknown or missing `{}` {:?}; expected one of {}",
                #tag,
                value.get(#tag),
                #expected
            ))),
        }
    };
    let tagged_refs = union.variants.iter().zip(&types).map(|(v, ty)| {
        let variant = ident(&v.ident);
        let value = &v.value;
        quote! {
            #[serde(rename = #value)]
            #variant(&'a #ty),
        }
    });
    let from_impls = union.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let (inner, wrap) = match &v.ty {
            RustType::Boxed(inner) => (
                tokens(inner),
                quote!(Self::#variant(::std::boxed::Box::new(value))),
            ),
            other => (tokens(other), quote!(Self::#variant(value))),
        };
        quote! {
            impl ::std::convert::From<#inner> for #name {
                fn from(value: #inner) -> Self {
                    #wrap
                }
            }
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
            #fallback_variant
        }

        impl #name {
            /// The value of the tag field that tells the variants apart.
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    #(Self::#idents(_) => Some(#values),)*
                    #tag_of_fallback
                }
            }
        }

        #(#from_impls)*

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                // The variants' structs leave the tag out; serde writes it first.
                #[derive(::serde::Serialize)]
                #[serde(tag = #tag)]
                enum Tagged<'a> {
                    #(#tagged_refs)*
                }
                match self {
                    #(Self::#idents(value) => ::serde::Serialize::serialize(&Tagged::#idents(value), serializer),)*
                    #fallback_arm
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let variant = match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #(Some(#values) => Some(#positions),)*
                    _ => None,
                };
                match variant {
                    #(#decode_arms)*
                    #unknown_arm
                }
            }
        }
    }
}
