//! Objects become structs: `#[non_exhaustive]`, built through `new` (the required fields)
//! and `with_*` setters, so that a field added to the spec later breaks no caller.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use super::debug::{Shown, derive_or_redact};
use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{ident, maybe_option, tokens};
use super::struct_methods::{
    constructor_args, constructors, getters, required, required_struct, setters,
};
use crate::model::{Docs, Field, RustType, Struct, TypeDef};
use codegen_spec::naming::unraw;

// Long by design: it emits one item, its pieces built in the order the generated code
// has them and joined in one `quote!`; in parts, the template would be read in pieces.
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
    let fields = s.fields.iter().map(field);
    let required = required(cx, s);
    let constructors = constructors(cx, s, &required);
    let required_struct = required_struct(&def.name, &required);
    // Builders are for what users build: request bodies. Response types have `new()`
    // and public fields.
    let setters = if s.is_request {
        setters(cx, s, &quote!(self))
    } else {
        TokenStream::new()
    };
    let getters = getters(s);
    // A struct of optional fields only derives `Default`, and `new()` is that; any
    // other struct without constructor arguments (constants to set) implements it.
    let all_optional = derives_default(s);
    let default = if all_optional || !(constructor_args(cx, s).is_empty() && s.one_of.is_empty()) {
        TokenStream::new()
    } else {
        quote! {
            impl #impl_params ::std::default::Default for #name #args {
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
    let deref = deref(&name, s);
    let multipart = multipart(&name, s);
    // A type only generated code uses is not part of the API.
    let visibility = if def.internal {
        quote!(pub(crate))
    } else {
        quote!(pub)
    };
    let shown: Vec<Shown<'_>> = s
        .fields
        .iter()
        .map(|field| Shown {
            field,
            wrapped: field.is_wrapped(),
        })
        .collect();
    let (derive_debug, debug) = derive_or_redact(&def.name, &args, &shown);
    let deserialize = super::deserialize::emitted(&name, &def.name, s);
    let derive_deserialize = if deserialize.is_some() {
        TokenStream::new()
    } else {
        quote!(, ::serde::Deserialize)
    };
    quote! {
        #docs
        #[derive(#derive_debug Clone, PartialEq, #derive_default ::serde::Serialize #derive_deserialize)]
        #[non_exhaustive]
        #visibility struct #name #params {
            #(#fields)*
        }

        impl #impl_params #name #args {
            #constructors
            #getters
            #setters
        }

        #debug
        #deserialize
        #default
        #deref
        #required_struct
        #multipart
    }
}

