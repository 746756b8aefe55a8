//! `cargo xtask docs check` and `cargo xtask docs draft PAGE [--service NAME] [--out DIR]`.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use crate::codegen_task::workspace_root;

/// Exit status when a page, the manifest or the spec cannot be read at all.
const UNREADABLE: u8 = 2;

/// Compares every current page with the spec: exit 0 when every difference is explained,
/// 1 when one is not, 2 when something cannot be read.
pub fn check() -> ExitCode {
    let started = Instant::now();
    if let Err(code) = enter_workspace() {
        return code;
    }
    match codegen::docs::check(Path::new("")) {
        Ok(report) => {
            print!("{report}");
            println!("docs check: {} ms", started.elapsed().as_millis());
            if report.is_clean() {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "error: {} difference{} between the pages and the spec that the spec does not explain",
                    report.differences.len(),
                    if report.differences.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
                ExitCode::FAILURE
            }
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("error: the pages or the spec could not be read; nothing was compared");
            ExitCode::from(UNREADABLE)
        }
    }
}

fn enter_workspace() -> Result<(), ExitCode> {
    let root = workspace_root();
    std::env::set_current_dir(&root).map_err(|e| {
        eprintln!("error: cannot enter {}: {e}", root.display());
        ExitCode::FAILURE
    })
}
