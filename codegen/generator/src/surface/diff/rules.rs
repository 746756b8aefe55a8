//! The classification rules: what each kind of change is, and the functions that tell
//! which rule an item's old and new record values fall under.

use crate::surface::item::{FieldItem, Item, OperationItem, TypeItem, TypeItemKind};

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
    PATH_PARAM_RENAMED: "path-parameter-renamed", Documentation, "a path parameter and its placeholder renamed (same type, same place)", "path parameters are positional arguments and the request goes to the same path: calls are unchanged";
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

/// `None` when only the path's placeholders are renamed: that is reported with the
/// renamed parameters (`path-parameter-renamed`).
pub(super) fn operation_rule(old: &OperationItem, new: &OperationItem) -> Option<&'static Rule> {
    // A path is the same endpoint whatever its placeholders are called.
    let shape = |path: &str| {
        codegen_spec::spec::template::Template::parse(path)
            .map_or_else(|_| path.to_owned(), |t| t.shape())
    };
    Some(
        if old.method != new.method || shape(&old.path) != shape(&new.path) {
            &OPERATION_ENDPOINT
        } else if old.result != new.result {
            &OPERATION_RESULT
        } else if old.no_token != new.no_token {
            &OPERATION_AUTH
        } else if old.paging != new.paging {
            if old.paging.is_some() {
                &OPERATION_PAGING
            } else {
                &OPERATION_PAGING_ADDED
            }
        } else if old.status != new.status {
            // The status only: the client takes any 2xx as success, so the generated
            // client is the same; the generated tests expect the new status.
            &OPERATION_STATUS
        } else {
            return None;
        },
    )
}

pub(super) fn param_rule(old: &Item, new: &Item) -> &'static Rule {
    let (Item::Param(old), Item::Param(new)) = (old, new) else {
        return &BODY_CHANGED;
    };
    match (old.required, new.required) {
        (false, true) => &PARAM_NOW_REQUIRED,
        (true, false) => &PARAM_NOW_OPTIONAL,
        _ if old.ty != new.ty || old.location != new.location => &PARAM_TYPE,
        _ if old.setter != new.setter => &PARAM_TYPE,
        _ => &PARAM_SECRET,
    }
}

pub(super) fn type_rule(old: &TypeItem, new: &TypeItem) -> &'static Rule {
    let fallback =
        |kind: &TypeItemKind| matches!(kind, TypeItemKind::Tagged { fallback: true, .. });
    let tag = |kind: &TypeItemKind| match kind {
        TypeItemKind::Tagged { tag, .. } => Some(tag.clone()),
        _ => None,
    };
    let new_form = |kind: &TypeItemKind| match kind {
        TypeItemKind::Struct { new } => new.clone(),
        _ => None,
    };
    if !same_kind(&old.kind, &new.kind) {
        &TYPE_KIND
    } else if fallback(&old.kind) && !fallback(&new.kind) {
        // The fallback is the variant `Unknown`.
        &VARIANT_REMOVED
    } else if tag(&old.kind) != tag(&new.kind) {
        &UNION_TAG
    } else if fallback(&old.kind) != fallback(&new.kind) {
        &VARIANT_ADDED
    } else if new_form(&old.kind) != new_form(&new.kind) {
        &CONSTRUCTOR_FORM
    } else if old.module != new.module {
        &TYPE_MOVED
    } else if old.side.in_requests() && !new.side.in_requests() {
        &TYPE_NO_LONGER_REQUEST
    } else {
        &TYPE_NOW_REQUEST
    }
}

/// Whether two types are of one kind: an alias of one target is one kind, whatever
/// else of the type changed.
pub(super) fn same_kind(old: &TypeItemKind, new: &TypeItemKind) -> bool {
    match (old, new) {
        (TypeItemKind::Alias(old), TypeItemKind::Alias(new)) => old == new,
        _ => old.name() == new.name(),
    }
}

