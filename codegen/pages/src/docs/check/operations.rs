//! Operations: matched by method and path, then title, description, scopes, parameters,
//! body, response and the page's names for results.

use super::types::Expected;
use super::{Checker, Item, same_text};
use crate::docs::fix::Fix;
use crate::docs::json::Json;
use crate::pages::{
    Page, PageField, PageOperation, PageType, ParamLocation, Text, distinct_variants,
};
use codegen_spec::spec::template::Template;
use codegen_spec::spec::{DiffKind, Operation, Param, SpecFile};

/// A path's shape (`/a/{}/b`): operations are the same whatever their placeholders are
/// called. A path that is not a template is its own shape.
fn path_shape(path: &str) -> String {
    Template::parse(path).map_or_else(|_| path.to_owned(), |t| t.shape())
}

/// The operation's name in messages: `cloudflare.triggers.create`.
pub(super) fn op_name(service: &str, file: &SpecFile, op: &Operation) -> String {
    let resource = file.resource.as_ref().map_or("", |r| r.value.as_str());
    format!("{service}.{resource}.{}", op.id.value)
}

impl<'a> Checker<'a> {
    pub(super) fn operations(&mut self, group: &[&'a Page]) {
        let spec_ops: Vec<(&SpecFile, &Operation)> = self
            .files
            .iter()
            .flat_map(|file| file.operations.iter().map(move |op| (*file, op)))
            .collect();
        let mut matched = vec![false; spec_ops.len()];
        for page in group {
            self.page = page;
            self.page_operations(&spec_ops, &mut matched);
        }
        for ((file, op), matched) in spec_ops.iter().zip(matched) {
            if !matched {
                let subject = op_name(&self.service.name, file, op);
                self.differ_fixed(
                    DiffKind::Absent,
                    &subject,
                    format!(
                        "operation {} {} is in the spec only",
                        op.method.as_str(),
                        op.path.value
                    ),
                    codegen_spec::diagnostics::Pos::start(),
                    Item {
                        loc: &op.loc,
                        differs: &op.page_differs,
                    },
                    Some(Fix::Remove { at: op.loc.clone() }),
                );
            }
        }
    }

    /// The current page's operations, each against the spec's of the same method and path.
    fn page_operations(&mut self, spec_ops: &[(&SpecFile, &Operation)], matched: &mut [bool]) {
        for page_op in &self.page.operations {
            let found = spec_ops.iter().position(|(_, op)| {
                op.method.as_str() == page_op.method.text
                    && path_shape(&op.path) == path_shape(&page_op.path.text)
            });
            match found {
                Some(i) => {
                    matched[i] = true;
                    let (file, op) = spec_ops[i];
                    self.operation(page_op, file, op);
                }
                None => {
                    let section = page_op.sections.last().map(|s| s.text.as_str());
                    let loc = self.file_loc(section);
                    self.differ_plainly(
                        &format!("{} {}", page_op.method.text, page_op.path.text),
                        format!("operation \"{}\" is on the page only", page_op.title.text),
                        page_op.pos,
                        &loc,
                    );
                }
            }
        }
    }

    fn operation(&mut self, page_op: &PageOperation, file: &SpecFile, op: &Operation) {
        let name = op_name(&self.service.name, file, op);
        let item = Item {
            loc: &op.loc,
            differs: &op.page_differs,
        };
        if !same_text(&page_op.title.text, &op.summary) {
            self.differ_fixed(
                DiffKind::Summary,
                &name,
                format!(
                    "the page's title is \"{}\", the spec's summary \"{}\"",
                    page_op.title.text, op.summary
                ),
                page_op.title.pos,
                item,
                Some(Fix::set(
                    &op.loc,
                    "summary",
                    Json::str(page_op.title.text.clone()),
                )),
            );
        }
        let page_description = page_op.description.as_ref();
        self.described(
            &name,
            page_description,
            op.description.as_deref(),
            page_op.pos,
            item,
        );
        if self.page.layout.documents_access() {
            self.access(&name, page_op, op, item);
        }
        let page_scopes: Vec<&str> = page_op.scopes.iter().map(|s| s.text.as_str()).collect();
        if page_scopes != op.scopes {
            self.differ(
                DiffKind::Scopes,
                &name,
                format!(
                    "the page requires scopes [{}], the spec [{}]",
                    page_scopes.join(", "),
                    op.scopes.join(", ")
                ),
                page_op.scopes.first().map_or(page_op.pos, |s| s.pos),
                item,
            );
        }
        self.params(&name, page_op, op);
        self.body(&name, page_op, op);
        self.response(&name, page_op, file, op);
        self.examples(&name, page_op, op);
    }

    /// Two descriptions of one item; `None` is no description.
    /// [`Self::description`] of a page's description, at its own place, else at `pos`
    /// (where the item it describes starts).
    pub(super) fn described(
        &mut self,
        subject: &str,
        page: Option<&Text>,
        spec: Option<&str>,
        pos: codegen_spec::diagnostics::Pos,
        item: Item<'_>,
    ) {
        let page_pos = page.map_or(pos, |d| d.pos);
        self.description(subject, page.map(|d| d.text.as_str()), spec, page_pos, item);
    }

    pub(super) fn description(
        &mut self,
        subject: &str,
        page: Option<&str>,
        spec: Option<&str>,
        page_pos: codegen_spec::diagnostics::Pos,
        item: Item<'_>,
    ) {
        self.record_place(
            DiffKind::Description,
            item.loc,
            page.map(super::normal_text).unwrap_or_default(),
            spec.map(super::normal_text).unwrap_or_default(),
        );
        let message = match (page, spec) {
            (Some(page), Some(spec)) if !same_text(page, spec) => {
                format!("the page's description is \"{page}\", the spec's \"{spec}\"")
            }
            (Some(page), None) => format!("the page describes it (\"{page}\"), the spec does not"),
            (None, Some(spec)) => format!("the spec describes it (\"{spec}\"), the page does not"),
            _ => return,
        };
        let fix = Fix::text(item.loc, "description", page);
        self.differ_fixed(
            DiffKind::Description,
            subject,
            message,
            page_pos,
            item,
            Some(fix),
        );
    }

    fn params(&mut self, name: &str, page_op: &PageOperation, op: &Operation) {
        for place in ParamLocation::ALL {
            let page_params: Vec<&PageField> = page_op
                .params
                .iter()
                .filter(|p| p.place == place)
                .map(|p| &p.field)
                .collect();
            let spec_params = op.params(place);
            if place == ParamLocation::Path {
                self.path_params(name, page_op, &page_params, op);
                continue;
            }
            for page_param in &page_params {
                match spec_params.iter().find(|p| p.name.value == page_param.name) {
                    Some(spec_param) => self.param(name, place, page_param, spec_param),
                    None => {
                        let loc = op.loc.clone();
                        let fix = Fix::AddParam {
                            at: op.loc.clone(),
                            place,
                            field: (*page_param).clone(),
                        };
                        self.differ_plainly_fixed(
                            &format!("{name} {} parameter `{}`", place.as_str(), page_param.name),
                            "is on the page only".to_owned(),
                            page_param.pos,
                            &loc,
                            Some(fix),
                        );
                    }
                }
            }
            for spec_param in spec_params {
                if !page_params.iter().any(|p| p.name == spec_param.name.value) {
                    self.differ_fixed(
                        DiffKind::Absent,
                        &format!(
                            "{name} {} parameter `{}`",
                            place.as_str(),
                            spec_param.name.value
                        ),
                        "is in the spec only".to_owned(),
                        page_op.pos,
                        Item {
                            loc: &spec_param.loc,
                            differs: &spec_param.page_differs,
                        },
                        Some(Fix::Remove {
                            at: spec_param.loc.clone(),
                        }),
                    );
                }
            }
        }
    }

    /// Path parameters are positional: the n-th placeholder of the page's path is the
    /// n-th of the spec's, whatever each calls it.
    fn path_params(
        &mut self,
        name: &str,
        page_op: &PageOperation,
        page_params: &[&PageField],
        op: &Operation,
    ) {
        let page_names = placeholders(&page_op.path.text);
        let spec_names = placeholders(&op.path);
        for (page_name, spec_name) in page_names.iter().zip(&spec_names) {
            let Some(spec_param) = op.path_params.iter().find(|p| &p.name.value == spec_name)
            else {
                continue;
            };
            let item = Item {
                loc: &spec_param.loc,
                differs: &spec_param.page_differs,
            };
            let page_param = page_params.iter().find(|p| &p.name == page_name);
            if page_name != spec_name {
                self.differ(
                    DiffKind::Name,
                    &format!("{name} path parameter `{spec_name}`"),
                    format!("the page calls it `{page_name}`"),
                    page_param.map_or(page_op.path.pos, |p| p.pos),
                    item,
                );
            }
            match page_param {
                Some(page_param) => self.param(name, ParamLocation::Path, page_param, spec_param),
                None => self.differ_plainly(
                    &format!("{name} path parameter `{page_name}`"),
                    "is in the page's path but not among its path parameters".to_owned(),
                    page_op.path.pos,
                    &spec_param.loc,
                ),
            }
        }
        for page_param in page_params {
            if !page_names.contains(&page_param.name) {
                self.differ_plainly(
                    &format!("{name} path parameter `{}`", page_param.name),
                    "is listed on the page but not in its path".to_owned(),
                    page_param.pos,
                    &op.loc,
                );
            }
        }
    }

    fn param(&mut self, name: &str, place: ParamLocation, page: &PageField, spec: &Param) {
        let subject = format!("{name} {} parameter `{}`", place.as_str(), spec.name.value);
        let item = Item {
            loc: &spec.loc,
            differs: &spec.page_differs,
        };
        if place != ParamLocation::Path && page.required != spec.required {
            self.differ_fixed(
                DiffKind::Required,
                &subject,
                requiredness(page.required, spec.required),
                page.pos,
                item,
                Some(Fix::flag(&spec.loc, "required", page.required)),
            );
        }
        let description = page.description.as_ref();
        self.described(
            &subject,
            description,
            spec.description.as_deref(),
            page.pos,
            item,
        );
        if self.page.layout.documents_access() {
            self.value_rules(
                &subject,
                &page.badges,
                page.pos,
                super::rules::SpecRules {
                    format: spec.format.as_ref(),
                    bounds: &spec.bounds,
                    deprecated: spec.deprecated.as_ref(),
                },
                item,
            );
        }
        let expected = Expected {
            retype: Some((&spec.loc, Some("type"), &page.ty)),
            ..Expected::plain(item)
        };
        self.compare_type(&subject, &page.ty, page.pos, &spec.ty, expected);
    }

    fn body(&mut self, name: &str, page_op: &PageOperation, op: &Operation) {
        let subject = format!("{name} body");
        match (&page_op.body, &op.body) {
            (None, None) => {}
            (Some(page_body), Some(spec_body)) => {
                let item = Item {
                    loc: &spec_body.ty.loc,
                    differs: &op.page_differs,
                };
                let expected = Expected {
                    variant: spec_body.variant.as_ref().map(|v| v.value.as_str()),
                    ..Expected::plain(item)
                };
                self.compare_type(
                    &subject,
                    &page_body.shape,
                    page_body.pos,
                    &spec_body.ty,
                    expected,
                );
            }
            (Some(page_body), None) => {
                let loc = op.loc.clone();
                self.differ_plainly(
                    &subject,
                    "is on the page only".to_owned(),
                    page_body.pos,
                    &loc,
                );
            }
            (None, Some(spec_body)) => self.differ(
                DiffKind::Absent,
                &subject,
                "is in the spec only".to_owned(),
                page_op.pos,
                Item {
                    loc: &spec_body.ty.loc,
                    differs: &op.page_differs,
                },
            ),
        }
    }

    fn response(&mut self, name: &str, page_op: &PageOperation, file: &SpecFile, op: &Operation) {
        let Some(page_response) = &page_op.response else {
            return;
        };
        let loc = op
            .response
            .ty
            .as_ref()
            .map_or(&op.response.status.loc, |t| &t.loc);
        let item = Item {
            loc,
            differs: &op.page_differs,
        };
        if let Some(status) = page_response.status
            && status != op.response.status.value
        {
            self.differ(
                DiffKind::Status,
                &format!("{name} response"),
                format!(
                    "the page answers {status}, the spec {}",
                    op.response.status.value
                ),
                page_response.pos,
                Item {
                    loc: &op.response.status.loc,
                    differs: &op.page_differs,
                },
            );
        }
        // A response without a body has no shape to compare (the status, above, says it).
        let (Some(shape), Some(result_type)) = (&page_response.shape, &op.response.ty) else {
            return;
        };
        // A raw answer's bytes are what a page calls a `string`.
        if op.response.is_raw() && is_text(shape) {
            return;
        }
        let result = Expected {
            variant: op.response.variant.as_ref().map(|v| v.value.as_str()),
            ..Expected::plain(item)
        };
        let envelope = self.service.envelope_of(file, op);
        match (envelope, shape) {
            (Some(envelope), PageType::Object(object)) => {
                let subject = format!("{name} response");
                self.envelope(
                    &subject,
                    object,
                    page_response.pos,
                    envelope,
                    result_type,
                    result,
                );
            }
            _ => self.compare_type(
                &format!("{name} result"),
                shape,
                page_response.pos,
                result_type,
                result,
            ),
        }
    }
}

/// The `{name}`s of a path template, in order.
pub(super) fn placeholders(path: &str) -> Vec<String> {
    Template::parse(path)
        .map(|t| t.variables().map(str::to_owned).collect())
        .unwrap_or_default()
}

pub(super) fn requiredness(page: bool, spec: bool) -> String {
    let word = |required: bool| if required { "required" } else { "optional" };
    format!("the page says {}, the spec says {}", word(page), word(spec))
}

/// Whether a page's type is text: `string`, or a union of nothing else (`string or
/// string`), which is how pages write an answer of raw content.
pub(super) fn is_text(page: &PageType) -> bool {
    match page {
        PageType::String => true,
        PageType::Union(variants) => {
            matches!(distinct_variants(variants).as_slice(), [only] if is_text(&only.ty))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_writes_raw_content_as_a_string_or_strings() {
        let variant = |ty: PageType| crate::pages::UnionVariant {
            ty,
            pos: codegen_spec::diagnostics::Pos::start(),
            description: None,
        };
        assert!(is_text(&PageType::String));
        assert!(is_text(&PageType::Union(vec![
            variant(PageType::String),
            variant(PageType::String)
        ])));
        assert!(!is_text(&PageType::Union(vec![
            variant(PageType::String),
            variant(PageType::Number)
        ])));
        assert!(!is_text(&PageType::Unknown));
    }

    #[test]
    fn paths_match_whatever_their_placeholders_are_called() {
        assert_eq!(path_shape("/a/{x}/b/{y_z}"), "/a/{}/b/{}");
        assert_eq!(placeholders("/a/{x}/b/{y_z}"), ["x", "y_z"]);
    }
}
