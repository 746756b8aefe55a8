//! A type's shape: what JSON it decodes, and how, with names, descriptions and positions
//! left out. The docs draft tells by it whether a page's type and a spec type decode the
//! same JSON (and so whether a type the spec has can be reused); the page model and the
//! spec each convert into it, the spec through [`Index::shape`].

use super::resolve::{Index, Resolved};
use super::{Primitive, TypeExpr};

/// How deep a spec type's shape is followed: deeper than any page nests, shallow enough
/// that a cycle of spec types ends.
pub const MAX_DEPTH: usize = 24;

/// The shape of a type. Two types of equal shapes decode the same JSON the same way; the
/// members of objects, enums and unions are kept sorted, so that their order does not
/// count. Ordered and hashable, to key the types a draft can reuse.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shape {
    Primitive(Primitive),
    /// Written without a type (a page's `bindings: optional`).
    Unstated,
    /// The allowed values, each as its JSON text (`"github"`, `true`), sorted.
    Enum(Vec<String>),
    Array(Box<Shape>),
    Map(Box<Shape>),
    /// The members by name, sorted.
    Object(Vec<ShapeField>),
    /// The variants' shapes, sorted.
    Union(Vec<Shape>),
    /// A type known by its name only: one a page names without spelling it out.
    Named(String),
    /// A spec's tagged union, by its name: told apart by its tag, not by its shape.
    Tagged(String),
    /// A spec type expression that does not resolve.
    Invalid,
    /// Deeper than [`MAX_DEPTH`]: a cycle of spec types.
    TooDeep,
}

/// A member of an object's shape.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeField {
    pub name: String,
    pub required: bool,
    pub shape: Shape,
}

impl Shape {
    /// An enum of these values' JSON texts, in any order.
    pub fn enumeration(values: impl IntoIterator<Item = String>) -> Shape {
        let mut values: Vec<String> = values.into_iter().collect();
        values.sort();
        Shape::Enum(values)
    }

    /// An object of these members, in any order.
    pub fn object(fields: impl IntoIterator<Item = ShapeField>) -> Shape {
        let mut fields: Vec<ShapeField> = fields.into_iter().collect();
        fields.sort();
        Shape::Object(fields)
    }

    /// A union of these variants, in any order.
    pub fn union(variants: impl IntoIterator<Item = Shape>) -> Shape {
        let mut variants: Vec<Shape> = variants.into_iter().collect();
        variants.sort();
        Shape::Union(variants)
    }

    /// The shape with every `number` an `integer`: Cloudflare's pages write `number`
    /// where the spec, after their samples, says `integer` (error codes, paging counts).
    pub fn with_numbers_as_integers(&self) -> Shape {
        match self {
            Shape::Primitive(Primitive::Number) => Shape::Primitive(Primitive::Integer),
            Shape::Array(item) => Shape::Array(Box::new(item.with_numbers_as_integers())),
            Shape::Map(item) => Shape::Map(Box::new(item.with_numbers_as_integers())),
            Shape::Object(fields) => Shape::object(fields.iter().map(|f| ShapeField {
                name: f.name.clone(),
                required: f.required,
                shape: f.shape.with_numbers_as_integers(),
            })),
            Shape::Union(variants) => {
                Shape::union(variants.iter().map(Shape::with_numbers_as_integers))
            }
            other => other.clone(),
        }
    }
}

impl<'a> Index<'a> {
    /// A spec type's shape: its wire fields (flattened ones replaced by their type's),
    /// its enum values, its variants, through aliases.
    pub fn shape(&self, expr: &'a TypeExpr) -> Shape {
        self.shape_at(expr, 0)
    }

    fn shape_at(&self, expr: &'a TypeExpr, depth: usize) -> Shape {
        if depth > MAX_DEPTH {
            return Shape::TooDeep;
        }
        match self.resolve(expr) {
            Resolved::Primitive(primitive) => Shape::Primitive(primitive),
            Resolved::Enum(_, def) => Shape::enumeration(
                def.values
                    .iter()
                    .map(|v| serde_json::Value::String(v.value.value.clone()).to_string()),
            ),
            Resolved::Array(item) => Shape::Array(Box::new(self.shape_at(item, depth + 1))),
            Resolved::Map(item) => Shape::Map(Box::new(self.shape_at(item, depth + 1))),
            Resolved::Object(_, object) => {
                Shape::object(self.wire_fields(object).into_iter().map(|f| ShapeField {
                    name: f.name.value.clone(),
                    required: f.required,
                    shape: self.shape_at(&f.ty, depth + 1),
                }))
            }
            Resolved::Union(_, union) => Shape::union(
                union
                    .variants
                    .iter()
                    .map(|v| self.shape_at(&v.ty, depth + 1)),
            ),
            Resolved::TaggedUnion(def, _) => Shape::Tagged(def.name.value.clone()),
            Resolved::Invalid => Shape::Invalid,
        }
    }
}
