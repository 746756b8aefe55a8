//! Unions: a page's "one of" against the spec's union, variant by variant. A union's
//! variants pair up by JSON kind, and objects among them by name and members; a tagged
//! union's by the value of the tag.

use super::types::{Expected, page_kind, spec_kind};
use super::{Checker, Item};
use crate::pages::{PageObject, PageType, UnionVariant, distinct_variants};
use codegen_spec::diagnostics::Pos;
use codegen_spec::spec::resolve::Resolved;
use codegen_spec::spec::{
    DiffKind, Primitive, TaggedUnionDef, TypeDef, TypeExpr, TypeExprKind, TypeKind, UnionDef,
};

impl Checker<'_> {
    /// A union the spec tells apart by JSON kind or by required fields: the same
    /// variants, each compared with its pair.
    pub(super) fn union(
        &mut self,
        subject: &str,
        page: &[UnionVariant],
        page_pos: Pos,
        def: &TypeDef,
        spec: &UnionDef,
        item: Item<'_>,
    ) {
        let page = distinct_variants(page);
        let spec_types: Vec<&TypeExpr> = spec.variants.iter().map(|v| &v.ty).collect();
        let pairs = self.pair_variants(&page, &spec_types);
        if pairs.len() != page.len() || pairs.len() != spec.variants.len() {
            let page_kinds: Vec<String> = page.iter().map(|v| page_kind(&v.ty)).collect();
            let spec_kinds: Vec<&str> = spec
                .variants
                .iter()
                .map(|v| spec_kind(&self.index.resolve(&v.ty)))
                .collect();
            self.differ(
                DiffKind::Type,
                subject,
                format!(
                    "the page says one of {}, the spec's {} one of {}",
                    page_kinds.join(", "),
                    def.name.value,
                    spec_kinds.join(", ")
                ),
                page_pos,
                item,
            );
            return;
        }
        let def_item = Item {
            loc: &def.name.loc,
            differs: &def.page_differs,
        };
        for (p, s) in pairs {
            let (page_variant, spec_variant) = (page[p], &spec.variants[s]);
            let variant_subject = format!(
                "{subject} ({} variant {})",
                def.name.value, spec_variant.name.value
            );
            self.compare_type(
                &variant_subject,
                &page_variant.ty,
                page_variant.pos,
                &spec_variant.ty,
                Expected::plain(def_item),
            );
            self.description(
                &variant_subject,
                page_variant.description.as_ref().map(|d| d.text.as_str()),
                spec_variant.description.as_deref(),
                page_variant.pos,
                def_item,
            );
        }
    }

    /// A union the spec tells apart by a tag member: each page variant is the spec's
    /// variant of the same tag value, member by member.
    pub(super) fn tagged_union(
        &mut self,
        subject: &str,
        page: &[UnionVariant],
        page_pos: Pos,
        def: &TypeDef,
        union: &TaggedUnionDef,
    ) {
        let tag = union.tag.value.as_str();
        let mut seen = vec![false; union.variants.len()];
        for variant in distinct_variants(page) {
            let PageType::Object(object) = &variant.ty else {
                self.differ_plainly(
                    subject,
                    format!(
                        "the page's variant is {}, the spec's {} has objects told apart by `{tag}`",
                        page_kind(&variant.ty),
                        def.name.value
                    ),
                    variant.pos,
                    &def.name.loc,
                );
                continue;
            };
            let value = tag_value(object, tag);
            let found = union.variants.iter().position(|v| {
                value.is_some_and(|value| v.value.value == value)
                    || (value.is_none()
                        && object.name.is_some()
                        && v.name.as_ref().map(|n| &n.value) == object.name.as_ref())
            });
            let Some(index) = found else {
                let which = value.map_or_else(
                    || {
                        object
                            .name
                            .clone()
                            .unwrap_or_else(|| "without a tag".into())
                    },
                    |v| format!("\"{v}\""),
                );
                self.differ_plainly(
                    subject,
                    format!(
                        "the page's variant {which} is not one of the spec's {}",
                        def.name.value
                    ),
                    variant.pos,
                    &def.name.loc,
                );
                continue;
            };
            seen[index] = true;
            let spec_variant = &union.variants[index];
            let variant_subject = format!(
                "{subject} ({} variant {})",
                def.name.value, spec_variant.value.value
            );
            if let Some(variant_def) = self.index.resolve_name(&spec_variant.ty.value)
                && let TypeKind::Object(spec_object) = &variant_def.kind
            {
                let tag = Some((tag, spec_variant.value.value.as_str()));
                self.object(
                    &variant_subject,
                    object,
                    variant.pos,
                    variant_def,
                    spec_object,
                    tag,
                );
            }
        }
        for (spec_variant, _) in union.variants.iter().zip(seen).filter(|(_, seen)| !seen) {
            self.differ(
                DiffKind::Type,
                &format!(
                    "{subject} ({} variant {})",
                    def.name.value, spec_variant.value.value
                ),
                "is in the spec only".to_owned(),
                page_pos,
                Item {
                    loc: &spec_variant.value.loc,
                    differs: &def.page_differs,
                },
            );
        }
    }

    /// Pairs each page variant with a spec variant of the same JSON kind; among several
    /// (objects), the likest pairs first: the page's name, then the same members.
    fn pair_variants(&self, page: &[&UnionVariant], spec: &[&TypeExpr]) -> Vec<(usize, usize)> {
        let mut candidates = Vec::new();
        for (p, variant) in page.iter().enumerate() {
            for (s, ty) in spec.iter().enumerate() {
                if self.same_kind(&variant.ty, ty) {
                    candidates.push((self.likeness(&variant.ty, ty), p, s));
                }
            }
        }
        // Likest first; among equals, the page's order, then the spec's.
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let (mut page_taken, mut spec_taken) = (vec![false; page.len()], vec![false; spec.len()]);
        let mut pairs = Vec::new();
        for (_, p, s) in candidates {
            if !page_taken[p] && !spec_taken[s] {
                page_taken[p] = true;
                spec_taken[s] = true;
                pairs.push((p, s));
            }
        }
        pairs.sort_unstable();
        pairs
    }

    fn same_kind(&self, page: &PageType, spec: &TypeExpr) -> bool {
        if let PageType::Named(name) = page {
            return self.names(spec, name);
        }
        let resolved = self.index.resolve(spec);
        page.json_family()
            .is_some_and(|family| Some(family) == spec_family(&resolved))
    }

    /// How alike an object variant is to a spec type: the page's name, then members in
    /// common less members of one side only.
    fn likeness(&self, page: &PageType, spec: &TypeExpr) -> (bool, i64) {
        let PageType::Object(object) = page else {
            return (false, 0);
        };
        let named = object
            .name
            .as_ref()
            .is_some_and(|name| self.names(spec, name));
        let Resolved::Object(_, spec_object) = self.index.resolve(spec) else {
            return (named, 0);
        };
        let spec_fields = self.index.wire_fields(spec_object);
        let shared = object
            .fields
            .iter()
            .filter(|f| spec_fields.iter().any(|s| s.name.value == f.name))
            .count();
        let apart = object.fields.len() + spec_fields.len() - 2 * shared;
        (named, shared as i64 - apart as i64)
    }

    /// Whether the spec's type is the one named `name` (directly, or by its page name).
    fn names(&self, spec: &TypeExpr, name: &str) -> bool {
        let TypeExprKind::Named(spec_name) = &spec.kind else {
            return false;
        };
        spec_name == name
            || self.index.resolve_name(spec_name).is_some_and(|def| {
                def.name.value == name || def.page_name.as_ref().is_some_and(|p| p.value == name)
            })
    }
}

/// The tag value a page's variant writes: its member `tag` as a one-value enum.
fn tag_value<'p>(object: &'p PageObject, tag: &str) -> Option<&'p str> {
    let field = object.fields.iter().find(|f| f.name == tag)?;
    match &field.ty {
        PageType::Enum(values) if values.len() == 1 => values[0].value.as_str(),
        _ => None,
    }
}

/// The JSON kind a spec type decodes from, in the terms of [`PageType::json_family`].
fn spec_family(resolved: &Resolved<'_>) -> Option<&'static str> {
    Some(match resolved {
        Resolved::Primitive(Primitive::String | Primitive::Bytes) | Resolved::Enum(..) => "string",
        Resolved::Primitive(Primitive::Integer | Primitive::Number) => "number",
        Resolved::Primitive(Primitive::Boolean) => "boolean",
        Resolved::Primitive(Primitive::Unknown) => "any",
        Resolved::Array(_) => "array",
        Resolved::Map(_) | Resolved::Object(..) | Resolved::TaggedUnion(..) => "object",
        Resolved::Primitive(Primitive::File) | Resolved::Union(..) | Resolved::Invalid => {
            return None;
        }
    })
}
