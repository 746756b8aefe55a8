//! `--compare progenitor`: progenitor's generator on our OpenAPI export of each service,
//! against ours on the same spec: generation time, lines of Rust, and debug compile time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use codegen_generator::write::{self, Mode};
use serde_json::Value;

use super::{Figures, Result, cargo, count_rust_lines, median, remove_dir, time_command};

const RUNS: usize = 3;

/// Runs progenitor on each real service's OpenAPI export, and on the first service of a
/// synthetic spec of each of `synthetic` operations (the chart's points).
pub fn run(root: &Path, synthetic: &[usize], figures: &mut Figures) -> Result<()> {
    ensure_installed()?;
    let base = root.join("target/bench/progenitor");
    let target_dir = root.join("target/bench/progenitor-target");
    let spec = codegen_spec::load_and_validate(&root.join("spec"))
        .map_err(|diagnostics| format!("the spec has mistakes:\n{diagnostics}"))?;
    let documents = codegen_generator::openapi::export(&spec);
    drop(spec);
    figures.notes.push(
        "progenitor runs as `cargo progenitor -i <service>.json -o <dir> -n <service>-progenitor \
         -v 0.1.0` (its defaults: positional interface, merged tags) on our OpenAPI export of \
         the service, a process per run; ours is `codegen_generator::generate` on the service's spec \
         alone plus writing the client and its test-suite file, in process. Their compile \
         time is a debug build of their crate (dependencies built first, `src/lib.rs` touched, \
         no incremental compilation), as ours."
            .to_owned(),
    );
    for (service, document) in &documents {
        let mut document = document.clone();
        let withheld = withhold_refused(&mut document);
        figures.add(
            format!("progenitor.{service}.operations"),
            count_operations(&document) as f64,
            "operations",
        );
        if !withheld.is_empty() {
            figures.notes.push(withheld_note(service, &withheld));
        }
        let document_path = base.join(format!("openapi/{service}.json"));
        super::write_if_changed(
            &document_path,
            codegen_generator::openapi::to_pretty_json(&document).as_bytes(),
        )?;
        ours(root, &base, service, figures)?;
        if !withheld.is_empty() {
            same_operations(root, &base, service, &withheld, figures)?;
        }
        let ours = (
            figures.get(&format!("compile.real.{service}.s")),
            figures.get(&format!("compile.real.{service}.cpu_s")),
        );
        theirs(&document_path, &base, &target_dir, service, ours, figures)?;
        let same = figures.get(&format!("ours.{service}.same_operations.compile.s"));
        let their_compile = figures.get(&format!("progenitor.{service}.compile.s"));
        if let (Some(same), Some(theirs)) = (same, their_compile) {
            figures.add(
                format!("compile.{service}.same_operations_vs_progenitor"),
                same / theirs,
                "x",
            );
        }
    }
    if let Some(ours) = figures.get("compile.real.all.s") {
        figures.add("ours.compile.s", ours, "s");
    }
    for &n in synthetic {
        let name = format!("synth{n}");
        let spec_dir = base.join(format!("{name}-spec"));
        remove_dir(&spec_dir)?;
        crate::synth::write_spec(&spec_dir, n)
            .map_err(|e| format!("{}: {e}", spec_dir.display()))?;
        let spec = codegen_spec::load_and_validate(&spec_dir)
            .map_err(|diagnostics| format!("the synthetic spec has mistakes:\n{diagnostics}"))?;
        let documents = codegen_generator::openapi::export(&spec);
        let (_, document) = documents
            .first()
            .ok_or_else(|| format!("{name}: no service exported"))?;
        let document_path = base.join(format!("openapi/{name}.json"));
        super::write_if_changed(
            &document_path,
            codegen_generator::openapi::to_pretty_json(document).as_bytes(),
        )?;
        let ours = (
            figures.get(&format!("compile.{name}.alpha.s")),
            figures.get(&format!("compile.{name}.alpha.cpu_s")),
        );
        theirs(&document_path, &base, &target_dir, &name, ours, figures)?;
    }
    Ok(())
}

