//! Serde support for generated code: decoding bodies, enums that keep unknown values, and
//! tagged-union variants.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Visitor};

use super::{DecodeFailure, Envelope};

/// Decodes JSON text that `T` may borrow from (an envelope around a raw result).
///
/// On failure, the JSON path of the failing value comes from scanning the text up to the
/// position serde_json reports. Empty (or all-whitespace) text decodes as JSON `null`.
pub fn decode_text<'a, T: Deserialize<'a>>(body: &'a str) -> Result<T, DecodeFailure> {
    let body = if body.trim_ascii().is_empty() {
        "null"
    } else {
        body
    };
    serde_json::from_str(body).map_err(|error| DecodeFailure::Json {
        path: super::json_path::path_at(body.as_bytes(), error.line(), error.column()),
        message: error.to_string(),
    })
}

/// A 2xx body as `M`'s envelope around a `T`: the envelope is read once per envelope type
/// with its result left as raw JSON text, which then decodes as `T`. Only this function
/// and serde_json's decoder of `T` are compiled once per result type, which keeps a large
/// generated client quick to compile; the second pass over the result costs about 2%.
pub fn decode_body<T: DeserializeOwned, M: Envelope>(body: &[u8]) -> Result<(T, M), DecodeFailure> {
    let text = utf8(body)?;
    let (result, meta) = M::split(text)?;
    Ok((decode_result(text, result, M::RESULT)?, meta))
}

/// An envelope's result, from its JSON text within `body`.
///
/// `Some(text)` decodes as `T`, and a failure names its path in the whole body. `None`
/// (the result was absent or `null`) gives what `T` makes of JSON `null` (so
/// `serde_json::Value`, `()` and `Option<_>` results accept it), or else a
/// [`DecodeFailure::Json`] at `field`.
pub fn decode_result<T: DeserializeOwned>(
    body: &str,
    result: Option<&str>,
    field: &'static str,
) -> Result<T, DecodeFailure> {
    // Both cases decode through the same deserializer, so that each result type's decoder
    // is compiled once.
    serde_json::from_str(result.unwrap_or("null")).map_err(|error| match result {
        Some(text) => result_failure(body, text, &error),
        None => missing_result(field),
    })
}

fn result_failure(body: &str, result: &str, error: &serde_json::Error) -> DecodeFailure {
    DecodeFailure::Json {
        path: super::json_path::path_at_in(body, result, error.line(), error.column()),
        message: error.to_string(),
    }
}

fn missing_result(field: &'static str) -> DecodeFailure {
    DecodeFailure::Json {
        path: field.to_owned(),
        message: format!("missing or null `{field}`"),
    }
}

/// The body as text; JSON is UTF-8.
fn utf8(body: &[u8]) -> Result<&str, DecodeFailure> {
    std::str::from_utf8(body).map_err(|error| {
        let at = error.valid_up_to();
        DecodeFailure::Json {
            path: super::json_path::path_at_offset(body, at),
            message: format!("invalid UTF-8 at byte {at}"),
        }
    })
}

/// A string enum value the client does not know, kept as received.
///
/// It is opaque, so that a value the client knows is never held as unknown: generated
/// enums convert every known string to its own variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        Self(value.into())
    }

    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Deserializes a string (borrowed when possible, without allocating) and converts it.
///
/// Generated enums call this from their `Deserialize` impl.
pub fn deserialize_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(EnumVisitor(PhantomData))
}

struct EnumVisitor<T>(PhantomData<fn() -> T>);

impl<T: for<'a> From<&'a str>> Visitor<'_> for EnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// Decodes a tagged-union variant from the raw JSON object; generated unions call this
/// once they have read the tag.
///
/// On failure the message starts with the path inside the variant
/// (`integration.identifier: invalid type: ...`): the object is encoded again and its text
/// decoded for a position, which only a failure pays for.
pub fn decode_variant<T: DeserializeOwned, E: serde::de::Error>(
    value: serde_json::Value,
) -> Result<T, E> {
    T::deserialize(&value).map_err(|error| {
        // From text, through the deserializer that decodes bodies: from bytes it would
        // compile each variant's decoder once more.
        let path = serde_json::to_string(&value).ok().and_then(|text| {
            serde_json::from_str::<T>(&text)
                .err()
                .map(|e| super::json_path::path_at(text.as_bytes(), e.line(), e.column()))
        });
        match path {
            Some(path) if path != "." => E::custom(format_args!("{path}: {error}")),
            _ => E::custom(error),
        }
    })
}

