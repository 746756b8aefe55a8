//! Cloudflare's API reference as its Markdown twin in the current conversion: one page
//! per operation, one per resource.
//!
//! ```text
//! ---                                front matter: the page's title
//! title: Create a build trigger
//! ---
//! [Skip to content](#_top) …         site chrome; the breadcrumb links are the sections
//! # Create a build trigger           an operation's page: its title,
//! Deprecated: use … instead            a deprecation notice, when there is one,
//! POST/accounts/{account\_id}/…        its method and path, run together,
//! Description, a line a paragraph.     its description;
//! ##### Security                       <details> per accepted auth scheme, by name
//! ##### Accepted Permissions (…)       `Workers CI Write``Workers CI Read`
//! ##### P ath ParametersExpand Collapse   entries (also Query and Header Parameters)
//! ##### Body ParametersJSONExpand Collapse entries: the body's fields ("Form Data" too)
//! ##### ReturnsExpand Collapse         entries: the envelope
//! ### Create a build trigger           the example: language tabs, a curl command,
//! 200 example / 404 example …          the responses' labels, then their JSON in order
//! ##### Returns Examples               the same responses again
//!
//! # Triggers                         a resource's page:
//! #### TriggersEnvironment Variables   a sub-resource's part (its breadcrumb run together)
//! ##### [List triggers](https://…)     an operation it lists, and after it
//! Deprecated                             (when it is)
//! GET/accounts/{account\_id}/…           its method and path
//! ##### ModelsExpand Collapse          entries: named types, `Name object {…}`, `Name = T`
//! ```
//!
//! Entries are read by [`fields`]; headings lose the rendering's marks (`P ath` is
//! `Path`, `Expand Collapse` is dropped). A body whose only entry is `body` is that
//! entry's type, as on the previous layout.
//!
//! **Refused** (an error naming the line and what was expected): unbalanced `<details>`,
//! a code block or summary the page ends inside, an entry without its "Link to this
//! property", a heading the layout does not have, a type the grammar refuses, members,
//! values or variants that do not match what a type announces, response examples whose
//! labels and JSON blocks do not pair up, two copies of the response examples that
//! disagree, and the other rendering of the largest pages (made from their HTML, which
//! starts with `##### Models`): that rendering is not this one, and reading it as this
//! one would misread it.
//!
//! **Passed over** (into [`Page::skipped`], each with why): the site's chrome, the
//! auth schemes' descriptions, the example's language tabs, and the second copy of the
//! response examples.

mod blocks;
mod examples;
mod fields;
mod method;
pub mod models;
mod resource;
mod text;

use crate::pages::Hints;
use crate::pages::model::{Layout, Page, Skipped, Text};
use crate::pages::source::{PageText, excerpt};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics};

use blocks::Block;

/// How long the text of a skipped entry may be.
const EXCERPT: usize = 80;

pub fn read(page: &PageText<'_>, _hints: &Hints) -> Result<Page, Diagnostics> {
    read_page(page).map_err(|d| Diagnostics::new(vec![d]))
}

fn read_page(page: &PageText<'_>) -> Result<Page, Diagnostic> {
    refuse_html_rendering(page)?;
    let mut out = Page {
        file: page.file.to_owned(),
        layout: Layout::CloudflareDetails,
        title: None,
        last_modified: None,
        operations: Vec::new(),
        named_types: Vec::new(),
        links: Vec::new(),
        skipped: Vec::new(),
    };
    let start = front_matter(page, &mut out)?;
    let all = blocks::read(page, start)?;
    let Some(title_at) = all
        .iter()
        .position(|b| matches!(b, Block::Heading { level: 1, .. }))
    else {
        return Err(page.error(
            start,
            "the page",
            "expected the page's `# Title` heading; the page has none",
        ));
    };
    let sections = chrome(page, &all[..title_at], &mut out.skipped)?;
    let Some(Block::Heading {
        text: title,
        offset,
        ..
    }) = all.get(title_at)
    else {
        return Err(page.error(start, "the page", "expected the page's `# Title` heading"));
    };
    let title = Text::new(text::plain(title), page.pos(*offset));
    let rest = &all[title_at + 1..];
    let mut reader = Reader {
        page,
        out,
        sections,
    };
    if method::is_operation_page(rest) {
        reader.operation_page(title, rest)?;
    } else {
        reader.resource_page(&title, rest)?;
        reader.out.title = Some(title);
    }
    Ok(reader.out)
}

/// What reading a page builds up.
struct Reader<'p, 't> {
    page: &'p PageText<'t>,
    out: Page,
    /// The breadcrumb's sections, outermost first ("Workers Builds", "Triggers").
    sections: Vec<Text>,
}

impl Reader<'_, '_> {
    fn skip(&mut self, offset: usize, text: &str, why: &str) {
        self.out.skipped.push(Skipped {
            pos: self.page.pos(offset),
            text: excerpt(text, EXCERPT),
            why: why.to_owned(),
        });
    }
}

