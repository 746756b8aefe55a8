//! Replaying the spec's examples through the typed client: the harness that the generated
//! `generated/operations.rs` fills in with one entry per operation.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// A client of every service of one spec, all sending to one server: generated with the
/// operations.
pub trait ClientSet: Sized + 'static {
    /// Clients of every service with `base_url`, `token` and `retry_policy`.
    fn connect(
        base_url: &str,
        token: &str,
        retry_policy: generated_client::RetryPolicy,
    ) -> Result<Self, generated_client::Error>;
}

/// A call in flight: the response's status and its typed result, encoded back to JSON.
pub type Call = generated_client::runtime::BoxFuture<'static, Result<(u16, Value), CaseError>>;

/// One operation of the spec, as the tests see it, called through the clients `C`.
pub struct Operation<C: 'static> {
    /// `<service>.<resource>.<id>`.
    pub id: &'static str,
    pub method: &'static str,
    /// The path template, `{name}` for each path parameter.
    pub path: &'static str,
    /// The documented success status.
    pub status: u16,
    /// Whether the request carries the client's token.
    pub authenticated: bool,
    /// The fixed headers every request of the operation carries: the service's and its own.
    pub headers: &'static [(&'static str, &'static str)],
    /// The array query parameters sent as one comma-joined value; the others repeat.
    pub comma_query: &'static [&'static str],
    /// The request body's content type (`multipart/form-data` without its boundary), when
    /// the operation sends a body.
    pub content_type: Option<&'static str>,
    /// Whether the response has a body; `false` for `204 No Content`.
    pub has_result: bool,
    /// Whether a success's body is the result's raw bytes, in no envelope; its example
    /// writes them as a string.
    pub raw: bool,
    /// The envelope field that holds the result, when the service has an envelope.
    pub envelope_result: Option<&'static str>,
    /// The tag a variant result leaves out: its type is the variant's, not the union's.
    pub result_tag: Option<&'static str>,
    /// Starts the call with an example's parameters and body through the typed client.
    pub call: fn(&C, &ExampleRequest) -> Result<Call, CaseError>,
    /// Decodes a request body into its type and encodes it back.
    pub request: Option<fn(Value) -> Result<Value, serde_json::Error>>,
    /// Decodes a whole response body (envelope included) and encodes it back.
    pub response: fn(Value) -> Result<Value, serde_json::Error>,
}

impl<C> fmt::Debug for Operation<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Why an example could not be replayed.
#[derive(Debug)]
pub enum CaseError {
    /// The example lacks a value the call needs.
    Missing(String),
    /// An example value does not decode into the parameter's or body's type.
    Value {
        name: String,
        source: serde_json::Error,
    },
    /// The client returned an error.
    Client(generated_client::Error),
    /// The typed result did not encode back to JSON.
    Encode(serde_json::Error),
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseError::Missing(name) => write!(f, "the example has no value for {name}"),
            CaseError::Value { name, source } => {
                write!(f, "the example's {name} does not decode: {source}")
            }
            CaseError::Client(e) => write!(f, "the client failed: {e}"),
            CaseError::Encode(e) => write!(f, "the result does not encode: {e}"),
        }
    }
}

impl std::error::Error for CaseError {}

impl From<generated_client::Error> for CaseError {
    fn from(e: generated_client::Error) -> Self {
        CaseError::Client(e)
    }
}

impl From<serde_json::Error> for CaseError {
    fn from(e: serde_json::Error) -> Self {
        CaseError::Encode(e)
    }
}

/// An example's request: its parameter values (path and query) and its body.
#[derive(Debug, Clone, Default)]
pub struct ExampleRequest {
    pub params: Map<String, Value>,
    pub body: Option<Value>,
}

