//! The command line, through the built binary: every task's `--help`, and a usage error
//! for arguments a task does not take, before it touches anything.

use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xtask: {e}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The tasks `cargo xtask help` lists: the first column of its `tasks:` section.
fn listed_tasks() -> Vec<String> {
    let help = text(&xtask(&["help"]).stdout);
    let tasks: Vec<String> = help
        .split("\ntasks:\n")
        .nth(1)
        .unwrap_or_default()
        .lines()
        .take_while(|line| !line.is_empty())
        .filter_map(|line| line.trim_start().split("  ").next())
        .map(str::to_owned)
        .collect();
    assert!(tasks.len() >= 8, "{help}");
    tasks
}

#[test]
fn every_task_prints_its_usage_for_help() {
    for task in listed_tasks() {
        let words: Vec<&str> = task.split(' ').collect();
        for help in ["--help", "-h"] {
            let output = xtask(&[words.as_slice(), &[help]].concat());
            let stdout = text(&output.stdout);
            assert_eq!(output.status.code(), Some(0), "{task} {help}: {output:?}");
            assert!(
                stdout.starts_with(&format!("usage: cargo xtask {task}")),
                "{task} {help}: {stdout}"
            );
            // The usage says more than its first line.
            assert!(stdout.lines().count() > 2, "{task} {help}: {stdout}");
        }
        // `help TASK` says the same.
        let output = xtask(&[&["help"], words.as_slice()].concat());
        assert_eq!(output.status.code(), Some(0), "help {task}: {output:?}");
        assert_eq!(
            text(&output.stdout),
            text(&xtask(&[words.as_slice(), &["--help"]].concat()).stdout)
        );
    }
}

#[test]
fn help_after_a_task_s_arguments_still_prints_its_usage() {
    let output = xtask(&[
        "docs",
        "draft",
        "pages/some-page.md",
        "--service",
        "x",
        "--help",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(text(&output.stdout).starts_with("usage: cargo xtask docs draft PAGE"));
}

#[test]
fn xtask_itself_prints_every_task_for_help() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["--root", ".", "--help"],
    ] {
        let output = xtask(args);
        let stdout = text(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        assert!(
            stdout.starts_with("usage: cargo xtask [--root DIR] <task>"),
            "{stdout}"
        );
        for task in ["codegen", "release", "docs check", "docs draft", "bench"] {
            assert!(stdout.contains(&format!("\n  {task} ")), "{task}: {stdout}");
        }
    }
    // A group's help lists its tasks.
    let output = xtask(&["docs", "--help"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(stdout.contains("usage: cargo xtask docs check"), "{stdout}");
    assert!(stdout.contains("usage: cargo xtask docs draft"), "{stdout}");
}

/// Exit 2, and stderr names what was wrong.
fn assert_usage_error(args: &[&str], names: &str) {
    let output = xtask(args);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains(names),
        "{args:?}: {stderr}"
    );
    assert!(stderr.contains("usage: cargo xtask"), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}: {output:?}");
}

#[test]
fn every_task_rejects_an_option_it_does_not_take() {
    for task in listed_tasks() {
        let words: Vec<&str> = task.split(' ').collect();
        assert_usage_error(
            &[words.as_slice(), &["--no-such-option"]].concat(),
            "--no-such-option",
        );
    }
}

#[test]
fn wrong_arguments_are_named() {
    assert_usage_error(&[], "no task given");
    assert_usage_error(&["regenerate"], "unknown task `regenerate`");
    assert_usage_error(&["docs"], "`docs` needs a task");
    assert_usage_error(&["docs", "fix"], "unknown task `docs fix`");
    assert_usage_error(&["codegen", "spec"], "\"spec\"");
    assert_usage_error(&["codegen", "--check=yes"], "--check");
    assert_usage_error(&["release", "0.3.0"], "\"0.3.0\"");
    assert_usage_error(&["docs", "check", "pages/x.md"], "\"pages/x.md\"");
    assert_usage_error(&["docs", "draft"], "PAGE");
    assert_usage_error(&["docs", "draft", "a.md", "b.md"], "\"b.md\"");
    assert_usage_error(&["docs", "draft", "a.md", "--service"], "--service");
    assert_usage_error(&["openapi", "--out"], "--out");
    assert_usage_error(&["synth"], "--operations");
    assert_usage_error(&["synth", "--operations", "many"], "\"many\"");
    assert_usage_error(
        &["bench", "--compare", "openapi-generator"],
        "openapi-generator",
    );
    assert_usage_error(&["--verbose", "codegen"], "--verbose");
}
