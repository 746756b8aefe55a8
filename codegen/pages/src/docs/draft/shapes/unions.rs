//! Unions of a draft: variants of different JSON kinds, objects told apart by a literal
//! field (a tagged union), or objects told apart by the fields they require.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Types;
use crate::docs::json::Json;
use crate::pages::{PageField, PageObject, PageType, UnionVariant};

impl Types<'_> {
    pub(super) fn union(&mut self, variants: &[UnionVariant], hint: &str) -> Json {
        let distinct: Vec<UnionVariant> = crate::pages::distinct_variants(variants)
            .into_iter()
            .cloned()
            .collect();
        if let [only] = distinct.as_slice() {
            return self.expr(&only.ty, hint);
        }
        let variants = distinct.as_slice();
        let objects: Option<Vec<&PageObject>> = variants
            .iter()
            .map(|v| match &v.ty {
                PageType::Object(object) if !object.fields.is_empty() => Some(object),
                _ => None,
            })
            .collect();
        if let Some(objects) = objects {
            return self.object_union(&objects, variants, hint);
        }
        // Variants of different JSON kinds, each told apart by its kind, and `unknown`
        // last, which takes the rest.
        let kinds: Vec<Option<&'static str>> =
            variants.iter().map(|v| v.ty.json_family()).collect();
        let distinct_kinds = kinds
            .iter()
            .enumerate()
            .all(|(i, kind)| kind.is_some_and(|kind| !kinds[..i].contains(&Some(kind))));
        let unknown_last = variants
            .iter()
            .position(|v| v.ty == PageType::Unknown)
            .is_none_or(|i| i + 1 == variants.len());
        if !distinct_kinds || !unknown_last {
            self.notes.push(format!(
                "{hint}: the page says one of several shapes the spec cannot tell apart; the draft says `unknown`"
            ));
            return Json::str("unknown");
        }
        let shape = self.reuse_key(&PageType::Union(variants.to_vec()));
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        let mut listed = Vec::new();
        for (variant, kind) in variants.iter().zip(&kinds) {
            let name = match *kind {
                Some("string") => "Text",
                Some("number") => "Number",
                Some("boolean") => "Boolean",
                Some("array") => "List",
                Some("object") => "Object",
                _ => "Other",
            };
            let ty = self.expr(&variant.ty, &format!("{hint}{name}"));
            listed.push(union_variant(name.to_owned(), ty, variant));
        }
        self.define(shape, hint, union_def(listed))
    }

    /// Objects told apart by a literal field they all have (`action: "init"`), as a
    /// tagged union; else by the fields they require, as a union whose variants are
    /// ordered so that each requires a field the later ones lack.
    fn object_union(
        &mut self,
        objects: &[&PageObject],
        variants: &[UnionVariant],
        hint: &str,
    ) -> Json {
        let shape = self.reuse_key(&PageType::Union(variants.to_vec()));
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        let name = self.fresh(hint);
        self.drafted_shapes.insert(shape, name.clone());
        if let Some(tag) = literal_tag(objects) {
            return self.tagged_union(name, &tag, objects);
        }
        // Required as drafted: a member the samples leave out is not.
        let required = |f: &PageField| f.required && !self.samples.absent.contains(&f.pos);
        let Some(order) = order_by_required_fields(objects, required) else {
            self.notes.push(format!(
                "{hint}: the page says one of several object shapes that neither a literal field nor their required fields tell apart; the draft says `unknown`"
            ));
            self.drafted_shapes.retain(|_, n| *n != name);
            return Json::str("unknown");
        };
        let mut listed = Vec::new();
        for i in order {
            let object = objects[i];
            let variant = variant_name(object, i);
            let ty = self.object(object, &format!("{name}{variant}"), None);
            listed.push(union_variant(variant, ty, &variants[i]));
        }
        self.drafted.push((name.clone(), union_def(listed)));
        Json::str(name)
    }

    /// Objects told apart by the literal value of their field `tag`: a tagged union
    /// named `name`, which keeps a value of another kind (its fallback).
    fn tagged_union(&mut self, name: String, tag: &str, objects: &[&PageObject]) -> Json {
        let mut listed = Vec::new();
        for (i, object) in objects.iter().enumerate() {
            let value = object
                .fields
                .iter()
                .find(|f| f.name == tag)
                .and_then(|f| match &f.ty {
                    PageType::Enum(values) => values.first()?.value.as_str().map(str::to_owned),
                    _ => None,
                })
                .unwrap_or_default();
            let ty = self.object(
                object,
                &format!("{name}{}", variant_name(object, i)),
                Some(tag),
            );
            listed.push(
                Json::object()
                    .with("value", Json::str(value))
                    .with("type", ty)
                    .with_some("name", object.name.clone().map(Json::str)),
            );
        }
        // Pages add kinds (Workers has 36 kinds of binding): a kind the client does not
        // know yet is kept, not refused.
        let def = Json::object()
            .with("kind", Json::str("tagged_union"))
            .with("tag", Json::str(tag))
            .with("variants", Json::Array(listed))
            .with("fallback", Json::Value(Value::Bool(true)));
        self.drafted.push((name.clone(), def));
        Json::str(name)
    }
}

/// A drafted union's variant: its name, its type, and the page's description of it.
fn union_variant(name: String, ty: Json, variant: &UnionVariant) -> Json {
    let description = variant.description.as_ref();
    Json::object()
        .with("name", Json::str(name))
        .with("type", ty)
        .with_some(
            "description",
            description.map(|d| Json::str(d.text.clone())),
        )
}

/// A drafted (untagged) union of these variants.
fn union_def(variants: Vec<Json>) -> Json {
    Json::object()
        .with("kind", Json::str("union"))
        .with("variants", Json::Array(variants))
}

/// A variant's name: the page's name for its object, else its place (`Variant2`).
fn variant_name(object: &PageObject, i: usize) -> String {
    object
        .name
        .clone()
        .unwrap_or_else(|| format!("Variant{}", i + 1))
}

/// A field every object has, each with a different literal string value: the tag of a
/// tagged union.
fn literal_tag(objects: &[&PageObject]) -> Option<String> {
    let first = objects.first()?;
    first
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .find_map(|name| {
            let values: Option<Vec<String>> = objects
                .iter()
                .map(|object| {
                    // An optional one too (Queues' `type: optional "worker"`): a value with
                    // another tag, or none, is kept by the union's fallback.
                    let field = object.fields.iter().find(|f| f.name == name)?;
                    match &field.ty {
                        PageType::Enum(values) if values.len() == 1 => {
                            values[0].value.as_str().map(str::to_owned)
                        }
                        _ => None,
                    }
                })
                .collect();
            let values = values?;
            let distinct: BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| name.to_owned())
        })
}

/// An order of the objects in which each requires a field every later one lacks, so that
/// trying them in turn tells them apart; `None` when there is none.
fn order_by_required_fields(
    objects: &[&PageObject],
    required: impl Fn(&PageField) -> bool,
) -> Option<Vec<usize>> {
    let mut left: Vec<usize> = (0..objects.len()).collect();
    let mut order = Vec::new();
    while !left.is_empty() {
        let next = left.iter().position(|&i| {
            left.iter().filter(|&&j| j != i).all(|&j| {
                objects[i]
                    .fields
                    .iter()
                    .any(|f| required(f) && !objects[j].fields.iter().any(|g| g.name == f.name))
            })
        })?;
        order.push(left.remove(next));
    }
    Some(order)
}