/// The rule of a member added, removed or changed; `owner` is its type's record.
pub(super) fn member_rule(
    old: Option<&Item>,
    new: Option<&Item>,
    owner: Option<&TypeItem>,
) -> &'static Rule {
    let in_requests = owner.is_some_and(|o| o.side.in_requests());
    let in_responses = owner.is_some_and(|o| o.side.in_responses());
    match (old, new) {
        (None, Some(new)) => match new {
            // A value received in responses changes what decodes as `Unknown`: that
            // rule says so, and wins when the enum is on both sides.
            Item::Value { .. } if in_responses => &ENUM_VALUE_ADDED_RESPONSE,
            Item::Value { .. } => &ENUM_VALUE_ADDED_REQUEST,
            Item::Variant { .. } => &VARIANT_ADDED,
            _ => {
                // Every struct has `new`, response types too: a required field is one
                // more argument on either side.
                let in_new = matches!(new, Item::Field(f) if f.required && f.constant.is_none());
                match (in_requests, in_new) {
                    (true, true) => &REQUEST_FIELD_REQUIRED_ADDED,
                    (true, false) => &REQUEST_FIELD_OPTIONAL_ADDED,
                    (false, true) => &RESPONSE_FIELD_REQUIRED_ADDED,
                    (false, false) => &RESPONSE_FIELD_ADDED,
                }
            }
        },
        (Some(old), None) => match old {
            Item::Value { .. } => &ENUM_VALUE_REMOVED,
            Item::Variant { .. } => &VARIANT_REMOVED,
            _ => &FIELD_REMOVED,
        },
        (Some(old), Some(new)) => match (old, new) {
            (Item::Value { .. }, _) => &ENUM_VALUE_RENAMED,
            (Item::Variant { .. }, _) => &VARIANT_CHANGED,
            (Item::Field(old), Item::Field(new)) => field_rule(old, new, in_requests),
            _ => &FIELD_TYPE,
        },
        (None, None) => &DESCRIPTION,
    }
}

/// The rule of a member removed under one key and added, the same, under another.
pub(super) fn member_rename_rule(item: &Item, owner: Option<&TypeItem>) -> &'static Rule {
    let tagged = owner.is_some_and(|o| matches!(o.kind, TypeItemKind::Tagged { .. }));
    match item {
        // Another wire value for the same variant.
        Item::Value { .. } => &ENUM_VALUE_RENAMED,
        // A tagged union's variant is keyed by its tag value: the same variant, another
        // tag value.
        Item::Variant { .. } if tagged => &UNION_TAG,
        // An untagged union's variant is keyed by its name: another name, the same type.
        Item::Variant { .. } => &VARIANT_CHANGED,
        // Another JSON name for the same Rust field.
        _ => &FIELD_RENAMED,
    }
}

fn field_rule(old: &FieldItem, new: &FieldItem, in_requests: bool) -> &'static Rule {
    let unwrapped = |ty: &str| {
        ty.strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
            .map(str::to_owned)
    };
    let shape = |f: &FieldItem| (f.constant.is_some(), f.flatten, f.one_of);
    if old.ident != new.ident {
        &FIELD_RENAMED
    } else if old.ty != new.ty {
        if unwrapped(&new.ty).as_ref() == Some(&old.ty) {
            &FIELD_NOW_OPTIONAL
        } else if unwrapped(&old.ty).as_ref() == Some(&new.ty) {
            &FIELD_NOW_REQUIRED
        } else {
            &FIELD_TYPE
        }
    } else if shape(old) != shape(new) {
        &FIELD_SHAPE
    } else if old.required != new.required {
        // A required nullable field is `Option<T>` too, and an argument of `new`.
        if new.required {
            &FIELD_NOW_REQUIRED
        } else {
            &FIELD_NOW_OPTIONAL
        }
    } else if old.constant != new.constant {
        &FIELD_CONSTANT
    } else if old.nullable != new.nullable {
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
