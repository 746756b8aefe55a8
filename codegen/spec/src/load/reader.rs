//! Reading typed values out of spanned JSON, collecting every mismatch as a diagnostic.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, JsonPath, Loc, Sink, suggestion};
use crate::json::{Member, Node, Value, describe};
use crate::naming::{is_snake_case, is_type_name};
use crate::spec::Spanned;

/// The file being read and where its diagnostics go.
#[derive(Debug)]
pub struct Reader<'s> {
    pub file: Arc<str>,
    pub sink: &'s mut Sink,
}

impl Reader<'_> {
    pub fn loc(&self, node: &Node, path: &JsonPath) -> Loc {
        Loc {
            file: self.file.clone(),
            pos: node.pos,
            path: path.clone(),
        }
    }

    pub fn error(&mut self, node: &Node, path: &JsonPath, message: impl Into<String>) {
        let loc = self.loc(node, path);
        self.sink.error(&loc, message);
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.sink.push(diagnostic);
    }

    /// Opens `node` as an object whose keys are checked against `allowed` when it is
    /// closed.
    pub fn object<'n>(
        &mut self,
        node: &'n Node,
        path: &JsonPath,
        what: &str,
    ) -> Option<ObjectReader<'n>> {
        match &node.value {
            Value::Object(members) => {
                self.check_duplicates(members, path);
                Some(ObjectReader {
                    node,
                    members,
                    path: path.clone(),
                    taken: vec![false; members.len()],
                    asked: Vec::new(),
                })
            }
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected {what} (an object), found {}", node.kind()),
                );
                None
            }
        }
    }

    /// Reports keys written twice in one object; JSON leaves their meaning open.
    pub fn check_duplicates(&mut self, members: &[Member], path: &JsonPath) {
        for (i, member) in members.iter().enumerate() {
            if let Some(first) = members[..i].iter().find(|m| m.key == member.key) {
                let loc = member.key_loc(&self.file, path.key(&member.key));
                self.push(loc.error(format!(
                    "duplicate key \"{}\" (first written at line {}, column {})",
                    member.key, first.key_pos.line, first.key_pos.column
                )));
            }
        }
    }

    /// Reports duplicate keys anywhere inside a JSON value that is kept as written
    /// (examples, constants).
    pub fn check_duplicates_deep(&mut self, node: &Node, path: &JsonPath) {
        match &node.value {
            Value::Object(members) => {
                self.check_duplicates(members, path);
                for member in members {
                    self.check_duplicates_deep(&member.value, &path.key(&member.key));
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check_duplicates_deep(item, &path.index(i));
                }
            }
            _ => {}
        }
    }

    pub fn string(&mut self, node: &Node, path: &JsonPath) -> Option<Spanned<String>> {
        match &node.value {
            Value::String(s) => Some(Spanned {
                value: s.clone(),
                loc: self.loc(node, path),
            }),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected a string, found {}", node.kind()),
                );
                None
            }
        }
    }

    pub fn bool(&mut self, node: &Node, path: &JsonPath) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected true or false, found {}", node.kind()),
                );
                None
            }
        }
    }

    pub fn u16(
        &mut self,
        node: &Node,
        path: &JsonPath,
        range: std::ops::RangeInclusive<u16>,
    ) -> Option<Spanned<u16>> {
        let value = match &node.value {
            Value::Number(n) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
            _ => None,
        };
        match value {
            Some(v) if range.contains(&v) => Some(Spanned {
                value: v,
                loc: self.loc(node, path),
            }),
            _ => {
                self.error(
                    node,
                    path,
                    format!(
                        "expected an integer from {} to {}, found {}",
                        range.start(),
                        range.end(),
                        describe(node)
                    ),
                );
                None
            }
        }
    }

    /// A string that must be one of `choices`.
    pub fn choice<T: Copy>(
        &mut self,
        node: &Node,
        path: &JsonPath,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let s = self.string(node, path)?;
        if let Some((_, value)) = choices.iter().find(|(name, _)| *name == s.value) {
            return Some(*value);
        }
        let names: Vec<&str> = choices.iter().map(|(name, _)| *name).collect();
        self.error(
            node,
            path,
            format!(
                "unknown value \"{}\"; expected one of {}{}",
                s.value,
                names.join(", "),
                suggestion(&s.value, names.iter().copied())
            ),
        );
        None
    }

    pub fn array<'n>(&mut self, node: &'n Node, path: &JsonPath) -> Option<&'n [Node]> {
        match &node.value {
            Value::Array(items) => Some(items),
            _ => {
                self.error(
                    node,
                    path,
                    format!("expected an array, found {}", node.kind()),
                );
                None
            }
        }
    }

    /// An array of strings.
    pub fn strings(&mut self, node: &Node, path: &JsonPath) -> Vec<Spanned<String>> {
        let Some(items) = self.array(node, path) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| self.string(item, &path.index(i)))
            .collect()
    }

    /// An identifier in snake_case, as resource names, operation ids and service names are.
    pub fn snake_name(
        &mut self,
        node: &Node,
        path: &JsonPath,
        what: &str,
    ) -> Option<Spanned<String>> {
        self.name_in_case(node, path, is_snake_case, |name| {
            format!(
                "{what} \"{name}\" is not snake_case (lowercase letters, digits and '_', starting with a letter)"
            )
        })
    }

    /// A type name in UpperCamelCase.
    pub fn type_name(&mut self, node: &Node, path: &JsonPath) -> Option<Spanned<String>> {
        self.name_in_case(node, path, is_type_name, |name| {
            format!(
                "type name \"{name}\" is not UpperCamelCase (an uppercase letter, then letters and digits)"
            )
        })
    }

    /// A string that `in_case` accepts, or the error `problem` describes.
    fn name_in_case(
        &mut self,
        node: &Node,
        path: &JsonPath,
        in_case: fn(&str) -> bool,
        problem: impl FnOnce(&str) -> String,
    ) -> Option<Spanned<String>> {
        let name = self.string(node, path)?;
        if in_case(&name.value) {
            return Some(name);
        }
        self.error(node, path, problem(&name.value));
        None
    }
}

