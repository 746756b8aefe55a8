//! A JSON parser that keeps the line and column of every value and key.
//!
//! `serde_json` reports where a syntax error is, but not where a well-formed value that
//! the spec does not accept was written; every diagnostic needs that position.

use std::sync::Arc;

use crate::diagnostics::{JsonPath, Loc, Pos};

/// How deeply arrays and objects may nest. Spec files nest about a dozen levels; the
/// parser, the decoder and the checks recurse once per level, on rayon's workers with
/// 2 MiB stacks, and a few thousand levels overflow that. This leaves room for any spec.
pub const MAX_DEPTH: usize = 64;

/// A JSON value and where it starts.
#[derive(Debug, Clone)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

/// An object member; members keep their order, and duplicates are kept for the loader
/// to report.
#[derive(Debug, Clone)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Member {
    /// Where the key is written: in `file`, at `path`, the member's own JSON path.
    pub fn key_loc(&self, file: &Arc<str>, path: JsonPath) -> Loc {
        Loc {
            file: file.clone(),
            pos: self.key_pos,
            path,
        }
    }
}

/// A syntax error: where, at which JSON path, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub path: String,
    pub message: String,
}

impl Node {
    /// The JSON kind, as diagnostics name it.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value without positions.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => items.iter().map(Node::to_json).collect(),
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A short description of a JSON value for messages: its kind, and scalars themselves.
pub fn describe(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string \"{s}\""),
        Value::Array(_) | Value::Object(_) => node.kind().to_owned(),
    }
}

