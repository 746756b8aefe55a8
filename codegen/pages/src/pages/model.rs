//! What a documentation page documents, as the page writes it: the one model every page
//! reader produces, whatever the page's layout.
//!
//! Nothing here is checked against the spec; `docs::check` does that. Every item keeps
//! where the page wrote it, so that a difference can be reported at its line.

use codegen_spec::diagnostics::Pos;
use codegen_spec::spec::Primitive;
use codegen_spec::spec::shape::{Shape, ShapeField};
pub use codegen_spec::spec::{BoundKind, ParamLocation};

/// A piece of the page's text and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub text: String,
    pub pos: Pos,
}

impl Text {
    pub fn new(text: impl Into<String>, pos: Pos) -> Self {
        Self {
            text: text.into(),
            pos,
        }
    }
}

/// One page, read.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page file, as messages print it.
    pub file: String,
    pub layout: Layout,
    /// The page's own title (its first heading or first line).
    pub title: Option<Text>,
    /// The page's "Last modified on …" date, as it writes it.
    pub last_modified: Option<Text>,
    pub operations: Vec<PageOperation>,
    /// Types the page defines by name (Cloudflare's "Domain Types").
    pub named_types: Vec<NamedType>,
    /// The operations a resource page lists with a link to each one's own page
    /// (Cloudflare's current layout), in the page's order.
    pub links: Vec<OperationLink>,
    /// Text the reader did not turn into anything above, and why: nothing is dropped
    /// without being listed here.
    pub skipped: Vec<Skipped>,
}

/// An operation a resource page lists and links to: its title, method and path, as the
/// operation's own page should repeat them.
#[derive(Debug, Clone)]
pub struct OperationLink {
    pub pos: Pos,
    /// The headings it sits under on the resource page, outermost first.
    pub sections: Vec<Text>,
    pub title: Text,
    /// Where the operation's own page is.
    pub url: String,
    pub method: Text,
    pub path: Text,
    /// Whether the resource page marks it `Deprecated`.
    pub deprecated: bool,
}

/// The page layouts there are readers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Layout {
    /// Buddy's action pages: a title, the method and path as bullets, `REQUIRED SCOPES`,
    /// `URL PARAMETERS`, `POST PARAMETERS` and `RESPONSE BODY` lists of
    /// `name[required][read-only]type` lines, a curl request example. Some copies run
    /// lines together.
    BuddyAction,
    /// Buddy's older layout: `Resource URL`, tables of `Name Type Description`, a request
    /// and a sample response indented with non-breaking spaces.
    BuddyLegacy,
    /// Cloudflare's API reference rendered with its whitespace collapsed to single spaces.
    CloudflareCollapsed,
    /// Cloudflare's API reference as its Markdown twin (`<page>/index.md`), in the
    /// conversion it was served in until late 2026: one page per resource, lists of
    /// code spans.
    CloudflareMarkdown,
    /// Cloudflare's API reference as its Markdown twin in its current conversion: one page
    /// per operation and one per resource, fields on lines of their own nested in
    /// `<details>` blocks, badges under them, one response example per status.
    CloudflareDetails,
}

impl Layout {
    pub const ALL: [(&'static str, Layout); 5] = [
        ("buddy_action", Layout::BuddyAction),
        ("buddy_legacy", Layout::BuddyLegacy),
        ("cloudflare_collapsed", Layout::CloudflareCollapsed),
        ("cloudflare_markdown", Layout::CloudflareMarkdown),
        ("cloudflare_details", Layout::CloudflareDetails),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, layout)| *layout == self)
            .map_or("", |(name, _)| name)
    }

    /// Whether the layout documents an operation's permissions, auth schemes and
    /// deprecation, and a value's format, bounds and deprecation (the current Cloudflare
    /// conversion): only then does `docs check` compare them.
    pub fn documents_access(self) -> bool {
        matches!(self, Layout::CloudflareDetails)
    }

    /// Whether fields are required unless marked `optional` (Cloudflare), rather than
    /// optional unless marked `required` (Buddy).
    pub fn required_by_default(self) -> bool {
        matches!(
            self,
            Layout::CloudflareCollapsed | Layout::CloudflareMarkdown | Layout::CloudflareDetails
        )
    }
}

/// Text a reader passed over, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where the skipped text starts.
    pub pos: Pos,
    /// The text, shortened to its first line or so.
    pub text: String,
    /// Why it carries nothing the model holds (navigation, a sign-up banner, …).
    pub why: String,
}

