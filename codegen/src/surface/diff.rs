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
    OPERATION_RESULT: "result-type-changed", Breaking, "an operation's result type changed", "`.await` returns another type";
    OPERATION_PAGING: "paging-changed", Breaking, "an operation's paging added, removed or changed", "`into_stream` appears, disappears or yields other items";
    OPERATION_AUTH: "auth-changed", Breaking, "an operation starts or stops needing the token", "the same call now sends or withholds the token";
    PATH_TEMPLATE_RENAMED: "path-placeholder-renamed", Documentation, "a path placeholder renamed (the same path otherwise)", "the request goes to the same path; only the documentation shows the template";
    PATH_PARAM_RENAMED: "path-parameter-renamed", Documentation, "a path parameter renamed (same type, same place)", "path parameters are positional arguments: calls are unchanged";
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
    CONSTRUCTOR_FORM: "constructor-form-changed", Breaking, "a type's `new` takes its required fields another way (positional arguments, or a struct of them by name)", "calls to `new` stop compiling";
    TYPE_MOVED: "type-moved", Breaking, "a type moved to another resource module", "its long path (`service::resource::Type`) changes";
    TYPE_NOW_REQUEST: "type-now-in-requests", Additive, "a response type now also sent in requests", "it gains a constructor and setters";
    TYPE_NO_LONGER_REQUEST: "type-no-longer-in-requests", Breaking, "a request type no longer sent in requests", "it loses its setters, and read-only fields return";
    REQUEST_FIELD_OPTIONAL_ADDED: "optional-request-field-added", Additive, "an optional request field added", "a new setter; `new` and struct patterns are unchanged (`#[non_exhaustive]`)";
    REQUEST_FIELD_REQUIRED_ADDED: "required-request-field-added", Breaking, "a required request field added", "`new` takes one more value";
    RESPONSE_FIELD_ADDED: "response-field-added", Additive, "a response field added", "a new public field of a `#[non_exhaustive]` struct";
    FIELD_REMOVED: "field-removed", Breaking, "a field removed", "code reading or setting it stops compiling";
    FIELD_RENAMED: "field-renamed", Breaking, "a field renamed (same JSON, another Rust name, or the reverse)", "code naming it stops compiling, or it reads another member";
    FIELD_NOW_OPTIONAL: "field-now-optional", Breaking, "a field required -> optional, or made nullable (`T` -> `Option<T>`)", "its type changes from `T` to `Option<T>`";
    FIELD_NOW_REQUIRED: "field-now-required", Breaking, "a field optional -> required (`Option<T>` -> `T`)", "its type changes from `Option<T>` to `T`, and a request's `new` takes it";
    FIELD_TYPE: "field-type-changed", Breaking, "a field's type changed", "code using it sees another type";
    FIELD_NULLABILITY: "field-nullability-changed", Additive, "an optional field made nullable or not (still `Option<T>`)", "the Rust type stays; only whether `None` is sent as `null` changes";
    FIELD_FLAGS: "field-constraint-changed", Additive, "a field's read-only or unique-items mark changed on a response type", "response types keep every field; nothing users write changes";
    FIELD_CONSTANT: "field-constant-changed", Breaking, "a constant field's value changed", "the client sends another value";
    ENUM_VALUE_ADDED_REQUEST: "enum-value-added-in-requests", Additive, "an enum value added to an enum sent in requests", "a new variant of a `#[non_exhaustive]` enum";
    ENUM_VALUE_ADDED_RESPONSE: "enum-value-added-in-responses", Additive, "an enum value added to an enum received in responses", "a new variant of a `#[non_exhaustive]` enum; the value, which decoded as `Unknown` before, now decodes as the variant";
    ENUM_VALUE_REMOVED: "enum-value-removed", Breaking, "an enum value removed", "its variant disappears";
    ENUM_VALUE_RENAMED: "enum-variant-renamed", Breaking, "an enum value's Rust variant renamed", "code naming the variant stops compiling";
    VARIANT_ADDED: "union-variant-added", Additive, "a union variant added", "a new variant of a `#[non_exhaustive]` enum";
    VARIANT_REMOVED: "union-variant-removed", Breaking, "a union variant removed", "its variant disappears";
    VARIANT_CHANGED: "union-variant-changed", Breaking, "a union variant's type or name changed", "code matching it sees another type";
    UNION_TAG: "union-tag-changed", Breaking, "a tagged union's tag or fallback changed", "other JSON decodes, or fails to";
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

