//! The spec edited to say what changed pages say: `docs draft` on pages the spec already
//! transcribes.
//!
//! `docs check` finds each difference and, where it can, the [`Fix`] that removes it (a
//! field added, removed or retyped, requiredness, enum values, descriptions, titles,
//! formats, bounds, deprecations, permissions, examples). The update applies the fixes of
//! the differences the spec does not explain to the spec files' JSON and prints the files
//! back in their own style, so that `git diff` shows only the edits. Explained differences
//! (`page_differs`) are left alone, and so is what no fix covers (it is listed). The
//! edited spec must load and validate, or nothing is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen_spec::diagnostics::{Diagnostic, Diagnostics, PathStep, Pos};
use codegen_spec::spec::resolve::Index;
use codegen_spec::{SpecText, load_and_validate_texts};
use heck::ToUpperCamelCase;
use serde_json::Value;

use super::draft::{Types, param_json};
use super::fix::Fix;
use super::json::Json;
use super::report::Difference;
use crate::pages::{self, NamedType};

/// What an update changes.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// The edited spec files, relative to the workspace root, with their new text.
    pub files: Vec<(PathBuf, String)>,
    /// Each applied edit, as `file: subject: what the page says`.
    pub applied: Vec<String>,
    /// The differences of the pages that no edit covers, for a maintainer.
    pub left: Vec<Difference>,
}

