//! Documentation attributes: one `#[doc]` per line, so that prettyplease prints `///`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `///` lines for each paragraph, with a blank line between paragraphs.
pub fn doc_attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&paragraph_lines(&docs.0), false)
}

/// `//!` lines for a module.
pub fn inner_doc_attrs(docs: &Docs) -> TokenStream {
    lines_to_attrs(&paragraph_lines(&docs.0), true)
}

/// Doc lines as given, for code blocks that must keep their layout.
pub fn raw_doc_lines(lines: &[String]) -> TokenStream {
    lines_to_attrs(lines, false)
}

fn paragraph_lines(paragraphs: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.extend(paragraph.trim().lines().map(|l| l.trim_end().to_owned()));
    }
    lines
}

fn lines_to_attrs(lines: &[String], inner: bool) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            if inner {
                quote!(#![doc = #text])
            } else {
                quote!(#[doc = #text])
            }
        })
        .collect()
}

/// Every paragraph of `docs` as [`prose`].
pub fn prose_docs(docs: &Docs) -> Docs {
    Docs(docs.0.iter().map(|d| prose(d)).collect())
}

/// Escapes text for rustdoc Markdown where the spec's prose could be misread: a bare
/// `<word>` would be an HTML tag, and `[x]` a link.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '[' if !in_code => out.push_str("\\["),
            ']' if !in_code => out.push_str("\\]"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_outside_code() {
        assert_eq!(prose("a <b> `<c>` [d]"), "a &lt;b&gt; `<c>` \\[d\\]");
    }
}
