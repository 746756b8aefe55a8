//! BENCHMARKS.md: rewritten on each run, except the analysis section, which is kept.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use super::{Figure, Figures, Options};

/// The first hand-written section: a rerun keeps it, and every section after it.
pub const ANALYSIS_HEADING: &str = "## What limits generation time";
const ANALYSIS_PLACEHOLDER: &str = "\n(analysis below)\n";

const INTRO: &str = "\
What `cargo xtask bench` measures, and how:

- **Generation**: the real spec as `cargo xtask codegen --check` handles it, in process and \
warm (one run first, not timed): `codegen_generator::generate` (load and validate, model, \
emit, parse and print every file in parallel beside the API record) with the API records \
read beside it, then the API compared with `api.txt` and the release, the changelog, and \
both output folders, `api.txt`, the manifest's features and the changelog compared with \
the disk; the median of 20 runs (5 in a quick run), and of each stage (the generator \
times its own stages). \
`codegen.command.ms` is the whole of `cargo xtask codegen --check`, the change fixtures' \
crates included. Each synthetic size (`cargo xtask synth`) runs in a child process of its \
own, which generates once to write its output (not timed), then times generate + check \
and reports its own peak resident memory (VmHWM).
- **Compile time**: a debug `cargo build` of generated-client alone, as a standalone copy \
under target/bench/compile/ whose dependencies are already built (a warm-up build is not \
timed); `src/lib.rs` is touched before each timed build, and incremental compilation is \
off (`CARGO_INCREMENTAL=0`), so the crate compiles from scratch; the median of 3 builds. \
Built: every feature, each service alone (`--no-default-features --features cloudflare`), \
single resources as a crate needing one part of the API enables them, and the first \
service of synthetic specs of several sizes (the chart's points).
- **Decoding**: a 10,000-build list response made from the documentation's example, decoded \
through the generated types exactly as the client does, into a minimal hand-written serde \
struct of the same shape (the baseline), and into `serde_json::Value`; median time per decode.
- **Requests**: sequential calls on one keep-alive connection to an HTTP/1.1 server on \
loopback in the same process, through the generated client and through a bare \
`reqwest::Client` that sends the same headers and decodes the same envelope; median of rounds.
- **Soak**: calls from 8 tasks through one client against a loopback server mixing \
`200`, `429`, `503` and dropped connections, reading resident memory and open files from \
`/proc/self`; one call whose body never ends; and 1,000 callers at once through one \
client with the default settings against a server that answers after 20 ms, with open \
files and resident memory sampled every 5 ms.
- **Limits**: 200 callers at once of an always-`503` server through one client, twice \
(the retry budget fresh, then spent) and with the budget disabled; 2,000 calls with one \
request in twenty failing. Then a loopback server enforcing a scaled-down rate limit \
(250 requests per 5 s window) with each service's own headers, called by 16 tasks \
through one client for four windows: the requests served per second against the limit.
- **progenitor** (`--compare progenitor`): `cargo progenitor` on our OpenAPI export of each \
real service and of the first service of each synthetic size, and a debug build of its \
crate measured as ours.

Medians throughout; MB is 2^20 bytes. Figures are printed as `name value unit`.
";

/// Rewrites `path` with the figures, keeping the analysis section of the existing file.
/// `chart` is the compile-time chart's path relative to the report, when there is one.
pub fn write(
    path: &Path,
    command: &str,
    options: Options,
    figures: &Figures,
    chart: Option<&str>,
) -> std::io::Result<()> {
    let analysis = std::fs::read_to_string(path)
        .ok()
        .and_then(|old| {
            let start = old.find(&format!("\n{ANALYSIS_HEADING}\n"))?;
            Some(old[start + ANALYSIS_HEADING.len() + 2..].to_owned())
        })
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| ANALYSIS_PLACEHOLDER.to_owned());
    let mut out = String::new();
    out += "# Benchmarks\n\n<!-- Written by `cargo xtask bench`; a rerun rewrites everything above \"What limits generation time\" and keeps the hand-written sections from there on. -->\n\n";
    out += INTRO;
    out += "\n## Machine and command\n\n";
    for (what, value) in machine() {
        let _ = writeln!(out, "- {what}: {value}");
    }
    let _ = writeln!(out, "- Command: `{command}`");
    if let Some(earlier) = &figures.kept_from {
        let _ = writeln!(
            out,
            "- The figures this command did not measure are those of an earlier `{earlier}`."
        );
    }
    if options.quick {
        out += "- Quick run: fewer runs and smaller sizes; each figure is named after what was measured.\n";
    }
    let sections: [(&str, Belongs); 11] = [
        ("Generation", |n| {
            n.starts_with("codegen.") && !n.ends_with(".lines")
        }),
        ("Compile time of the generated client (debug)", |n| {
            n.starts_with("compile.") && !n.contains("vs_progenitor")
                || n.ends_with(".lines") && n.starts_with("codegen.")
                || n.starts_with("spec.")
        }),
        ("Compile time against operations", |_| false),
        ("Decoding a 10,000-build list response", |n| {
            n.starts_with("decode.")
        }),
        ("Requests on loopback", |n| n.starts_with("requests.")),
        (
            "Soak: calls against a server mixing 200, 429, 503 and dropped connections",
            |n| n.starts_with("soak.") && !n.starts_with("soak.concurrent."),
        ),
        (
            "Soak: 1,000 callers at once through one client, against a slow server",
            |n| n.starts_with("soak.concurrent."),
        ),
        ("Retry budget: callers of a failing server", |n| {
            n.starts_with("limits.budget.")
        }),
        ("Rate limits kept to", |n| n.starts_with("limits.rate.")),
        ("Compared with progenitor", |n| {
            n.starts_with("progenitor.") || n.starts_with("ours.") || n.contains("vs_progenitor")
        }),
        ("Load of the machine while measuring", |n| {
            n.starts_with("load.")
        }),
    ];
    for (title, belongs) in sections {
        let rows: Vec<&Figure> = figures.list.iter().filter(|f| belongs(&f.name)).collect();
        let mut notes: Vec<String> = if title.contains("progenitor") {
            figures.notes.clone()
        } else {
            Vec::new()
        };
        if title == "Compile time against operations"
            && let Some(chart) = chart
        {
            notes.push(format!("{CHART_TEXT}\n\n![{title}]({chart})"));
        }
        if title.starts_with("Load") && !rows.is_empty() {
            notes.push(LOAD_TEXT.to_owned());
        }
        if rows.is_empty() && notes.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {title}\n\n");
        if !rows.is_empty() {
            out += "| Figure | Value | What |\n|---|---:|---|\n";
            for figure in &rows {
                let _ = writeln!(
                    out,
                    "| `{}` | {} {} | {} |",
                    figure.name,
                    figure.value_text(),
                    figure.unit,
                    describe(&figure.name)
                );
            }
        }
        for (index, note) in notes.iter().enumerate() {
            // Under the heading's blank line, the first note needs no other.
            let gap = if index == 0 && rows.is_empty() {
                ""
            } else {
                "\n"
            };
            let _ = writeln!(out, "{gap}{note}");
        }
    }
    out += "\n## Targets\n\n| Target | Measured | |\n|---|---:|---|\n";
    for (name, target, check) in TARGETS {
        let (measured, verdict) = match figures.list.iter().find(|f| f.name == *name) {
            Some(f) if check(f.value) => (format!("{} {}", f.value_text(), f.unit), "met"),
            Some(f) => (format!("{} {}", f.value_text(), f.unit), "**missed**"),
            None => ("-".to_owned(), "not measured"),
        };
        let _ = writeln!(out, "| `{name}` {target} | {measured} | {verdict} |");
    }
    let _ = write!(out, "\n{ANALYSIS_HEADING}\n{analysis}");
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, out)
}

