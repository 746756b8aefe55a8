//! `cargo xtask docs check` on the repository: every current page agrees with the spec,
//! or the spec says why not. And `docs draft` of a whole page writes a spec that loads,
//! validates, generates and agrees with its page.

use std::path::Path;

use tests::workspace_root;

#[test]
fn every_page_agrees_with_the_spec() {
    let root = workspace_root();
    let report = match codegen_pages::docs::check(&root) {
        Ok(report) => report,
        Err(diagnostics) => panic!("the pages or the spec cannot be read:\n{diagnostics}"),
    };
    assert!(report.is_clean(), "{report}");
    // Every current page is compared: on its own, or with its resource's page (an
    // operation's page of the current Cloudflare layout); every superseded one is read.
    let manifest =
        codegen_pages::pages::manifest::load(&root.join("pages")).unwrap_or_else(|d| panic!("{d}"));
    let current: Vec<&str> = manifest
        .pages
        .iter()
        .filter(|p| p.is_current())
        .map(|p| p.file.as_str())
        .collect();
    let alone = current.iter().filter(|file| {
        !file
            .rsplit_once("/methods/")
            .is_some_and(|(resource, _)| current.contains(&format!("{resource}/index.md").as_str()))
    });
    assert_eq!(report.compared.len(), alone.count(), "{report}");
    let compared_operations: usize = report.compared.iter().map(|c| c.operations).sum();
    let spec =
        codegen_spec::load_and_validate(&root.join("spec")).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(
        compared_operations,
        spec.operation_count(),
        "every operation has its page"
    );
    assert_eq!(
        report.superseded.len(),
        manifest.pages.iter().filter(|p| !p.is_current()).count()
    );
}

/// A workspace with the pages of the repository and no spec but the service definitions;
/// the pages kept current are `keep_page` and, for a folder, those under it.
fn bare_workspace(keep_page: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("docs-draft-")
        .tempdir()
        .unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let root = workspace_root();
    copy(&root.join("pages"), &dir.path().join("pages"));
    let spec = dir.path().join("spec");
    // The service definitions, which no page gives.
    for file in ["buddy/service.json", "cloudflare/service.json"] {
        let target = spec.join(file);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::copy(root.join("spec").join(file), target).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::copy(root.join("spec/schema.json"), spec.join("schema.json"))
        .unwrap_or_else(|e| panic!("{e}"));
    // Only the page under test is compared, as the current one.
    let manifest_path = dir.path().join("pages/pages.json");
    let text = std::fs::read_to_string(&manifest_path).unwrap_or_else(|e| panic!("{e}"));
    let mut manifest: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    if let Some(pages) = manifest["pages"].as_array_mut() {
        let folder = format!("{}/", keep_page.trim_end_matches('/'));
        pages.retain(|page| {
            page["file"] == keep_page
                || page["file"]
                    .as_str()
                    .is_some_and(|f| f.starts_with(&folder))
        });
        for page in pages {
            if let Some(page) = page.as_object_mut() {
                page.remove("superseded_by");
            }
        }
    }
    std::fs::write(&manifest_path, manifest.to_string()).unwrap_or_else(|e| panic!("{e}"));
    dir
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

/// Drafts a whole page into a bare workspace: the draft generates without edits, and the
/// page agrees with it. Returns what the check still reports.
fn draft_round_trip(page: &str, operations: usize) -> codegen_pages::docs::Report {
    let workspace = bare_workspace(page);
    let root = workspace.path();
    let draft = match codegen_pages::docs::draft(root, &root.join("pages").join(page), None) {
        Ok(draft) => draft,
        Err(diagnostics) => panic!("no draft:\n{diagnostics}"),
    };
    assert_eq!(
        draft.files.iter().map(|f| f.operations).sum::<usize>(),
        operations
    );
    if let Err(e) = draft.write(root) {
        panic!("{e}");
    }
    if std::env::var_os("DEBUG_DRAFT").is_some() {
        let _ = draft.write_to(Path::new("/tmp/dbg"));
    }
    if let Err(e) =
        codegen_generator::generate(&root.join("spec"), &codegen_generator::Options::default())
    {
        panic!("the draft does not generate:\n{e}");
    }
    let report = match codegen_pages::docs::check(root) {
        Ok(report) => report,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    // What the draft cannot settle it notes, and the check still reports: a type the
    // page names without defining.
    let notes: String = draft.files.iter().flat_map(|f| f.notes.clone()).collect();
    for difference in &report.differences {
        let named = difference
            .message
            .strip_prefix("the page says the type ")
            .and_then(|rest| rest.split(',').next());
        assert!(
            named.is_some_and(|name| notes.contains(&format!("names the type {name} without"))),
            "the draft disagrees with its page and does not say so: {difference}\nnotes: {notes}"
        );
    }
    report
}

#[test]
fn a_draft_of_the_workers_builds_pages_generates_and_agrees_with_them() {
    // The current layout: a resource's folder, drafted with its sub-resources.
    let report = draft_round_trip("cloudflare/api/resources/workers_builds", 28);
    assert!(report.is_clean(), "{report}");
}

#[test]
fn a_draft_of_the_markdown_workers_builds_page_generates_and_agrees_with_it() {
    let report = draft_round_trip("cloudflare/workers-builds.md", 28);
    assert!(report.is_clean(), "{report}");
}

#[test]
fn a_draft_of_the_superseded_workers_builds_page_generates_and_agrees_with_it() {
    let report = draft_round_trip("cloudflare/superseded/workers-builds.txt", 22);
    assert!(report.is_clean(), "{report}");
}

#[test]
fn a_draft_of_each_buddy_page_generates_and_agrees_with_it() {
    for page in [
        "buddy/cloudfront-action.txt",
        "buddy/sandbox-application-start-action.txt",
        "buddy/sandbox-create-from-sandbox-action.txt",
        "buddy/clear-pipeline-cache.txt",
    ] {
        // The action pages name types they do not define (`TriggerConditionView`): the
        // draft says `unknown` for them and notes each, and only they differ.
        let report = draft_round_trip(page, 1);
        for difference in &report.differences {
            assert!(
                difference.message.starts_with("the page says the type "),
                "{difference}"
            );
        }
    }
}
