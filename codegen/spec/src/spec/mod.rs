//! The spec as written: the typed content of `spec/**.json`, each part with its location.
//!
//! Nothing here is resolved or checked across files yet; `validate` does that, and
//! `model` turns a valid spec into what the emitters print.

mod definition;
mod operation;
pub mod resolve;
pub mod shape;
pub mod template;
mod types;

pub use definition::*;
pub use operation::*;
pub use types::*;

use crate::diagnostics::Loc;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// The whole spec: its services in name order.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    pub services: Vec<ServiceSpec>,
}

impl Spec {
    pub fn operation_count(&self) -> usize {
        self.services.iter().map(ServiceSpec::operation_count).sum()
    }

    pub fn type_count(&self) -> usize {
        self.services
            .iter()
            .flat_map(|s| &s.files)
            .map(|f| f.types.len())
            .sum()
    }
}

/// One service: a folder of spec files.
#[derive(Debug, Clone)]
pub struct ServiceSpec {
    pub name: String,
    pub files: Vec<SpecFile>,
}

impl ServiceSpec {
    pub fn operation_count(&self) -> usize {
        self.files.iter().map(|f| f.operations.len()).sum()
    }

    /// The service definition; validation ensures exactly one file has it.
    pub fn definition(&self) -> Option<&Definition> {
        self.files.iter().find_map(|f| f.definition.as_ref())
    }

    pub fn types(&self) -> impl Iterator<Item = (&SpecFile, &TypeDef)> {
        self.files
            .iter()
            .flat_map(|file| file.types.iter().map(move |t| (file, t)))
    }

    pub fn operations(&self) -> impl Iterator<Item = (&SpecFile, &Operation)> {
        self.files
            .iter()
            .flat_map(|file| file.operations.iter().map(move |op| (file, op)))
    }

    /// The envelope an operation's successful response comes in: its own, its file's, or
    /// the service's; `None` when the body is the result itself, as a raw answer
    /// ([`ResponseDef::is_raw`]) always is.
    pub fn envelope_of<'s>(
        &'s self,
        file: &'s SpecFile,
        op: &'s Operation,
    ) -> Option<&'s Envelope> {
        if op.response.is_raw() {
            return None;
        }
        match op.envelope.as_ref().or(file.envelope.as_ref()) {
            Some(EnvelopeChoice::Wrapped(envelope)) => Some(envelope),
            Some(EnvelopeChoice::None(_)) => None,
            None => self.definition().and_then(|d| d.envelope.as_ref()),
        }
    }

    /// Every envelope the service's operations may come in: the service's, then each
    /// file's and operation's, in file order.
    pub fn envelopes(&self) -> impl Iterator<Item = &Envelope> {
        let service = self.definition().and_then(|d| d.envelope.as_ref());
        let others = self.files.iter().flat_map(|file| {
            std::iter::once(&file.envelope)
                .chain(file.operations.iter().map(|op| &op.envelope))
                .filter_map(|choice| match choice {
                    Some(EnvelopeChoice::Wrapped(envelope)) => Some(envelope),
                    _ => None,
                })
        });
        service.into_iter().chain(others)
    }
}

/// One spec file.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The path as diagnostics print it.
    pub path: String,
    pub service: Spanned<String>,
    pub source: Source,
    pub definition: Option<Definition>,
    pub resource: Option<Spanned<String>>,
    pub description: Option<String>,
    /// The envelope of this file's operations, instead of the service's.
    pub envelope: Option<EnvelopeChoice>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
}

/// Where a file's or a type's content comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The page file, relative to `pages/` (`cloudflare/workers-builds.md`).
    pub page: Option<String>,
    pub section: Option<String>,
    pub last_modified: Option<String>,
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// What about a spec item may deliberately differ from its documentation page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DiffKind {
    /// The item is in the spec but not on the page.
    Absent,
    /// The kind of type (string, integer, number, boolean, array, map, object, enum, union).
    Type,
    Required,
    ReadOnly,
    Nullable,
    UniqueItems,
    /// An enum's values.
    Values,
    Description,
    /// An operation's title.
    Summary,
    /// A path parameter's name.
    Name,
    /// A response's status.
    Status,
    Scopes,
    /// An example's request: its path values, query or body.
    Request,
    /// An example's response: its status, headers or body.
    Response,
    /// An operation's accepted permissions.
    Permissions,
    /// Whether an operation, field or parameter is deprecated, and its notice.
    Deprecated,
    /// A field's or parameter's format (`uuid`, `date-time`).
    Format,
    /// A field's or parameter's bounds (`max_length`, `minimum`).
    Bounds,
    /// The authentication schemes an operation accepts.
    Auth,
}

impl DiffKind {
    pub const ALL: [(&'static str, DiffKind); 19] = [
        ("absent", DiffKind::Absent),
        ("type", DiffKind::Type),
        ("required", DiffKind::Required),
        ("read_only", DiffKind::ReadOnly),
        ("nullable", DiffKind::Nullable),
        ("unique_items", DiffKind::UniqueItems),
        ("values", DiffKind::Values),
        ("description", DiffKind::Description),
        ("summary", DiffKind::Summary),
        ("name", DiffKind::Name),
        ("status", DiffKind::Status),
        ("scopes", DiffKind::Scopes),
        ("request", DiffKind::Request),
        ("response", DiffKind::Response),
        ("permissions", DiffKind::Permissions),
        ("deprecated", DiffKind::Deprecated),
        ("format", DiffKind::Format),
        ("bounds", DiffKind::Bounds),
        ("auth", DiffKind::Auth),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, kind)| *kind == self)
            .map_or("", |(name, _)| name)
    }
}

/// A deliberate difference from the page (`"page_differs": {"type": "reason"}`): the
/// docs check lists it apart instead of failing.
#[derive(Debug, Clone)]
pub struct Allowance {
    pub kind: DiffKind,
    pub reason: String,
    pub loc: Loc,
}

/// The allowances of one item.
#[derive(Debug, Clone, Default)]
pub struct PageDiffers(pub Vec<Allowance>);

impl PageDiffers {
    pub fn get(&self, kind: DiffKind) -> Option<&Allowance> {
        self.0.iter().find(|allowance| allowance.kind == kind)
    }
}
