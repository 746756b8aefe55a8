//! The first stage: reading documentation pages into one [`model`] of what they
//! document, whatever their layout.
//!
//! One reader per layout ([`Layout`]); each keeps the line of every item, reports a page
//! it cannot make sense of with the file, line and what it expected, and lists the text
//! it passes over in [`Page::skipped`]. `pages/pages.json` says which reader reads which
//! page ([`manifest`]).

mod buddy;
mod cloudflare;
mod example;
pub mod manifest;
pub mod model;
mod source;

use std::collections::BTreeSet;

pub use example::{url_path as example_url_path, url_query as example_url_query};
pub use model::*;

use codegen_spec::diagnostics::{Diagnostic, Diagnostics, Pos};

/// What a reader may use beyond the page itself.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// Field names known from elsewhere (the spec of the page's service). Buddy pages whose
    /// lines run together glue a field's name to the end of the previous description
    /// (`…set to falsetimeoutinteger`); a known name settles where one ends and the other
    /// starts. Without one the reader still splits, by the page's own words.
    pub field_names: BTreeSet<String>,
}

/// Reads a page's text with the reader of its layout. `file` is the path messages print.
pub fn read(file: &str, text: &str, layout: Layout, hints: &Hints) -> Result<Page, Diagnostics> {
    let page = source::PageText::new(file, text);
    match layout {
        Layout::BuddyAction => buddy::action::read(&page, hints),
        Layout::BuddyLegacy => buddy::legacy::read(&page, hints),
        Layout::CloudflareCollapsed => cloudflare::collapsed::read(&page, hints),
        Layout::CloudflareMarkdown => cloudflare::markdown::read(&page, hints),
        Layout::CloudflareDetails => cloudflare::details::read(&page, hints),
    }
}

/// Resolves, in the operation pages among `pages`, the types they print collapsed
/// (`object {a, b, 10 more}`, a model's name) from the models of the resource pages among
/// them (Cloudflare's current layout); other pages are left alone.
pub fn resolve_models(pages: &mut [Page]) {
    cloudflare::details::models::resolve(pages);
}

/// Reads a page file with the reader of its layout.
pub fn read_file(
    path: &std::path::Path,
    layout: Layout,
    hints: &Hints,
) -> Result<Page, Diagnostics> {
    let file = path.to_string_lossy().replace('\\', "/");
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostics::new(vec![Diagnostic {
            file: file.clone(),
            pos: Pos { line: 1, column: 1 },
            path: String::new(),
            message: format!("cannot read the page: {e}"),
        }])
    })?;
    read(&file, &text, layout, hints)
}

/// The layout a page's text is in, told by the marks each layout has; `None` when it has
/// none of them.
pub fn detect_layout(text: &str) -> Option<Layout> {
    // The current conversion's front matter and controls; the HTML rendering of the
    // largest pages is told as this layout too, whose reader refuses it by name.
    let details = text.starts_with("---\ntitle:")
        && (text.contains("\n**Copy Markdown****View as Markdown**")
            || text.contains("Expand Collapse"));
    if details || text.trim_start().starts_with("##### Models") {
        return Some(Layout::CloudflareDetails);
    }
    let markdown_operation = text.contains("\n**get** `")
        || text.contains("\n**post** `")
        || text.contains("\n**put** `")
        || text.contains("\n**patch** `")
        || text.contains("\n**delete** `");
    if text.starts_with("# ") && markdown_operation && text.contains("\n### ") {
        return Some(Layout::CloudflareMarkdown);
    }
    if text.starts_with("# ") && text.contains(" ## ") && text.contains(" ### ") {
        return Some(Layout::CloudflareCollapsed);
    }
    if text.contains("Resource URL") && text.contains("NameTypeDescription") {
        return Some(Layout::BuddyLegacy);
    }
    if text.contains("URL PARAMETERS") || text.contains("REQUIRED SCOPES") {
        return Some(Layout::BuddyAction);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_are_told_apart() {
        assert_eq!(
            detect_layout("# Builds\n\n## Get\n\n**get** `/x`\n\n### Returns\n"),
            Some(Layout::CloudflareMarkdown)
        );
        assert_eq!(
            detect_layout("# Builds ## Get **get** `/x` ### Returns - `a: string`"),
            Some(Layout::CloudflareCollapsed)
        );
        assert_eq!(
            detect_layout("Clear cache\n\nResource URL\n\nNameTypeDescription\n"),
            Some(Layout::BuddyLegacy)
        );
        assert_eq!(
            detect_layout("CloudFront\nREQUIRED SCOPES\nURL PARAMETERS\n"),
            Some(Layout::BuddyAction)
        );
        assert_eq!(
            detect_layout(
                "---\ntitle: Get\n---\n\n**Copy Markdown****View as Markdown**\n\n# Get\n"
            ),
            Some(Layout::CloudflareDetails)
        );
        assert_eq!(
            detect_layout("##### Models\n\n<details>\n"),
            Some(Layout::CloudflareDetails)
        );
        assert_eq!(detect_layout("hello"), None);
    }

    #[test]
    fn layout_names_round_trip() {
        for (name, layout) in Layout::ALL {
            assert_eq!(layout.name(), name);
        }
    }
}
