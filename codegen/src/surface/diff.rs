//! What a regeneration changes for downstream crates: the records of two APIs compared
//! item by item, each change classified by the first [`Rule`] that decides it, and the
//! version bump the changes require under Cargo's semver rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::Surface;

/// How a change affects a crate that depends on generated-client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Documentation, examples: no code can tell.
    Documentation,
    /// Code that compiled still compiles and behaves as before.
    Additive,
    /// Code that compiled may fail to compile, or behave differently.
    Breaking,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Documentation => "documentation only",
            Class::Additive => "additive",
            Class::Breaking => "breaking",
        }
    }
}

/// A classification rule: the kind of change it decides, and why it is what it is.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub class: Class,
    /// The change, as the rules table in spec/README.md words it.
    pub change: &'static str,
    /// Why it is classified so, in the generated crate's terms.
    pub why: &'static str,
}

macro_rules! rules {
    ($($name:ident: $id:literal, $class:ident, $change:literal, $why:literal;)*) => {
        $(
            #[doc = $change]
            pub const $name: Rule = Rule { id: $id, class: Class::$class, change: $change, why: $why };
        )*
        /// Every rule, in the order of the table.
        pub const RULES: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    SERVICE_ADDED: "service-added", Additive, "a service added", "a new module and client; nothing existing changes";
    SERVICE_REMOVED: "service-removed", Breaking, "a service removed", "its module and client disappear";
    RESOURCE_ADDED: "resource-added", Additive, "a resource added", "a new module and accessor";
    RESOURCE_REMOVED: "resource-removed", Breaking, "a resource removed", "its module and accessor disappear";
    OPERATION_ADDED: "operation-added", Additive, "an operation added", "a new method; existing calls are untouched";
    OPERATION_REMOVED: "operation-removed", Breaking, "an operation removed", "its method disappears";
    OPERATION_RENAMED: "operation-renamed", Breaking, "an operation renamed (same method and path, another id)", "the method's name changes";
    OPERATION_ENDPOINT: "operation-endpoint-changed", Breaking, "an operation's method or path changed", "the same call now sends another request";
    OPERATION_STATUS: "success-status-changed", Documentation, "an operation's success status changed (same method, path and result)", "the client takes any 2xx status as success: only the generated tests' expectations change";
    OPERATION_RESULT: "result-type-changed", Breaking, "an operation's result type changed", "`.await` returns another type";
    OPERATION_PAGING_ADDED: "paging-added", Additive, "an operation's paging added", "`into_stream` appears; `.await` still returns one page";
    OPERATION_PAGING: "paging-changed", Breaking, "an operation's paging removed or changed", "`into_stream` disappears or yields other items";
    OPERATION_AUTH: "auth-changed", Breaking, "an operation starts or stops needing the token", "the same call now sends or withholds the token";
    PARAM_REQUIRED_ADDED: "required-parameter-added", Breaking, "a required parameter added", "the method takes one more argument";
    PARAM_OPTIONAL_ADDED: "optional-parameter-added", Additive, "an optional parameter added", "the request builder gets a new setter";
    PARAM_REMOVED: "parameter-removed", Breaking, "a parameter removed", "an argument or setter disappears";
    PARAM_NOW_REQUIRED: "parameter-now-required", Breaking, "a parameter optional -> required", "a setter becomes an argument";
    PARAM_NOW_OPTIONAL: "parameter-now-optional", Breaking, "a parameter required -> optional", "an argument becomes a setter";
    PARAM_TYPE: "parameter-type-changed", Breaking, "a parameter's type changed", "the argument or setter takes another type";
    PARAM_SECRET: "parameter-secrecy-changed", Additive, "a parameter marked secret or no longer", "only what errors and traces show changes";
    BODY_CHANGED: "body-changed", Breaking, "a request body added, removed or of another type", "the method's body argument changes";
    TYPE_ADDED: "type-added", Additive, "a type added", "a new type; nothing existing changes";
    TYPE_REMOVED: "type-removed", Breaking, "a type removed", "code naming it stops compiling";
    TYPE_RENAMED: "type-renamed", Breaking, "a type renamed (same members, another name)", "code naming it stops compiling";
    TYPE_KIND: "type-kind-changed", Breaking, "a type's kind changed (struct, enum, union, alias)", "everything about using it changes";
    TYPE_MOVED: "type-moved", Breaking, "a type moved to another resource module", "its long path (`service::resource::Type`) changes";
    TYPE_NOW_REQUEST: "type-now-in-requests", Additive, "a response type now also sent in requests", "it gains a constructor and setters";
    TYPE_NO_LONGER_REQUEST: "type-no-longer-in-requests", Breaking, "a request type no longer sent in requests", "it loses its setters, and read-only fields return";
    REQUEST_FIELD_OPTIONAL_ADDED: "optional-request-field-added", Additive, "an optional request field added", "a new setter; `new` and struct patterns are unchanged (`#[non_exhaustive]`)";
    REQUEST_FIELD_REQUIRED_ADDED: "required-request-field-added", Breaking, "a required request field added", "`new` takes one more value";
    RESPONSE_FIELD_ADDED: "response-field-added", Additive, "an optional response field added", "a new public field of a `#[non_exhaustive]` struct; `new` is unchanged";
    RESPONSE_FIELD_REQUIRED_ADDED: "required-response-field-added", Breaking, "a required response field added", "`new`, which builds a response value (a test's stand-in), takes one more value";
    FIELD_REMOVED: "field-removed", Breaking, "a field removed", "code reading or setting it stops compiling";
    FIELD_RENAMED: "field-renamed", Breaking, "a field renamed (another JSON name for the same Rust field, or the reverse)", "the same code reads and sends another JSON member; or code naming it stops compiling";
    FIELD_NOW_OPTIONAL: "field-now-optional", Breaking, "a field required -> optional, or made nullable (`T` -> `Option<T>`)", "its type changes from `T` to `Option<T>`, or `new` no longer takes it";
    FIELD_NOW_REQUIRED: "field-now-required", Breaking, "a field optional -> required (`Option<T>` -> `T`)", "its type changes from `Option<T>` to `T`, and `new` takes it";
    FIELD_TYPE: "field-type-changed", Breaking, "a field's type changed", "code using it sees another type";
    FIELD_NULLABILITY: "field-nullability-changed", Additive, "an optional field of a response type made nullable or not (still `Option<T>`)", "the Rust type stays, and responses decode absent and `null` alike; only a response value serialized again writes `None` otherwise";
    REQUEST_FIELD_NULLABILITY: "request-field-nullability-changed", Breaking, "an optional field of a type sent in requests made nullable or not (still `Option<T>`)", "the same value is sent otherwise: `None` becomes `null` where it was left out (a PATCH that kept the field now clears it), or the reverse";
    FIELD_FLAGS: "field-constraint-changed", Additive, "a field's read-only or unique-items mark changed on a response type", "response types keep every field; nothing users write changes";
    FIELD_SHAPE: "field-shape-changed", Breaking, "a field made constant, flattened or one of a `require_one_of` group, or no longer", "it turns private (set by `new`, or read through a getter) or public, the constructors change, or its members move in or out of a nested object";
    FIELD_CONSTANT: "field-constant-changed", Breaking, "a constant field's value changed", "the client sends another value";
    ENUM_VALUE_ADDED_REQUEST: "enum-value-added-in-requests", Additive, "an enum value added to an enum sent in requests", "a new variant of a `#[non_exhaustive]` enum";
    ENUM_VALUE_ADDED_RESPONSE: "enum-value-added-in-responses", Additive, "an enum value added to an enum received in responses", "a new variant of a `#[non_exhaustive]` enum; the value, which decoded as `Unknown` before, now decodes as the variant";
    ENUM_VALUE_REMOVED: "enum-value-removed", Breaking, "an enum value removed", "its variant disappears";
    ENUM_VALUE_RENAMED: "enum-variant-renamed", Breaking, "an enum value renamed (another wire value for the same Rust variant, or the reverse)", "the same variant is sent and read as another value; or code naming the variant stops compiling";
    VARIANT_ADDED: "union-variant-added", Additive, "a union variant added, or a tagged union's fallback", "a new variant of a `#[non_exhaustive]` enum";
    VARIANT_REMOVED: "union-variant-removed", Breaking, "a union variant removed, or a tagged union's fallback", "its variant (`Unknown` for the fallback) disappears";
    VARIANT_CHANGED: "union-variant-changed", Breaking, "a union variant's type or name changed", "code matching it sees another type";
    UNION_TAG: "union-tag-changed", Breaking, "a tagged union's tag, or a variant's tag value, changed", "other JSON decodes, or fails to";
    DESCRIPTION: "description-changed", Documentation, "a description changed", "only rustdoc changes";
    EXAMPLES: "example-changed", Documentation, "an example changed", "only rustdoc examples and tests change";
}

/// One change between two records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub rule: &'static Rule,
    /// The item: `cloudflare.triggers.create`, `cloudflare::Trigger.branch`.
    pub item: String,
    /// Where it is grouped in the report: `cloudflare.triggers`, `cloudflare types`.
    pub group: String,
    /// What it was and is.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every change from one record to another.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The strongest class of change, if any.
    pub fn class(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.rule.class).max()
    }

    /// The version after the bump these changes require from `version`; `None` when
    /// nothing changed or `version` is not `major.minor.patch`.
    pub fn next_version(&self, version: &str) -> Option<String> {
        next_version(version, self.class()?)
    }

    /// Counts by class.
    pub fn count(&self, class: Class) -> usize {
        self.changes
            .iter()
            .filter(|c| c.rule.class == class)
            .count()
    }

    /// The report and the bump it requires from `version`.
    pub fn render(&self, version: &str) -> String {
        if self.changes.is_empty() {
            return "no API changes\n".to_owned();
        }
        let mut out = String::new();
        let mut groups: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
        for change in &self.changes {
            groups.entry(&change.group).or_default().push(change);
        }
        for (group, changes) in groups {
            out.push_str(group);
            out.push('\n');
            for change in changes {
                out.push_str(&format!("  {change}\n"));
            }
        }
        let counts = [Class::Breaking, Class::Additive, Class::Documentation]
            .map(|class| format!("{} {}", self.count(class), class.name()));
        out.push_str(&format!("\n{}: ", counts.join(", ")));
        match (self.next_version(version), self.class()) {
            (Some(next), Some(class)) => {
                let why = match (class, version.starts_with("0.")) {
                    (Class::Breaking, true) => "a breaking change before 1.0: minor bump",
                    (Class::Breaking, false) => "a breaking change: major bump",
                    (Class::Additive, false) => "additions: minor bump",
                    _ => "compatible: patch bump",
                };
                out.push_str(&format!("generated-client {version} -> {next} ({why})\n"));
            }
            _ => out.push_str(&format!("generated-client {version}: no bump\n")),
        }
        out
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<18} {:<30} {}",
            self.rule.class.name(),
            self.rule.id,
            self.item
        )?;
        match (&self.old, &self.new) {
            (Some(old), Some(new)) => write!(f, ": {old} -> {new}"),
            (None, Some(new)) => write!(f, ": {new}"),
            (Some(old), None) => write!(f, ": was {old}"),
            (None, None) => Ok(()),
        }
    }
}

