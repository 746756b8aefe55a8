//! Reading `spec/`: every file is parsed and decoded, and every mistake in any file is
//! reported, not only the first.

mod decode;
pub mod reader;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath, Pos, Sink};
use crate::spec::{ServiceSpec, Spec, SpecFile};

/// Loads every `<service>/*.json` under `spec_dir`. Paths in diagnostics start with
/// `spec_dir` as given.
pub fn load(spec_dir: &Path) -> Result<Spec, Diagnostics> {
    let mut sink = Sink::default();
    let jobs: Vec<(String, std::path::PathBuf)> = list_files(spec_dir, &mut sink)
        .into_iter()
        .flat_map(|(service, files)| files.into_iter().map(move |path| (service.clone(), path)))
        .collect();
    // Files are independent: parse and decode them on every core.
    let loaded: Vec<_> = jobs
        .par_iter()
        .map(|(service, path)| {
            let mut file_sink = Sink::default();
            let file = load_file(path, service, &mut file_sink);
            (service.clone(), file, file_sink)
        })
        .collect();
    assemble(loaded, sink)
}

/// One spec file held in memory, as `load_and_validate_texts` takes it.
#[derive(Debug, Clone, Copy)]
pub struct SpecText<'a> {
    /// The service folder the file would be in (`spec/<service>/`).
    pub service: &'a str,
    /// The path messages print, e.g. `spec/buddy/actions.json`.
    pub path: &'a str,
    pub text: &'a str,
}

/// Parses and decodes files held in memory, as [`load`] does a folder's: tools that hold
/// the text (the fuzz targets) get the same checks without writing files.
pub fn load_texts(files: &[SpecText<'_>]) -> Result<Spec, Diagnostics> {
    let loaded = files
        .iter()
        .map(|f| {
            let mut file_sink = Sink::default();
            let file = decode_text(f.path.into(), f.text, f.service, &mut file_sink);
            (f.service.to_owned(), file, file_sink)
        })
        .collect();
    assemble(loaded, Sink::default())
}

/// Groups decoded files by service, in the order given, and gathers every message.
fn assemble(
    loaded: Vec<(String, Option<SpecFile>, Sink)>,
    mut sink: Sink,
) -> Result<Spec, Diagnostics> {
    let mut services: Vec<ServiceSpec> = Vec::new();
    for (service, file, file_sink) in loaded {
        sink.extend(file_sink);
        if services.last().is_none_or(|s| s.name != service) {
            services.push(ServiceSpec {
                name: service,
                files: Vec::new(),
            });
        }
        if let (Some(file), Some(current)) = (file, services.last_mut()) {
            current.files.push(file);
        }
    }
    sink.finish(Spec { services })
}

/// Parses and decodes one file. `service` is the name of the folder it is in.
fn load_file(path: &Path, service: &str, sink: &mut Sink) -> Option<SpecFile> {
    let display: Arc<str> = display_path(path).into();
    let whole_file = |message: String| Diagnostic {
        file: display.to_string(),
        pos: Pos { line: 1, column: 1 },
        path: JsonPath::root().to_string(),
        message,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            sink.push(whole_file(format!("cannot read the file: {e}")));
            return None;
        }
    };
    decode_text(display, &text, service, sink)
}

/// Parses and decodes one file's text; `display` is the path messages print.
fn decode_text(display: Arc<str>, text: &str, service: &str, sink: &mut Sink) -> Option<SpecFile> {
    let root = match crate::json::parse(text) {
        Ok(root) => root,
        Err(e) => {
            sink.push(Diagnostic {
                file: display.to_string(),
                pos: e.pos,
                path: e.path,
                message: e.message,
            });
            return None;
        }
    };
    let mut reader = reader::Reader {
        file: display.clone(),
        sink,
    };
    let file = decode::file(&mut reader, &root)?;
    if file.service.value != service {
        sink.error(
            &file.service.loc,
            format!(
                "this file is in the folder of service \"{service}\" but says it belongs to \"{}\"",
                file.service.value
            ),
        );
        return None;
    }
    Some(file)
}

/// The service folders and their JSON files, both in name order.
fn list_files(spec_dir: &Path, sink: &mut Sink) -> Vec<(String, Vec<std::path::PathBuf>)> {
    let mut error = |path: &Path, message: String| {
        sink.push(Diagnostic {
            file: display_path(path),
            pos: Pos { line: 1, column: 1 },
            path: JsonPath::root().to_string(),
            message,
        })
    };
    let mut services = Vec::new();
    let entries = match sorted_entries(spec_dir) {
        Ok(entries) => entries,
        Err(e) => {
            error(spec_dir, format!("cannot read the spec folder: {e}"));
            return services;
        }
    };
    for dir in entries.into_iter().filter(|p| p.is_dir()) {
        let Some(name) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if !crate::naming::is_snake_case(&name) {
            error(&dir, format!("service folder \"{name}\" is not snake_case"));
            continue;
        }
        match sorted_entries(&dir) {
            Ok(files) => {
                let files: Vec<_> = files
                    .into_iter()
                    .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
                    .collect();
                services.push((name, files));
            }
            Err(e) => error(&dir, format!("cannot read the folder: {e}")),
        }
    }
    if services.is_empty() {
        error(
            spec_dir,
            "no service folders (spec/<service>/*.json) found".to_owned(),
        );
    }
    services
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

/// Paths print with `/` on every platform, so messages and tests agree everywhere.
fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