/// The media types of request bodies that progenitor 0.15 takes (progenitor-impl's
/// `BodyContentType`); at any other it stops, and generates nothing for the document.
const PROGENITOR_BODY_TYPES: [&str; 5] = [
    "application/json",
    "application/octet-stream",
    "application/x-www-form-urlencoded",
    "text/plain",
    "text/x-markdown",
];

/// An operation left out of progenitor's document, and why.
#[derive(Debug, Clone, PartialEq)]
struct Withheld {
    /// The spec's operations it stands for (see [`count_operations`]).
    spec_operations: usize,
    operation_id: String,
    method: String,
    path: String,
    media_type: String,
}

/// Removes from `document` the operations whose request body progenitor refuses (a
/// media type not in [`PROGENITOR_BODY_TYPES`]), and the paths left without operations;
/// the schemas stay. Returns what was removed, in the document's order.
fn withhold_refused(document: &mut Value) -> Vec<Withheld> {
    let mut withheld = Vec::new();
    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return withheld;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        item.retain(|method, operation| {
            let refused = operation["requestBody"]["content"]
                .as_object()
                .and_then(|content| {
                    content
                        .keys()
                        .find(|media| !PROGENITOR_BODY_TYPES.contains(&media.as_str()))
                });
            let Some(media_type) = refused else {
                return true;
            };
            withheld.push(Withheld {
                spec_operations: spec_operations(operation),
                operation_id: operation["operationId"].as_str().unwrap_or("?").to_owned(),
                method: method.to_uppercase(),
                path: path.clone(),
                media_type: media_type.clone(),
            });
            false
        });
    }
    paths.retain(|_, item| {
        item.as_object()
            .is_some_and(|item| item.keys().any(|k| is_method(k)))
    });
    withheld
}

fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The spec's operations in an OpenAPI document: the export merges the operations that
/// share a path and method into one, listed in its `x-operations`.
fn count_operations(document: &Value) -> usize {
    document["paths"].as_object().map_or(0, |paths| {
        paths
            .values()
            .filter_map(Value::as_object)
            .flat_map(|item| item.iter().filter(|(k, _)| is_method(k)))
            .map(|(_, operation)| spec_operations(operation))
            .sum()
    })
}

/// How many of the spec's operations an OpenAPI operation stands for.
fn spec_operations(operation: &Value) -> usize {
    operation["x-operations"].as_array().map_or(1, Vec::len)
}

/// The report's paragraph on what progenitor was not given.
fn withheld_note(service: &str, withheld: &[Withheld]) -> String {
    let mut media: Vec<&str> = withheld.iter().map(|w| w.media_type.as_str()).collect();
    media.dedup();
    let list: Vec<String> = withheld
        .iter()
        .map(|w| {
            format!(
                "`{}` ({} `{}`, {})",
                w.operation_id, w.method, w.path, w.media_type
            )
        })
        .collect();
    format!(
        "progenitor 0.15 takes request bodies of {} only, and at any other media type ({}) it \
         stops with `UnexpectedFormat(\"unexpected content type: ...\")` and generates nothing \
         for the document. It is given `{service}`'s export without the {} operations whose \
         body is {}: {}. Their schemas stay in the document, so its crate still has their \
         types. `compile.real.{service}.s` is ours with every operation; like with like, \
         `ours.{service}.same_operations.compile.s` is ours generated from the spec without \
         those operations (and without their bodies' types, which our spec allows only as \
         bodies; the types these name stay), and `compile.{service}.same_operations_vs_progenitor` \
         its ratio to progenitor's crate. (The export merges the spec's operations that \
         share a path and a method into one OpenAPI operation; the operations counted here \
         and in `progenitor.{service}.operations` are the spec's.) The export is right to say `multipart/form-data`: \
         it is what these endpoints take (files with JSON metadata).",
        PROGENITOR_BODY_TYPES
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", "),
        media
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", "),
        withheld.iter().map(|w| w.spec_operations).sum::<usize>(),
        media
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" or "),
        list.join("; ")
    )
}

