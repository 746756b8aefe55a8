//! Arbitrary bytes through the spec loader: parse, decode and validate, and the OpenAPI
//! export of whatever validates.
//!
//! Input: `<service>\0<file>\0<file>...`. The first part names the service folder the
//! files are in; each further part is one `.json` file of it. A NUL splits them because
//! a spec file cannot hold one (JSON allows no raw control character), so mutating a
//! real spec rarely moves a boundary. Parts that are not UTF-8 are skipped: the loader
//! reads files as UTF-8 and reports the others without looking inside.
//!
//! The loader runs on a thread with a 2 MiB stack, as `load_and_validate` parses files on
//! rayon's workers, whose stacks are that size: what overflows there must show here.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let Some(Ok(service)) = parts.next().map(std::str::from_utf8) else {
        return;
    };
    let texts: Vec<(String, &str)> = parts
        .enumerate()
        .filter_map(|(i, part)| {
            let text = std::str::from_utf8(part).ok()?;
            Some((format!("spec/{service}/file{i}.json"), text))
        })
        .collect();
    let files: Vec<codegen_spec::SpecText<'_>> = texts
        .iter()
        .map(|(path, text)| codegen_spec::SpecText {
            service,
            path,
            text,
        })
        .collect();
    let loaded = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn_scoped(scope, || check(&files))
            .map(|worker| worker.join())
    });
    // A panic on the worker has already aborted through libFuzzer's hook; a thread that
    // cannot start is the machine's problem, not the loader's.
    if let Ok(Err(panic)) = loaded {
        std::panic::resume_unwind(panic);
    }
});

fn check(files: &[codegen_spec::SpecText<'_>]) {
    match codegen_spec::load_and_validate_texts(files) {
        Ok(spec) => {
            for (_, document) in codegen_generator::openapi::export(&spec) {
                let _ = codegen_generator::openapi::to_pretty_json(&document);
            }
        }
        // Messages are what a user reads: render them as the command line does.
        Err(diagnostics) => {
            let _ = diagnostics.to_string();
        }
    }
}