impl Update {
    /// Writes the edited files under `root`.
    pub fn write(&self, root: &Path) -> Result<(), String> {
        for (path, text) in &self.files {
            let path = root.join(path);
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(())
    }
}

/// The update of the spec for the pages at or under `scope` (a page file, or a folder of
/// pages such as a resource's), relative to `<root>/pages`.
pub fn update(root: &Path, scope: &str) -> Result<Update, Diagnostics> {
    let report = super::check(root)?;
    let shown_scope = super::page_display(root, scope);
    let (fixable, left): (Vec<&Difference>, Vec<&Difference>) = report
        .differences
        .iter()
        .filter(|d| {
            d.page
                .file
                .starts_with(shown_scope.trim_end_matches("index.md"))
        })
        .partition(|d| d.fix.is_some());
    let mut update = Update {
        left: left.into_iter().cloned().collect(),
        ..Update::default()
    };
    if fixable.is_empty() {
        return Ok(update);
    }
    let spec = super::load_spec(root)?;
    let named = named_types(root)?;
    let mut by_file: BTreeMap<String, Vec<&Difference>> = BTreeMap::new();
    for difference in fixable {
        if let Some(fix) = &difference.fix {
            by_file
                .entry(fix.loc().file.to_string())
                .or_default()
                .push(difference);
        }
    }
    let originals: BTreeMap<String, String> = by_file
        .keys()
        .map(|file| {
            std::fs::read_to_string(root.join(file))
                .map(|text| (file.clone(), text))
                .map_err(|e| one(file, format!("cannot read the spec file: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let editor = Editor {
        spec: &spec,
        named: &named,
        report: &report,
    };
    // Every edit at once; where the spec that makes is not valid, edit by edit, keeping
    // those that keep it valid and leaving the others, with why, for the maintainer.
    let mut texts = BTreeMap::new();
    let mut applied = Vec::new();
    for (file, differences) in &by_file {
        let (text, lines) = editor.edit(file, &originals[file], differences, &mut update.left)?;
        texts.insert(file.clone(), text);
        applied.extend(lines);
    }
    if validate(root, &spec, &texts).is_err() {
        applied.clear();
        texts = originals.clone();
        for (file, differences) in &by_file {
            let mut accepted: Vec<&Difference> = Vec::new();
            for difference in differences {
                let mut candidate = accepted.clone();
                candidate.push(difference);
                let mut scratch = Vec::new();
                let (text, _) = editor.edit(file, &originals[file], &candidate, &mut scratch)?;
                texts.insert(file.clone(), text);
                match validate(root, &spec, &texts) {
                    Ok(()) => accepted.push(difference),
                    Err(diagnostics) => {
                        let mut left = (*difference).clone();
                        let first = diagnostics.iter().next().map(ToString::to_string);
                        left.message = format!(
                            "{} (its edit would make the spec invalid: {})",
                            left.message,
                            first.unwrap_or_default()
                        );
                        update.left.push(left);
                    }
                }
            }
            let (text, lines) = editor.edit(file, &originals[file], &accepted, &mut update.left)?;
            texts.insert(file.clone(), text);
            applied.extend(lines);
        }
        validate(root, &spec, &texts)?;
    }
    update.applied = applied;
    update.files = texts
        .into_iter()
        .filter(|(file, text)| originals.get(file) != Some(text))
        .map(|(f, t)| (PathBuf::from(f), t))
        .collect();
    Ok(update)
}

/// What editing a file needs: the spec, the pages' named types (to name new types after),
/// and the check's report (its enum places).
struct Editor<'a> {
    spec: &'a codegen_spec::spec::Spec,
    named: &'a [NamedType],
    report: &'a super::Report,
}

impl Editor<'_> {
    /// The file's text with the fixes of `differences` made, and a line per edit; the
    /// differences an edit leaves standing go to `left`.
    fn edit(
        &self,
        file: &str,
        text: &str,
        differences: &[&Difference],
        left: &mut Vec<Difference>,
    ) -> Result<(String, Vec<String>), Diagnostics> {
        let mut json =
            Json::parse(text).ok_or_else(|| one(file, "the spec file is not JSON".to_owned()))?;
        let service = self
            .spec
            .services
            .iter()
            .find(|s| s.files.iter().any(|f| f.path == *file));
        let index = service.map(|s| Index::new(s, &mut codegen_spec::diagnostics::Sink::default()));
        let mut types = Types::new(index.as_ref(), self.named).reusing_by_field();
        let mut edits = Edits::default();
        // An enum that changes keeps every value some place of the pages allows.
        let changing: Vec<Vec<Step>> = differences
            .iter()
            .filter_map(|d| match &d.fix {
                Some(Fix::Values { at, .. }) => Some(steps(at)),
                _ => None,
            })
            .collect();
        for place in &self.report.enum_places {
            if place.loc().file.as_ref() == file && changing.contains(&steps(place.loc())) {
                edits.apply(&mut json, place, &mut types);
            }
        }
        let mut applied = Vec::new();
        for difference in differences {
            let Some(fix) = &difference.fix else {
                continue;
            };
            if edits.apply(&mut json, fix, &mut types) {
                applied.push(format!(
                    "{file}: {}: {}",
                    difference.subject, difference.message
                ));
            }
        }
        edits.set_values(&mut json);
        edits.remove(&mut json);
        // A place that allows fewer values than the union keeps a difference.
        for difference in differences {
            if let Some(Fix::Values { at, values }) = &difference.fix
                && edits
                    .values
                    .get(&steps(at))
                    .is_some_and(|union| union.len() != values.len())
            {
                left.push((*difference).clone());
            }
        }
        if !types.drafted.is_empty() {
            if json.get("types").is_none() {
                json.set("types", Json::object());
            }
            if let Some(defs) = json.get_mut("types") {
                for (name, def) in types.drafted.drain(..) {
                    defs.set(&name, def);
                }
            }
        }
        Ok((json.pretty(), applied))
    }
}

fn one(file: &str, message: String) -> Diagnostics {
    Diagnostics::new(vec![Diagnostic {
        file: file.to_owned(),
        pos: Pos::start(),
        path: String::new(),
        message,
    }])
}

/// The named types of every current page, to name new types after.
fn named_types(root: &Path) -> Result<Vec<NamedType>, Diagnostics> {
    let manifest = pages::manifest::load(&root.join(super::PAGES_DIR))?;
    let mut named = Vec::new();
    for entry in manifest.pages.iter().filter(|e| e.is_current()) {
        if let Ok(page) = super::read_entry(root, entry, None) {
            named.extend(page.named_types);
        }
    }
    Ok(named)
}

/// The spec with the edited texts in place of their files must load and validate.
fn validate(
    root: &Path,
    spec: &codegen_spec::spec::Spec,
    edited: &BTreeMap<String, String>,
) -> Result<(), Diagnostics> {
    let mut owned = Vec::new();
    for service in &spec.services {
        for file in &service.files {
            let text = match edited.get(&file.path) {
                Some(text) => text.clone(),
                None => std::fs::read_to_string(root.join(&file.path))
                    .map_err(|e| one(&file.path, format!("cannot read the spec file: {e}")))?,
            };
            owned.push((service.name.clone(), file.path.clone(), text));
        }
    }
    let texts: Vec<SpecText<'_>> = owned
        .iter()
        .map(|(service, path, text)| SpecText {
            service,
            path,
            text,
        })
        .collect();
    load_and_validate_texts(&texts).map(|_| ()).map_err(|diagnostics| {
        let mut all: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
        all.push(Diagnostic {
            file: "spec".to_owned(),
            pos: Pos::start(),
            path: String::new(),
            message: "the spec edited to follow the pages would not be valid (above); nothing was written: edit by hand".to_owned(),
        });
        Diagnostics::new(all)
    })
}

/// The edits of one file, and the removals that wait until the others are made (they
/// shift array indices).
#[derive(Default)]
struct Edits {
    removals: Vec<Vec<Step>>,
    /// Each enum's values, the union of what the page's places allow, set last.
    values: BTreeMap<Vec<Step>, Vec<(String, Option<String>)>>,
    /// Fields, parameters and examples added, so that the same page item repeated on
    /// several pages is added once.
    added: Vec<String>,
}

/// An owned [`PathStep`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(loc: &codegen_spec::diagnostics::Loc) -> Vec<Step> {
    loc.path
        .steps()
        .into_iter()
        .map(|step| match step {
            PathStep::Key(key) => Step::Key(key.to_owned()),
            PathStep::Index(index) => Step::Index(index),
        })
        .collect()
}

fn node<'j>(json: &'j mut Json, path: &[Step]) -> Option<&'j mut Json> {
    let borrowed: Vec<PathStep<'_>> = path
        .iter()
        .map(|step| match step {
            Step::Key(key) => PathStep::Key(key),
            Step::Index(index) => PathStep::Index(*index),
        })
        .collect();
    json.at_mut(&borrowed)
}

