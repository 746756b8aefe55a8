//! One item of the record, typed: what a line of `api.txt` says after its key. The
//! record builds items, [`fmt::Display`] writes them as `api.txt` holds them, and
//! [`FromStr`] reads them back, so that the classification compares fields, not words.
//!
//! ```text
//! service CLIENT feature=NAME
//! resource API
//! operation METHOD PATH -> RESULT (STATUS) [paged|cursor] [no-token]
//! LOCATION parameter TYPE required|optional [setter=NAME] [secret]
//! body TYPE [variant-of=UNION]
//! struct [new=NAME] | enum | union | tagged-union tag="TAG" [fallback] | alias TYPE,
//!     then SIDE in=MODULE
//! field IDENT TYPE required|optional [nullable] [read-only] [flatten] [unique] [one-of]
//!     [constant=JSON]
//! value IDENT
//! variant [IDENT] TYPE
//! "paragraph" "paragraph" ...            (docs)
//! COUNT sha256:DIGEST                    (examples)
//! ```
//!
//! Rust types are written without spaces (`BTreeMap<String,Item>`); quoted text is JSON
//! and may hold anything.

use std::fmt;
use std::str::FromStr;

use codegen_spec::spec::ParamLocation;

/// What one record line says of its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Service {
        client: String,
        feature: String,
    },
    Resource {
        api: String,
    },
    Operation(OperationItem),
    Param(ParamItem),
    Body {
        ty: String,
        /// The tagged union the body is a variant of.
        variant_of: Option<String>,
    },
    Type(TypeItem),
    Field(FieldItem),
    /// An enum's value, by its wire value's key, and its variant.
    Value {
        ident: String,
    },
    /// A union's variant: a tagged union's has its identifier (the key has its tag value),
    /// an untagged union's only its type (the key has its identifier).
    Variant {
        ident: Option<String>,
        ty: String,
    },
    /// An item's documentation, by paragraph.
    Docs(Vec<String>),
    /// How many examples an operation has, and a digest of them.
    Examples {
        count: usize,
        digest: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationItem {
    pub method: String,
    pub path: String,
    pub result: String,
    pub status: u16,
    pub paging: Option<Paging>,
    /// Sent without the token.
    pub no_token: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    Page,
    Cursor,
}

impl Paging {
    fn as_str(self) -> &'static str {
        match self {
            Paging::Page => "paged",
            Paging::Cursor => "cursor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamItem {
    pub location: ParamLocation,
    pub ty: String,
    pub required: bool,
    /// The builder's setter of an optional parameter.
    pub setter: Option<String>,
    pub secret: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeItem {
    pub kind: TypeItemKind,
    pub side: TypeSide,
    /// The module it is generated in.
    pub module: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeItemKind {
    /// `new`'s required fields as a struct of that name, when it takes them so.
    Struct {
        new: Option<String>,
    },
    Enum,
    Union,
    Tagged {
        tag: String,
        fallback: bool,
    },
    Alias(String),
}

impl TypeItemKind {
    /// The kind's word: `struct`, `enum`, `union`, `tagged-union`, `alias`.
    pub fn name(&self) -> &'static str {
        match self {
            TypeItemKind::Struct { .. } => "struct",
            TypeItemKind::Enum => "enum",
            TypeItemKind::Union => "union",
            TypeItemKind::Tagged { .. } => "tagged-union",
            TypeItemKind::Alias(_) => "alias",
        }
    }
}

/// Which side of the wire a type is on, as users see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeSide {
    Request,
    Response,
    Both,
    Unused,
}

impl TypeSide {
    pub fn new(request: bool, response: bool) -> Self {
        match (request, response) {
            (true, true) => TypeSide::Both,
            (true, false) => TypeSide::Request,
            (false, true) => TypeSide::Response,
            (false, false) => TypeSide::Unused,
        }
    }

    pub fn in_requests(self) -> bool {
        matches!(self, TypeSide::Request | TypeSide::Both)
    }

    pub fn in_responses(self) -> bool {
        matches!(self, TypeSide::Response | TypeSide::Both)
    }

    const ALL: [(TypeSide, &'static str); 4] = [
        (TypeSide::Request, "request"),
        (TypeSide::Response, "response"),
        (TypeSide::Both, "request+response"),
        (TypeSide::Unused, "unused"),
    ];

    fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(side, _)| *side == self)
            .map_or("", |(_, name)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldItem {
    pub ident: String,
    /// The type users see: `Option<T>` for a field that may be missing.
    pub ty: String,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub flatten: bool,
    pub unique: bool,
    pub one_of: bool,
    /// The constant's JSON.
    pub constant: Option<String>,
}

impl FieldItem {
    fn flags(&self) -> [(&'static str, bool); 5] {
        [
            ("nullable", self.nullable),
            ("read-only", self.read_only),
            ("flatten", self.flatten),
            ("unique", self.unique),
            ("one-of", self.one_of),
        ]
    }
}

impl Item {
    /// The item's kind, its first word as written: `field`, `struct`, `operation`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Service { .. } => "service",
            Item::Resource { .. } => "resource",
            Item::Operation(_) => "operation",
            Item::Param(param) => param.location.as_str(),
            Item::Body { .. } => "body",
            Item::Type(def) => def.kind.name(),
            Item::Field(_) => "field",
            Item::Value { .. } => "value",
            Item::Variant { .. } => "variant",
            Item::Docs(_) => "docs",
            Item::Examples { .. } => "examples",
        }
    }
}

/// Text in double quotes with JSON escapes: one word whatever it holds.
pub fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn required_word(required: bool) -> &'static str {
    if required { "required" } else { "optional" }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Service { client, feature } => write!(f, "service {client} feature={feature}"),
            Item::Resource { api } => write!(f, "resource {api}"),
            Item::Operation(op) => {
                write!(
                    f,
                    "operation {} {} -> {} ({})",
                    op.method, op.path, op.result, op.status
                )?;
                if let Some(paging) = op.paging {
                    write!(f, " {}", paging.as_str())?;
                }
                if op.no_token {
                    f.write_str(" no-token")?;
                }
                Ok(())
            }
            Item::Param(param) => {
                write!(
                    f,
                    "{} parameter {} {}",
                    param.location.as_str(),
                    param.ty,
                    required_word(param.required)
                )?;
                if let Some(setter) = &param.setter {
                    write!(f, " setter={setter}")?;
                }
                if param.secret {
                    f.write_str(" secret")?;
                }
                Ok(())
            }
            Item::Body { ty, variant_of } => {
                write!(f, "body {ty}")?;
                match variant_of {
                    Some(union) => write!(f, " variant-of={union}"),
                    None => Ok(()),
                }
            }
            Item::Type(def) => {
                match &def.kind {
                    TypeItemKind::Struct { new: Some(new) } => write!(f, "struct new={new}")?,
                    TypeItemKind::Tagged { tag, fallback } => {
                        write!(f, "tagged-union tag={}", quoted(tag))?;
                        if *fallback {
                            f.write_str(" fallback")?;
                        }
                    }
                    TypeItemKind::Alias(target) => write!(f, "alias {target}")?,
                    other => f.write_str(other.name())?,
                }
                write!(f, " {} in={}", def.side.as_str(), def.module)
            }
            Item::Field(field) => {
                write!(
                    f,
                    "field {} {} {}",
                    field.ident,
                    field.ty,
                    required_word(field.required)
                )?;
                for (flag, set) in field.flags() {
                    if set {
                        write!(f, " {flag}")?;
                    }
                }
                match &field.constant {
                    Some(constant) => write!(f, " constant={constant}"),
                    None => Ok(()),
                }
            }
            Item::Value { ident } => write!(f, "value {ident}"),
            Item::Variant { ident, ty } => match ident {
                Some(ident) => write!(f, "variant {ident} {ty}"),
                None => write!(f, "variant {ty}"),
            },
            Item::Docs(paragraphs) => {
                let quoted: Vec<String> = paragraphs.iter().map(|p| quoted(p)).collect();
                f.write_str(&quoted.join(" "))
            }
            Item::Examples { count, digest } => write!(f, "{count} sha256:{digest}"),
        }
    }
}

