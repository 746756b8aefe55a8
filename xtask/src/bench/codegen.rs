//! Generation time: the real spec end to end, and synthetic specs at scale, each size in a
//! child process of its own so that its peak memory is its own.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use codegen_generator::write::{self, Mode};

use super::{Figure, Figures, Result, median, remove_dir, run_for_figures};
use crate::cli::{self, Arg, Args, Workspace};

/// `codegen.real.*`: the real spec as `cargo xtask codegen --check` handles it, warm (one
/// run first, not timed), then `runs` times: the median of the whole, and of each stage.
/// And `codegen.command.ms`: the whole of `cargo xtask codegen --check` in process, the
/// change fixtures' crates included.
pub fn real(root: &Path, runs: usize, figures: &mut Figures) -> Result<()> {
    eprintln!("bench: generating the real spec {runs} times");
    let first = real_once(root)?;
    if !first.fresh {
        eprintln!(
            "warning: the committed generated code is stale (run `cargo xtask codegen`); timing anyway"
        );
    }
    let cpu_before = super::CpuTime::now();
    let stages: Vec<RealRun> = (0..runs).map(|_| real_once(root)).collect::<Result<_>>()?;
    let cpu = cpu_before
        .zip(super::CpuTime::now())
        .map(|(before, after)| (after.own - before.own) * 1000.0 / runs as f64);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median_of =
        |stage: fn(&RealRun) -> Duration| median(stages.iter().map(|r| ms(stage(r))).collect());
    figures.add("codegen.real.ms", median_of(|r| r.total), "ms");
    if let Some(cpu) = cpu {
        figures.add("codegen.real.cpu_ms", cpu, "ms");
    }
    figures.add(
        "codegen.real.load_validate.ms",
        median_of(|r| r.timings.load_and_validate),
        "ms",
    );
    figures.add(
        "codegen.real.model.ms",
        median_of(|r| r.timings.model),
        "ms",
    );
    figures.add(
        "codegen.real.files.ms",
        median_of(|r| r.timings.files),
        "ms",
    );
    figures.add(
        "codegen.real.emit.cpu_ms",
        median_of(|r| r.timings.emit),
        "ms",
    );
    figures.add(
        "codegen.real.parse.cpu_ms",
        median_of(|r| r.timings.parse),
        "ms",
    );
    figures.add(
        "codegen.real.print.cpu_ms",
        median_of(|r| r.timings.print),
        "ms",
    );
    figures.add(
        "codegen.real.slowest_file.ms",
        median_of(|r| {
            r.timings
                .slowest_file
                .as_ref()
                .map_or(Duration::ZERO, |(_, t)| *t)
        }),
        "ms",
    );
    if let Some((path, _)) = &first.timings.slowest_file {
        eprintln!("bench: the slowest file to generate is {}", path.display());
    }
    figures.add(
        "codegen.real.surface.ms",
        median_of(|r| r.timings.surface),
        "ms",
    );
    figures.add("codegen.real.write.ms", median_of(|r| r.write), "ms");
    let mut whole = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        use crate::codegen_task::{Failure, apply, plan};
        match plan(root).and_then(|plan| apply(root, plan, Mode::Check)) {
            // Stale output was warned of above; it takes as long to find.
            Ok(_) | Err(Failure::Stale(_)) => whole.push(ms(started.elapsed())),
            Err(e) => return Err(format!("cargo xtask codegen --check: {e:?}")),
        }
    }
    figures.add("codegen.command.ms", median(whole), "ms");
    Ok(())
}