/// An object being read: each key is taken at most once; `finish` reports the rest,
/// naming the keys that were asked for as the ones expected.
#[derive(Debug)]
pub struct ObjectReader<'n> {
    pub node: &'n Node,
    members: &'n [Member],
    pub path: JsonPath,
    taken: Vec<bool>,
    /// Every key asked for, present or not, in the order asked: the keys this object
    /// may have where it is read.
    asked: Vec<&'static str>,
}

impl<'n> ObjectReader<'n> {
    /// The member `key`, if present.
    pub fn get(&mut self, key: &'static str) -> Option<(&'n Node, JsonPath)> {
        if !self.asked.contains(&key) {
            self.asked.push(key);
        }
        let index = self.members.iter().position(|m| m.key == key)?;
        // A repeated key is reported as a duplicate, not again as unknown.
        for (member, taken) in self.members.iter().zip(self.taken.iter_mut()) {
            if member.key == key {
                *taken = true;
            }
        }
        Some((&self.members[index].value, self.path.key(key)))
    }

    /// The member `key`, reporting its absence.
    pub fn require(
        &mut self,
        r: &mut Reader<'_>,
        key: &'static str,
        what: &str,
    ) -> Option<(&'n Node, JsonPath)> {
        let found = self.get(key);
        if found.is_none() {
            r.error(
                self.node,
                &self.path,
                format!("missing required key \"{key}\" ({what})"),
            );
        }
        found
    }

    /// Every member not taken yet, as `(key, key position, value)`; takes them.
    pub fn rest(&mut self) -> Vec<&'n Member> {
        let mut rest = Vec::new();
        for (member, taken) in self.members.iter().zip(self.taken.iter_mut()) {
            if !*taken {
                *taken = true;
                rest.push(member);
            }
        }
        rest
    }

    /// Reports every key that was not read: it is not part of the format here.
    pub fn finish(self, r: &mut Reader<'_>) {
        let allowed = &self.asked;
        for (member, taken) in self.members.iter().zip(&self.taken) {
            if *taken {
                continue;
            }
            let loc = member.key_loc(&r.file, self.path.key(&member.key));
            r.push(loc.error(format!(
                "unknown key \"{}\"; expected one of {}{}",
                member.key,
                allowed.join(", "),
                suggestion(&member.key, allowed.iter().copied())
            )));
        }
    }
}
