//! What a regeneration changes for downstream crates: the records of two APIs compared
//! item by item, each change classified by the first [`Rule`] that decides it, and the
//! version bump the changes require under Cargo's semver rules.

mod report;
mod rules;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use super::Surface;
use super::item::{Item, TypeItem};
use codegen_spec::spec::ParamLocation;
pub use report::{Change, Report, next_version};
pub use rules::*;

/// What an item key names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key<'k> {
    Service,
    Resource,
    Operation {
        resource: &'k str,
    },
    Param {
        operation: &'k str,
        resource: &'k str,
    },
    Type {
        service: &'k str,
    },
    Member {
        owner: &'k str,
        service: &'k str,
    },
    Docs,
    Examples,
}

fn key_kind(key: &str) -> Key<'_> {
    if key.ends_with("#examples") {
        return Key::Examples;
    }
    if key.ends_with("#doc") || key.contains("#doc") {
        return Key::Docs;
    }
    if let Some((service, rest)) = key.split_once("::") {
        return match split_member(rest) {
            Some((owner_len, _)) => Key::Member {
                owner: &key[..service.len() + 2 + owner_len],
                service,
            },
            None => Key::Type { service },
        };
    }
    if let Some(open) = key.find('(') {
        let operation = &key[..open];
        let resource = operation.rsplit_once('.').map_or("", |(r, _)| r);
        return Key::Param {
            operation,
            resource,
        };
    }
    match key.matches('.').count() {
        0 => Key::Service,
        1 => Key::Resource,
        _ => Key::Operation {
            resource: key.rsplit_once('.').map_or("", |(r, _)| r),
        },
    }
}

/// `Type.member` → the length of `Type` and the member; `None` for a bare type name.
fn split_member(rest: &str) -> Option<(usize, &str)> {
    rest.find('.').map(|dot| (dot, &rest[dot + 1..]))
}

/// Compares two records.
pub fn diff(old: &Surface, new: &Surface) -> Report {
    Differ { old, new }.run()
}

struct Differ<'a> {
    old: &'a Surface,
    new: &'a Surface,
}

/// Pairs of (removed, added) items that are one item renamed.
struct Renames {
    types: Vec<(String, String)>,
    operations: Vec<(String, String)>,
    /// Members of one type: a field or enum value under another JSON name with the same
    /// Rust name, a union variant under another name or tag value.
    members: Vec<(String, String)>,
    /// A path parameter is an argument by position: another name for the same type at
    /// the same place is the same parameter.
    path_params: Vec<(String, String)>,
}

impl Renames {
    /// The rename an item is part of, under either of its names.
    fn of(&self, key: &str) -> Option<&(String, String)> {
        self.types
            .iter()
            .chain(&self.operations)
            .chain(&self.members)
            .chain(&self.path_params)
            .find(|(o, n)| o == key || n == key)
    }
}

fn find<'r>(pairs: &'r [(String, String)], key: &str) -> Option<&'r (String, String)> {
    pairs.iter().find(|(o, n)| o == key || n == key)
}

/// An item's record, as the one content a rename is told by.
fn value_of(surface: &Surface, key: &str) -> Vec<(String, String)> {
    surface
        .items
        .get(key)
        .map(|v| vec![(String::new(), v.to_string())])
        .unwrap_or_default()
}

/// The record of a type, when `item` is one.
fn type_item(item: Option<&Item>) -> Option<&TypeItem> {
    match item {
        Some(Item::Type(def)) => Some(def),
        _ => None,
    }
}

impl<'a> Differ<'a> {
    fn run(&self) -> Report {
        let keys: BTreeSet<&String> = self.old.items.keys().chain(self.new.items.keys()).collect();
        let item = value_of;
        // A type is renamed within its service, an operation within its resource, a
        // member within its type.
        let renames = Renames {
            types: self.renamed(
                |key| match key_kind(key) {
                    Key::Type { service } => Some(service),
                    _ => None,
                },
                members_of,
            ),
            operations: self.renamed(
                |key| match key_kind(key) {
                    Key::Operation { resource } => Some(resource),
                    _ => None,
                },
                item,
            ),
            members: self.renamed(
                |key| match key_kind(key) {
                    Key::Member { owner, .. } => Some(owner),
                    _ => None,
                },
                item,
            ),
            path_params: self.renamed(
                |key| match key_kind(key) {
                    Key::Param { operation, .. }
                        if matches!(
                            self.old.items.get(key).or(self.new.items.get(key)),
                            Some(Item::Param(p)) if p.location == ParamLocation::Path
                        ) =>
                    {
                        Some(operation)
                    }
                    _ => None,
                },
                item,
            ),
        };
        let mut changes = Vec::new();
        for key in keys {
            let old = self.old.items.get(key);
            let new = self.new.items.get(key);
            if old == new || self.inside_a_whole_change(key, &renames) {
                continue;
            }
            if let Some(change) = self.classify(key, old, new, &renames) {
                changes.push(change);
            }
        }
        Report { changes }
    }