/// Adds to `figures` those of the report at `path` that this run did not measure, with
/// the notes of its comparison with progenitor when this run made none, and the command
/// that measured them. A report that cannot be read adds nothing.
pub fn keep_earlier(path: &Path, figures: &mut Figures) {
    let Ok(old) = std::fs::read_to_string(path) else {
        return;
    };
    // The figures' tables end where the targets begin.
    let tables = old.split("\n## Targets\n").next().unwrap_or_default();
    for line in tables.lines() {
        let Some(figure) = figure_row(line) else {
            continue;
        };
        if figures.get(&figure.name).is_none() {
            figures.list.push(figure);
        }
    }
    if figures.notes.is_empty() {
        figures.notes = progenitor_notes(&old);
    }
    let command = old
        .lines()
        .find_map(|line| line.strip_prefix("- Command: `")?.strip_suffix('`'));
    let earlier = old.lines().find_map(|line| {
        line.strip_prefix("- The figures this command did not measure are those of an earlier `")?
            .strip_suffix("`.")
    });
    // Figures kept twice come from the first run that measured them.
    figures.kept_from = earlier.or(command).map(str::to_owned);
}

/// A figure from a row of a section's table: `| `name` | value unit | what |`.
fn figure_row(line: &str) -> Option<Figure> {
    let mut cells = line.strip_prefix('|')?.split('|');
    let name = cells.next()?.trim().strip_prefix('`')?.strip_suffix('`')?;
    Figure::parse(&format!("{name} {}", cells.next()?.trim()))
}

