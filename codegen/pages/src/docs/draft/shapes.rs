//! The types of a draft: each of the page's types becomes a spec type expression,
//! reusing a type the spec already has when it has the same shape, and naming new
//! objects and enums after the page's own names where it gives them.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

mod unions;

use super::samples::SampleFindings;
use crate::docs::json::Json;
use crate::pages::{EnumValue, NamedType, PageField, PageObject, PageType};
use codegen_spec::spec::resolve::Index;
pub(super) use codegen_spec::spec::shape::MAX_DEPTH;
use codegen_spec::spec::shape::Shape;
use codegen_spec::spec::{Primitive, TypeExpr, TypeKind};

/// What a drafted type is reused by: its shape, and what the page's samples say of its
/// fields (`name:null`, `name:absent`; empty when they say nothing), since two types of
/// one shape whose samples differ are drafted apart.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ReuseKey {
    shape: Shape,
    marks: String,
}

impl ReuseKey {
    fn plain(shape: Shape) -> Self {
        Self {
            shape,
            marks: String::new(),
        }
    }
}

/// The types a draft defines, and the spec's it reuses.
pub(crate) struct Types<'a> {
    /// The shapes of the spec's objects and enums, to their names.
    existing: BTreeMap<Shape, String>,
    /// Every type name in use, the spec's and the draft's.
    taken: BTreeSet<String>,
    /// The draft's new types, in the order they were made.
    pub drafted: Vec<(String, Json)>,
    drafted_shapes: BTreeMap<ReuseKey, String>,
    /// The page's named types, by shape, for naming objects after them.
    named: Vec<(Shape, &'a NamedType)>,
    /// What a maintainer must look at.
    pub notes: Vec<String>,
    /// The fields the page's samples contradict.
    pub samples: SampleFindings,
    /// The spec's object and enum types by the names of the fields that have them, when
    /// one name has one type: a field added to the spec where such a field exists gets
    /// that type when the page's fits it (`by_field`).
    field_types: BTreeMap<String, FieldType>,
    by_field: bool,
}

/// What an existing spec type of a field name holds, to tell whether a page's type fits.
#[derive(Debug, Clone)]
struct FieldType {
    name: String,
    /// An object's field names, or an enum's values.
    members: BTreeSet<String>,
}

impl<'a> Types<'a> {
    pub fn new(index: Option<&Index<'_>>, named: &'a [NamedType]) -> Self {
        let mut existing = BTreeMap::new();
        let mut taken = BTreeSet::new();
        if let Some(index) = index {
            for (name, def) in &index.types {
                taken.insert((*name).to_owned());
                if matches!(def.kind, TypeKind::Object(_) | TypeKind::Enum(_)) {
                    let expr = TypeExpr {
                        kind: codegen_spec::spec::TypeExprKind::Named((*name).to_owned()),
                        loc: def.name.loc.clone(),
                    };
                    existing
                        .entry(index.shape(&expr))
                        .or_insert_with(|| (*name).to_owned());
                }
            }
        }
        let named = named.iter().map(|n| (n.ty.shape(), n)).collect();
        Self {
            existing,
            taken,
            drafted: Vec::new(),
            drafted_shapes: BTreeMap::new(),
            named,
            notes: Vec::new(),
            samples: SampleFindings::default(),
            field_types: index.map(field_types).unwrap_or_default(),
            by_field: false,
        }
    }

    /// Types that, for a field the spec has elsewhere under the same name, reuse that
    /// field's type when the page's fits it: how an edited spec keeps one type per
    /// concept (a build's `build_trigger_metadata` wherever a build is returned).
    pub fn reusing_by_field(mut self) -> Self {
        self.by_field = true;
        self
    }