/// The version after a change of `class` to `version` (`major.minor.patch`) under Cargo's
/// semver rules: before 1.0 a minor bump is breaking and a patch compatible.
pub fn next_version(version: &str, class: Class) -> Option<String> {
    let parts: Vec<u64> = version
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u64>>>()?;
    let [major, minor, patch] = parts.as_slice() else {
        return None;
    };
    Some(match (class, *major == 0) {
        (Class::Breaking, true) | (Class::Additive, false) => format!("{major}.{}.0", minor + 1),
        (Class::Breaking, false) => format!("{}.0.0", major + 1),
        (Class::Additive | Class::Documentation, _) => format!("{major}.{minor}.{}", patch + 1),
    })
}

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

/// The first word of an item's value: its kind (`field`, `value`, `struct`, ...).
fn word(value: &str, n: usize) -> &str {
    value.split_whitespace().nth(n).unwrap_or_default()
}

fn has(value: &str, flag: &str) -> bool {
    value.split_whitespace().any(|w| w == flag)
}

fn attribute<'v>(value: &'v str, name: &str) -> Option<&'v str> {
    value
        .split_whitespace()
        .find_map(|w| w.strip_prefix(name).and_then(|w| w.strip_prefix('=')))
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
}

impl<'a> Differ<'a> {
    fn run(&self) -> Report {
        let keys: BTreeSet<&String> = self.old.items.keys().chain(self.new.items.keys()).collect();
        let item = |surface: &Surface, key: &str| {
            surface
                .items
                .get(key)
                .map(|v| vec![(String::new(), v.clone())])
                .unwrap_or_default()
        };
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
        let added: Vec<&String> = self
            .new
            .items
            .keys()
            .filter(|k| scope(k).is_some() && !self.old.items.contains_key(*k))
            .collect();
        let mut pairs = Vec::new();
        for old_key in removed {
            let old_contents = contents(self.old, old_key);
            if let Some(new_key) = added.iter().find(|new_key| {
                !pairs.iter().any(|(_, n): &(String, String)| n == **new_key)
                    && scope(new_key) == scope(old_key)
                    && contents(self.new, new_key) == old_contents
            }) {
                pairs.push((old_key.clone(), (*new_key).clone()));
            }
        }
        pairs
    }

