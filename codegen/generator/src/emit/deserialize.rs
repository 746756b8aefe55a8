//! A struct's `Deserialize`, emitted rather than derived: one visitor with one `visit_map`
//! that matches each member's JSON name.
//!
//! serde's derive also writes a field-identifier type with three visitors, a `visit_seq`
//! (a struct from a JSON array, which no API sends) and a `missing_field` call per field;
//! in a generated client those bodies were 44% of the expanded code that rustc type- and
//! borrow-checks (BENCHMARKS.md). This one decodes the same JSON to the same values and
//! errors: unknown members are skipped, a repeated member is an error, a missing `Option`
//! member is `None` and any other missing member is an error naming it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::rust_types::ident;
use crate::model::{RustType, Struct};

/// The `Deserialize` of `s`, or `None` when the derive stays: a generic struct (an
/// envelope), one with a flattened field, which serde's derive buffers, or one with a
/// bytes part, which the derive reads as text through its `#[serde(with)]`.
pub(super) fn emitted(name: &Ident, type_name: &str, s: &Struct) -> Option<TokenStream> {
    if s.generic_field.is_some()
        || s.fields
            .iter()
            .any(|f| f.flatten || f.ty == RustType::Bytes)
    {
        return None;
    }
    let slots: Vec<Ident> = s.fields.iter().map(|f| ident(&f.ident)).collect();
    let keys: Vec<&str> = s.fields.iter().map(|f| f.json_name.as_str()).collect();
    let values = s.fields.iter().zip(&slots).map(|(f, slot)| {
        let key = &f.json_name;
        if f.is_wrapped() {
            quote!(#slot: #slot.flatten())
        } else {
            quote!(#slot: __rt::required(#slot, #key)?)
        }
    });
    let expecting = format!("struct {type_name}");
    // Every member is one to read, or one to skip; an object of no members skips all.
    let read_members = if keys.is_empty() {
        quote! {
            while __map.next_key::<__rt::Key<'de>>()?.is_some() {
                __rt::skip_member(&mut __map)?;
            }
        }
    } else {
        quote! {
            while let ::std::option::Option::Some(__key) = __map.next_key::<__rt::Key<'de>>()? {
                match __key.as_str() {
                    #(#keys => __rt::member(&mut __map, &mut #slots, #keys)?,)*
                    _ => __rt::skip_member(&mut __map)?,
                }
            }
        }
    };

    Some(quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut __map: A,
                    ) -> ::std::result::Result<#name, A::Error> {
                        // An alias, not the names: a field or a type may be called `member`
                        // or `Key`.
                        use ::generated_client::runtime::__private as __rt;
                        #(let mut #slots = ::std::option::Option::None;)*
                        #read_members
                        ::std::result::Result::Ok(#name { #(#values),* })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    })
}
