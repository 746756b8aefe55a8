//! The types of a draft: each of the page's types becomes a spec type expression,
//! reusing a type the spec already has when it has the same shape, and naming new
//! objects and enums after the page's own names where it gives them.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;
use serde_json::Value;

use crate::docs::json::Json;
use crate::pages::{EnumValue, NamedType, PageField, PageObject, PageType, UnionVariant};
use codegen_spec::diagnostics::Pos;
use codegen_spec::spec::resolve::{Index, Resolved};
use codegen_spec::spec::{Primitive, TypeExpr, TypeKind};

/// How deep a shape is followed: deeper than any page nests, shallow enough that a
/// cycle of spec types ends.
const MAX_DEPTH: usize = 24;

/// The types a draft defines, and the spec's it reuses.
pub(crate) struct Types<'a> {
    /// The shapes of the spec's objects and enums, to their names.
    existing: BTreeMap<String, String>,
    /// Every type name in use, the spec's and the draft's.
    taken: BTreeSet<String>,
    /// The draft's new types, in the order they were made.
    pub drafted: Vec<(String, Json)>,
    drafted_shapes: BTreeMap<String, String>,
    /// The page's named types, by shape, for naming objects after them.
    named: Vec<(String, &'a NamedType)>,
    /// What a maintainer must look at.
    pub notes: Vec<String>,
    /// Where the page lists fields that its samples send as `null`.
    pub null_in_samples: Vec<Pos>,
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
                        .entry(spec_shape(index, &expr, 0))
                        .or_insert_with(|| (*name).to_owned());
                }
            }
        }
        let named = named.iter().map(|n| (page_shape(&n.ty), n)).collect();
        Self {
            existing,
            taken,
            drafted: Vec::new(),
            drafted_shapes: BTreeMap::new(),
            named,
            notes: Vec::new(),
            null_in_samples: Vec::new(),
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
        match ty {
            PageType::String => Json::str("string"),
            PageType::Integer => Json::str("integer"),
            PageType::Number => Json::str("number"),
            PageType::Boolean => Json::str("boolean"),
            PageType::Unknown | PageType::Unstated => Json::str("unknown"),
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

    /// The name of an existing or drafted type of the same shape, if any.
    fn reuse(&self, shape: &str) -> Option<String> {
        self.existing
            .get(shape)
            .or_else(|| self.drafted_shapes.get(shape))
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

    fn define(&mut self, shape: String, base: &str, def: Json) -> Json {
        let name = self.fresh(base);
        self.drafted_shapes.insert(shape, name.clone());
        self.drafted.push((name.clone(), def));
        Json::str(name)
    }

    /// `tag`: the field that tells this object apart in a tagged union, a constant.
    fn object(&mut self, object: &PageObject, hint: &str, tag: Option<&str>) -> Json {
        let shape = page_shape(&PageType::Object(object.clone()));
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        if object.fields.is_empty() && !object.announced.is_empty() {
            self.notes.push(format!(
                "{hint}: the page names this object's members ({}) without listing them; the draft says `unknown`",
                object.announced.join(", ")
            ));
            return Json::str("unknown");
        }
        let base = self
            .name_from_page(&shape)
            .unwrap_or_else(|| hint.to_owned());
        // Reserve the name before the fields, whose types are named after it.
        let name = self.fresh(&base);
        self.drafted_shapes.insert(shape, name.clone());
        let mut fields = Json::object();
        for field in &object.fields {
            let is_tag = tag == Some(field.name.as_str());
            fields.push(&field.name, self.field(field, &name, is_tag));
        }
        let def = Json::object()
            .with("kind", Json::str("object"))
            .with_some("description", self.named_description(&name).map(Json::str))
            .with("fields", fields);
        self.drafted.push((name.clone(), def));
        Json::str(name)
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
        let constant = literal(field).filter(|(kind, _)| is_tag || *kind != "string");
        let mut json = match constant {
            Some((kind, value)) => Json::object()
                .with("type", Json::str(kind))
                .with("const", Json::Value(value.clone())),
            None => {
                let ty = self
                    .by_field_name(field)
                    .unwrap_or_else(|| self.expr(&field.ty, &hint));
                Json::object().with("type", ty)
            }
        };
        if field.required {
            json.push("required", Json::Value(Value::Bool(true)));
        }
        if field.read_only {
            json.push("read_only", Json::Value(Value::Bool(true)));
        }
        let null_in_samples = !field.nullable && self.null_in_samples.contains(&field.pos);
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
        .with_some(
            "page_differs",
            null_in_samples.then(|| {
                Json::object().with(
                    "nullable",
                    Json::str(
                        "The page's samples send null for it, though its type does not say so.",
                    ),
                )
            }),
        )
    }

    /// A name for an object the page names, when it does: the name, or for several
    /// names of one shape (`DeployHookCreateResponse`, `DeployHookGetResponse`) the words
    /// they share (`DeployHook`).
    fn name_from_page(&self, shape: &str) -> Option<String> {
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
            let kind = match values.first().map(|v| &v.value) {
                Some(Value::Bool(_)) => "boolean",
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
                Some(Value::Number(_)) => "number",
                _ => "unknown",
            };
            self.notes.push(format!(
                "{hint}: the page allows only {}; spec enums are strings, so the draft says `{kind}`",
                values.iter().map(|v| v.value.to_string()).collect::<Vec<_>>().join(", ")
            ));
            return Json::str(kind);
        };
        let shape = page_shape(&PageType::Enum(values.to_vec()));
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

    fn union(&mut self, variants: &[UnionVariant], hint: &str) -> Json {
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
        // Scalars told apart by their JSON kind, and `unknown` last, which takes the rest.
        let scalar = variants.iter().all(|v| {
            matches!(
                v.ty,
                PageType::String
                    | PageType::Integer
                    | PageType::Number
                    | PageType::Boolean
                    | PageType::Unknown
            )
        });
        let unknown_last = variants
            .iter()
            .position(|v| v.ty == PageType::Unknown)
            .is_none_or(|i| i + 1 == variants.len());
        if !scalar || !unknown_last {
            self.notes.push(format!(
                "{hint}: the page says one of several shapes the spec cannot tell apart; the draft says `unknown`"
            ));
            return Json::str("unknown");
        }
        let shape = page_shape(&PageType::Union(variants.to_vec()));
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        let mut listed = Vec::new();
        for variant in variants {
            let ty = self.expr(&variant.ty, hint);
            let name = match &variant.ty {
                PageType::String => "Text",
                PageType::Integer => "Integer",
                PageType::Number => "Number",
                PageType::Unknown => "Other",
                _ => "Boolean",
            };
            listed.push(
                Json::object()
                    .with("name", Json::str(name))
                    .with("type", ty)
                    .with_some(
                        "description",
                        variant
                            .description
                            .as_ref()
                            .map(|d| Json::str(d.text.clone())),
                    ),
            );
        }
        let def = Json::object()
            .with("kind", Json::str("union"))
            .with("variants", Json::Array(listed));
        self.define(shape, hint, def)
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
        let shape = page_shape(&PageType::Union(variants.to_vec()));
        if let Some(name) = self.reuse(&shape) {
            return Json::str(name);
        }
        let name = self.fresh(hint);
        self.drafted_shapes.insert(shape, name.clone());
        let variant_name = |object: &PageObject, i: usize| {
            object
                .name
                .clone()
                .unwrap_or_else(|| format!("Variant{}", i + 1))
        };
        if let Some(tag) = literal_tag(objects) {
            let mut listed = Vec::new();
            for (i, object) in objects.iter().enumerate() {
                let value = object
                    .fields
                    .iter()
                    .find(|f| f.name == tag)
                    .and_then(|f| literal(f).and_then(|(_, v)| v.as_str().map(str::to_owned)))
                    .unwrap_or_default();
                let ty = self.object(
                    object,
                    &format!("{name}{}", variant_name(object, i)),
                    Some(&tag),
                );
                listed.push(
                    Json::object()
                        .with("value", Json::str(value))
                        .with("type", ty)
                        .with_some("name", object.name.clone().map(Json::str)),
                );
            }
            let def = Json::object()
                .with("kind", Json::str("tagged_union"))
                .with("tag", Json::str(tag))
                .with("variants", Json::Array(listed));
            self.drafted.push((name.clone(), def));
            return Json::str(name);
        }
        let Some(order) = order_by_required_fields(objects) else {
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
            listed.push(
                Json::object()
                    .with("name", Json::str(variant))
                    .with("type", ty)
                    .with_some(
                        "description",
                        variants[i]
                            .description
                            .as_ref()
                            .map(|d| Json::str(d.text.clone())),
                    ),
            );
        }
        let def = Json::object()
            .with("kind", Json::str("union"))
            .with("variants", Json::Array(listed));
        self.drafted.push((name.clone(), def));
        Json::str(name)
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
                field.required = true;
            }
        }
        // The service's envelope may write a literal (`success: true`) as its primitive
        // type: a page that says the literal still answers in that envelope.
        let mut relaxed = members.clone();
        for field in &mut relaxed.fields {
            if let Some((kind, _)) = literal(field) {
                field.ty = match kind {
                    "boolean" => PageType::Boolean,
                    "integer" => PageType::Integer,
                    "number" => PageType::Number,
                    _ => PageType::String,
                };
            }
        }
        // Cloudflare's pages write `number` where the spec, after their samples, says
        // `integer` (error codes, paging counts): the same envelope either way.
        let loose = |shape: &str| shape.replace("number", "integer");
        let page = loose(&page_shape(&PageType::Object(relaxed)));
        let is_service_envelope = self
            .existing
            .iter()
            .any(|(shape, name)| Some(name.as_str()) == service_envelope && loose(shape) == page);
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
/// string literal is never one.
fn literal(field: &PageField) -> Option<(&'static str, &Value)> {
    let PageType::Enum(values) = &field.ty else {
        return None;
    };
    let [value] = values.as_slice() else {
        return None;
    };
    match &value.value {
        Value::Bool(_) => Some(("boolean", &value.value)),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(("integer", &value.value)),
        Value::Number(_) => Some(("number", &value.value)),
        Value::String(_) if field.required => Some(("string", &value.value)),
        _ => None,
    }
}

/// A field every object has, required, each with a different literal string value: the
/// tag of a tagged union.
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
                    let field = object.fields.iter().find(|f| f.name == name)?;
                    literal(field).and_then(|(_, v)| v.as_str().map(str::to_owned))
                })
                .collect();
            let values = values?;
            let distinct: BTreeSet<&String> = values.iter().collect();
            (distinct.len() == values.len()).then(|| name.to_owned())
        })
}

