//! `pages/pages.json`: every page the spec transcribes, where and when it was retrieved,
//! the layout it is read with, and whether a newer page supersedes it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::Layout;
use codegen_spec::diagnostics::{Diagnostic, Diagnostics, Pos};

/// The manifest's name inside the pages folder.
pub const MANIFEST_FILE: &str = "pages.json";

/// The pages of the repository.
#[derive(Debug, Clone)]
pub struct Manifest {
    /// The pages folder, as given.
    pub dir: PathBuf,
    pub pages: Vec<PageEntry>,
}

/// One page file.
#[derive(Debug, Clone)]
pub struct PageEntry {
    /// Relative to the pages folder, with `/`.
    pub file: String,
    /// The spec service the page belongs to.
    pub service: String,
    pub title: String,
    pub layout: Layout,
    /// Where the page was retrieved from, in words.
    pub origin: String,
    /// The address the page is fetched from (`docs fetch`), when it has one.
    pub url: Option<String>,
    /// When it was retrieved.
    pub retrieved: String,
    /// The SHA-256 of the file as retrieved, in hex.
    pub sha256: String,
    /// The page that replaces this one, if any: a superseded page is kept as history and
    /// read, but the spec is compared with its successor.
    pub superseded_by: Option<String>,
    /// Where the entry is written in the manifest.
    pub pos: Pos,
}

impl PageEntry {
    pub fn is_current(&self) -> bool {
        self.superseded_by.is_none()
    }
}

impl Manifest {
    /// The path of a page file.
    pub fn path(&self, entry: &PageEntry) -> PathBuf {
        self.dir.join(&entry.file)
    }

    /// The entry of a page file, by its name relative to the pages folder.
    pub fn entry(&self, file: &str) -> Option<&PageEntry> {
        self.pages.iter().find(|entry| entry.file == file)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    pages: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    file: String,
    service: String,
    title: String,
    layout: String,
    #[serde(rename = "where")]
    origin: String,
    url: Option<String>,
    retrieved: String,
    sha256: String,
    superseded_by: Option<String>,
}

/// Reads `<dir>/pages.json` and checks it against the files: each page exists, has a
/// known layout, and is byte for byte the file whose SHA-256 the manifest records.
pub fn load(dir: &Path) -> Result<Manifest, Diagnostics> {
    let manifest_path = dir.join(MANIFEST_FILE);
    let display = manifest_path.to_string_lossy().replace('\\', "/");
    let error = |pos: Pos, message: String| Diagnostic {
        file: display.clone(),
        pos,
        path: String::new(),
        message,
    };
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| {
        one(error(
            Pos::start(),
            format!("cannot read the page manifest: {e}"),
        ))
    })?;
    let raw: RawManifest = serde_json::from_str(&text).map_err(|e| {
        let pos = Pos {
            line: u32::try_from(e.line()).unwrap_or(u32::MAX),
            column: u32::try_from(e.column()).unwrap_or(u32::MAX),
        };
        one(error(
            pos,
            format!("expected {{\"pages\": [{{file, service, title, layout, where, url?, retrieved, sha256, superseded_by?}}]}}: {e}"),
        ))
    })?;
    let entry_positions = entry_positions(&text);
    let mut errors = Vec::new();
    let mut pages = Vec::new();
    for (index, raw) in raw.pages.into_iter().enumerate() {
        let pos = entry_positions
            .get(index)
            .copied()
            .unwrap_or_else(Pos::start);
        let Some(layout) = Layout::ALL
            .iter()
            .find(|(name, _)| *name == raw.layout)
            .map(|(_, layout)| *layout)
        else {
            let names: Vec<&str> = Layout::ALL.iter().map(|(name, _)| *name).collect();
            errors.push(error(
                pos,
                format!(
                    "page {}: unknown layout \"{}\"; expected one of {}",
                    raw.file,
                    raw.layout,
                    names.join(", ")
                ),
            ));
            continue;
        };
        match std::fs::read(dir.join(&raw.file)) {
            Ok(bytes) => {
                let actual = hex(&Sha256::digest(&bytes));
                if actual != raw.sha256 {
                    errors.push(error(
                        pos,
                        format!(
                            "page {} is not the file this entry records (its SHA-256 is {actual}); \
                             when you replace a page, record where and when you retrieved it: \
                             set \"where\", \"retrieved\" and \"sha256\": \"{actual}\"",
                            raw.file
                        ),
                    ));
                }
            }
            Err(e) => errors.push(error(
                pos,
                format!("page {}: cannot read it: {e}", raw.file),
            )),
        }
        pages.push(PageEntry {
            file: raw.file,
            service: raw.service,
            title: raw.title,
            layout,
            origin: raw.origin,
            url: raw.url,
            retrieved: raw.retrieved,
            sha256: raw.sha256,
            superseded_by: raw.superseded_by,
            pos,
        });
    }
    for entry in &pages {
        if let Some(successor) = &entry.superseded_by
            && !pages.iter().any(|other| &other.file == successor)
        {
            errors.push(error(
                entry.pos,
                format!(
                    "page {} is superseded by \"{successor}\", which the manifest does not list",
                    entry.file
                ),
            ));
        }
        if pages
            .iter()
            .filter(|other| other.file == entry.file)
            .count()
            > 1
        {
            errors.push(error(
                entry.pos,
                format!("page {} is listed twice", entry.file),
            ));
        }
    }
    if errors.is_empty() {
        Ok(Manifest {
            dir: dir.to_path_buf(),
            pages,
        })
    } else {
        Err(Diagnostics::new(errors))
    }
}

