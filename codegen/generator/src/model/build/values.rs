//! What the model says of a value beyond its type: its deprecation, and the format and
//! bounds its documentation gives.

use crate::model::Deprecation;
use codegen_spec::spec;

/// The model's deprecation of the spec's.
pub(super) fn deprecation(deprecated: Option<&spec::Deprecated>) -> Option<Deprecation> {
    deprecated.map(|d| Deprecation {
        note: d.note.clone(),
    })
}

/// What a field's or parameter's documentation says of its values beyond its type: a
/// format the type does not show, and the bounds the pages document, which the server
/// checks (the client sends what it is given).
pub(super) fn value_rules_doc(
    format: Option<spec::StringFormat>,
    bounds: &[spec::Bound],
) -> String {
    let mut parts = Vec::new();
    if let Some(format) = format.filter(|f| !f.is_typed()) {
        parts.push(format!("format `{}`", format.name()));
    }
    let value = |kind: spec::BoundKind| {
        bounds
            .iter()
            .find(|b| b.kind == kind)
            .map(|b| b.value.to_string())
    };
    let range =
        |low: spec::BoundKind, high: spec::BoundKind, unit: &str| match (value(low), value(high)) {
            (Some(low), Some(high)) => Some(format!("from {low} to {high}{unit}")),
            (Some(low), None) => Some(format!("at least {low}{unit}")),
            (None, Some(high)) => Some(format!("at most {high}{unit}")),
            (None, None) => None,
        };
    parts.extend(range(
        spec::BoundKind::MinLength,
        spec::BoundKind::MaxLength,
        " characters",
    ));
    parts.extend(range(
        spec::BoundKind::Minimum,
        spec::BoundKind::Maximum,
        "",
    ));
    parts.extend(range(
        spec::BoundKind::MinItems,
        spec::BoundKind::MaxItems,
        " items",
    ));
    if parts.is_empty() {
        return String::new();
    }
    let mut sentence = parts.join("; ");
    if let Some(first) = sentence.get(..1) {
        sentence = first.to_uppercase() + &sentence[1..];
    }
    format!("{sentence} (documented; the server checks it).")
}
