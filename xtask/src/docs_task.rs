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
    match codegen_pages::docs::check(Path::new("")) {
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

/// Drafts spec files for what a page documents and the spec lacks.
pub fn draft(page: &str, args: &[&str]) -> ExitCode {
    let mut service = None;
    let mut out = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match (*arg, rest.next()) {
            ("--service", Some(name)) => service = Some(*name),
            ("--out", Some(dir)) => out = Some(*dir),
            _ => {
                eprintln!("usage: cargo xtask docs draft PAGE [--service NAME] [--out DIR]");
                return ExitCode::FAILURE;
            }
        }
    }
    // Paths given on the command line are relative to where the command was run.
    let page = match std::fs::canonicalize(page) {
        Ok(page) => page,
        Err(e) => {
            eprintln!("error: {page}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = out.map(|dir| {
        std::env::current_dir()
            .map(|cwd| cwd.join(dir))
            .unwrap_or_default()
    });
    if let Err(code) = enter_workspace() {
        return code;
    }
    let root = std::env::current_dir().unwrap_or_default();
    let draft = match codegen_pages::docs::draft(&root, &page, service) {
        Ok(draft) => draft,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("error: nothing was drafted");
            return ExitCode::from(UNREADABLE);
        }
    };
    if draft.files.is_empty() {
        println!(
            "docs draft: the spec has all {} operations of the page; nothing to draft",
            draft.known_operations
        );
        return ExitCode::SUCCESS;
    }
    let written = match &out {
        Some(dir) => draft.write_to(dir),
        None => draft.write(&root),
    };
    match written {
        Ok(paths) => {
            for (file, path) in draft.files.iter().zip(paths) {
                println!(
                    "wrote {}: {} operations, {} types",
                    path.strip_prefix(&root).unwrap_or(&path).display(),
                    file.operations,
                    file.types
                );
                for note in &file.notes {
                    println!("  check: {note}");
                }
            }
            println!("then: cargo xtask codegen, and cargo xtask docs check");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
