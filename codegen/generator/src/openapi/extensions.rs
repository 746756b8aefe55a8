//! The `x-*` values that carry what OpenAPI has no field for: sources, rate limits, paging.

use serde_json::{Map, Value, json};

use super::insert_opt;
use codegen_spec::spec::{CursorIn, PaginationScheme, RateLimit, Source};

pub(super) fn source_json(source: &Source) -> Value {
    let mut out = Map::new();
    for (key, value) in [
        ("page", &source.page),
        ("section", &source.section),
        ("last_modified", &source.last_modified),
        ("reference", &source.reference),
        ("note", &source.note),
    ] {
        if let Some(value) = value {
            out.insert(key.into(), Value::String(value.clone()));
        }
    }
    Value::Object(out)
}

pub(super) fn rate_limit_json(rate_limit: &RateLimit) -> Value {
    let mut out = Map::new();
    match rate_limit {
        RateLimit::Separate {
            limit_header,
            remaining_header,
            reset_header,
            description,
        } => {
            out.insert("style".into(), json!("separate"));
            out.insert("limit_header".into(), json!(limit_header));
            out.insert("remaining_header".into(), json!(remaining_header));
            out.insert("reset_header".into(), json!(reset_header));
            out.insert("reset".into(), json!("unix_seconds"));
            insert_opt(&mut out, "description", description.as_ref());
        }
        RateLimit::Structured {
            header,
            policy_header,
            description,
        } => {
            out.insert("style".into(), json!("structured"));
            out.insert("header".into(), json!(header));
            insert_opt(&mut out, "policy_header", policy_header.as_ref());
            insert_opt(&mut out, "description", description.as_ref());
        }
    }
    Value::Object(out)
}

pub(super) fn pagination_json(scheme: &PaginationScheme) -> Value {
    let mut out = Map::new();
    match scheme {
        PaginationScheme::Page {
            page_param,
            per_page_param,
            info,
            page_field,
            per_page_field,
            total_pages_field,
            description,
        } => {
            out.insert("style".into(), json!("page"));
            out.insert("page_param".into(), json!(page_param.value));
            out.insert("per_page_param".into(), json!(per_page_param.value));
            for (key, value) in [
                ("info", info),
                ("page_field", page_field),
                ("per_page_field", per_page_field),
                ("total_pages_field", total_pages_field),
            ] {
                if let Some(value) = value {
                    out.insert(key.into(), json!(value.value));
                }
            }
            insert_opt(&mut out, "description", description.as_ref());
        }
        PaginationScheme::Cursor {
            cursor_param,
            cursor_field,
            cursor_in,
            description,
        } => {
            out.insert("style".into(), json!("cursor"));
            out.insert("cursor_param".into(), json!(cursor_param.value));
            out.insert("cursor_field".into(), json!(cursor_field.value));
            if let CursorIn::Info(info) = cursor_in {
                out.insert("info".into(), json!(info.value));
            }
            insert_opt(&mut out, "description", description.as_ref());
        }
    }
    Value::Object(out)
}