    /// Pairs of (removed, added) items of one kind and scope whose contents are the same:
    /// renames. `scope` says whether a key is of the kind, and within what it is renamed.
    fn renamed(
        &self,
        scope: impl Fn(&str) -> Option<&str>,
        contents: impl Fn(&Surface, &str) -> Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        let removed: Vec<&String> = self
            .old
            .items
            .keys()
            .filter(|k| scope(k).is_some() && !self.new.items.contains_key(*k))
            .collect();
        if removed.is_empty() {
            return Vec::new();
        }
        // Each added item's contents once, not once per removed item.
        let mut added: Vec<(&String, Vec<(String, String)>)> = self
            .new
            .items
            .keys()
            .filter(|k| scope(k).is_some() && !self.old.items.contains_key(*k))
            .map(|k| (k, contents(self.new, k)))
            .collect();
        let mut pairs = Vec::new();
        for old_key in removed {
            let old_contents = contents(self.old, old_key);
            if let Some(index) = added.iter().position(|(new_key, new_contents)| {
                scope(new_key) == scope(old_key) && *new_contents == old_contents
            }) {
                // An added item pairs with one removed item at most.
                let (new_key, _) = added.remove(index);
                pairs.push((old_key.clone(), new_key.clone()));
            }
        }
        pairs
    }

    /// A member, parameter or doc of a type or operation that is added, removed or
    /// renamed as a whole, or of a type whose kind changed, is reported with it, not again;
    /// so is a renamed parameter's doc.
    fn inside_a_whole_change(&self, key: &str, renames: &Renames) -> bool {
        let whole = |owner: &str| {
            let (old, new) = (self.old.items.get(owner), self.new.items.get(owner));
            let kind_changed = matches!(key_kind(owner), Key::Type { .. })
                && matches!((old, new), (Some(old), Some(new)) if old.kind() != new.kind());
            old.is_some() != new.is_some() || kind_changed || renames.of(owner).is_some()
        };
        let owner = match key_kind(key) {
            Key::Member { owner, .. } => owner.to_owned(),
            Key::Param { operation, .. } => operation.to_owned(),
            Key::Docs | Key::Examples => {
                let base = key.split('#').next().unwrap_or(key);
                if base != key && whole(base) {
                    return !self.renamed_param_doc_changed(base, renames);
                }
                match key_kind(base) {
                    Key::Member { owner, .. } => owner.to_owned(),
                    Key::Param { operation, .. } => operation.to_owned(),
                    _ => return false,
                }
            }
            _ => return false,
        };
        whole(&owner)
    }

    /// Whether `base` is the new name of a renamed path parameter whose doc changed too:
    /// that doc change is reported, under the new name.
    fn renamed_param_doc_changed(&self, base: &str, renames: &Renames) -> bool {
        renames.path_params.iter().any(|(old, new)| {
            new == base
                && self.old.items.get(&format!("{old}#doc"))
                    != self.new.items.get(&format!("{new}#doc"))
        })
    }

