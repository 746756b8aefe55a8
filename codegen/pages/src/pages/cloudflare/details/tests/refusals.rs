//! What the reader refuses, with its line: pages cut short, what does not fit the
//! layout, the HTML rendering.

use super::*;

/// The method fixture with one piece replaced.
fn altered(from: &str, to: &str) -> String {
    assert!(METHOD.contains(from), "the fixture has {from:?}");
    METHOD.replacen(from, to, 1)
}

#[test]
fn pages_cut_short_are_refused_with_their_line() {
    let cut = &METHOD[..METHOD
        .find("<a href=\"#\">Link to this property</a>\n\n\"green\"")
        .unwrap_or(0)];
    assert_eq!(
        read_details(cut).err().as_deref(),
        Some(
            "85:1: the page ends inside this `<details>` block: expected its `</details>` (the page is cut short)"
        )
    );
    let without_examples = &METHOD[..METHOD.find("### Create a widget").unwrap_or(0)];
    let error = read_details(without_examples).err().unwrap_or_default();
    assert!(
        error.contains("the page ends before the operation's example"),
        "{error}"
    );
}

#[test]
fn what_does_not_fit_the_layout_is_refused() {
    let cases = [
        (
            altered(
                "##### Q uery ParametersExpand Collapse",
                "##### Cookie ParametersExpand Collapse",
            ),
            "67:1: found the heading `Cookie ParametersExpand Collapse`, which an operation's page does not have",
        ),
        (
            altered(
                "\nnumber\n\n<a href=\"#\">Link to this property</a>\n",
                "\nnumber\n",
            ),
            "expected \"Link to this property\" to end the entry `number`",
        ),
        (
            altered(
                "result: object {id, created\\_on, \"shop/tag\" }",
                "result: object {id, created\\_on, 2 more }",
            ),
            "`result: object {id, created_on, 2 more }` announces 4 members but 3 are listed",
        ),
        (
            {
                // The second copy's 404 says another code.
                let at = METHOD.rfind("\"code\": 12000").unwrap_or(0);
                format!(
                    "{}\"code\": 12001{}",
                    &METHOD[..at],
                    &METHOD[at + "\"code\": 12000".len()..]
                )
            },
            "the page's two copies of its response examples (under the request and under Returns Examples) disagree",
        ),
        (
            altered(
                "200 example\n\n404 example\n\n```",
                "200 example\n\n404 example\n\n429 example\n\n```",
            ),
            "found 3 response example labels and 2 JSON blocks; each label needs its block",
        ),
        (
            altered("`Shop Write``Shop Admin`", "Shop Write"),
            "expected a permission in backticks, found `Shop Write`",
        ),
    ];
    for (text, expected) in cases {
        let error = read_details(&text).err().unwrap_or_default();
        assert!(
            error.contains(expected),
            "expected {expected:?}, got {error:?}"
        );
    }
}

#[test]
fn the_html_rendering_of_the_largest_pages_is_refused_by_name() {
    let html = "##### Models\n\n<details>\n\n<summary>\n\nWorker object { id }\n\n</summary>\n\nid: string\n\n[Link to this property](#)\n\n</details>\n\n[Link to this property](#)\n\n##### [List Workers](/api/resources/workers/methods/list)\n\nGET/accounts/{account_id}/workers\n";
    let error = read_details(html).err().unwrap_or_default();
    assert!(
        error.starts_with(
            "1:1: this is the rendering of Cloudflare's reference made from the page's HTML"
        ),
        "{error}"
    );
}