    /// A member, parameter or doc of a type or operation that is added, removed or
    /// renamed as a whole, or of a type whose kind changed, is reported with it, not again.
    fn inside_a_whole_change(&self, key: &str, renames: &Renames) -> bool {
        let whole = |owner: &str| {
            let (old, new) = (self.old.items.get(owner), self.new.items.get(owner));
            let kind_changed = matches!(key_kind(owner), Key::Type { .. })
                && matches!((old, new), (Some(old), Some(new)) if word(old, 0) != word(new, 0));
            old.is_some() != new.is_some()
                || kind_changed
                || renames
                    .types
                    .iter()
                    .chain(&renames.operations)
                    .chain(&renames.members)
                    .any(|(o, n)| o == owner || n == owner)
        };
        let owner = match key_kind(key) {
            Key::Member { owner, .. } => owner.to_owned(),
            Key::Param { operation, .. } => operation.to_owned(),
            Key::Docs | Key::Examples => {
                let base = key.split('#').next().unwrap_or(key);
                if base != key && whole(base) {
                    return true;
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

    fn classify(
        &self,
        key: &str,
        old: Option<&String>,
        new: Option<&String>,
        renames: &Renames,
    ) -> Option<Change> {
        let change = |rule: &'static Rule, group: String| {
            Some(Change {
                rule,
                item: key.to_owned(),
                group,
                old: old.cloned(),
                new: new.cloned(),
            })
        };
        match key_kind(key) {
            Key::Examples => change(&EXAMPLES, self.group_of(key)),
            Key::Docs => change(&DESCRIPTION, self.group_of(key)),
            Key::Service => match (old, new) {
                (None, Some(_)) => change(&SERVICE_ADDED, key.to_owned()),
                (Some(_), None) => change(&SERVICE_REMOVED, key.to_owned()),
                _ => change(&SERVICE_REMOVED, key.to_owned()),
            },
            Key::Resource => match (old, new) {
                (None, Some(_)) => change(&RESOURCE_ADDED, key.to_owned()),
                _ => change(&RESOURCE_REMOVED, key.to_owned()),
            },
            Key::Operation { resource } => {
                let group = resource.to_owned();
                if let Some((from, to)) = renames
                    .operations
                    .iter()
                    .find(|(o, n)| o == key || n == key)
                {
                    // Reported once, at the new name.
                    return (to == key).then(|| Change {
                        rule: &OPERATION_RENAMED,
                        item: format!("{from} -> {to}"),
                        group,
                        old: None,
                        new: new.cloned(),
                    });
                }
                match (old, new) {
                    (None, Some(_)) => change(&OPERATION_ADDED, group),
                    (Some(_), None) => change(&OPERATION_REMOVED, group),
                    (Some(old), Some(new)) => change(operation_rule(old, new), group),
                    (None, None) => None,
                }
            }
            Key::Param { resource, .. } => {
                let group = resource.to_owned();
                let rule = match (old, new) {
                    (None, Some(_)) if key.ends_with("(body)") => &BODY_CHANGED,
                    (Some(_), None) if key.ends_with("(body)") => &BODY_CHANGED,
                    (None, Some(new)) if has(new, "required") => &PARAM_REQUIRED_ADDED,
                    (None, Some(_)) => &PARAM_OPTIONAL_ADDED,
                    (Some(_), None) => &PARAM_REMOVED,
                    (Some(old), Some(new)) => param_rule(old, new),
                    (None, None) => return None,
                };
                change(rule, group)
            }
            Key::Type { service } => {
                let group = self.module_group(service, key);
                if let Some((from, to)) = renames.types.iter().find(|(o, n)| o == key || n == key) {
                    return (to == key).then(|| Change {
                        rule: &TYPE_RENAMED,
                        item: format!("{from} -> {to}"),
                        group,
                        old: None,
                        new: new.cloned(),
                    });
                }
                let rule = match (old, new) {
                    (None, Some(_)) => &TYPE_ADDED,
                    (Some(_), None) => &TYPE_REMOVED,
                    (Some(old), Some(new)) => type_rule(old, new),
                    (None, None) => return None,
                };
                change(rule, group)
            }
            Key::Member { owner, service } => {
                let owner_value = new
                    .and(self.new.items.get(owner))
                    .or_else(|| self.old.items.get(owner))
                    .map_or("", String::as_str);
                let group = self.module_group(service, owner);
                if let Some((from, to)) = renames.members.iter().find(|(o, n)| o == key || n == key)
                {
                    let value = new.or(old).map_or("", String::as_str);
                    return (to == key).then(|| Change {
                        rule: member_rename_rule(value, owner_value),
                        item: format!("{from} -> {to}"),
                        group,
                        old: None,
                        new: new.cloned(),
                    });
                }
                let rule = member_rule(
                    old.map(String::as_str),
                    new.map(String::as_str),
                    owner_value,
                );
                change(rule, group)
            }
        }
    }
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
            .and_then(|value| attribute(value, "in"))
            .unwrap_or("types");
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
        .map(|v| word(v, 0).to_owned())
        .unwrap_or_default();
    let prefix = format!("{key}.");
    let mut members: Vec<(String, String)> = surface
        .items
        .range(prefix.clone()..)
        .take_while(|(k, _)| k.starts_with(&prefix))
        .filter(|(k, _)| !k.contains('#'))
        .map(|(k, v)| (k[prefix.len()..].to_owned(), v.clone()))
        .collect();
    members.push((String::new(), kind));
    members
}

fn operation_rule(old: &str, new: &str) -> &'static Rule {
    // `operation METHOD PATH -> RESULT (STATUS) [paged|cursor] [no-token]`
    if word(old, 1) != word(new, 1) || word(old, 2) != word(new, 2) {
        &OPERATION_ENDPOINT
    } else if word(old, 4) != word(new, 4) {
        &OPERATION_RESULT
    } else if has(old, "no-token") != has(new, "no-token") {
        &OPERATION_AUTH
    } else if has(old, "paged") != has(new, "paged") || has(old, "cursor") != has(new, "cursor") {
        let paged = |v: &str| has(v, "paged") || has(v, "cursor");
        if paged(old) {
            &OPERATION_PAGING
        } else {
            &OPERATION_PAGING_ADDED
        }
    } else {
        // The status only: the client takes any 2xx as success, so the generated client
        // is the same; the generated tests expect the new status.
        &OPERATION_STATUS
    }
}

fn param_rule(old: &str, new: &str) -> &'static Rule {
    if word(old, 0) == "body" || word(new, 0) == "body" {
        return &BODY_CHANGED;
    }
    // `LOCATION parameter TYPE required|optional [setter=x] [secret]`
    match (has(old, "required"), has(new, "required")) {
        (false, true) => &PARAM_NOW_REQUIRED,
        (true, false) => &PARAM_NOW_OPTIONAL,
        _ if word(old, 2) != word(new, 2) || word(old, 0) != word(new, 0) => &PARAM_TYPE,
        _ if attribute(old, "setter") != attribute(new, "setter") => &PARAM_TYPE,
        _ => &PARAM_SECRET,
    }
}

fn type_rule(old: &str, new: &str) -> &'static Rule {
    // `KIND [tag=..] [fallback] SIDE in=MODULE`
    let kind = |v: &str| match word(v, 0) {
        "alias" => format!("alias {}", word(v, 1)),
        other => other.to_owned(),
    };
    if kind(old) != kind(new) {
        &TYPE_KIND
    } else if has(old, "fallback") && !has(new, "fallback") {
        // The fallback is the variant `Unknown`.
        &VARIANT_REMOVED
    } else if attribute(old, "tag") != attribute(new, "tag") {
        &UNION_TAG
    } else if has(old, "fallback") != has(new, "fallback") {
        &VARIANT_ADDED
    } else if attribute(old, "in") != attribute(new, "in") {
        &TYPE_MOVED
    } else if in_requests(old) && !in_requests(new) {
        &TYPE_NO_LONGER_REQUEST
    } else {
        &TYPE_NOW_REQUEST
    }
}