    /// The spec type the spec gives other fields of this name, when the page's type fits
    /// it: an object sharing at least half its members, an enum sharing a value.
    fn by_field_name(&self, field: &PageField) -> Option<Json> {
        if !self.by_field {
            return None;
        }
        let (inner, array) = match &field.ty {
            PageType::Array(inner) => (inner.as_ref(), true),
            other => (other, false),
        };
        let known = self.field_types.get(&field.name)?;
        let fits = match inner {
            PageType::Object(object) if !object.fields.is_empty() => {
                let shared = object
                    .fields
                    .iter()
                    .filter(|f| known.members.contains(&f.name))
                    .count();
                shared * 2 >= object.fields.len().max(known.members.len())
            }
            PageType::Enum(values) if values.len() > 1 => values
                .iter()
                .any(|v| v.value.as_str().is_some_and(|v| known.members.contains(v))),
            _ => false,
        };
        fits.then(|| {
            let name = Json::str(known.name.clone());
            if array {
                Json::object().with("array", name)
            } else {
                name
            }
        })
    }

    /// The spec type expression of a page's type; `hint` names what it is the type of
    /// (`CreateDeployHookRequest`, `DeployHookLatestBuild`), for new types.
    pub fn expr(&mut self, ty: &PageType, hint: &str) -> Json {
        if let Some(primitive) = ty.primitive() {
            return Json::str(primitive.as_str());
        }
        match ty {
            PageType::String
            | PageType::Integer
            | PageType::Number
            | PageType::Boolean
            | PageType::Unknown
            | PageType::Unstated => Json::str(Primitive::Unknown.as_str()),
            PageType::Array(item) => Json::object().with("array", self.expr(item, hint)),
            PageType::Map(item) => Json::object().with("map", self.expr(item, hint)),
            PageType::Enum(values) => self.enumeration(values, hint),
            PageType::Object(object) => self.object(object, hint, None),
            PageType::Union(variants) => self.union(variants, hint),
            PageType::Named(name) => {
                if self.taken.contains(name) {
                    Json::str(name.clone())
                } else {
                    self.notes.push(format!(
                        "{hint}: the page names the type {name} without defining it; the draft says `unknown`"
                    ));
                    Json::str("unknown")
                }
            }
        }
    }

    /// What a type is reused by: its shape, and what the samples say of its fields.
    fn reuse_key(&self, ty: &PageType) -> ReuseKey {
        ReuseKey {
            shape: ty.shape(),
            marks: self.samples.marks(ty),
        }
    }

    /// The name of an existing or drafted type of the same key, if any: the spec's types
    /// have no samples, so only a key without marks can be one of theirs.
    fn reuse(&self, key: &ReuseKey) -> Option<String> {
        key.marks
            .is_empty()
            .then(|| self.existing.get(&key.shape))
            .flatten()
            .or_else(|| self.drafted_shapes.get(key))
            .cloned()
    }

    /// A name not in use: `base`, else `base2`, `base3`, ...
    fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    fn define(&mut self, key: ReuseKey, base: &str, def: Json) -> Json {
        let name = self.fresh(base);
        self.drafted_shapes.insert(key, name.clone());
        self.drafted.push((name.clone(), def));
        Json::str(name)
    }

    /// `tag`: the field that tells this object apart in a tagged union, a constant.
    fn object(&mut self, object: &PageObject, hint: &str, tag: Option<&str>) -> Json {
        let whole = PageType::Object(object.clone());
        let shape = whole.shape();
        let key = self.reuse_key(&whole);
        if let Some(name) = self.reuse(&key) {
            return Json::str(name);
        }
        if object.fields.is_empty() && !object.announced.is_empty() {
            self.notes.push(format!(
                "{hint}: the page names this object's members ({}) without listing them; the draft says `unknown`",
                object.announced.join(", ")
            ));
            return Json::str("unknown");
        }
        let model = self.name_from_page(&shape);
        let base = model.clone().unwrap_or_else(|| hint.to_owned());
        // Reserve the name before the fields, whose types are named after it.
        let name = self.fresh(&base);
        self.drafted_shapes.insert(key, name.clone());
        let mut fields = Json::object();
        for field in &object.fields {
            let is_tag = tag == Some(field.name.as_str());
            fields.push(&field.name, self.field(field, &name, is_tag));
        }
        // Named after a page's model another type has the name of (`Namespace` of KV and
        // of Durable Objects): the model is claimed by its page name.
        let page_name = model.filter(|model| *model != name);
        let def = Json::object()
            .with("kind", Json::str("object"))
            .with_some("description", self.named_description(&base).map(Json::str))
            .with_some("page_name", page_name.map(Json::str))
            .with("fields", fields);
        self.drafted.push((name.clone(), def));
        Json::str(name)
    }

