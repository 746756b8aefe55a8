//! `cargo xtask bench [--quick] [--compare progenitor] [--only PART,...]`: measures the
//! generator (time and peak memory at scale), the generated client (compile time,
//! decoding, requests, soak, limits), and optionally progenitor on the same APIs; prints
//! one `name value unit` line per figure and rewrites BENCHMARKS.md with them (a `--quick`
//! run writes target/bench/BENCHMARKS.quick.md instead). With `--only`, the parts not run
//! keep the figures the report already has, and the report says from which run.

mod chart;
pub mod codegen;
mod compile;
mod figures;
mod progenitor;
mod report;

pub use figures::{Figure, Figures, median};

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use crate::cli::{self, Arg, Args, Workspace};

/// What went wrong, said for a maintainer.
pub type Result<T> = std::result::Result<T, String>;

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Smaller sizes and fewer iterations; every figure still printed.
    pub quick: bool,
    /// Also run progenitor on the same APIs.
    pub compare_progenitor: bool,
    /// Only these parts (`--only`); the report keeps the other figures it has.
    pub only: Option<Parts>,
}

/// The parts of a run that `--only` names: `codegen`, `compile`, `decode`, `requests`,
/// `soak`, `limits`, and `runtime` for the last four (the client's runtime alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parts {
    pub codegen: bool,
    pub compile: bool,
    pub decode: bool,
    pub requests: bool,
    pub soak: bool,
    pub limits: bool,
}

impl Parts {
    fn parse(list: &str) -> Result<Parts> {
        let mut parts = Parts::default();
        for name in list.split(',') {
            match name.trim() {
                "codegen" => parts.codegen = true,
                "compile" => parts.compile = true,
                "decode" => parts.decode = true,
                "requests" => parts.requests = true,
                "soak" => parts.soak = true,
                "limits" => parts.limits = true,
                "runtime" => {
                    parts.decode = true;
                    parts.requests = true;
                    parts.soak = true;
                    parts.limits = true;
                }
                other => {
                    return Err(format!(
                        "--only takes codegen, compile, decode, requests, soak, limits or \
                         runtime, not {other:?}"
                    ));
                }
            }
        }
        Ok(parts)
    }

    /// The names of these parts, as `--only` takes them.
    fn names(&self) -> Vec<&'static str> {
        [
            ("codegen", self.codegen),
            ("compile", self.compile),
            ("decode", self.decode),
            ("requests", self.requests),
            ("soak", self.soak),
            ("limits", self.limits),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
        .collect()
    }

    /// Whether the runtime bench `name` is one of these parts.
    fn has_bench(&self, name: &str) -> bool {
        match name {
            "decode" => self.decode,
            "requests" => self.requests,
            "soak" => self.soak,
            "limits" => self.limits,
            _ => false,
        }
    }
}

impl Options {
    /// Reads `[--quick] [--compare progenitor] [--only PART,...]`.
    pub fn parse(args: &mut Args) -> std::result::Result<Options, cli::Error> {
        let mut options = Options {
            quick: false,
            compare_progenitor: false,
            only: None,
        };
        while let Some(arg) = args.next()? {
            match arg {
                Arg::Long("quick") => options.quick = true,
                Arg::Long("compare") => match args.string()?.as_str() {
                    "progenitor" => options.compare_progenitor = true,
                    other => {
                        return Err(cli::Error::Usage(format!(
                            "--compare takes `progenitor`, not {other:?}"
                        )));
                    }
                },
                Arg::Long("only") => {
                    let list = args.string()?;
                    options.only = Some(Parts::parse(&list).map_err(cli::Error::Usage)?);
                }
                arg => return Err(arg.unexpected().into()),
            }
        }
        Ok(options)
    }

    /// Whether a part runs: every part, unless `--only` names some.
    fn runs(&self, part: impl Fn(&Parts) -> bool) -> bool {
        self.only.as_ref().is_none_or(part)
    }

    /// The arguments that give these options.
    fn to_args(self) -> Vec<String> {
        let mut args = Vec::new();
        if self.quick {
            args.push("--quick".to_owned());
        }
        if self.compare_progenitor {
            args.extend(["--compare".to_owned(), "progenitor".to_owned()]);
        }
        if let Some(parts) = self.only {
            args.extend(["--only".to_owned(), parts.names().join(",")]);
        }
        args
    }
}

/// The compile-time chart, relative to the workspace root (and to BENCHMARKS.md).
pub const CHART: &str = "benchmarks/compile-time.svg";
const CHART_TITLE: &str = "Debug build of one service's crate, dependencies built";

/// `cargo xtask bench [--quick] [--compare progenitor] [--only PART,...]`.
pub fn command(args: &mut Args, workspace: &Workspace) -> cli::Outcome {
    let options = Options::parse(args)?;
    Ok(run(&workspace.root()?, options))
}

