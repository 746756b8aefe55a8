//! `--compare progenitor`: progenitor's generator on our OpenAPI export of each service,
//! against ours on the same spec: generation time, lines of Rust, and debug compile time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use codegen_generator::write::{self, Mode};

use super::{Figures, Result, cargo, count_rust_lines, median, remove_dir, time_command, touch};

const RUNS: usize = 3;

pub fn run(root: &Path, figures: &mut Figures) -> Result<()> {
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
        let document_path = base.join(format!("openapi/{service}.json"));
        super::write_if_changed(
            &document_path,
            codegen_generator::openapi::to_pretty_json(document).as_bytes(),
        )?;

        // Ours: generate the service's spec alone and write it to a fresh folder.
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
                write::sync(&dir, files, Mode::Write)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            ours.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let our_lines = count_rust_lines(&root.join(codegen_generator::OUTPUT_DIR).join(service))?;

        // Theirs.
        eprintln!("bench: cargo progenitor on {service}'s OpenAPI document");
        let crate_dir = base.join(service);
        let mut theirs = Vec::with_capacity(RUNS);
        let mut failure = None;
        for _ in 0..RUNS {
            remove_dir(&crate_dir)?;
            let started = Instant::now();
            let output = Command::new(cargo())
                .arg("progenitor")
                .arg("-i")
                .arg(&document_path)
                .arg("-o")
                .arg(&crate_dir)
                .args(["-n", &format!("{service}-progenitor"), "-v", "0.1.0"])
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("cannot run cargo progenitor: {e}"))?;
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            if !output.status.success() {
                failure = Some(format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ));
                break;
            }
            theirs.push(elapsed);
        }
        if let Some(error) = failure {
            figures.add(format!("ours.{service}.generate.ms"), median(ours), "ms");
            figures.add(format!("ours.{service}.lines"), our_lines as f64, "lines");
            note_failure(figures, service, "generating the client", &error);
            continue;
        }
        figures.add(
            format!("progenitor.{service}.generate.ms"),
            median(theirs),
            "ms",
        );
        figures.add(format!("ours.{service}.generate.ms"), median(ours), "ms");
        figures.add(
            format!("progenitor.{service}.lines"),
            count_rust_lines(&crate_dir.join("src"))? as f64,
            "lines",
        );
        figures.add(format!("ours.{service}.lines"), our_lines as f64, "lines");
        match compile(&crate_dir, &target_dir) {
            Ok(seconds) => {
                figures.add(format!("progenitor.{service}.compile.s"), seconds, "s");
                if let Some(ours) = figures.get(&format!("compile.real.{service}.s")) {
                    figures.add(
                        format!("compile.{service}.vs_progenitor"),
                        ours / seconds,
                        "x",
                    );
                }
            }
            Err(error) => note_failure(figures, service, "compiling its crate", &error),
        }
    }
    if let Some(ours) = figures.get("compile.real.all.s") {
        figures.add("ours.compile.s", ours, "s");
    }
    Ok(())
}

/// Builds progenitor's crate once (fetching its dependencies; not timed), then times
/// `RUNS` debug builds of the crate alone.
fn compile(crate_dir: &Path, target_dir: &Path) -> Result<f64> {
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
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        touch(&crate_dir.join("src/lib.rs"))?;
        times.push(time_command(&mut build(true))?);
    }
    Ok(median(times))
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