    /// Adds `page_differs` of `kind` to the field `field` of the drafted object `name`.
    pub fn explain_field(&mut self, name: &str, field: &str, kind: &str, reason: &str) {
        let Some((_, def)) = self.drafted.iter_mut().find(|(n, _)| n == name) else {
            return;
        };
        let Some(field) = def.get_mut("fields").and_then(|f| f.get_mut(field)) else {
            return;
        };
        if field.get("page_differs").is_none() {
            field.push("page_differs", Json::object());
        }
        if let Some(differs) = field.get_mut("page_differs") {
            differs.set(kind, Json::str(reason));
        }
    }

    /// A page's field as a spec field of the object `owner`.
    pub(crate) fn field_json(&mut self, field: &PageField, owner: &str) -> Json {
        self.field(field, owner, false)
    }

    fn field(&mut self, field: &PageField, owner: &str, is_tag: bool) -> Json {
        let hint = format!("{owner}{}", field.name.to_upper_camel_case());
        // A lone string value stays a one-value enum: pages add values to those (the
        // Workers Builds page added "gitlab" beside "github"), and a new enum value is
        // additive where a changed constant would break. A union's tag is a constant.
        // A tag is a constant even where the page calls it optional: the variant is the
        // one carrying that value, and the union's fallback keeps any other.
        let constant =
            literal(field, is_tag).filter(|(kind, _)| is_tag || *kind != Primitive::String);
        let mut json = match constant {
            Some((kind, value)) => Json::object()
                .with("type", Json::str(kind.as_str()))
                .with("const", Json::Value(value.clone())),
            None => {
                let ty = self
                    .by_field_name(field)
                    .unwrap_or_else(|| self.expr(&field.ty, &hint));
                Json::object().with("type", ty)
            }
        };
        let unsettled = unsettled_type(&field.ty, json.get("type"));
        let null_in_samples = !field.nullable && self.samples.nulls.contains(&field.pos);
        let absent_in_samples = field.required && self.samples.absent.contains(&field.pos);
        if field.required && !absent_in_samples {
            json.push("required", Json::Value(Value::Bool(true)));
        }
        if field.read_only {
            json.push("read_only", Json::Value(Value::Bool(true)));
        }
        if field.nullable || null_in_samples {
            json.push("nullable", Json::Value(Value::Bool(true)));
        }
        if field.unique_items {
            json.push("unique_items", Json::Value(Value::Bool(true)));
        }
        value_rules(&mut json, field);
        json.with_some(
            "description",
            field
                .description
                .as_ref()
                .map(|d| Json::str(d.text.clone())),
        )
        .with_some("page_differs", {
            let mut differs = Json::object();
            if null_in_samples {
                differs.push(
                    "nullable",
                    Json::str("The page's samples send null for it, though its type does not say so."),
                );
            }
            if absent_in_samples {
                differs.push(
                    "required",
                    Json::str("The page's samples leave it out of the answer, though its type says it is always there."),
                );
            }
            if let Some(reason) = unsettled {
                differs.push("type", Json::str(reason));
            }
            (!differs.is_empty_object()).then_some(differs)
        })
    }