impl ExampleRequest {
    /// The request of a spec example.
    pub fn from_spec(example: &codegen_spec::spec::Example) -> Self {
        // Header parameters are among the example's headers, as text.
        let params = example
            .request
            .path
            .iter()
            .chain(&example.request.query)
            .map(|(name, node)| (name.value.clone(), node.to_json()))
            .chain(
                example
                    .request
                    .headers
                    .iter()
                    .map(|(name, value)| (name.value.clone(), Value::String(value.clone()))),
            )
            .collect();
        Self {
            params,
            body: example.request.body.as_ref().map(|b| b.to_json()),
        }
    }

    /// A required parameter, decoded into its type.
    pub fn param<T: DeserializeOwned>(&self, name: &str) -> Result<T, CaseError> {
        self.optional_param(name)?
            .ok_or_else(|| CaseError::Missing(format!("parameter {name}")))
    }

    /// An optional parameter, decoded into its type when the example gives it.
    pub fn optional_param<T: DeserializeOwned>(&self, name: &str) -> Result<Option<T>, CaseError> {
        let value = self.params.get(name).or_else(|| {
            // Header names are compared without case.
            self.params
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value)
        });
        value
            .map(|value| {
                serde_json::from_value(value.clone()).or_else(|error| {
                    // A header's value is text: `5` is read as the number it writes.
                    match value.as_str().map(serde_json::from_str::<T>) {
                        Some(Ok(parsed)) => Ok(parsed),
                        _ => Err(CaseError::Value {
                            name: format!("parameter {name}"),
                            source: error,
                        }),
                    }
                })
            })
            .transpose()
    }

    /// The body, decoded into its type.
    pub fn body<T: DeserializeOwned>(&self) -> Result<T, CaseError> {
        let body = self
            .body
            .clone()
            .ok_or_else(|| CaseError::Missing("body".to_owned()))?;
        serde_json::from_value(body).map_err(|source| CaseError::Value {
            name: "body".to_owned(),
            source,
        })
    }
}

/// A raw result as the text its example writes (invalid UTF-8 shown replaced).
pub fn raw_text(bytes: &[u8]) -> Value {
    Value::String(String::from_utf8_lossy(bytes).into_owned())
}

/// Decodes `value` as `T` and encodes it back.
pub fn roundtrip<T: DeserializeOwned + Serialize>(
    value: Value,
) -> Result<Value, serde_json::Error> {
    serde_json::to_value(serde_json::from_value::<T>(value)?)
}

/// JSON equality where numbers compare by value: `25` and `25.0` are the same number,
/// as a field the docs type `number` decodes into `f64` and encodes as `25.0`.
pub fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| json_eq(value, other)))
        }
        _ => a == b,
    }
}

/// The spec's examples by operation id (`<service>.<resource>.<id>`).
pub fn spec_examples() -> BTreeMap<String, Vec<codegen_spec::spec::Example>> {
    examples_of(&crate::workspace_root().join("spec"))
}

/// The examples of the spec in `spec_dir`, by operation id.
pub fn examples_of(
    spec_dir: &std::path::Path,
) -> BTreeMap<String, Vec<codegen_spec::spec::Example>> {
    let spec = match codegen_spec::load_and_validate(spec_dir) {
        Ok(spec) => spec,
        Err(e) => panic!("the spec does not load:\n{e}"),
    };
    let mut examples = BTreeMap::new();
    for service in &spec.services {
        for (file, op) in service.operations() {
            let resource = file
                .resource
                .as_ref()
                .map(|r| r.value.as_str())
                .unwrap_or_default();
            examples.insert(
                format!("{}.{resource}.{}", service.name, op.id.value),
                op.examples.clone(),
            );
        }
    }
    examples
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value() {
        assert!(json_eq(
            &json!({"a": [25, 1.5]}),
            &json!({"a": [25.0, 1.5]})
        ));
        assert!(!json_eq(&json!({"a": 1}), &json!({"a": 2})));
        assert!(!json_eq(&json!({"a": 1}), &json!({"a": 1, "b": null})));
        assert!(!json_eq(&json!("1"), &json!(1)));
    }
}