/// Parses one JSON document.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        at: 0,
        pos: Pos { line: 1, column: 1 },
        path: vec![JsonPath::root()],
        depth: 0,
    };
    parser.skip_whitespace()?;
    let node = parser.value()?;
    parser.skip_whitespace()?;
    if parser.peek().is_some() {
        return Err(parser.error("expected the end of the file after the top-level value"));
    }
    Ok(node)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    pos: Pos,
    /// The path of the value being parsed, for error messages.
    path: Vec<JsonPath>,
    /// The arrays and objects open around the current value.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn current_path(&self) -> &JsonPath {
        // The stack always holds the root.
        &self.path[self.path.len() - 1]
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            pos: self.pos,
            path: self.current_path().to_string(),
            message: message.into(),
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".to_owned(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        }
    }

    fn skip_whitespace(&mut self) -> Result<(), SyntaxError> {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | '\r' => {
                    self.bump();
                }
                '\u{a0}' => {
                    return Err(self.error(
                        "non-breaking space (U+00A0) is not JSON whitespace; replace it with a plain space \
                         (documentation pages often render sample JSON with them)",
                    ));
                }
                c if c.is_whitespace() => {
                    return Err(self.error(format!(
                        "U+{:04X} is not JSON whitespace; use spaces, tabs or newlines",
                        c as u32
                    )));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn expect(&mut self, expected: char, what: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(expected) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(format!("expected {what}, found {}", self.found())))
        }
    }

    fn value(&mut self) -> Result<Node, SyntaxError> {
        let pos = self.pos;
        let value = match self.peek() {
            Some('{') => self.nested(Self::object)?,
            Some('[') => self.nested(Self::array)?,
            Some('"') => Value::String(self.string()?),
            Some('t') => self.literal("true", Value::Bool(true))?,
            Some('f') => self.literal("false", Value::Bool(false))?,
            Some('n') => self.literal("null", Value::Null)?,
            Some(c) if c == '-' || c.is_ascii_digit() => self.number()?,
            _ => {
                return Err(self.error(format!("expected a JSON value, found {}", self.found())));
            }
        };
        Ok(Node { pos, value })
    }

    /// Parses an array or object one level deeper, refusing to go past [`MAX_DEPTH`]: the
    /// recursion would otherwise overflow the stack on deeply nested input.
    fn nested(
        &mut self,
        parse: fn(&mut Self) -> Result<Value, SyntaxError>,
    ) -> Result<Value, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!(
                "expected at most {MAX_DEPTH} arrays and objects nested inside one another, \
                 found {} opening one more",
                self.found()
            )));
        }
        self.depth += 1;
        let value = parse(self);
        self.depth -= 1;
        value
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        for expected in word.chars() {
            if self.peek() != Some(expected) {
                return Err(self.error(format!("expected `{word}`, found {}", self.found())));
            }
            self.bump();
        }
        Ok(value)
    }

    fn object(&mut self) -> Result<Value, SyntaxError> {
        self.bump();
        let mut members = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some('}') {
            self.bump();
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace()?;
            if self.peek() != Some('"') {
                return Err(self.error(format!(
                    "expected a member name in double quotes, found {}",
                    self.found()
                )));
            }
            let key_pos = self.pos;
            let key = self.string()?;
            self.skip_whitespace()?;
            self.expect(':', "':' after the member name")?;
            self.skip_whitespace()?;
            let path = self.current_path().key(&key);
            self.path.push(path);
            let value = self.value()?;
            self.path.pop();
            members.push(Member {
                key,
                key_pos,
                value,
            });
            self.skip_whitespace()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                    self.skip_whitespace()?;
                    if self.peek() == Some('}') {
                        return Err(self.error("trailing comma before '}'"));
                    }
                }
                Some('}') => {
                    self.bump();
                    return Ok(Value::Object(members));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected ',' or '}}' after an object member, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn array(&mut self) -> Result<Value, SyntaxError> {
        self.bump();
        let mut items = Vec::new();
        self.skip_whitespace()?;
        if self.peek() == Some(']') {
            self.bump();
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace()?;
            let path = self.current_path().index(items.len());
            self.path.push(path);
            let item = self.value()?;
            self.path.pop();
            items.push(item);
            self.skip_whitespace()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                    self.skip_whitespace()?;
                    if self.peek() == Some(']') {
                        return Err(self.error("trailing comma before ']'"));
                    }
                }
                Some(']') => {
                    self.bump();
                    return Ok(Value::Array(items));
                }
                _ => {
                    return Err(self.error(format!(
                        "expected ',' or ']' after an array item, found {}",
                        self.found()
                    )));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some('"') => {
                    self.bump();
                    return Ok(out);
                }
                Some('\\') => {
                    self.bump();
                    let escaped = match self.peek() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            self.bump();
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => {
                            return Err(self.error(format!(
                                "invalid escape sequence: '\\' followed by {}",
                                self.found()
                            )));
                        }
                    };
                    self.bump();
                    out.push(escaped);
                }
                Some(c) if (c as u32) < 0x20 => {
                    return Err(self.error(format!(
                        "control character U+{:04X} in a string; escape it",
                        c as u32
                    )));
                }
                Some(c) => {
                    self.bump();
                    out.push(c);
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|c| c.to_digit(16)).ok_or_else(|| {
                self.error(format!("expected a hex digit, found {}", self.found()))
            })?;
            self.bump();
            value = value * 16 + digit;
        }
        Ok(value)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.peek() != Some('\\') {
                return Err(self.error("expected a low surrogate escape after a high surrogate"));
            }
            self.bump();
            self.expect('u', "'u' of a low surrogate escape")?;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("invalid low surrogate"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error(format!("invalid code point U+{code:04X}")))
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        if self.peek() == Some('-') {
            self.bump();
        }
        match self.peek() {
            Some('0') => {
                self.bump();
            }
            Some(c) if c.is_ascii_digit() => self.digits(),
            _ => return Err(self.error(format!("expected a digit, found {}", self.found()))),
        }
        if self.peek() == Some('.') {
            self.bump();
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error(format!(
                    "expected a digit after '.', found {}",
                    self.found()
                )));
            }
            self.digits();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return Err(self.error(format!(
                    "expected a digit in the exponent, found {}",
                    self.found()
                )));
            }
            self.digits();
        }
        let text: String = self.chars[start..self.at].iter().collect();
        text.parse::<serde_json::Number>()
            .map(Value::Number)
            .map_err(|e| self.error(format!("invalid number {text}: {e}")))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> SyntaxError {
        match parse(text) {
            Ok(node) => panic!("expected an error, parsed {:?}", node.to_json()),
            Err(e) => e,
        }
    }

    #[test]
    fn keeps_positions_of_values_and_keys() {
        let node = parse("{\n  \"a\": [1, {\"b\": null}],\n  \"c\": \"\\u00e9\\ud83d\\ude00\"\n}")
            .unwrap_or_else(|e| panic!("{e:?}"));
        let Value::Object(members) = &node.value else {
            panic!("not an object")
        };
        assert_eq!(members[0].key_pos, Pos { line: 2, column: 3 });
        assert_eq!(members[0].value.pos, Pos { line: 2, column: 8 });
        assert_eq!(members[1].value.as_str(), Some("é😀"));
        assert_eq!(
            node.to_json(),
            serde_json::json!({"a": [1, {"b": null}], "c": "é😀"})
        );
    }

    #[test]
    fn reports_where_and_what() {
        let e = error_of("{\n  \"a\": [1,, 2]\n}");
        assert_eq!((e.pos.line, e.pos.column, e.path.as_str()), (2, 11, "a[1]"));
        assert_eq!(e.message, "expected a JSON value, found ','");

        let e = error_of("{\"a\": 1 \"b\": 2}");
        assert_eq!(
            e.message,
            "expected ',' or '}' after an object member, found '\"'"
        );

        let e = error_of("[1, 2,]");
        assert_eq!(e.message, "trailing comma before ']'");

        let e = error_of("{\"a\": tru}");
        assert_eq!(e.message, "expected `true`, found '}'");
    }

    #[test]
    fn names_non_breaking_spaces() {
        let e = error_of("{\n\u{a0}\u{a0}\"url\": 1}");
        assert_eq!((e.pos.line, e.pos.column), (2, 1));
        assert!(
            e.message.starts_with("non-breaking space (U+00A0)"),
            "{}",
            e.message
        );
    }

    /// `levels` arrays inside one another, on separate lines, around `null`.
    fn nested_arrays(levels: usize) -> String {
        format!("{}null{}", "[\n".repeat(levels), "]".repeat(levels))
    }

    #[test]
    fn nesting_is_limited_with_a_message() {
        assert!(parse(&nested_arrays(MAX_DEPTH)).is_ok());
        let e = error_of(&nested_arrays(MAX_DEPTH + 1));
        let line = u32::try_from(MAX_DEPTH + 1).unwrap_or(u32::MAX);
        assert_eq!((e.pos.line, e.pos.column), (line, 1));
        assert_eq!(e.path, "[0]".repeat(MAX_DEPTH));
        assert_eq!(
            e.message,
            "expected at most 64 arrays and objects nested inside one another, found '[' opening one more"
        );
        let e = error_of(&"{\"a\":".repeat(MAX_DEPTH + 1));
        assert!(
            e.message.starts_with("expected at most 64"),
            "{}",
            e.message
        );
    }

    /// Deep nesting overflowed the stack before the limit; 2 MiB is the stack of the
    /// rayon workers that parse spec files.
    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let parsed = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| parse(&"[".repeat(1_000_000)).map(|_| ()))
            .map(|worker| worker.join());
        match parsed {
            Ok(Ok(Err(e))) => assert!(e.message.starts_with("expected at most"), "{e:?}"),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn numbers_follow_the_json_grammar() {
        let number = parse("-0.5e+3")
            .unwrap_or_else(|e| panic!("{e:?}"))
            .to_json();
        assert_eq!(number.as_f64(), Some(-500.0));
        assert!(parse("01").is_err());
        assert!(parse("1.").is_err());
        assert!(parse("+1").is_err());
    }
}
