//! How responses are unwrapped and errors read: each envelope's `Envelope` implementation
//! on its meta type, the service's `error_details`, and the conversion of every type of
//! error object into the runtime's error details.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::ident;
use crate::model::{Envelope, ErrorItem, NumberKind, Service};

/// The runtime's `Envelope` for each of the service's envelopes, implemented on its meta
/// type: unwraps the result, and turns `success: false` into an API error.
pub(super) fn implementations(service: &Service, gates: bool) -> TokenStream {
    service
        .envelopes
        .iter()
        .map(|envelope| implementation(envelope, gates))
        .collect()
}

/// `#[cfg(feature = "…")]` for the code of a type a resource's feature builds.
fn gate(feature: Option<&String>, gates: bool) -> TokenStream {
    match feature {
        Some(feature) if gates => quote!(#[cfg(feature = #feature)]),
        _ => TokenStream::new(),
    }
}

fn implementation(envelope: &Envelope, gates: bool) -> TokenStream {
    let gate = gate(envelope.feature.as_ref(), gates);
    let envelope_type = ident(&envelope.type_name);
    let meta = ident(&envelope.meta_name);
    let result = ident(&envelope.result_field);
    let result_name = &envelope.result_field;
    let details = match &envelope.errors_field {
        Some((errors, true)) => {
            let errors = ident(errors);
            quote!(self::details_of(envelope.#errors.as_deref().unwrap_or_default()))
        }
        Some((errors, false)) => {
            let errors = ident(errors);
            quote!(self::details_of(&envelope.#errors))
        }
        None => quote!(::std::vec::Vec::new()),
    };
    let check_success = envelope.success_field.as_ref().map(|success| {
        let success = ident(success);
        quote! {
            if !envelope.#success {
                return Err(::generated_client::runtime::__private::DecodeFailure::Unsuccessful(#details));
            }
        }
    });
    let success_field = envelope.success_field.as_ref().map(|s| ident(s));
    let kept = envelope
        .fields
        .iter()
        .map(|f| ident(f))
        .filter(|f| *f != result && Some(f) != success_field.as_ref());
    // The envelope is read with its result as raw JSON text, so that this function is
    // compiled once per envelope rather than once per result type; the runtime decodes
    // the text as the operation's result.
    quote! {
        #gate
        impl ::generated_client::runtime::__private::Envelope for self::#meta {
            const RESULT: &'static str = #result_name;

            fn split(
                body: &str,
            ) -> ::std::result::Result<
                (::std::option::Option<&str>, Self),
                ::generated_client::runtime::__private::DecodeFailure,
            > {
                let envelope: self::#envelope_type<&::serde_json::value::RawValue> =
                    ::generated_client::runtime::__private::decode_text(body)?;
                #check_success
                Ok((
                    envelope.#result.map(::serde_json::value::RawValue::get),
                    self::#meta { #(#kept: envelope.#kept),* },
                ))
            }
        }
    }
}

/// `Service::error_details`: reads only the error body's list of errors, so that the rest
/// of a body (another envelope's messages, say) cannot keep its details from the user.
pub(super) fn error_details(service: &Service) -> TokenStream {
    let error = &service.error;
    let item = ident(&error.item_type);
    let errors = &error.errors_json;
    quote! {
        fn error_details(body: &[u8]) -> ::std::option::Option<::std::vec::Vec<::generated_client::runtime::ErrorDetail>> {
            #[derive(::serde::Deserialize)]
            struct Errors {
                #[serde(rename = #errors)]
                errors: ::std::vec::Vec<self::#item>,
            }
            // From text, as bodies are decoded: from bytes it would compile the error
            // types' decoders a second time. The runtime retries a body that is not UTF-8
            // with the bad bytes replaced.
            let body: Errors = ::serde_json::from_str(::std::str::from_utf8(body).ok()?).ok()?;
            Some(self::details_of(&body.errors))
        }
    }
}

/// The conversion of each type of error object into error details, and `details_of`.
pub(super) fn details(service: &Service, gates: bool) -> TokenStream {
    let items = service
        .error_items
        .iter()
        .map(|item| error_item(item, gates));
    quote! {
        /// An error object of the API, as the client reports it.
        trait ErrorItem {
            fn detail(&self) -> ::generated_client::runtime::ErrorDetail;
        }

        #(#items)*

        /// The details of a list of errors, as the client reports them.
        fn details_of<E: ErrorItem>(errors: &[E]) -> ::std::vec::Vec<::generated_client::runtime::ErrorDetail> {
            errors.iter().map(ErrorItem::detail).collect()
        }
    }
}

fn error_item(item: &ErrorItem, gates: bool) -> TokenStream {
    let gate = gate(item.feature.as_ref(), gates);
    let name = ident(&item.type_name);
    let (message, message_optional) = &item.message_field;
    let message = ident(message);
    let message = if *message_optional {
        quote!(self.#message.clone())
    } else {
        quote!(Some(self.#message.clone()))
    };
    let code = match &item.code_field {
        None => quote!(None),
        Some((code, kind, optional)) => {
            let code = ident(code);
            match (kind, optional) {
                (NumberKind::Integer, true) => quote!(self.#code),
                (NumberKind::Integer, false) => quote!(Some(self.#code)),
                // Error codes are whole numbers that a page may type as JSON numbers.
                (NumberKind::Float, true) => quote!(self.#code.map(|code| code as i64)),
                (NumberKind::Float, false) => quote!(Some(self.#code as i64)),
            }
        }
    };
    quote! {
        #gate
        impl ErrorItem for self::#name {
            fn detail(&self) -> ::generated_client::runtime::ErrorDetail {
                ::generated_client::runtime::ErrorDetail::new(#code, #message)
            }
        }
    }
}
