//! A draft is written only if the spec with it loads and validates. An example the spec
//! refuses (a page whose sample leaves out a required member, or whose request shows no
//! body the operation takes) is left out, with a note that says so; anything else the
//! draft cannot make valid is an error, and nothing is written.

use std::path::Path;

use codegen_spec::diagnostics::{Diagnostic, Diagnostics, Pos};
use codegen_spec::{SpecText, load_and_validate_texts};

use super::{Draft, DraftFile};
use crate::docs::json::Json;

/// How many times examples are left out before the draft is given up.
const ROUNDS: usize = 8;

/// The draft, made valid by leaving out the examples the spec refuses; or why it cannot be.
pub(super) fn validated(
    root: &Path,
    service: &str,
    mut draft: Draft,
) -> Result<Draft, Diagnostics> {
    for _ in 0..ROUNDS {
        let diagnostics = match check(root, service, &draft) {
            Ok(()) => return Ok(draft),
            Err(diagnostics) => diagnostics,
        };
        let mut repaired = false;
        for diagnostic in diagnostics.iter() {
            repaired |= leave_out_example(&mut draft, diagnostic);
        }
        if !repaired {
            let mut all: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
            all.push(Diagnostic {
                file: "spec".to_owned(),
                pos: Pos::start(),
                path: String::new(),
                message: "the draft would not be a valid spec (above); nothing was written: \
                          this is a shortcoming of the drafter, please report the page"
                    .to_owned(),
            });
            return Err(Diagnostics::new(all));
        }
    }
    check(root, service, &draft).map(|()| draft)
}

/// Loads and validates the spec in `<root>/spec` with the draft's files added.
fn check(root: &Path, service: &str, draft: &Draft) -> Result<(), Diagnostics> {
    let mut owned: Vec<(String, String, String)> = Vec::new();
    if let Ok(spec) = super::super::load_spec(root) {
        for existing in &spec.services {
            for file in &existing.files {
                let text = std::fs::read_to_string(root.join(&file.path)).unwrap_or_default();
                owned.push((existing.name.clone(), file.path.clone(), text));
            }
        }
    }
    for file in &draft.files {
        owned.push((
            service.to_owned(),
            file.path.to_string_lossy().replace('\\', "/"),
            file.contents.clone(),
        ));
    }
    // A service's files are consecutive, as the loader wants them.
    owned.sort_by(|a, b| (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str())));
    let texts: Vec<SpecText<'_>> = owned
        .iter()
        .map(|(service, path, text)| SpecText {
            service,
            path,
            text,
        })
        .collect();
    load_and_validate_texts(&texts).map(|_| ())
}

/// Leaves out the example a diagnostic points into (`operations[2].examples[1]…`) of a
/// drafted file, with a note on its operation; whether it did.
fn leave_out_example(draft: &mut Draft, diagnostic: &Diagnostic) -> bool {
    let Some(file) = draft
        .files
        .iter_mut()
        .find(|f| f.path.to_string_lossy().replace('\\', "/") == diagnostic.file)
    else {
        return false;
    };
    let Some((operation, example)) = example_index(&diagnostic.path) else {
        return false;
    };
    let Some(mut json) = Json::parse(&file.contents) else {
        return false;
    };
    let Some(Json::Array(operations)) = json.get_mut("operations") else {
        return false;
    };
    let Some(op) = operations.get_mut(operation) else {
        return false;
    };
    let id = op
        .get("id")
        .and_then(Json::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(Json::Array(examples)) = op.get_mut("examples") else {
        return false;
    };
    if example >= examples.len() {
        return false;
    }
    examples.remove(example);
    if examples.is_empty() {
        op.unset("examples");
    }
    let note = format!(
        "{id}: the page's example {} left out, since the spec refuses it ({})",
        example + 1,
        diagnostic.message
    );
    add_note(file, note);
    file.contents = json.pretty();
    true
}

fn add_note(file: &mut DraftFile, note: String) {
    file.notes.push(note);
}

/// `operations[2].examples[1].response.body` is example 1 of operation 2.
fn example_index(path: &str) -> Option<(usize, usize)> {
    let rest = path.strip_prefix("operations[")?;
    let (operation, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".examples[")?;
    let (example, _) = rest.split_once(']')?;
    Some((operation.parse().ok()?, example.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::example_index;

    #[test]
    fn an_example_is_found_by_its_path() {
        assert_eq!(
            example_index("operations[2].examples[1].response.body"),
            Some((2, 1))
        );
        assert_eq!(example_index("operations[0].examples[0]"), Some((0, 0)));
        assert_eq!(example_index("types.Item"), None);
    }
}
