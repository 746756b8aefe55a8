//! Maintainer tasks: `cargo xtask codegen [--check]`, `cargo xtask openapi [--out DIR]`.

mod codegen_task;
mod openapi_task;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  codegen           regenerate generated-client/src/generated from spec/
  codegen --check   fail, naming the stale files, if the committed code is not what spec/ generates
  openapi [--out DIR]
                    write one OpenAPI 3.0.3 document per service, DIR/<service>.json
                    (default DIR: target/openapi, relative to the workspace root)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["codegen"] => codegen_task::run(codegen::write::Mode::Write),
        ["codegen", "--check"] => codegen_task::run(codegen::write::Mode::Check),
        ["openapi"] => openapi_task::run(None),
        ["openapi", "--out", dir] => openapi_task::run(Some(dir)),
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
