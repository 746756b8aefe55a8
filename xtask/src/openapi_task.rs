//! `cargo xtask openapi [--out DIR]`: spec/ -> one OpenAPI 3.0.3 document per service.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Arg, Args, Outcome, Workspace};

/// Where the documents go by default, relative to the workspace root.
pub const DEFAULT_OUT_DIR: &str = "target/openapi";

/// `cargo xtask openapi [--out DIR]`.
pub fn command(args: &mut Args, workspace: &Workspace) -> Outcome {
    let mut out = None;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("out") => out = Some(args.path()?),
            arg => return Err(arg.unexpected().into()),
        }
    }
    Ok(run(&workspace.root()?, out.as_deref()))
}

fn run(root: &Path, out: Option<&Path>) -> ExitCode {
    // `--out` is relative to where the task was started; the default, to the workspace.
    let out = match out {
        Some(dir) => match std::path::absolute(dir) {
            Ok(dir) => dir,
            Err(e) => {
                eprintln!("error: cannot resolve {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        },
        None => PathBuf::from(DEFAULT_OUT_DIR),
    };
    if let Err(e) = std::env::set_current_dir(root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let spec = match codegen_spec::load_and_validate(Path::new("spec")) {
        Ok(spec) => spec,
        Err(diagnostics) => return crate::codegen_task::report_spec_errors(&diagnostics),
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (service, document) in codegen_generator::openapi::export(&spec) {
        let path = out.join(format!("{service}.json"));
        if let Err(e) = std::fs::write(&path, codegen_generator::openapi::to_pretty_json(&document))
        {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("{}", path.display());
    }
    ExitCode::SUCCESS
}
