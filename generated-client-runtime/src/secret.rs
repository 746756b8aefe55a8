//! Values the API documents as secret (a Worker secret's text, key material, a deploy
//! hook's ID): what `Debug`, messages and errors show in their place.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// What `Debug`, messages and errors show in place of a secret value.
pub(crate) const REDACTED: &str = "<secret>";

/// A secret field's value as a generated type's `Debug` shows it: `<secret>`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// An optional secret field as `Debug` shows it: `None`, or `Some(<secret>)` when set.
pub fn redacted_option<T>(value: &Option<T>) -> Option<Redacted> {
    value.as_ref().map(|_| Redacted)
}

/// `value` with the values of the members named `members`, at any depth, written as
/// `"<secret>"`: a body of an operation whose secret fields have those JSON names. A member
/// of another type that has one of the names is hidden too, which costs a message a
/// value and shows no secret.
pub(crate) fn redact_members(value: &mut Value, members: &[&str]) {
    match value {
        Value::Object(object) => {
            for (name, member) in object.iter_mut() {
                if members.contains(&name.as_str()) && !member.is_null() {
                    *member = Value::String(REDACTED.to_owned());
                } else {
                    redact_members(member, members);
                }
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| redact_members(item, members)),
        _ => {}
    }
}

/// A value with every string in it written as `"<secret>"`: a body that may hold a secret
/// but not in the shape its type says (it failed to decode), so that its secret members
/// cannot be told by name. Member names, numbers and the shape stay.
pub(crate) fn hide_strings(value: &mut Value) {
    match value {
        Value::String(text) => REDACTED.clone_into(text),
        Value::Object(object) => object.values_mut().for_each(hide_strings),
        Value::Array(items) => items.iter_mut().for_each(hide_strings),
        _ => {}
    }
}

/// A response body as an error quotes it: as it is, or, for an operation whose bodies may
/// hold a secret (`secret` is true), its JSON without a string; nothing of such a body
/// that is not JSON.
pub(crate) fn quotable_body(body: &[u8], secret: bool) -> Cow<'_, [u8]> {
    if !secret {
        return Cow::Borrowed(body);
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) => {
            hide_strings(&mut value);
            Cow::Owned(serde_json::to_vec(&value).unwrap_or_default())
        }
        Err(_) => Cow::Borrowed(&[]),
    }
}

/// A body in `Debug`: the bytes, or only their number when they may hold a secret.
pub(crate) struct DebugBody<'b> {
    pub(crate) body: &'b bytes::Bytes,
    pub(crate) secret: bool,
}

impl fmt::Debug for DebugBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret {
            write!(f, "<{} bytes>", self.body.len())
        } else {
            fmt::Debug::fmt(self.body, f)
        }
    }
}

/// A message with each double-quoted part written as `<secret>`: how serde quotes a
/// string value it did not expect (`invalid type: string "…", expected u64`), which may
/// be a secret. Member names, which it quotes with backticks, stay.
pub(crate) fn without_quoted_strings(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        // Up to the closing quote, past escaped ones; an unclosed quote hides the rest.
        let mut escaped = false;
        for c in chars.by_ref() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => break,
                _ => {}
            }
        }
        out.push_str(REDACTED);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_of_a_secret_name_are_hidden_at_any_depth() {
        let mut body = json!({
            "secrets": {"API_KEY": {"name": "API_KEY", "text": "s3cr3t", "type": "secret_text"}},
            "bindings": [{"name": "B", "text": "t0p", "key_base64": null}],
            "text": 1
        });
        redact_members(&mut body, &["text", "key_base64"]);
        assert_eq!(
            body,
            json!({
                "secrets": {"API_KEY": {"name": "API_KEY", "text": "<secret>", "type": "secret_text"}},
                "bindings": [{"name": "B", "text": "<secret>", "key_base64": null}],
                "text": "<secret>"
            })
        );
    }

    #[test]
    fn a_body_out_of_shape_keeps_its_shape_and_no_string() {
        let body = br#"{"result": "s3cr3t", "items": [{"n": 1, "t": "x"}], "ok": true}"#;
        let quoted = quotable_body(body, true);
        assert_eq!(
            std::str::from_utf8(&quoted).ok(),
            Some(r#"{"items":[{"n":1,"t":"<secret>"}],"ok":true,"result":"<secret>"}"#)
        );
        assert_eq!(quotable_body(body, false).as_ref(), body);
        assert!(quotable_body(b"s3cr3t, not JSON", true).is_empty());
    }

    #[test]
    fn quoted_strings_leave_a_message_and_names_stay() {
        assert_eq!(
            without_quoted_strings(
                r#"invalid type: string "s3\"cr3t", expected u64 at line 1 column 9"#
            ),
            "invalid type: string <secret>, expected u64 at line 1 column 9"
        );
        assert_eq!(
            without_quoted_strings("missing field `text` at line 1 column 2"),
            "missing field `text` at line 1 column 2"
        );
        assert_eq!(without_quoted_strings(r#"cut "s3cr"#), "cut <secret>");
    }

    #[test]
    fn a_secret_shows_only_whether_it_is_set() {
        let set = Some("s3cr3t".to_owned());
        assert_eq!(format!("{:?}", redacted_option(&set)), "Some(<secret>)");
        assert_eq!(
            format!("{:#?}", redacted_option(&set)),
            "Some(\n    <secret>,\n)"
        );
        assert_eq!(format!("{:?}", redacted_option::<String>(&None)), "None");
        assert_eq!(format!("{Redacted:?}"), "<secret>");
    }
}