    /// A name for an object the page names, when it does: the name, or for several
    /// names of one shape (`DeployHookCreateResponse`, `DeployHookGetResponse`) the words
    /// they share (`DeployHook`).
    fn name_from_page(&self, shape: &Shape) -> Option<String> {
        let names: Vec<&str> = self
            .named
            .iter()
            .filter(|(named_shape, _)| named_shape == shape)
            .map(|(_, named)| named.name.as_str())
            .collect();
        match names.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            several => {
                let words: Vec<Vec<&str>> = several.iter().map(|n| camel_words(n)).collect();
                let common: Vec<&str> = words[0]
                    .iter()
                    .enumerate()
                    .take_while(|(i, word)| words.iter().all(|w| w.get(*i) == Some(word)))
                    .map(|(_, word)| *word)
                    .collect();
                (!common.is_empty()).then(|| common.concat())
            }
        }
    }

    fn named_description(&self, name: &str) -> Option<String> {
        self.named
            .iter()
            .find(|(_, named)| named.name == name)
            .and_then(|(_, named)| named.description.as_ref())
            .map(|d| d.text.clone())
    }

    fn enumeration(&mut self, values: &[EnumValue], hint: &str) -> Json {
        let strings: Option<Vec<&str>> = values.iter().map(|v| v.value.as_str()).collect();
        let Some(strings) = strings else {
            let kind = values
                .first()
                .and_then(|v| Primitive::of_literal(&v.value))
                .filter(|primitive| *primitive != Primitive::String)
                .unwrap_or(Primitive::Unknown);
            self.notes.push(format!(
                "{hint}: the page allows only {}; spec enums are strings, so the draft says `{kind}`",
                values.iter().map(|v| v.value.to_string()).collect::<Vec<_>>().join(", ")
            ));
            return Json::str(kind.as_str());
        };
        let shape = ReuseKey::plain(PageType::Enum(values.to_vec()).shape());
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        let listed = values
            .iter()
            .zip(&strings)
            .map(|(value, text)| match &value.description {
                Some(description) => Json::object()
                    .with("value", Json::str(*text))
                    .with("description", Json::str(description.text.clone())),
                None => Json::str(*text),
            })
            .collect();
        let def = Json::object()
            .with("kind", Json::str("enum"))
            .with("values", Json::Array(listed));
        self.define(shape, hint, def)
    }

    /// The envelope of a page's `Returns` (its object with `result_field` as the result),
    /// when it is not the service's own: the drafted envelope type's name. `None` when the
    /// service's envelope (`service_envelope`) has the same shape.
    pub fn envelope(
        &mut self,
        returns: &PageObject,
        result_field: &str,
        service_envelope: Option<&str>,
        hint: &str,
    ) -> Option<String> {
        let mut members = returns.clone();
        for field in &mut members.fields {
            if field.name == result_field {
                field.ty = PageType::Unknown;
                field.nullable = true;
            }
        }
        // The service's envelope may write a literal (`success: true`) as its primitive
        // type: a page that says the literal still answers in that envelope.
        let mut relaxed = members.clone();
        for field in &mut relaxed.fields {
            if let Some(ty) =
                literal(field, false).and_then(|(kind, _)| PageType::from_primitive(kind))
            {
                field.ty = ty;
            }
        }
        // Cloudflare's pages write `number` where the spec, after their samples, says
        // `integer` (error codes, paging counts): the same envelope either way.
        let page = PageType::Object(relaxed).shape().with_numbers_as_integers();
        let is_service_envelope = self.existing.iter().any(|(shape, name)| {
            Some(name.as_str()) == service_envelope && shape.with_numbers_as_integers() == page
        });
        if is_service_envelope {
            return None;
        }
        let name = self.object(&members, hint, None);
        match name {
            Json::Value(Value::String(name)) if Some(name.as_str()) != service_envelope => {
                Some(name)
            }
            _ => None,
        }
    }
}

/// A field whose type is one literal value (`success: true`, a union's tag
/// `action: "init"`): its primitive type and the value, as the spec's `const`. An optional
/// string literal is one only as a union's tag.
fn literal(field: &PageField, is_tag: bool) -> Option<(Primitive, &Value)> {
    let PageType::Enum(values) = &field.ty else {
        return None;
    };
    let [value] = values.as_slice() else {
        return None;
    };
    match Primitive::of_literal(&value.value)? {
        Primitive::String if !(field.required || is_tag) => None,
        primitive => Some((primitive, &value.value)),
    }
}

