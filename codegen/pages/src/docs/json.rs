//! JSON with its keys in the order written, printed as the spec files are (two-space
//! indent, a newline at the end), so that a draft reads like a hand-written file.
//!
//! serde_json keeps keys in order only with its `preserve_order` feature, which would
//! change map ordering for every crate of the workspace, the client's users included.

use serde_json::Value;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Object(Vec<(String, Json)>),
    Array(Vec<Json>),
    Value(Value),
}

impl Json {
    pub fn object() -> Self {
        Json::Object(Vec::new())
    }

    pub fn str(text: impl Into<String>) -> Self {
        Json::Value(Value::String(text.into()))
    }

    /// Adds a member to an object; does nothing on other values.
    pub fn with(mut self, key: &str, value: Json) -> Self {
        self.push(key, value);
        self
    }

    /// Adds a member when there is a value.
    pub fn with_some(self, key: &str, value: Option<Json>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    pub fn push(&mut self, key: &str, value: Json) {
        if let Json::Object(members) = self {
            members.push((key.to_owned(), value));
        }
    }

    pub fn is_empty_object(&self) -> bool {
        matches!(self, Json::Object(members) if members.is_empty())
    }

    /// Pretty-printed, two-space indent, with a final newline.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Object(members) if members.is_empty() => out.push_str("{}"),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(members) => {
                out.push_str("{\n");
                for (i, (key, value)) in members.iter().enumerate() {
                    indent(out, depth + 1);
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push_str(": ");
                    value.write(out, depth + 1);
                    out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
                }
                indent(out, depth);
                out.push('}');
            }
            Json::Array(items) => {
                out.push_str("[\n");
                for (i, item) in items.iter().enumerate() {
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                    out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
                }
                indent(out, depth);
                out.push(']');
            }
            Json::Value(Value::Object(map)) => {
                Json::from(&Value::Object(map.clone())).write(out, depth)
            }
            Json::Value(Value::Array(items)) => {
                Json::from(&Value::Array(items.clone())).write(out, depth)
            }
            Json::Value(scalar) => out.push_str(&scalar.to_string()),
        }
    }
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json> {
        match self {
            Json::Object(members) => members.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Sets the member `key` of an object: in its place when it exists, else last.
    pub fn set(&mut self, key: &str, value: Json) {
        match self.get_mut(key) {
            Some(slot) => *slot = value,
            None => self.push(key, value),
        }
    }

    /// Removes the member `key` of an object; whether it was there.
    pub fn unset(&mut self, key: &str) -> bool {
        match self {
            Json::Object(members) => {
                let before = members.len();
                members.retain(|(k, _)| k != key);
                members.len() != before
            }
            _ => false,
        }
    }

    /// The value at a path of keys and indices.
    pub fn at_mut(
        &mut self,
        steps: &[codegen_spec::diagnostics::PathStep<'_>],
    ) -> Option<&mut Json> {
        use codegen_spec::diagnostics::PathStep;
        let Some((first, rest)) = steps.split_first() else {
            return Some(self);
        };
        let next = match (first, self) {
            (PathStep::Key(key), json) => json.get_mut(key)?,
            (PathStep::Index(index), Json::Array(items)) => items.get_mut(*index)?,
            _ => return None,
        };
        next.at_mut(rest)
    }

    /// The text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Value(Value::String(text)) => Some(text),
            _ => None,
        }
    }

    /// JSON text in its own key order (non-breaking spaces read as spaces), as a page's
    /// sample writes it; `None` if it is not JSON.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.replace('\u{a0}', " ");
        codegen_spec::json::parse(&text)
            .ok()
            .map(|node| Json::from(&node))
    }
}

impl From<&codegen_spec::json::Node> for Json {
    fn from(node: &codegen_spec::json::Node) -> Self {
        use codegen_spec::json::Value as V;
        match &node.value {
            V::Object(members) => Json::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), Json::from(&m.value)))
                    .collect(),
            ),
            V::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            _ => Json::Value(node.to_json()),
        }
    }
}

/// A serde_json value, its object keys in serde_json's order (sorted).
impl From<&Value> for Json {
    fn from(value: &Value) -> Self {
        match value {
            Value::Object(map) => Json::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Json::from(v)))
                    .collect(),
            ),
            Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            scalar => Json::Value(scalar.clone()),
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_the_spec_files() {
        let json = Json::object()
            .with("b", Json::str("x"))
            .with(
                "a",
                Json::Array(vec![Json::Value(1.into()), Json::object()]),
            )
            .with("c", Json::Array(Vec::new()));
        assert_eq!(
            json.pretty(),
            "{\n  \"b\": \"x\",\n  \"a\": [\n    1,\n    {}\n  ],\n  \"c\": []\n}\n"
        );
        let parsed: Value = serde_json::from_str(&json.pretty()).unwrap_or_default();
        assert_eq!(parsed["b"], "x");
    }
}
