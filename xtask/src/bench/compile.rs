//! Compile time of generated-client alone, its dependencies already built: a standalone
//! copy of the crate per variant (the real spec, a synthetic one) under
//! target/bench/compile/, sharing one target folder so that dependencies build once.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen_generator::GeneratedFile;
use codegen_generator::write::{self, Mode};
use serde_json::Value;

use super::{
    Figures, Result, cargo, count_rust_lines, median, time_command, time_command_cpu, touch,
};
use super::{remove_dir, write_if_changed};

/// A copy of the crate to build.
struct Variant {
    /// `real`, `synth1000`: figures are named after it.
    name: String,
    /// Where `src/generated/` comes from.
    source: Source,
    /// What to build.
    builds: Vec<Build>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Build {
    /// Every feature (the default ones: every service, TLS).
    All,
    /// The first service alone (`alpha`), as the chart compares it with progenitor.
    FirstService,
    /// Each service alone, as `--compare progenitor` compares them.
    EachService,
    /// The first resource's feature alone.
    FirstResource,
    /// This feature alone.
    Feature(&'static str),
}

enum Source {
    /// The committed generated code.
    Committed,
    /// A synthetic spec with this many operations, generated for the copy.
    Synthetic(usize),
    /// A spec folder the bench wrote, generated for the copy.
    Folder(PathBuf),
}

/// What [`run`] builds: the sizes of the synthetic specs, and how often.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Synthetic sizes whose first service is built alone, the chart's points.
    pub chart_operations: Vec<usize>,
    /// The synthetic size built with every feature, its first service, and one resource.
    pub synth_operations: usize,
    /// The synthetic size built with one resource only.
    pub one_resource_operations: usize,
    /// Timed builds of each; the median is reported.
    pub runs: usize,
}

/// Resources of the real spec built alone: a crate that needs one part of a large API
/// enables its feature.
pub const REAL_RESOURCES: [&str; 5] = [
    "cloudflare-kv-values",
    "cloudflare-kv-namespaces",
    "cloudflare-script-secrets",
    "cloudflare-builds",
    "buddy-pipelines",
];

/// `compile.<variant>.all.s`, `compile.<variant>.<feature>.s`, the lines compiled
/// (`codegen.real.lines`, `codegen.ops<N>.lines`), and the operations of each real
/// service (`spec.<service>.operations`).
pub fn run(root: &Path, plan: &Plan, figures: &mut Figures) -> Result<()> {
    let package = package_metadata(root)?;
    let target_dir = root.join("target/bench/compile-target");
    let spec = codegen_spec::load_and_validate(&root.join("spec"))
        .map_err(|diagnostics| format!("the spec has mistakes:\n{diagnostics}"))?;
    for service in &spec.services {
        figures.add(
            format!("spec.{}.operations", service.name),
            service.operation_count() as f64,
            "operations",
        );
    }
    drop(spec);
    let mut real_builds = vec![Build::All, Build::EachService];
    real_builds.extend(REAL_RESOURCES.map(Build::Feature));
    let mut variants = vec![Variant {
        name: "real".to_owned(),
        source: Source::Committed,
        builds: real_builds,
    }];
    for &n in &plan.chart_operations {
        if n != plan.synth_operations {
            variants.push(Variant {
                name: format!("synth{n}"),
                source: Source::Synthetic(n),
                builds: vec![Build::FirstService],
            });
        }
    }
    variants.push(Variant {
        name: format!("synth{}", plan.synth_operations),
        source: Source::Synthetic(plan.synth_operations),
        builds: vec![Build::All, Build::FirstService, Build::FirstResource],
    });
    variants.push(Variant {
        name: format!("synth{}", plan.one_resource_operations),
        source: Source::Synthetic(plan.one_resource_operations),
        builds: vec![Build::FirstResource],
    });
    for variant in &variants {
        build_variant(root, variant, &package, &target_dir, plan.runs, figures)?;
    }
    Ok(())
}

/// Times debug builds of our client generated from the spec folder `spec`, each service
/// alone, as [`run`] times its variants: `compile.<name>.<service>.s` and `.cpu_s`,
/// returned rather than reported.
pub fn build_each_service(root: &Path, name: &str, spec: &Path, runs: usize) -> Result<Figures> {
    let variant = Variant {
        name: name.to_owned(),
        source: Source::Folder(spec.to_path_buf()),
        builds: vec![Build::EachService],
    };
    let target_dir = root.join("target/bench/compile-target");
    let mut figures = Figures::default();
    build_variant(
        root,
        &variant,
        &package_metadata(root)?,
        &target_dir,
        runs,
        &mut figures,
    )?;
    Ok(figures)
}

/// Writes a variant's copies, warms them up, and times their builds.
fn build_variant(
    root: &Path,
    variant: &Variant,
    package: &Value,
    target_dir: &Path,
    runs: usize,
    figures: &mut Figures,
) -> Result<()> {
    let generation = generate(root, variant)?;
    let features = &generation.features;
    let services = &generation.service_names;
    let first_service = services
        .first()
        .cloned()
        .ok_or("the generation has no service")?;
    let first_resource = features
        .iter()
        .map(|(name, _)| name)
        .find(|name| !services.contains(name))
        .cloned()
        .ok_or("the generation has no resource feature")?;
    let mut builds: Vec<(String, Vec<String>)> = Vec::new();
    for build in &variant.builds {
        match build {
            Build::All => builds.push(("all".to_owned(), Vec::new())),
            Build::FirstService => builds.push((first_service.clone(), only(&first_service))),
            Build::EachService => builds.extend(services.iter().map(|s| (s.clone(), only(s)))),
            Build::FirstResource => builds.push((first_resource.clone(), only(&first_resource))),
            Build::Feature(feature) => {
                if !features.iter().any(|(name, _)| name == feature) {
                    return Err(format!(
                        "the generated client has no feature `{feature}` (see the [features] of \
                         generated-client/Cargo.toml; compile.rs's REAL_RESOURCES names it)"
                    ));
                }
                builds.push(((*feature).to_owned(), only(feature)));
            }
        }
    }
    let generated = match &variant.source {
        Source::Committed => None,
        Source::Synthetic(_) | Source::Folder(_) => Some(generation.files.clone()),
    };
    // A copy per feature set: touching one copy leaves the other's build fresh, so
    // that the next run's warm-up has nothing to do.
    let dirs: Vec<PathBuf> = builds
        .iter()
        .map(|(label, _)| {
            root.join("target/bench/compile")
                .join(&variant.name)
                .join(label)
        })
        .collect();
    for ((label, flags), dir) in builds.iter().zip(&dirs) {
        prepare(root, dir, &generation, package, &generated)?;
        eprintln!("bench: warming up {} {label} (not timed)", variant.name);
        time_command(&mut build(dir, target_dir, flags))?;
    }
    let lines_name = match &variant.source {
        Source::Committed => "codegen.real.lines".to_owned(),
        Source::Synthetic(n) => format!("codegen.ops{n}.lines"),
        Source::Folder(_) => format!("codegen.{}.lines", variant.name),
    };
    let lines = count_rust_lines(&dirs[0].join("src/generated"))?;
    figures.add(lines_name, lines as f64, "lines");
    for ((label, flags), dir) in builds.iter().zip(&dirs) {
        eprintln!("bench: compiling {} {label} {runs} times", variant.name);
        let (wall, cpu) = timed_builds(&dir.join("src/lib.rs"), runs, || {
            build(dir, target_dir, flags)
        })?;
        figures.add(format!("compile.{}.{label}.s", variant.name), wall, "s");
        if let Some(cpu) = cpu {
            figures.add(format!("compile.{}.{label}.cpu_s", variant.name), cpu, "s");
        }
    }
    Ok(())
}

/// `runs` builds, `lib` touched before each: the medians of their wall and CPU times.
pub fn timed_builds(
    lib: &Path,
    runs: usize,
    mut command: impl FnMut() -> Command,
) -> Result<(f64, Option<f64>)> {
    let mut walls = Vec::with_capacity(runs);
    let mut cpus = Vec::with_capacity(runs);
    for _ in 0..runs {
        touch(lib)?;
        let (wall, cpu) = time_command_cpu(&mut command())?;
        walls.push(wall);
        cpus.extend(cpu);
    }
    let cpu = (cpus.len() == runs).then(|| median(cpus));
    Ok((median(walls), cpu))
}

/// The flags that build `feature` alone.
fn only(feature: &str) -> Vec<String> {
    vec![
        "--no-default-features".to_owned(),
        "--features".to_owned(),
        feature.to_owned(),
    ]
}

fn build(dir: &Path, target_dir: &Path, flags: &[String]) -> Command {
    let mut command = Command::new(cargo());
    command
        .args(["build", "--offline", "--quiet"])
        .args(flags)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        // The crate compiles from scratch: incremental compilation would reuse nearly all
        // of the previous build of an unchanged crate.
        .env("CARGO_INCREMENTAL", "0");
    command
}

/// The generation of a variant: the real spec's, or a synthetic spec's.
fn generate(root: &Path, variant: &Variant) -> Result<codegen_generator::Generation> {
    let spec = match &variant.source {
        Source::Committed => root.join("spec"),
        Source::Folder(spec) => spec.clone(),
        Source::Synthetic(n) => {
            let spec = root.join(format!("target/bench/compile/{}-spec", variant.name));
            remove_dir(&spec)?;
            crate::synth::write_spec(&spec, *n).map_err(|e| format!("{}: {e}", spec.display()))?;
            spec
        }
    };
    codegen_generator::generate(&spec, &codegen_generator::Options::default())
        .map_err(|e| format!("generating {}: {e}", spec.display()))
}

/// Writes the copy, touching only files whose contents change, so that an unchanged
/// copy needs no rebuild.
fn prepare(
    root: &Path,
    dir: &Path,
    generation: &codegen_generator::Generation,
    package: &Value,
    generated: &Option<Vec<GeneratedFile>>,
) -> Result<()> {
    let manifest = manifest(root, package, generation)?;
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes())?;
    let lock = std::fs::read(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    write_if_changed(&dir.join("Cargo.lock"), &lock)?;
    let crate_dir = root.join("generated-client");
    let lib = std::fs::read(crate_dir.join("src/lib.rs")).map_err(|e| format!("lib.rs: {e}"))?;
    write_if_changed(&dir.join("src/lib.rs"), &lib)?;
    let out = dir.join("src/generated");
    match generated {
        None => copy_tree(&root.join(codegen_generator::OUTPUT_DIR), &out),
        Some(files) => write::sync(&out, files, Mode::Write)
            .map(drop)
            .map_err(|e| format!("{}: {e}", out.display())),
    }
}

/// Copies every file under `from` to `to`, writing only the ones that differ.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let Some(name) = path.file_name() else {
            continue;
        };
        let target: PathBuf = to.join(name);
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            let contents = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            write_if_changed(&target, &contents)?;
        }
    }
    Ok(())
}

