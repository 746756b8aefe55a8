//! The rules table of spec/README.md is the classifier's own.

#[test]
fn the_readme_lists_every_rule_as_the_classifier_applies_it() {
    let readme_path = tests::workspace_root().join("spec/README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", readme_path.display()));
    let start = "<!-- rules table: written from codegen/generator/src/surface/diff/rules.rs -->\n";
    let end = "<!-- end of rules table -->";
    let table = readme
        .split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map(|(table, _)| table)
        .unwrap_or_else(|| panic!("spec/README.md has no rules table between its markers"));
    assert_eq!(
        table,
        codegen_generator::surface::diff::rules_table(),
        "spec/README.md's rules table is not the classifier's: replace it with `codegen_generator::surface::diff::rules_table()`"
    );
}
