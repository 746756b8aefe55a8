//! A page the client does not cover, as a maintainer adding it would meet it: Cloudflare's
//! D1 reference (`fixtures/pages/cloudflare-d1.md`), drafted by `docs draft` in a
//! temporary workspace that holds only the page and the case's own copy of a Cloudflare
//! service definition (so that the client's own spec changing changes nothing here).
//!
//! The draft must be the committed snapshot case `fixtures/snapshots/d1_draft/spec/`,
//! without a hand edit: that case is generated and compiled with the other snapshots
//! (`snapshots.rs`), and its examples, the page's own, are replayed over loopback
//! (`wire_snapshots.rs`). D1 is not part of generated-client.
//!
//! After a deliberate change to the drafting tool, `UPDATE_SNAPSHOTS=1 cargo test -p tests
//! --test d1_page` rewrites the case's spec; then `cargo xtask snapshots`.

use std::path::{Path, PathBuf};

use tests::workspace_root;

const PAGE: &str = "tests/fixtures/pages/cloudflare-d1.md";
const CASE: &str = "tests/fixtures/snapshots/d1_draft/spec/cloudflare";

fn copy(from: &Path, to: &Path) {
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}

/// The draft of the D1 page in a fresh workspace: its files by name, and the workspace.
fn draft() -> (Vec<(String, String)>, tempfile::TempDir) {
    let workspace = tempfile::Builder::new()
        .prefix("d1-draft-")
        .tempdir()
        .unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let root = workspace.path();
    let repo = workspace_root();
    copy(&repo.join(PAGE), &root.join("pages/cloudflare/d1.md"));
    copy(
        &repo.join(CASE).join("service.json"),
        &root.join("spec/cloudflare/service.json"),
    );
    copy(
        &repo.join("spec/schema.json"),
        &root.join("spec/schema.json"),
    );
    let page = root.join("pages/cloudflare/d1.md");
    let draft = codegen_pages::docs::draft(root, &page, Some("cloudflare"))
        .unwrap_or_else(|d| panic!("the D1 page does not draft:\n{d}"));
    if let Err(e) = draft.write(root) {
        panic!("the draft does not write: {e}");
    }
    let files = draft
        .files
        .iter()
        .map(|f| {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, f.contents.clone())
        })
        .collect();
    (files, workspace)
}

#[test]
fn the_d1_page_drafts_into_a_spec_that_generates() {
    let (files, workspace) = draft();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["database.json", "time_travel.json"]);
    let spec = workspace.path().join("spec");
    let loaded = codegen_spec::load_and_validate(&spec)
        .unwrap_or_else(|d| panic!("the draft does not load:\n{d}"));
    let operations: usize = loaded
        .services
        .iter()
        .flat_map(|s| &s.files)
        .filter(|f| f.source.page.as_deref() == Some("cloudflare/d1.md"))
        .map(|f| f.operations.len())
        .sum();
    assert_eq!(operations, 12, "every operation of the page");
    if let Err(e) = codegen_generator::generate(&spec, &codegen_generator::Options::default()) {
        panic!("the draft does not generate:\n{e}");
    }
}

#[test]
fn the_committed_d1_case_is_the_draft_without_edits() {
    let (files, _workspace) = draft();
    let case = workspace_root().join(CASE);
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for (name, contents) in &files {
        let path: PathBuf = case.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != *contents {
            if update {
                std::fs::write(&path, contents)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the D1 case is not what docs draft makes of the page; \
         run `UPDATE_SNAPSHOTS=1 cargo test -p tests --test d1_page`, then `cargo xtask snapshots`: {}",
        stale.join(", ")
    );
}
