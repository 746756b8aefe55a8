//! The workspaces the cases alter: the layout's pages and a spec, in a temporary folder,
//! with the manifest listing what is there.

use std::path::Path;

use sha2::{Digest, Sha256};
use tests::workspace_root;

use crate::{LayoutCases, NewPage, Spec};

/// The workspace each case copies: the layout's pages, with the repository's spec or the
/// spec drafted from the page.
pub fn template(layout: &LayoutCases) -> tempfile::TempDir {
    let dir = temp_dir();
    let root = workspace_root();
    let kept = |file: &str| {
        file == layout.page
            || layout
                .page
                .strip_suffix("/index.md")
                .and_then(|resource| file.strip_prefix(resource))
                .is_some_and(|rest| rest.starts_with("/methods/"))
    };
    let services = copy_pages(&root, dir.path(), kept);
    match layout.spec {
        Spec::Repository => {
            for service in services {
                copy(
                    &root.join("spec").join(&service),
                    &dir.path().join("spec").join(&service),
                );
            }
        }
        Spec::DraftedFromPage => draft_spec(&root, dir.path(), layout.page),
    }
    dir
}

/// Copies the pages `kept` says, and the manifest listing only them; the services they
/// belong to.
fn copy_pages(from_root: &Path, to_root: &Path, kept: impl Fn(&str) -> bool) -> Vec<String> {
    let manifest_path = from_root.join("pages/pages.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&read(&manifest_path)).unwrap_or_else(|e| panic!("{e}"));
    let Some(pages) = manifest["pages"].as_array_mut() else {
        panic!("{} lists no pages", manifest_path.display());
    };
    pages.retain(|entry| entry["file"].as_str().is_some_and(&kept));
    for entry in pages.iter() {
        let file = entry["file"].as_str().unwrap_or_default();
        let target = to_root.join("pages").join(file);
        create_parent(&target);
        std::fs::copy(from_root.join("pages").join(file), &target)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    let mut services: Vec<String> = pages
        .iter()
        .filter_map(|entry| entry["service"].as_str().map(str::to_owned))
        .collect();
    services.dedup();
    write(&to_root.join("pages/pages.json"), &manifest.to_string());
    services
}

/// A copy of the template, for one case to alter.
pub fn workspace_from(template: &Path) -> tempfile::TempDir {
    let dir = temp_dir();
    for part in ["pages", "spec"] {
        copy(&template.join(part), &dir.path().join(part));
    }
    dir
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("docs-altered-")
        .tempdir()
        .unwrap_or_else(|e| panic!("no temporary directory: {e}"))
}

/// Makes `page`, the workspace's one page, current and writes the spec `docs draft`
/// writes from it (with the service definitions, which no page gives).
fn draft_spec(root: &Path, workspace: &Path, page: &str) {
    let spec = workspace.join("spec");
    for file in [
        "buddy/service.json",
        "cloudflare/service.json",
        "schema.json",
    ] {
        let target = spec.join(file);
        create_parent(&target);
        std::fs::copy(root.join("spec").join(file), target).unwrap_or_else(|e| panic!("{e}"));
    }
    edit_manifest(workspace, |pages| {
        for entry in pages {
            if let Some(entry) = entry.as_object_mut() {
                entry.remove("superseded_by");
            }
        }
    });
    let draft =
        match codegen_pages::docs::draft(workspace, &workspace.join("pages").join(page), None) {
            Ok(draft) => draft,
            Err(diagnostics) => panic!("no draft of {page}:\n{diagnostics}"),
        };
    if let Err(e) = draft.write(workspace) {
        panic!("{e}");
    }
}

/// Copies a page to a new file and lists it in the manifest after the original, with
/// its address following its file.
pub fn add_page(root: &Path, page: NewPage) -> Result<(), String> {
    let pages = root.join("pages");
    let text = read(&pages.join(page.copy_of));
    let target = pages.join(page.file);
    create_parent(&target);
    write(&target, &text);
    let mut added = false;
    edit_manifest(root, |entries| {
        let Some(at) = entries
            .iter()
            .position(|entry| entry["file"] == page.copy_of)
        else {
            return;
        };
        let mut entry = entries[at].clone();
        entry["file"] = page.file.into();
        if let Some(url) = entry["url"].as_str() {
            entry["url"] = moved_url(url, page.copy_of, page.file).into();
        }
        entries.insert(at + 1, entry);
        added = true;
    });
    if added {
        Ok(())
    } else {
        Err(format!("{} is not in the manifest", page.copy_of))
    }
}

/// The address of the page at `to` whose sibling at `from` has `url`: the address ends
/// as the file's path does (`…/connections/methods/delete/index.md`).
fn moved_url(url: &str, from: &str, to: &str) -> String {
    let common = url
        .bytes()
        .rev()
        .zip(from.bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (site, _) = url.split_at(url.len() - common);
    let (folders, _) = from.split_at(from.len() - common);
    format!("{site}{}", to.strip_prefix(folders).unwrap_or(to))
}

/// Records a page's SHA-256 in the workspace's manifest.
pub fn record_sha256(root: &Path, page: &str, text: &str) {
    let sha256: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    edit_manifest(root, |pages| {
        let entry = pages.iter_mut().find(|entry| entry["file"] == page);
        match entry {
            Some(entry) => entry["sha256"] = serde_json::Value::String(sha256.clone()),
            None => panic!("{page} is not in the manifest"),
        }
    });
}

fn edit_manifest(root: &Path, change: impl FnOnce(&mut Vec<serde_json::Value>)) {
    let path = root.join("pages/pages.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{e}"));
    match manifest["pages"].as_array_mut() {
        Some(pages) => change(pages),
        None => panic!("{} lists no pages", path.display()),
    }
    write(&path, &manifest.to_string());
}

/// A page's or the manifest's text; a file the workspace must have.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes a file of the workspace.
pub fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn create_parent(path: &Path) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
