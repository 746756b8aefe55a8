//! The parser of a code span's type: `TYPE := primary (' or ' (primary | N ' more'))*`
//! and its primaries (the grammar in `grammar/mod.rs`).

use super::{MAX_DEPTH, SpanError, Ty, combine, field_name};
use codegen_spec::spec::Primitive;
use serde_json::Value;

/// A recursive-descent reader of one code span. Offsets are bytes into `code`.
pub(super) struct Parser<'s> {
    code: &'s str,
    pub(super) pos: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    pub(super) fn new(code: &'s str, pos: usize) -> Self {
        Self {
            code,
            pos,
            depth: 0,
        }
    }

    fn rest(&self) -> &'s str {
        self.code.get(self.pos..).unwrap_or_default()
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, SpanError> {
        Err(SpanError {
            offset: self.pos,
            message: message.into(),
        })
    }

    /// What comes next, for messages.
    fn found(&self) -> String {
        let rest = self.rest().trim();
        if rest.is_empty() {
            "the end of the code span".to_owned()
        } else {
            format!("`{}`", crate::pages::source::excerpt(rest, 30))
        }
    }

    /// Skips whitespace; whether there was any.
    pub(super) fn space(&mut self) -> bool {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start().len();
        self.pos += skipped;
        skipped > 0
    }

    /// Takes a word if it is next and not the start of a longer word.
    pub(super) fn keyword(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let Some(after) = rest.strip_prefix(word) else {
            return false;
        };
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return false;
        }
        self.pos += word.len();
        true
    }

    fn punct(&mut self, c: char) -> bool {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// A whole code span's type: nothing may follow it.
    pub(super) fn whole_type(&mut self) -> Result<Ty, SpanError> {
        self.space();
        let ty = self.ty()?;
        self.space();
        if self.rest().is_empty() {
            Ok(ty)
        } else {
            self.error(format!(
                "expected the end of the type or ` or `, found {}",
                self.found()
            ))
        }
    }

    /// `N more`, if next.
    fn more(&mut self) -> Result<Option<usize>, SpanError> {
        let start = self.pos;
        let rest = self.rest();
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return Ok(None);
        }
        let count = rest.get(..digits).and_then(|d| d.parse::<usize>().ok());
        self.pos += digits;
        if !(self.space() && self.keyword("more")) {
            self.pos = start;
            return Ok(None);
        }
        match count {
            Some(count) => Ok(Some(count)),
            None => {
                self.pos = start;
                self.error("expected a count of members or values that fits in a number")
            }
        }
    }

    fn ty(&mut self) -> Result<Ty, SpanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(format!("expected a type nested at most {MAX_DEPTH} deep"));
        }
        let mut alternatives = vec![self.primary()?];
        let mut more = 0;
        loop {
            let before = self.pos;
            if !(self.space() && self.keyword("or") && self.space()) {
                self.pos = before;
                break;
            }
            if let Some(count) = self.more()? {
                more = count;
                break;
            }
            alternatives.push(self.primary()?);
        }
        self.depth -= 1;
        Ok(combine(alternatives, more))
    }

    fn primary(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        if rest.starts_with('"') {
            return self.string_literal();
        }
        if rest.starts_with('{') {
            return self.members(None);
        }
        if rest.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            return self.number_literal();
        }
        if rest.starts_with("map[") {
            self.pos += "map[".len();
            self.space();
            let inner = self.ty()?;
            self.space();
            if !self.punct(']') {
                return self.error(format!(
                    "expected `]` to close `map[`, found {}",
                    self.found()
                ));
            }
            return Ok(Ty::Map(Box::new(inner)));
        }
        self.word_type()
    }

    /// A type that starts with a word: a primitive, `true`, `false`, `array of T`,
    /// `object { … }`, or a name (`Name`, `Name object { … }`).
    fn word_type(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        let word_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = rest.get(..word_len).unwrap_or_default();
        let primitive = word.parse::<Primitive>().ok().filter(|p| p.is_json());
        let simple = match word {
            _ if primitive.is_some() => primitive.map(Ty::Primitive),
            "true" => Some(Ty::Literals {
                values: vec![Value::Bool(true)],
                more: 0,
            }),
            "false" => Some(Ty::Literals {
                values: vec![Value::Bool(false)],
                more: 0,
            }),
            _ => None,
        };
        if let Some(ty) = simple {
            self.pos += word_len;
            return Ok(ty);
        }
        if word == "array" {
            let start = self.pos;
            self.pos += word_len;
            if self.space() && self.keyword("of") && self.space() {
                return Ok(Ty::Array(Box::new(self.ty()?)));
            }
            self.pos = start;
            return self.error(format!("expected `array of TYPE`, found {}", self.found()));
        }
        if word == "object" {
            self.pos += word_len;
            self.space();
            return self.members(None);
        }
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            self.pos += word_len;
            let before = self.pos;
            self.space();
            if self.keyword("object") {
                self.space();
                return self.members(Some(word.to_owned()));
            }
            if self.rest().starts_with('{') {
                return self.members(Some(word.to_owned()));
            }
            self.pos = before;
            return Ok(Ty::Named(word.to_owned()));
        }
        self.error(format!(
            "expected a type (string, number, boolean, unknown, array of T, map[T], \
             object {{ … }}, a quoted literal, true, false or a type name), found {}",
            self.found()
        ))
    }

    /// `{ a, b, 3 more }`, at the `{`.
    fn members(&mut self, name: Option<String>) -> Result<Ty, SpanError> {
        if !self.punct('{') {
            return self.error(format!(
                "expected `{{` to list members, found {}",
                self.found()
            ));
        }
        let mut announced = Vec::new();
        let mut more = 0;
        self.space();
        if self.punct('}') {
            return Ok(Ty::Object {
                name,
                announced,
                more,
            });
        }
        loop {
            self.space();
            if let Some(count) = self.more()? {
                more = count;
                self.space();
                if self.punct('}') {
                    break;
                }
                return self.error(format!(
                    "expected `}}` after `{count} more`, found {}",
                    self.found()
                ));
            }
            let rest = self.rest();
            let (name, len) = field_name(rest);
            if name.is_empty() {
                return self.error(format!("expected a member name, found {}", self.found()));
            }
            announced.push(name.to_owned());
            self.pos += len;
            self.space();
            if self.punct(',') {
                continue;
            }
            if self.punct('}') {
                break;
            }
            return self.error(format!(
                "expected `,` or `}}` after a member name, found {}",
                self.found()
            ));
        }
        Ok(Ty::Object {
            name,
            announced,
            more,
        })
    }

    fn string_literal(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        let mut escaped = false;
        let mut end = None;
        for (i, c) in rest.char_indices().skip(1) {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i + 1);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            return self.error("expected a closing `\"` for the quoted value");
        };
        let quoted = rest.get(..end).unwrap_or_default();
        match serde_json::from_str::<String>(quoted) {
            Ok(value) => {
                self.pos += end;
                Ok(Ty::Literals {
                    values: vec![Value::String(value)],
                    more: 0,
                })
            }
            Err(e) => self.error(format!("expected a quoted value ({e})")),
        }
    }

    fn number_literal(&mut self) -> Result<Ty, SpanError> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E')))
            .unwrap_or(rest.len());
        let text = rest.get(..len).unwrap_or_default();
        match serde_json::from_str::<serde_json::Number>(text) {
            Ok(number) => {
                self.pos += len;
                Ok(Ty::Literals {
                    values: vec![Value::Number(number)],
                    more: 0,
                })
            }
            Err(_) => self.error(format!("expected a number, found `{text}`")),
        }
    }
}