/// A message for an I/O error on `path`.
fn io(path: &Path) -> impl Fn(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

/// One timed run of [`real`].
struct RealRun {
    /// Generation and comparison, start to end.
    total: Duration,
    /// The generator's stages.
    timings: codegen_generator::Timings,
    /// Comparing what was generated with the disk.
    write: Duration,
    /// Whether the disk held what was generated.
    fresh: bool,
}

/// Generates spec/ and compares with the disk what `cargo xtask codegen --check` compares
/// for it: both output folders, the API record, the manifest's features, and the
/// changelog's facts since the release.
fn real_once(root: &Path) -> Result<RealRun> {
    use codegen_generator::surface;
    let started = Instant::now();
    let generation = generate(&root.join("spec"))?;
    let write_started = Instant::now();
    let mut outcome = write::Outcome::default();
    for (dir, files) in [
        (codegen_generator::OUTPUT_DIR, &generation.files),
        (codegen_generator::TEST_OUTPUT_DIR, &generation.test_files),
    ] {
        let dir = root.join(dir);
        outcome.merge(write::sync(&dir, files, Mode::Check).map_err(io(&dir))?);
    }
    let api = root.join(surface::API_FILE);
    let recorded = crate::codegen_task::read_record(&api)?;
    let _report = recorded.map(|old| surface::diff(&old, &generation.surface));
    outcome.merge(
        write::sync_file(&api, &generation.surface.to_text(), Mode::Check).map_err(io(&api))?,
    );
    let manifest_path = root.join(crate::codegen_task::CLIENT_MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path).map_err(io(&manifest_path))?;
    let manifest = codegen_generator::manifest::with_features(&manifest, &generation.features)?;
    outcome.merge(
        write::sync_file(&manifest_path, &manifest, Mode::Check).map_err(io(&manifest_path))?,
    );
    let released = crate::codegen_task::read_record(&root.join(surface::RELEASED_API_FILE))?;
    if let Some(released) = released {
        let since_release = surface::diff(&released, &generation.surface);
        let changelog_path = root.join(crate::codegen_task::CHANGELOG);
        if let Some(changelog) =
            crate::codegen_task::changelog_with(&changelog_path, &since_release)?
        {
            outcome.merge(
                write::sync_file(&changelog_path, &changelog, Mode::Check)
                    .map_err(io(&changelog_path))?,
            );
        }
    }
    let write = write_started.elapsed();
    let timings = generation.timings.clone();
    drop(generation);
    Ok(RealRun {
        total: started.elapsed(),
        timings,
        write,
        fresh: outcome.is_fresh(),
    })
}

/// `codegen.ops<N>.*` for each size, and how the time per operation grows.
pub fn scale(root: &Path, sizes: &[usize], runs: usize, figures: &mut Figures) -> Result<()> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    for &n in sizes {
        eprintln!("bench: generating {n} operations {runs} times (child process)");
        let spec = root.join(format!("target/bench/synth{n}"));
        let out = root.join(format!("target/bench/synth{n}-out"));
        remove_dir(&spec)?;
        remove_dir(&out)?;
        crate::synth::write_spec(&spec, n).map_err(|e| format!("{}: {e}", spec.display()))?;
        let measured = run_for_figures(
            Command::new(&exe)
                .arg("bench-generate")
                .arg(&spec)
                .arg(&out)
                .arg(runs.to_string()),
        )?;
        let value = |name: &str| {
            measured
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.value)
                .ok_or_else(|| format!("bench-generate printed no `{name}`"))
        };
        let ms = value("ms")?;
        figures.add(format!("codegen.ops{n}.ms"), ms, "ms");
        figures.add(
            format!("codegen.ops{n}.us_per_op"),
            ms * 1000.0 / n as f64,
            "us/op",
        );
        figures.add(format!("codegen.ops{n}.peak_mb"), value("peak_mb")?, "MB");
    }
    if let (Some(&small), Some(&large)) = (sizes.first(), sizes.last()) {
        let per_op = |n: usize| figures.get(&format!("codegen.ops{n}.us_per_op"));
        if let (Some(a), Some(b)) = (per_op(small), per_op(large)) {
            figures.add(
                format!("codegen.scale.us_per_op_{large}_vs_{small}"),
                b / a,
                "x",
            );
        }
    }
    Ok(())
}

