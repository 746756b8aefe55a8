//! Every example checked against its declared type: a member the type lacks, a value of
//! the wrong kind, a missing required field, an enum value the type does not list, a
//! `null` the type does not allow, and a read-only field in a request.

use std::sync::Arc;

use crate::diagnostics::suggestion;
use crate::diagnostics::{Diagnostic, JsonPath, Loc, Sink};
use crate::json::describe;
use crate::json::{Node, Value};
use crate::spec::resolve::{Index, Resolved};
use crate::spec::*;

pub(super) fn check(index: &Index<'_>, sink: &mut Sink) {
    for (file, op) in index.service.operations() {
        let envelope = index.service.envelope_of(file, op);
        let mut checker = Checker {
            index,
            file: op.loc.file.clone(),
            errors: Vec::new(),
            direction: Direction::Request,
        };
        for param in op
            .path_params
            .iter()
            .chain(&op.query_params)
            .chain(&op.header_params)
        {
            if let Some(example) = &param.example {
                checker.value(&param.ty, example, &param.loc.path.key("example"));
            }
        }
        for example in &op.examples {
            checker.example(op, example, envelope);
        }
        for error in checker.errors {
            sink.push(error);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

struct Checker<'i, 'a> {
    index: &'i Index<'a>,
    file: Arc<str>,
    errors: Vec<Diagnostic>,
    direction: Direction,
}

impl<'a> Checker<'_, 'a> {
    fn error(&mut self, node: &Node, path: &JsonPath, message: impl Into<String>) {
        let loc = Loc {
            file: self.file.clone(),
            pos: node.pos,
            path: path.clone(),
        };
        self.errors.push(loc.error(message));
    }

    fn example(&mut self, op: &'a Operation, example: &'a Example, envelope: Option<&'a Envelope>) {
        let base = &example.loc.path;
        self.direction = Direction::Request;
        self.params(
            &op.path_params,
            &example.request.path,
            &base.key("request").key("path"),
            "path",
        );
        self.params(
            &op.query_params,
            &example.request.query,
            &base.key("request").key("query"),
            "query",
        );
        self.header_params(op, example);
        let body_path = base.key("request").key("body");
        match (&op.body, &example.request.body) {
            (Some(body), Some(node)) => {
                self.variant_value(&body.ty, body.variant.as_ref(), node, &body_path)
            }
            (None, Some(node)) => self.error(
                node,
                &body_path,
                "the operation has no request body, but the example sends one",
            ),
            (Some(body), None) if body.required => self.errors.push(
                example
                    .loc
                    .error("the operation has a request body, but the example sends none"),
            ),
            (Some(_) | None, None) => {}
        }
        self.direction = Direction::Response;
        let response = &example.response;
        let is_success = (200..300).contains(&response.status.value);
        if is_success && response.status.value != op.response.status.value {
            self.errors.push(response.status.loc.error(format!(
                "the example answers {}, but the operation's success status is {}",
                response.status.value, op.response.status.value
            )));
        }
        let Some(node) = &response.body else {
            return;
        };
        let path = base.key("response").key("body");
        let Some(result_type) = &op.response.ty else {
            if is_success {
                self.error(
                    node,
                    &path,
                    "the operation answers without a body (its response has no type), and the example has one",
                );
            }
            return;
        };
        match envelope {
            Some(envelope) => self.envelope(envelope, op, result_type, is_success, node, &path),
            None if is_success => {
                self.variant_value(result_type, op.response.variant.as_ref(), node, &path)
            }
            None => {}
        }
    }

    /// Checks the parameter values of an example: all required ones given, none unknown.
    fn params(
        &mut self,
        params: &'a [Param],
        values: &'a [(Spanned<String>, Node)],
        path: &JsonPath,
        place: &str,
    ) {
        for (name, node) in values {
            match params.iter().find(|p| p.name.value == name.value) {
                Some(param) => self.value(&param.ty, node, &path.key(name)),
                None => {
                    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
                    self.errors.push(name.loc.error(format!(
                        "\"{}\" is not a {place} parameter of the operation{}",
                        name.value,
                        suggestion(name, names.iter().copied())
                    )));
                }
            }
        }
        for param in params.iter().filter(|p| p.required) {
            if !values
                .iter()
                .any(|(name, _)| name.value == param.name.value)
            {
                let loc = Loc {
                    file: self.file.clone(),
                    pos: values.first().map_or(param.loc.pos, |(n, _)| n.loc.pos),
                    path: path.clone(),
                };
                self.errors.push(loc.error(format!(
                    "the example gives no value for the required {place} parameter \"{}\"",
                    param.name.value
                )));
            }
        }
    }

    /// Each header parameter's value in the example's headers (names compared without case),
    /// read as its type: a required one must be there.
    fn header_params(&mut self, op: &'a Operation, example: &'a Example) {
        for param in &op.header_params {
            let found = example
                .request
                .headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(&param.name));
            let Some((name, value)) = found else {
                if param.required {
                    self.errors.push(example.loc.error(format!(
                        "the example gives no value for the required header parameter \"{}\"",
                        param.name.value
                    )));
                }
                continue;
            };
            let resolved = self.index.resolve(&param.ty);
            let fits = match &resolved {
                Resolved::Primitive(Primitive::Integer) => value.trim().parse::<i64>().is_ok(),
                Resolved::Primitive(Primitive::Number) => value.trim().parse::<f64>().is_ok(),
                Resolved::Primitive(Primitive::Boolean) => matches!(value.trim(), "true" | "false"),
                Resolved::Enum(_, e) => e.values.iter().any(|v| v.value.value == *value),
                _ => true,
            };
            if !fits {
                let expected = match &resolved {
                    Resolved::Enum(def, e) => {
                        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
                        format!("a value of {} ({})", def.name.value, values.join(", "))
                    }
                    other => other.json_kind().to_owned(),
                };
                self.errors.push(name.loc.error(format!(
                    "header \"{}\" is \"{value}\", but the parameter is {expected}",
                    name.value
                )));
            }
        }
    }

    /// A response body in the service's envelope: its result is the operation's type.
    fn envelope(
        &mut self,
        envelope: &'a Envelope,
        op: &'a Operation,
        result_type: &'a TypeExpr,
        is_success: bool,
        node: &Node,
        path: &JsonPath,
    ) {
        let Some(TypeKind::Object(object)) = self.index.resolve_name(&envelope.ty).map(|d| &d.kind)
        else {
            return;
        };
        let Value::Object(members) = &node.value else {
            self.error(
                node,
                path,
                format!(
                    "expected the envelope {} (an object), found {}",
                    envelope.ty.value,
                    node.kind()
                ),
            );
            return;
        };
        self.object_fields(&envelope.ty, object, members, node, path);
        if let Some(member) = members.iter().find(|m| m.key == envelope.result.value) {
            let result_path = path.key(&member.key);
            // A failed call's result is whatever the server sends, typically null.
            if is_success && !matches!(member.value.value, Value::Null) {
                self.variant_value(
                    result_type,
                    op.response.variant.as_ref(),
                    &member.value,
                    &result_path,
                );
            } else if is_success && !self.accepts_null(result_type) {
                self.error(
                    &member.value,
                    &result_path,
                    "the result is null, but the operation's result type does not allow null",
                );
            }
        }
    }

    fn accepts_null(&self, ty: &TypeExpr) -> bool {
        matches!(
            self.index.resolve(ty),
            Resolved::Primitive(Primitive::Unknown)
        )
    }

    /// A value of `ty`, which for a tagged union may be fixed to one `variant`.
    fn variant_value(
        &mut self,
        ty: &'a TypeExpr,
        variant: Option<&Spanned<String>>,
        node: &Node,
        path: &JsonPath,
    ) {
        let (Some(variant), Resolved::TaggedUnion(_, union)) = (variant, self.index.resolve(ty))
        else {
            self.value(ty, node, path);
            return;
        };
        let Some(chosen) = union
            .variants
            .iter()
            .find(|v| v.value.value == variant.value)
        else {
            return;
        };
        let tag = match &node.value {
            Value::Object(members) => members.iter().find(|m| m.key == union.tag.value),
            _ => None,
        };
        match tag {
            Some(member) if member.value.as_str() != Some(&chosen.value) => self.error(
                &member.value,
                &path.key(&member.key),
                format!(
                    "this operation sends the variant \"{}\", but the example's {} is {}",
                    chosen.value.value,
                    union.tag.value,
                    describe(&member.value)
                ),
            ),
            None if self.direction == Direction::Request => self.error(
                node,
                path,
                format!(
                    "the request carries the tag \"{}\": \"{}\", and the example lacks it",
                    union.tag.value, chosen.value.value
                ),
            ),
            _ => {}
        }
        self.named_object(&chosen.ty, node, path, Some(&union.tag.value));
    }

    /// A value of the type expression `ty`.
    fn value(&mut self, ty: &'a TypeExpr, node: &Node, path: &JsonPath) {
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

    fn named_object(&mut self, name: &str, node: &Node, path: &JsonPath, tag: Option<&str>) {
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
    fn object_fields(
        &mut self,
        name: &str,
        object: &'a ObjectDef,
        members: &[crate::json::Member],
        node: &Node,
        path: &JsonPath,
    ) {
        let fields = self.index.wire_fields(object);
        for member in members {
            let member_path = path.key(&member.key);
            let Some(field) = fields.iter().find(|f| f.name.value == member.key) else {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let loc = member.key_loc(&self.file, member_path);
                self.errors.push(loc.error(format!(
                    "\"{}\" is not a field of {name}{}",
                    member.key,
                    suggestion(&member.key, names.iter().copied())
                )));
                continue;
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
                continue;
            }
            if matches!(member.value.value, Value::Null) {
                if !field.nullable && !self.accepts_null(&field.ty) {
                    self.error(
                        &member.value,
                        &member_path,
                        format!("\"{}\" is null, but the field is not nullable", member.key),
                    );
                }
                continue;
            }
            self.value(&field.ty, &member.value, &member_path);
            if field.unique_items {
                self.unique_items(&member.value, &member_path);
            }
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