/// An order of the objects in which each requires a field every later one lacks, so that
/// trying them in turn tells them apart; `None` when there is none.
fn order_by_required_fields(objects: &[&PageObject]) -> Option<Vec<usize>> {
    let mut left: Vec<usize> = (0..objects.len()).collect();
    let mut order = Vec::new();
    while !left.is_empty() {
        let next = left.iter().position(|&i| {
            left.iter().filter(|&&j| j != i).all(|&j| {
                objects[i]
                    .fields
                    .iter()
                    .any(|f| f.required && !objects[j].fields.iter().any(|g| g.name == f.name))
            })
        })?;
        order.push(left.remove(next));
    }
    Some(order)
}

/// The fields of `ty` whose value in `sample` is `null`, by where the page lists them.
pub(super) fn null_fields(ty: &PageType, sample: &Value, out: &mut Vec<Pos>) {
    match (ty, sample) {
        (PageType::Object(object), Value::Object(members)) => {
            for field in &object.fields {
                match members.get(&field.name) {
                    Some(Value::Null) => out.push(field.pos),
                    Some(value) => null_fields(&field.ty, value, out),
                    None => {}
                }
            }
        }
        (PageType::Array(item), Value::Array(items)) => {
            for value in items {
                null_fields(item, value, out);
            }
        }
        (PageType::Map(item), Value::Object(members)) => {
            for value in members.values() {
                null_fields(item, value, out);
            }
        }
        _ => {}
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

/// A page type's shape: equal for types that decode the same JSON the same way,
/// descriptions and positions aside.
pub(super) fn page_shape(ty: &PageType) -> String {
    match ty {
        PageType::String => "string".into(),
        PageType::Integer => "integer".into(),
        PageType::Number => "number".into(),
        PageType::Boolean => "boolean".into(),
        PageType::Unknown => "unknown".into(),
        PageType::Unstated => "unstated".into(),
        PageType::Enum(values) => {
            let mut values: Vec<String> = values.iter().map(|v| v.value.to_string()).collect();
            values.sort();
            format!("enum({})", values.join(","))
        }
        PageType::Array(item) => format!("array({})", page_shape(item)),
        PageType::Map(item) => format!("map({})", page_shape(item)),
        PageType::Object(object) => {
            let mut fields: Vec<String> = object
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}{}:{}",
                        f.name,
                        if f.required { "!" } else { "?" },
                        page_shape(&f.ty)
                    )
                })
                .collect();
            fields.sort();
            format!("object{{{}}}", fields.join(","))
        }
        PageType::Union(variants) => {
            let mut kinds: Vec<String> = variants.iter().map(|v| page_shape(&v.ty)).collect();
            kinds.sort();
            format!("union({})", kinds.join("|"))
        }
        PageType::Named(name) => name.clone(),
    }
}

