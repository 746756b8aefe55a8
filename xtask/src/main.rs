//! Maintainer tasks: `cargo xtask codegen [--check]`, `cargo xtask snapshots`, `cargo xtask docs check`,
//! `cargo xtask docs fetch`, `cargo xtask openapi [--out DIR]`,
//! `cargo xtask synth --operations N [--out DIR]`, `cargo xtask bench [--quick] [--compare progenitor]`.

mod bench;
mod codegen_task;
mod docs_task;
mod fetch_task;
mod openapi_task;
mod release_task;
mod snapshots_task;
mod synth;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  codegen           regenerate generated-client/src/generated from spec/, and the change
                    fixtures' crates tests/compat/{old,new} from tests/fixtures/changes/
  codegen --check   fail, naming the stale files, if the committed code is not what spec/ generates
                    (codegen prints what the regeneration changes in the API, compared with
                    generated-client/api.txt, and adds it to CHANGELOG.md under [Unreleased])
  release           release CHANGELOG.md's [Unreleased] changes as generated-client's next
                    version: the bump its strongest change requires under Cargo's semver rules
  snapshots         rewrite every snapshot case's expected/ (tests/fixtures/snapshots/) from its
                    spec/, after a deliberate change to the generator; review the diff
  docs check        compare every current page in pages/ with spec/: each difference at the
                    page's file:line:column and the spec's; exit 1 on any the spec does not
                    explain (page_differs), 2 if a page, pages/pages.json or spec/ is unreadable
  docs draft PAGE [--service NAME] [--out DIR]
                    write spec JSON for what PAGE documents and spec/ lacks: new files
                    spec/<service>/<resource>.json (or DIR/<resource>.json), never replacing one
  docs fetch [PAGE…] [--base-url URL] [--timeout SECONDS] [--pages DIR]
                    download the current version of every page pages/pages.json gives a url
                    (or of each PAGE), check it, and replace the kept copies that changed;
                    exit 0 if none changed, 3 if some did (run docs check next), 4 if a page
                    failed (nothing is written then); `docs fetch --help` says more
  openapi [--out DIR]
                    write one OpenAPI 3.0.3 document per service, DIR/<service>.json
                    (default DIR: target/openapi, relative to the workspace root)
  synth --operations N [--out DIR]
                    write a synthetic spec with N operations, shaped like the Workers Builds
                    spec, for benchmarks (default DIR: target/synth/ops<N>)
  bench [--quick] [--compare progenitor]
                    measure generation, compile time, decoding and requests (release build);
                    print `name value unit` lines and rewrite BENCHMARKS.md. --quick: fewer
                    runs and smaller sizes, reported in target/bench/BENCHMARKS.quick.md;
                    --compare progenitor: also run progenitor";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen_task::run(codegen_generator::write::Mode::Write),
        ["codegen", "--check"] => codegen_task::run(codegen_generator::write::Mode::Check),
        ["release"] => release_task::run(),
        ["snapshots"] => snapshots_task::run(),
        ["docs", "check"] => docs_task::check(),
        ["docs", "draft", page, rest @ ..] => docs_task::draft(page, rest),
        ["docs", "fetch", rest @ ..] => fetch_task::run(rest),
        ["openapi"] => openapi_task::run(None),
        ["openapi", "--out", dir] => openapi_task::run(Some(dir)),
        ["synth", "--operations", n] => synth::run(n, None),
        ["synth", "--operations", n, "--out", dir] => synth::run(n, Some(dir)),
        ["bench", rest @ ..] => bench::run(rest),
        // The child process of `bench` that generates one synthetic spec at scale.
        ["bench-generate", spec, out, runs] => bench::codegen::child(spec, out, runs),
        ["help" | "--help" | "-h"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}