/// generated-client's package in `cargo metadata`: its dependencies as the workspace
/// resolves them.
fn package_metadata(root: &Path) -> Result<Value> {
    let output = Command::new(cargo())
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("cannot read cargo metadata's output: {e}"))?;
    metadata["packages"]
        .as_array()
        .and_then(|packages| {
            packages
                .iter()
                .find(|p| p["name"] == "generated-client")
                .cloned()
        })
        .ok_or_else(|| "cargo metadata lists no generated-client".to_owned())
}

/// A standalone Cargo.toml: the crate's own features (from `cargo metadata`) with the
/// variant's generated features in place of the real spec's (and its services in
/// `default`), and the workspace's versions and features of generated-client's
/// dependencies written out.
fn manifest(
    root: &Path,
    package: &Value,
    generation: &codegen_generator::Generation,
) -> Result<String> {
    let text = |v: &Value| v.as_str().map(str::to_owned);
    let quoted = |items: &[String]| {
        items
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|items| items.iter().filter_map(text).collect())
            .unwrap_or_default()
    };
    let real_path = root.join("generated-client/Cargo.toml");
    let real =
        std::fs::read_to_string(&real_path).map_err(|e| format!("{}: {e}", real_path.display()))?;
    let real_generated = generated_feature_names(&real);
    let mut out = String::from(
        "# Written by `cargo xtask bench`: generated-client as a standalone package.\n[package]\n",
    );
    out += "name = \"generated-client\"\n";
    for key in ["version", "edition", "license"] {
        if let Some(value) = text(&package[key]) {
            out += &format!("{key} = {value:?}\n");
        }
    }
    out += "publish = false\n\n[workspace]\n\n[features]\n";
    // The variant's services, and the crate's other defaults (TLS).
    let defaults: Vec<String> = generation
        .service_names
        .iter()
        .cloned()
        .chain(
            list(&package["features"]["default"])
                .into_iter()
                .filter(|f| !real_generated.contains(f)),
        )
        .collect();
    out += &format!("default = [{}]\n", quoted(&defaults));
    for (feature, enables) in &generation.features {
        out += &format!("{feature:?} = [{}]\n", quoted(enables));
    }
    // The crate's own features (TLS, mock).
    if let Some(features) = package["features"].as_object() {
        for (feature, enables) in features {
            if feature != "default" && !real_generated.contains(feature) {
                out += &format!("{feature:?} = [{}]\n", quoted(&list(enables)));
            }
        }
    }
    out += "\n[dependencies]\n";
    let dependencies = package["dependencies"]
        .as_array()
        .ok_or("cargo metadata: generated-client has no dependency list")?;
    for dependency in dependencies.iter().filter(|d| d["kind"].is_null()) {
        let name = text(&dependency["name"]).ok_or("cargo metadata: a dependency without name")?;
        let version = text(&dependency["req"]).unwrap_or_else(|| "*".to_owned());
        let features: Vec<String> = dependency["features"]
            .as_array()
            .map(|f| f.iter().filter_map(text).collect())
            .unwrap_or_default();
        out += &format!("{name} = {{ version = {version:?}");
        // The runtime: the workspace's crate, built once in the shared target folder.
        if let Some(path) = text(&dependency["path"]) {
            out += &format!(", path = {path:?}");
        }
        if dependency["optional"] == true {
            out += ", optional = true";
        }
        if dependency["uses_default_features"] == false {
            out += ", default-features = false";
        }
        if !features.is_empty() {
            out += &format!(", features = [{}]", quoted(&features));
        }
        out += " }\n";
    }
    Ok(out)
}