/// `DeployHookGetResponse` as `["Deploy", "Hook", "Get", "Response"]`.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// Why a field's drafted type is `unknown` where the page says more: a union the spec
/// cannot tell apart, or no type at all. The draft says it beside the field, for the
/// maintainer to settle or keep.
pub(super) fn unsettled_type(page: &PageType, drafted: Option<&Json>) -> Option<&'static str> {
    let inner = match page {
        PageType::Array(inner) | PageType::Map(inner) => inner.as_ref(),
        other => other,
    };
    let unknown = |json: Option<&Json>| {
        json.is_some_and(|j| {
            j.as_str() == Some("unknown")
                || j.get("array").and_then(Json::as_str) == Some("unknown")
                || j.get("map").and_then(Json::as_str) == Some("unknown")
        })
    };
    match inner {
        PageType::Union(_) if unknown(drafted) => Some(
            "The page says one of several shapes that neither a literal member nor their required members tell apart: the client keeps the value as JSON.",
        ),
        PageType::Unstated if unknown(drafted) => {
            Some("The page writes the field without a type: the client keeps the value as JSON.")
        }
        _ => None,
    }
}

/// The object and enum types of the spec's fields, by field name, where every field of
/// that name has the same type.
fn field_types(index: &Index<'_>) -> BTreeMap<String, FieldType> {
    let mut found: BTreeMap<String, Option<FieldType>> = BTreeMap::new();
    for def in index.types.values() {
        let TypeKind::Object(object) = &def.kind else {
            continue;
        };
        for field in &object.fields {
            let named = match &field.ty.kind {
                codegen_spec::spec::TypeExprKind::Named(name) => Some(name),
                codegen_spec::spec::TypeExprKind::Array(inner) => match &inner.kind {
                    codegen_spec::spec::TypeExprKind::Named(name) => Some(name),
                    _ => None,
                },
                _ => None,
            };
            let Some(members) = named.and_then(|name| {
                let target = index.resolve_name(name)?;
                Some(match &target.kind {
                    TypeKind::Object(o) => o.fields.iter().map(|f| f.name.value.clone()).collect(),
                    TypeKind::Enum(e) => e.values.iter().map(|v| v.value.value.clone()).collect(),
                    _ => return None,
                })
            }) else {
                continue;
            };
            let candidate = FieldType {
                name: named.cloned().unwrap_or_default(),
                members,
            };
            found
                .entry(field.name.value.clone())
                .and_modify(|slot| {
                    if slot
                        .as_ref()
                        .is_some_and(|known| known.name != candidate.name)
                    {
                        *slot = None;
                    }
                })
                .or_insert(Some(candidate));
        }
    }
    found
        .into_iter()
        .filter_map(|(name, ty)| Some((name, ty?)))
        .collect()
}

/// A field's or parameter's format, bounds and deprecation, as the page badges them.
pub(crate) fn value_rules(json: &mut Json, field: &PageField) {
    let badges = &field.badges;
    let is_string = matches!(field.ty, PageType::String);
    if let Some(format) = &badges.format
        && is_string
        && codegen_spec::spec::StringFormat::ALL
            .iter()
            .any(|(name, _)| *name == format.text)
    {
        json.push("format", Json::str(format.text.clone()));
    }
    for bound in &badges.bounds {
        json.push(
            bound.kind.name(),
            Json::Value(Value::Number(bound.value.clone())),
        );
    }
    if badges.deprecated.is_some() {
        json.push("deprecated", Json::Value(Value::Bool(true)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_words_split_at_capitals() {
        assert_eq!(
            camel_words("DeployHookGetResponse"),
            ["Deploy", "Hook", "Get", "Response"]
        );
        assert_eq!(camel_words("D1"), ["D1"]);
    }
}
