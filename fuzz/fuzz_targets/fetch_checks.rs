//! `codegen_pages::fetch` on arbitrary input: the checks a page downloaded by
//! `cargo xtask docs fetch` passes before it replaces the kept copy (`check_page`), and
//! the in-place edit of `pages/pages.json` that records it (`record_fetched`).
//!
//! Input: a first byte that picks the function and its arguments, then the rest.
//! - Bit 7 clear: `check_page`. Bits 0–2 pick the layout (modulo 5); bits 3–4 the
//!   Content-Type: none, `text/markdown; charset=utf-8`, `text/html; charset=utf-8`, or
//!   the rest's first line (the body is then what follows it); bits 5–6 the
//!   Content-Length: none, the body's length, one less, or one more. The rest is the
//!   body, bytes as they arrived.
//! - Bit 7 set: `record_fetched` on the rest as the manifest's text, recording a new
//!   SHA-256 for the page `a.md`.
//!
//! Besides not panicking, what passes must hold up: a page taken is the body, whole,
//! within the limit and not HTML; an edited manifest still parses, with the new values
//! where they belong.

#![no_main]

use codegen_pages::fetch::{MAX_PAGE_BYTES, Received, Refusal, check_page, record_fetched};
use codegen_pages::pages::Layout;
use codegen_spec::json::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const TODAY: &str = "2026-12-05";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    if pick & 0x80 == 0 {
        check(pick, rest);
    } else if let Ok(text) = std::str::from_utf8(rest) {
        edit(text);
    }
});

fn check(pick: u8, rest: &[u8]) {
    let (_, layout) = Layout::ALL[usize::from(pick & 7) % Layout::ALL.len()];
    let (content_type, body) = match (pick >> 3) & 3 {
        0 => (None, rest),
        1 => (Some("text/markdown; charset=utf-8".to_owned()), rest),
        2 => (Some("text/html; charset=utf-8".to_owned()), rest),
        _ => {
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            let line = String::from_utf8_lossy(&rest[..end]).into_owned();
            (Some(line), rest.get(end + 1..).unwrap_or_default())
        }
    };
    let len = body.len() as u64;
    let content_length = match (pick >> 5) & 3 {
        0 => None,
        1 => Some(len),
        2 => len.checked_sub(1),
        _ => Some(len + 1),
    };
    let received = Received {
        content_type: content_type.as_deref(),
        content_length,
        body,
    };
    match check_page("pages/fuzz.md", layout, &received) {
        Ok(text) => {
            assert_eq!(
                text.as_bytes(),
                body,
                "a page taken is the body as it arrived"
            );
            assert!(body.len() <= MAX_PAGE_BYTES);
            assert!(content_length.is_none_or(|n| n == len));
            assert!(!body.iter().all(u8::is_ascii_whitespace));
            let html = content_type.as_deref().is_some_and(|t| {
                let essence = t.split(';').next().unwrap_or_default().trim();
                essence.eq_ignore_ascii_case("text/html")
            });
            assert!(!html, "HTML was taken: {content_type:?}");
        }
        Err(refusal) => {
            if let Refusal::Truncated {
                received,
                announced,
            } = &refusal
            {
                assert!((*received as u64) < *announced);
            }
            assert!(!refusal.to_string().is_empty());
        }
    }
}

fn edit(text: &str) {
    let Ok(edited) = record_fetched(text, &[("a.md", SHA)], TODAY) else {
        return;
    };
    let root = match json::parse(&edited) {
        Ok(root) => root,
        Err(e) => panic!("the edited manifest does not parse: {e:?}\n{edited}"),
    };
    let entry = member(&root, "pages").and_then(|pages| match &pages.value {
        Value::Array(entries) => entries
            .iter()
            .find(|entry| member(entry, "file").and_then(Node::as_str) == Some("a.md")),
        _ => None,
    });
    let Some(entry) = entry else {
        panic!("the edited manifest lost the entry of a.md:\n{edited}");
    };
    assert_eq!(member(entry, "sha256").and_then(Node::as_str), Some(SHA));
    assert_eq!(
        member(entry, "retrieved").and_then(Node::as_str),
        Some(TODAY)
    );
}

fn member<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        Value::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
        _ => None,
    }
}
