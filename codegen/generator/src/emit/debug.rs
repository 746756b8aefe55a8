//! `Debug` of a struct that holds a secret: written out as `#[derive(Debug)]` would write
//! it, field by field, but with `<secret>` for each secret value, so that nothing that
//! prints the struct (a request builder's `Debug`, a test's `{:?}`, a log line) shows it.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::ident;
use crate::model::Field;
use codegen_spec::naming::unraw;

/// One field as `Debug` shows it.
pub(super) struct Shown<'a> {
    pub field: &'a Field,
    /// Whether its Rust type is an `Option`: a secret's `Debug` then says whether it is set.
    pub wrapped: bool,
}

/// The derive of `Debug` when no field is secret; else nothing to derive, and the impl
/// that redacts them.
pub(super) fn derive_or_redact(
    type_name: &str,
    generics: &TokenStream,
    fields: &[Shown<'_>],
) -> (TokenStream, TokenStream) {
    if !fields.iter().any(|f| f.field.secret) {
        return (quote!(Debug,), TokenStream::new());
    }
    let name = ident(type_name);
    let (params, args) = if generics.is_empty() {
        (TokenStream::new(), TokenStream::new())
    } else {
        (quote!(<T: ::std::fmt::Debug>), quote!(<T>))
    };
    let entries = fields.iter().map(|shown| {
        let member = ident(&shown.field.ident);
        // As derive names it: the identifier without `r#`.
        let label = unraw(&shown.field.ident);
        let value = match (shown.field.secret, shown.wrapped) {
            (false, _) => quote!(&self.#member),
            (true, false) => quote!(&::generated_client::runtime::__private::Redacted),
            (true, true) => {
                quote!(&::generated_client::runtime::__private::redacted_option(&self.#member))
            }
        };
        quote!(.field(#label, #value))
    });
    // Reading a deprecated field warns, in the crate too; derive's code does not.
    let allow = if fields.iter().any(|f| f.field.deprecated.is_some()) {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    };
    let implementation = quote! {
        impl #params ::std::fmt::Debug for #name #args {
            #allow
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name)
                    #(#entries)*
                    .finish()
            }
        }
    };
    (TokenStream::new(), implementation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, RustType};

    fn field(ident: &str, secret: bool) -> Field {
        Field {
            json_name: unraw(ident).to_owned(),
            ident: ident.to_owned(),
            ty: RustType::String,
            optional: false,
            nullable: false,
            read_only: false,
            flatten: false,
            unique_items: false,
            constant: None,
            in_one_of: false,
            secret,
            deprecated: None,
            docs: Docs::default(),
        }
    }

    #[test]
    fn without_a_secret_debug_is_derived() {
        let name = field("name", false);
        let (derive, implementation) = derive_or_redact(
            "Item",
            &TokenStream::new(),
            &[Shown {
                field: &name,
                wrapped: false,
            }],
        );
        assert_eq!(derive.to_string(), quote!(Debug,).to_string());
        assert!(implementation.is_empty());
    }

    #[test]
    fn a_secret_is_redacted_and_a_set_optional_one_says_so() {
        let (name, text, key) = (
            field("r#type", false),
            field("text", true),
            field("key", true),
        );
        let (derive, implementation) = derive_or_redact(
            "Secret",
            &TokenStream::new(),
            &[
                Shown {
                    field: &name,
                    wrapped: false,
                },
                Shown {
                    field: &text,
                    wrapped: false,
                },
                Shown {
                    field: &key,
                    wrapped: true,
                },
            ],
        );
        assert!(derive.is_empty());
        let expected = quote! {
            impl ::std::fmt::Debug for Secret {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct("Secret")
                        .field("type", &self.r#type)
                        .field("text", &::generated_client::runtime::__private::Redacted)
                        .field("key", &::generated_client::runtime::__private::redacted_option(&self.key))
                        .finish()
                }
            }
        };
        assert_eq!(implementation.to_string(), expected.to_string());
    }
}
