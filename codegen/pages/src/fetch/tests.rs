//! Every refusal of a downloaded page, and what passes.

use super::*;

/// A resource page in Cloudflare's current layout, as the server sends it.
const PAGE: &str = r##"---
title: Purge
---

[Skip to content](#_top)

[API Reference](https://developers.cloudflare.com/api)

[Queues](https://developers.cloudflare.com/api/resources/queues)

Copy Markdown

---

**Copy Markdown****View as Markdown**

# Purge

##### [Purge Queue](https://developers.cloudflare.com/api/resources/queues/subresources/purge/methods/start)

POST/accounts/{account\_id}/queues/{queue\_id}/purge

##### ModelsExpand Collapse

<details>

<summary>

PurgeStatusResponse object {completed, started\_at }

</summary>

completed: optional string

Indicates if the last purge operation completed successfully.

<a href="#">Link to this property</a>

started\_at: optional string

Timestamp when the last purge operation started.

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20queues.purge%20%3E%20(model)%20purge_status_response%20%3E%20(schema)>)"##;

const FILE: &str = "pages/cloudflare/purge/index.md";

fn check(
    content_type: Option<&str>,
    content_length: Option<u64>,
    body: &[u8],
) -> Result<(), Refusal> {
    let received = Received {
        content_type,
        content_length,
        body,
    };
    check_page(FILE, Layout::CloudflareDetails, &received).map(|text| {
        assert_eq!(text.as_bytes(), body);
    })
}

fn length(body: &[u8]) -> Option<u64> {
    u64::try_from(body.len()).ok()
}

#[test]
fn a_whole_page_in_markdown_passes() {
    let body = PAGE.as_bytes();
    for content_type in [
        None,
        Some("text/markdown; charset=utf-8"),
        Some("text/plain"),
    ] {
        assert_eq!(check(content_type, length(body), body), Ok(()));
    }
    // Without a Content-Length (a chunked answer) the reader is the only judge.
    assert_eq!(check(None, None, body), Ok(()));
}

#[test]
fn a_page_over_the_limit_is_refused_by_its_length_or_by_what_arrived() {
    let announced = u64::try_from(MAX_PAGE_BYTES).unwrap_or(u64::MAX) + 1;
    assert_eq!(
        check(None, Some(announced), b""),
        Err(Refusal::AnnouncedTooLarge { announced })
    );
    assert_eq!(
        check(None, Some(u64::MAX), b""),
        Err(Refusal::AnnouncedTooLarge {
            announced: u64::MAX
        })
    );
    let endless = vec![b'a'; MAX_PAGE_BYTES + 1];
    assert_eq!(check(None, None, &endless), Err(Refusal::TooLarge));
    let refusal = Refusal::TooLarge.to_string();
    assert!(refusal.contains("4 MiB"), "{refusal}");
}

#[test]
fn a_page_shorter_or_longer_than_its_content_length_is_refused() {
    let body = PAGE.as_bytes();
    let announced = length(body).unwrap_or_default();
    let cut = &body[..100];
    assert_eq!(
        check(None, Some(announced), cut),
        Err(Refusal::Truncated {
            received: 100,
            announced
        })
    );
    assert_eq!(
        check(None, Some(announced), b""),
        Err(Refusal::Truncated {
            received: 0,
            announced
        })
    );
    assert_eq!(
        check(None, Some(99), cut),
        Err(Refusal::LongerThanAnnounced {
            received: 100,
            announced: 99
        })
    );
    let message = Refusal::Truncated {
        received: 100,
        announced: 2000,
    }
    .to_string();
    assert_eq!(
        message,
        "truncated: 100 of the 2000 bytes its Content-Length announces arrived"
    );
}

#[test]
fn an_empty_page_is_refused() {
    assert_eq!(check(None, Some(0), b""), Err(Refusal::Empty));
    assert_eq!(check(None, None, b" \n\t\r\n"), Err(Refusal::Empty));
}

#[test]
fn html_is_refused_by_its_content_type() {
    for content_type in [
        "text/html",
        "Text/HTML; charset=UTF-8",
        "application/xhtml+xml",
    ] {
        assert_eq!(
            check(Some(content_type), None, PAGE.as_bytes()),
            Err(Refusal::HtmlContentType {
                content_type: content_type.to_owned()
            })
        );
    }
}

#[test]
fn html_is_refused_by_how_the_body_starts() {
    for (body, start) in [
        (
            "<!DOCTYPE html>\n<html><body>Not found</body></html>",
            "<!DOCTYPE html",
        ),
        ("\u{feff}\n  <html lang=\"en\">", "<html"),
        ("<?xml version=\"1.0\"?>\n<!doctype HTML>", "<!doctype HTML"),
    ] {
        assert_eq!(
            check(Some("text/markdown"), None, body.as_bytes()),
            Err(Refusal::HtmlBody {
                start: start.to_owned()
            }),
            "{body}"
        );
    }
    // Markdown that shows HTML further down is still Markdown: the reader judges it.
    let refusal = check(None, None, b"# Title\n\n<html> is a tag\n");
    assert!(
        matches!(refusal, Err(Refusal::Unreadable { .. })),
        "{refusal:?}"
    );
}

#[test]
fn a_page_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let mut body = PAGE.as_bytes().to_vec();
    body[30] = 0xff;
    assert_eq!(
        check(None, length(&body), &body),
        Err(Refusal::NotUtf8 { offset: 30 })
    );
}

#[test]
fn a_page_cut_off_inside_its_details_is_refused_with_the_reader_s_message() {
    let Some(cut) = PAGE.find("started\\_at: optional") else {
        panic!("the page has no second field");
    };
    let body = &PAGE.as_bytes()[..cut];
    // Whole as far as HTTP knows: its Content-Length is its length.
    let refusal = match check(Some("text/markdown"), length(body), body) {
        Err(refusal @ Refusal::Unreadable { .. }) => refusal.to_string(),
        other => panic!("expected the reader to refuse the page, got {other:?}"),
    };
    assert!(
        refusal.starts_with(
            "the reader of its layout (cloudflare_details) refuses the downloaded version"
        ),
        "{refusal}"
    );
    assert!(
        refusal.contains("\n  pages/cloudflare/purge/index.md:25:1 at the page's structure: the page ends inside this `<details>` block"),
        "{refusal}"
    );
}

#[test]
fn hashes_are_lowercase_hex() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
