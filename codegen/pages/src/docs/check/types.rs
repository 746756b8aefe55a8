//! Types: the page's type of a parameter, field, body or result against the spec's, down
//! through objects, arrays, maps, enums and unions.

use super::operations::requiredness;
use super::{Checker, Item};
use crate::docs::fix::Fix;
use crate::pages::{EnumValue, PageField, PageObject, PageType, distinct_variants};
use codegen_spec::diagnostics::{Loc, Pos};
use codegen_spec::spec::resolve::Resolved;
use codegen_spec::spec::{
    DiffKind, Envelope, FieldDef, ObjectDef, Primitive, TaggedUnionDef, TypeDef, TypeExpr,
    TypeExprKind,
};

/// What the spec expects where a page's type is written.
#[derive(Clone, Copy)]
pub(super) struct Expected<'a> {
    /// The spec item a difference of the type is charged to.
    pub item: Item<'a>,
    /// For a tagged union: the variant the operation sends or answers with.
    pub variant: Option<&'a str>,
    /// The field's constant value, which a page writes as a one-value enum.
    pub constant: Option<&'a serde_json::Value>,
    /// Where the spec writes the whole type being compared (the item at a location, and
    /// its member holding the type, or the value there itself) and the page's whole type:
    /// a difference anywhere in it is fixed by writing the page's type there.
    pub retype: Option<(&'a Loc, Option<&'static str>, &'a PageType)>,
}

impl<'a> Expected<'a> {
    pub fn plain(item: Item<'a>) -> Self {
        Self {
            item,
            variant: None,
            constant: None,
            retype: None,
        }
    }

    /// The edit that writes the page's whole type where the spec has it.
    fn retype_fix(&self, subject: &str) -> Option<Fix> {
        let (at, key, ty) = self.retype?;
        Some(Fix::Retype {
            at: at.clone(),
            key: key.map(str::to_owned),
            ty: ty.clone(),
            hint: subject.to_owned(),
        })
    }
}

/// A page type's kind in messages.
pub(super) fn page_kind(ty: &PageType) -> String {
    match ty {
        PageType::String
        | PageType::Integer
        | PageType::Number
        | PageType::Boolean
        | PageType::Unknown
        | PageType::Unstated => ty.primitive().map_or("no type", Primitive::as_str).into(),
        PageType::Enum(values) if values.len() == 1 => {
            format!("the literal {}", values[0].value)
        }
        PageType::Enum(_) => "an enum".into(),
        PageType::Array(inner) => format!("an array of {}", page_kind(inner)),
        PageType::Map(inner) => format!("a map of {}", page_kind(inner)),
        PageType::Object(_) => "an object".into(),
        PageType::Union(_) => "a union".into(),
        PageType::Named(name) => format!("the type {name}"),
    }
}

