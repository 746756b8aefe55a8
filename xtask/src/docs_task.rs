//! `cargo xtask docs check` and `cargo xtask docs draft PAGE [--service NAME] [--out DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::cli::{Arg, Args, Error, Outcome, Workspace};

/// Exit status when a page, the manifest or the spec cannot be read at all.
const UNREADABLE: u8 = 2;

/// `cargo xtask docs check`.
pub fn check_command(args: &mut Args, workspace: &Workspace) -> Outcome {
    let mut every_skipped = false;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("skipped") => every_skipped = true,
            arg => return Err(arg.unexpected().into()),
        }
    }
    Ok(check(&workspace.root()?, every_skipped))
}

/// `cargo xtask docs draft PAGE [--service NAME] [--out DIR]`.
pub fn draft_command(args: &mut Args, workspace: &Workspace) -> Outcome {
    let mut page = None;
    let mut service = None;
    let mut out = None;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("service") => service = Some(args.string()?),
            Arg::Long("out") => out = Some(args.path()?),
            Arg::Value(value) if page.is_none() => page = Some(PathBuf::from(value)),
            arg => return Err(arg.unexpected().into()),
        }
    }
    let page =
        page.ok_or_else(|| Error::Usage("PAGE, the page to draft from, is missing".to_owned()))?;
    Ok(draft(
        &workspace.root()?,
        &page,
        service.as_deref(),
        out.as_deref(),
    ))
}

/// Compares every current page with the spec: exit 0 when every difference is explained,
/// 1 when one is not, 2 when something cannot be read.
fn check(root: &Path, every_skipped: bool) -> ExitCode {
    let started = Instant::now();
    if let Err(code) = enter_workspace(root) {
        return code;
    }
    match codegen_pages::docs::check(Path::new("")) {
        Ok(report) => {
            if every_skipped {
                print!("{report:#}");
            } else {
                print!("{report}");
            }
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

/// Enters the workspace, so that paths in messages read relative to it
/// (`pages/cloudflare/workers-builds.md:89:9`).
fn enter_workspace(root: &Path) -> Result<(), ExitCode> {
    std::env::set_current_dir(root).map_err(|e| {
        eprintln!("error: cannot enter {}: {e}", root.display());
        ExitCode::FAILURE
    })
}

/// Drafts spec files for what a page documents and the spec lacks.
fn draft(root: &Path, page: &Path, service: Option<&str>, out: Option<&Path>) -> ExitCode {
    // Paths given on the command line are relative to where the command was run.
    let page = match std::fs::canonicalize(page) {
        Ok(page) => page,
        Err(e) => {
            eprintln!("error: {}: {e}", page.display());
            return ExitCode::FAILURE;
        }
    };
    let out = match out.map(std::path::absolute).transpose() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("error: --out: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(code) = enter_workspace(root) {
        return code;
    }
    let draft = match codegen_pages::docs::draft(root, &page, service) {
        Ok(draft) => draft,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!("error: nothing was drafted");
            return ExitCode::from(UNREADABLE);
        }
    };
    if draft.files.is_empty() {
        println!(
            "docs draft: the spec has all {} operations of the page; no new files",
            draft.known_operations
        );
    } else {
        let written = match &out {
            Some(dir) => draft.write_to(dir),
            None => draft.write(root),
        };
        match written {
            Ok(paths) => {
                for (file, path) in draft.files.iter().zip(paths) {
                    println!(
                        "wrote {}: {} operations, {} types",
                        path.strip_prefix(root).unwrap_or(&path).display(),
                        file.operations,
                        file.types
                    );
                    for note in &file.notes {
                        println!("  check: {note}");
                    }
                }
            }
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    // Then what the spec transcribes (the new files too) is edited to follow the pages.
    let scope = page
        .strip_prefix(root.join(codegen_pages::docs::PAGES_DIR))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    if !scope.is_empty()
        && let Err(code) = update(root, &scope, out.is_some())
    {
        return code;
    }
    println!("then: cargo xtask codegen, and cargo xtask docs check");
    ExitCode::SUCCESS
}

/// Edits the spec to say what the pages under `scope` (a page, or a folder of pages,
/// relative to `pages/`) say where it transcribes them already; prints each edit and
/// what is left for a maintainer. With `dry_run`, prints without writing.
fn update(root: &Path, scope: &str, dry_run: bool) -> Result<(), ExitCode> {
    // An edit can reveal the next (a field added with an existing type, whose own
    // differences the next pass sees): passes run until one changes nothing.
    const PASSES: usize = 4;
    let mut left = Vec::new();
    for _ in 0..PASSES {
        let update = codegen_pages::docs::update(root, scope).map_err(|diagnostics| {
            eprintln!("{diagnostics}");
            eprintln!("error: the spec was not edited");
            ExitCode::from(UNREADABLE)
        })?;
        for line in &update.applied {
            println!("edited {line}");
        }
        left = update.left.clone();
        if update.files.is_empty() {
            break;
        }
        for (path, _) in &update.files {
            println!(
                "{} {}",
                if dry_run { "would write" } else { "wrote" },
                path.display()
            );
        }
        if dry_run {
            break;
        }
        update.write(root).map_err(|message| {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        })?;
    }
    for difference in &left {
        println!(
            "left for you: {}: {}: {}",
            difference.page, difference.subject, difference.message
        );
    }
    Ok(())
}
