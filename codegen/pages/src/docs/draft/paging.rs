//! Which of the service's pagination schemes an operation's page fits, so that the drafted
//! operation gets a stream of its items: the scheme's query parameters are the page's, and
//! where the scheme reads its figures or its next cursor (the answer's `result_info`, or
//! the result itself), the page's answer has them.

use codegen_spec::spec::{CursorIn, PaginationScheme, ServiceSpec};

use crate::pages::{PageField, PageObject, PageOperation, PageType, ParamLocation};

/// The scheme an operation fits, where its items are, and the parameters it sets.
#[derive(Debug, Clone)]
pub(super) struct Paging {
    pub scheme: String,
    /// The result's array field, when the result is an object around its items.
    pub items: Option<String>,
    /// The query parameters the scheme sets page after page.
    pub params: Vec<String>,
}

/// The first of the service's schemes the page's operation fits, if any. `result_field`
/// is the envelope's member holding the result, when the answer is enveloped.
pub(super) fn paging(
    op: &PageOperation,
    service: &ServiceSpec,
    result_field: Option<&str>,
) -> Option<Paging> {
    let definition = service.definition()?;
    let answer = match op.response.as_ref()?.shape.as_ref()? {
        PageType::Object(object) => object,
        _ => return None,
    };
    let result = match result_field {
        Some(name) => &member(answer, name)?.ty,
        None => op.response.as_ref()?.shape.as_ref()?,
    };
    definition.pagination.iter().find_map(|(name, scheme)| {
        let (params, items) = fits(op, scheme, answer, result)?;
        Some(Paging {
            scheme: name.value.clone(),
            items,
            params,
        })
    })
}

/// The parameters the scheme sets and the items' field, when the page fits the scheme.
fn fits(
    op: &PageOperation,
    scheme: &PaginationScheme,
    answer: &PageObject,
    result: &PageType,
) -> Option<(Vec<String>, Option<String>)> {
    let has_param = |name: &str| {
        op.params
            .iter()
            .any(|p| p.place == ParamLocation::Query && p.field.name == name)
    };
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
            if !has_param(page_param) || !has_param(per_page_param) {
                return None;
            }
            if let Some(info) = info {
                let info = object_member(answer, info)?;
                let figures = [page_field, per_page_field, total_pages_field];
                if !figures.into_iter().flatten().all(|f| has_member(info, f)) {
                    return None;
                }
            }
            let items = items_of(result)?;
            Some((
                vec![page_param.value.clone(), per_page_param.value.clone()],
                items,
            ))
        }
        PaginationScheme::Cursor {
            cursor_param,
            cursor_field,
            cursor_in,
            ..
        } => {
            if !has_param(cursor_param) {
                return None;
            }
            let items = match cursor_in {
                CursorIn::Info(info) => {
                    if !has_member(object_member(answer, info)?, cursor_field) {
                        return None;
                    }
                    items_of(result)?
                }
                CursorIn::Result => {
                    let PageType::Object(object) = result else {
                        return None;
                    };
                    if !has_member(object, cursor_field) {
                        return None;
                    }
                    Some(array_field(object)?)
                }
            };
            Some((vec![cursor_param.value.clone()], items))
        }
    }
}

/// Where a result's items are: the result itself when it is an array (`None`), else its
/// one array field.
fn items_of(result: &PageType) -> Option<Option<String>> {
    match result {
        PageType::Array(_) => Some(None),
        PageType::Object(object) => array_field(object).map(Some),
        _ => None,
    }
}

/// The object's one array field.
fn array_field(object: &PageObject) -> Option<String> {
    let mut arrays = object
        .fields
        .iter()
        .filter(|f| matches!(f.ty, PageType::Array(_)));
    let only = arrays.next()?;
    arrays.next().is_none().then(|| only.name.clone())
}

fn member<'p>(object: &'p PageObject, name: &str) -> Option<&'p PageField> {
    object.fields.iter().find(|f| f.name == name)
}

/// Whether the object has the member, listed or only announced (a collapsed type's).
fn has_member(object: &PageObject, name: &str) -> bool {
    member(object, name).is_some() || object.announced.iter().any(|a| a == name)
}

fn object_member<'p>(object: &'p PageObject, name: &str) -> Option<&'p PageObject> {
    match &member(object, name)?.ty {
        PageType::Object(inner) => Some(inner),
        _ => None,
    }
}
