//! `docs draft PAGE`: spec JSON for what a page documents and the spec lacks: its new
//! operations, grouped in one new file per resource (a Cloudflare `#` section, or the page
//! itself), with the types they need and the page's examples. Types the spec already has
//! are reused when their shape is the same. What the page leaves open is said in `note`s.

mod operations;
mod paging;
mod samples;
mod shapes;
mod validity;

use std::path::{Path, PathBuf};

use heck::{ToSnakeCase, ToUpperCamelCase};

pub(crate) use self::operations::param_json;
use self::operations::{Context, operation, operation_id};
pub(crate) use self::shapes::Types;
use super::json::Json;
use crate::pages::{self, Layout, Page, PageOperation, manifest};
use codegen_spec::diagnostics::{Diagnostic, Diagnostics, Pos};
use codegen_spec::spec::resolve::Index;
use codegen_spec::spec::template::Template;
use codegen_spec::spec::{ServiceSpec, SpecFile};

/// The new spec files of a draft.
#[derive(Debug, Clone)]
pub struct Draft {
    pub files: Vec<DraftFile>,
    /// How many of the page's operations the spec already has.
    pub known_operations: usize,
}

/// One new spec file.
#[derive(Debug, Clone)]
pub struct DraftFile {
    /// Relative to the workspace root: `spec/<service>/<resource>.json`.
    pub path: PathBuf,
    pub contents: String,
    pub operations: usize,
    pub types: usize,
    /// What a maintainer must check, as the file's `source.note` says too.
    pub notes: Vec<String>,
}

impl Draft {
    /// Writes the files at their spec paths under `root`, refusing to replace any file: a
    /// draft adds, it never edits. Returns the paths written.
    pub fn write(&self, root: &Path) -> Result<Vec<PathBuf>, String> {
        self.write_at(self.files.iter().map(|f| root.join(&f.path)).collect())
    }

    /// Writes each file by its name into `dir` instead, likewise.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>, String> {
        self.write_at(
            self.files
                .iter()
                .map(|f| dir.join(f.path.file_name().unwrap_or_default()))
                .collect(),
        )
    }

    fn write_at(&self, paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, String> {
        if let Some(existing) = paths.iter().find(|path| path.exists()) {
            return Err(format!(
                "{} exists; a draft only adds files (move it away or merge by hand)",
                existing.display()
            ));
        }
        for (file, path) in self.files.iter().zip(&paths) {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(path, &file.contents).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        Ok(paths)
    }
}

fn error(file: &str, message: String) -> Diagnostics {
    Diagnostics::new(vec![Diagnostic {
        file: file.to_owned(),
        pos: Pos::start(),
        path: String::new(),
        message,
    }])
}

/// Drafts spec files for what `page` (a page file, or a resource's folder of pages in
/// Cloudflare's current layout) documents and `<root>/spec` lacks. `service` names the
/// spec service; it may be left out for a page of `pages/pages.json`.
pub fn draft(root: &Path, page: &Path, service: Option<&str>) -> Result<Draft, Diagnostics> {
    // A resource's folder is read from its own page, with its operations' pages; a
    // folder without a page of its own (Workers' `workers/`), from its sub-resources'.
    let roots = if page.is_dir() {
        resource_roots(page)
    } else {
        vec![page.to_path_buf()]
    };
    let Some(page) = roots.first() else {
        let display = page.to_string_lossy().replace('\\', "/");
        return Err(error(
            &display,
            "the folder has no page: no index.md, in it or in its subresources/".to_owned(),
        ));
    };
    let display = page.to_string_lossy().replace('\\', "/");
    let pages_dir = root.join(super::PAGES_DIR);
    let relative = page
        .strip_prefix(&pages_dir)
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"));
    let manifest = manifest::load(&pages_dir).ok();
    let entry = relative
        .as_deref()
        .and_then(|file| manifest.as_ref()?.entry(file).cloned());
    let text = std::fs::read_to_string(page)
        .map_err(|e| error(&display, format!("cannot read the page: {e}")))?;
    let layout = match &entry {
        Some(entry) => entry.layout,
        None => pages::detect_layout(&text).ok_or_else(|| {
            let names: Vec<&str> = Layout::ALL.iter().map(|(n, _)| *n).collect();
            error(
                &display,
                format!(
                    "the page is in none of the layouts there are readers for ({})",
                    names.join(", ")
                ),
            )
        })?,
    };
    let service_name = match (service, &entry) {
        (Some(service), _) => service.to_owned(),
        (None, Some(entry)) => entry.service.clone(),
        (None, None) => {
            return Err(error(
                &display,
                "say which spec service the page belongs to: --service NAME".to_owned(),
            ));
        }
    };
    let spec = super::load_spec(root)?;
    let service = spec.services.iter().find(|s| s.name == service_name);
    let first = pages::read(&display, &text, layout, &super::hints(service))?;
    let source_page = relative.unwrap_or_else(|| display.clone());
    // A resource of the current layout is drafted with its sub-resources, each from its
    // own page and its operations' pages.
    let groups = if layout == Layout::CloudflareDetails {
        let mut trees = resource_tree(first, page)?;
        for other in &roots[1..] {
            let read = pages::read_file(other, layout, &super::hints(service))?;
            trees.extend(resource_tree(read, other)?);
        }
        trees
            .into_iter()
            .map(|(page, path)| {
                let source = path
                    .strip_prefix(&pages_dir)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|_| path.to_string_lossy().replace('\\', "/"));
                (page, source)
            })
            .collect()
    } else {
        vec![(first, source_page)]
    };
    let index = service.map(|s| Index::new(s, &mut codegen_spec::diagnostics::Sink::default()));
    let named: Vec<pages::NamedType> = groups
        .iter()
        .flat_map(|(page, _)| page.named_types.iter().cloned())
        .collect();
    let mut types = Types::new(index.as_ref(), &named);
    let mut draft = Draft {
        files: Vec::new(),
        known_operations: 0,
    };
    let mut names = Names::default();
    for (page, source) in &groups {
        let part = compose(page, source, &service_name, service, &mut types, &mut names);
        draft.files.extend(part.files);
        draft.known_operations += part.known_operations;
    }
    validity::validated(root, &service_name, draft)
}

