//! Pages compared together: in Cloudflare's current layout, a resource's page and the
//! pages of its operations, which the resource page also links to.

use super::Checker;
use crate::pages::manifest::{Manifest, PageEntry};
use crate::pages::{Layout, OperationLink, Page};

/// The resource page of an operation's page (`…/triggers/methods/create/index.md` is the
/// operation page of `…/triggers/index.md`), when the manifest has it.
pub(super) fn resource_of(manifest: &Manifest, entry: &PageEntry) -> Option<usize> {
    let file = resource_file(entry)?;
    manifest
        .pages
        .iter()
        .position(|other| other.file == file && other.is_current())
}

fn resource_file(entry: &PageEntry) -> Option<String> {
    if entry.layout != Layout::CloudflareDetails || !entry.is_current() {
        return None;
    }
    let (resource, _) = entry.file.rsplit_once("/methods/")?;
    Some(format!("{resource}/index.md"))
}

/// The operation pages whose resource page is `entry`, by index in the manifest.
pub(super) fn operation_pages<'m>(
    manifest: &'m Manifest,
    entry: &'m PageEntry,
) -> impl Iterator<Item = usize> + 'm {
    manifest
        .pages
        .iter()
        .enumerate()
        .filter(move |(_, other)| resource_file(other).as_deref() == Some(entry.file.as_str()))
        .map(|(i, _)| i)
}

/// The address of a page without `index.md` and trailing slashes, to match a link with
/// the page it points to.
fn address(url: &str) -> &str {
    url.trim_end_matches("index.md").trim_end_matches('/')
}

impl<'a> Checker<'a> {
    /// Each operation a resource page links to is a page of the manifest that says the
    /// same title, method and path.
    pub(super) fn links(&mut self, group: &[&'a Page]) {
        for page in group {
            for link in &page.links {
                self.page = page;
                self.link(link);
            }
        }
    }

    fn link(&mut self, link: &OperationLink) {
        let subject = format!("the link to \"{}\"", link.title.text);
        let target = self.manifest.pages.iter().position(|entry| {
            entry
                .url
                .as_deref()
                .is_some_and(|url| address(url) == address(&link.url))
        });
        let section = link.sections.last().map(|s| s.text.as_str());
        let loc = self.file_loc(section);
        let Some(target) = target else {
            self.differ_plainly(
                &subject,
                format!(
                    "the page links to {} {} at {}, which pages.json does not list: add its page",
                    link.method.text, link.path.text, link.url
                ),
                link.pos,
                &loc,
            );
            return;
        };
        // A page that could not be read is reported as such.
        let Some(linked) = self.pages.get(target).and_then(Option::as_ref) else {
            return;
        };
        let Some(operation) = linked.operations.first() else {
            self.differ_plainly(
                &subject,
                format!(
                    "the page it links to, {}, documents no operation",
                    linked.file
                ),
                link.pos,
                &loc,
            );
            return;
        };
        let mut problems = Vec::new();
        if operation.method.text != link.method.text || operation.path.text != link.path.text {
            problems.push(format!(
                "it says {} {}, the operation's page {} {}",
                link.method.text, link.path.text, operation.method.text, operation.path.text
            ));
        }
        if !super::same_text(&operation.title.text, &link.title.text) {
            problems.push(format!(
                "its title is \"{}\", the operation page's \"{}\"",
                link.title.text, operation.title.text
            ));
        }
        if link.deprecated != operation.deprecated.is_some() {
            let (yes, no) = if link.deprecated {
                ("the link", "the operation's page")
            } else {
                ("the operation's page", "the link")
            };
            problems.push(format!("{yes} marks it deprecated, {no} does not"));
        }
        if !problems.is_empty() {
            self.differ_plainly(&subject, problems.join("; "), link.pos, &loc);
        }
    }
}
