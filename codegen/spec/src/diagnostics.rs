//! Errors in a spec: each names the file, line, column and JSON path of the mistake.

use std::fmt;

use std::sync::Arc;

/// A 1-based line and column (in characters) in a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    /// The start of a file.
    pub const fn start() -> Self {
        Self { line: 1, column: 1 }
    }
}

/// One step of a [`JsonPath`]: an object's member or an array's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep<'p> {
    Key(&'p str),
    Index(usize),
}

/// A JSON path such as `operations[2].path_params[0].type`.
///
/// A persistent linked list (shared between threads, as files load in parallel), so
/// that every node of a spec can keep its path for later
/// diagnostics without copying its parents' segments.
#[derive(Clone, Default)]
pub struct JsonPath(Option<Arc<PathNode>>);

struct PathNode {
    parent: JsonPath,
    segment: Segment,
}

enum Segment {
    Key(Box<str>),
    Index(usize),
}

impl JsonPath {
    pub fn root() -> Self {
        Self(None)
    }

    pub fn key(&self, key: &str) -> Self {
        self.push(Segment::Key(key.into()))
    }

    pub fn index(&self, index: usize) -> Self {
        self.push(Segment::Index(index))
    }

    /// The path's steps from the root: keys and array indices.
    pub fn steps(&self) -> Vec<PathStep<'_>> {
        self.segments()
            .into_iter()
            .map(|segment| match segment {
                Segment::Key(key) => PathStep::Key(key),
                Segment::Index(index) => PathStep::Index(*index),
            })
            .collect()
    }

    fn push(&self, segment: Segment) -> Self {
        Self(Some(Arc::new(PathNode {
            parent: self.clone(),
            segment,
        })))
    }

    fn segments(&self) -> Vec<&Segment> {
        let mut segments = Vec::new();
        let mut node = &self.0;
        while let Some(current) = node {
            segments.push(&current.segment);
            node = &current.parent.0;
        }
        segments.reverse();
        segments
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let segments = self.segments();
        if segments.is_empty() {
            return f.write_str("(root)");
        }
        for (i, segment) in segments.into_iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => write!(f, "[{}]", serde_json::Value::from(&**key))?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonPath({self})")
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// Where a value of the spec was written.
#[derive(Clone, Debug)]
pub struct Loc {
    pub file: Arc<str>,
    pub pos: Pos,
    pub path: JsonPath,
}

impl Loc {
    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: self.file.to_string(),
            pos: self.pos,
            path: self.path.to_string(),
            message: message.into(),
        }
    }
}

/// `file:line:column`, for pointing from one diagnostic to another place.
pub fn at(loc: &Loc) -> String {
    format!("{}:{}:{}", loc.file, loc.pos.line, loc.pos.column)
}

/// One mistake in the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    pub pos: Pos,
    pub path: String,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            file,
            pos,
            path,
            message,
        } = self;
        if path.is_empty() {
            write!(f, "{file}:{}:{}: {message}", pos.line, pos.column)
        } else {
            write!(f, "{file}:{}:{} at {path}: {message}", pos.line, pos.column)
        }
    }
}

/// Every mistake found in one pass over the spec, in file and position order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort();
        diagnostics.dedup();
        Self(diagnostics)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics; the pipeline stops after a stage that found any.
#[derive(Debug, Default)]
pub struct Sink(Vec<Diagnostic>);

impl Sink {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn error(&mut self, loc: &Loc, message: impl Into<String>) {
        self.0.push(loc.error(message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Takes the diagnostics of another sink.
    pub fn extend(&mut self, other: Sink) {
        self.0.extend(other.0);
    }

    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Diagnostics::new(self.0))
        }
    }
}

/// ` (did you mean "x"?)` for the closest candidate within a small edit distance.
pub fn suggestion<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| format!(" (did you mean \"{candidate}\"?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            suggestion("strng", ["string", "integer"]),
            " (did you mean \"string\"?)"
        );
        assert_eq!(suggestion("xyz", ["string", "integer"]), "");
    }

    #[test]
    fn paths_print_like_accessors() {
        let path = JsonPath::root()
            .key("operations")
            .index(2)
            .key("path_params")
            .index(0)
            .key("type");
        assert_eq!(path.to_string(), "operations[2].path_params[0].type");
        let odd = JsonPath::root().key("headers").key("Content-Type");
        assert_eq!(odd.to_string(), "headers[\"Content-Type\"]");
        assert_eq!(JsonPath::root().to_string(), "(root)");
    }
}
