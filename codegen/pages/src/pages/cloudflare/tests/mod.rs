//! The Cloudflare readers' tests: the real pages ([`real_pages`], [`other_pages`]), the
//! two renderings against each other, and pages they must refuse ([`refusals`]).

use serde_json::json;

use crate::pages::{
    Hints, Layout, Page, PageField, PageObject, PageOperation, PageType, ParamLocation, read,
};
use codegen_spec::diagnostics::{Diagnostics, Pos};

const CURRENT: &str = include_str!("../../../../../../pages/cloudflare/workers-builds.md");
const SUPERSEDED: &str =
    include_str!("../../../../../../pages/cloudflare/superseded/workers-builds.txt");
const D1: &str = include_str!("../../../../../../tests/fixtures/pages/cloudflare-d1.md");

const MD: Layout = Layout::CloudflareMarkdown;
const COLLAPSED: Layout = Layout::CloudflareCollapsed;

fn page(file: &str, text: &str, layout: Layout) -> Page {
    read(file, text, layout, &Hints::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn current() -> Page {
    page("pages/cloudflare/workers-builds.md", CURRENT, MD)
}

fn superseded() -> Page {
    page(
        "pages/cloudflare/superseded/workers-builds.txt",
        SUPERSEDED,
        COLLAPSED,
    )
}

fn d1() -> Page {
    page("tests/fixtures/pages/cloudflare-d1.md", D1, MD)
}

fn refused(text: &str, layout: Layout) -> Diagnostics {
    match read("p", text, layout, &Hints::default()) {
        Ok(page) => panic!(
            "expected the page to be refused; read {} operations",
            page.operations.len()
        ),
        Err(e) => e,
    }
}

/// The position of the first `needle` in `text`, as the readers give it.
fn pos_of(text: &str, needle: &str) -> Pos {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the text"));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

fn operation<'p>(page: &'p Page, method: &str, path: &str) -> &'p PageOperation {
    page.operations
        .iter()
        .find(|op| op.method.text == method && op.path.text == path)
        .unwrap_or_else(|| panic!("no {method} {path}"))
}

fn object(ty: &PageType) -> &PageObject {
    match ty {
        PageType::Object(object) => object,
        other => panic!("expected an object, found {other:?}"),
    }
}

fn member<'o>(object: &'o PageObject, name: &str) -> &'o PageField {
    object
        .fields
        .iter()
        .find(|field| field.name == name)
        .unwrap_or_else(|| panic!("no member {name} in {:?}", object.name))
}

fn sections(op: &PageOperation) -> Vec<&str> {
    op.sections.iter().map(|s| s.text.as_str()).collect()
}

/// A type in one line: kinds, members with `?` when optional, values, variants. Values
/// for which `keep` is false are left out.
fn render(ty: &PageType, keep: &dyn Fn(&serde_json::Value) -> bool) -> String {
    if let Some(primitive) = ty.primitive() {
        return primitive.as_str().into();
    }
    match ty {
        PageType::String
        | PageType::Integer
        | PageType::Number
        | PageType::Boolean
        | PageType::Unknown
        | PageType::Unstated => "unstated".into(),
        PageType::Enum(values) => {
            let values: Vec<String> = values
                .iter()
                .filter(|v| keep(&v.value))
                .map(|v| v.value.to_string())
                .collect();
            format!("enum({})", values.join("|"))
        }
        PageType::Array(inner) => format!("[{}]", render(inner, keep)),
        PageType::Map(inner) => format!("map[{}]", render(inner, keep)),
        PageType::Object(object) => {
            let fields: Vec<String> = object
                .fields
                .iter()
                .map(|f| {
                    let optional = if f.required { "" } else { "?" };
                    format!("{}{optional}: {}", f.name, render(&f.ty, keep))
                })
                .collect();
            let name = object.name.as_deref().unwrap_or("");
            if object.fields.is_empty() {
                format!("{name}{{announced {}}}", object.announced.join(", "))
            } else {
                format!("{name}{{{}}}", fields.join(", "))
            }
        }
        PageType::Union(variants) => {
            let variants: Vec<String> = variants.iter().map(|v| render(&v.ty, keep)).collect();
            format!("({})", variants.join(" | "))
        }
        PageType::Named(name) => name.clone(),
    }
}

fn all(_: &serde_json::Value) -> bool {
    true
}

fn fields(object: &PageObject) -> Vec<(&str, bool, String)> {
    object
        .fields
        .iter()
        .map(|f| (f.name.as_str(), f.required, render(&f.ty, &all)))
        .collect()
}

mod other_pages;
mod real_pages;
mod refusals;