impl Edits {
    /// Applies one fix (a removal is noted for later); whether it changed something.
    fn apply(&mut self, json: &mut Json, fix: &Fix, types: &mut Types<'_>) -> bool {
        let path = steps(fix.loc());
        match fix {
            Fix::Remove { .. } => {
                if self.removals.contains(&path) {
                    return false;
                }
                self.removals.push(path);
                true
            }
            Fix::Set { key, value, .. } => {
                let Some(target) = node(json, &path) else {
                    return false;
                };
                match key {
                    Some(key) => {
                        if target.get(key) == Some(value) {
                            return false;
                        }
                        target.set(key, value.clone());
                    }
                    None => *target = value.clone(),
                }
                true
            }
            Fix::Unset { key, .. } => node(json, &path).is_some_and(|target| target.unset(key)),
            Fix::Explain { kind, reason, .. } => {
                let Some(target) = node(json, &path) else {
                    return false;
                };
                if target.get("page_differs").is_none() {
                    target.push("page_differs", Json::object());
                }
                let Some(differs) = target.get_mut("page_differs") else {
                    return false;
                };
                if differs.get(kind.name()).is_some() {
                    return false;
                }
                differs.set(kind.name(), Json::str(reason.clone()));
                true
            }
            Fix::Retype { key, ty, hint, .. } => {
                let value = types.expr(ty, &hint_name(hint));
                let Some(target) = node(json, &path) else {
                    return false;
                };
                match key {
                    Some(key) => target.set(key, value),
                    None => *target = value,
                }
                true
            }
            Fix::AddField { field, .. } => {
                let owner = match path.last() {
                    Some(Step::Key(name)) => name.clone(),
                    _ => String::new(),
                };
                let tag = format!("{path:?}.{}", field.name);
                if self.added.contains(&tag) {
                    return false;
                }
                let value = types.field_json(field, &owner);
                let Some(fields) = node(json, &path).and_then(|def| def.get_mut("fields")) else {
                    return false;
                };
                if fields.get(&field.name).is_some() {
                    return false;
                }
                fields.set(&field.name, value);
                self.added.push(tag);
                true
            }
            Fix::AddParam { place, field, .. } => {
                let key = place.key();
                let tag = format!("{path:?}.{key}.{}", field.name);
                if self.added.contains(&tag) {
                    return false;
                }
                let value = param_json(field, *place, types, &hint_name(&field.name));
                let Some(op) = node(json, &path) else {
                    return false;
                };
                if op.get(key).is_none() {
                    op.set(key, Json::Array(Vec::new()));
                }
                if let Some(Json::Array(params)) = op.get_mut(key) {
                    params.push(value);
                }
                self.added.push(tag);
                true
            }
            Fix::Values { values, .. } => {
                let union = self.values.entry(path).or_default();
                let before = union.len();
                for (value, description) in values {
                    if !union.iter().any(|(v, _)| v == value) {
                        union.push((value.clone(), description.clone()));
                    }
                }
                union.len() != before || before == 0
            }
            Fix::AddExample { example, .. } => self.add_example(json, &path, example),
        }
    }

