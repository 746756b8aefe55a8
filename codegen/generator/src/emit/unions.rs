//! Unions of JSON kinds ("a number or a string") become untagged enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{ident, tokens};
use super::structs::type_docs;
use crate::model::{TypeDef, Union};

pub fn emit(def: &TypeDef, union: &Union) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(&type_docs(def));
    let variants = union.variants.iter().map(|v| {
        let docs = doc_attrs(&prose_docs(&v.docs));
        let variant = ident(&v.ident);
        let ty = tokens(&v.ty);
        quote! {
            #docs
            #variant(#ty),
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }
    }
}