/// A spec type's shape, in the terms of [`page_shape`].
pub(super) fn spec_shape(index: &Index<'_>, expr: &TypeExpr, depth: usize) -> String {
    if depth > MAX_DEPTH {
        return "…".into();
    }
    match index.resolve(expr) {
        Resolved::Primitive(p) => match p {
            Primitive::String => "string",
            Primitive::Integer => "integer",
            Primitive::Number => "number",
            Primitive::Boolean => "boolean",
            Primitive::Unknown => "unknown",
            Primitive::Bytes => "bytes",
            Primitive::File => "file",
        }
        .into(),
        Resolved::Enum(_, def) => {
            let mut values: Vec<String> = def
                .values
                .iter()
                .map(|v| Value::String(v.value.value.clone()).to_string())
                .collect();
            values.sort();
            format!("enum({})", values.join(","))
        }
        Resolved::Array(item) => format!("array({})", spec_shape(index, item, depth + 1)),
        Resolved::Map(item) => format!("map({})", spec_shape(index, item, depth + 1)),
        Resolved::Object(_, object) => {
            let mut fields: Vec<String> = index
                .wire_fields(object)
                .iter()
                .map(|f| {
                    format!(
                        "{}{}:{}",
                        f.name.value,
                        if f.required { "!" } else { "?" },
                        spec_shape(index, &f.ty, depth + 1)
                    )
                })
                .collect();
            fields.sort();
            format!("object{{{}}}", fields.join(","))
        }
        Resolved::Union(_, union) => {
            let mut kinds: Vec<String> = union
                .variants
                .iter()
                .map(|v| spec_shape(index, &v.ty, depth + 1))
                .collect();
            kinds.sort();
            format!("union({})", kinds.join("|"))
        }
        Resolved::TaggedUnion(def, _) => format!("tagged({})", def.name.value),
        Resolved::Invalid => "invalid".into(),
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
