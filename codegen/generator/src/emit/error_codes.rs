//! The error codes a service's pages document, as an enum: a downstream crate asks whether
//! an error is "already exists" without writing `12049`, and a code the pages do not name
//! still reads as a code (`Other`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, prose};
use super::rust_types::ident;
use crate::model::{Docs, Service};

/// `ErrorCode`, when the service documents codes; nothing otherwise.
// Long by design: it emits one item, its pieces built in the order the generated code
// has them and joined in one `quote!`; in parts, the template would be read in pieces.
pub fn emit(service: &Service) -> TokenStream {
    if service.error_codes.is_empty() {
        return TokenStream::new();
    }
    let runtime = quote!(::generated_client::runtime);
    let variants = service.error_codes.iter().map(|c| {
        let name = ident(&c.ident);
        let mut docs = Docs::default().with(match &c.message {
            Some(message) => format!("`{}`: \"{}\".", c.code, prose(message)),
            None => format!("`{}`.", c.code),
        });
        for paragraph in &c.docs.0 {
            docs.push(prose(paragraph));
        }
        let docs = doc_attrs(&docs);
        quote!(#docs #name,)
    });
    let to_code = service.error_codes.iter().map(|c| {
        let name = ident(&c.ident);
        let code = c.code;
        quote!(Self::#name => #code,)
    });
    let from_code = service.error_codes.iter().map(|c| {
        let name = ident(&c.ident);
        let code = c.code;
        quote!(#code => Self::#name,)
    });
    let messages = service.error_codes.iter().map(|c| {
        let name = ident(&c.ident);
        match &c.message {
            Some(message) => quote!(Self::#name => ::std::option::Option::Some(#message),),
            None => quote!(Self::#name => ::std::option::Option::None,),
        }
    });
    let doc = format!(
        " The error codes the {} pages document, by name. [`ErrorCode::of`] names an error's \
         code; [`Error::has_code`]({runtime_path}::Error::has_code) takes one too. A code the \
         pages do not name is [`ErrorCode::Other`], with the code.",
        service.title,
        runtime_path = "::generated_client::runtime"
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the pages do not name.
            Other(i64),
        }

        impl ErrorCode {
            /// The code as the API sends it.
            pub const fn code(self) -> i64 {
                match self {
                    #(#to_code)*
                    Self::Other(code) => code,
                }
            }

            /// The named code, or `Other`.
            pub const fn from_code(code: i64) -> Self {
                match code {
                    #(#from_code)*
                    other => Self::Other(other),
                }
            }

            /// The message the pages show with the code.
            pub const fn message(self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#messages)*
                    Self::Other(_) => ::std::option::Option::None,
                }
            }

            /// The code of an API error (its first, when it has several), named; `None` for
            /// an error that is not the API's, or has no code.
            pub fn of(error: &#runtime::Error) -> ::std::option::Option<Self> {
                error.as_api()?.codes().next().map(Self::from_code)
            }
        }

        impl ::std::convert::From<ErrorCode> for i64 {
            fn from(code: ErrorCode) -> Self {
                code.code()
            }
        }

        impl ::std::convert::From<i64> for ErrorCode {
            fn from(code: i64) -> Self {
                Self::from_code(code)
            }
        }

        /// The code, and its message when the pages give one: `12049 (Resource already exists)`.
        impl ::std::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.message() {
                    ::std::option::Option::Some(message) => {
                        ::std::write!(f, "{} ({message})", self.code())
                    }
                    ::std::option::Option::None => ::std::write!(f, "{}", self.code()),
                }
            }
        }
    }
}
