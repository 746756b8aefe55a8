//! The field lines of Buddy's action pages and the type words of both Buddy layouts.
//!
//! An action page writes a field as its name, its flags and its type with nothing
//! between them: `workspacerequiredstring`, `urlread-onlystring`,
//! `typerequiredstring enum`, `trigger_conditionsTriggerConditionView[]`. The type and the
//! flags are read from the end, as they are the part with a closed vocabulary; what is left
//! is the name (or, where lines run together, a description with the name at its end).

use crate::pages::model::{EnumValue, PageObject, PageType};
use crate::pages::source::PageText;

/// The type words of the action layout, longest first where one ends another.
const TYPE_WORDS: [(&str, BaseType); 8] = [
    ("string enum", BaseType::Enum),
    ("integer enum", BaseType::Enum),
    ("number enum", BaseType::Enum),
    ("string", BaseType::Plain(Plain::String)),
    ("integer", BaseType::Plain(Plain::Integer)),
    ("number", BaseType::Plain(Plain::Number)),
    ("boolean", BaseType::Plain(Plain::Boolean)),
    ("object", BaseType::Plain(Plain::Object)),
];

/// The type words of the legacy layout's tables (`StringThe workspace domain.`).
const LEGACY_TYPE_WORDS: [(&str, Plain); 9] = [
    ("String", Plain::String),
    ("Integer", Plain::Integer),
    ("Long", Plain::Integer),
    ("Boolean", Plain::Boolean),
    ("Number", Plain::Number),
    ("Float", Plain::Number),
    ("Double", Plain::Number),
    ("Object", Plain::Object),
    ("Array", Plain::Array),
];

/// The type words, for messages.
pub const TYPE_WORDS_HELP: &str =
    "string, integer, number, boolean, object, string enum, a CamelCase name, each maybe with []";
pub const LEGACY_TYPE_WORDS_HELP: &str =
    "String, Integer, Long, Boolean, Number, Float, Double, Object or Array";

#[derive(Debug, Clone, Copy, PartialEq)]
enum BaseType {
    Plain(Plain),
    Enum,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Plain {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
}

impl Plain {
    fn page_type(self) -> PageType {
        match self {
            Plain::String => PageType::String,
            Plain::Integer => PageType::Integer,
            Plain::Number => PageType::Number,
            Plain::Boolean => PageType::Boolean,
            Plain::Object => PageType::Object(PageObject {
                name: None,
                announced: Vec::new(),
                announced_count: None,
                fields: Vec::new(),
            }),
            Plain::Array => PageType::Array(Box::new(PageType::Unknown)),
        }
    }
}

/// The end of a field line: its flags and type. `before` is what precedes the flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Tail<'t> {
    /// The name, or on run-together lines a description with the name at its end.
    pub before: &'t str,
    pub required: bool,
    pub read_only: bool,
    /// The type as written (`string enum`, `TriggerConditionView[]`).
    pub type_text: &'t str,
    pub ty: PageType,
}

/// Reads the flags and type at the end of `text`; `None` when it does not end with a type
/// word, or nothing precedes the type.
pub fn read_tail(text: &str) -> Option<Tail<'_>> {
    let (before_type, mut ty) = split_type(text)?;
    let type_text = text.get(before_type.len()..)?;
    let (before, required, read_only) = split_flags(before_type);
    if before.is_empty() {
        return None;
    }
    if let PageType::Enum(_) = ty {
        ty = PageType::Enum(Vec::new());
    }
    Some(Tail {
        before,
        required,
        read_only,
        type_text,
        ty,
    })
}

/// A whole line that is a field line: its name, when what precedes the flags is one.
pub fn read_field_line(line: &str) -> Option<Tail<'_>> {
    read_tail(line).filter(|tail| is_name(tail.before))
}

/// Whether `text` is a field name: snake_case, starting with a letter.
pub fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(is_name_char)
}

pub fn is_name_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'
}

/// Splits the type off the end: `(text before it, type)`. Arrays (`[]`) wrap the base type.
fn split_type(text: &str) -> Option<(&str, PageType)> {
    let mut core = text;
    let mut depth = 0;
    while let Some(inner) = core.strip_suffix("[]") {
        core = inner;
        depth += 1;
    }
    let (before, mut ty) = split_base_type(core)?;
    if before.is_empty() {
        return None;
    }
    for _ in 0..depth {
        ty = PageType::Array(Box::new(ty));
    }
    Some((before, ty))
}

fn split_base_type(core: &str) -> Option<(&str, PageType)> {
    for (word, base) in TYPE_WORDS {
        if let Some(before) = core.strip_suffix(word) {
            let ty = match base {
                BaseType::Plain(plain) => plain.page_type(),
                BaseType::Enum => PageType::Enum(Vec::new()),
            };
            return Some((before, ty));
        }
    }
    let start = camel_case_start(core)?;
    let (before, name) = (core.get(..start)?, core.get(start..)?);
    Some((before, PageType::Named(name.to_owned())))
}