/// What the child measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Median of generate + check, in milliseconds.
    pub median_ms: f64,
    /// The process's peak resident memory (VmHWM), in MB; `None` off Linux.
    pub peak_mb: Option<f64>,
    /// Lines of the generated client (not counting the test suite's file).
    pub lines: usize,
}

/// `xtask bench-generate SPEC OUT RUNS`: the child process of [`scale`].
pub fn child_command(args: &mut Args, _: &Workspace) -> cli::Outcome {
    use lexopt::ValueExt as _;
    let mut values = Vec::new();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Value(value) if values.len() < 3 => values.push(value),
            arg => return Err(arg.unexpected().into()),
        }
    }
    let [spec, out, runs] = <[_; 3]>::try_from(values)
        .map_err(|_| cli::Error::Usage("SPEC, OUT and RUNS are required".to_owned()))?;
    let runs = runs.parse::<usize>()?;
    Ok(child(Path::new(&spec), Path::new(&out), runs))
}

fn child(spec: &Path, out: &Path, runs: usize) -> ExitCode {
    match generate_and_time(spec, out, runs) {
        Ok(measured) => {
            println!("{}", Figure::new("ms", measured.median_ms, "ms"));
            if let Some(peak) = measured.peak_mb {
                println!("{}", Figure::new("peak_mb", peak, "MB"));
            }
            println!("{}", Figure::new("lines", measured.lines as f64, "lines"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Generates `spec` once into `out` (`out/client`, `out/tests`; not timed), then times
/// `runs` repetitions of generate + check against it.
pub fn generate_and_time(spec: &Path, out: &Path, runs: usize) -> Result<Measured> {
    let client = out.join("client");
    let tests = out.join("tests");
    let generation = generate(spec)?;
    for (dir, files) in [
        (&client, &generation.files),
        (&tests, &generation.test_files),
    ] {
        write::sync(dir, files, Mode::Write).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let lines = generation
        .files
        .iter()
        .map(|f| f.contents.lines().count())
        .sum();
    drop(generation);
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (elapsed, fresh) = generate_and_check(spec, &client, &tests)?;
        if !fresh {
            return Err(format!(
                "generating {} twice gave different code",
                spec.display()
            ));
        }
        times.push(elapsed);
    }
    Ok(Measured {
        median_ms: median(times),
        peak_mb: peak_memory_mb(),
        lines,
    })
}

/// One timed generate + check of both output folders: milliseconds, and whether the
/// output was fresh.
fn generate_and_check(spec: &Path, client: &Path, tests: &Path) -> Result<(f64, bool)> {
    let started = Instant::now();
    let generation = generate(spec)?;
    let mut outcome = write::Outcome::default();
    for (dir, files) in [(client, &generation.files), (tests, &generation.test_files)] {
        outcome.merge(
            write::sync(dir, files, Mode::Check).map_err(|e| format!("{}: {e}", dir.display()))?,
        );
    }
    drop(generation);
    Ok((started.elapsed().as_secs_f64() * 1000.0, outcome.is_fresh()))
}

fn generate(spec: &Path) -> Result<codegen_generator::Generation> {
    codegen_generator::generate(spec, &codegen_generator::Options::default())
        .map_err(|e| format!("generating {}: {e}", spec.display()))
}

/// VmHWM from /proc/self/status, in MB (2^20 bytes).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_child_generates_then_times_a_small_spec() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (spec, out) = (dir.path().join("spec"), dir.path().join("out"));
        crate::synth::write_spec(&spec, 10).map_err(|e| e.to_string())?;
        let measured = generate_and_time(&spec, &out, 2)?;
        assert!(measured.median_ms > 0.0, "{measured:?}");
        assert!(measured.lines > 100, "{measured:?}");
        if cfg!(target_os = "linux") {
            assert!(measured.peak_mb.is_some_and(|mb| mb > 1.0), "{measured:?}");
        }
        assert!(out.join("client/mod.rs").is_file());
        assert!(out.join("tests").is_dir());
        // A second run against the same output finds it fresh again.
        generate_and_time(&spec, &out, 1)?;
        Ok(())
    }
}
