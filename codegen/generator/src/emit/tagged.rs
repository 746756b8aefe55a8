//! Tagged unions: objects told apart by a tag field. Known tags decode into their variant
//! struct; with a fallback, any other tag keeps the object's raw JSON.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{ident, tokens};
use super::structs::type_docs;
use crate::model::{Docs, RustType, Tagged, TaggedVariant, TypeDef};
use codegen_spec::naming::UNKNOWN_VARIANT;

pub fn emit(def: &TypeDef, union: &Tagged) -> TokenStream {
    let union = Union {
        name: ident(&def.name),
        tagged: union,
        unknown: ident(UNKNOWN_VARIANT),
    };
    let definition = union.definition(def);
    let tag_method = union.tag_method();
    let conversions = union.conversions();
    let serialize = union.serialize();
    let deserialize = union.deserialize();
    quote! {
        #definition
        #tag_method
        #conversions
        #serialize
        #deserialize
    }
}

/// One tagged union and the names its impls share.
struct Union<'a> {
    name: Ident,
    tagged: &'a Tagged,
    unknown: Ident,
}

impl Union<'_> {
    fn variants(&self) -> impl Iterator<Item = (&TaggedVariant, Ident)> {
        self.tagged.variants.iter().map(|v| (v, ident(&v.ident)))
    }

    /// The enum: a variant per tag value, and the fallback that keeps unknown objects.
    fn definition(&self, def: &TypeDef) -> TokenStream {
        let Self {
            name,
            tagged,
            unknown,
        } = self;
        let docs = doc_attrs(&type_docs(def));
        let variants = self.variants().map(|(v, variant)| {
            let mut docs = Docs::default().with(format!("`{}`: `{}`", tagged.tag, v.value));
            docs.0.extend(prose_docs(&v.docs).0);
            let docs = doc_attrs(&docs);
            let ty = tokens(&v.ty);
            quote! {
                #docs
                #variant(#ty),
            }
        });
        let fallback = tagged.fallback.then(|| {
            let doc = format!(
                " An object whose `{}` this version of the client does not know: its JSON, kept as received.",
                tagged.tag
            );
            quote! {
                #[doc = #doc]
                #unknown(::serde_json::Value),
            }
        });
        quote! {
            #docs
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #[allow(clippy::large_enum_variant)]
            pub enum #name {
                #(#variants)*
                #fallback
            }
        }
    }

    /// `tag()`: the tag value of any variant, the fallback's as received.
    fn tag_method(&self) -> TokenStream {
        let Self {
            name,
            tagged,
            unknown,
        } = self;
        let tag = &tagged.tag;
        let arms = self.variants().map(|(v, variant)| {
            let value = &v.value;
            quote!(Self::#variant(_) => Some(#value),)
        });
        let fallback = tagged.fallback.then(
            || quote!(Self::#unknown(value) => value.get(#tag).and_then(::serde_json::Value::as_str),),
        );
        quote! {
            impl #name {
                /// The value of the tag field that tells the variants apart.
                pub fn tag(&self) -> ::std::option::Option<&str> {
                    match self {
                        #(#arms)*
                        #fallback
                    }
                }
            }
        }
    }

    /// `From` each variant's struct, boxed where the variant is.
    fn conversions(&self) -> TokenStream {
        let name = &self.name;
        let impls = self.variants().map(|(v, variant)| {
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
        quote!(#(#impls)*)
    }

    /// Serializing writes the tag first, then the variant's fields; the fallback as it came.
    fn serialize(&self) -> TokenStream {
        let Self {
            name,
            tagged,
            unknown,
        } = self;
        let tag = &tagged.tag;
        let refs = self.variants().map(|(v, variant)| {
            let value = &v.value;
            let ty = tokens(&v.ty);
            quote! {
                #[serde(rename = #value)]
                #variant(&'a #ty),
            }
        });
        let arms = self.variants().map(|(_, variant)| {
            quote!(Self::#variant(value) => ::serde::Serialize::serialize(&Tagged::#variant(value), serializer),)
        });
        let fallback = tagged.fallback.then(
            || quote!(Self::#unknown(value) => ::serde::Serialize::serialize(value, serializer),),
        );
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                    // The variants' structs leave the tag out; serde writes it first.
                    #[derive(::serde::Serialize)]
                    #[serde(tag = #tag)]
                    enum Tagged<'a> {
                        #(#refs)*
                    }
                    match self {
                        #(#arms)*
                        #fallback
                    }
                }
            }
        }
    }

    /// Deserializing reads the object once, picks the variant by its tag, and decodes it
    /// as that variant's struct; an unknown tag is the fallback's or an error naming the
    /// tags there are.
    fn deserialize(&self) -> TokenStream {
        let Self {
            name,
            tagged,
            unknown,
        } = self;
        let tag = &tagged.tag;
        let pick = self.variants().enumerate().map(|(position, (v, _))| {
            let value = &v.value;
            quote!(Some(#value) => Some(#position),)
        });
        let decode = self.variants().enumerate().map(|(position, (v, variant))| {
            let wrap = if matches!(v.ty, RustType::Boxed(_)) {
                quote!(|value| Self::#variant(::std::boxed::Box::new(value)))
            } else {
                quote!(Self::#variant)
            };
            quote!(Some(#position) => ::generated_client::runtime::__private::decode_variant(value).map(#wrap),)
        });
        let otherwise = if tagged.fallback {
            quote!(_ => Ok(Self::#unknown(value)),)
        } else {
            let expected: Vec<&str> = tagged.variants.iter().map(|v| v.value.as_str()).collect();
            let expected = expected.join(", ");
            quote! {
                _ => Err(<D::Error as ::serde::de::Error>::custom(::std::format!(
                    "unknown or missing `{}` {:?}; expected one of {}",
                    #tag,
                    value.get(#tag),
                    #expected
                ))),
            }
        };
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let variant = match value.get(#tag).and_then(::serde_json::Value::as_str) {
                        #(#pick)*
                        _ => None,
                    };
                    match variant {
                        #(#decode)*
                        #otherwise
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Side, TypeKind};

    fn union(fallback: bool) -> (TypeDef, Tagged) {
        let tagged = Tagged {
            tag: "type".to_owned(),
            variants: vec![
                TaggedVariant {
                    value: "CLOUD_FRONT".to_owned(),
                    ident: "CloudFront".to_owned(),
                    ty: RustType::Named("CloudFrontAction".to_owned()),
                    docs: Docs::default(),
                },
                TaggedVariant {
                    value: "LOOP".to_owned(),
                    ident: "Loop".to_owned(),
                    ty: RustType::Boxed(Box::new(RustType::Named("LoopAction".to_owned()))),
                    docs: Docs::default(),
                },
            ],
            fallback,
        };
        let def = TypeDef {
            name: "Action".to_owned(),
            docs: Docs::default().with("An action."),
            source: None,
            kind: TypeKind::Tagged(tagged.clone()),
            internal: false,
            side: Side::default(),
        };
        (def, tagged)
    }

    fn text(tokens: TokenStream) -> String {
        tokens.to_string().split_whitespace().collect()
    }

    #[test]
    fn the_fallback_keeps_unknown_objects_and_is_serialized_as_received() {
        let (def, tagged) = union(true);
        let union = Union {
            name: ident(&def.name),
            tagged: &tagged,
            unknown: ident(UNKNOWN_VARIANT),
        };
        let definition = text(union.definition(&def));
        assert!(
            definition.contains("Unknown(::serde_json::Value)"),
            "{definition}"
        );
        assert!(
            definition.contains("Loop(::std::boxed::Box<super::LoopAction>)"),
            "{definition}"
        );
        let expected: syn::ItemImpl = syn::parse_quote! {
            impl Action {
                /// The value of the tag field that tells the variants apart.
                pub fn tag(&self) -> ::std::option::Option<&str> {
                    match self {
                        Self::CloudFront(_) => Some("CLOUD_FRONT"),
                        Self::Loop(_) => Some("LOOP"),
                        Self::Unknown(value) => value.get("type").and_then(::serde_json::Value::as_str),
                    }
                }
            }
        };
        assert_eq!(text(union.tag_method()), text(quote!(#expected)));
        assert!(
            text(union.serialize())
                .contains("Self::Unknown(value)=>::serde::Serialize::serialize(value,serializer)")
        );
        assert!(text(union.deserialize()).contains("_=>Ok(Self::Unknown(value)),"));
    }

    #[test]
    fn without_a_fallback_an_unknown_tag_is_an_error_naming_the_tags() {
        let (def, tagged) = union(false);
        let union = Union {
            name: ident(&def.name),
            tagged: &tagged,
            unknown: ident(UNKNOWN_VARIANT),
        };
        assert!(!text(union.definition(&def)).contains("Unknown"));
        let deserialize = text(union.deserialize());
        assert!(
            deserialize.contains("\"CLOUD_FRONT,LOOP\""),
            "{deserialize}"
        );
        assert!(
            deserialize.contains("Some(1usize)=>::generated_client::runtime::__private::decode_variant(value).map(|value|Self::Loop(::std::boxed::Box::new(value))),"),
            "{deserialize}"
        );
        // Every impl is valid Rust.
        let file: syn::File = syn::parse2(emit(&def, &tagged)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.items.len(), 6);
    }
}