/// One documented operation.
#[derive(Debug, Clone)]
pub struct PageOperation {
    /// Where the operation starts (its heading or title).
    pub pos: Pos,
    /// The headings the operation sits under (Cloudflare's `# Triggers`; for `# Repos`
    /// then `# Connections`, both), outermost first. Empty on single-operation pages.
    pub sections: Vec<Text>,
    /// The operation's heading ("Create trigger").
    pub title: Text,
    /// The name the reference gives the operation itself, when it gives one (the current
    /// layout's page is `…/methods/<name>/index.md`: `create`, `get_latest_builds`).
    pub name: Option<String>,
    /// The HTTP method, upper case.
    pub method: Text,
    /// The path template with `{name}` placeholders; pages that write `:name` are read
    /// as `{name}`.
    pub path: Text,
    /// The paragraph under the heading.
    pub description: Option<Text>,
    /// Other prose the page attaches to the operation (a warning, a version note).
    pub notes: Vec<Text>,
    /// The token scopes the page requires.
    pub scopes: Vec<Text>,
    /// The permissions a token may have to make the call, at least one of them
    /// (Cloudflare's "Accepted Permissions").
    pub permissions: Vec<Text>,
    /// The names of the authentication schemes the page accepts for the call
    /// ("API Token", "API Email + API Key"); an empty name is the page's way of saying
    /// the call can be made without credentials. Empty when the page does not say.
    pub auth: Vec<Text>,
    /// The page's deprecation notice, when it marks the operation deprecated.
    pub deprecated: Option<Text>,
    pub params: Vec<PageParam>,
    pub body: Option<PageBody>,
    pub response: Option<PageResponse>,
    pub examples: Vec<PageExample>,
}

/// A path, query or header parameter.
#[derive(Debug, Clone)]
pub struct PageParam {
    pub place: ParamLocation,
    pub field: PageField,
}

/// A request body: the page's body parameters as one shape (an object of the listed
/// fields, or the type of Cloudflare's lone `body` parameter).
#[derive(Debug, Clone)]
pub struct PageBody {
    /// Where the body's section starts.
    pub pos: Pos,
    pub shape: PageType,
    pub description: Option<Text>,
    /// How the page says the body is sent ("JSON", "Form Data"), when it says.
    pub content_type: Option<Text>,
    /// The page calls the body itself optional (`body: optional object {…}`).
    pub optional: bool,
}

/// What a successful call returns.
#[derive(Debug, Clone)]
pub struct PageResponse {
    /// Where the response's section starts.
    pub pos: Pos,
    /// The status the page gives for success, if it gives one.
    pub status: Option<u16>,
    /// The documented body: for Cloudflare the whole envelope (`errors`, `messages`,
    /// `result`, …); `None` when the page documents no fields (only a sample).
    pub shape: Option<PageType>,
}

/// A field, or a parameter, as the page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    /// Where the field's line starts.
    pub pos: Pos,
    pub name: String,
    pub ty: PageType,
    /// The type as the page writes it (`optional "github" or "gitlab"`, `string enum`,
    /// `TriggerConditionView[]`), for messages.
    pub type_text: String,
    /// After the layout's convention: Cloudflare marks `optional`, Buddy marks `required`.
    pub required: bool,
    pub read_only: bool,
    pub nullable: bool,
    /// "Constraints: Unique items required".
    pub unique_items: bool,
    pub description: Option<Text>,
    /// The page's example value of a parameter (`Example: "my-company"`).
    pub example: Option<serde_json::Value>,
    /// What the page says about the field's values beyond its type: a format, bounds,
    /// a deprecation.
    pub badges: Badges,
}

/// The marks a page writes under a field (Cloudflare's `formatuuid`, `maxLength58`,
/// `minimum1`, `Deprecated`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Badges {
    /// `uuid`, `date-time`, `uri`, `email`, …
    pub format: Option<Text>,
    pub bounds: Vec<Bound>,
    /// The deprecation, when the field is marked deprecated: its notice, or the mark itself.
    pub deprecated: Option<Text>,
}

impl Badges {
    pub fn bound(&self, kind: BoundKind) -> Option<&Bound> {
        self.bounds.iter().find(|b| b.kind == kind)
    }
}

/// A limit on a field's values.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub kind: BoundKind,
    pub value: serde_json::Number,
    pub pos: Pos,
}

/// A type as the page writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum PageType {
    String,
    Integer,
    Number,
    Boolean,
    /// The page says `unknown`.
    Unknown,
    /// The page writes the field without a type (`bindings: optional`).
    Unstated,
    /// A list of allowed values (`"a" or "b"`, `Allowed enum: A, B`, a literal `true`).
    Enum(Vec<EnumValue>),
    Array(Box<PageType>),
    Map(Box<PageType>),
    Object(PageObject),
    /// One of several types (`number or string`, `object { sql } or object { batch }`).
    Union(Vec<UnionVariant>),
    /// A type the page names without spelling it out here (`TriggerConditionView`,
    /// `ResponseInfo`).
    Named(String),
}