/// `ours.<service>.same_operations.*`: our client of the service without the operations
/// progenitor was not given (its spec copied without them), built as ours is: the
/// comparison of like with like.
fn same_operations(
    root: &Path,
    base: &Path,
    service: &str,
    withheld: &[Withheld],
    figures: &mut Figures,
) -> Result<()> {
    let spec = base.join("same-operations-spec");
    remove_dir(&spec)?;
    let left_out = copy_spec_without(
        &root.join("spec").join(service),
        &spec.join(service),
        withheld,
    )?;
    let expected: usize = withheld.iter().map(|w| w.spec_operations).sum();
    if left_out != expected {
        return Err(format!(
            "{service}: {left_out} operations of the spec match those left out of \
             progenitor's document, not {expected}"
        ));
    }
    eprintln!("bench: building ours without the {left_out} operations progenitor refuses");
    let built = super::compile::build_each_service(root, "same-operations", &spec, RUNS)?;
    for (what, unit) in [("s", "s"), ("cpu_s", "s")] {
        if let Some(value) = built.get(&format!("compile.same-operations.{service}.{what}")) {
            figures.add(
                format!("ours.{service}.same_operations.compile.{what}"),
                value,
                unit,
            );
        }
    }
    Ok(())
}

/// Copies a service's spec folder without the operations of `withheld` (by method and
/// path), and without the types that were only those operations' request bodies: a
/// multipart body's type is valid only as a body. How many operations were left out.
fn copy_spec_without(from: &Path, to: &Path, withheld: &[Withheld]) -> Result<usize> {
    let mut files: Vec<(std::ffi::OsString, Value)> = Vec::new();
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let Some(name) = path.file_name().filter(|_| path.is_file()) else {
            continue;
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push((name.to_owned(), file));
    }
    let is_withheld = |operation: &Value| {
        let method = operation["method"].as_str().unwrap_or_default();
        let path = operation["path"].as_str().unwrap_or_default();
        withheld
            .iter()
            .any(|w| w.method.eq_ignore_ascii_case(method) && w.path == path)
    };
    let body_type = |operation: &Value| operation["body"]["type"].as_str().map(str::to_owned);
    let operations =
        |file: &Value| -> Vec<Value> { file["operations"].as_array().cloned().unwrap_or_default() };
    let (mut dropped_bodies, mut kept_bodies) = (Vec::new(), Vec::new());
    for (_, file) in &files {
        for operation in operations(file) {
            let bodies = if is_withheld(&operation) {
                &mut dropped_bodies
            } else {
                &mut kept_bodies
            };
            bodies.extend(body_type(&operation));
        }
    }
    dropped_bodies.retain(|name| !kept_bodies.contains(name));
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let mut left_out = 0;
    for (name, mut file) in files {
        if let Some(operations) = file.get_mut("operations").and_then(Value::as_array_mut) {
            let before = operations.len();
            operations.retain(|operation| !is_withheld(operation));
            left_out += before - operations.len();
        }
        if let Some(types) = file.get_mut("types").and_then(Value::as_object_mut) {
            types.retain(|name, _| !dropped_bodies.contains(name));
        }
        let text =
            serde_json::to_string_pretty(&file).map_err(|e| format!("{}: {e}", to.display()))?;
        std::fs::write(to.join(&name), text).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    Ok(left_out)
}

/// `ours.<service>.*`: our generator on the service's spec alone, written to a fresh
/// folder; the lines of the committed client of the service.
fn ours(root: &Path, base: &Path, service: &str, figures: &mut Figures) -> Result<()> {
    let our_spec = base.join(format!("spec-{service}"));
    remove_dir(&our_spec)?;
    copy_dir(&root.join("spec").join(service), &our_spec.join(service))?;
    let mut ours = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let out = base.join(format!("ours-{service}"));
        remove_dir(&out)?;
        let started = Instant::now();
        let generation =
            codegen_generator::generate(&our_spec, &codegen_generator::Options::default())
                .map_err(|e| format!("generating {service}: {e}"))?;
        for (dir, files) in [
            (out.join("client"), &generation.files),
            (out.join("tests"), &generation.test_files),
        ] {
            write::sync(&dir, files, Mode::Write).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        ours.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    figures.add(format!("ours.{service}.generate.ms"), median(ours), "ms");
    let our_lines = count_rust_lines(&root.join(codegen_generator::OUTPUT_DIR).join(service))?;
    figures.add(format!("ours.{service}.lines"), our_lines as f64, "lines");
    Ok(())
}

/// `progenitor.<name>.*`: progenitor on the document, its lines and compile time, and
/// `compile.<name>.vs_progenitor` against `ours_compile`. A refusal is noted in the
/// report, not an error of the run.
fn theirs(
    document_path: &Path,
    base: &Path,
    target_dir: &Path,
    name: &str,
    (ours_compile, ours_compile_cpu): (Option<f64>, Option<f64>),
    figures: &mut Figures,
) -> Result<()> {
    eprintln!("bench: cargo progenitor on {}", document_path.display());
    let crate_dir = base.join(name);
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        remove_dir(&crate_dir)?;
        let started = Instant::now();
        let output = Command::new(cargo())
            .arg("progenitor")
            .arg("-i")
            .arg(document_path)
            .arg("-o")
            .arg(&crate_dir)
            .args(["-n", &format!("{name}-progenitor"), "-v", "0.1.0"])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run cargo progenitor: {e}"))?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        if !output.status.success() {
            let error = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            note_failure(figures, name, "generating the client", &error);
            return Ok(());
        }
        times.push(elapsed);
    }
    figures.add(
        format!("progenitor.{name}.generate.ms"),
        median(times),
        "ms",
    );
    figures.add(
        format!("progenitor.{name}.lines"),
        count_rust_lines(&crate_dir.join("src"))? as f64,
        "lines",
    );
    match compile(&crate_dir, target_dir) {
        Ok((seconds, cpu)) => {
            figures.add(format!("progenitor.{name}.compile.s"), seconds, "s");
            if let Some(cpu) = cpu {
                figures.add(format!("progenitor.{name}.compile.cpu_s"), cpu, "s");
            }
            if let Some(ours) = ours_compile {
                figures.add(format!("compile.{name}.vs_progenitor"), ours / seconds, "x");
            }
            if let (Some(ours), Some(cpu)) = (ours_compile_cpu, cpu) {
                figures.add(format!("compile.{name}.vs_progenitor_cpu"), ours / cpu, "x");
            }
        }
        Err(error) => note_failure(figures, name, "compiling its crate", &error),
    }
    Ok(())
}