impl FromStr for Item {
    type Err = String;

    /// Reads an item as [`fmt::Display`] writes it; what was expected, when it is not one.
    fn from_str(text: &str) -> Result<Self, String> {
        let words = words(text)?;
        let mut reader = Words {
            words: &words,
            at: 0,
        };
        let item = reader.item()?;
        match reader.words.get(reader.at) {
            None => Ok(item),
            Some(extra) => Err(format!("unexpected `{extra}` after the item")),
        }
    }
}

/// The words of an item: runs of non-spaces, where a quoted part (`"a b"`, JSON with its
/// escapes) is part of its word whatever it holds.
fn words(text: &str) -> Result<Vec<&str>, String> {
    let mut words = Vec::new();
    let mut start = None;
    let mut in_quotes = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ' ' if !in_quotes => {
                if let Some(s) = start.take() {
                    words.push(&text[s..i]);
                }
                continue;
            }
            _ => {}
        }
        start.get_or_insert(i);
    }
    if in_quotes {
        return Err("a quoted text is not closed".to_owned());
    }
    words.extend(start.map(|s| &text[s..]));
    Ok(words)
}

/// A reader of an item's words in order.
struct Words<'w> {
    words: &'w [&'w str],
    at: usize,
}

impl<'w> Words<'w> {
    fn next(&mut self, what: &str) -> Result<&'w str, String> {
        let word = self
            .words
            .get(self.at)
            .ok_or_else(|| format!("expected {what}, found the end"))?;
        self.at += 1;
        Ok(word)
    }

    fn expect(&mut self, word: &str) -> Result<(), String> {
        match self.next(&format!("`{word}`"))? {
            found if found == word => Ok(()),
            found => Err(format!("expected `{word}`, found `{found}`")),
        }
    }

    /// Takes `word` if it is next.
    fn flag(&mut self, word: &str) -> bool {
        let there = self.words.get(self.at) == Some(&word);
        self.at += usize::from(there);
        there
    }

    /// Takes `name=VALUE` if it is next: its value.
    fn attribute(&mut self, name: &str) -> Option<&'w str> {
        let value = self
            .words
            .get(self.at)?
            .strip_prefix(name)?
            .strip_prefix('=')?;
        self.at += 1;
        Some(value)
    }

    fn required(&mut self) -> Result<bool, String> {
        match self.next("`required` or `optional`")? {
            "required" => Ok(true),
            "optional" => Ok(false),
            other => Err(format!(
                "expected `required` or `optional`, found `{other}`"
            )),
        }
    }

    fn owned(&mut self, what: &str) -> Result<String, String> {
        self.next(what).map(str::to_owned)
    }

    fn item(&mut self) -> Result<Item, String> {
        let first = *self
            .words
            .first()
            .ok_or("expected an item, found nothing")?;
        if first.starts_with('"') {
            return self.docs();
        }
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            return self.examples();
        }
        self.at = 1;
        Ok(match first {
            "service" => Item::Service {
                client: self.owned("the client's name")?,
                feature: self
                    .attribute("feature")
                    .ok_or("expected `feature=NAME`")?
                    .to_owned(),
            },
            "resource" => Item::Resource {
                api: self.owned("the resource's API name")?,
            },
            "operation" => Item::Operation(self.operation()?),
            "body" => Item::Body {
                ty: self.owned("the body's type")?,
                variant_of: self.attribute("variant-of").map(str::to_owned),
            },
            "field" => Item::Field(self.field()?),
            "value" => Item::Value {
                ident: self.owned("the value's variant")?,
            },
            "variant" => {
                let first = self.owned("the variant")?;
                match self.words.get(self.at) {
                    Some(ty) => {
                        self.at += 1;
                        Item::Variant {
                            ident: Some(first),
                            ty: (*ty).to_owned(),
                        }
                    }
                    None => Item::Variant {
                        ident: None,
                        ty: first,
                    },
                }
            }
            location => match ParamLocation::ALL
                .into_iter()
                .find(|l| l.as_str() == location)
            {
                Some(location) => Item::Param(self.param(location)?),
                None => Item::Type(self.type_item(first)?),
            },
        })
    }

    fn docs(&mut self) -> Result<Item, String> {
        let paragraphs = self
            .words
            .iter()
            .map(|word| {
                serde_json::from_str::<String>(word)
                    .map_err(|_| format!("expected a quoted paragraph, found `{word}`"))
            })
            .collect::<Result<_, _>>()?;
        self.at = self.words.len();
        Ok(Item::Docs(paragraphs))
    }

    fn examples(&mut self) -> Result<Item, String> {
        let count = self.next("a count")?;
        let count = count
            .parse()
            .map_err(|_| format!("expected a count of examples, found `{count}`"))?;
        let digest = self.next("`sha256:DIGEST`")?;
        let digest = digest
            .strip_prefix("sha256:")
            .ok_or_else(|| format!("expected `sha256:DIGEST`, found `{digest}`"))?;
        Ok(Item::Examples {
            count,
            digest: digest.to_owned(),
        })
    }

    fn operation(&mut self) -> Result<OperationItem, String> {
        let method = self.owned("the method")?;
        let path = self.owned("the path")?;
        self.expect("->")?;
        let result = self.owned("the result type")?;
        let status = self.next("`(STATUS)`")?;
        let status = status
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("expected `(STATUS)`, found `{status}`"))?;
        let paging = if self.flag("paged") {
            Some(Paging::Page)
        } else if self.flag("cursor") {
            Some(Paging::Cursor)
        } else {
            None
        };
        Ok(OperationItem {
            method,
            path,
            result,
            status,
            paging,
            no_token: self.flag("no-token"),
        })
    }

    fn param(&mut self, location: ParamLocation) -> Result<ParamItem, String> {
        self.expect("parameter")?;
        Ok(ParamItem {
            location,
            ty: self.owned("the parameter's type")?,
            required: self.required()?,
            setter: self.attribute("setter").map(str::to_owned),
            secret: self.flag("secret"),
        })
    }

    fn type_item(&mut self, kind: &str) -> Result<TypeItem, String> {
        let kind = match kind {
            "struct" => TypeItemKind::Struct {
                new: self.attribute("new").map(str::to_owned),
            },
            "enum" => TypeItemKind::Enum,
            "union" => TypeItemKind::Union,
            "tagged-union" => {
                let tag = self.attribute("tag").ok_or("expected `tag=\"TAG\"`")?;
                TypeItemKind::Tagged {
                    tag: serde_json::from_str(tag)
                        .map_err(|_| format!("expected a quoted tag, found `{tag}`"))?,
                    fallback: self.flag("fallback"),
                }
            }
            "alias" => TypeItemKind::Alias(self.owned("the alias's target")?),
            other => return Err(format!("expected an item's kind, found `{other}`")),
        };
        let side = self.next("the type's side")?;
        let side = TypeSide::ALL
            .iter()
            .find(|(_, name)| *name == side)
            .map(|(side, _)| *side)
            .ok_or_else(|| format!("expected the type's side, found `{side}`"))?;
        let module = self.attribute("in").ok_or("expected `in=MODULE`")?;
        Ok(TypeItem {
            kind,
            side,
            module: module.to_owned(),
        })
    }

    fn field(&mut self) -> Result<FieldItem, String> {
        // Fields are read in the order written, as the flags are printed.
        Ok(FieldItem {
            ident: self.owned("the field's identifier")?,
            ty: self.owned("the field's type")?,
            required: self.required()?,
            nullable: self.flag("nullable"),
            read_only: self.flag("read-only"),
            flatten: self.flag("flatten"),
            unique: self.flag("unique"),
            one_of: self.flag("one-of"),
            constant: self.attribute("constant").map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests;