/// The names of the features between the generated markers of a manifest.
fn generated_feature_names(manifest: &str) -> Vec<String> {
    manifest
        .lines()
        .skip_while(|line| *line != codegen_generator::manifest::BEGIN)
        .skip(1)
        .take_while(|line| *line != codegen_generator::manifest::END)
        .filter_map(|line| {
            line.split_once(" = ")
                .map(|(name, _)| name.trim().to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_keeps_the_crate_s_own_features_and_takes_the_variant_s() -> Result<()> {
        let root = crate::workspace::source_root();
        let package = package_metadata(&root)?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        crate::synth::write_spec(dir.path(), 4).map_err(|e| e.to_string())?;
        let generation =
            codegen_generator::generate(dir.path(), &codegen_generator::Options::default())
                .map_err(|e| e.to_string())?;
        let manifest = manifest(&root, &package, &generation)?;
        assert!(
            manifest.contains("default = [\"alpha\", \"beta\", \"tls-aws-lc-rs\"]\n"),
            "{manifest}"
        );
        assert!(manifest.contains("\"alpha-r0000\" = []\n"), "{manifest}");
        assert!(
            manifest.contains("\"mock\" = [\"generated-client-runtime/mock\"]\n"),
            "{manifest}"
        );
        assert!(manifest.contains("\"tls-ring\" = ["), "{manifest}");
        // The real spec's features are gone; the runtime is the workspace's crate.
        assert!(!manifest.contains("cloudflare"), "{manifest}");
        assert!(
            manifest.contains("generated-client-runtime = { version"),
            "{manifest}"
        );
        assert!(manifest.contains("path = "), "{manifest}");
        Ok(())
    }
}
