//! Objects become structs: `#[non_exhaustive]`, built through `new` (the required fields)
//! and `with_*` setters, so that a field added to the spec later breaks no caller.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Context;
use super::docs::{doc_attrs, prose_docs};
use super::rust_types::{argument, field_init, ident, maybe_option, named, tokens};
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
    let deserialize = super::deserialize::emitted(&name, &def.name, s);
    let derive_deserialize = if deserialize.is_some() {
        TokenStream::new()
    } else {
        quote!(, ::serde::Deserialize)
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize #derive_deserialize)]
        #[non_exhaustive]
        #visibility struct #name #params {
            #(#fields)*
        }

        impl #impl_params #name #args {
            #constructors
            #getters
            #setters
        }

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
fn derives_default(s: &Struct) -> bool {
    s.generic_field.is_none() && s.is_all_optional()
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
fn required_struct(type_name: &str, required: &Required<'_>) -> TokenStream {
    let Some(required_name) = &required.named else {
        return TokenStream::new();
    };
    let name = ident(required_name);
    let doc = format!(
        " The required fields of [`{type_name}`], by name, for [`{type_name}::new`]; the optional ones have setters."
    );
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
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }
    }
}

fn constructors(cx: &Context<'_>, s: &Struct, required: &Required<'_>) -> TokenStream {
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
fn getters(s: &Struct) -> TokenStream {
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
