//! The JSON a mock answers with: results in their envelope, errors in the service's error
//! shape, and pages that lead the client from one to the next.

use serde_json::{Map, Value};

use super::shape::{CursorAt, EnvelopeShape, ErrorShape, MockOperation, PagingShape};
use crate::ErrorDetail;

/// A result as the operation answers it: tagged where it is a union's variant, in the
/// operation's envelope where it has one.
pub(crate) fn success(op: &MockOperation, mut result: Value) -> Value {
    if let (Some((tag, value)), Value::Object(object)) = (op.result_tag, &mut result) {
        object
            .entry(tag.to_owned())
            .or_insert_with(|| Value::String(value.to_owned()));
    }
    match op.envelope {
        Some(envelope) => wrap(envelope, result),
        None => result,
    }
}

/// `{"success": true, "errors": [], "messages": [], "result": result}`, with the members
/// the envelope has.
fn wrap(envelope: &EnvelopeShape, result: Value) -> Value {
    let mut object = Map::new();
    if let Some(success) = envelope.success {
        object.insert(success.to_owned(), Value::Bool(true));
    }
    for list in [envelope.errors, envelope.messages].into_iter().flatten() {
        object.insert(list.to_owned(), Value::Array(Vec::new()));
    }
    object.insert(envelope.result.to_owned(), result);
    Value::Object(object)
}

/// An error body in the service's shape: Buddy's `{"errors": [{"message": ..}]}`,
/// Cloudflare's envelope with `success: false` and coded errors.
pub(crate) fn error(shape: &ErrorShape, details: &[ErrorDetail]) -> Value {
    let errors = details
        .iter()
        .map(|detail| {
            let mut item = Map::new();
            if let (Some(member), Some(code)) = (shape.code, detail.code) {
                item.insert(member.to_owned(), Value::from(code));
            }
            let message = detail.message.clone().unwrap_or_default();
            item.insert(shape.message.to_owned(), Value::String(message));
            Value::Object(item)
        })
        .collect();
    let mut object = Map::new();
    if let Some(envelope) = shape.envelope {
        if let Some(success) = envelope.success {
            object.insert(success.to_owned(), Value::Bool(false));
        }
        if let Some(messages) = envelope.messages {
            object.insert(messages.to_owned(), Value::Array(Vec::new()));
        }
        object.insert(envelope.result.to_owned(), Value::Null);
    }
    object.insert(shape.errors.to_owned(), Value::Array(errors));
    Value::Object(object)
}

/// The cursor that fetches page `index` (from 0) of a mock's pages.
fn cursor_of(index: usize) -> String {
    format!("mock-page-{}", index + 1)
}

/// Which of `count` pages a request asks for, from its query: `Ok(index)`, which may be
/// past the last page, or `Err(message)` for a page number or cursor the mock never gave.
pub(crate) fn page_index(
    paging: &PagingShape,
    query: &[(String, String)],
    count: usize,
) -> Result<usize, String> {
    let value = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    match paging {
        PagingShape::Pages { page, .. } => match value(page) {
            None => Ok(0),
            Some(text) => match text.parse::<f64>() {
                Ok(number) if number >= 1.0 && number.fract() == 0.0 => {
                    Ok((number as usize).saturating_sub(1))
                }
                _ => Err(format!("the mock has no page {page}={text}")),
            },
        },
        PagingShape::Cursor { cursor, .. } => match value(cursor) {
            None => Ok(0),
            Some(text) => (1..count)
                .find(|index| cursor_of(*index) == text)
                .ok_or_else(|| format!("the mock gave no cursor {text:?}")),
        },
    }
}

/// Page `index` of `pages` (results as the user gave them), in the operation's envelope,
/// with what leads the client to the next page: the envelope's paging information, or
/// the next page's cursor (an empty one on the last page). Past the last page, an empty
/// page.
pub(crate) fn page(
    op: &MockOperation,
    paging: &PagingShape,
    pages: &[Value],
    index: usize,
) -> Value {
    let items_member = match paging {
        PagingShape::Pages { items, .. } | PagingShape::Cursor { items, .. } => *items,
    };
    let mut result = match pages.get(index) {
        Some(page) => page.clone(),
        None => empty_page(pages.last(), items_member),
    };
    let next = if index + 1 < pages.len() {
        cursor_of(index + 1)
    } else {
        String::new()
    };
    if let (
        PagingShape::Cursor {
            next: CursorAt::Result(member),
            ..
        },
        Value::Object(object),
    ) = (paging, &mut result)
    {
        object.insert((*member).to_owned(), Value::String(next.clone()));
    }
    let mut answer = success(op, result);
    let Value::Object(envelope) = &mut answer else {
        return answer;
    };
    match paging {
        PagingShape::Pages {
            info: Some(info), ..
        } => {
            // The page size is the largest page's, whatever was asked for: the client
            // takes a shorter page for the last, so every page the test gave is read.
            let size = |page: &Value| items_of(page, items_member).map_or(0, Vec::len);
            let per_page = pages.iter().map(size).max().unwrap_or(0) as u64;
            let mut figures = Map::new();
            let numbers = [
                (info.page, index as u64 + 1),
                (info.per_page, per_page),
                (info.total_pages, pages.len() as u64),
            ];
            for (member, number) in numbers {
                if let Some(member) = member {
                    figures.insert(member.to_owned(), Value::from(number));
                }
            }
            envelope.insert(info.member.to_owned(), Value::Object(figures));
        }
        PagingShape::Cursor {
            next: CursorAt::Info(member, field),
            ..
        } => {
            let mut info = Map::new();
            info.insert((*field).to_owned(), Value::String(next));
            envelope.insert((*member).to_owned(), Value::Object(info));
        }
        _ => {}
    }
    answer
}

/// The items of a page's result.
fn items_of<'a>(page: &'a Value, member: Option<&str>) -> Option<&'a Vec<Value>> {
    match member {
        None => page.as_array(),
        Some(member) => page.get(member)?.as_array(),
    }
}

/// A page without items: `[]`, or the last page with its list emptied.
fn empty_page(last: Option<&Value>, member: Option<&str>) -> Value {
    match (member, last) {
        (Some(member), Some(Value::Object(last))) => {
            let mut page = last.clone();
            page.insert(member.to_owned(), Value::Array(Vec::new()));
            Value::Object(page)
        }
        _ => Value::Array(Vec::new()),
    }
}
