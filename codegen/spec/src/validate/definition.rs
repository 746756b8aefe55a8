//! Checks of a service's definition: base URLs, envelope, error body and pagination
//! schemes, each against the types it names.

use super::types::check_idents;
use crate::diagnostics::{Loc, Sink};
use crate::naming;
use crate::spec::resolve::{Index, Resolved};
use crate::spec::template::url_variables;
use crate::spec::*;

pub(super) fn check_definition(index: &Index<'_>, definition: &Definition, sink: &mut Sink) {
    check_idents(
        definition
            .base_urls
            .iter()
            .map(|b| (&b.name, naming::screaming(&b.name))),
        "base URL name",
        sink,
    );
    let defaults: Vec<&BaseUrl> = definition.base_urls.iter().filter(|b| b.default).collect();
    if defaults.len() != 1 {
        sink.error(
            &definition.loc,
            format!(
                "exactly one base URL needs \"default\": true; {} do",
                defaults.len()
            ),
        );
    }
    for base in &definition.base_urls {
        match url_variables(&base.url) {
            Err(message) => sink.error(&base.url.loc, message),
            Ok(variables) if base.default && !variables.is_empty() => sink.error(
                &base.url.loc,
                "the default base URL cannot have {variables}",
            ),
            Ok(_) => {}
        }
    }
    check_error_body(index, &definition.error, sink);
    check_auth(&definition.auth, sink);
}

/// Each scheme kind once, and an API key scheme's headers are header names, two of them.
fn check_auth(auth: &Auth, sink: &mut Sink) {
    for (i, scheme) in auth.schemes.iter().enumerate() {
        let same_kind = auth.schemes[..i]
            .iter()
            .any(|s| std::mem::discriminant(&s.kind) == std::mem::discriminant(&scheme.kind));
        if same_kind {
            sink.error(
                &scheme.loc,
                "a service accepts each kind of authentication scheme once",
            );
        }
        let AuthKind::ApiKey(key) = &scheme.kind else {
            continue;
        };
        for header in [&key.email_header, &key.key_header] {
            let valid = !header.value.is_empty()
                && header
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b));
            if !valid {
                sink.error(
                    &header.loc,
                    format!(
                        "\"{}\" is not a header name (letters, digits, - and _)",
                        header.value
                    ),
                );
            }
        }
        if key
            .email_header
            .value
            .eq_ignore_ascii_case(&key.key_header.value)
        {
            sink.error(
                &key.key_header.loc,
                "the email and the key go in two different headers",
            );
        }
    }
}

/// The object type `name` and its fields by JSON name, or a diagnostic at `loc`.
pub(super) fn object_fields<'a>(
    index: &Index<'a>,
    name: &Spanned<String>,
    role: &str,
    sink: &mut Sink,
) -> Option<Vec<&'a FieldDef>> {
    match index.resolve_name(name).map(|d| &d.kind) {
        Some(TypeKind::Object(object)) => Some(index.wire_fields(object)),
        Some(other) => {
            sink.error(
                &name.loc,
                format!(
                    "the {role} type \"{}\" must be an object, not a {}",
                    name.value,
                    other.name()
                ),
            );
            None
        }
        None => {
            sink.error(&name.loc, index.unknown_type_message(name));
            None
        }
    }
}

/// The field `name` among `fields`, reporting its absence.
pub(super) fn field<'a>(
    fields: &[&'a FieldDef],
    name: &Spanned<String>,
    owner: &str,
    sink: &mut Sink,
) -> Option<&'a FieldDef> {
    let found = fields.iter().find(|f| f.name.value == name.value).copied();
    if found.is_none() {
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        sink.error(
            &name.loc,
            format!(
                "\"{}\" is not a field of {owner}; its fields are {}{}",
                name.value,
                names.join(", "),
                crate::diagnostics::suggestion(name, names.iter().copied())
            ),
        );
    }
    found
}

