//! The committed client is exactly what the spec generates, and generating is
//! deterministic: `cargo test` catches a forgotten `cargo xtask codegen`.

use codegen_generator::write::{self, Mode};

#[test]
fn committed_code_is_what_the_spec_generates() {
    let root = tests::workspace_root();
    let generation = match codegen_generator::generate(
        &root.join("spec"),
        &codegen_generator::Options::default(),
    ) {
        Ok(generation) => generation,
        Err(e) => panic!("the spec does not generate:\n{e}"),
    };
    let mut stale = Vec::new();
    for (dir, files) in [
        (codegen_generator::OUTPUT_DIR, &generation.files),
        (codegen_generator::TEST_OUTPUT_DIR, &generation.test_files),
    ] {
        match write::sync(&root.join(dir), files, Mode::Check) {
            Ok(outcome) => stale.extend(outcome.stale().map(|p| p.display().to_string())),
            Err(e) => panic!("cannot compare with the committed code in {dir}: {e}"),
        }
    }
    let api = root.join(codegen_generator::surface::API_FILE);
    match write::sync_file(&api, &generation.surface.to_text(), Mode::Check) {
        Ok(outcome) => stale.extend(outcome.stale().map(|p| p.display().to_string())),
        Err(e) => panic!("cannot compare with {}: {e}", api.display()),
    }
    // The changelog's Unreleased facts: the changes since the released API.
    let released_path = root.join(codegen_generator::surface::RELEASED_API_FILE);
    if let Ok(released) = std::fs::read_to_string(&released_path) {
        let released = codegen_generator::surface::Surface::parse(&released)
            .unwrap_or_else(|e| panic!("{}: {e}", released_path.display()));
        let since_release = codegen_generator::surface::diff(&released, &generation.surface);
        let changelog_path = root.join("CHANGELOG.md");
        let changelog = std::fs::read_to_string(&changelog_path)
            .unwrap_or_else(|e| panic!("{}: {e}", changelog_path.display()));
        let expected =
            codegen_generator::surface::changelog::with_unreleased(&changelog, &since_release)
                .unwrap_or_else(|e| panic!("{}: {e}", changelog_path.display()));
        if expected != changelog {
            stale.push(changelog_path.display().to_string());
        }
    }
    // The features section of generated-client's manifest.
    let manifest_path = root.join("generated-client/Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .unwrap_or_else(|e| panic!("{}: {e}", manifest_path.display()));
    let expected = codegen_generator::manifest::with_features(&manifest, &generation.features)
        .unwrap_or_else(|e| panic!("{}: {e}", manifest_path.display()));
    if expected != manifest {
        stale.push(manifest_path.display().to_string());
    }
    assert!(
        stale.is_empty(),
        "the committed generated code is stale; run `cargo xtask codegen`. Stale files:\n{}",
        stale.join("\n")
    );
}

#[test]
fn generating_twice_gives_the_same_bytes() {
    let spec = tests::workspace_root().join("spec");
    let generate = || {
        codegen_generator::generate(&spec, &codegen_generator::Options::default())
            .map(|g| (g.files, g.test_files, g.surface.to_text()))
    };
    let (first, second) = (generate(), generate());
    match (first, second) {
        (Ok(first), Ok(second)) => assert!(first == second, "two runs generated different code"),
        (Err(e), _) | (_, Err(e)) => panic!("the spec does not generate:\n{e}"),
    }
}

#[test]
fn every_generated_file_says_it_is_generated() {
    let spec = tests::workspace_root().join("spec");
    let files = match codegen_generator::generate(&spec, &codegen_generator::Options::default()) {
        Ok(generation) => [generation.files, generation.test_files].concat(),
        Err(e) => panic!("the spec does not generate:\n{e}"),
    };
    assert!(files.len() > 2);
    for file in files {
        let first_line = file.contents.lines().next().unwrap_or_default();
        assert_eq!(
            first_line,
            codegen_generator::format::HEADER,
            "{}",
            file.path.display()
        );
    }
}
