//! What `cargo xtask docs fetch` checks in a page it downloads before it replaces the
//! kept copy, and how it records the new copy in `pages/pages.json`.
//!
//! The download itself is the command's; what arrived is judged here, without a network,
//! so that every refusal is a unit test and a fuzz input. A page is taken only when all of
//! these hold, in this order:
//!
//! 1. it is at most [`MAX_PAGE_BYTES`] long (by its `Content-Length`, and by what arrived:
//!    the command stops reading one byte past the limit, so an endless body ends here);
//! 2. it is whole: as long as its `Content-Length` says, neither shorter nor longer;
//! 3. it is not empty, nor only whitespace;
//! 4. it is not HTML: neither sent as `text/html` (or XHTML) nor starting as an HTML
//!    document (`<!DOCTYPE html`, `<html`), which is what a server sends for an error, a
//!    login or a page it renders instead of the Markdown;
//! 5. it is UTF-8 text;
//! 6. the reader of the entry's layout reads it ([`crate::pages::read`]). A page cut off
//!    inside a `<details>` block or a code block, or changed beyond what its reader knows,
//!    is refused with the reader's own `file:line:column` message.

mod manifest_edit;

use std::fmt;

use sha2::{Digest, Sha256};

use crate::pages::{self, Hints, Layout};
use codegen_spec::diagnostics::Diagnostics;

pub use manifest_edit::{EditError, record_fetched};

/// The largest page taken: 4 MiB. The largest page kept is about 260 KB; a page sixteen
/// times that is not a page but a server answering with something else, or without end.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What the server sent for a page, as far as the checks need it.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// The `Content-Type` header, when there was one.
    pub content_type: Option<&'a str>,
    /// The `Content-Length` header, when there was one.
    pub content_length: Option<u64>,
    /// The body as it arrived: all of it, or the first [`MAX_PAGE_BYTES`] + 1 bytes.
    pub body: &'a [u8],
}

/// Why a downloaded page cannot replace the kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The `Content-Length` announces more than [`MAX_PAGE_BYTES`].
    AnnouncedTooLarge { announced: u64 },
    /// More than [`MAX_PAGE_BYTES`] arrived.
    TooLarge,
    /// Fewer bytes arrived than the `Content-Length` announces.
    Truncated { received: usize, announced: u64 },
    /// More bytes arrived than the `Content-Length` announces.
    LongerThanAnnounced { received: usize, announced: u64 },
    /// Nothing, or only whitespace, arrived.
    Empty,
    /// The server said it sent HTML.
    HtmlContentType { content_type: String },
    /// The body is an HTML document.
    HtmlBody { start: String },
    /// The body is not UTF-8; `offset` is the first byte that is not.
    NotUtf8 { offset: usize },
    /// The reader of the page's layout refuses the text.
    Unreadable {
        layout: Layout,
        diagnostics: Diagnostics,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::AnnouncedTooLarge { announced } => write!(
                f,
                "too large: its Content-Length is {announced} bytes, over the \
                 {MAX_PAGE_BYTES} bytes (4 MiB) a page may have; nothing was read"
            ),
            Refusal::TooLarge => write!(
                f,
                "too large: more than {MAX_PAGE_BYTES} bytes (4 MiB) arrived; \
                 the rest was not read"
            ),
            Refusal::Truncated {
                received,
                announced,
            } => write!(
                f,
                "truncated: {received} of the {announced} bytes its Content-Length \
                 announces arrived"
            ),
            Refusal::LongerThanAnnounced {
                received,
                announced,
            } => write!(
                f,
                "{received} bytes arrived where its Content-Length announces {announced}"
            ),
            Refusal::Empty => f.write_str("empty: the server sent no text"),
            Refusal::HtmlContentType { content_type } => write!(
                f,
                "HTML where Markdown was expected: the server sent Content-Type {content_type:?}"
            ),
            Refusal::HtmlBody { start } => write!(
                f,
                "HTML where Markdown was expected: the body is an HTML document (it starts \
                 with {start:?})"
            ),
            Refusal::NotUtf8 { offset } => {
                write!(
                    f,
                    "not UTF-8 text: byte {offset} is not part of a character"
                )
            }
            Refusal::Unreadable {
                layout,
                diagnostics,
            } => {
                write!(
                    f,
                    "the reader of its layout ({}) refuses the downloaded version (a page \
                     cut short, or changed beyond what the reader knows), at these lines \
                     of that version:",
                    layout.name()
                )?;
                for diagnostic in diagnostics.iter() {
                    write!(f, "\n  {diagnostic}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// Checks a downloaded page (module documentation) and gives its text when it may replace
/// the kept copy. `file` is the path the reader's messages name; `layout` the entry's.
pub fn check_page<'a>(
    file: &str,
    layout: Layout,
    received: &Received<'a>,
) -> Result<&'a str, Refusal> {
    let body = received.body;
    let announced_len = match received.content_length {
        None => None,
        Some(announced) => match usize::try_from(announced) {
            Ok(len) if len <= MAX_PAGE_BYTES => Some((announced, len)),
            _ => return Err(Refusal::AnnouncedTooLarge { announced }),
        },
    };
    if body.len() > MAX_PAGE_BYTES {
        return Err(Refusal::TooLarge);
    }
    if let Some((announced, len)) = announced_len {
        if body.len() < len {
            return Err(Refusal::Truncated {
                received: body.len(),
                announced,
            });
        }
        if body.len() > len {
            return Err(Refusal::LongerThanAnnounced {
                received: body.len(),
                announced,
            });
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::Empty);
    }
    if let Some(content_type) = received.content_type
        && is_html_type(content_type)
    {
        return Err(Refusal::HtmlContentType {
            content_type: content_type.to_owned(),
        });
    }
    if let Some(start) = html_document_start(body) {
        return Err(Refusal::HtmlBody { start });
    }
    let text = std::str::from_utf8(body).map_err(|e| Refusal::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    pages::read(file, text, layout, &Hints::default()).map_err(|diagnostics| {
        Refusal::Unreadable {
            layout,
            diagnostics,
        }
    })?;
    Ok(text)
}

/// `text/html` and XHTML, whatever their parameters and case.
fn is_html_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "text/html" || essence == "application/xhtml+xml"
}

/// The opening of an HTML document, when the body starts as one (after a byte order mark
/// and whitespace): `<!DOCTYPE html`, `<html`, or an XML declaration followed by either.
fn html_document_start(body: &[u8]) -> Option<String> {
    const OPENINGS: [&[u8]; 2] = [b"<!doctype html", b"<html"];
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut start = start.trim_ascii_start();
    if starts_with_ignoring_case(start, b"<?xml") {
        let after = start.iter().position(|&b| b == b'>').map_or(0, |i| i + 1);
        start = start[after..].trim_ascii_start();
    }
    let opening = OPENINGS
        .iter()
        .find(|opening| starts_with_ignoring_case(start, opening))?;
    let shown = &start[..opening.len()];
    Some(String::from_utf8_lossy(shown).into_owned())
}

fn starts_with_ignoring_case(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// The SHA-256 of a page's bytes in lowercase hex, as `pages/pages.json` records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
