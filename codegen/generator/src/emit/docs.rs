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
/// `<word>` would be an HTML tag, and `[x]` a link; a bare web address becomes an
/// autolink, which rustdoc asks for.
pub fn prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        // A Markdown link to a web page (`[the guide](https://…)`) stays a link.
        if c == '['
            && !in_code
            && let Some(link) = web_link(&text[at..])
        {
            out.push_str(link);
            for _ in 1..link.chars().count() {
                chars.next();
            }
            continue;
        }
        if !in_code
            && (c == 'h'
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || p == '('))
            && let Some(url) = bare_url(&text[at..])
        {
            out.push('<');
            out.push_str(url);
            out.push('>');
            for _ in 1..url.chars().count() {
                chars.next();
            }
            continue;
        }
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

/// `[text](https://…)` at the start of `text`, when it is one: text without brackets
/// and a web address without spaces or parentheses.
fn web_link(text: &str) -> Option<&str> {
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.is_empty() || label.contains(['[', ']', '`']) {
        return None;
    }
    let rest = &text[close + 2..];
    if !(rest.starts_with("https://") || rest.starts_with("http://")) {
        return None;
    }
    let end = rest.find(')')?;
    let url = &rest[..end];
    if url.contains(char::is_whitespace) || url.contains('(') {
        return None;
    }
    Some(&text[..close + 2 + end + 1])
}

/// A web address at the start of `text`, up to the next space, without the sentence's
/// punctuation after it (a closing parenthesis counts as the sentence's unless the
/// address opened one).
fn bare_url(text: &str) -> Option<&str> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']);
        let trimmed = match trimmed.strip_suffix(')') {
            Some(inner) if !inner.contains('(') => inner,
            _ => trimmed,
        };
        if trimmed == url {
            break;
        }
        url = trimmed;
    }
    let host = url.split_once("://").map_or("", |(_, rest)| rest);
    (!host.is_empty() && !url.contains(['<', '>', '`'])).then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_outside_code() {
        assert_eq!(prose("a <b> `<c>` [d]"), "a &lt;b&gt; `<c>` \\[d\\]");
    }

    #[test]
    fn web_links_stay_links() {
        assert_eq!(
            prose("see [the guide](https://e.x/a_b) or [d] <e>"),
            "see [the guide](https://e.x/a_b) or \\[d\\] &lt;e&gt;"
        );
        assert_eq!(prose("[x](relative)"), "\\[x\\](relative)");
    }

    #[test]
    fn bare_web_addresses_become_autolinks_without_the_sentence_punctuation() {
        assert_eq!(
            prose("see https://e.x/a/. Or (https://e.x/b), `https://e.x/c` and https://e.x/d(1)."),
            "see <https://e.x/a/>. Or (<https://e.x/b>), `https://e.x/c` and <https://e.x/d(1)>."
        );
        assert_eq!(prose("https:// alone"), "https:// alone");
    }
}
