//! The runtime request an operation's builder sends, and what of it the builder's `Debug`
//! shows: values the spec marks secret never appear in `Debug`, errors or traces.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::rust_types::{ident, tokens};
use crate::model::{BodyEncoding, Operation, Param, ParamLocation, PathPart, RustType};
use codegen_spec::spec::QueryStyle;

/// What errors show in place of a secret path segment; the runtime's `REDACTED`.
const REDACTED: &str = "<secret>";

/// Builds the runtime request: the path with every parameter encoded as one segment,
/// the query and header parameters that are set, fixed headers, and the JSON body. A
/// path with a secret parameter also gets the path errors show, with `<secret>` in its
/// place; a secret query value is added as one.
// Long by design: it emits one item, its pieces built in the order the generated code
// has them and joined in one `quote!`; in parts, the template would be read in pieces.
pub(super) fn to_request(op: &Operation) -> TokenStream {
    let method = quote::format_ident!("{}", op.method.as_str());
    let operation = &op.full_id;
    let sent_path = path(op, false);
    let redacted_path = op
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Path && p.secret)
        .then(|| {
            let shown = path(op, true);
            quote!(request.redacted_path(#shown);)
        });
    let params = op
        .params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| {
            let field = ident(&p.ident);
            let name = &p.name;
            let add = match (p.location, p.secret) {
                (ParamLocation::Header, _) => quote!(header),
                (_, true) => quote!(secret_query),
                (_, false) => quote!(query),
            };
            if matches!(p.ty, RustType::Vec(_)) {
                return array_query(p, &field, name);
            }
            if p.required {
                // Numbers and booleans are `Copy`: clippy asks not to borrow them.
                let value = match p.ty {
                    RustType::I64 | RustType::F64 | RustType::Bool => quote!(self.#field),
                    _ => quote!(&self.#field),
                };
                quote!(request.#add(#name, #value);)
            } else {
                quote! {
                    if let Some(value) = &self.#field {
                        request.#add(#name, value);
                    }
                }
            }
        });
    let headers = op
        .headers
        .iter()
        .map(|(name, value)| quote!(request.header(#name, #value);));
    let body = match &op.body {
        Some(body) if body.implicit => {
            let ty = tokens(&body.ty);
            quote!(request.json(&#ty::new());)
        }
        Some(body) => {
            let value = format_ident!("body");
            let encode = match &body.encoding {
                BodyEncoding::Json => quote!(request.json(#value);),
                BodyEncoding::Multipart => quote!(request.multipart(#value);),
                BodyEncoding::Raw(content_type) => {
                    quote!(request.raw(#content_type, #value.clone());)
                }
            };
            if body.required {
                quote! {
                    let #value = &self.body;
                    #encode
                }
            } else {
                quote! {
                    if let Some(#value) = &self.body {
                        #encode
                    }
                }
            }
        }
        None => TokenStream::new(),
    };
    let without_token = (!op.authenticated).then(|| quote!(request.without_token();));
    let idempotent = op
        .idempotent_override
        .map(|idempotent| quote!(request.idempotent(#idempotent);));
    let needs_mut = op.params.iter().any(|p| p.location != ParamLocation::Path)
        || !op.headers.is_empty()
        || op.body.is_some()
        || without_token.is_some()
        || idempotent.is_some()
        || redacted_path.is_some();
    let new = quote! {
        ::generated_client::runtime::__private::Request::new(
            ::generated_client::runtime::__private::Method::#method,
            #operation,
            #sent_path,
        )
    };
    // Clippy asks for the request itself where nothing is added to it.
    let request = if needs_mut {
        quote! {
            let mut request = #new;
            #without_token
            #idempotent
            #redacted_path
            #(#params)*
            #(#headers)*
            #body
            request
        }
    } else {
        new
    };
    quote! {
        fn to_request(&self) -> ::generated_client::runtime::__private::Request {
            #request
        }
    }
}

/// An array query parameter: a pair per value, or one pair of comma-joined values.
fn array_query(p: &Param, field: &Ident, name: &str) -> TokenStream {
    let values = if p.required {
        quote!(::std::option::Option::Some(&self.#field))
    } else {
        quote!(self.#field.as_ref())
    };
    let add = match (p.style, p.secret) {
        (QueryStyle::Repeat, false) => quote! {
            for value in values {
                request.query(#name, value);
            }
        },
        (QueryStyle::Repeat, true) => quote! {
            for value in values {
                request.secret_query(#name, value);
            }
        },
        (QueryStyle::Comma, false) => {
            quote!(request.query(#name, ::generated_client::runtime::__private::comma_joined(values));)
        }
        (QueryStyle::Comma, true) => {
            quote!(request.secret_query(#name, ::generated_client::runtime::__private::comma_joined(values));)
        }
    };
    quote! {
        if let Some(values) = #values {
            #add
        }
    }
}

/// The request's path: each parameter encoded as one segment, or, where `redacted`,
/// a secret one written as `<secret>`.
fn path(op: &Operation, redacted: bool) -> TokenStream {
    let mut template = String::new();
    let mut segments: Vec<Ident> = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&text.replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(i) if redacted && op.params[*i].secret => template.push_str(REDACTED),
            PathPart::Param(i) => {
                template.push_str("{}");
                segments.push(ident(&op.params[*i].ident));
            }
        }
    }
    if segments.is_empty() {
        quote!(::std::string::String::from(#template))
    } else {
        quote!(
            ::std::format!(#template, #(::generated_client::runtime::__private::path_segment(&self.#segments)),*)
        )
    }
}

/// The builder's `Debug`: derived, unless a parameter is secret; then written out, with
/// `<secret>` for its value.
pub(super) fn debug(op: &Operation) -> (TokenStream, TokenStream) {
    if !op.params.iter().any(|p| p.secret) {
        return (quote!(Debug,), TokenStream::new());
    }
    let name = ident(&op.builder_name);
    let type_name = &op.builder_name;
    let fields = op.params.iter().map(|p| {
        let field = ident(&p.ident);
        let label = p.ident.trim_start_matches("r#");
        if p.secret {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let body = op
        .body
        .as_ref()
        .filter(|b| !b.implicit)
        .map(|_| quote!(.field("body", &self.body)));
    let implementation = quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name)
                    .field("client", &self.client)
                    #(#fields)*
                    #body
                    .finish()
            }
        }
    };
    (TokenStream::new(), implementation)
}