/// The paragraphs under the progenitor section's table.
fn progenitor_notes(report: &str) -> Vec<String> {
    let Some(start) = report.find("\n## Compared with progenitor\n") else {
        return Vec::new();
    };
    let section = &report[start + 1..];
    let section = section[3..]
        .find("\n## ")
        .map_or(section, |end| &section[..end + 3]);
    section
        .split("\n\n")
        .skip(1)
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty() && !paragraph.starts_with('|'))
        .map(str::to_owned)
        .collect()
}

type Check = fn(f64) -> bool;
/// Whether a figure, by name, belongs in a section.
type Belongs = fn(&str) -> bool;

const CHART_TEXT: &str = "\
Debug build of one service's crate, dependencies built, against the service's operations: \
ours with `--no-default-features --features <service>`, progenitor's crate for the \
service's OpenAPI export. Lines join the first service of synthetic specs \
(`cargo xtask synth`, which splits its operations between two services); squares are the \
real services. `cargo xtask bench` draws it from the figures of this report, those of the \
comparison with progenitor included.";

const LOAD_TEXT: &str = "\
The one-minute load average of the machine (/proc/loadavg) before and after each part: \
on a shared machine other builds run beside the bench, and a load above the number of \
cores slows every figure of that part.";

/// The targets the figures are held to. Compile times are debug builds with the
/// dependencies (the runtime included) built; ratios are of figures of one run.
const TARGETS: [(&str, &str, Check); 25] = [
    // The real spec, as `cargo xtask codegen --check` handles it.
    ("codegen.real.ms", "<= 100 ms", |v| v <= 100.0),
    ("codegen.ops2500.ms", "<= 500 ms", |v| v <= 500.0),
    ("codegen.ops2500.peak_mb", "<= 200 MB", |v| v <= 200.0),
    ("compile.cloudflare.vs_progenitor", "<= 0.5", |v| v <= 0.5),
    ("compile.buddy.vs_progenitor", "<= 0.5", |v| v <= 0.5),
    // One resource of the real spec, as a downstream crate enabling one feature.
    ("compile.real.cloudflare-kv-values.s", "<= 1 s", |v| {
        v <= 1.0
    }),
    ("compile.real.cloudflare-kv-namespaces.s", "<= 1 s", |v| {
        v <= 1.0
    }),
    ("compile.real.cloudflare-script-secrets.s", "<= 1 s", |v| {
        v <= 1.0
    }),
    ("compile.real.cloudflare-builds.s", "<= 1 s", |v| v <= 1.0),
    ("compile.real.buddy-pipelines.s", "<= 1 s", |v| v <= 1.0),
    ("compile.synth1000.all.s", "<= 45 s", |v| v <= 45.0),
    // One resource of 2,500 operations, as a downstream crate enabling one feature.
    ("compile.synth2500.alpha-r0000.s", "<= 10 s", |v| v <= 10.0),
    ("decode.generated_vs_baseline", "<= 1.05", |v| v <= 1.05),
    ("requests.client_vs_reqwest", ">= 0.95", |v| v >= 0.95),
    ("codegen.scale.us_per_op_2500_vs_250", "<= 1.5", |v| {
        v <= 1.5
    }),
    ("soak.rss_growth_mb", "< 5 MB", |v| v < 5.0),
    // The 32 MiB limit, and the buffer's last doubling below it.
    ("soak.endless_body_peak_growth_mb", "<= 64 MB", |v| {
        v <= 64.0
    }),
    // The default bound on requests in flight, whatever the callers.
    ("soak.concurrent.server_peak_in_flight", "<= 64", |v| {
        v <= 64.0
    }),
    // The sockets of 64 connections, both ends (the server is in the process), and a few.
    ("soak.concurrent.fds_peak", "<= 160 files", |v| v <= 160.0),
    ("limits.budget.spent_requests_per_call", "<= 1.05", |v| {
        v <= 1.05
    }),
    ("limits.budget.flaky_failed", "= 0", |v| v == 0.0),
    ("limits.rate.cloudflare.vs_limit", ">= 0.95", |v| v >= 0.95),
    ("limits.rate.buddy.vs_limit", ">= 0.95", |v| v >= 0.95),
    ("limits.rate.cloudflare.rejected", "= 0", |v| v == 0.0),
    ("limits.rate.buddy.rejected", "= 0", |v| v == 0.0),
];

