//! Inside each codegen crate the folder layout is the pipeline, and imports follow it: a
//! module uses only modules of lower layers (or itself), never a higher one. Between the
//! crates Cargo enforces the same: codegen-spec depends on no other codegen crate, and
//! codegen-generator and codegen-pages on codegen-spec alone. This scan keeps the layers
//! inside a crate apart. The layers, lowest first:
//!
//! codegen-spec:
//! 0. `diagnostics`: positions, JSON paths, messages and suggestions;
//! 1. `json`, `naming`: JSON nodes with positions, and how names become identifiers;
//! 2. `spec`: the spec as written;
//! 3. `load`: reading `spec/` into the spec;
//! 4. `test_support`: small specs loaded for tests of the stages above;
//! 5. `validate`: checking the spec across files.
//!
//! codegen-generator:
//! 0. `model`: resolving a valid spec into Rust names and types;
//! 1. `emit`, `openapi`, `surface`: what is made of the model or the spec;
//! 2. `format`, `write`, `manifest`: printing tokens, syncing files and the client's
//!    features into its manifest, which know nothing above.
//!
//! codegen-pages:
//! 0. `pages`: reading documentation pages;
//! 1. `docs`, `fetch`: comparing pages with the spec and drafting spec from pages; judging
//!    a page downloaded anew and recording it in the manifest.
//!
//! A crate root (`lib.rs`) wires the stages together and may use any of them.

use std::path::{Path, PathBuf};

/// A crate's folder, under the workspace root, and its modules' layers.
struct Crate {
    dir: &'static str,
    layers: &'static [(&'static str, u8)],
    /// `crate::` names that are neither a module nor a root item: `crate::replay` in the
    /// code the generator emits for the test suite.
    foreign: &'static [&'static str],
}

const SPEC: Crate = Crate {
    dir: "codegen/spec",
    layers: &[
        ("diagnostics", 0),
        ("json", 1),
        ("naming", 1),
        ("spec", 2),
        ("load", 3),
        ("test_support", 4),
        ("validate", 5),
    ],
    foreign: &[],
};

const GENERATOR: Crate = Crate {
    dir: "codegen/generator",
    layers: &[
        ("model", 0),
        ("emit", 1),
        ("openapi", 1),
        ("surface", 1),
        ("format", 2),
        ("write", 2),
        ("manifest", 2),
    ],
    foreign: &["replay"],
};

const PAGES: Crate = Crate {
    dir: "codegen/pages",
    layers: &[("pages", 0), ("docs", 1), ("fetch", 1)],
    foreign: &[],
};

fn layer(krate: &Crate, module: &str) -> Option<u8> {
    krate
        .layers
        .iter()
        .find(|(m, _)| *m == module)
        .map(|(_, l)| *l)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `crate::<module>` a file names, with its line: in `use` items and in paths.
fn crate_references(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let preceded_by_colons = rest[..at].ends_with("::");
            if !name.is_empty() && !preceded_by_colons {
                found.push((number + 1, name));
            }
            rest = after;
        }
        // Nested `use crate::{a, b}` lists are on one line in this code base (rustfmt
        // keeps short ones so); a braced list is read too.
        if let Some(list) = line
            .trim_start()
            .strip_prefix("use crate::{")
            .and_then(|l| l.split('}').next())
        {
            for name in list.split(',') {
                let name = name.trim().split("::").next().unwrap_or_default();
                if !name.is_empty() {
                    found.push((number + 1, name.to_owned()));
                }
            }
        }
    }
    found
}

/// Every import against the layers in `krate`'s `src/`, and how many references were read.
fn violations(krate: &Crate) -> (Vec<String>, usize) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate.dir)
        .join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut checked = 0;
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap_or(file);
        let module = relative
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .unwrap_or_default();
        if module == "lib" {
            continue;
        }
        let own = layer(krate, &module).unwrap_or_else(|| {
            panic!(
                "{}: module `{module}` has no layer in this test",
                relative.display()
            )
        });
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{e}"));
        for (line, used) in crate_references(&text) {
            checked += 1;
            // Names that are not modules of this crate: an item of the crate root, or
            // one the crate writes into generated code.
            let Some(used_layer) = layer(krate, &used) else {
                if !krate.foreign.contains(&used.as_str()) {
                    violations.push(format!(
                        "{}:{line}: `{module}` (layer {own}) uses `crate::{used}`, which is not a stage",
                        relative.display()
                    ));
                }
                continue;
            };
            if used != module && used_layer >= own {
                violations.push(format!(
                    "{}:{line}: `{module}` (layer {own}) uses `crate::{used}` (layer {used_layer})",
                    relative.display()
                ));
            }
        }
    }
    (violations, checked)
}

#[test]
fn no_module_imports_a_higher_layer() {
    for (krate, least) in [(SPEC, 50), (GENERATOR, 20), (PAGES, 40)] {
        let (violations, checked) = violations(&krate);
        assert!(
            checked > least,
            "{}: only {checked} references found: the scan is broken",
            krate.dir
        );
        assert!(
            violations.is_empty(),
            "{}: imports against the pipeline:\n{}",
            krate.dir,
            violations.join("\n")
        );
    }
}

#[test]
fn the_scan_finds_references() {
    let text = "use crate::spec::{A, B};\nuse crate::{json, naming::x};\nlet y = crate::model::build(z);\n";
    let names: Vec<String> = crate_references(text).into_iter().map(|(_, n)| n).collect();
    assert_eq!(names, ["spec", "json", "naming", "model"]);
}