impl PageType {
    /// The spec's primitive type this page type is, if it is one.
    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            PageType::String => Some(Primitive::String),
            PageType::Integer => Some(Primitive::Integer),
            PageType::Number => Some(Primitive::Number),
            PageType::Boolean => Some(Primitive::Boolean),
            PageType::Unknown => Some(Primitive::Unknown),
            _ => None,
        }
    }

    /// The page type of a spec primitive; `None` for those no page writes (bytes, files).
    pub fn from_primitive(primitive: Primitive) -> Option<PageType> {
        [
            PageType::String,
            PageType::Integer,
            PageType::Number,
            PageType::Boolean,
            PageType::Unknown,
        ]
        .into_iter()
        .find(|ty| ty.primitive() == Some(primitive))
    }

    /// The JSON kind the type decodes from, as a union tells its variants apart by it
    /// (`string`, `number`, `boolean`, `array`, `object`, or `any` for `unknown`); `None`
    /// for a type that cannot be told apart by its kind alone.
    pub fn json_family(&self) -> Option<&'static str> {
        match self {
            PageType::String | PageType::Enum(_) => Some("string"),
            PageType::Integer | PageType::Number => Some("number"),
            PageType::Boolean => Some("boolean"),
            PageType::Array(_) => Some("array"),
            PageType::Map(_) | PageType::Object(_) => Some("object"),
            PageType::Unknown => Some("any"),
            PageType::Unstated | PageType::Union(_) | PageType::Named(_) => None,
        }
    }

    /// A page type's shape: equal for types that decode the same JSON the same way,
    /// descriptions and positions aside, and comparable with a spec type's
    /// ([`codegen_spec::spec::resolve::Index::shape`]).
    pub fn shape(&self) -> Shape {
        match self {
            PageType::Enum(values) => {
                Shape::enumeration(values.iter().map(|v| v.value.to_string()))
            }
            PageType::Array(item) => Shape::Array(Box::new(item.shape())),
            PageType::Map(item) => Shape::Map(Box::new(item.shape())),
            PageType::Object(object) => Shape::object(object.fields.iter().map(|f| ShapeField {
                name: f.name.clone(),
                required: f.required,
                shape: f.ty.shape(),
            })),
            PageType::Union(variants) => Shape::union(variants.iter().map(|v| v.ty.shape())),
            PageType::Named(name) => Shape::Named(name.clone()),
            PageType::String
            | PageType::Integer
            | PageType::Number
            | PageType::Boolean
            | PageType::Unknown
            | PageType::Unstated => self.primitive().map_or(Shape::Unstated, Shape::Primitive),
        }
    }
}

/// A union's variants with each shape once: a page may list one shape twice (a KV
/// value, `string or string`).
pub fn distinct_variants(variants: &[UnionVariant]) -> Vec<&UnionVariant> {
    let mut distinct: Vec<&UnionVariant> = Vec::new();
    for variant in variants {
        if !distinct.iter().any(|d| d.ty.shape() == variant.ty.shape()) {
            distinct.push(variant);
        }
    }
    distinct
}

/// One allowed value of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// A string for `"github"` and `CLOUD_FRONT`, a boolean for `true`, a number for `1`.
    pub value: serde_json::Value,
    pub pos: Pos,
    pub description: Option<Text>,
}

/// An object and its members.
#[derive(Debug, Clone, PartialEq)]
pub struct PageObject {
    /// The name the page gives the object, if any (`D1SingleQuery object { sql, params }`).
    pub name: Option<String>,
    /// The members the page announces in the type (`object { a, b, 3 more }`: `a`, `b`),
    /// when it writes them there.
    pub announced: Vec<String>,
    /// How many members the type says there are, when it says (`a, b, 3 more`: 5).
    pub announced_count: Option<usize>,
    /// The members listed under the type, in the page's order. Empty when the page only
    /// announces them (Cloudflare repeats a named type's members only once).
    pub fields: Vec<PageField>,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub ty: PageType,
    pub pos: Pos,
    pub description: Option<Text>,
}

/// A type the page defines by name (Cloudflare's "Domain Types" entries).
#[derive(Debug, Clone)]
pub struct NamedType {
    pub pos: Pos,
    /// The name in code form (`TriggerListResponse`).
    pub name: String,
    /// The heading it sits under ("Trigger List Response").
    pub heading: Option<Text>,
    /// The headings of the section it belongs to, outermost first.
    pub sections: Vec<Text>,
    pub ty: PageType,
    pub description: Option<Text>,
}

/// One example of the page: the request it shows and the response it answers with.
#[derive(Debug, Clone, Default)]
pub struct PageExample {
    pub request: Option<ExampleRequest>,
    pub response: Option<ExampleResponse>,
}

/// A request as the page shows it: a curl command, or a method and URL.
#[derive(Debug, Clone)]
pub struct ExampleRequest {
    pub pos: Pos,
    /// The method: curl's `-X`, else `POST` when it sends data, else `GET`.
    pub method: String,
    /// The URL as written, shell variables (`$ACCOUNT_ID`) and placeholders
    /// (`:workspace`, `<YOUR-TOKEN>`) included.
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
}

/// A response as the page shows it.
#[derive(Debug, Clone)]
pub struct ExampleResponse {
    pub pos: Pos,
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: Option<ExampleBody>,
}

/// A body of an example: its text, and its JSON when it is JSON.
#[derive(Debug, Clone)]
pub struct ExampleBody {
    pub pos: Pos,
    /// As written (non-breaking spaces and all).
    pub text: String,
    /// The JSON value; `None` when the text is not JSON even once non-breaking spaces
    /// are read as spaces.
    pub json: Option<serde_json::Value>,
}
