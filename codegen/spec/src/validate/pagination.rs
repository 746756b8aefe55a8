//! Checks of an operation's pagination: the scheme it names, the query parameters the
//! scheme sets page after page, where the items are, and where the paging information
//! (the next cursor, the page figures) is: in the result, or in the envelope's
//! `result_info`.

use super::definition::{expect_kind, field, is_number, object_fields};
use crate::diagnostics::{Loc, Sink};
use crate::spec::resolve::{Index, Resolved};
use crate::spec::*;

pub(super) fn check(
    index: &Index<'_>,
    file: &SpecFile,
    op: &Operation,
    pagination: &PaginationRef,
    sink: &mut Sink,
) {
    let Some(scheme) = find_scheme(index, pagination, sink) else {
        return;
    };
    let envelope = index.service.envelope_of(file, op);
    let at = &pagination.scheme.loc;
    match scheme {
        PaginationScheme::Page {
            page_param,
            per_page_param,
            info,
            page_field,
            per_page_field,
            total_pages_field,
            ..
        } => {
            for param in [page_param, per_page_param] {
                paging_param(op, pagination, param, sink);
            }
            items(index, op, pagination.items.as_ref(), at, sink);
            if let Some(info) = info {
                let figures = [page_field, per_page_field, total_pages_field];
                for figure in figures.into_iter().flatten() {
                    info_field(
                        index,
                        envelope,
                        info,
                        figure,
                        is_number,
                        "a number or an integer",
                        at,
                        sink,
                    );
                }
            }
        }
        PaginationScheme::Cursor {
            cursor_param,
            cursor_field,
            cursor_in,
            ..
        } => {
            paging_param(op, pagination, cursor_param, sink);
            let is_string = |r: &Resolved<'_>| matches!(r, Resolved::Primitive(Primitive::String));
            match cursor_in {
                CursorIn::Result => {
                    let Some(items_name) = &pagination.items else {
                        sink.error(at, "cursor pagination whose cursor is in the result needs \"items\": the result's array field");
                        return;
                    };
                    if let Some((def, fields)) = result_object(index, op, at, sink) {
                        if let Some(f) = field(&fields, cursor_field, &def.name, sink) {
                            expect_kind(index, f, at, is_string, "a string", sink);
                        }
                        if let Some(f) = field(&fields, items_name, &def.name, sink) {
                            expect_kind(
                                index,
                                f,
                                &items_name.loc,
                                |r| matches!(r, Resolved::Array(_)),
                                "an array",
                                sink,
                            );
                        }
                    }
                }
                CursorIn::Info(info) => {
                    items(index, op, pagination.items.as_ref(), at, sink);
                    info_field(
                        index,
                        envelope,
                        info,
                        cursor_field,
                        is_string,
                        "a string",
                        at,
                        sink,
                    );
                }
            }
        }
    }
}

/// The service's scheme an operation names, or the error saying which there are.
fn find_scheme<'a>(
    index: &Index<'a>,
    pagination: &PaginationRef,
    sink: &mut Sink,
) -> Option<&'a PaginationScheme> {
    let definition = index.service.definition()?;
    let found = definition
        .pagination
        .iter()
        .find(|(n, _)| n.value == pagination.scheme.value)
        .map(|(_, scheme)| scheme);
    if found.is_none() {
        let names: Vec<&str> = definition
            .pagination
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        sink.error(
            &pagination.scheme.loc,
            format!(
                "unknown pagination scheme \"{}\"; the service defines {}",
                pagination.scheme.value,
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        );
    }
    found
}

/// A query parameter the scheme sets page after page: the operation has it, optional.
fn paging_param(
    op: &Operation,
    pagination: &PaginationRef,
    name: &Spanned<String>,
    sink: &mut Sink,
) {
    match op.query_params.iter().find(|p| p.name.value == name.value) {
        Some(p) if p.required => sink.error(
            &p.name.loc,
            format!(
                "the pagination parameter \"{}\" must be optional",
                p.name.value
            ),
        ),
        Some(_) => {}
        None => sink.error(
            &pagination.scheme.loc,
            format!(
                "pagination scheme \"{}\" needs the query parameter \"{}\"",
                pagination.scheme.value, name.value
            ),
        ),
    }
}

/// The items of a page: the result array, or the array field `items` of the result object
/// (a list wrapped with other members, as Buddy's `{url, html_url, pipelines: [...]}`).
fn items(
    index: &Index<'_>,
    op: &Operation,
    items: Option<&Spanned<String>>,
    at: &Loc,
    sink: &mut Sink,
) {
    match items {
        Some(items_name) => {
            if let Some((def, fields)) = result_object(index, op, at, sink)
                && let Some(f) = field(&fields, items_name, &def.name, sink)
            {
                expect_kind(index, f, &items_name.loc, |r| matches!(r, Resolved::Array(_)), "an array", sink);
            }
        }
        None => match op.response.ty.as_ref().map(|ty| (index.resolve(ty), &ty.loc)) {
            Some((Resolved::Array(_) | Resolved::Invalid, _)) => {}
            Some((_, loc)) => sink.error(
                loc,
                "a paginated result without \"items\" must be the array of items; a result object names its array field in \"items\"",
            ),
            None => sink.error(at, "a paginated operation's response needs a body"),
        },
    }
}

/// The result object and its fields, or the error saying it is not one.
fn result_object<'a>(
    index: &Index<'a>,
    op: &'a Operation,
    at: &Loc,
    sink: &mut Sink,
) -> Option<(&'a TypeDef, Vec<&'a FieldDef>)> {
    let Some(result_type) = &op.response.ty else {
        sink.error(at, "a paginated operation's response needs a body");
        return None;
    };
    match index.resolve(result_type) {
        Resolved::Object(def, object) => Some((def, index.wire_fields(object))),
        Resolved::Invalid => None,
        _ => {
            sink.error(
                &result_type.loc,
                "the result must be an object whose fields hold the items and the paging information",
            );
            None
        }
    }
}

/// A field of the envelope's paging information (`result_info`), of the kind `is`.
#[allow(clippy::too_many_arguments)]
fn info_field(
    index: &Index<'_>,
    envelope: Option<&Envelope>,
    info: &Spanned<String>,
    wanted: &Spanned<String>,
    is: impl Fn(&Resolved<'_>) -> bool,
    kind: &str,
    at: &Loc,
    sink: &mut Sink,
) {
    let Some(envelope) = envelope else {
        sink.error(
            at,
            format!(
                "the scheme reads the envelope's \"{}\", but this operation's response has no envelope",
                info.value
            ),
        );
        return;
    };
    if envelope.result_info.as_ref().map(|r| r.as_str()) != Some(info.as_str()) {
        sink.error(
            &info.loc,
            format!(
                "\"{}\" is not the result_info field of the envelope {}",
                info.value, envelope.ty.value
            ),
        );
        return;
    }
    let Some(envelope_fields) = object_fields(index, &envelope.ty, "envelope", sink) else {
        return;
    };
    let Some(info_def) = field(&envelope_fields, info, &envelope.ty, sink) else {
        return;
    };
    let Resolved::Object(info_type, info_object) = index.resolve(&info_def.ty) else {
        return;
    };
    let info_fields = index.wire_fields(info_object);
    if let Some(f) = field(&info_fields, wanted, &info_type.name, sink) {
        expect_kind(index, f, &wanted.loc, is, kind, sink);
    }
}
