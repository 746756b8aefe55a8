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

mod values;

pub(super) fn check(index: &Index<'_>, sink: &mut Sink) {
    for (file, op) in index.service.operations() {
        let envelope = index.service.envelope_of(file, op);
        let mut checker = Checker {
            index,
            file: op.loc.file.clone(),
            errors: Vec::new(),
            direction: Direction::Request,
        };
        for (_, param) in op.all_params() {
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
}