fn one(diagnostic: Diagnostic) -> Diagnostics {
    Diagnostics::new(vec![diagnostic])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where each `"file"` key of the manifest is written, in order: the entries' positions.
fn entry_positions(text: &str) -> Vec<Pos> {
    let mut positions = Vec::new();
    for (line_index, line) in text.lines().enumerate() {
        if let Some(column) = line.find("\"file\"") {
            positions.push(Pos {
                line: u32::try_from(line_index + 1).unwrap_or(u32::MAX),
                column: u32::try_from(line[..column].chars().count() + 1).unwrap_or(u32::MAX),
            });
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            panic!("{e}");
        }
    }

    fn manifest(entries: &str) -> String {
        format!("{{\n  \"pages\": [\n{entries}\n  ]\n}}\n")
    }

    fn entry(file: &str, layout: &str, sha: &str, superseded_by: Option<&str>) -> String {
        let superseded = superseded_by
            .map(|s| format!(",\n      \"superseded_by\": \"{s}\""))
            .unwrap_or_default();
        format!(
            "    {{\n      \"file\": \"{file}\",\n      \"service\": \"svc\",\n      \"title\": \"T\",\n      \"layout\": \"{layout}\",\n      \"where\": \"https://example.com\",\n      \"retrieved\": \"2026-11-29\",\n      \"sha256\": \"{sha}\"{superseded}\n    }}"
        )
    }

    const ABC_SHA: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    #[test]
    fn reads_entries_and_checks_the_files() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write(dir.path(), "a.md", "abc");
        write(
            dir.path(),
            MANIFEST_FILE,
            &manifest(&entry("a.md", "cloudflare_markdown", ABC_SHA, None)),
        );
        let manifest = load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(manifest.pages.len(), 1);
        assert_eq!(manifest.pages[0].layout, Layout::CloudflareMarkdown);
        assert!(manifest.pages[0].is_current());
        assert_eq!(manifest.pages[0].pos, Pos { line: 4, column: 7 });
        Ok(())
    }

    #[test]
    fn names_a_replaced_page_an_unknown_layout_and_a_missing_successor() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write(dir.path(), "a.md", "abcd");
        write(dir.path(), "b.md", "abc");
        let entries = [
            entry("a.md", "cloudflare_markdown", ABC_SHA, None),
            entry("b.md", "html", ABC_SHA, None),
            entry("b.md", "buddy_action", ABC_SHA, Some("c.md")),
        ]
        .join(",\n");
        write(dir.path(), MANIFEST_FILE, &manifest(&entries));
        let errors = match load(dir.path()) {
            Ok(_) => panic!("expected errors"),
            Err(errors) => errors,
        };
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(
            messages[0].contains(":4:7: page a.md is not the file this entry records"),
            "{}",
            messages[0]
        );
        assert!(messages[0].contains(
            "\"sha256\": \"88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589\""
        ));
        assert!(messages[1].contains("unknown layout \"html\"; expected one of buddy_action"));
        assert!(messages[2].contains("superseded by \"c.md\", which the manifest does not list"));
        Ok(())
    }

    #[test]
    fn a_syntax_error_names_its_line() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        write(
            dir.path(),
            MANIFEST_FILE,
            "{\n  \"pages\": [\n    {\"file\": 1}\n  ]\n}\n",
        );
        let errors = match load(dir.path()) {
            Ok(_) => panic!("expected an error"),
            Err(errors) => errors.to_string(),
        };
        assert!(errors.contains("pages.json:3:"), "{errors}");
        Ok(())
    }
}
