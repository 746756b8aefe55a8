//! The committed code of `compat-old` and `compat-new` is exactly what the fixtures
//! generate: `cargo test` catches a forgotten `cargo xtask codegen`.

use codegen_generator::write::{self, Mode};

#[test]
fn committed_compat_crates_are_what_the_fixtures_generate() {
    let root = check_new::workspace_root();
    let mut stale = Vec::new();
    for side in ["old", "new"] {
        let spec = check_new::fixtures_dir().join(side);
        let generation = codegen_generator::generate(&spec, &check_new::options())
            .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", spec.display()));
        let dir = root.join(format!("tests/compat/{side}/src/generated"));
        match write::sync(&dir, &generation.files, Mode::Check) {
            Ok(outcome) => stale.extend(outcome.stale().map(|p| p.display().to_string())),
            Err(e) => panic!("cannot compare with {}: {e}", dir.display()),
        }
    }
    assert!(
        stale.is_empty(),
        "the compat crates' generated code is stale; run `cargo xtask codegen`. Stale files:\n{}",
        stale.join("\n")
    );
}