/// Where a CamelCase type name glued to the end of `text` starts: at the first capital
/// of the trailing run of letters and digits that follows a lowercase letter or digit,
/// unless what precedes it in the run is one capitalised word (`GitHub` is a word, not
/// `Git` and a type `Hub`). The name must have a lowercase letter (`AWS` is no type name).
fn camel_case_start(text: &str) -> Option<usize> {
    let run_start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let run = text.get(run_start..)?;
    let bytes = run.as_bytes();
    (1..bytes.len()).find_map(|i| {
        let (prev, c) = (*bytes.get(i - 1)?, *bytes.get(i)?);
        let starts_type =
            c.is_ascii_uppercase() && (prev.is_ascii_lowercase() || prev.is_ascii_digit());
        let head = run.get(..i)?;
        let tail = run.get(i..)?;
        let head_is_one_word = head.chars().next().is_some_and(|h| h.is_ascii_uppercase())
            && head.chars().skip(1).all(|h| !h.is_ascii_uppercase());
        (starts_type && !head_is_one_word && tail.chars().any(|t| t.is_ascii_lowercase()))
            .then_some(run_start + i)
    })
}

/// Strips `required` and `read-only` (each once, in any order) off the end, keeping them
/// only where what is left still ends like a name (`is_requiredboolean` is a field
/// `is_required`, not `is_` marked required).
fn split_flags(text: &str) -> (&str, bool, bool) {
    let (mut rest, mut required, mut read_only) = (text, false, false);
    loop {
        let ends_like_name = |s: &str| s.ends_with(|c: char| c.is_ascii_alphanumeric());
        if !required && let Some(s) = rest.strip_suffix("required").filter(|s| ends_like_name(s)) {
            rest = s;
            required = true;
        } else if !read_only
            && let Some(s) = rest.strip_suffix("read-only").filter(|s| ends_like_name(s))
        {
            rest = s;
            read_only = true;
        } else {
            return (rest, required, read_only);
        }
    }
}

/// A type glued to the front of a legacy table's description (`StringThe workspace
/// domain.`): `(type word, PageType, description)`.
pub fn read_legacy_type(text: &str) -> Option<(&str, PageType, &str)> {
    LEGACY_TYPE_WORDS.iter().find_map(|(word, plain)| {
        let rest = text.strip_prefix(word)?;
        // `Stringly …` is no type word: the description starts with a capital, a space or
        // a non-letter, or there is none.
        let next = rest.chars().next();
        let boundary = next.is_none_or(|c| !c.is_ascii_lowercase());
        boundary.then(|| (*word, plain.page_type(), rest.trim()))
    })
}

/// The type with `values` as its allowed values: the innermost enum of the type (or the
/// type itself, when the page lists values for a type it does not call an enum).
pub fn with_enum_values(ty: PageType, values: Vec<EnumValue>) -> PageType {
    match ty {
        PageType::Array(inner) => PageType::Array(Box::new(with_enum_values(*inner, values))),
        _ => PageType::Enum(values),
    }
}

/// Enum values written one a line with trailing commas, or on one line separated by
/// commas. `lines` are slices of the page. Numbers stay strings unless the type is a
/// number type. A mistake comes with the slice it is at.
pub fn enum_values<'t>(
    page: &PageText<'_>,
    lines: &[&'t str],
    numeric: bool,
) -> Result<Vec<EnumValue>, (&'t str, String)> {
    let mut values = Vec::new();
    for line in lines {
        for part in line.split(',') {
            let value = part.trim();
            if value.is_empty() {
                continue;
            }
            if value.contains(char::is_whitespace) {
                let message = format!("expected enum values separated by commas, found `{value}`");
                return Err((value, message));
            }
            let json = if numeric {
                serde_json::from_str::<serde_json::Number>(value)
                    .map_or_else(|_| value.into(), serde_json::Value::Number)
            } else {
                value.into()
            };
            values.push(EnumValue {
                value: json,
                pos: page.pos_of(value),
                description: None,
            });
        }
    }
    match (values.is_empty(), lines.first()) {
        (true, Some(first)) => Err((
            first,
            "expected the allowed values after `Allowed enum:`".to_owned(),
        )),
        _ => Ok(values),
    }
}

/// The JSON scalar at the start of `text` (`"my-company"`, `123`, `true`) and the rest:
/// for an `Example:` value with the next field line glued to it.
pub fn split_scalar(text: &str) -> Option<(&str, &str)> {
    let end = if text.starts_with('"') {
        quoted_end(text)?
    } else if let Some(word) = ["true", "false", "null"]
        .into_iter()
        .find(|word| text.starts_with(word))
    {
        word.len()
    } else {
        number_end(text)?
    };
    Some((text.get(..end)?, text.get(end..)?))
}