/// A line of text for a figure's name.
fn describe(name: &str) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    let ops = |part: &str| {
        part.trim_start_matches("ops")
            .trim_start_matches("synth")
            .to_owned()
    };
    match parts.as_slice() {
        ["codegen", "real", "ms"] => {
            "the real spec: generate, and compare with the disk as `codegen --check` does".into()
        }
        ["codegen", "real", stage, _] => describe_stage(stage).into(),
        ["codegen", "command", "ms"] => {
            "`cargo xtask codegen --check` in process: the real spec and the change fixtures' crates"
                .into()
        }
        ["codegen", "real", "lines"] => "lines of the generated client, real spec".into(),
        ["spec", service, "operations"] => format!("operations of the `{service}` spec"),
        ["load", part, when] => format!("load average {when} the {part} part"),
        ["codegen", "scale", ratio] => format!(
            "time per operation, {}",
            ratio
                .trim_start_matches("us_per_op_")
                .replace("_vs_", " ops vs ")
                + " ops"
        ),
        ["codegen", size, "ms"] => format!("{} operations: generate + check", ops(size)),
        ["codegen", size, "us_per_op"] => format!("{} operations: time per operation", ops(size)),
        ["codegen", size, "peak_mb"] => format!("{} operations: peak memory (VmHWM)", ops(size)),
        ["codegen", size, "lines"] => {
            format!("lines of the generated client, {} operations", ops(size))
        }
        ["compile", variant, what, "cpu_s"] => format!(
            "{}: CPU time (rustc's, user + system)",
            describe(&format!("compile.{variant}.{what}.s"))
        ),
        ["progenitor", name, "compile", "cpu_s"] => format!(
            "{}: CPU time",
            describe(&format!("progenitor.{name}.compile.s"))
        ),
        ["compile", service, "same_operations_vs_progenitor"] => format!(
            "compile time, ours / progenitor's crate, `{service}` alone, both with the \
             operations progenitor was given"
        ),
        ["ours", service, "same_operations", "compile", what] => format!(
            "debug build of our client for {service} without the operations progenitor \
             refuses{}",
            if *what == "cpu_s" { ": CPU time" } else { "" }
        ),
        ["compile", name, "vs_progenitor_cpu"] => format!(
            "{}, in CPU time",
            describe(&format!("compile.{name}.vs_progenitor"))
        ),
        ["codegen", "real", "cpu_ms"] => {
            "CPU time of one run of `codegen.real.ms`, all threads (user + system)".into()
        }
        ["compile", size, "vs_progenitor"] if size.starts_with("synth") => format!(
            "compile time, ours / progenitor's crate, first service of {} operations",
            ops(size)
        ),
        ["compile", service, "vs_progenitor"] => {
            format!("compile time, ours / progenitor's crate, `{service}` alone")
        }
        ["compile", "real", "all", _] => "real spec, all features".into(),
        ["compile", "real", service, _] => format!("real spec, `{service}` only"),
        ["compile", size, "all", _] => format!("{} operations, all features", ops(size)),
        ["compile", size, service, _] => format!("{} operations, `{service}` only", ops(size)),
        ["decode", "generated", _] => "generated types, as the client decodes".into(),
        ["decode", "baseline", _] => "hand-written serde structs of the same shape".into(),
        ["decode", "value", _] => "`serde_json::Value`".into(),
        ["decode", "generated_vs_baseline"] => "time, generated / baseline".into(),
        ["requests", "client", _] => "`client.builds().get(..)`".into(),
        ["requests", "reqwest", _] => "bare reqwest, same headers, same decoding".into(),
        ["requests", "client_vs_reqwest"] => "throughput, client / reqwest".into(),
        ["soak", "calls"] => "calls, from 8 tasks through one client (`builds().get`)".into(),
        ["soak", "calls_per_s"] => "throughput, retries included".into(),
        ["soak", "failed"] => "calls whose every attempt met a fault".into(),
        ["soak", "rss_start_mb"] => "resident memory after 2,000 calls of warm-up".into(),
        ["soak", "rss_end_mb"] => "resident memory at the end".into(),
        ["soak", "rss_growth_mb"] => "growth over the soak".into(),
        ["soak", "fds_start"] => "open file descriptors after the warm-up".into(),
        ["soak", "fds_end"] => "open file descriptors at the end".into(),
        ["soak", "endless_body_peak_growth_mb"] => {
            "peak memory (VmHWM) growth over one call whose body never ends (limit 32 MiB)".into()
        }
        ["soak", "concurrent", what] => describe_concurrent(what).into(),
        ["limits", "budget", what] => describe_budget(what).into(),
        ["limits", "rate", service, what] => describe_rate(service, what),
        ["progenitor", size, what, ..] if size.starts_with("synth") => format!(
            "progenitor, first service of {} operations: {}",
            ops(size),
            match *what {
                "generate" => "`cargo progenitor`",
                "lines" => "lines of its crate",
                _ => "debug build of its crate",
            }
        ),
        ["progenitor", service, "operations"] => {
            format!("the spec's operations in the OpenAPI document progenitor is given for {service}")
        }
        ["progenitor", service, "generate", _] => {
            format!("`cargo progenitor` on {service}'s OpenAPI document")
        }
        ["ours", service, "generate", _] => format!("ours on {service}'s spec: generate + write"),
        ["progenitor", service, "lines"] => format!("lines of progenitor's crate for {service}"),
        ["ours", service, "lines"] => format!("lines of our client for {service}"),
        ["progenitor", service, "compile", _] => {
            format!("debug build of progenitor's crate for {service}")
        }
        ["ours", "compile", _] => {
            "debug build of our client, both services (`compile.real.all.s`)".into()
        }
        _ => String::new(),
    }
}