    fn classify(
        &self,
        key: &str,
        old: Option<&Item>,
        new: Option<&Item>,
        renames: &Renames,
    ) -> Option<Change> {
        let change = Found { key, old, new };
        match key_kind(key) {
            Key::Examples => change.by(&EXAMPLES, self.group_of(key)),
            Key::Docs => change.by(&DESCRIPTION, self.group_of(key)),
            Key::Service => match (old, new) {
                (None, Some(_)) => change.by(&SERVICE_ADDED, key.to_owned()),
                _ => change.by(&SERVICE_REMOVED, key.to_owned()),
            },
            Key::Resource => match (old, new) {
                (None, Some(_)) => change.by(&RESOURCE_ADDED, key.to_owned()),
                _ => change.by(&RESOURCE_REMOVED, key.to_owned()),
            },
            Key::Operation { resource } => {
                let group = resource.to_owned();
                if let Some(rename) = find(&renames.operations, key) {
                    return change.renamed(&OPERATION_RENAMED, rename, group);
                }
                match (old, new) {
                    (None, Some(_)) => change.by(&OPERATION_ADDED, group),
                    (Some(_), None) => change.by(&OPERATION_REMOVED, group),
                    (Some(Item::Operation(old)), Some(Item::Operation(new))) => {
                        change.by(operation_rule(old, new)?, group)
                    }
                    (Some(_), Some(_)) => change.by(&OPERATION_ENDPOINT, group),
                    (None, None) => None,
                }
            }
            Key::Param { resource, .. } => {
                let group = resource.to_owned();
                if let Some(rename) = find(&renames.path_params, key) {
                    return change.renamed(&PATH_PARAM_RENAMED, rename, group);
                }
                change.by(param_added_or_removed(key, old, new)?, group)
            }
            Key::Type { service } => {
                let group = self.module_group(service, key);
                if let Some(rename) = find(&renames.types, key) {
                    return change.renamed(&TYPE_RENAMED, rename, group);
                }
                let rule = match (old, new) {
                    (None, Some(_)) => &TYPE_ADDED,
                    (Some(_), None) => &TYPE_REMOVED,
                    (Some(old), Some(new)) => match (type_item(Some(old)), type_item(Some(new))) {
                        (Some(old), Some(new)) => type_rule(old, new),
                        _ => &TYPE_KIND,
                    },
                    (None, None) => return None,
                };
                change.by(rule, group)
            }
            Key::Member { owner, service } => {
                let owner_item = type_item(
                    new.and(self.new.items.get(owner))
                        .or_else(|| self.old.items.get(owner)),
                );
                let group = self.module_group(service, owner);
                if let Some(rename) = find(&renames.members, key) {
                    let rule = member_rename_rule(new.or(old)?, owner_item);
                    return change.renamed(rule, rename, group);
                }
                change.by(member_rule(old, new, owner_item), group)
            }
        }
    }
}

/// A changed item's key and records, to report under a rule.
struct Found<'a> {
    key: &'a str,
    old: Option<&'a Item>,
    new: Option<&'a Item>,
}

impl Found<'_> {
    fn by(&self, rule: &'static Rule, group: String) -> Option<Change> {
        Some(Change {
            rule,
            item: self.key.to_owned(),
            group,
            old: self.old.map(Item::to_string),
            new: self.new.map(Item::to_string),
        })
    }

    /// A rename, reported once: at its new name, as `old -> new`.
    fn renamed(
        &self,
        rule: &'static Rule,
        (from, to): &(String, String),
        group: String,
    ) -> Option<Change> {
        (to == self.key).then(|| Change {
            rule,
            item: format!("{from} -> {to}"),
            group,
            old: None,
            new: self.new.map(Item::to_string),
        })
    }
}

/// The rule of a parameter or body added, removed or changed.
fn param_added_or_removed(
    key: &str,
    old: Option<&Item>,
    new: Option<&Item>,
) -> Option<&'static Rule> {
    let is_body = key.ends_with("(body)");
    Some(match (old, new) {
        (None, Some(_)) | (Some(_), None) if is_body => &BODY_CHANGED,
        (None, Some(Item::Param(new))) if new.required => &PARAM_REQUIRED_ADDED,
        (None, Some(_)) => &PARAM_OPTIONAL_ADDED,
        (Some(_), None) => &PARAM_REMOVED,
        (Some(old), Some(new)) => param_rule(old, new),
        (None, None) => return None,
    })
}

impl Differ<'_> {
    /// A type is grouped with the module it is generated in (`cloudflare.triggers`,
    /// `cloudflare.types`), as its record says.
    fn module_group(&self, service: &str, type_key: &str) -> String {
        let module = self
            .new
            .items
            .get(type_key)
            .or_else(|| self.old.items.get(type_key))
            .and_then(|item| type_item(Some(item)))
            .map_or("types", |def| def.module.as_str());
        format!("{service}.{module}")
    }

    /// `cloudflare.triggers.create#doc` is grouped with `cloudflare.triggers`, a type's
    /// docs with the type.
    fn group_of(&self, key: &str) -> String {
        let base = key.split('#').next().unwrap_or(key);
        match key_kind(base) {
            Key::Operation { resource } | Key::Param { resource, .. } => resource.to_owned(),
            Key::Type { service } => self.module_group(service, base),
            Key::Member { service, owner } => self.module_group(service, owner),
            _ => base.to_owned(),
        }
    }
}

/// A type's members (their keys without the type's name) and values, to tell a renamed
/// type from a removed one.
fn members_of(surface: &Surface, key: &str) -> Vec<(String, String)> {
    let kind = surface
        .items
        .get(key)
        .map(|v| v.kind().to_owned())
        .unwrap_or_default();
    let prefix = format!("{key}.");
    let mut members: Vec<(String, String)> = surface
        .items
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(k, _)| !k.contains('#'))
        .map(|(k, v)| (k[prefix.len()..].to_owned(), v.to_string()))
        .collect();
    members.push((String::new(), kind));
    members
}