/// A `multipart/form-data` body's parts, one per field in spec order: files as file parts,
/// bytes as parts of raw bytes, strings and numbers as text, anything else as JSON.
fn multipart(name: &Ident, s: &Struct) -> TokenStream {
    if !s.is_multipart {
        return TokenStream::new();
    }
    let parts = s.fields.iter().map(|f| {
        let field = ident(&f.ident);
        let part = &f.json_name;
        let value = format_ident!("value");
        let write = match &f.ty {
            RustType::File => quote!(form.file(#part, #value);),
            RustType::Bytes => quote!(form.bytes(#part, #value);),
            RustType::Vec(item) if **item == RustType::File => quote! {
                for file in #value {
                    form.file(#part, file);
                }
            },
            RustType::String | RustType::I64 | RustType::F64 | RustType::Bool => {
                quote!(form.text(#part, #value);)
            }
            RustType::Formatted(_) => quote!(form.text(#part, #value.as_str());),
            _ => quote!(form.json(#part, #value);),
        };
        if f.is_wrapped() {
            quote! {
                if let Some(#value) = &self.#field {
                    #write
                }
            }
        } else {
            quote! {
                let #value = &self.#field;
                #write
            }
        }
    });
    quote! {
        impl ::generated_client::runtime::__private::Multipart for #name {
            fn write_parts(&self, form: &mut ::generated_client::runtime::__private::Form) {
                #(#parts)*
            }
        }
    }
}

/// A struct whose one flattened field holds members shared with other types (a Buddy
/// action's `name`, `id`, ...) dereferences to it, so that they read as its own, as they
/// are in the JSON: `action.name`, not `action.common.name`.
fn deref(name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let mut flattened = s.fields.iter().filter(|f| f.flatten);
    let (Some(field), None) = (flattened.next(), flattened.next()) else {
        return TokenStream::new();
    };
    if s.generic_field.is_some() {
        return TokenStream::new();
    }
    let member = ident(&field.ident);
    let target = tokens(&field.ty);
    quote! {
        impl ::std::ops::Deref for #name {
            type Target = #target;
            fn deref(&self) -> &Self::Target {
                &self.#member
            }
        }
        impl ::std::ops::DerefMut for #name {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.#member
            }
        }
    }
}

/// The type's documentation. Where a type comes from (a page, or another reference the
/// spec names) is the maintainers' concern, kept in the spec's `source`.
pub fn type_docs(def: &TypeDef) -> Docs {
    prose_docs(&def.docs)
}

fn field(f: &Field) -> TokenStream {
    let docs = doc_attrs(&prose_docs(&f.docs));
    let name = ident(&f.ident);
    let ty = maybe_option(tokens(&f.ty), f.is_wrapped());
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
    // JSON has no bytes: a bytes part is its text there (examples, a mock's `body_eq`).
    if f.ty == RustType::Bytes {
        if f.is_wrapped() {
            serde.push(quote!(default));
            serde.push(quote!(
                with = "::generated_client::runtime::__private::optional_bytes_text"
            ));
        } else {
            serde.push(quote!(
                with = "::generated_client::runtime::__private::bytes_text"
            ));
        }
    }
    let serde = if serde.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#serde),*)])
    };
    // A constant or one-of field is the crate's: generated code elsewhere (an envelope's
    // unwrapping reads its literal `success`) may read it, users may not set it.
    let visibility = if f.is_public() {
        quote!(pub)
    } else {
        quote!(pub(crate))
    };
    let deprecated = super::operations::deprecated_attr(f.deprecated.as_ref());
    quote! {
        #docs
        #deprecated
        #serde
        #visibility #name: #ty,
    }
}

/// Whether every field is an `Option` the user may leave empty, so that the derived
/// `Default` is the empty value. A one-of group has no empty value: it is left out.
pub(super) fn derives_default(s: &Struct) -> bool {
    s.generic_field.is_none() && s.is_all_optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, RustType};

    fn field(json_name: &str, ident: &str, optional: bool, nullable: bool) -> Field {
        Field {
            json_name: json_name.to_owned(),
            ident: ident.to_owned(),
            ty: RustType::String,
            optional,
            nullable,
            read_only: false,
            flatten: false,
            unique_items: false,
            constant: None,
            in_one_of: false,
            secret: false,
            deprecated: None,
            docs: Docs::default().with("Its name."),
        }
    }

    fn same(emitted: TokenStream, expected: TokenStream) {
        assert_eq!(emitted.to_string(), expected.to_string());
    }

    #[test]
    fn an_optional_field_is_left_out_when_empty_and_a_nullable_one_is_written_as_null() {
        same(
            super::field(&field("name", "name", true, false)),
            quote! {
                #[doc = " Its name."]
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub name: ::std::option::Option<::std::string::String>,
            },
        );
        same(
            super::field(&field("name", "name", true, true)),
            quote! {
                #[doc = " Its name."]
                pub name: ::std::option::Option<::std::string::String>,
            },
        );
    }

    #[test]
    fn a_field_whose_json_name_is_not_its_identifier_is_renamed() {
        same(
            super::field(&field("isBase64", "is_base64", false, false)),
            quote! {
                #[doc = " Its name."]
                #[serde(rename = "isBase64")]
                pub is_base64: ::std::string::String,
            },
        );
        // A keyword is a raw identifier, and serde's name for it is the plain word.
        same(
            super::field(&field("type", "r#type", false, false)),
            quote! {
                #[doc = " Its name."]
                pub r#type: ::std::string::String,
            },
        );
    }
}
