//! `multipart/form-data` request bodies (RFC 7578): files, raw bytes, text and JSON parts.
//!
//! The body is encoded once, into bytes, so that every attempt of a retried request sends
//! the same bytes; reqwest's own form is a stream that can be sent only once.

use std::fmt;

use bytes::{BufMut, Bytes, BytesMut};
use serde::{Deserialize, Serialize};

/// A file sent as a part of a `multipart/form-data` body: its name, its content type and
/// its content.
///
/// In the spec's examples (and through serde) a file is written
/// `{"filename": "worker.js", "content_type": "application/javascript+module", "content": "..."}`,
/// its content as text.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePart {
    filename: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    #[serde(with = "content_text")]
    content: Bytes,
}

impl FilePart {
    /// A file named `filename` with `content`, sent as `application/octet-stream` unless
    /// [`content_type`](Self::content_type) says otherwise.
    pub fn new(filename: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self {
            filename: filename.into(),
            content_type: None,
            content: content.into(),
        }
    }

    /// The file's content type (`application/javascript+module`).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's name.
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The file's content.
    pub fn content(&self) -> &Bytes {
        &self.content
    }
}

/// Shows the name, the content type and the size; never the content.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.content.len())
            .finish()
    }
}

/// A file's content as text, in examples and JSON.
mod content_text {
    use bytes::Bytes;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(content: &Bytes, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(content))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Bytes, D::Error> {
        String::deserialize(deserializer).map(Bytes::from)
    }
}

/// A `bytes` part's value as JSON (the spec's examples, a mock's `body_eq`), which has no
/// bytes: its text, as a file's content is (invalid UTF-8 shown replaced). Generated body
/// types name it in `#[serde(with)]`; the wire carries the bytes themselves.
pub mod bytes_text {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the bytes as text.
    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(bytes))
    }

    /// Reads text as its bytes.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        String::deserialize(deserializer).map(String::into_bytes)
    }
}

/// [`bytes_text`] for an optional part.
pub mod optional_bytes_text {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the bytes as text, or `null`.
    pub fn serialize<S: Serializer>(
        bytes: &Option<Vec<u8>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(bytes) => super::bytes_text::serialize(bytes, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads text as its bytes; `null` as none.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(deserializer).map(|text| text.map(String::into_bytes))
    }
}

/// A body that is a `multipart/form-data` form: generated for each type a spec sends so.
pub trait Multipart {
    /// Adds each of the body's parts to `form`, in the spec's order.
    fn write_parts(&self, form: &mut Form);
}

/// The parts of a `multipart/form-data` body, as they are added.
#[derive(Debug, Default)]
pub struct Form {
    parts: Vec<Part>,
    /// The first JSON part that did not serialize: the request reports it.
    error: Option<serde_json::Error>,
}

#[derive(Debug)]
struct Part {
    name: &'static str,
    filename: Option<String>,
    content_type: Option<String>,
    content: Bytes,
}

impl Form {
    /// A text field: `name` with `value`, without a content type.
    pub fn text(&mut self, name: &'static str, value: impl fmt::Display) {
        self.parts.push(Part {
            name,
            filename: None,
            content_type: None,
            content: Bytes::from(value.to_string()),
        });
    }

    /// A JSON part: `name` with `value` as `application/json`.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(content) => self.parts.push(Part {
                name,
                filename: None,
                content_type: Some("application/json".to_owned()),
                content: Bytes::from(content),
            }),
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
    }

    /// A part of raw bytes: `name` with `content` as `application/octet-stream`, without
    /// a file name (a value to be stored, not a file).
    pub fn bytes(&mut self, name: &'static str, content: &[u8]) {
        self.parts.push(Part {
            name,
            filename: None,
            content_type: Some("application/octet-stream".to_owned()),
            content: Bytes::copy_from_slice(content),
        });
    }

    /// The first part that could not be written, if any.
    pub(crate) fn take_error(&mut self) -> Option<serde_json::Error> {
        self.error.take()
    }

    /// A file part.
    pub fn file(&mut self, name: &'static str, file: &FilePart) {
        self.parts.push(Part {
            name,
            filename: Some(file.filename.clone()),
            content_type: Some(
                file.content_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
            ),
            content: file.content.clone(),
        });
    }

    /// The encoded body and its content type, `multipart/form-data; boundary=...`.
    pub(crate) fn encode(&self) -> (Bytes, String) {
        let boundary = self.boundary();
        let mut body = BytesMut::new();
        for part in &self.parts {
            body.put_slice(b"--");
            body.put_slice(boundary.as_bytes());
            body.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.put_slice(quoted(part.name).as_bytes());
            body.put_slice(b"\"");
            if let Some(filename) = &part.filename {
                body.put_slice(b"; filename=\"");
                body.put_slice(quoted(filename).as_bytes());
                body.put_slice(b"\"");
            }
            body.put_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                body.put_slice(b"Content-Type: ");
                body.put_slice(one_line(content_type).as_bytes());
                body.put_slice(b"\r\n");
            }
            body.put_slice(b"\r\n");
            body.put_slice(&part.content);
            body.put_slice(b"\r\n");
        }
        body.put_slice(b"--");
        body.put_slice(boundary.as_bytes());
        body.put_slice(b"--\r\n");
        (
            body.freeze(),
            format!("multipart/form-data; boundary={boundary}"),
        )
    }

    /// A boundary that no part's content contains.
    fn boundary(&self) -> String {
        loop {
            let boundary = format!("generated-client-{:016x}", fastrand::u64(..));
            let needle = boundary.as_bytes();
            let clashes = self
                .parts
                .iter()
                .any(|part| part.content.windows(needle.len()).any(|w| w == needle));
            if !clashes {
                return boundary;
            }
        }
    }
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped
/// as RFC 7578 and browsers do (`%22`, `%0D`, `%0A`), so that no value ends the header.
fn quoted(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A header value on one line.
fn one_line(value: &str) -> String {
    value.replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_encoded_with_their_headers_and_a_boundary_they_do_not_contain() {
        let mut form = Form::default();
        let script = FilePart::new("worker.js", "export default {}")
            .content_type("application/javascript+module");
        form.json("metadata", &serde_json::json!({"main_module": "worker.js"}));
        form.file("files", &script);
        form.text("note", "a \"quoted\"\r\nvalue");
        form.bytes("value", b"\x00\xff");
        let (body, content_type) = form.encode();
        let boundary = content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap_or_default()
            .to_owned();
        assert!(boundary.starts_with("generated-client-"));
        let expected = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"metadata\"\r\nContent-Type: application/json\r\n\r\n{{\"main_module\":\"worker.js\"}}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"worker.js\"\r\nContent-Type: application/javascript+module\r\n\r\nexport default {{}}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\na \"quoted\"\r\nvalue\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"value\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00"
        );
        let mut expected = expected.into_bytes();
        expected.extend_from_slice(b"\xff\r\n--");
        expected.extend_from_slice(boundary.as_bytes());
        expected.extend_from_slice(b"--\r\n");
        assert_eq!(body.as_ref(), expected.as_slice());
    }

    #[test]
    fn a_file_reads_and_writes_as_its_example_form() {
        let json = serde_json::json!({
            "filename": "worker.js",
            "content_type": "application/javascript+module",
            "content": "export default {}"
        });
        let file: Result<FilePart, _> = serde_json::from_value(json.clone());
        let file = file.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.filename(), "worker.js");
        assert_eq!(file.content().as_ref(), b"export default {}");
        assert_eq!(serde_json::to_value(&file).ok(), Some(json));
        assert!(!format!("{file:?}").contains("export default"));
    }
}