/// Whether a type's record says it is sent in requests.
fn in_requests(owner: &str) -> bool {
    has(owner, "request") || has(owner, "request+response")
}

fn member_rule(old: Option<&str>, new: Option<&str>, owner: &str) -> &'static Rule {
    let in_requests = in_requests(owner);
    let in_responses = has(owner, "response") || has(owner, "request+response");
    let value_kind = word(old.or(new).unwrap_or_default(), 0);
    match (old, new) {
        (None, Some(new)) => {
            // Every struct has `new`, response types too: a required field is one more
            // argument on either side.
            let in_new = has(new, "required") && !new.contains("constant=");
            match value_kind {
                // A value received in responses changes what decodes as `Unknown`: that
                // rule says so, and wins when the enum is on both sides.
                "value" if in_responses => &ENUM_VALUE_ADDED_RESPONSE,
                "value" => &ENUM_VALUE_ADDED_REQUEST,
                "variant" => &VARIANT_ADDED,
                _ if in_requests && in_new => &REQUEST_FIELD_REQUIRED_ADDED,
                _ if in_requests => &REQUEST_FIELD_OPTIONAL_ADDED,
                _ if in_new => &RESPONSE_FIELD_REQUIRED_ADDED,
                _ => &RESPONSE_FIELD_ADDED,
            }
        }
        (Some(_), None) => match value_kind {
            "value" => &ENUM_VALUE_REMOVED,
            "variant" => &VARIANT_REMOVED,
            _ => &FIELD_REMOVED,
        },
        (Some(old), Some(new)) => match value_kind {
            "value" => &ENUM_VALUE_RENAMED,
            "variant" => &VARIANT_CHANGED,
            _ => field_rule(old, new, in_requests),
        },
        (None, None) => &DESCRIPTION,
    }
}

