//! The JSON path of the place where decoding stopped, found by scanning the body up to the
//! line and column serde_json reports.
//!
//! Decoding a second time through a path-tracking deserializer would tell the same, but
//! would compile every generated type's decoder twice; this scan is one small function.

/// The path of the value at `line`:`column` of `body` (1-based line, column in bytes
/// consumed on that line, as serde_json reports errors): `result[3].build_outcome`, or
/// `.` at the top level.
pub(crate) fn path_at(body: &[u8], line: usize, column: usize) -> String {
    path_at_offset(body, offset(body, line, column))
}

/// The path of the value at `line`:`column` of `part`, a slice of `body` (an envelope's
/// result, decoded on its own), as a path in the whole `body`: `result[3].build_outcome`.
pub(crate) fn path_at_in(body: &str, part: &str, line: usize, column: usize) -> String {
    let within = offset(part.as_bytes(), line, column);
    // `part` lies inside `body`: its start is the distance between the two addresses.
    let start = (part.as_ptr() as usize).wrapping_sub(body.as_ptr() as usize);
    if start > body.len() {
        return path_at(part.as_bytes(), line, column);
    }
    path_at_offset(body.as_bytes(), start + within)
}

/// The path of the value that is open at byte `end` of `body`.
pub(crate) fn path_at_offset(body: &[u8], end: usize) -> String {
    let end = end.min(body.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match body[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: Some(0) }),
            // A container that closes where decoding stopped is the one at fault (a
            // missing field is reported at the `}` of its object): the path ends at it.
            b'}' | b']' if i + 1 >= end => {
                if let Some(frame) = stack.last_mut() {
                    frame.close();
                }
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index: Some(index) }) => *index += 1,
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                _ => {}
            },
            b'"' => {
                let (text, next) = read_string(body, i);
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut()
                    && *expect_key
                {
                    *key = Some(text);
                    *expect_key = false;
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Array { index: Some(index) } => path.push_str(&format!("[{index}]")),
            Frame::Object { key: None, .. } | Frame::Array { index: None } => {}
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

enum Frame {
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    /// The index of the current item; `None` once the array itself is the subject.
    Array { index: Option<usize> },
}

impl Frame {
    /// The container itself is the subject, not its current member.
    fn close(&mut self) {
        match self {
            Frame::Object { key, .. } => *key = None,
            Frame::Array { index } => *index = None,
        }
    }
}

/// The byte offset of `line`:`column`, within `body`.
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match body[line_start..].iter().position(|&b| b == b'\n') {
            Some(newline) => line_start += newline + 1,
            None => return body.len(),
        }
    }
    (line_start + column).min(body.len())
}

/// The text of the string starting at `start` (its opening quote), escapes kept as
/// written, and the index after its closing quote.
fn read_string(body: &[u8], start: usize) -> (String, usize) {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'\\' => i += 2,
            b'"' => {
                let end = i.min(body.len());
                return (
                    String::from_utf8_lossy(&body[start + 1..end]).into_owned(),
                    i + 1,
                );
            }
            _ => i += 1,
        }
    }
    (
        String::from_utf8_lossy(&body[(start + 1).min(body.len())..]).into_owned(),
        body.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Envelope {
        success: bool,
        result: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: i64,
        tags: Option<Vec<String>>,
    }

    /// The path serde_json's error points at, when decoding `body` as an `Envelope`.
    fn path_of(body: &str) -> String {
        match serde_json::from_str::<Envelope>(body) {
            Ok(envelope) => panic!("decoded {envelope:?}"),
            Err(error) => path_at(body.as_bytes(), error.line(), error.column()),
        }
    }

    #[test]
    fn names_the_failing_field() {
        assert_eq!(
            path_of(r#"{"success": true, "result": [{"id": 1}, {"id": "x"}]}"#),
            "result[1].id"
        );
        assert_eq!(
            path_of(r#"{"success": true, "result": [{"id": 1, "tags": ["a", 2]}]}"#),
            "result[0].tags[1]"
        );
        assert_eq!(
            path_of("{\n  \"success\": \"yes\",\n  \"result\": []\n}"),
            "success"
        );
    }

    #[test]
    fn a_missing_field_names_its_object() {
        assert_eq!(
            path_of(r#"{"success": true, "result": [{"id": 1}, {"tags": []}]}"#),
            "result[1]"
        );
        assert_eq!(path_of(r#"{"result": []}"#), ".");
    }

    #[test]
    fn keys_and_values_with_brackets_and_escapes_do_not_confuse_it() {
        assert_eq!(
            path_of(r#"{"success": true, "result": [{"tags": ["}", "\"]"], "id": null}]}"#),
            "result[0].id"
        );
    }

    #[test]
    fn positions_past_the_end_are_the_end() {
        assert_eq!(path_at(b"{\"a\": [1", 9, 9), "a[0]");
        assert_eq!(path_at(b"", 1, 1), ".");
    }
}
