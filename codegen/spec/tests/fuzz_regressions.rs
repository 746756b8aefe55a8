//! What fuzzing found, kept fixed: every input under `fuzz/regressions/<target>/` goes
//! through the entry point its fuzz target calls (FUZZING.md), and must give a result or
//! messages, never a crash. Also checks that the in-memory loader the `spec_loader`
//! target uses reads a spec as the folder loader does.

use std::path::{Path, PathBuf};

use codegen_spec::SpecText;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The regression inputs of a fuzz target, in name order.
fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = workspace().join("fuzz/regressions").join(target);
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), data)
        })
        .collect();
    inputs.sort();
    inputs
}

/// Runs `work` on a thread with a 2 MiB stack, as the fuzz targets and rayon's workers do.
fn on_small_stack<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn_scoped(scope, work)
            .unwrap_or_else(|e| panic!("cannot start a thread: {e}"))
            .join()
            .unwrap_or_else(|_| panic!("the worker panicked"))
    })
}

/// A `spec_loader` input, split as the target splits it: `<service>\0<file>\0<file>...`;
/// the messages, or `None` for a spec that loads.
fn load_spec_input(data: &[u8]) -> Option<String> {
    let mut parts = data.split(|&b| b == 0);
    let service = std::str::from_utf8(parts.next()?).ok()?;
    let texts: Vec<(String, &str)> = parts
        .enumerate()
        .filter_map(|(i, part)| {
            let text = std::str::from_utf8(part).ok()?;
            Some((format!("spec/{service}/file{i}.json"), text))
        })
        .collect();
    let files: Vec<SpecText<'_>> = texts
        .iter()
        .map(|(path, text)| SpecText {
            service,
            path,
            text,
        })
        .collect();
    on_small_stack(|| codegen_spec::load_and_validate_texts(&files))
        .err()
        .map(|d| d.to_string())
}

#[test]
fn spec_loader_regressions_are_messages() {
    let inputs = regressions("spec_loader");
    assert!(!inputs.is_empty(), "no regression inputs");
    for (name, data) in inputs {
        let messages = load_spec_input(&data);
        // Each was a crash; now it is a mistake the loader reports.
        assert!(messages.is_some(), "{name}: loaded without a message");
    }
}

/// The stack overflow fuzzing found: a spec file nesting arrays far deeper than any spec.
#[test]
fn deeply_nested_spec_file_names_file_line_column_and_the_limit() {
    let data = std::fs::read(workspace().join("fuzz/regressions/spec_loader/deep-nesting"))
        .unwrap_or_else(|e| panic!("{e}"));
    let messages = load_spec_input(&data).unwrap_or_default();
    assert_eq!(
        messages,
        "spec/svc/file0.json:1:65 at [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: \
         expected at most 64 arrays and objects nested inside one another, found '[' opening one more"
    );
}

/// The same input in a spec folder, where rayon's workers parse it.
#[test]
fn deeply_nested_spec_folder_is_a_message() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let service = dir.path().join("svc");
    std::fs::create_dir_all(&service).unwrap_or_else(|e| panic!("{e}"));
    let text = format!("{{\n  \"types\": {}", "[".repeat(100_000));
    std::fs::write(service.join("items.json"), text).unwrap_or_else(|e| panic!("{e}"));
    let messages = match codegen_spec::load_and_validate(dir.path()) {
        Ok(_) => panic!("loaded"),
        Err(d) => d.to_string(),
    };
    assert!(
        messages.contains("svc/items.json:2:75 at types[0][0]")
            && messages.ends_with("expected at most 64 arrays and objects nested inside one another, found '[' opening one more"),
        "{messages}"
    );
}

#[test]
fn spec_texts_load_as_the_folder_does() {
    let spec_dir = workspace().join("spec");
    let from_folder =
        codegen_spec::load_and_validate(&spec_dir).unwrap_or_else(|d| panic!("spec/: {d}"));
    let mut files = Vec::new();
    for service in &from_folder.services {
        for file in &service.files {
            let text = std::fs::read_to_string(&file.path).unwrap_or_else(|e| panic!("{e}"));
            files.push((service.name.clone(), file.path.clone(), text));
        }
    }
    let texts: Vec<SpecText<'_>> = files
        .iter()
        .map(|(service, path, text)| SpecText {
            service,
            path,
            text,
        })
        .collect();
    let from_texts =
        codegen_spec::load_and_validate_texts(&texts).unwrap_or_else(|d| panic!("texts: {d}"));
    assert_eq!(format!("{from_texts:?}"), format!("{from_folder:?}"));
}