/// The resource pages of a folder: its `index.md`, or else those of its sub-resources'
/// folders, in name order.
fn resource_roots(dir: &Path) -> Vec<PathBuf> {
    let own = dir.join("index.md");
    if own.is_file() {
        return vec![own];
    }
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir.join("subresources"))
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    folders.iter().flat_map(|f| resource_roots(f)).collect()
}

/// The file and resource names a draft has given, so that two resources of one draft (the
/// `Namespaces` of KV and of Durable Objects) get names of their own.
#[derive(Default)]
struct Names {
    files: Vec<String>,
    /// Each resource name, and the page it was drafted from.
    resources: Vec<(String, String)>,
}

/// A resource's page of the current layout and its sub-resources' pages, each with the
/// pages of its operations; or an operation's page with its resource's models. Each with
/// the page its drafted files name as their source.
fn resource_tree(page: Page, path: &Path) -> Result<Vec<(Page, PathBuf)>, Diagnostics> {
    let is_resource = page.operations.is_empty();
    let (page, resource) = with_resource(page, path)?;
    let mut tree = vec![(page, resource.unwrap_or_else(|| path.to_path_buf()))];
    if !is_resource {
        return Ok(tree);
    }
    let subresources = path.parent().map(|dir| dir.join("subresources"));
    let mut folders: Vec<PathBuf> = subresources
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path().join("index.md")))
        .filter(|file| file.is_file())
        .collect();
    folders.sort();
    for file in folders {
        let sub = pages::read_file(&file, Layout::CloudflareDetails, &pages::Hints::default())?;
        tree.extend(resource_tree(sub, &file)?);
    }
    Ok(tree)
}