fn describe_stage(stage: &str) -> &'static str {
    match stage {
        "generate" => "stage: `codegen_generator::generate`, start to end (the stages below)",
        "load_validate" => "stage: loading and validating the spec",
        "model" => "stage: the model, and the emitters' lookups",
        "files" => "stage: every file emitted, parsed and printed, in parallel (wall time)",
        "emit" => "emitting tokens with `quote`, summed over the files (threads' time)",
        "parse" => "parsing them with syn (and marking methods inline), summed over the files",
        "print" => "printing with prettyplease (and dropping the trees), summed over the files",
        "slowest_file" => "the slowest file alone: emit + parse + print",
        "surface" => "stage: the API record, on a thread beside the files (wall time)",
        "check" => {
            "stage: what `codegen --check` adds after generating: the API's comparison with \
             api.txt and the release, the changelog, the files compared with the disk"
        }
        _ => "",
    }
}

fn describe_concurrent(what: &str) -> &'static str {
    match what {
        "callers" => "tasks calling `builds().get` at once through one client",
        "calls_per_s" => "throughput, the server answering each request after 20 ms",
        "failed" => "calls that failed",
        "server_peak_in_flight" => "most requests at the server at once (the bound: 64)",
        "fds_before" => "open file descriptors before the callers start",
        "fds_peak" => "most open file descriptors (client and server sockets)",
        "rss_before_mb" => "resident memory before the callers start",
        "rss_peak_mb" => "most resident memory while they call",
        _ => "",
    }
}

fn describe_budget(what: &str) -> &'static str {
    match what {
        "fresh_requests_per_call" => {
            "always `503`, 200 callers: requests per call while the budget lasts (3 without)"
        }
        "spent_requests_per_call" => "the next 200 callers: requests per call, budget spent",
        "unlimited_requests_per_call" => "200 callers, budget disabled: requests per call",
        "flaky_failed" => "one request in twenty failing: calls that failed",
        "flaky_requests_per_call" => "one request in twenty failing: requests per call",
        _ => "",
    }
}

fn describe_rate(service: &str, what: &str) -> String {
    let what = match what {
        "limit_per_s" => "the limit, per second",
        "calls_per_s" => "requests the server served per second over four windows",
        "vs_limit" => "served / allowed",
        "rejected" => "`429`s the server sent",
        "reset_lag_ms" => "a window's start to its first request (median)",
        _ => return String::new(),
    };
    format!("{service}'s headers: {what}")
}