impl<'a> Differ<'a> {
    fn run(&self) -> Report {
        let keys: BTreeSet<&String> = self.old.items.keys().chain(self.new.items.keys()).collect();
        let renames = Renames {
            types: self.renamed(|key| matches!(key_kind(key), Key::Type { .. }), members_of),
            operations: self.renamed(
                |key| matches!(key_kind(key), Key::Operation { .. }),
                |surface, key| value_of(surface, key, |v| v.to_owned()),
            ),
            // A path parameter is an argument by position: another name for the same type
            // at the same place is the same parameter.
            path_params: self.renamed(
                |key| {
                    matches!(key_kind(key), Key::Param { .. })
                        && (self.old.items.get(key).or(self.new.items.get(key)))
                            .is_some_and(|v| v.starts_with("path parameter "))
                },
                |surface, key| {
                    let operation = key.split('(').next().unwrap_or(key);
                    value_of(surface, key, |v| format!("{operation} {v}"))
                },
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

    /// Pairs of (removed, added) items of one kind whose contents are the same: renames.
    fn renamed(
        &self,
        is_kind: impl Fn(&str) -> bool,
        contents: impl Fn(&Surface, &str) -> Vec<(String, String)>,
    ) -> Vec<(String, String)> {
        let removed: Vec<&String> = self
            .old
            .items
            .keys()
            .filter(|k| is_kind(k) && !self.new.items.contains_key(*k))
            .collect();
        let added: Vec<&String> = self
            .new
            .items
            .keys()
            .filter(|k| is_kind(k) && !self.old.items.contains_key(*k))
            .collect();
        let mut pairs = Vec::new();
        for old_key in removed {
            let old_contents = contents(self.old, old_key);
            if let Some(new_key) = added.iter().find(|new_key| {
                !pairs.iter().any(|(_, n): &(String, String)| n == **new_key)
                    && contents(self.new, new_key) == old_contents
            }) {
                pairs.push((old_key.clone(), (*new_key).clone()));
            }
        }
        pairs
    }

    /// A member, parameter or doc of a type or operation that is added, removed or
    /// renamed as a whole is reported with it, not again; so is a renamed parameter's doc.
    fn inside_a_whole_change(&self, key: &str, renames: &Renames) -> bool {
        let whole = |owner: &str| {
            (self.old.items.contains_key(owner) != self.new.items.contains_key(owner))
                || renames.of(owner).is_some()
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
                if let Some((from, to)) = find(&renames.operations, key) {
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
                if let Some((from, to)) = find(&renames.path_params, key) {
                    return (to == key).then(|| Change {
                        rule: &PATH_PARAM_RENAMED,
                        item: format!("{from} -> {to}"),
                        group,
                        old: None,
                        new: new.cloned(),
                    });
                }
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
                if let Some((from, to)) = find(&renames.types, key) {
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
                let rule = member_rule(
                    old.map(String::as_str),
                    new.map(String::as_str),
                    owner_value,
                );
                change(rule, self.module_group(service, owner))
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

/// Items that were renamed, as (old key, new key).
struct Renames {
    types: Vec<(String, String)>,
    operations: Vec<(String, String)>,
    path_params: Vec<(String, String)>,
}

impl Renames {
    /// The rename an item is part of, under either of its names.
    fn of(&self, key: &str) -> Option<&(String, String)> {
        self.types
            .iter()
            .chain(&self.operations)
            .chain(&self.path_params)
            .find(|(o, n)| o == key || n == key)
    }
}

fn find<'r>(pairs: &'r [(String, String)], key: &str) -> Option<&'r (String, String)> {
    pairs.iter().find(|(o, n)| o == key || n == key)
}

/// An item's value, as the one content a rename is told by.
fn value_of(
    surface: &Surface,
    key: &str,
    content: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    surface
        .items
        .get(key)
        .map(|v| vec![(String::new(), content(v))])
        .unwrap_or_default()
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
    // `operation METHOD PATH -> RESULT (STATUS) [paged|cursor] [no-token]`; a path is the
    // same endpoint whatever its placeholders are called.
    let shape = |path: &str| {
        crate::spec::template::Template::parse(path).map_or_else(|_| path.to_owned(), |t| t.shape())
    };
    if word(old, 1) != word(new, 1) || shape(word(old, 2)) != shape(word(new, 2)) {
        &OPERATION_ENDPOINT
    } else if word(old, 4) != word(new, 4) {
        &OPERATION_RESULT
    } else if has(old, "no-token") != has(new, "no-token") {
        &OPERATION_AUTH
    } else if has(old, "paged") != has(new, "paged") || has(old, "cursor") != has(new, "cursor") {
        &OPERATION_PAGING
    } else if word(old, 2) != word(new, 2) {
        &PATH_TEMPLATE_RENAMED
    } else {
        // The status only: the result is the same; a different success status is
        // what the client accepts as success.
        &OPERATION_ENDPOINT
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
    let requests = |v: &str| has(v, "request") || has(v, "request+response");
    if kind(old) != kind(new) {
        &TYPE_KIND
    } else if attribute(old, "tag") != attribute(new, "tag")
        || has(old, "fallback") != has(new, "fallback")
    {
        &UNION_TAG
    } else if attribute(old, "new") != attribute(new, "new") {
        &CONSTRUCTOR_FORM
    } else if attribute(old, "in") != attribute(new, "in") {
        &TYPE_MOVED
    } else if requests(old) && !requests(new) {
        &TYPE_NO_LONGER_REQUEST
    } else {
        &TYPE_NOW_REQUEST
    }
}

fn member_rule(old: Option<&str>, new: Option<&str>, owner: &str) -> &'static Rule {
    let in_requests = has(owner, "request") || has(owner, "request+response");
    let in_responses = has(owner, "response") || has(owner, "request+response");
    let value_kind = word(old.or(new).unwrap_or_default(), 0);
    match (old, new) {
        (None, Some(new)) => match value_kind {
            // A value received in responses changes what decodes as `Unknown`: that rule
            // says so, and wins when the enum is on both sides.
            "value" if in_responses => &ENUM_VALUE_ADDED_RESPONSE,
            "value" => &ENUM_VALUE_ADDED_REQUEST,
            "variant" => &VARIANT_ADDED,
            _ if in_requests && has(new, "required") && !new.contains("constant=") => {
                &REQUEST_FIELD_REQUIRED_ADDED
            }
            _ if in_requests => &REQUEST_FIELD_OPTIONAL_ADDED,
            _ => &RESPONSE_FIELD_ADDED,
        },
        (Some(_), None) => match value_kind {
            "value" => &ENUM_VALUE_REMOVED,
            "variant" => &VARIANT_REMOVED,
            _ => &FIELD_REMOVED,
        },
        (Some(old), Some(new)) => match value_kind {
            "value" => &ENUM_VALUE_RENAMED,
            "variant" => &VARIANT_CHANGED,
            _ => field_rule(old, new),
        },
        (None, None) => &DESCRIPTION,
    }
}

fn field_rule(old: &str, new: &str) -> &'static Rule {
    // `field IDENT TYPE required|optional [nullable] [read-only] [flatten] [unique]
    // [one-of] [constant=v]`
    let (old_ty, new_ty) = (word(old, 2), word(new, 2));
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
    } else if attribute(old, "constant") != attribute(new, "constant")
        || has(old, "flatten") != has(new, "flatten")
        || has(old, "one-of") != has(new, "one-of")
    {
        &FIELD_CONSTANT
    } else if has(old, "nullable") != has(new, "nullable") {
        &FIELD_NULLABILITY
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

    fn surface(lines: &[(&str, &str)]) -> Surface {
        Surface {
            items: lines
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    fn rules(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        diff(&surface(old), &surface(new))
            .changes
            .into_iter()
            .map(|c| (c.rule.id, c.item))
            .collect()
    }

    const ITEM: (&str, &str) = ("svc::Item", "struct response in=items");
    const ITEM_NAME: (&str, &str) = ("svc::Item.name", "field name Option<String> optional");

    #[test]
    fn a_type_removed_with_its_members_is_one_change() {
        assert_eq!(
            rules(&[ITEM, ITEM_NAME, ("svc::Item.name#doc", "\"x\"")], &[]),
            [("type-removed", "svc::Item".to_owned())]
        );
    }

    #[test]
    fn a_type_with_the_same_members_under_another_name_is_renamed() {
        let renamed = [
            ("svc::Thing", "struct response in=items"),
            ("svc::Thing.name", "field name Option<String> optional"),
        ];
        assert_eq!(
            rules(&[ITEM, ITEM_NAME], &renamed),
            [("type-renamed", "svc::Item -> svc::Thing".to_owned())]
        );
    }

    #[test]
    fn fields_are_classified_by_their_side_and_type() {
        let request = ("svc::Item", "struct request in=items");
        let required = ("svc::Item.id", "field id String required");
        assert_eq!(
            rules(&[request], &[request, required]),
            [("required-request-field-added", "svc::Item.id".to_owned())]
        );
        assert_eq!(
            rules(&[ITEM], &[ITEM, required]),
            [("response-field-added", "svc::Item.id".to_owned())]
        );
        let now_optional = ("svc::Item.id", "field id Option<String> optional");
        assert_eq!(
            rules(&[ITEM, required], &[ITEM, now_optional]),
            [("field-now-optional", "svc::Item.id".to_owned())]
        );
        let nullable = (
            "svc::Item.name",
            "field name Option<String> optional nullable",
        );
        assert_eq!(
            rules(&[ITEM, ITEM_NAME], &[ITEM, nullable]),
            [("field-nullability-changed", "svc::Item.name".to_owned())]
        );
    }

    #[test]
    fn an_enum_value_received_in_responses_says_so() {
        let both = ("svc::Kind", "enum request+response in=types");
        let value = ("svc::Kind.\"b\"", "value B");
        assert_eq!(
            rules(&[both], &[both, value]),
            [(
                "enum-value-added-in-responses",
                "svc::Kind.\"b\"".to_owned()
            )]
        );
        let sent = ("svc::Kind", "enum request in=types");
        assert_eq!(
            rules(&[sent], &[sent, value]),
            [("enum-value-added-in-requests", "svc::Kind.\"b\"".to_owned())]
        );
    }

    #[test]
    fn operations_and_parameters() {
        let op = ("svc.items.get", "operation GET /items/{id} -> Item (200)");
        let id = ("svc.items.get(id)", "path parameter String required");
        let moved = ("svc.items.get", "operation GET /things/{id} -> Item (200)");
        assert_eq!(
            rules(&[op, id], &[moved, id]),
            [("operation-endpoint-changed", "svc.items.get".to_owned())]
        );
        let page = (
            "svc.items.get(page)",
            "query parameter i64 optional setter=page",
        );
        assert_eq!(
            rules(&[op, id], &[op, id, page]),
            [("optional-parameter-added", "svc.items.get(page)".to_owned())]
        );
        let renamed = ("svc.items.fetch", "operation GET /items/{id} -> Item (200)");
        let renamed_id = ("svc.items.fetch(id)", "path parameter String required");
        assert_eq!(
            rules(&[op, id], &[renamed, renamed_id]),
            [(
                "operation-renamed",
                "svc.items.get -> svc.items.fetch".to_owned()
            )]
        );
    }

    #[test]
    fn a_renamed_path_parameter_is_the_same_argument() {
        let op = (
            "svc.items.get",
            "operation GET /items/{domain} -> Item (200)",
        );
        let param = ("svc.items.get(domain)", "path parameter String required");
        let renamed_op = (
            "svc.items.get",
            "operation GET /items/{workspace} -> Item (200)",
        );
        let renamed = ("svc.items.get(workspace)", "path parameter String required");
        assert_eq!(
            rules(&[op, param], &[renamed_op, renamed]),
            [
                ("path-placeholder-renamed", "svc.items.get".to_owned()),
                (
                    "path-parameter-renamed",
                    "svc.items.get(domain) -> svc.items.get(workspace)".to_owned()
                )
            ]
        );
        // Another type at the same place is not a rename.
        let other = ("svc.items.get(workspace)", "path parameter i64 required");
        let found = rules(&[op, param], &[renamed_op, other]);
        assert!(
            found.iter().any(|(rule, _)| *rule == "parameter-removed"),
            "{found:?}"
        );
    }

    #[test]
    fn the_report_ends_with_the_bump() {
        let report = diff(&surface(&[ITEM]), &surface(&[]));
        assert!(report.render("0.2.0").ends_with(
            "1 breaking, 0 additive, 0 documentation only: generated-client 0.2.0 -> 0.3.0 (a breaking change before 1.0: minor bump)\n"
        ));
        assert_eq!(report.next_version("1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(Report::default().render("0.2.0"), "no API changes\n");
    }
}