fn run(root: &Path, options: Options) -> ExitCode {
    if cfg!(debug_assertions) {
        // Measure optimised code: run again as a release build, on the same workspace.
        eprintln!("bench: building xtask as a release build, then running it");
        let status = Command::new(cargo())
            .args(["run", "--release", "-p", "xtask", "--", "--root"])
            .arg(root)
            .arg("bench")
            .args(options.to_args())
            .current_dir(root)
            .status();
        return match status {
            Ok(status) if status.success() => ExitCode::SUCCESS,
            Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let started = std::time::Instant::now();
    let command = std::iter::once("cargo xtask bench".to_owned())
        .chain(options.to_args())
        .collect::<Vec<_>>()
        .join(" ");
    match run_all(root, options) {
        Ok(mut figures) => {
            // A quick run's reduced figures must not replace the full run's in the
            // committed report.
            let (path, chart_path, chart_link) = if options.quick {
                (
                    root.join("target/bench/BENCHMARKS.quick.md"),
                    root.join("target/bench/compile-time.quick.svg"),
                    "compile-time.quick.svg",
                )
            } else {
                (root.join("BENCHMARKS.md"), root.join(CHART), CHART)
            };
            if options.only.is_some() {
                report::keep_earlier(&path, &mut figures);
            }
            let chart = chart::series_from(&figures).map(|series| chart::svg(CHART_TITLE, &series));
            if let Some(svg) = &chart
                && let Err(e) = write_if_changed(&chart_path, svg.as_bytes())
            {
                eprintln!("error: cannot write the chart: {e}");
                return ExitCode::FAILURE;
            }
            let link = chart.is_some().then_some(chart_link);
            if let Err(e) = report::write(&path, &command, options, &figures, link) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!(
                "bench: done in {:.0} s; wrote {}",
                started.elapsed().as_secs_f64(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The synthetic sizes whose first service is compiled, ours and progenitor's: the
/// chart's points (each service has half the operations).
const CHART_OPERATIONS: [usize; 3] = [250, 500, 1000];
const QUICK_CHART_OPERATIONS: [usize; 2] = [100, 250];

fn run_all(root: &Path, options: Options) -> Result<Figures> {
    let mut figures = Figures::default();
    let quick = options.quick;
    let chart_operations = if quick {
        &QUICK_CHART_OPERATIONS[..]
    } else {
        &CHART_OPERATIONS[..]
    };
    if options.runs(|parts| parts.codegen) {
        let load = LoadAverage::now();
        codegen::real(root, if quick { 5 } else { 20 }, &mut figures)?;
        codegen::scale(
            root,
            &[250, 1000, 2500],
            if quick { 3 } else { 10 },
            &mut figures,
        )?;
        load.add_to(&mut figures, "codegen");
    }
    if options.runs(|parts| parts.compile) {
        let load = LoadAverage::now();
        let plan = compile::Plan {
            chart_operations: chart_operations.to_vec(),
            synth_operations: if quick { 250 } else { 1000 },
            one_resource_operations: 2500,
            runs: if quick { 1 } else { 3 },
        };
        compile::run(root, &plan, &mut figures)?;
        load.add_to(&mut figures, "compile");
    }
    for bench in ["decode", "requests", "soak", "limits"] {
        if !options.runs(|parts| parts.has_bench(bench)) {
            continue;
        }
        eprintln!("bench: cargo bench -p generated-client --bench {bench}");
        let mut command = Command::new(cargo());
        command
            .args([
                "bench",
                "--quiet",
                "-p",
                "generated-client",
                "--bench",
                bench,
            ])
            .current_dir(root);
        if quick {
            command.args(["--", "--quick"]);
        }
        for figure in run_for_figures(&mut command)? {
            figures.push(figure);
        }
    }
    if options.compare_progenitor {
        let load = LoadAverage::now();
        progenitor::run(root, chart_operations, &mut figures)?;
        load.add_to(&mut figures, "progenitor");
    }
    Ok(figures)
}

/// The machine's load, read before a part runs: the machine may be shared, and the
/// report says how busy it was.
struct LoadAverage {
    before: Option<f64>,
}

impl LoadAverage {
    fn now() -> LoadAverage {
        LoadAverage {
            before: read_load_average(),
        }
    }

    /// `load.<part>.before` and `load.<part>.after`: the one-minute load average.
    fn add_to(self, figures: &mut Figures, part: &str) {
        if let (Some(before), Some(after)) = (self.before, read_load_average()) {
            figures.add(format!("load.{part}.before"), before, "tasks");
            figures.add(format!("load.{part}.after"), after, "tasks");
        }
    }
}

/// The one-minute load average (/proc/loadavg); `None` off Linux.
fn read_load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The cargo that runs us, as cargo recommends for build tools.
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs `command` (stderr shown), and reads the figures it prints on stdout.
pub fn run_for_figures(command: &mut Command) -> Result<Vec<Figure>> {
    let output = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{command:?} failed: {}", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(Figure::parse)
        .collect())
}

/// Lines of every `.rs` file under `dir`.
pub fn count_rust_lines(dir: &Path) -> Result<usize> {
    let mut lines = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("{}: {e}", current.display()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                lines += text.lines().count();
            }
        }
    }
    Ok(lines)
}

/// Removes `dir` if it exists.
pub fn remove_dir(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("cannot remove {}: {e}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// Writes `contents` unless the file already holds them, so that cargo sees no change.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if std::fs::read(path).is_ok_and(|existing| existing == contents) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

/// Sets the file's modification time to now, so that cargo rebuilds its crate.
pub fn touch(path: &Path) -> Result<()> {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// Runs `command` quietly and returns its wall time in seconds.
pub fn time_command(command: &mut Command) -> Result<f64> {
    time_command_cpu(command).map(|(wall, _)| wall)
}

/// Runs `command` quietly: its wall time and the CPU time of it and every process it
/// waited for (cargo's rustc), in seconds; the CPU time is `None` off Linux. On a shared
/// machine the wall time grows with the load; the CPU time much less.
pub fn time_command_cpu(command: &mut Command) -> Result<(f64, Option<f64>)> {
    let before = CpuTime::now();
    let started = std::time::Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("{command:?} failed: {status}"));
    }
    let cpu = before
        .zip(CpuTime::now())
        .map(|(before, after)| after.children - before.children);
    Ok((elapsed, cpu))
}

/// CPU time in seconds, user and system, from /proc/self/stat: this process's (all its
/// threads), and its waited-for children's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpuTime {
    pub own: f64,
    pub children: f64,
}

impl CpuTime {
    /// Now; `None` where /proc/self/stat cannot be read.
    pub fn now() -> Option<CpuTime> {
        CpuTime::parse(&std::fs::read_to_string("/proc/self/stat").ok()?)
    }

    /// Reads `utime stime cutime cstime` (fields 14 to 17, in clock ticks of 1/100 s,
    /// Linux's USER_HZ) after the command's name, which may hold spaces.
    fn parse(stat: &str) -> Option<CpuTime> {
        let rest = &stat[stat.rfind(')')? + 1..];
        // `rest` starts at field 3 (the state).
        let fields: Vec<f64> = rest
            .split_whitespace()
            .skip(11)
            .take(4)
            .map(|f| f.parse::<f64>().ok())
            .collect::<Option<_>>()?;
        let [utime, stime, cutime, cstime] = <[f64; 4]>::try_from(fields).ok()?;
        Some(CpuTime {
            own: (utime + stime) / 100.0,
            children: (cutime + cstime) / 100.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> std::result::Result<Options, String> {
        Options::parse(&mut Args::from_list(args)).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn cpu_times_are_read_after_the_command_name() {
        let stat = "4242 (x task) R 1 2 3 4 5 6 7 8 9 10 150 25 300 75 20 0 1 0";
        assert_eq!(
            CpuTime::parse(stat),
            Some(CpuTime {
                own: 1.75,
                children: 3.75
            })
        );
        assert_eq!(CpuTime::parse("4242 (x) R 1 2"), None);
        if cfg!(target_os = "linux") {
            assert!(CpuTime::now().is_some());
        }
    }

    #[test]
    fn options() {
        let all = Options {
            quick: true,
            compare_progenitor: true,
            only: None,
        };
        assert_eq!(parse(&["--quick", "--compare", "progenitor"]), Ok(all));
        assert_eq!(parse(&["--quick", "--compare=progenitor"]), Ok(all));
        // What a release build is started with reads back as the same options.
        let args = all.to_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(parse(&args), Ok(all));
        let only = parse(&["--only", "compile,runtime"]).map(|o| o.only);
        let parts = Parts {
            codegen: false,
            compile: true,
            decode: true,
            requests: true,
            soak: true,
            limits: true,
        };
        assert_eq!(only, Ok(Some(parts)));
        let some = Options {
            only: Some(parts),
            ..all
        };
        let args = some.to_args();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_eq!(parse(&args), Ok(some));
        assert!(parse(&["--only", "limits,everything"]).is_err());
        assert!(parse(&["--only"]).is_err());
        assert!(parse(&["--compare", "openapi-generator"]).is_err());
        assert!(parse(&["--slow"]).is_err());
        assert!(parse(&["--compare"]).is_err());
    }
}
