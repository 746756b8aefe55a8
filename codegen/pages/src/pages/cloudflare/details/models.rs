//! Types an operation's page prints collapsed, resolved from the resource pages' models.
//!
//! An operation's page may print a shared type without its members: by its model's name
//! (`result: Consumer`, or a link to the model with its members announced,
//! `result: Queue { consumers, created_on, 7 more }`) or as an object whose members it
//! only announces (`object {a, b, 10 more}`). The resource pages' `Models` hold the whole
//! definition; the type is resolved from there: by the model's name, or by the one model
//! whose members start with the announced names and number as many. A type no model
//! resolves stays as the page prints it.

use std::collections::BTreeMap;

use crate::pages::model::{Layout, Page, PageField, PageObject, PageType};

/// Resolves the collapsed types of the operation pages among `pages` from the models of
/// the resource pages among them. Pages of other layouts are left alone.
pub fn resolve(pages: &mut [Page]) {
    let mut models: BTreeMap<String, PageType> = BTreeMap::new();
    for page in pages
        .iter()
        .filter(|p| p.layout == Layout::CloudflareDetails)
    {
        for named in &page.named_types {
            models
                .entry(named.name.clone())
                .or_insert_with(|| named.ty.clone());
        }
    }
    if models.is_empty() {
        return;
    }
    for page in pages
        .iter_mut()
        .filter(|p| p.layout == Layout::CloudflareDetails)
    {
        for operation in &mut page.operations {
            for param in &mut operation.params {
                resolve_field(&mut param.field, &models, 0);
            }
            if let Some(body) = &mut operation.body {
                resolve_type(&mut body.shape, &models, 0);
            }
            if let Some(shape) = operation.response.as_mut().and_then(|r| r.shape.as_mut()) {
                resolve_type(shape, &models, 0);
            }
        }
    }
}

/// How deep resolution follows types; models that name each other stop here.
const MAX_DEPTH: usize = 32;

fn resolve_field(field: &mut PageField, models: &BTreeMap<String, PageType>, depth: usize) {
    resolve_type(&mut field.ty, models, depth);
}

fn resolve_type(ty: &mut PageType, models: &BTreeMap<String, PageType>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(resolved) = resolution(ty, models) {
        *ty = resolved;
        return;
    }
    match ty {
        PageType::Array(inner) | PageType::Map(inner) => resolve_type(inner, models, depth + 1),
        PageType::Object(object) => {
            for field in &mut object.fields {
                resolve_field(field, models, depth + 1);
            }
        }
        PageType::Union(variants) => {
            for variant in variants {
                resolve_type(&mut variant.ty, models, depth + 1);
            }
        }
        _ => {}
    }
}

/// The model a collapsed type stands for, when there is exactly one.
fn resolution(ty: &PageType, models: &BTreeMap<String, PageType>) -> Option<PageType> {
    match ty {
        PageType::Named(name) => models.get(name).cloned(),
        PageType::Object(object)
            if object.fields.is_empty() && object.announced_count.unwrap_or(0) > 0 =>
        {
            if let Some(model) = object.name.as_ref().and_then(|name| models.get(name)) {
                return Some(model.clone());
            }
            let mut matching = models.values().filter(|model| announces(model, object));
            let first = matching.next()?;
            matching.next().is_none().then(|| first.clone())
        }
        _ => None,
    }
}

/// Whether a model's members are those a collapsed object announces.
fn announces(model: &PageType, collapsed: &PageObject) -> bool {
    let PageType::Object(model) = model else {
        return false;
    };
    Some(model.fields.len()) == collapsed.announced_count
        && !collapsed.announced.is_empty()
        && collapsed
            .announced
            .iter()
            .zip(&model.fields)
            .all(|(name, field)| *name == field.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::{Hints, read};

    const RESOURCE: &str = "# Queues\n\n##### [Get Queue](https://developers.cloudflare.com/api/resources/queues/methods/get)\n\nGET/accounts/{account\\_id}/queues/{queue\\_id}\n\n##### ModelsExpand Collapse\n\n<details>\n\n<summary>\n\nQueue object {queue\\_id, queue\\_name, paused }\n\n</summary>\n\nqueue\\_id: optional string\n\n<a href=\"#\">Link to this property</a>\n\nqueue\\_name: optional string\n\n<a href=\"#\">Link to this property</a>\n\npaused: optional boolean\n\n<a href=\"#\">Link to this property</a>\n\n</details>\n\n[Link to this property](#q)\n";

    fn method(result: &str) -> String {
        format!(
            "# Get Queue\n\nGET/accounts/{{account\\_id}}/queues/{{queue\\_id}}\n\n##### ReturnsExpand Collapse\n\n{result}\n\n[Link to this property](#r)\n\n### Get Queue\n\n```\ncurl https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/queues/$QUEUE_ID\n```\n\n200 example\n\n```\n{{}}\n```\n"
        )
    }

    fn result_type(method_text: &str) -> PageType {
        let resource = read(
            "r.md",
            RESOURCE,
            Layout::CloudflareDetails,
            &Hints::default(),
        );
        let method = read(
            "m.md",
            method_text,
            Layout::CloudflareDetails,
            &Hints::default(),
        );
        let (Ok(resource), Ok(method)) = (resource, method) else {
            panic!("the fixtures read");
        };
        let mut pages = vec![resource, method];
        resolve(&mut pages);
        let Some(PageType::Object(envelope)) = pages[1].operations[0]
            .response
            .as_ref()
            .and_then(|r| r.shape.clone())
        else {
            panic!("a returns object");
        };
        envelope.fields[0].ty.clone()
    }

    fn member_names(ty: &PageType) -> Vec<String> {
        match ty {
            PageType::Object(object) => object.fields.iter().map(|f| f.name.clone()).collect(),
            other => panic!("expected an object, got {other:?}"),
        }
    }

    #[test]
    fn a_model_named_by_link_is_resolved() {
        let ty = result_type(&method(
            "result: optional <a href=\"https://developers.cloudflare.com/api/resources/queues#(model)%20queue\">Queue</a> { queue\\_id, queue\\_name, paused }",
        ));
        assert_eq!(member_names(&ty), ["queue_id", "queue_name", "paused"]);
    }

    #[test]
    fn a_collapsed_object_is_resolved_by_its_announced_members() {
        let ty = result_type(&method(
            "result: optional object {queue\\_id, queue\\_name, 1 more }",
        ));
        assert_eq!(member_names(&ty), ["queue_id", "queue_name", "paused"]);
    }

    #[test]
    fn a_bare_model_name_is_resolved_and_an_unknown_one_stays() {
        let ty = result_type(&method("result: optional Queue"));
        assert_eq!(member_names(&ty), ["queue_id", "queue_name", "paused"]);
        let ty = result_type(&method("result: optional Topic"));
        assert_eq!(ty, PageType::Named("Topic".to_owned()));
        // Announced members no model has stay announced only.
        let ty = result_type(&method("result: optional object {a, 2 more }"));
        assert!(matches!(ty, PageType::Object(PageObject { ref fields, .. }) if fields.is_empty()));
    }
}
