//! A paginated operation's `into_stream`: every item of every page, fetching the next page
//! as the stream is read, where the scheme says the items and the paging information are.

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_types::{ident, tokens};
use crate::model::{CursorSource, Items, NumberKind, Operation, PageFigures, Pagination};

// Long by design: it emits one item, its pieces built in the order the generated code
// has them and joined in one `quote!`; in parts, the template would be read in pieces.
pub(super) fn into_stream(op: &Operation, pagination: &Pagination) -> TokenStream {
    let operation = &op.full_id;
    match pagination {
        Pagination::Page {
            page_param,
            page_kind,
            per_page_param,
            per_page_kind,
            item,
            items,
            info,
        } => {
            let item = tokens(item);
            let page = ident(page_param);
            let per_page = ident(per_page_param);
            let (first, set_page) = match page_kind {
                NumberKind::Integer => (
                    quote!(self.#page.and_then(|page| u64::try_from(page).ok()).unwrap_or(1)),
                    quote!(i64::try_from(page).unwrap_or(i64::MAX)),
                ),
                NumberKind::Float => (
                    quote!(self.#page.and_then(::generated_client::runtime::__private::count_from_f64).unwrap_or(1)),
                    // Page numbers are far below 2^53, so the conversion is exact.
                    quote!(page as f64),
                ),
            };
            let convert_asked = count(*per_page_kind);
            let page_info = match info {
                Some(figures) => page_figures(figures),
                None => quote! {
                    ::generated_client::runtime::__private::PageInfo {
                        page: None,
                        per_page: asked,
                        total_pages: None,
                    }
                },
            };
            let items = items_of(items);
            let doc = format!(
                " Every item of every page, fetched one page at a time as the stream is read, from the page set with [`{page_param}`](Self::{page_param}) (1 by default)."
            );
            quote! {
                #[doc = #doc]
                pub fn into_stream(self) -> ::generated_client::runtime::ItemStream<#item> {
                    let first = #first;
                    // What was asked for tells a short page when a response does not say.
                    let asked: Option<u64> = self.#per_page.and_then(#convert_asked);
                    let limits = self.client.paging(#operation);
                    ::generated_client::runtime::__private::page_numbers(limits, first, move |page| {
                        let mut builder = self.clone();
                        builder.#page = Some(#set_page);
                        async move {
                            let response = builder.send_with_response().await?;
                            let page_info = #page_info;
                            let page = response.into_value();
                            Ok((#items, page_info))
                        }
                    })
                }
            }
        }
        Pagination::Cursor {
            cursor_param,
            item,
            items,
            cursor,
        } => {
            let item = tokens(item);
            let param = ident(cursor_param);
            let (before, after) = match cursor {
                CursorSource::Result { field, optional } => {
                    let field = ident(field);
                    let next = if *optional {
                        quote!(page.#field.clone())
                    } else {
                        quote!(Some(page.#field.clone()))
                    };
                    (TokenStream::new(), quote!(let next = #next;))
                }
                CursorSource::Info {
                    info_field,
                    info_optional,
                    field,
                    optional,
                } => {
                    let info = ident(info_field);
                    let field = ident(field);
                    let info = if *info_optional {
                        quote!(response.meta().#info.as_ref())
                    } else {
                        quote!(Some(&response.meta().#info))
                    };
                    let next = if *optional {
                        quote!(#info.and_then(|info| info.#field.clone()))
                    } else {
                        quote!(#info.map(|info| info.#field.clone()))
                    };
                    (quote!(let next = #next;), TokenStream::new())
                }
            };
            let items = items_of(items);
            let doc = format!(
                " Every item of every page, following the cursor until the last page, from the cursor set with [`{cursor_param}`](Self::{cursor_param}) (the start by default). `{}` pages are fetched as the stream is read.",
                op.full_id
            );
            quote! {
                #[doc = #doc]
                pub fn into_stream(self) -> ::generated_client::runtime::ItemStream<#item> {
                    let first = self.#param.clone();
                    let limits = self.client.paging(#operation);
                    ::generated_client::runtime::__private::cursor(limits, first, move |cursor| {
                        let mut builder = self.clone();
                        builder.#param = cursor;
                        async move {
                            let response = builder.send_with_response().await?;
                            #before
                            let page = response.into_value();
                            #after
                            Ok((#items, next))
                        }
                    })
                }
            }
        }
    }
}

/// The page's items, from `page` (the result).
fn items_of(items: &Items) -> TokenStream {
    match items {
        Items::Result => quote!(page),
        Items::Field { field, optional } => {
            let field = ident(field);
            if *optional {
                quote!(page.#field.unwrap_or_default())
            } else {
                quote!(page.#field)
            }
        }
    }
}

/// The `PageInfo` of a response whose envelope says how paging goes on.
fn page_figures(figures: &PageFigures) -> TokenStream {
    let info = ident(&figures.info_field);
    let info_ref = if figures.info_optional {
        quote!(response.meta().#info.as_ref())
    } else {
        quote!(Some(&response.meta().#info))
    };
    let figure = |field: Option<&(String, bool)>| match field {
        None => quote!(None),
        Some((name, optional)) => {
            let name = ident(name);
            let value = if *optional {
                quote!(info.and_then(|info| info.#name))
            } else {
                quote!(info.map(|info| info.#name))
            };
            let converted = count(figures.kind);
            quote!(#value.and_then(#converted))
        }
    };
    let page = figure(figures.page.as_ref());
    let per_page = figure(figures.per_page.as_ref());
    let total_pages = figure(figures.total_pages.as_ref());
    quote! {{
        let info = #info_ref;
        ::generated_client::runtime::__private::PageInfo {
            page: #page,
            per_page: #per_page.or(asked),
            total_pages: #total_pages,
        }
    }}
}

/// The function that turns a number of the paging information into the `u64` paging counts in.
fn count(kind: NumberKind) -> TokenStream {
    match kind {
        NumberKind::Integer => quote!(|value| u64::try_from(value).ok()),
        // The API documents page numbers as JSON numbers; whole, non-negative ones count.
        NumberKind::Float => quote!(::generated_client::runtime::__private::count_from_f64),
    }
}
