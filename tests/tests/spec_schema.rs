//! `spec/schema.json` accepts every spec file, every file points editors at it, and the
//! real spec loads and validates with the generator's own loader.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sorted_paths(dir: &Path) -> Vec<PathBuf> {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
                .path()
        })
        .collect();
    paths.sort();
    paths
}

/// Every `spec/<service>/*.json`, in name order.
fn spec_files() -> Vec<PathBuf> {
    let files: Vec<PathBuf> = sorted_paths(&spec_dir())
        .into_iter()
        .filter(|p| p.is_dir())
        .flat_map(|service| sorted_paths(&service))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(
        !files.is_empty(),
        "no spec files under {}",
        spec_dir().display()
    );
    files
}

/// A spec file's path as messages show it: `spec/<service>/<file>.json`.
fn shown(path: &Path) -> String {
    let service = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    format!("spec/{service}/{file}")
}

/// `spec/schema.json`, compiled as draft 2020-12.
struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn load() -> Self {
        const URL: &str = "file:///spec/schema.json";
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V2020_12);
        let schema = read_json(&spec_dir().join("schema.json"));
        if let Err(e) = compiler.add_resource(URL, schema) {
            panic!("cannot add spec/schema.json: {e:#}");
        }
        match compiler.compile(URL, &mut schemas) {
            Ok(index) => Self { schemas, index },
            Err(e) => panic!("spec/schema.json is not a valid draft 2020-12 schema: {e:#}"),
        }
    }

    /// Every violation in `instance`, as `instance path: message`.
    fn errors(&self, instance: &Value) -> Vec<String> {
        fn leaves(error: &boon::ValidationError<'_, '_>, out: &mut Vec<String>) {
            if error.causes.is_empty() {
                let path = error.instance_location.to_string();
                let path = if path.is_empty() { "(root)" } else { &path };
                out.push(format!("{path}: {}", error.kind));
            }
            for cause in &error.causes {
                leaves(cause, out);
            }
        }
        let mut errors = Vec::new();
        if let Err(error) = self.schemas.validate(instance, self.index) {
            leaves(&error, &mut errors);
        }
        errors
    }
}

#[test]
fn every_spec_file_matches_the_schema() {
    let schema = Schema::load();
    let mut failures = Vec::new();
    for path in spec_files() {
        for error in schema.errors(&read_json(&path)) {
            failures.push(format!("{}: {error}", shown(&path)));
        }
    }
    assert!(
        failures.is_empty(),
        "spec files that spec/schema.json rejects:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_spec_file_names_the_schema() {
    let wrong: Vec<String> = spec_files()
        .into_iter()
        .filter_map(|path| {
            let found = read_json(&path).get("$schema").cloned();
            (found != Some(json!("../schema.json")))
                .then(|| format!("{}: \"$schema\" is {found:?}", shown(&path)))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "files whose \"$schema\" is not \"../schema.json\":\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_spec_loads_and_validates() {
    let spec = match codegen_spec::load_and_validate(&spec_dir()) {
        Ok(spec) => spec,
        Err(diagnostics) => panic!("the spec has mistakes:\n{diagnostics}"),
    };
    // That the spec has every operation of its pages, and no other, is `docs_check.rs`'s
    // to say; here each service has some.
    for service in &spec.services {
        assert!(
            service.operation_count() > 0,
            "{} has no operations",
            service.name
        );
    }
}

/// The schema's primitive type names are the loader's (`Primitive::ALL`), in its order.
#[test]
fn the_schema_names_the_loaders_primitives() {
    let schema = read_json(&spec_dir().join("schema.json"));
    let listed = &schema["$defs"]["type_expr"]["oneOf"][0]["anyOf"][0]["enum"];
    let primitives: Vec<&str> = codegen_spec::spec::Primitive::ALL
        .iter()
        .map(|p| p.as_str())
        .collect();
    assert_eq!(listed, &json!(primitives));
}

/// The schema rejects what it should, so the test above can fail.
#[test]
fn the_schema_rejects_mistakes() {
    let schema = Schema::load();
    let valid = json!({
        "$schema": "../schema.json",
        "service": "svc",
        "source": { "page": "Items" },
        "resource": "items",
        "operations": [{
            "id": "get",
            "summary": "Get an item",
            "method": "GET",
            "path": "/items",
            "response": { "status": 200, "type": "string" }
        }]
    });
    assert_eq!(schema.errors(&valid), Vec::<String>::new());

    let mut without_path = valid.clone();
    if let Some(operation) = without_path
        .pointer_mut("/operations/0")
        .and_then(Value::as_object_mut)
    {
        operation.remove("path");
    }
    let errors = schema.errors(&without_path);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/operations/0: ") && e.contains("path")),
        "an operation without \"path\": {errors:?}"
    );

    // `dependentRequired`: operations need a resource.
    let mut without_resource = valid.clone();
    if let Some(file) = without_resource.as_object_mut() {
        file.remove("resource");
    }
    let errors = schema.errors(&without_resource);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("(root): ") && e.contains("resource")),
        "operations without a resource: {errors:?}"
    );

    let mut unknown_key = valid;
    if let Some(operation) = unknown_key
        .pointer_mut("/operations/0")
        .and_then(Value::as_object_mut)
    {
        operation.insert("sumary".to_owned(), json!("typo"));
    }
    let errors = schema.errors(&unknown_key);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/operations/0") && e.contains("sumary")),
        "an unknown key: {errors:?}"
    );
}