pub(super) fn expect_kind(
    index: &Index<'_>,
    field: &FieldDef,
    loc: &Loc,
    ok: impl Fn(&Resolved<'_>) -> bool,
    expected: &str,
    sink: &mut Sink,
) {
    let resolved = index.resolve(&field.ty);
    if !matches!(resolved, Resolved::Invalid) && !ok(&resolved) {
        sink.error(
            loc,
            format!(
                "field \"{}\" must be {expected}, but its type is {}",
                field.name.value,
                resolved.json_kind()
            ),
        );
    }
}

pub(super) fn is_number(r: &Resolved<'_>) -> bool {
    matches!(
        r,
        Resolved::Primitive(Primitive::Number | Primitive::Integer)
    )
}

/// An envelope's type is an object with each role's field, of the role's kind.
pub(super) fn check_envelope(index: &Index<'_>, envelope: &Envelope, sink: &mut Sink) {
    let Some(fields) = object_fields(index, &envelope.ty, "envelope", sink) else {
        return;
    };
    let owner = &envelope.ty.value;
    if let Some(result) = field(&fields, &envelope.result, owner, sink)
        && result.ty.kind != TypeExprKind::Primitive(Primitive::Unknown)
    {
        sink.error(&envelope.result.loc, "the envelope's result field must be declared \"unknown\"; each operation says what it holds");
    }
    if let Some(success) = &envelope.success
        && let Some(f) = field(&fields, success, owner, sink)
    {
        expect_kind(
            index,
            f,
            &success.loc,
            |r| matches!(r, Resolved::Primitive(Primitive::Boolean)),
            "a boolean",
            sink,
        );
        if f.may_be_missing() {
            sink.error(
                &success.loc,
                format!(
                    "the envelope's success field \"{}\" must be required and not nullable",
                    success.value
                ),
            );
        }
    }
    if let Some(messages) = &envelope.messages
        && let Some(f) = field(&fields, messages, owner, sink)
    {
        expect_kind(
            index,
            f,
            &messages.loc,
            |r| matches!(r, Resolved::Array(_)),
            "an array",
            sink,
        );
    }
    if let Some(errors) = &envelope.errors {
        field(&fields, errors, owner, sink);
    }
    if let Some(info) = &envelope.result_info
        && let Some(f) = field(&fields, info, owner, sink)
    {
        expect_kind(
            index,
            f,
            &info.loc,
            |r| matches!(r, Resolved::Object(..)),
            "an object",
            sink,
        );
    }
}

/// Documented error codes are told apart by their code and by their name, and need the
/// error body's `code` field to be read at all.
fn check_error_codes(error: &ErrorBody, sink: &mut Sink) {
    if let (None, Some(first)) = (&error.code, error.codes.first()) {
        sink.error(
            &first.code.loc,
            "documented error codes need the error body's \"code\" field, which the client reads them from",
        );
    }
    for (i, code) in error.codes.iter().enumerate() {
        let earlier = &error.codes[..i];
        if let Some(first) = earlier.iter().find(|c| c.code.value == code.code.value) {
            sink.error(
                &code.code.loc,
                format!(
                    "error code {} is documented twice (first as {})",
                    code.code.value, first.name.value
                ),
            );
        }
        if earlier.iter().any(|c| c.name.value == code.name.value) || code.name.value == "Other" {
            sink.error(
                &code.name.loc,
                format!(
                    "error code name {} is taken (by another code, or by Other, which holds undocumented codes)",
                    code.name.value
                ),
            );
        }
    }
}

fn check_error_body(index: &Index<'_>, error: &ErrorBody, sink: &mut Sink) {
    check_error_codes(error, sink);
    let Some(fields) = object_fields(index, &error.ty, "error body", sink) else {
        return;
    };
    let Some(list) = field(&fields, &error.errors, &error.ty, sink) else {
        return;
    };
    let item = match index.resolve(&list.ty) {
        Resolved::Array(item) => match index.resolve(item) {
            Resolved::Object(def, object) => Some((def, index.wire_fields(object))),
            _ => None,
        },
        _ => None,
    };
    let Some((item_def, item_fields)) = item else {
        sink.error(
            &error.errors.loc,
            format!(
                "field \"{}\" must be an array of objects",
                error.errors.value
            ),
        );
        return;
    };
    if let Some(message) = field(&item_fields, &error.message, &item_def.name, sink) {
        expect_kind(
            index,
            message,
            &error.message.loc,
            |r| matches!(r, Resolved::Primitive(Primitive::String)),
            "a string",
            sink,
        );
    }
    if let Some(code) = &error.code
        && let Some(f) = field(&item_fields, code, &item_def.name, sink)
    {
        expect_kind(
            index,
            f,
            &code.loc,
            is_number,
            "a number or an integer",
            sink,
        );
    }
}