/// A page of the current layout with the rest of its resource: a resource's page gets the
/// operations of its operations' pages (`methods/*/index.md` beside it); an operation's
/// page gets its resource page's models, to name types after. Also the resource page's
/// path, which the drafted files name as their source.
fn with_resource(page: Page, path: &Path) -> Result<(Page, Option<PathBuf>), Diagnostics> {
    let hints = pages::Hints::default();
    if page.operations.is_empty() {
        let methods = path.parent().map(|dir| dir.join("methods"));
        let mut files: Vec<PathBuf> = methods
            .and_then(|dir| std::fs::read_dir(dir).ok())
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.path().join("index.md")))
            .filter(|file| file.is_file())
            .collect();
        files.sort();
        let mut read = vec![page];
        for file in &files {
            read.push(pages::read_file(file, Layout::CloudflareDetails, &hints)?);
        }
        pages::resolve_models(&mut read);
        let mut read = read.into_iter();
        let Some(mut resource) = read.next() else {
            return Err(error(
                &path.to_string_lossy(),
                "the page could not be read".to_owned(),
            ));
        };
        resource.operations = read.flat_map(|p| p.operations).collect();
        return Ok((resource, Some(path.to_path_buf())));
    }
    let display = path.to_string_lossy().replace('\\', "/");
    let Some((dir, _)) = display.rsplit_once("/methods/") else {
        return Ok((page, None));
    };
    let resource_path = PathBuf::from(format!("{dir}/index.md"));
    if !resource_path.is_file() {
        return Ok((page, None));
    }
    let resource = pages::read_file(&resource_path, Layout::CloudflareDetails, &hints)?;
    let mut both = vec![resource, page];
    pages::resolve_models(&mut both);
    let (Some(mut page), Some(resource)) = (both.pop(), both.pop()) else {
        return Err(error(
            &display,
            "the page could not be read with its resource".to_owned(),
        ));
    };
    page.named_types = resource.named_types;
    Ok((page, Some(resource_path)))
}

