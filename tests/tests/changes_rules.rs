//! The rules table of spec/README.md is the classifier's own, and the records it
//! classifies read into typed items and print back byte for byte.

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

/// Every line of the committed records is an item the classifier reads field by field:
/// read and printed again, each record is what was committed.
#[test]
fn the_committed_records_read_back_as_written() {
    use codegen_generator::surface::{API_FILE, RELEASED_API_FILE, Surface};
    for file in [API_FILE, RELEASED_API_FILE] {
        let path = tests::workspace_root().join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let surface = Surface::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let items: String = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| format!("{line}\n"))
            .collect();
        let printed: String = surface
            .items
            .iter()
            .map(|(key, item)| format!("{key}: {item}\n"))
            .collect();
        assert!(items == printed, "{file} does not print back as written");
    }
}
