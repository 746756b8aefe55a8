//! Decoding one spec file's JSON into [`SpecFile`], reporting every mismatch with the format.

mod definition;
mod operations;
mod types;

use crate::diagnostics::JsonPath;
use crate::json::Node;
use crate::load::reader::{ObjectReader, Reader};
use crate::spec::*;

pub(super) type Found<'n> = (&'n Node, JsonPath);

/// Decodes a file; `None` when its top level is unusable (the reasons are reported).
pub fn file(r: &mut Reader<'_>, root: &Node) -> Option<SpecFile> {
    let path = JsonPath::root();
    let mut o = r.object(root, &path, "a spec file")?;
    if let Some((node, path)) = o.require(r, "$schema", "the path of schema.json, for editors") {
        r.string(node, &path);
    }
    let service = o
        .require(r, "service", "the service this file belongs to")
        .and_then(|(n, p)| r.snake_name(n, &p, "service name"));
    let source = o
        .require(r, "source", "where this file's content comes from")
        .and_then(|(n, p)| source(r, n, &p));
    let definition = o
        .get("definition")
        .and_then(|(n, p)| definition::definition(r, n, &p));
    let resource = o
        .get("resource")
        .and_then(|(n, p)| r.snake_name(n, &p, "resource name"));
    let description = opt_string(r, &mut o, "description");
    let envelope = o
        .get("envelope")
        .and_then(|(n, p)| definition::envelope_choice(r, n, &p));
    let types = o
        .get("types")
        .map(|(n, p)| types::types(r, n, &p))
        .unwrap_or_default();
    let operations = o
        .get("operations")
        .map(|(n, p)| each(r, n, &p, operations::operation))
        .unwrap_or_default();
    if resource.is_none() && !operations.is_empty() {
        r.error(
            root,
            &path,
            "a file with operations needs a \"resource\": the module and client accessor they belong to",
        );
    }
    o.finish(r);
    Some(SpecFile {
        path: r.file.to_string(),
        service: service?,
        source: source.unwrap_or_default(),
        definition,
        resource,
        description,
        envelope,
        types,
        operations,
    })
}

pub(super) fn opt_string(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
    key: &'static str,
) -> Option<String> {
    o.get(key)
        .and_then(|(n, p)| r.string(n, &p))
        .map(|s| s.value)
}

pub(super) fn opt_spanned(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
    key: &'static str,
) -> Option<Spanned<String>> {
    o.get(key).and_then(|(n, p)| r.string(n, &p))
}

pub(super) fn req_string(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
    key: &'static str,
    what: &str,
) -> Option<Spanned<String>> {
    o.require(r, key, what).and_then(|(n, p)| r.string(n, &p))
}

pub(super) fn opt_bool(r: &mut Reader<'_>, o: &mut ObjectReader<'_>, key: &'static str) -> bool {
    o.get(key).and_then(|(n, p)| r.bool(n, &p)).unwrap_or(false)
}

/// `format`, the bounds (`min_length`, `maximum`, …) and `deprecated` of a field or
/// parameter.
pub(super) fn value_rules(
    r: &mut Reader<'_>,
    o: &mut ObjectReader<'_>,
) -> (
    Option<Spanned<StringFormat>>,
    Vec<Bound>,
    Option<Deprecated>,
) {
    let format = o.get("format").and_then(|(n, p)| {
        let format = r.choice(n, &p, &StringFormat::ALL)?;
        Some(Spanned {
            value: format,
            loc: r.loc(n, &p),
        })
    });
    let mut bounds = Vec::new();
    for (key, kind) in BoundKind::ALL {
        let Some((node, path)) = o.get(key) else {
            continue;
        };
        match &node.value {
            crate::json::Value::Number(value) => bounds.push(Bound {
                kind,
                value: value.clone(),
                loc: r.loc(node, &path),
            }),
            _ => r.error(
                node,
                &path,
                format!("expected a number, found {}", node.kind()),
            ),
        }
    }
    let deprecated = o.get("deprecated").and_then(|(n, p)| deprecated(r, n, &p));
    (format, bounds, deprecated)
}

/// `"deprecated": true`, or the page's notice as a string.
pub(super) fn deprecated(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Deprecated> {
    let loc = r.loc(node, path);
    match &node.value {
        crate::json::Value::Bool(true) => Some(Deprecated { note: None, loc }),
        crate::json::Value::String(note) if !note.trim().is_empty() => Some(Deprecated {
            note: Some(note.clone()),
            loc,
        }),
        _ => {
            r.error(
                node,
                path,
                format!(
                    "expected true or the page's deprecation notice (a string), found {}",
                    crate::json::describe(node)
                ),
            );
            None
        }
    }
}

/// Decodes each item of an array with `item`, skipping items that failed.
pub(super) fn each<T>(
    r: &mut Reader<'_>,
    node: &Node,
    path: &JsonPath,
    item: impl Fn(&mut Reader<'_>, &Node, &JsonPath) -> Option<T>,
) -> Vec<T> {
    let Some(items) = r.array(node, path) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, n)| item(r, n, &path.index(i)))
        .collect()
}

pub(super) fn source(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Option<Source> {
    let mut o = r.object(node, path, "a source")?;
    let source = Source {
        page: opt_string(r, &mut o, "page"),
        section: opt_string(r, &mut o, "section"),
        last_modified: opt_string(r, &mut o, "last_modified"),
        reference: opt_string(r, &mut o, "reference"),
        note: opt_string(r, &mut o, "note"),
    };
    if source.page.is_some() == source.reference.is_some() {
        r.error(
            node,
            path,
            "a source names either a \"page\" (a documentation page) or a \"reference\" (another document), not both or neither",
        );
    }
    o.finish(r);
    Some(source)
}

/// `page_differs`: each deliberate difference from the page, by kind, with its reason.
pub(super) fn page_differs(r: &mut Reader<'_>, o: &mut ObjectReader<'_>) -> PageDiffers {
    let Some((node, path)) = o.get("page_differs") else {
        return PageDiffers::default();
    };
    let Some(mut differs) = r.object(
        node,
        &path,
        "the deliberate differences from the page, each kind with its reason",
    ) else {
        return PageDiffers::default();
    };
    let mut allowances = Vec::new();
    for member in differs.rest() {
        let member_path = path.key(&member.key);
        let loc = member.key_loc(&r.file, member_path.clone());
        let Some(kind) = DiffKind::ALL
            .iter()
            .find(|(name, _)| *name == member.key)
            .map(|(_, kind)| *kind)
        else {
            let names: Vec<&str> = DiffKind::ALL.iter().map(|(name, _)| *name).collect();
            r.sink.error(
                &loc,
                format!(
                    "unknown kind of difference \"{}\"; expected one of {}{}",
                    member.key,
                    names.join(", "),
                    crate::diagnostics::suggestion(&member.key, names.iter().copied())
                ),
            );
            continue;
        };
        let Some(reason) = r.string(&member.value, &member_path) else {
            continue;
        };
        if reason.value.trim().is_empty() {
            r.sink.error(
                &loc,
                "a deliberate difference needs its reason: say why the spec differs from the page",
            );
            continue;
        }
        allowances.push(Allowance {
            kind,
            reason: reason.value,
            loc,
        });
    }
    differs.finish(r);
    PageDiffers(allowances)
}

/// A JSON value the spec keeps as written; duplicate keys would make its meaning unclear.
pub(super) fn kept_json(r: &mut Reader<'_>, node: &Node, path: &JsonPath) -> Node {
    r.check_duplicates_deep(node, path);
    node.clone()
}