/// CPU, memory, OS and toolchain.
fn machine() -> Vec<(&'static str, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown".to_owned(), |(_, m)| m.trim().to_owned());
    let cpus = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let line = m.lines().find(|l| l.starts_with("MemTotal:"))?.to_owned();
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!("{:.1} GiB", kb / 1024.0 / 1024.0))
        })
        .unwrap_or_else(|| "unknown".to_owned());
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|r| {
            let line = r.lines().find_map(|l| l.strip_prefix("PRETTY_NAME="))?;
            Some(line.trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    vec![
        ("CPU", format!("{model} x {cpus}")),
        ("Memory", memory),
        ("OS", format!("{os}, Linux {}", kernel.trim())),
        ("Toolchain", rustc),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_keeps_the_analysis_and_the_targets_say_met_or_missed() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("BENCHMARKS.md");
        let mut figures = Figures::default();
        figures
            .list
            .push(Figure::new("codegen.ops2500.ms", 1224.9, "ms"));
        figures
            .list
            .push(Figure::new("decode.generated_vs_baseline", 1.02, "x"));
        let options = Options {
            quick: true,
            compare_progenitor: false,
            only: None,
        };
        write(&path, "cargo xtask bench --quick", options, &figures, None)?;
        let first = std::fs::read_to_string(&path)?;
        assert!(first.ends_with(&format!("{ANALYSIS_HEADING}\n{ANALYSIS_PLACEHOLDER}")));
        assert!(first.contains("| `codegen.ops2500.ms` <= 500 ms | 1224.9 ms | **missed** |"));
        assert!(first.contains("| `decode.generated_vs_baseline` <= 1.05 | 1.020 x | met |"));
        assert!(first.contains("| `requests.client_vs_reqwest` >= 0.95 | - | not measured |"));

        let analysis = "\nParsing dominates.\n\n### Details\n\nMore.\n";
        std::fs::write(&path, first.replace(ANALYSIS_PLACEHOLDER, analysis))?;
        write(&path, "cargo xtask bench", options, &figures, None)?;
        let second = std::fs::read_to_string(&path)?;
        assert!(second.ends_with(&format!("{ANALYSIS_HEADING}\n{analysis}")));
        assert!(second.contains("- Command: `cargo xtask bench`\n"));
        Ok(())
    }

    #[test]
    fn a_partial_run_keeps_the_figures_and_notes_it_did_not_measure() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("BENCHMARKS.md");
        let mut full = Figures::default();
        for (name, value, unit) in [
            ("codegen.ops2500.ms", 1569.8, "ms"),
            ("codegen.real.lines", 14654.0, "lines"),
            ("requests.client.rps", 10206.8, "req/s"),
            ("progenitor.buddy.lines", 3174.0, "lines"),
        ] {
            full.list.push(Figure::new(name, value, unit));
        }
        full.notes
            .push("progenitor runs as `cargo progenitor`.".to_owned());
        let options = Options {
            quick: false,
            compare_progenitor: true,
            only: None,
        };
        write(
            &path,
            "cargo xtask bench --compare progenitor",
            options,
            &full,
            None,
        )?;

        let mut partial = Figures::default();
        partial
            .list
            .push(Figure::new("requests.client.rps", 9000.0, "req/s"));
        keep_earlier(&path, &mut partial);
        assert_eq!(partial.get("requests.client.rps"), Some(9000.0));
        assert_eq!(partial.get("codegen.ops2500.ms"), Some(1569.8));
        assert_eq!(partial.get("codegen.real.lines"), Some(14654.0));
        assert_eq!(partial.get("progenitor.buddy.lines"), Some(3174.0));
        assert_eq!(partial.notes, full.notes);
        assert_eq!(
            partial.kept_from.as_deref(),
            Some("cargo xtask bench --compare progenitor")
        );
        write(
            &path,
            "cargo xtask bench --only requests",
            options,
            &partial,
            None,
        )?;
        let text = std::fs::read_to_string(&path)?;
        assert!(text.contains(
            "- The figures this command did not measure are those of an earlier \
             `cargo xtask bench --compare progenitor`.\n"
        ));
        assert!(text.contains("| `requests.client.rps` | 9000 req/s |"));
        assert!(text.contains("\nprogenitor runs as `cargo progenitor`.\n"));
        // A second partial run still names the run that measured the rest.
        let mut again = Figures::default();
        keep_earlier(&path, &mut again);
        assert_eq!(
            again.kept_from.as_deref(),
            Some("cargo xtask bench --compare progenitor")
        );
        assert_eq!(again.list.len(), 4);
        Ok(())
    }
}