/// A boxed `Send` future, for generated `IntoFuture` impls.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// A body that is the result itself, decoded as the client decodes it.
    fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeFailure> {
        decode_body::<T, ()>(body).map(|(value, ())| value)
    }

    #[derive(Debug, PartialEq)]
    enum Outcome {
        Success,
        Other(UnknownValue),
    }

    impl From<&str> for Outcome {
        fn from(value: &str) -> Self {
            match value {
                "success" => Self::Success,
                other => Self::Other(UnknownValue::new(other)),
            }
        }
    }

    impl<'de> Deserialize<'de> for Outcome {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_enum(deserializer)
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Build {
        id: u64,
        build_outcome: Outcome,
    }

    #[derive(Debug, Deserialize)]
    struct Page {
        #[allow(dead_code)]
        result: Vec<Build>,
    }

    #[derive(Debug, Deserialize)]
    struct Integration {
        #[allow(dead_code)]
        identifier: String,
    }

    #[derive(Debug, Deserialize)]
    struct Action {
        #[allow(dead_code)]
        integration: Integration,
    }

    #[test]
    fn enums_keep_known_and_unknown_values() {
        let builds: Vec<Build> = decode_json(
            br#"[{"id":1,"build_outcome":"success"},{"id":2,"build_outcome":"new\u0021"}]"#,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(builds[0].build_outcome, Outcome::Success);
        assert_eq!(
            builds[1].build_outcome,
            Outcome::Other(UnknownValue::new("new!"))
        );
        let from_value: Outcome =
            serde_json::from_value(serde_json::json!("queued")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(from_value, Outcome::Other(UnknownValue::new("queued")));
        let not_a_string = serde_json::from_str::<Outcome>("3");
        assert!(not_a_string.is_err());
        assert_eq!(UnknownValue::new("x").as_str(), "x");
        assert_eq!(UnknownValue::new("x").to_string(), "x");
    }

    #[test]
    fn decode_json_reports_the_path() {
        let body = br#"{"result":[{"id":1,"build_outcome":"success"},{"id":2,"build_outcome":7}]}"#;
        match decode_json::<Page>(body) {
            Err(DecodeFailure::Json { path, message }) => {
                assert_eq!(path, "result[1].build_outcome");
                assert!(message.contains("invalid type"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_json_handles_empty_garbage_and_trailing_data() {
        assert_eq!(decode_json::<()>(b""), Ok(()));
        assert_eq!(decode_json::<Option<u8>>(b"  \n"), Ok(None));
        assert!(matches!(
            decode_json::<u8>(b""),
            Err(DecodeFailure::Json { .. })
        ));
        assert!(matches!(
            decode_json::<serde_json::Value>(b"<html>"),
            Err(DecodeFailure::Json { .. })
        ));
        match decode_json::<u8>(b"1 2") {
            Err(DecodeFailure::Json { message, .. }) => assert!(message.contains("trailing")),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_missing_result_is_null_only_where_the_type_accepts_it() {
        let body = r#"{"result": 3}"#;
        assert_eq!(decode_result(body, Some(&body[11..12]), "result"), Ok(3u8));
        assert_eq!(
            decode_result::<serde_json::Value>(body, None, "result"),
            Ok(serde_json::Value::Null)
        );
        assert_eq!(decode_result::<Option<u8>>(body, None, "result"), Ok(None));
        assert_eq!(decode_result::<()>(body, None, "result"), Ok(()));
        match decode_result::<Vec<u8>>(body, None, "result") {
            Err(DecodeFailure::Json { path, message }) => {
                assert_eq!(path, "result");
                assert!(message.contains("missing"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_result_that_fails_is_named_by_its_path_in_the_whole_body() {
        let body = "{\"success\": true,\n \"result\": [{\"id\": 1}, {\"id\": \"two\"}]}";
        let start = body.find('[').unwrap_or_default();
        let result = &body[start..body.len() - 1];
        #[derive(Debug, Deserialize)]
        struct Item {
            #[allow(dead_code)]
            id: u64,
        }
        match decode_result::<Vec<Item>>(body, Some(result), "result") {
            Err(DecodeFailure::Json { path, message }) => {
                assert_eq!(path, "result[1].id");
                assert!(message.contains("invalid type"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_body_that_is_not_utf8_fails_at_the_bad_byte() {
        match decode_json::<serde_json::Value>(b"{\"a\": [1, \"\xff\"]}") {
            Err(DecodeFailure::Json { path, message }) => {
                assert_eq!(path, "a[1]");
                assert!(message.contains("invalid UTF-8 at byte 11"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn decode_variant_puts_the_inner_path_in_the_message() {
        let value = serde_json::json!({ "integration": { "identifier": 5 } });
        let error = decode_variant::<Action, serde_json::Error>(value)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            error.starts_with("integration.identifier: invalid type"),
            "{error}"
        );
        let value = serde_json::json!({ "integration": { "identifier": "aws" } });
        assert!(decode_variant::<Action, serde_json::Error>(value).is_ok());
        let error = decode_variant::<Action, serde_json::Error>(serde_json::json!(1))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.starts_with("invalid type"), "{error}");
    }
}