    /// An example of a documented response: the request of the operation's first
    /// example, the page's status and body.
    fn add_example(
        &mut self,
        json: &mut Json,
        path: &[Step],
        example: &pages::PageExample,
    ) -> bool {
        let Some(response) = &example.response else {
            return false;
        };
        let status = response.status.unwrap_or(200);
        let tag = format!("{path:?}.examples.{status}");
        if self.added.contains(&tag) {
            return false;
        }
        let Some(op) = node(json, path) else {
            return false;
        };
        let request = op
            .get("examples")
            .and_then(|e| match e {
                Json::Array(items) => items.first(),
                _ => None,
            })
            .and_then(|first| first.get("request"))
            .cloned()
            .unwrap_or_else(Json::object);
        let mut answer = Json::object().with("status", Json::Value(Value::from(status)));
        if let Some(body) = response.body.as_ref().and_then(|b| Json::parse(&b.text)) {
            answer.push("body", body);
        }
        let drafted = Json::object()
            .with("name", Json::str(format!("{status} example")))
            .with("request", request)
            .with("response", answer);
        if op.get("examples").is_none() {
            op.set("examples", Json::Array(Vec::new()));
        }
        if let Some(Json::Array(examples)) = op.get_mut("examples") {
            examples.push(drafted);
        }
        self.added.push(tag);
        true
    }

    /// Sets each enum's values to the union the page's places allow: the spec's own
    /// spelling of a value (with its description) where it has the value, in the page's
    /// order.
    fn set_values(&mut self, json: &mut Json) {
        for (path, union) in &self.values {
            let Some(Json::Array(values)) = node(json, path).and_then(|def| def.get_mut("values"))
            else {
                continue;
            };
            let text = |v: &Json| {
                v.as_str()
                    .or_else(|| v.get("value").and_then(Json::as_str))
                    .map(str::to_owned)
            };
            let mut kept: Vec<Json> = Vec::new();
            for (value, description) in union {
                let existing = values
                    .iter()
                    .find(|v| text(v).as_deref() == Some(value.as_str()));
                kept.push(match (existing, description) {
                    (Some(existing), _) => existing.clone(),
                    (None, Some(description)) => Json::object()
                        .with("value", Json::str(value.clone()))
                        .with("description", Json::str(description.clone())),
                    (None, None) => Json::str(value.clone()),
                });
            }
            *values = kept;
        }
    }

    /// The removals, deepest and last first, so that each index still points at its item.
    fn remove(&mut self, json: &mut Json) {
        self.removals.sort();
        for path in self.removals.iter().rev() {
            let Some((last, parent)) = path.split_last() else {
                continue;
            };
            let Some(parent) = node(json, parent) else {
                continue;
            };
            match (last, parent) {
                (Step::Key(key), parent) => {
                    parent.unset(key);
                }
                (Step::Index(index), Json::Array(items)) if *index < items.len() => {
                    items.remove(*index);
                }
                _ => {}
            }
        }
    }
}

/// A type name from a difference's subject (`cloudflare.builds.get result.preview`):
/// its words in UpperCamelCase.
fn hint_name(subject: &str) -> String {
    subject
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .skip(1)
        .map(|word| word.to_upper_camel_case())
        .collect()
}
