//! What the current layout documents beyond types: a value's format, bounds and
//! deprecation, and an operation's permissions, auth schemes and deprecation.

use super::{Checker, Item};
use crate::docs::fix::Fix;
use crate::docs::json::Json;
use crate::pages::{Badges, PageOperation};
use codegen_spec::diagnostics::Pos;
use codegen_spec::spec::{
    AuthKind, Bound, BoundKind, Deprecated, DiffKind, Operation, Spanned, StringFormat,
};

/// What the spec says about a field's or parameter's values.
pub(super) struct SpecRules<'s> {
    pub format: Option<&'s Spanned<StringFormat>>,
    pub bounds: &'s [Bound],
    pub deprecated: Option<&'s Deprecated>,
}

impl Checker<'_> {
    /// A field's or parameter's format, bounds and deprecation against the spec's.
    pub(super) fn value_rules(
        &mut self,
        subject: &str,
        page: &Badges,
        page_pos: Pos,
        spec: SpecRules<'_>,
        item: Item<'_>,
    ) {
        let page_format = page.format.as_ref().map(|f| f.text.as_str());
        let spec_format = spec.format.map(|f| f.value.name());
        if page_format != spec_format {
            // A format the spec cannot say stays a difference for the maintainer.
            let fix = match page_format {
                None => Some(Fix::unset(item.loc, "format")),
                Some(format) => StringFormat::ALL
                    .iter()
                    .any(|(name, _)| *name == format)
                    .then(|| Fix::set(item.loc, "format", Json::str(format))),
            };
            self.differ_fixed(
                DiffKind::Format,
                subject,
                format!(
                    "the page's format is {}, the spec's {}",
                    page_format.unwrap_or("none"),
                    spec_format.unwrap_or("none")
                ),
                page.format.as_ref().map_or(page_pos, |f| f.pos),
                item,
                fix,
            );
        }
        for (_, kind) in BoundKind::ALL {
            let on_page = page.bound(kind);
            let in_spec = spec.bounds.iter().find(|b| b.kind == kind);
            let same = match (on_page, in_spec) {
                (Some(a), Some(b)) => a.value.as_f64() == b.value.as_f64(),
                (None, None) => true,
                _ => false,
            };
            if !same {
                let show = |value: Option<&serde_json::Number>| {
                    value.map_or_else(|| "none".to_owned(), ToString::to_string)
                };
                let fix = match on_page {
                    Some(bound) => Fix::set(
                        item.loc,
                        kind.name(),
                        Json::Value(serde_json::Value::Number(bound.value.clone())),
                    ),
                    None => Fix::unset(item.loc, kind.name()),
                };
                self.differ_fixed(
                    DiffKind::Bounds,
                    subject,
                    format!(
                        "the page's {} is {}, the spec's {}",
                        kind.name(),
                        show(on_page.map(|b| &b.value)),
                        show(in_spec.map(|b| &b.value))
                    ),
                    on_page.map_or(page_pos, |b| b.pos),
                    item,
                    Some(fix),
                );
            }
        }
        let mark = |deprecated: bool| if deprecated { "deprecated" } else { "" }.to_owned();
        self.record_place(
            DiffKind::Deprecated,
            item.loc,
            mark(page.deprecated.is_some()),
            mark(spec.deprecated.is_some()),
        );
        if page.deprecated.is_some() != spec.deprecated.is_some() {
            self.differ_fixed(
                DiffKind::Deprecated,
                subject,
                deprecation_message(page.deprecated.is_some()),
                page.deprecated.as_ref().map_or(page_pos, |d| d.pos),
                item,
                Some(Fix::flag(item.loc, "deprecated", page.deprecated.is_some())),
            );
        }
    }

    /// An operation's permissions, auth schemes and deprecation against the spec's.
    pub(super) fn access(
        &mut self,
        subject: &str,
        page: &PageOperation,
        op: &Operation,
        item: Item<'_>,
    ) {
        let mut page_permissions: Vec<&str> =
            page.permissions.iter().map(|p| p.text.as_str()).collect();
        let mut spec_permissions: Vec<&str> = op.permissions.iter().map(String::as_str).collect();
        page_permissions.sort_unstable();
        spec_permissions.sort_unstable();
        if page_permissions != spec_permissions {
            let fix = if page.permissions.is_empty() {
                Fix::unset(&op.loc, "permissions")
            } else {
                let list = page
                    .permissions
                    .iter()
                    .map(|p| Json::str(p.text.clone()))
                    .collect();
                Fix::set(&op.loc, "permissions", Json::Array(list))
            };
            self.differ_fixed(
                DiffKind::Permissions,
                subject,
                format!(
                    "the page accepts the permissions [{}], the spec [{}]",
                    page_permissions.join(", "),
                    spec_permissions.join(", ")
                ),
                page.permissions.first().map_or(page.pos, |p| p.pos),
                item,
                Some(fix),
            );
        }
        self.auth(subject, page, op, item);
        let page_notice = page.deprecated.as_ref().map(|d| d.text.as_str());
        let spec_notice = op
            .deprecated
            .as_ref()
            .map(|d| d.note.as_deref().unwrap_or("Deprecated"));
        let differs = match (page_notice, spec_notice) {
            (Some(a), Some(b)) => !super::same_text(a, b),
            (a, b) => a.is_some() != b.is_some(),
        };
        if differs {
            let message = match (page_notice, spec_notice) {
                (Some(a), Some(b)) => {
                    format!("the page's deprecation notice is \"{a}\", the spec's \"{b}\"")
                }
                (on_page, _) => deprecation_message(on_page.is_some()),
            };
            let fix = match page_notice {
                Some("Deprecated") => Fix::flag(&op.loc, "deprecated", true),
                notice => Fix::text(&op.loc, "deprecated", notice),
            };
            self.differ_fixed(
                DiffKind::Deprecated,
                subject,
                message,
                page.deprecated.as_ref().map_or(page.pos, |d| d.pos),
                item,
                Some(fix),
            );
        }
    }

    /// The page's schemes against the spec's: an empty scheme on the page says the call
    /// works without credentials, which the spec says with `"auth": "none"`; otherwise the
    /// page names the service's schemes.
    fn auth(&mut self, subject: &str, page: &PageOperation, op: &Operation, item: Item<'_>) {
        if page.auth.is_empty() {
            return;
        }
        let page_none = page.auth.iter().any(|a| a.text.is_empty());
        let mut page_names: Vec<&str> = page
            .auth
            .iter()
            .map(|a| a.text.as_str())
            .filter(|name| !name.is_empty())
            .collect();
        let schemes = self
            .service
            .definition()
            .map(|d| d.auth.schemes.as_slice())
            .unwrap_or_default();
        let mut spec_names: Vec<&str> = schemes.iter().filter_map(|s| s.name.as_deref()).collect();
        page_names.sort_unstable();
        spec_names.sort_unstable();
        let message = if page_none == op.authenticated {
            Some(if page_none {
                "the page says the call can be made without credentials, the spec sends them (\"auth\": \"none\" would not)".to_owned()
            } else {
                "the spec sends no credentials (\"auth\": \"none\"), the page requires them"
                    .to_owned()
            })
        } else if op.authenticated && page_names != spec_names {
            let kinds: Vec<&str> = schemes
                .iter()
                .map(|s| match s.kind {
                    AuthKind::Bearer => "bearer",
                    AuthKind::ApiKey(_) => "api_key",
                })
                .collect();
            Some(format!(
                "the page accepts the schemes [{}], the service's are [{}] ({})",
                page_names.join(", "),
                spec_names.join(", "),
                kinds.join(", ")
            ))
        } else {
            None
        };
        if let Some(message) = message {
            let pos = page.auth.first().map_or(page.pos, |a| a.pos);
            // Only whether the call sends credentials is the operation's to say.
            let fix = (page_none == op.authenticated).then(|| {
                if page_none {
                    Fix::set(&op.loc, "auth", Json::str("none"))
                } else {
                    Fix::unset(&op.loc, "auth")
                }
            });
            self.differ_fixed(DiffKind::Auth, subject, message, pos, item, fix);
        }
    }
}

fn deprecation_message(on_page: bool) -> String {
    if on_page {
        "the page marks it deprecated, the spec does not".to_owned()
    } else {
        "the spec marks it deprecated, the page does not".to_owned()
    }
}
