//! Generation time: the real spec end to end, and synthetic specs at scale, each size in a
//! child process of its own so that its peak memory is its own.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use codegen_generator::write::{self, Mode};

use super::{Figure, Figures, Result, median, remove_dir, run_for_figures};
use crate::cli::{self, Arg, Args, Workspace};

/// `codegen.real.*`: the real spec as `cargo xtask codegen --check` handles it (without
/// the change fixtures), warm (one run first, not timed), then `runs` times: the median
/// of the whole, and of each stage. And `codegen.command.ms`: the whole of `cargo xtask
/// codegen --check` in process, the change fixtures' crates included.
pub fn real(root: &Path, runs: usize, figures: &mut Figures) -> Result<()> {
    eprintln!("bench: generating the real spec {runs} times");
    let first = real_once(root, &[])?;
    if !first.fresh {
        eprintln!(
            "warning: the committed generated code is stale (run `cargo xtask codegen`); timing anyway"
        );
    }
    if let Some((path, _)) = &first.timings.slowest_file {
        eprintln!("bench: the slowest file to generate is {}", path.display());
    }
    let cpu_before = super::CpuTime::now();
    let runs_done: Vec<RealRun> = (0..runs)
        .map(|_| real_once(root, &[]))
        .collect::<Result<_>>()?;
    let cpu = cpu_before
        .zip(super::CpuTime::now())
        .map(|(before, after)| (after.own - before.own) * 1000.0 / runs as f64);
    let median_ms = |stage: Stage| median(runs_done.iter().map(|r| ms(stage(r))).collect());
    figures.add("codegen.real.ms", median_ms(|r| r.total), "ms");
    if let Some(cpu) = cpu {
        figures.add("codegen.real.cpu_ms", cpu, "ms");
    }
    let stages: [(&str, Stage); 10] = [
        ("generate.ms", |r| r.timings.total),
        ("load_validate.ms", |r| r.timings.load_and_validate),
        ("model.ms", |r| r.timings.model),
        ("files.ms", |r| r.timings.files),
        ("emit.sum_ms", |r| r.timings.emit),
        ("parse.sum_ms", |r| r.timings.parse),
        ("print.sum_ms", |r| r.timings.print),
        ("slowest_file.ms", |r| {
            r.timings
                .slowest_file
                .as_ref()
                .map_or(Duration::ZERO, |(_, t)| *t)
        }),
        ("surface.ms", |r| r.timings.surface),
        ("check.ms", |r| r.total.saturating_sub(r.timings.total)),
    ];
    for (name, stage) in stages {
        figures.add(format!("codegen.real.{name}"), median_ms(stage), "ms");
    }
    let whole: Vec<f64> = (0..runs)
        .map(|_| real_once(root, crate::codegen_task::EXTRA_TARGETS).map(|r| ms(r.total)))
        .collect::<Result<_>>()?;
    figures.add("codegen.command.ms", median(whole), "ms");
    Ok(())
}

/// One stage's time in a run.
type Stage = fn(&RealRun) -> Duration;

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One timed run of [`real`].
struct RealRun {
    /// `codegen --check`'s plan and its comparison with the disk, start to end.
    total: Duration,
    /// The generator's stages, for the real spec.
    timings: codegen_generator::Timings,
    /// Whether the disk held what was generated.
    fresh: bool,
}

/// `cargo xtask codegen --check` with these extra targets: generates spec/ (and them),
/// compares the API with its records, and the output with the disk.
fn real_once(root: &Path, extra_targets: &[crate::codegen_task::ExtraTarget]) -> Result<RealRun> {
    use crate::codegen_task::{Failure, apply, plan_with};
    let started = Instant::now();
    let plan = plan_with(root, extra_targets).map_err(|e| format!("codegen --check: {e:?}"))?;
    let timings = plan.generation.timings.clone();
    let fresh = match apply(root, plan, Mode::Check) {
        Ok(_) => true,
        // Stale output takes as long to find; the caller warns of it.
        Err(Failure::Stale(_)) => false,
        Err(e) => return Err(format!("codegen --check: {e:?}")),
    };
    Ok(RealRun {
        total: started.elapsed(),
        timings,
        fresh,
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