pub(super) fn spec_kind(resolved: &Resolved<'_>) -> &'static str {
    match resolved {
        Resolved::Primitive(Primitive::File) => "a file",
        Resolved::Primitive(primitive) => primitive.as_str(),
        Resolved::Enum(..) => "an enum",
        Resolved::Array(_) => "an array",
        Resolved::Map(_) => "a map",
        Resolved::Object(..) => "an object",
        Resolved::Union(..) | Resolved::TaggedUnion(..) => "a union",
        Resolved::Invalid => "an unknown type",
    }
}

impl Checker<'_> {
    /// Compares a page's type with the spec's, charging a difference of kind to
    /// `expected.item`.
    pub(super) fn compare_type(
        &mut self,
        subject: &str,
        page: &PageType,
        page_pos: Pos,
        spec: &TypeExpr,
        expected: Expected<'_>,
    ) {
        let resolved = self.index.resolve(spec);
        if let PageType::Union(variants) = page
            && let [only] = distinct_variants(variants).as_slice()
        {
            // A page may list one shape twice (`string or string`): it is that shape.
            return self.compare_type(subject, &only.ty, page_pos, spec, expected);
        }
        match (page, resolved) {
            (PageType::Named(name), _) => self.named(subject, name, page_pos, spec, expected),
            (page, Resolved::Primitive(primitive)) if page.primitive() == Some(primitive) => {}
            (PageType::Enum(values), Resolved::Enum(def, spec_enum)) => {
                self.enum_values(subject, values, page_pos, def, &spec_enum.values);
            }
            (PageType::Enum(values), Resolved::Primitive(_))
                if values.len() == 1 && expected.constant == Some(&values[0].value) => {}
            (PageType::Array(page_item), Resolved::Array(spec_item))
            | (PageType::Map(page_item), Resolved::Map(spec_item)) => {
                let element = format!("{subject}[]");
                let expected = Expected {
                    constant: None,
                    ..expected
                };
                self.compare_type(&element, page_item, page_pos, spec_item, expected);
            }
            (PageType::Object(object), Resolved::Object(def, spec_object)) => {
                self.object(subject, object, page_pos, def, spec_object, None);
            }
            (PageType::Object(object), Resolved::TaggedUnion(def, union))
                if expected.variant.is_some() =>
            {
                self.tagged_variant(subject, object, page_pos, def, union, expected);
            }
            (PageType::Union(variants), Resolved::Union(def, union)) => {
                self.union(subject, variants, page_pos, def, union, expected.item);
            }
            (PageType::Union(variants), Resolved::TaggedUnion(def, union)) => {
                self.tagged_union(subject, variants, page_pos, def, union);
            }
            (page, resolved) => self.differ_fixed(
                DiffKind::Type,
                subject,
                format!(
                    "the page says {}, the spec says {}",
                    page_kind(page),
                    spec_kind(&resolved)
                ),
                page_pos,
                expected.item,
                expected.retype_fix(subject),
            ),
        }
    }

    /// The page names a type it does not spell out: the spec must use that name.
    fn named(
        &mut self,
        subject: &str,
        name: &str,
        page_pos: Pos,
        spec: &TypeExpr,
        expected: Expected<'_>,
    ) {
        let spec_name = match &spec.kind {
            TypeExprKind::Named(spec_name) => spec_name.as_str(),
            _ => "",
        };
        let aliases_to = self
            .index
            .resolve_name(spec_name)
            .is_some_and(|def| def.name.value == name);
        if spec_name != name && !aliases_to {
            let spec_says = if spec_name.is_empty() {
                spec_kind(&self.index.resolve(spec)).to_owned()
            } else {
                format!("the type {spec_name}")
            };
            self.differ(
                DiffKind::Type,
                subject,
                format!("the page says the type {name}, the spec says {spec_says}"),
                page_pos,
                expected.item,
            );
        }
    }

    fn enum_values(
        &mut self,
        subject: &str,
        page_values: &[EnumValue],
        page_pos: Pos,
        def: &TypeDef,
        spec_values: &[codegen_spec::spec::EnumValue],
    ) {
        let item = Item {
            loc: &def.name.loc,
            differs: &def.page_differs,
        };
        let subject = format!("{subject} ({})", def.name.value);
        let fix = Fix::Values {
            at: def.name.loc.clone(),
            values: page_values
                .iter()
                .filter_map(|v| {
                    let text = v.value.as_str()?.to_owned();
                    Some((text, v.description.as_ref().map(|d| d.text.clone())))
                })
                .collect(),
        };
        self.report.enum_places.push(fix.clone());
        for value in page_values {
            let listed = value
                .value
                .as_str()
                .is_some_and(|v| spec_values.iter().any(|s| s.value.value == v));
            if !listed {
                self.differ_fixed(
                    DiffKind::Values,
                    &subject,
                    format!("the page allows {}, the spec does not", value.value),
                    value.pos,
                    item,
                    Some(fix.clone()),
                );
            }
        }
        for value in spec_values {
            let on_page = page_values
                .iter()
                .any(|p| p.value.as_str() == Some(value.value.value.as_str()));
            if !on_page {
                self.differ_fixed(
                    DiffKind::Values,
                    &subject,
                    format!(
                        "the spec allows \"{}\", the page does not",
                        value.value.value
                    ),
                    page_pos,
                    Item {
                        loc: &value.value.loc,
                        differs: &def.page_differs,
                    },
                    Some(fix.clone()),
                );
            }
        }
    }

    /// An object: its fields by name. `tag` is a tagged union's tag field and the value
    /// the variant writes, when the variant type leaves the tag to the union.
    pub(super) fn object(
        &mut self,
        subject: &str,
        page: &PageObject,
        page_pos: Pos,
        def: &TypeDef,
        spec: &ObjectDef,
        tag: Option<(&str, &str)>,
    ) {
        let spec_fields = self.index.wire_fields(spec);
        if page.fields.is_empty() && !page.announced.is_empty() {
            self.announced_members(subject, page, page_pos, def, &spec_fields);
            return;
        }
        for field in &page.fields {
            let field_subject = format!("{subject}.{}", field.name);
            match spec_fields.iter().find(|f| f.name.value == field.name) {
                Some(spec_field) => self.field(&field_subject, field, spec_field),
                None if tag.is_some_and(|(name, _)| name == field.name) => {
                    let value = tag.map(|(_, value)| serde_json::Value::from(value));
                    self.tag_field(&field_subject, field, value.as_ref(), def);
                }
                None => self.differ_plainly_fixed(
                    &field_subject,
                    format!(
                        "is on the page only (the spec's {} has no such field)",
                        def.name.value
                    ),
                    field.pos,
                    &def.name.loc,
                    Some(Fix::AddField {
                        at: def.name.loc.clone(),
                        field: field.clone(),
                    }),
                ),
            }
        }
        for spec_field in spec_fields {
            if !page.fields.iter().any(|f| f.name == spec_field.name.value) {
                self.differ_fixed(
                    DiffKind::Absent,
                    &format!("{subject}.{}", spec_field.name.value),
                    format!("is in the spec ({}) only", def.name.value),
                    page_pos,
                    Item {
                        loc: &spec_field.name.loc,
                        differs: &spec_field.page_differs,
                    },
                    Some(Fix::Remove {
                        at: spec_field.name.loc.clone(),
                    }),
                );
            }
        }
    }

    /// The page names an object's members without listing them (it listed them once
    /// elsewhere): only the names can be compared.
    fn announced_members(
        &mut self,
        subject: &str,
        page: &PageObject,
        page_pos: Pos,
        def: &TypeDef,
        spec_fields: &[&FieldDef],
    ) {
        for name in &page.announced {
            if !spec_fields.iter().any(|f| &f.name.value == name) {
                self.differ_plainly(
                    &format!("{subject}.{name}"),
                    format!(
                        "is on the page only (the spec's {} has no such field)",
                        def.name.value
                    ),
                    page_pos,
                    &def.name.loc,
                );
            }
        }
        let complete = page
            .announced_count
            .is_none_or(|n| n == page.announced.len());
        if complete {
            for spec_field in spec_fields {
                if !page.announced.contains(&spec_field.name.value) {
                    self.differ(
                        DiffKind::Absent,
                        &format!("{subject}.{}", spec_field.name.value),
                        format!("is in the spec ({}) only", def.name.value),
                        page_pos,
                        Item {
                            loc: &spec_field.name.loc,
                            differs: &spec_field.page_differs,
                        },
                    );
                }
            }
        }
    }

    fn field(&mut self, subject: &str, page: &PageField, spec: &FieldDef) {
        let item = Item {
            loc: &spec.name.loc,
            differs: &spec.page_differs,
        };
        if page.required != spec.required {
            self.differ_fixed(
                DiffKind::Required,
                subject,
                requiredness(page.required, spec.required),
                page.pos,
                item,
                Some(Fix::flag(&spec.name.loc, "required", page.required)),
            );
        }
        for (kind, key, what, on_page, in_spec) in [
            (
                DiffKind::ReadOnly,
                "read_only",
                "read-only",
                page.read_only,
                spec.read_only,
            ),
            (
                DiffKind::Nullable,
                "nullable",
                "nullable",
                page.nullable,
                spec.nullable,
            ),
            (
                DiffKind::UniqueItems,
                "unique_items",
                "of unique items",
                page.unique_items,
                spec.unique_items,
            ),
        ] {
            if on_page != in_spec {
                let (yes, no) = if on_page {
                    ("page", "spec")
                } else {
                    ("spec", "page")
                };
                self.differ_fixed(
                    kind,
                    subject,
                    format!("the {yes} says {what}, the {no} does not"),
                    page.pos,
                    item,
                    Some(Fix::flag(&spec.name.loc, key, on_page)),
                );
            }
        }
        let description = page.description.as_ref();
        self.described(
            subject,
            description,
            spec.description.as_deref(),
            page.pos,
            item,
        );
        if self.page.layout.documents_access() {
            self.value_rules(
                subject,
                &page.badges,
                page.pos,
                super::rules::SpecRules {
                    format: spec.format.as_ref(),
                    bounds: &spec.bounds,
                    deprecated: spec.deprecated.as_ref(),
                },
                item,
            );
        }
        let expected = Expected {
            item,
            variant: None,
            constant: spec.constant.as_ref().map(|c| &c.value),
            retype: Some((&spec.name.loc, Some("type"), &page.ty)),
        };
        self.compare_type(subject, &page.ty, page.pos, &spec.ty, expected);
    }

    /// The page lists a tagged union's tag among the variant's fields; the spec's union
    /// writes it.
    fn tag_field(
        &mut self,
        subject: &str,
        page: &PageField,
        value: Option<&serde_json::Value>,
        def: &TypeDef,
    ) {
        let is_value = matches!(&page.ty, PageType::Enum(values) if values.len() == 1 && Some(&values[0].value) == value);
        if !is_value {
            self.differ_plainly(
                subject,
                format!(
                    "the page says {}, the spec's union writes the tag {}",
                    page_kind(&page.ty),
                    value.map(ToString::to_string).unwrap_or_default()
                ),
                page.pos,
                &def.name.loc,
            );
        }
    }

    fn tagged_variant(
        &mut self,
        subject: &str,
        page: &PageObject,
        page_pos: Pos,
        def: &TypeDef,
        union: &TaggedUnionDef,
        expected: Expected<'_>,
    ) {
        let Some(variant_value) = expected.variant else {
            return;
        };
        let variant = union
            .variants
            .iter()
            .find(|v| v.value.value == variant_value);
        let variant_def = variant.and_then(|v| self.index.resolve_name(&v.ty.value));
        match variant_def {
            Some(variant_def) => {
                if let codegen_spec::spec::TypeKind::Object(object) = &variant_def.kind {
                    let tag = Some((union.tag.value.as_str(), variant_value));
                    self.object(subject, page, page_pos, variant_def, object, tag);
                }
            }
            None => self.differ_plainly(
                subject,
                format!(
                    "the spec's {} has no variant {variant_value}",
                    def.name.value
                ),
                page_pos,
                &def.name.loc,
            ),
        }
    }

    /// Cloudflare's envelope: the page's `result` is the operation's result, the other
    /// members are the service's envelope type's.
    pub(super) fn envelope(
        &mut self,
        subject: &str,
        page: &PageObject,
        page_pos: Pos,
        envelope: &Envelope,
        result_ty: &TypeExpr,
        result: Expected<'_>,
    ) {
        let Some(def) = self.index.resolve_name(&envelope.ty.value) else {
            return;
        };
        let codegen_spec::spec::TypeKind::Object(object) = &def.kind else {
            return;
        };
        let spec_fields = self.index.wire_fields(object);
        for field in &page.fields {
            let field_subject = format!("{subject}.{}", field.name);
            if field.name == envelope.result.value {
                self.compare_type(&field_subject, &field.ty, field.pos, result_ty, result);
                continue;
            }
            match spec_fields.iter().find(|f| f.name.value == field.name) {
                Some(spec_field) => self.field(&field_subject, field, spec_field),
                None => self.differ_plainly(
                    &field_subject,
                    format!(
                        "is on the page only (the envelope {} has no such field)",
                        def.name.value
                    ),
                    field.pos,
                    &def.name.loc,
                ),
            }
        }
        // One envelope serves operations that answer with different members (a list's
        // `result_info`): an optional member a page leaves out is not a difference.
        for spec_field in spec_fields {
            if spec_field.name.value != envelope.result.value
                && spec_field.required
                && !page.fields.iter().any(|f| f.name == spec_field.name.value)
            {
                self.differ(
                    DiffKind::Absent,
                    &format!("{subject}.{}", spec_field.name.value),
                    format!("is in the spec's envelope ({}) only", def.name.value),
                    page_pos,
                    Item {
                        loc: &spec_field.name.loc,
                        differs: &spec_field.page_differs,
                    },
                );
            }
        }
    }
}
