//! What would make the spec say what a page says: the edit `docs draft` applies for a
//! difference `docs check` finds and the spec does not explain.
//!
//! Each edit names the spec item by where the loader read it ([`Loc`]: file and JSON
//! path), so applying one is a walk down the file's JSON to that item.

use codegen_spec::diagnostics::Loc;
use codegen_spec::spec::DiffKind;

use super::json::Json;
use crate::pages::{PageExample, PageField, PageType, ParamLocation};

/// One edit of a spec file.
#[derive(Debug, Clone)]
pub enum Fix {
    /// Sets the member `key` of the item at `at` (adding it last when absent), or, without
    /// a key, the value at `at` itself.
    Set {
        at: Loc,
        key: Option<String>,
        value: Json,
    },
    /// Removes the member `key` of the item at `at`.
    Unset { at: Loc, key: String },
    /// Removes the item at `at`: a field, a parameter, an enum value, an example, an
    /// operation.
    Remove { at: Loc },
    /// Sets the member `key` of the item at `at` (or, without a key, the value at `at`)
    /// to the spec's form of the page's type; `hint` names a type it needs to define.
    Retype {
        at: Loc,
        key: Option<String>,
        ty: PageType,
        hint: String,
    },
    /// Adds the page's field to the object type defined at `at`.
    AddField { at: Loc, field: PageField },
    /// Adds the page's parameter to the operation at `at`.
    AddParam {
        at: Loc,
        place: ParamLocation,
        field: PageField,
    },
    /// The values one place of the page allows for the enum defined at `at`, in its
    /// order, with their descriptions. The spec's enum becomes the union of what every
    /// place allows: an enum used where the page lists fewer values keeps the others
    /// (the remaining difference is the maintainer's: a type of its own, or an
    /// explanation).
    Values {
        at: Loc,
        values: Vec<(String, Option<String>)>,
    },
    /// Adds the page's example to the operation at `at`: its response, the request of the
    /// operation's first example.
    AddExample { at: Loc, example: PageExample },
    /// Explains a difference of `kind` on the item at `at` (`page_differs`), where no one
    /// edit makes the spec say what every place of the pages says.
    Explain {
        at: Loc,
        kind: DiffKind,
        reason: String,
    },
}

impl Fix {
    /// Where the edit applies.
    pub fn loc(&self) -> &Loc {
        match self {
            Fix::Set { at, .. }
            | Fix::Unset { at, .. }
            | Fix::Remove { at }
            | Fix::Retype { at, .. }
            | Fix::AddField { at, .. }
            | Fix::AddParam { at, .. }
            | Fix::Values { at, .. }
            | Fix::AddExample { at, .. }
            | Fix::Explain { at, .. } => at,
        }
    }

    pub fn set(at: &Loc, key: &str, value: Json) -> Self {
        Fix::Set {
            at: at.clone(),
            key: Some(key.to_owned()),
            value,
        }
    }

    pub fn unset(at: &Loc, key: &str) -> Self {
        Fix::Unset {
            at: at.clone(),
            key: key.to_owned(),
        }
    }

    /// Sets `key` to `true`, or removes it (its default, `false`).
    pub fn flag(at: &Loc, key: &str, on: bool) -> Self {
        if on {
            Fix::set(at, key, Json::Value(serde_json::Value::Bool(true)))
        } else {
            Fix::unset(at, key)
        }
    }

    /// Sets `key` to a text, or removes it when there is none.
    pub fn text(at: &Loc, key: &str, text: Option<&str>) -> Self {
        match text {
            Some(text) => Fix::set(at, key, Json::str(text)),
            None => Fix::unset(at, key),
        }
    }
}
