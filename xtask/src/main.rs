//! Maintainer tasks, `cargo xtask <task>`: the table below lists them; `cargo xtask help`
//! prints it. A task is added with an entry here and a function that reads its arguments
//! with [`cli::Args`] and runs (see [`cli`]).

mod bench;
mod cli;
mod codegen_task;
mod docs_task;
mod fetch_task;
mod openapi_task;
mod release_task;
mod snapshots_task;
mod synth;
mod workspace;

use std::process::ExitCode;

use cli::Task;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Every task, in the order `cargo xtask help` lists them.
const TASKS: &[Task] = &[
    Task {
        name: "codegen",
        args: "[--check]",
        summary: "regenerate the client from spec/, or check that the committed code is fresh",
        help: "Regenerates generated-client/src/generated/ and the tests' generated operations from
spec/, and the change fixtures' crates tests/compat/{old,new} from tests/fixtures/changes/.
Prints what the regeneration changes in the API (compared with generated-client/api.txt),
and writes anew the generated entries of CHANGELOG.md's [Unreleased] section: the changes
since the last release (generated-client/api.released.txt), between comment markers; the
section's other lines are kept as they are.

  --check  write nothing; fail, naming the stale files, if the committed code, the API
           record, the manifest's features or the changelog is not what spec/ generates",
        run: codegen_task::command,
        hidden: false,
    },
    Task {
        name: "release",
        args: "",
        summary: "release CHANGELOG.md's [Unreleased] changes as generated-client's next version",
        help:
            "Releases CHANGELOG.md's [Unreleased] section as generated-client's next version, dated
today: the bump its strongest change requires under Cargo's semver rules (before 1.0 a
breaking change bumps the minor version). Sets the version in generated-client/Cargo.toml
and Cargo.lock, and records the released API in generated-client/api.released.txt, from
which the next [Unreleased] section is written.",
        run: release_task::command,
        hidden: false,
    },
    Task {
        name: "snapshots",
        args: "",
        summary: "rewrite the snapshot cases' expected output after a generator change",
        help: "Rewrites every snapshot case's expected/ (tests/fixtures/snapshots/) from its spec/,
after a deliberate change to the generator; review the diff.",
        run: snapshots_task::command,
        hidden: false,
    },
    Task {
        name: "docs check",
        args: "[--skipped]",
        summary: "every difference between the pages and the spec",
        help: "Compares every current page in pages/ with spec/: each difference at the page's
file:line:column and the spec's. Exits 1 on any difference the spec does not explain
(page_differs), 2 if a page, pages/pages.json or spec/ is unreadable. The text the page
readers pass over is summed up by reason.

  --skipped  list each piece of text passed over, with its page line and reason",
        run: docs_task::check_command,
        hidden: false,
    },
    Task {
        name: "docs draft",
        args: "PAGE [--service NAME] [--out DIR]",
        summary: "spec JSON for what a page documents and the spec lacks",
        help: "Writes spec JSON for what PAGE documents and spec/ lacks: new files
spec/<service>/<resource>.json, never replacing one.

  PAGE            the page's file (relative to the current directory)
  --service NAME  the service the page belongs to, when pages/pages.json does not say
  --out DIR       write DIR/<resource>.json instead",
        run: docs_task::draft_command,
        hidden: false,
    },
    Task {
        name: "docs fetch",
        args: "[PAGE…] [--base-url URL] [--timeout SECONDS] [--pages DIR]",
        summary: "download the pages anew; replace those that changed",
        help: fetch_task::HELP,
        run: fetch_task::command,
        hidden: false,
    },
    Task {
        name: "openapi",
        args: "[--out DIR]",
        summary: "the spec as OpenAPI 3.0.3, one document per service",
        help: "Writes one OpenAPI 3.0.3 document per service, DIR/<service>.json.

  --out DIR  where (default: target/openapi in the workspace)",
        run: openapi_task::command,
        hidden: false,
    },
    Task {
        name: "synth",
        args: "--operations N [--out DIR]",
        summary: "a synthetic spec of N operations, for benchmarks",
        help: "Writes a synthetic spec with N operations, shaped like the Workers Builds spec, for
benchmarks.

  --operations N  how many operations
  --out DIR       where (default: target/synth/ops<N> in the workspace)",
        run: synth::command,
        hidden: false,
    },
    Task {
        name: "bench",
        args: "[--quick] [--compare progenitor] [--only PART,...]",
        summary: "measure generation, compile time, decoding and requests; rewrite BENCHMARKS.md",
        help:
            "Measures generation, compile time, decoding and requests (as a release build): prints
`name value unit` lines and rewrites BENCHMARKS.md, and the compile-time chart
benchmarks/compile-time.svg from its figures.

  --quick               fewer runs and smaller sizes, reported in
                        target/bench/BENCHMARKS.quick.md instead
  --compare progenitor  also run progenitor on the same APIs
  --only PART,...       only these parts (codegen, compile, decode, requests, soak,
                        limits; runtime for the last four); the report keeps the
                        figures it has for the others",
        run: bench::command,
        hidden: false,
    },
    Task {
        name: "bench-generate",
        args: "SPEC OUT RUNS",
        summary: "the child process of `bench` that generates one synthetic spec at scale",
        help: "Generates SPEC into OUT once, then times RUNS regenerations; prints the figures.",
        run: bench::codegen::child_command,
        hidden: true,
    },
];

fn main() -> ExitCode {
    cli::main(TASKS)
}
