//! `cargo xtask bench [--quick] [--compare progenitor] [--only PART,...]`: measures the
//! generator (time and peak memory at scale), the generated client (compile time,
//! decoding, requests, soak, limits), and optionally progenitor on the same APIs; prints
//! one `name value unit` line per figure and rewrites BENCHMARKS.md with them (a `--quick`
//! run writes target/bench/BENCHMARKS.quick.md instead). With `--only`, the parts not run
//! keep the figures the report already has, and the report says from which run.

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
            let path = if options.quick {
                root.join("target/bench/BENCHMARKS.quick.md")
            } else {
                root.join("BENCHMARKS.md")
            };
            if options.only.is_some() {
                report::keep_earlier(&path, &mut figures);
            }
            if let Err(e) = report::write(&path, &command, options, &figures) {
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

fn run_all(root: &Path, options: Options) -> Result<Figures> {
    let mut figures = Figures::default();
    let quick = options.quick;
    if options.runs(|parts| parts.codegen) {
        codegen::real(root, if quick { 3 } else { 10 }, &mut figures)?;
        codegen::scale(
            root,
            &[250, 1000, 2500],
            if quick { 3 } else { 10 },
            &mut figures,
        )?;
    }
    if options.runs(|parts| parts.compile) {
        compile::run(
            root,
            if quick { 250 } else { 1000 },
            2500,
            if quick { 1 } else { 3 },
            &mut figures,
        )?;
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
        progenitor::run(root, &mut figures)?;
    }
    Ok(figures)
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
    let started = std::time::Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err(format!("{command:?} failed: {status}"));
    }
    Ok(elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> std::result::Result<Options, String> {
        Options::parse(&mut Args::from_list(args)).map_err(|e| format!("{e:?}"))
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
