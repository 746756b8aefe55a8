//! String enums: every documented value is a variant, and `Unknown` keeps any other value
//! as received and writes it back unchanged.

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose_docs};
use super::rust_types::ident;
use super::structs::type_docs;
use crate::model::{Docs, Enum, TypeDef};
use codegen_spec::naming::UNKNOWN_VARIANT;

/// Whether a reader can tell the wire value from the variant's name: `Queued` is
/// `queued`, `InProgress` is `in_progress` or `in-progress`; `V2x4` (`2x4`) and `Eu`
/// (`EU`) are not.
fn names_its_value(variant: &str, value: &str) -> bool {
    let snake = variant.to_snake_case();
    value == snake || value == snake.replace('_', "-") || value == variant
}

pub fn emit(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&type_docs(def));
    let unknown = ident(UNKNOWN_VARIANT);
    let variants = e.variants.iter().map(|v| {
        // The wire value, where the variant's name does not already say it.
        let mut docs = Docs::default();
        if !names_its_value(&v.ident, &v.value) {
            docs.push(format!("`{}`", v.value));
        }
        docs.0.extend(prose_docs(&v.docs).0);
        let docs = doc_attrs(&docs);
        let variant = ident(&v.ident);
        quote! {
            #docs
            #variant,
        }
    });
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    // A variant whose name says its value, and about which the spec says nothing more,
    // has no doc of its own: the type's doc and `VALUES` cover it.
    let undocumented = e
        .variants
        .iter()
        .any(|v| names_its_value(&v.ident, &v.value) && v.docs.0.is_empty());
    let allow = undocumented.then(|| quote!(#[allow(missing_docs)]));
    quote! {
        #docs
        #allow
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the client does not know, kept as received.
            #unknown(::generated_client::runtime::UnknownValue),
        }

        impl #name {
            /// Every value the documentation lists, in its order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#idents => #values,)*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#idents,)*
                    other => Self::#unknown(::generated_client::runtime::UnknownValue::new(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;

            // `Self::Err` would be ambiguous with a variant named `Err`.
            fn from_str(value: &str) -> ::std::result::Result<Self, ::std::convert::Infallible> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::generated_client::runtime::__private::deserialize_enum(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_its_value;

    #[test]
    fn a_variant_documents_its_value_only_when_its_name_does_not_say_it() {
        assert!(names_its_value("Queued", "queued"));
        assert!(names_its_value("InProgress", "in_progress"));
        assert!(names_its_value("InProgress", "in-progress"));
        assert!(names_its_value("GITHUB", "GITHUB"));
        assert!(!names_its_value("V2x4", "2x4"));
        assert!(!names_its_value("Eu", "EU"));
        assert!(!names_its_value("CloudFront", "CLOUD_FRONT"));
    }
}