/// Builds progenitor's crate once (fetching its dependencies; not timed), then times
/// `RUNS` debug builds of the crate alone.
fn compile(crate_dir: &Path, target_dir: &Path) -> Result<(f64, Option<f64>)> {
    // The crate sits inside our workspace's folder; make it a workspace of its own.
    let manifest = crate_dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).map_err(|e| format!("{e}"))?;
    if !text.contains("[workspace]") {
        std::fs::write(&manifest, text + "\n[workspace]\n").map_err(|e| format!("{e}"))?;
    }
    let build = |offline: bool| {
        let mut command = Command::new(cargo());
        command
            .args(["build", "--quiet"])
            .current_dir(crate_dir)
            .env("CARGO_TARGET_DIR", target_dir)
            // From scratch, as ours (see compile.rs).
            .env("CARGO_INCREMENTAL", "0");
        if offline {
            command.arg("--offline");
        }
        command
    };
    eprintln!("bench: building {} (not timed)", crate_dir.display());
    let output = build(false)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    super::compile::timed_builds(&crate_dir.join("src/lib.rs"), RUNS, || build(true))
}

fn note_failure(figures: &mut Figures, service: &str, what: &str, error: &str) {
    let error = error.trim();
    let excerpt: String = error.lines().take(40).collect::<Vec<_>>().join("\n");
    eprintln!("bench: progenitor failed {what} for {service}:\n{excerpt}");
    figures.notes.push(format!(
        "progenitor failed {what} for `{service}`:\n\n```text\n{excerpt}\n```"
    ));
}