/// The draft's files for the operations of `page` that the spec lacks.
fn compose(
    page: &Page,
    source_page: &str,
    service_name: &str,
    service: Option<&ServiceSpec>,
    types: &mut Types<'_>,
    names: &mut Names,
) -> Draft {
    let known: Vec<&codegen_spec::spec::Operation> = service
        .map(|s| {
            s.files
                .iter()
                .filter(|f| f.source.page.as_deref() == Some(source_page))
                .flat_map(|f| &f.operations)
                .collect()
        })
        .unwrap_or_default();
    let (new, known_ops): (Vec<&PageOperation>, Vec<&PageOperation>) =
        page.operations.iter().partition(|op| {
            !known.iter().any(|k| {
                k.method.as_str() == op.method.text && shape(&k.path) == shape(&op.path.text)
            })
        });
    let definition = service.and_then(ServiceSpec::definition);
    let result_field = definition
        .and_then(|d| d.envelope.as_ref())
        .map(|e| e.result.value.as_str())
        .or(page.layout.required_by_default().then_some("result"));
    let base_path = definition
        .and_then(|d| d.base_urls.iter().find(|b| b.default))
        .map(|b| crate::pages::example_url_path(&b.url.value, "").to_owned())
        .unwrap_or_default();
    for op in &new {
        let result = operations::result_type(op, result_field);
        types.samples.collect(op, result, result_field);
    }
    let mut claimed = Vec::new();
    let mut files = Vec::new();
    for (resource, section, ops) in group(page, &new) {
        let sections: Vec<String> = ops
            .first()
            .map(|op| op.sections.iter().map(|s| s.text.clone()).collect())
            .unwrap_or_default();
        let resource = names.resource(resource, &sections, source_page, service);
        let mut taken: Vec<String> = service
            .map(|s| {
                s.files
                    .iter()
                    .filter(|f| f.resource.as_ref().is_some_and(|r| r.value == resource))
                    .flat_map(|f| f.operations.iter().map(|op| op.id.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut cx = Context {
            page,
            service,
            types,
            claimed: &mut claimed,
            result_field,
            base_path: &base_path,
        };
        let envelope = definition.and_then(|d| d.envelope.as_ref());
        let file_envelope =
            result_field.and_then(|result| file_envelope(page, &ops, result, envelope, cx.types));
        let mut drafted_ops = Vec::new();
        for op in &ops {
            let id = operation_id(&op.title.text, op.name.as_deref(), &taken);
            taken.push(id.clone());
            drafted_ops.push(operation(op, &id, &mut cx));
        }
        let drafted_types: Vec<(String, Json)> = types.drafted.drain(..).collect();
        let notes: Vec<String> = types.notes.drain(..).collect();
        let file_name = file_name(service, &resource, &names.files);
        names.files.push(file_name.clone());
        let mut source = Json::object().with("page", Json::str(source_page));
        if let Some(section) = &section {
            source.push("section", Json::str(section.clone()));
        }
        if let Some(date) = &page.last_modified {
            source.push("last_modified", Json::str(date.text.clone()));
        }
        let mut note = format!(
            "Drafted by `cargo xtask docs draft` from {source_page}: check names, requiredness and examples against the page."
        );
        if !notes.is_empty() {
            note.push_str(" The draft could not settle: ");
            note.push_str(&notes.join("; "));
            note.push('.');
        }
        source.push("note", Json::str(note));
        let mut types_json = Json::object();
        for (name, def) in &drafted_types {
            types_json.push(name, def.clone());
        }
        let mut file = Json::object()
            .with("$schema", Json::str("../schema.json"))
            .with("service", Json::str(service_name))
            .with("source", source)
            .with("resource", Json::str(resource.clone()));
        if let Some(envelope) = file_envelope {
            file.push("envelope", envelope);
        }
        if !drafted_types.is_empty() {
            file.push("types", types_json);
        }
        file.push("operations", Json::Array(drafted_ops));
        files.push(DraftFile {
            path: Path::new("spec").join(service_name).join(file_name),
            contents: file.pretty(),
            operations: ops.len(),
            types: drafted_types.len(),
            notes,
        });
    }
    Draft {
        files,
        known_operations: known_ops.len(),
    }
}

/// The envelope the operations' responses come in, when it is not the service's: the
/// first documented response's members (`errors`, `messages`, `result`, ...), as a new
/// envelope type with the service envelope's roles where the page has those members.
fn file_envelope(
    page: &Page,
    ops: &[&PageOperation],
    result_field: &str,
    service: Option<&codegen_spec::spec::Envelope>,
    types: &mut Types<'_>,
) -> Option<Json> {
    // The envelope has every member any operation's response has; one some responses
    // lack (a delete's `result`, a list's `result_info`) is optional.
    let objects: Vec<&crate::pages::PageObject> = ops
        .iter()
        .filter_map(|op| match op.response.as_ref()?.shape.as_ref()? {
            crate::pages::PageType::Object(object) => Some(object),
            _ => None,
        })
        .collect();
    if !objects
        .iter()
        .any(|o| o.fields.iter().any(|f| f.name == result_field))
    {
        return None;
    }
    let mut merged = (*objects.first()?).clone();
    for object in &objects[1..] {
        for field in &object.fields {
            if !merged.fields.iter().any(|f| f.name == field.name) {
                merged.fields.push(field.clone());
            }
        }
    }
    let success = service
        .and_then(|e| e.success.as_ref())
        .map_or("success", |s| s.value.as_str());
    let mut success_optional_on_page = false;
    for field in &mut merged.fields {
        let everywhere = objects
            .iter()
            .all(|o| o.fields.iter().any(|f| f.name == field.name && f.required));
        // The envelope's success flag is what tells a failure under HTTP 200: the
        // envelope always has it.
        if field.name == success {
            success_optional_on_page = !everywhere;
            field.required = true;
        } else {
            field.required = everywhere;
        }
    }
    let returns = &merged;
    let hint = format!(
        "{}Envelope",
        page.title
            .as_ref()
            .map_or("Response".to_owned(), |t| t.text.to_upper_camel_case())
    );
    let name = types.envelope(returns, result_field, service.map(|e| e.ty.as_str()), &hint)?;
    if success_optional_on_page {
        types.explain_field(
            &name,
            success,
            "required",
            "The envelope's success flag tells a failure the API answers with HTTP 200: the client needs it, and the pages' samples always send it, though the page marks it optional.",
        );
    }
    let has = |field: &str| returns.fields.iter().any(|f| f.name == field);
    let mut envelope = Json::object()
        .with("type", Json::str(name))
        .with("result", Json::str(result_field));
    let roles = [
        ("success", service.and_then(|e| e.success.as_ref())),
        ("errors", service.and_then(|e| e.errors.as_ref())),
        ("messages", service.and_then(|e| e.messages.as_ref())),
        ("result_info", service.and_then(|e| e.result_info.as_ref())),
    ];
    for (role, field) in roles {
        let field = field.map_or(role, |f| f.value.as_str());
        if has(field) {
            envelope.push(role, Json::str(field));
        }
    }
    Some(envelope)
}

/// The new operations by resource: a Cloudflare page's innermost `#` section names the
/// resource; a page without sections is one resource, named by the last fixed segment of
/// its first path (`.../actions` is `actions`).
fn group<'p>(
    page: &Page,
    ops: &[&'p PageOperation],
) -> Vec<(String, Option<String>, Vec<&'p PageOperation>)> {
    let mut groups: Vec<(String, Option<String>, Vec<&PageOperation>)> = Vec::new();
    for op in ops {
        let section = (!op.sections.is_empty()).then(|| {
            op.sections
                .iter()
                .map(|s| s.text.clone())
                .collect::<Vec<_>>()
                .join(" > ")
        });
        let resource = match op.sections.last() {
            Some(section) => section.text.to_snake_case(),
            None => path_resource(&op.path.text)
                .or_else(|| page.title.as_ref().map(|t| t.text.to_snake_case()))
                .unwrap_or_else(|| "operations".to_owned()),
        };
        match groups.iter_mut().find(|(r, _, _)| *r == resource) {
            Some((_, _, members)) => members.push(op),
            None => groups.push((resource, section, vec![op])),
        }
    }
    groups
}

fn path_resource(path: &str) -> Option<String> {
    path.split('/')
        .rev()
        .find(|segment| !segment.is_empty() && !segment.starts_with('{'))
        .map(|segment| segment.to_snake_case())
        .filter(|name| name.starts_with(|c: char| c.is_ascii_lowercase()))
}

impl Names {
    /// A resource's name: its innermost section's, unless another page's resource (the
    /// spec's, or this draft's) has that name; then qualified by the sections above it
    /// (`durable_objects_namespaces`) until it is its own.
    fn resource(
        &mut self,
        plain: String,
        sections: &[String],
        source_page: &str,
        service: Option<&ServiceSpec>,
    ) -> String {
        let taken = |name: &str, names: &Names| {
            let in_spec = service.is_some_and(|s| {
                s.files.iter().any(|f| {
                    f.resource.as_ref().is_some_and(|r| r.value == name)
                        && f.source.page.as_deref() != Some(source_page)
                })
            });
            let in_draft = names
                .resources
                .iter()
                .any(|(r, page)| r == name && page != source_page);
            in_spec || in_draft
        };
        let mut name = plain;
        let mut depth = 2;
        while taken(&name, self) && depth <= sections.len() {
            let start = sections.len() - depth;
            name = sections[start..].join(" ").to_snake_case();
            depth += 1;
        }
        self.resources.push((name.clone(), source_page.to_owned()));
        name
    }
}

/// `<resource>.json`, or `<resource>_<n>.json` when the service or the draft has that file
/// already.
fn file_name(service: Option<&ServiceSpec>, resource: &str, drafted: &[String]) -> String {
    let exists = |name: &str| {
        drafted.iter().any(|d| d == name)
            || service.is_some_and(|s| {
                s.files.iter().any(|f: &SpecFile| {
                    Path::new(&f.path).file_name().and_then(|n| n.to_str()) == Some(name)
                })
            })
    };
    let mut name = format!("{resource}.json");
    let mut n = 2;
    while exists(&name) {
        name = format!("{resource}_{n}.json");
        n += 1;
    }
    name
}

fn shape(path: &str) -> String {
    Template::parse(path).map_or_else(|_| path.to_owned(), |t| t.shape())
}