/// The other rendering of the largest pages, made from their HTML, is refused: it begins
/// with `##### Models` and links its operations as `##### [Title](/api/…)`.
fn refuse_html_rendering(page: &PageText<'_>) -> Result<(), Diagnostic> {
    let first = page
        .text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    let relative_links = page.text.contains("\n##### [") && page.text.contains("](/api/");
    if first.starts_with("##### Models") || relative_links {
        return Err(page.error(
            0,
            "the page",
            "this is the rendering of Cloudflare's reference made from the page's HTML (it \
             starts with `##### Models` and links operations as `##### [Title](/api/…)`), \
             which the largest resource pages are published in; it is not the Markdown \
             conversion this reader reads (layout cloudflare_details). Keep the resource's \
             own sub-resource and method pages instead, which are in that conversion",
        ));
    }
    Ok(())
}

/// Reads the front matter (`---`, `title: …`, `---`) into the page's title; the offset
/// where the rest starts.
fn front_matter(page: &PageText<'_>, out: &mut Page) -> Result<usize, Diagnostic> {
    let Some(after_open) = page.text.strip_prefix("---\n") else {
        return Ok(0);
    };
    let open = page.text.len() - after_open.len();
    let Some(close) = after_open.find("\n---\n") else {
        return Err(page.error(
            0,
            "the front matter",
            "the front matter that starts here has no closing `---`",
        ));
    };
    let mut offset = open;
    for line in after_open[..close].lines() {
        if let Some(title) = line.strip_prefix("title:") {
            let title = title.trim();
            out.title = Some(Text::new(
                title,
                page.pos(offset + (line.len() - title.len())),
            ));
        } else if !line.trim().is_empty() {
            out.skipped.push(Skipped {
                pos: page.pos(offset),
                text: excerpt(line, EXCERPT),
                why: "front matter other than the title, which the model does not hold".to_owned(),
            });
        }
        offset += line.len() + 1;
    }
    Ok(open + close + "\n---\n".len())
}

/// The site's chrome before the title: the breadcrumb's links become the sections;
/// the rest is passed over. Anything else there is refused.
fn chrome(
    page: &PageText<'_>,
    blocks: &[Block<'_>],
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Text>, Diagnostic> {
    const CONTROLS: [&str; 4] = [
        "Copy Markdown",
        "---",
        "**Copy Markdown****View as Markdown**",
        "[Skip to content](#_top)",
    ];
    let mut sections = Vec::new();
    for block in blocks {
        let Block::Line { text, offset } = block else {
            return Err(page.error(
                block.offset(),
                "the page's header",
                "expected only the site's links and controls before the page's `# Title`",
            ));
        };
        let why = if CONTROLS.contains(text) || text.starts_with("Open in **") {
            "the site's page controls"
        } else if let Some((title, url)) = markdown_link(text) {
            if url
                .trim_end_matches('/')
                .ends_with("developers.cloudflare.com/api")
            {
                "the breadcrumb's link to the API reference's home"
            } else {
                sections.push(Text::new(text::plain(title), page.pos(*offset)));
                continue;
            }
        } else {
            return Err(page.error(
                *offset,
                "the page's header",
                format!(
                    "expected only the site's links and controls before the page's `# Title`, found `{}`",
                    excerpt(text, EXCERPT)
                ),
            ));
        };
        skipped.push(Skipped {
            pos: page.pos(*offset),
            text: excerpt(text, EXCERPT),
            why: why.to_owned(),
        });
    }
    Ok(sections)
}

/// `[title](url)`, when the whole line is one link.
fn markdown_link(line: &str) -> Option<(&str, &str)> {
    let inner = line.strip_prefix('[')?;
    let close = inner.find("](")?;
    let url = inner.get(close + 2..)?.strip_suffix(')')?;
    Some((inner.get(..close)?, url))
}

/// A heading without the rendering's marks: `P ath ParametersExpand Collapse` is
/// `Path Parameters`.
fn heading_name(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_suffix("Expand Collapse")
        .unwrap_or(text)
        .trim_end();
    let mut chars = text.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some(first), Some(' '), Some(third))
            if first.is_ascii_uppercase() && third.is_ascii_lowercase() =>
        {
            format!("{first}{}", &text[2..])
        }
        _ => text.to_owned(),
    }
}

/// `POST/accounts/{account\_id}/x`: the method and the path, unescaped.
fn method_line(line: &str) -> Option<(&'static str, String)> {
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    let method = METHODS.into_iter().find(|m| {
        line.strip_prefix(m)
            .is_some_and(|rest| rest.starts_with('/'))
    })?;
    let path = text::plain(&line[method.len()..]);
    (!path.contains(char::is_whitespace)).then_some((method, path))
}

#[cfg(test)]
mod tests;