/// Installs cargo-progenitor unless `cargo progenitor --help` works.
fn ensure_installed() -> Result<()> {
    let works = || {
        Command::new(cargo())
            .args(["progenitor", "--help"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if works() {
        return Ok(());
    }
    eprintln!("bench: installing cargo-progenitor (cargo install --locked cargo-progenitor)");
    time_command(Command::new(cargo()).args(["install", "--locked", "cargo-progenitor"]))?;
    if works() {
        Ok(())
    } else {
        Err("`cargo progenitor --help` fails even after installing it".to_owned())
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        if let Some(name) = path.file_name().filter(|_| path.is_file()) {
            std::fs::copy(&path, to.join(name)).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_spec_copy_leaves_out_the_withheld_operations_and_their_bodies() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (from, to) = (dir.path().join("from"), dir.path().join("to"));
        std::fs::create_dir_all(&from).map_err(|e| e.to_string())?;
        let file = json!({
            "resource": "scripts",
            "operations": [
                {"id": "get", "method": "GET", "path": "/scripts/{name}"},
                {"id": "update", "method": "PUT", "path": "/scripts/{name}",
                 "body": {"type": "UploadRequest", "content_type": "multipart/form-data"}}
            ],
            "types": {"UploadRequest": {"kind": "object"}, "Metadata": {"kind": "object"}}
        });
        std::fs::write(from.join("scripts.json"), file.to_string()).map_err(|e| e.to_string())?;
        let withheld = [Withheld {
            spec_operations: 1,
            operation_id: "scripts_update".to_owned(),
            method: "PUT".to_owned(),
            path: "/scripts/{name}".to_owned(),
            media_type: "multipart/form-data".to_owned(),
        }];
        assert_eq!(copy_spec_without(&from, &to, &withheld)?, 1);
        let text = std::fs::read_to_string(to.join("scripts.json")).map_err(|e| e.to_string())?;
        let copied: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let ids: Vec<&str> = copied["operations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["id"].as_str())
            .collect();
        assert_eq!(ids, ["get"]);
        assert!(copied["types"].get("UploadRequest").is_none(), "{copied}");
        assert!(copied["types"].get("Metadata").is_some(), "{copied}");
        Ok(())
    }

    #[test]
    fn operations_progenitor_refuses_are_withheld_and_listed() {
        let mut document = json!({"paths": {
            "/scripts/{name}": {
                "parameters": [],
                "get": {"operationId": "scripts_get", "responses": {}},
                "put": {"operationId": "scripts_update", "requestBody": {"content": {
                    "multipart/form-data": {"schema": {"type": "object"}}
                }}, "responses": {}}
            },
            "/upload": {
                "post": {"operationId": "upload", "requestBody": {"content": {
                    "multipart/form-data": {"schema": {"type": "object"}}
                }}, "responses": {}}
            },
            "/values": {
                "put": {"operationId": "values_put", "requestBody": {"content": {
                    "application/json": {"schema": {"type": "object"}}
                }}, "responses": {}, "x-operations": [{}, {}]}
            }
        }});
        assert_eq!(count_operations(&document), 5);
        let withheld = withhold_refused(&mut document);
        let ids: Vec<&str> = withheld.iter().map(|w| w.operation_id.as_str()).collect();
        assert_eq!(ids, ["scripts_update", "upload"]);
        assert_eq!(withheld[0].method, "PUT");
        assert_eq!(withheld[0].media_type, "multipart/form-data");
        // What is left: the other operation of the path, and the JSON body.
        assert_eq!(count_operations(&document), 3);
        assert!(document["paths"].get("/upload").is_none());
        assert!(document["paths"]["/scripts/{name}"].get("get").is_some());
        let note = withheld_note("cloudflare", &withheld);
        assert!(note.contains("without the 2 operations"), "{note}");
        assert!(note.contains("`scripts_update` (PUT `/scripts/{name}`, multipart/form-data)"));
    }
}
