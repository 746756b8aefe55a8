//! `openapi-spec-validator`, the reference validator of OpenAPI documents, run through
//! Python: installed on first use into `target/openapi-validator` when the machine lacks it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

/// The validator's version, installed on first use when the machine lacks it.
pub const VALIDATOR: &str = "openapi-spec-validator==0.9.0";

fn python_with(path: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("python3")
        .args(args)
        .env("PYTHONPATH", path)
        .output()
}

fn describe(output: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The directory to put on `PYTHONPATH` for `openapi_spec_validator`: installed there with
/// pip, once, when Python cannot import it yet (`.ci/run` pre-installs it the same way).
fn validator_path() -> &'static Path {
    static PATH: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let result = PATH.get_or_init(|| {
        let dir = crate::workspace_root().join("target/openapi-validator");
        let importable = |dir: &Path| {
            python_with(dir, &["-c", "import openapi_spec_validator"])
                .is_ok_and(|out| out.status.success())
        };
        if importable(&dir) {
            return Ok(dir);
        }
        // Install beside the final directory and move it in place, so that an interrupted
        // or concurrent install never leaves a half-written one behind.
        let staging = dir.with_file_name(format!("openapi-validator.tmp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        let output = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
            ])
            .arg(&staging)
            .arg(VALIDATOR)
            .output()
            .map_err(|e| format!("cannot run python3 -m pip: {e}"))?;
        if !output.status.success() {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(format!(
                "pip install {VALIDATOR} failed: {}",
                describe(&output)
            ));
        }
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::rename(&staging, &dir) {
            // Another run may have moved its copy in first; use whichever is there.
            let _ = std::fs::remove_dir_all(&staging);
            if !importable(&dir) {
                return Err(format!(
                    "cannot move the validator into {}: {e}",
                    dir.display()
                ));
            }
        }
        if importable(&dir) {
            Ok(dir)
        } else {
            Err(format!(
                "{VALIDATOR} was installed into {} but python3 cannot import it",
                dir.display()
            ))
        }
    });
    match result {
        Ok(path) => path,
        Err(message) => panic!("{message}"),
    }
}

/// Runs `openapi-spec-validator` on `document` written to `dir/name`: `Ok` or the
/// validator's output.
pub fn validate(dir: &Path, name: &str, document: &Value) -> Result<(), String> {
    let file = dir.join(name);
    std::fs::write(&file, codegen_generator::openapi::to_pretty_json(document))
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    let file_arg = file.to_string_lossy().into_owned();
    let output = python_with(
        validator_path(),
        &[
            "-m",
            "openapi_spec_validator",
            "--schema",
            "3.0",
            "--validation-errors",
            "all",
            &file_arg,
        ],
    )
    .unwrap_or_else(|e| panic!("cannot run python3: {e}"));
    if output.status.success() {
        Ok(())
    } else {
        Err(describe(&output))
    }
}
