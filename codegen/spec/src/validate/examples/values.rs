//! A value against its type, down through objects, arrays, maps, enums and unions.

use super::{Checker, Direction};
use crate::diagnostics::JsonPath;
use crate::diagnostics::suggestion;
use crate::json::describe;
use crate::json::{Node, Value};
use crate::spec::resolve::Resolved;
use crate::spec::*;

impl<'a> Checker<'_, 'a> {
    /// A value of the type expression `ty`.
    pub(super) fn value(&mut self, ty: &'a TypeExpr, node: &Node, path: &JsonPath) {
        let resolved = self.index.resolve(ty);
        // A union takes null when one of its variants does: its variants say.
        if matches!(node.value, Value::Null)
            && !matches!(
                resolved,
                Resolved::Primitive(Primitive::Unknown) | Resolved::Union(..) | Resolved::Invalid
            )
        {
            self.error(
                node,
                path,
                format!("expected {}, found null", resolved.json_kind()),
            );
            return;
        }
        match resolved {
            Resolved::Invalid | Resolved::Primitive(Primitive::Unknown) => {}
            Resolved::Primitive(primitive) => self.primitive(primitive, node, path),
            Resolved::Enum(def, e) => match node.as_str() {
                Some(s) if e.values.iter().any(|v| v.value.value == s) => {}
                Some(s) => {
                    let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                    self.error(
                        node,
                        path,
                        format!(
                            "\"{s}\" is not a value of {}; its values are {}{}",
                            def.name.value,
                            values.join(", "),
                            suggestion(s, values.iter().copied())
                        ),
                    );
                }
                None => self.error(
                    node,
                    path,
                    format!(
                        "expected a value of {} (a string), found {}",
                        def.name.value,
                        describe(node)
                    ),
                ),
            },
            Resolved::Object(def, object) => self.object_value(def, object, node, path, None),
            Resolved::Union(def, union) => self.union(def, union, node, path),
            Resolved::TaggedUnion(def, union) => self.tagged_union(def, union, node, path),
            Resolved::Array(item) => match &node.value {
                Value::Array(items) => {
                    for (i, item_node) in items.iter().enumerate() {
                        self.value(item, item_node, &path.index(i));
                    }
                }
                _ => self.error(
                    node,
                    path,
                    format!("expected an array, found {}", describe(node)),
                ),
            },
            Resolved::Map(value_ty) => match &node.value {
                Value::Object(members) => {
                    for member in members {
                        self.value(value_ty, &member.value, &path.key(&member.key));
                    }
                }
                _ => self.error(
                    node,
                    path,
                    format!("expected an object (a map), found {}", describe(node)),
                ),
            },
        }
    }

    fn primitive(&mut self, primitive: Primitive, node: &Node, path: &JsonPath) {
        if primitive == Primitive::File {
            self.file(node, path);
            return;
        }
        let ok = match (&node.value, primitive) {
            (Value::String(_), Primitive::String | Primitive::Bytes)
            | (Value::Bool(_), Primitive::Boolean)
            | (Value::Number(_), Primitive::Number) => true,
            (Value::Number(n), Primitive::Integer) => n.is_i64() || n.is_u64(),
            _ => false,
        };
        if !ok {
            let expected = Resolved::Primitive(primitive).json_kind();
            self.error(
                node,
                path,
                format!("expected {expected}, found {}", describe(node)),
            );
        }
    }

    /// A file part as examples write it: `{filename, content_type, content}`, all strings,
    /// `content_type` optional.
    fn file(&mut self, node: &Node, path: &JsonPath) {
        let Value::Object(members) = &node.value else {
            self.error(
                node,
                path,
                format!(
                    "expected a file, {{\"filename\", \"content_type\", \"content\"}}, found {}",
                    describe(node)
                ),
            );
            return;
        };
        for member in members {
            let known = ["filename", "content_type", "content"].contains(&member.key.as_str());
            if !known || member.value.as_str().is_none() {
                self.error(
                    &member.value,
                    &path.key(&member.key),
                    format!(
                        "a file has the strings \"filename\", \"content_type\" and \"content\"; found \"{}\": {}",
                        member.key,
                        describe(&member.value)
                    ),
                );
            }
        }
        for required in ["filename", "content"] {
            if !members.iter().any(|m| m.key == required) {
                self.error(node, path, format!("the file has no \"{required}\""));
            }
        }
    }

    pub(super) fn named_object(
        &mut self,
        name: &str,
        node: &Node,
        path: &JsonPath,
        tag: Option<&str>,
    ) {
        let Some(def) = self.index.resolve_name(name) else {
            return;
        };
        let TypeKind::Object(object) = &def.kind else {
            return;
        };
        self.object_value(def, object, node, path, tag);
    }

    /// An object value of the object type `def`; `tag` is the tag a tagged union writes
    /// beside the variant's own fields.
    fn object_value(
        &mut self,
        def: &TypeDef,
        object: &'a ObjectDef,
        node: &Node,
        path: &JsonPath,
        tag: Option<&str>,
    ) {
        let Value::Object(members) = &node.value else {
            let expected = format!("expected {} (an object)", def.name.value);
            self.error(node, path, format!("{expected}, found {}", describe(node)));
            return;
        };
        // The union writes the tag; a variant type that does not declare it as a field
        // does not see it.
        let fields = self.index.wire_fields(object);
        match tag.filter(|t| !fields.iter().any(|f| f.name.value == *t)) {
            None => self.object_fields(&def.name, object, members, node, path),
            Some(hidden) => {
                let members: Vec<_> = members
                    .iter()
                    .filter(|m| m.key != hidden)
                    .cloned()
                    .collect();
                self.object_fields(&def.name, object, &members, node, path);
            }
        }
    }

    /// The members of an object value against the object type's wire fields.
    pub(super) fn object_fields(
        &mut self,
        name: &str,
        object: &'a ObjectDef,
        members: &[crate::json::Member],
        node: &Node,
        path: &JsonPath,
    ) {
        let fields = self.index.wire_fields(object);
        for member in members {
            self.member(name, &fields, member, path);
        }
        // A request leaves read-only fields out, even required ones.
        let is_request = self.direction == Direction::Request;
        for field in fields
            .iter()
            .filter(|f| f.required && !(f.read_only && is_request))
        {
            if !members.iter().any(|m| m.key == field.name.value) {
                self.error(
                    node,
                    path,
                    format!("missing required field \"{}\" of {name}", field.name.value),
                );
            }
        }
        if !object.require_one_of.is_empty()
            && !object.require_one_of.iter().any(|n| {
                members
                    .iter()
                    .any(|m| m.key == n.value && !matches!(m.value.value, Value::Null))
            })
        {
            let names: Vec<&str> = object.require_one_of.iter().map(|n| n.as_str()).collect();
            self.error(
                node,
                path,
                format!("{name} needs at least one of {}", names.join(", ")),
            );
        }
    }

    /// One member of an object of `fields`: a field of it, of the field's type, constant
    /// and nullability.
    fn member(
        &mut self,
        name: &str,
        fields: &[&'a FieldDef],
        member: &crate::json::Member,
        path: &JsonPath,
    ) {
        let member_path = path.key(&member.key);
        let Some(field) = fields.iter().find(|f| f.name.value == member.key) else {
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let loc = member.key_loc(&self.file, member_path);
            self.errors.push(loc.error(format!(
                "\"{}\" is not a field of {name}{}",
                member.key,
                suggestion(&member.key, names.iter().copied())
            )));
            return;
        };
        if field.read_only && self.direction == Direction::Request {
            self.error(
                &member.value,
                &member_path,
                format!(
                    "\"{}\" is read-only: the server sets it, a request cannot",
                    member.key
                ),
            );
        }
        if let Some(constant) = &field.constant {
            if member.value.to_json() != constant.value {
                self.error(
                    &member.value,
                    &member_path,
                    format!(
                        "field \"{}\" is always {}, found {}",
                        member.key,
                        constant.value,
                        describe(&member.value)
                    ),
                );
            }
            return;
        }
        if matches!(member.value.value, Value::Null) {
            if !field.nullable && !self.accepts_null(&field.ty) {
                self.error(
                    &member.value,
                    &member_path,
                    format!("\"{}\" is null, but the field is not nullable", member.key),
                );
            }
            return;
        }
        self.value(&field.ty, &member.value, &member_path);
        if field.unique_items {
            self.unique_items(&member.value, &member_path);
        }
    }

    fn unique_items(&mut self, node: &Node, path: &JsonPath) {
        let Value::Array(items) = &node.value else {
            return;
        };
        let values: Vec<serde_json::Value> = items.iter().map(Node::to_json).collect();
        for (i, value) in values.iter().enumerate() {
            if values[..i].contains(value) {
                self.error(
                    &items[i],
                    &path.index(i),
                    format!("{value} repeats an earlier item, and the items must be unique"),
                );
            }
        }
    }

    fn union(&mut self, def: &TypeDef, union: &'a UnionDef, node: &Node, path: &JsonPath) {
        let before = self.errors.len();
        for variant in &union.variants {
            self.value(&variant.ty, node, path);
            if self.errors.len() == before {
                return;
            }
            self.errors.truncate(before);
        }
        let kinds: Vec<String> = union
            .variants
            .iter()
            .map(|v| {
                format!(
                    "{} ({})",
                    v.name.value,
                    self.index.resolve(&v.ty).json_kind()
                )
            })
            .collect();
        self.error(
            node,
            path,
            format!(
                "{} matches no variant of {}: {}",
                describe(node),
                def.name.value,
                kinds.join(", ")
            ),
        );
    }

    fn tagged_union(
        &mut self,
        def: &TypeDef,
        union: &'a TaggedUnionDef,
        node: &Node,
        path: &JsonPath,
    ) {
        let Value::Object(members) = &node.value else {
            self.error(
                node,
                path,
                format!(
                    "expected {} (an object), found {}",
                    def.name.value,
                    describe(node)
                ),
            );
            return;
        };
        let tag = members.iter().find(|m| m.key == union.tag.value);
        let variant = tag
            .and_then(|m| m.value.as_str())
            .and_then(|value| union.variants.iter().find(|v| v.value.value == value));
        match (variant, tag) {
            (Some(variant), _) => {
                self.named_object(&variant.ty, node, path, Some(&union.tag.value))
            }
            // Values with other tags are kept as raw JSON.
            (None, _) if union.fallback => {}
            (None, Some(member)) => {
                let values: Vec<&str> = union.variants.iter().map(|v| v.value.as_str()).collect();
                self.error(
                    &member.value,
                    &path.key(&member.key),
                    format!(
                        "{} is not a variant of {}; its variants are {}",
                        describe(&member.value),
                        def.name.value,
                        values.join(", ")
                    ),
                );
            }
            (None, None) => self.error(
                node,
                path,
                format!(
                    "{} needs the tag field \"{}\"",
                    def.name.value, union.tag.value
                ),
            ),
        }
    }
}