fn quoted_end(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The end of a JSON number at the start of `text`: `-?digits(.digits)?([eE][+-]?digits)?`.
fn number_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits_from = |mut i: usize| {
        let start = i;
        while bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let mut end = digits_from(usize::from(bytes.first() == Some(&b'-')))?;
    if bytes.get(end) == Some(&b'.')
        && let Some(after) = digits_from(end + 1)
    {
        end = after;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        if let Some(after) = digits_from(end + 1 + sign) {
            end = after;
        }
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field line as `name flags… : type text`, to compare with one string.
    fn field(line: &str) -> String {
        let tail = read_field_line(line).unwrap_or_else(|| panic!("no field line: {line}"));
        let required = if tail.required { " required" } else { "" };
        let read_only = if tail.read_only { " read-only" } else { "" };
        format!("{}{required}{read_only}: {}", tail.before, tail.type_text)
    }

    fn ty(line: &str) -> Option<PageType> {
        read_field_line(line).map(|tail| tail.ty)
    }

    #[test]
    fn field_lines() {
        let cases = [
            ("workspacerequiredstring", "workspace required: string"),
            ("urlread-onlystring", "url read-only: string"),
            (
                "idread-onlyrequiredinteger",
                "id required read-only: integer",
            ),
            ("typerequiredstring enum", "type required: string enum"),
            (
                "trigger_conditionsTriggerConditionView[]",
                "trigger_conditions: TriggerConditionView[]",
            ),
            ("loopstring[]", "loop: string[]"),
            (
                "integrationrequiredAmazonIntegrationRef",
                "integration required: AmazonIntegrationRef",
            ),
            ("pipelineShortPipelineView", "pipeline: ShortPipelineView"),
            ("is_requiredboolean", "is_required: boolean"),
            ("requiredstring", "required: string"),
            ("s3BucketRef", "s3: BucketRef"),
            ("countnumber", "count: number"),
            ("metaobject", "meta: object"),
        ];
        for (line, expected) in cases {
            assert_eq!(field(line), expected, "{line}");
        }
        let named = |name: &str| PageType::Named(name.to_owned());
        let array = |ty| PageType::Array(Box::new(ty));
        assert_eq!(ty("typerequiredstring enum"), Some(PageType::Enum(vec![])));
        assert_eq!(ty("loopstring[][]"), Some(array(array(PageType::String))));
        assert_eq!(
            ty("xTriggerConditionView[]"),
            Some(array(named("TriggerConditionView")))
        );
        assert_eq!(ty("idinteger"), Some(PageType::Integer));
        assert_eq!(ty("okboolean"), Some(PageType::Boolean));
        assert_eq!(ty("countnumber"), Some(PageType::Number));
    }

    #[test]
    fn not_field_lines() {
        for line in [
            "CLOUD_FRONT",
            "ON_TERMINATE,",
            "1x2,",
            "CloudFront",
            "string",
            "Amazon integration (AMAZON)",
            "The ID of the CloudFront web distribution",
            "timeoutfloat",
            "The name of the action",
            "",
            "[]",
            "Request",
        ] {
            assert!(read_field_line(line).is_none(), "{line}");
        }
        // A capitalised word is not a name glued to a type.
        assert!(read_tail("Pushes to GitHub").is_none());
        assert!(read_tail("Runs on AWS").is_none());
    }

    #[test]
    fn legacy_types() {
        assert_eq!(
            read_legacy_type("StringThe workspace domain."),
            Some(("String", PageType::String, "The workspace domain."))
        );
        assert_eq!(
            read_legacy_type("Boolean"),
            Some(("Boolean", PageType::Boolean, ""))
        );
        assert_eq!(read_legacy_type("Stringly typed"), None);
        assert_eq!(read_legacy_type("StrngThe workspace"), None);
    }

    #[test]
    fn scalars() {
        assert_eq!(
            split_scalar("\"my-company\"rest"),
            Some(("\"my-company\"", "rest"))
        );
        assert_eq!(split_scalar("\"a\\\"b\""), Some(("\"a\\\"b\"", "")));
        assert_eq!(
            split_scalar("123project_name"),
            Some(("123", "project_name"))
        );
        assert_eq!(split_scalar("-1.5e3x"), Some(("-1.5e3", "x")));
        assert_eq!(split_scalar("123else"), Some(("123", "else")));
        assert_eq!(split_scalar("truex"), Some(("true", "x")));
        assert_eq!(split_scalar("\"open"), None);
        assert_eq!(split_scalar("word"), None);
    }

    #[test]
    fn enum_value_lines() {
        let text = "A,\nB,\nC\n1x2,2x4";
        let page = PageText::new("p", text);
        let lines: Vec<&str> = text.lines().collect();
        let values = enum_values(&page, &lines, false).unwrap_or_else(|e| panic!("{e:?}"));
        let names: Vec<_> = values.iter().map(|v| v.value.clone()).collect();
        assert_eq!(names, ["A", "B", "C", "1x2", "2x4"]);
        assert_eq!(values.get(4).map(|v| v.pos.column), Some(5));
        assert_eq!(
            enum_values(&page, &["A, b c"], false).err(),
            Some((
                "b c",
                "expected enum values separated by commas, found `b c`".to_owned()
            ))
        );
        assert!(enum_values(&page, &[","], false).is_err());
        let numbers = enum_values(&page, &["1, 2"], true).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            numbers.first().map(|v| v.value.clone()),
            Some(serde_json::json!(1))
        );
    }
}
