//! Where a case's difference belongs: a place of the altered page, found in its text, and
//! a spec item, found by name in the spec the page is checked against.

use std::path::Path;

use codegen_spec::diagnostics::Loc;
use codegen_spec::spec::{Spec as LoadedSpec, TypeKind};

use crate::{At, SpecAt};

/// The 1-based line, and for some places the character column, where `at` is on the
/// altered page.
pub fn place(at: At, original: &str, altered: &str) -> Result<(u32, Option<u32>), String> {
    let first_change = || {
        let common = original
            .bytes()
            .zip(altered.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // Back to a character's start, should the change begin inside one.
        (0..=common)
            .rev()
            .find(|&i| altered.is_char_boundary(i))
            .unwrap_or_default()
    };
    let line_only = |offset: usize| (line_and_column(altered, offset).0, None);
    match at {
        At::FirstChange => Ok(line_only(first_change())),
        At::CodeBlockOfFirstChange => {
            let change = first_change();
            let fence = altered[..change]
                .rfind("```")
                .ok_or_else(|| "the first change is in no code block".to_owned())?;
            let after_fence = altered[fence..]
                .find('\n')
                .map_or(altered.len(), |n| fence + n + 1);
            let content = altered[after_fence..]
                .find(|c: char| !c.is_whitespace())
                .map_or(after_fence, |n| after_fence + n);
            Ok(line_only(content))
        }
        At::Line(anchor) => offset_of(altered, "", anchor).map(line_only),
        At::LineAfter(before, anchor) => offset_of(altered, before, anchor).map(line_only),
        At::Text(anchor) => {
            offset_of(altered, "", anchor).map(|offset| with_column(altered, offset))
        }
        At::TextAfter(before, anchor) => {
            offset_of(altered, before, anchor).map(|offset| with_column(altered, offset))
        }
    }
}

/// Where `anchor` starts, in the one place `text` has `before` and `anchor` in a row.
fn offset_of(text: &str, before: &str, anchor: &str) -> Result<usize, String> {
    let whole = format!("{before}{anchor}");
    let found = text.matches(&whole).count();
    if found != 1 {
        return Err(format!(
            "{whole:?} is on the altered page {found} times, not once"
        ));
    }
    Ok(text.find(&whole).unwrap_or_default() + before.len())
}

fn with_column(text: &str, offset: usize) -> (u32, Option<u32>) {
    let (line, column) = line_and_column(text, offset);
    (line, Some(column))
}

/// The 1-based line and character column of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (u32, u32) {
    let prefix = text.get(..offset).unwrap_or_default();
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.get(line_start..).unwrap_or_default().chars().count() + 1;
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (number(line), number(column))
}

/// Where the spec writes the item.
pub fn spec_loc(spec: &LoadedSpec, item: SpecAt) -> Result<Loc, String> {
    let files = || spec.services.iter().flat_map(|service| &service.files);
    let operation = |resource: &str, id: &str| {
        files()
            .filter(|file| file.resource.as_ref().is_some_and(|r| r.value == resource))
            .flat_map(|file| &file.operations)
            .find(|op| op.id.value == id)
            .ok_or_else(|| format!("the spec has no operation {resource}.{id}"))
    };
    let type_def = |name: &str| {
        let mut found = files()
            .flat_map(|file| &file.types)
            .filter(|t| t.name.value == name);
        match (found.next(), found.next()) {
            (Some(def), None) => Ok(def),
            (None, _) => Err(format!("the spec has no type {name}")),
            (Some(_), Some(_)) => Err(format!("the spec has more than one type {name}")),
        }
    };
    match item {
        SpecAt::Field(ty, field) => {
            let TypeKind::Object(object) = &type_def(ty)?.kind else {
                return Err(format!("the spec's {ty} is not an object"));
            };
            object
                .fields
                .iter()
                .find(|f| f.name.value == field)
                .map(|f| f.name.loc.clone())
                .ok_or_else(|| format!("the spec's {ty} has no field {field}"))
        }
        SpecAt::Type(ty) => Ok(type_def(ty)?.name.loc.clone()),
        SpecAt::Operation(resource, id) => Ok(operation(resource, id)?.loc.clone()),
        SpecAt::PathParam(resource, id, name) => operation(resource, id)?
            .path_params
            .iter()
            .find(|p| p.name.value == name)
            .map(|p| p.loc.clone())
            .ok_or_else(|| format!("{resource}.{id} has no path parameter {name}")),
        SpecAt::QueryParam(resource, id, name) => operation(resource, id)?
            .query_params
            .iter()
            .find(|p| p.name.value == name)
            .map(|p| p.loc.clone())
            .ok_or_else(|| format!("{resource}.{id} has no query parameter {name}")),
        SpecAt::Example(resource, id, index) => operation(resource, id)?
            .examples
            .get(index)
            .map(|e| e.loc.clone())
            .ok_or_else(|| format!("{resource}.{id} has no example {index}")),
        SpecAt::File(path) => files()
            .find(|file| {
                file.path
                    .replace('\\', "/")
                    .ends_with(&format!("spec/{path}"))
            })
            .map(|file| file.service.loc.clone())
            .ok_or_else(|| format!("the spec has no file {path}")),
    }
}

/// A spec file's path inside its workspace: the same for a case's copy as for the
/// template the spec was loaded from.
pub fn relative(file: &str, root: &Path) -> String {
    let root = root.to_string_lossy().replace('\\', "/");
    file.strip_prefix(root.as_str())
        .unwrap_or(file)
        .trim_start_matches('/')
        .to_owned()
}