/// The rule of a member removed under one key and added, the same, under another.
fn member_rename_rule(value: &str, owner: &str) -> &'static Rule {
    match word(value, 0) {
        // Another wire value for the same variant.
        "value" => &ENUM_VALUE_RENAMED,
        // A tagged union's variant is keyed by its tag value: the same variant, another
        // tag value.
        "variant" if word(owner, 0) == "tagged-union" => &UNION_TAG,
        // An untagged union's variant is keyed by its name: another name, the same type.
        "variant" => &VARIANT_CHANGED,
        // Another JSON name for the same Rust field.
        _ => &FIELD_RENAMED,
    }
}

fn field_rule(old: &str, new: &str, in_requests: bool) -> &'static Rule {
    // `field IDENT TYPE required|optional [nullable] [read-only] [flatten] [unique]
    // [one-of] [constant=v]`
    let (old_ty, new_ty) = (word(old, 2), word(new, 2));
    let shape = |v: &str| (v.contains("constant="), has(v, "flatten"), has(v, "one-of"));
    if word(old, 1) != word(new, 1) {
        &FIELD_RENAMED
    } else if old_ty != new_ty {
        if new_ty
            .strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
            == Some(old_ty)
        {
            &FIELD_NOW_OPTIONAL
        } else if old_ty
            .strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
            == Some(new_ty)
        {
            &FIELD_NOW_REQUIRED
        } else {
            &FIELD_TYPE
        }
    } else if shape(old) != shape(new) {
        &FIELD_SHAPE
    } else if has(old, "required") != has(new, "required") {
        // A required nullable field is `Option<T>` too, and an argument of `new`.
        if has(new, "required") {
            &FIELD_NOW_REQUIRED
        } else {
            &FIELD_NOW_OPTIONAL
        }
    } else if attribute(old, "constant") != attribute(new, "constant") {
        &FIELD_CONSTANT
    } else if has(old, "nullable") != has(new, "nullable") {
        if in_requests {
            &REQUEST_FIELD_NULLABILITY
        } else {
            &FIELD_NULLABILITY
        }
    } else {
        &FIELD_FLAGS
    }
}

/// The rules as the Markdown table of spec/README.md.
pub fn rules_table() -> String {
    let mut table = String::from("| rule | change | class | why |\n| --- | --- | --- | --- |\n");
    for rule in RULES {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            rule.change,
            rule.class.name(),
            rule.why
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(items: &[(&str, &str)]) -> Surface {
        Surface {
            items: items
                .iter()
                .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
                .collect(),
        }
    }

    /// Each change's rule and item.
    fn changes(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        diff(&surface(old), &surface(new))
            .changes
            .into_iter()
            .map(|c| (c.rule.id, c.item))
            .collect()
    }

    fn one(rule: &Rule, item: &str) -> Vec<(&'static str, String)> {
        vec![(rule.id, item.to_owned())]
    }

    const GET: &str = "operation GET /items/{id} -> Item (200)";
    const REQUEST: &str = "struct request in=items";
    const RESPONSE: &str = "struct response in=items";

    #[test]
    fn an_operation_is_renamed_within_its_resource_only() {
        assert_eq!(
            changes(&[("a.items.remove", GET)], &[("a.items.delete", GET)]),
            one(&OPERATION_RENAMED, "a.items.remove -> a.items.delete")
        );
        // The same operation gone from one service or resource and new in another is
        // two changes, not a rename.
        for (old, new) in [
            ("a.items.get", "b.items.get"),
            ("a.items.get", "a.tags.get"),
        ] {
            assert_eq!(
                changes(&[(old, GET)], &[(new, GET)]),
                [
                    (OPERATION_REMOVED.id, old.to_owned()),
                    (OPERATION_ADDED.id, new.to_owned())
                ]
            );
        }
    }

    #[test]
    fn a_type_is_renamed_within_its_service_only() {
        assert_eq!(
            changes(&[("a::Label", RESPONSE)], &[("a::Tag", RESPONSE)]),
            one(&TYPE_RENAMED, "a::Label -> a::Tag")
        );
        assert_eq!(
            changes(&[("a::Label", RESPONSE)], &[("b::Label", RESPONSE)]),
            [
                (TYPE_REMOVED.id, "a::Label".to_owned()),
                (TYPE_ADDED.id, "b::Label".to_owned())
            ]
        );
    }

    #[test]
    fn a_member_under_another_json_name_or_tag_value_is_one_rename() {
        let field = "field branch_name Option<String> optional";
        assert_eq!(
            changes(
                &[("s::Item", RESPONSE), ("s::Item.branchName", field)],
                &[("s::Item", RESPONSE), ("s::Item.branch_name", field)]
            ),
            one(&FIELD_RENAMED, "s::Item.branchName -> s::Item.branch_name")
        );
        // Another type too: the Rust field changes, so it is removed and another added.
        assert_eq!(
            changes(
                &[("s::Item", RESPONSE), ("s::Item.branchName", field)],
                &[
                    ("s::Item", RESPONSE),
                    (
                        "s::Item.branch_name",
                        "field branch_name Option<i64> optional"
                    )
                ]
            ),
            [
                (FIELD_REMOVED.id, "s::Item.branchName".to_owned()),
                (RESPONSE_FIELD_ADDED.id, "s::Item.branch_name".to_owned())
            ]
        );
        let enumeration = "enum request in=items";
        assert_eq!(
            changes(
                &[
                    ("s::State", enumeration),
                    ("s::State.\"in_progress\"", "value InProgress")
                ],
                &[
                    ("s::State", enumeration),
                    ("s::State.\"IN_PROGRESS\"", "value InProgress")
                ]
            ),
            one(
                &ENUM_VALUE_RENAMED,
                "s::State.\"in_progress\" -> s::State.\"IN_PROGRESS\""
            )
        );
        let tagged = "tagged-union tag=\"type\" response in=items";
        assert_eq!(
            changes(
                &[
                    ("s::Shape", tagged),
                    ("s::Shape.\"circle\"", "variant Circle Circle")
                ],
                &[
                    ("s::Shape", tagged),
                    ("s::Shape.\"CIRCLE\"", "variant Circle Circle")
                ]
            ),
            one(&UNION_TAG, "s::Shape.\"circle\" -> s::Shape.\"CIRCLE\"")
        );
        let union = "union response in=items";
        assert_eq!(
            changes(
                &[("s::Value", union), ("s::Value.Number", "variant f64")],
                &[("s::Value", union), ("s::Value.Float", "variant f64")]
            ),
            one(&VARIANT_CHANGED, "s::Value.Number -> s::Value.Float")
        );
    }

    #[test]
    fn the_members_of_a_type_whose_kind_changed_are_reported_with_it() {
        assert_eq!(
            changes(
                &[
                    ("s::State", "enum response in=items"),
                    ("s::State.\"active\"", "value Active")
                ],
                &[("s::State", "alias String response in=items")]
            ),
            one(&TYPE_KIND, "s::State")
        );
    }

    #[test]
    fn an_operation_change_is_told_by_what_changed() {
        let with = |what: &str| changes(&[("s.items.get", GET)], &[("s.items.get", what)]);
        let rule = |what: &str| with(what).first().map(|(id, _)| *id);
        assert_eq!(
            rule("operation GET /items/{id} -> Item (201)"),
            Some(OPERATION_STATUS.id)
        );
        assert_eq!(
            rule("operation GET /items/{id} -> Item (200) cursor"),
            Some(OPERATION_PAGING_ADDED.id)
        );
        assert_eq!(
            changes(
                &[(
                    "s.items.get",
                    "operation GET /items/{id} -> Item (200) paged"
                )],
                &[("s.items.get", GET)]
            )
            .first()
            .map(|(id, _)| *id),
            Some(OPERATION_PAGING.id)
        );
        assert_eq!(
            rule("operation PUT /items/{id} -> Item (200)"),
            Some(OPERATION_ENDPOINT.id)
        );
        assert_eq!(
            rule("operation GET /items/{id} -> Item (200) no-token"),
            Some(OPERATION_AUTH.id)
        );
    }

    /// The rule of a field of a type on `side` changing from `old` to `new` (`None`:
    /// absent).
    fn field_change(side: &str, old: Option<&str>, new: Option<&str>) -> Option<&'static str> {
        let mut old_items = vec![("s::Item", side)];
        old_items.extend(old.map(|v| ("s::Item.f", v)));
        let mut new_items = vec![("s::Item", side)];
        new_items.extend(new.map(|v| ("s::Item.f", v)));
        changes(&old_items, &new_items).first().map(|(id, _)| *id)
    }

    #[test]
    fn a_required_field_added_is_breaking_on_either_side() {
        let required = Some("field f String required");
        let optional = Some("field f Option<String> optional");
        let constant = Some("field f String required constant=\"x\"");
        assert_eq!(
            field_change(RESPONSE, None, required),
            Some(RESPONSE_FIELD_REQUIRED_ADDED.id)
        );
        assert_eq!(
            field_change(RESPONSE, None, optional),
            Some(RESPONSE_FIELD_ADDED.id)
        );
        assert_eq!(
            field_change(RESPONSE, None, constant),
            Some(RESPONSE_FIELD_ADDED.id)
        );
        assert_eq!(
            field_change(REQUEST, None, required),
            Some(REQUEST_FIELD_REQUIRED_ADDED.id)
        );
        assert_eq!(
            field_change(REQUEST, None, constant),
            Some(REQUEST_FIELD_OPTIONAL_ADDED.id)
        );
    }

    #[test]
    fn nullability_breaks_what_requests_send_only() {
        let plain = Some("field f Option<String> optional");
        let nullable = Some("field f Option<String> optional nullable");
        assert_eq!(
            field_change(RESPONSE, plain, nullable),
            Some(FIELD_NULLABILITY.id)
        );
        assert_eq!(
            field_change(REQUEST, plain, nullable),
            Some(REQUEST_FIELD_NULLABILITY.id)
        );
        assert_eq!(
            field_change("struct request+response in=items", nullable, plain),
            Some(REQUEST_FIELD_NULLABILITY.id)
        );
    }

    #[test]
    fn a_required_nullable_field_is_an_argument_of_new() {
        // `Option<T>` either way, but `new` takes it only while it is required.
        let required = Some("field f Option<String> required nullable");
        let optional = Some("field f Option<String> optional nullable");
        assert_eq!(
            field_change(RESPONSE, required, optional),
            Some(FIELD_NOW_OPTIONAL.id)
        );
        assert_eq!(
            field_change(REQUEST, optional, required),
            Some(FIELD_NOW_REQUIRED.id)
        );
        assert_eq!(
            field_change(RESPONSE, Some("field f String required"), required),
            Some(FIELD_NOW_OPTIONAL.id)
        );
    }

    #[test]
    fn only_a_constant_value_is_a_constant_change() {
        let field = |flags: &str| format!("field f String required{flags}");
        for (old, new) in [("", " constant=\"a\""), ("", " flatten"), (" one-of", "")] {
            assert_eq!(
                field_change(REQUEST, Some(&field(old)), Some(&field(new))),
                Some(FIELD_SHAPE.id),
                "{old:?} -> {new:?}"
            );
        }
        assert_eq!(
            field_change(
                REQUEST,
                Some(&field(" constant=\"a\"")),
                Some(&field(" constant=\"b\""))
            ),
            Some(FIELD_CONSTANT.id)
        );
    }

    #[test]
    fn a_tagged_union_fallback_is_its_unknown_variant() {
        let rule = |old: &str, new: &str| {
            changes(&[("s::Shape", old)], &[("s::Shape", new)])
                .first()
                .map(|(id, _)| *id)
        };
        let plain = "tagged-union tag=\"type\" response in=items";
        let fallback = "tagged-union tag=\"type\" fallback response in=items";
        let retagged = "tagged-union tag=\"kind\" response in=items";
        assert_eq!(rule(fallback, plain), Some(VARIANT_REMOVED.id));
        assert_eq!(rule(plain, fallback), Some(VARIANT_ADDED.id));
        assert_eq!(rule(plain, retagged), Some(UNION_TAG.id));
        assert_eq!(
            rule(fallback, "tagged-union tag=\"kind\" response in=items"),
            Some(VARIANT_REMOVED.id)
        );
    }
}
