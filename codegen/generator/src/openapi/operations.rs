//! Paths and operations: parameters, bodies, responses and examples, with spec operations
//! that share a path and method merged into one.

use serde_json::{Map, Value, json};

use super::extensions::{pagination_json, source_json};
use super::{ERROR_RANGES, ERROR_RESPONSE, Exporter, JSON, OCTET_STREAM, OpRef, insert_opt};
use codegen_spec::spec::{
    Body, Example, Header, Operation, Param, QueryStyle, SpecFile, TypeExpr, TypeExprKind,
};

/// An OpenAPI parameter being assembled: where and what, and how many of the merged
/// operations have it.
pub(super) struct ParamSlot {
    location: &'static str,
    key: String,
    param: Map<String, Value>,
    count: usize,
}

impl Exporter<'_> {
    pub(super) fn operation_id(file: &SpecFile, op: &Operation) -> String {
        match &file.resource {
            Some(resource) => format!("{}_{}", resource.value, op.id.value),
            None => op.id.value.clone(),
        }
    }

    pub(super) fn paths(&self) -> Value {
        // Operations grouped by path and method, in the spec's order.
        let mut groups: Vec<((&str, &str), Vec<OpRef<'_>>)> = Vec::new();
        for (file, op) in self.service.operations() {
            let key = (op.path.value.as_str(), op.method.as_str());
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ops)) => ops.push((file, op)),
                None => groups.push((key, vec![(file, op)])),
            }
        }
        let mut paths = Map::new();
        for ((path, method), ops) in groups {
            let operation = self.operation(&ops);
            let item = paths
                .entry(path.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(item) = item.as_object_mut() {
                item.insert(method.to_lowercase(), operation);
            }
        }
        Value::Object(paths)
    }

    /// One OpenAPI operation for the spec operations that share its path and method.
    pub(super) fn operation(&self, ops: &[OpRef<'_>]) -> Value {
        let merged = ops.len() > 1;
        let ids: Vec<String> = ops
            .iter()
            .map(|(file, op)| Self::operation_id(file, op))
            .collect();
        let mut out = Map::new();
        if let [(file, op)] = ops {
            out.insert("operationId".into(), json!(ids[0]));
            out.insert("summary".into(), json!(op.summary));
            insert_opt(&mut out, "description", op.description.as_ref());
            if let Some(resource) = &file.resource {
                out.insert("tags".into(), json!([resource.value]));
            }
        } else {
            // `<resource>_<first>_or_<second>`, the resource written once when shared.
            let resource_of = |file: &SpecFile| file.resource.as_ref().map(|r| r.value.clone());
            let first_resource = resource_of(ops[0].0);
            let mut id = ids[0].clone();
            for ((file, op), full) in ops[1..].iter().zip(&ids[1..]) {
                id.push_str("_or_");
                if resource_of(file) == first_resource {
                    id.push_str(&op.id.value);
                } else {
                    id.push_str(full);
                }
            }
            out.insert("operationId".into(), json!(id));
            let summaries: Vec<&str> = ops.iter().map(|(_, op)| op.summary.as_str()).collect();
            out.insert("summary".into(), json!(summaries.join(" | ")));
            let mut description = format!(
                "{} operations of the spec share this path and method; the request body tells them apart:\n",
                ops.len()
            );
            for ((_, op), id) in ops.iter().zip(&ids) {
                description.push_str(&format!("\n- `{id}` ({})", op.summary));
                if let Some(text) = &op.description {
                    description.push_str(": ");
                    description.push_str(text);
                }
            }
            out.insert("description".into(), json!(description));
            let mut tags: Vec<&str> = Vec::new();
            for (file, _) in ops {
                if let Some(resource) = &file.resource
                    && !tags.contains(&resource.value.as_str())
                {
                    tags.push(&resource.value);
                }
            }
            if !tags.is_empty() {
                out.insert("tags".into(), json!(tags));
            }
        }

        let parameters = self.parameters(ops);
        if !parameters.is_empty() {
            out.insert("parameters".into(), Value::Array(parameters));
        }
        if let Some(body) = self.request_body(ops, &ids) {
            out.insert("requestBody".into(), body);
        }
        out.insert("responses".into(), self.responses(ops, &ids));

        let mut scopes: Vec<&str> = Vec::new();
        for (_, op) in ops {
            for scope in &op.scopes {
                if !scopes.contains(&scope.as_str()) {
                    scopes.push(scope);
                }
            }
        }
        if !scopes.is_empty() {
            out.insert("x-scopes".into(), json!(scopes));
        }
        let mut permissions: Vec<&str> = Vec::new();
        for (_, op) in ops {
            for permission in &op.permissions {
                if !permissions.contains(&permission.as_str()) {
                    permissions.push(permission);
                }
            }
        }
        if !permissions.is_empty() {
            out.insert("x-permissions".into(), json!(permissions));
        }
        if ops.iter().all(|(_, op)| op.deprecated.is_some()) {
            out.insert("deprecated".into(), json!(true));
        }
        // An operation that needs no credentials overrides the document's security.
        if ops.iter().all(|(_, op)| !op.authenticated) {
            out.insert("security".into(), json!([]));
        }
        if let [(_, op)] = ops
            && let Some(pagination) = self.pagination(op)
        {
            out.insert("x-pagination".into(), pagination);
        }
        if let [(file, _)] = ops {
            out.insert("x-source".into(), source_json(&file.source));
        }
        if merged {
            let entries: Vec<Value> = ops
                .iter()
                .zip(&ids)
                .map(|((file, op), id)| {
                    let mut entry = Map::new();
                    entry.insert("operationId".into(), json!(id));
                    entry.insert("summary".into(), json!(op.summary));
                    insert_opt(&mut entry, "description", op.description.as_ref());
                    if !op.scopes.is_empty() {
                        entry.insert("x-scopes".into(), json!(op.scopes));
                    }
                    if let Some(body) = &op.body {
                        entry.insert(
                            "requestBody".into(),
                            self.payload_schema(
                                &body.ty,
                                body.variant.as_ref().map(|v| v.value.as_str()),
                            ),
                        );
                    }
                    entry.insert(
                        "response".into(),
                        json!({
                            "status": op.response.status.value,
                            "schema": op.response.ty.as_ref().map(|ty| self.payload_schema(
                                ty,
                                op.response.variant.as_ref().map(|v| v.value.as_str()),
                            )),
                        }),
                    );
                    if let Some(pagination) = self.pagination(op) {
                        entry.insert("x-pagination".into(), pagination);
                    }
                    entry.insert("x-source".into(), source_json(&file.source));
                    Value::Object(entry)
                })
                .collect();
            out.insert("x-operations".into(), Value::Array(entries));
        }
        Value::Object(out)
    }

    pub(super) fn parameters(&self, ops: &[OpRef<'_>]) -> Vec<Value> {
        // (in, name) -> parameter, in order of first appearance.
        let mut params: Vec<ParamSlot> = Vec::new();
        let mut add = |location: &'static str, name: &str, param: Map<String, Value>| {
            // Header names are case-insensitive.
            let key = name.to_ascii_lowercase();
            match params
                .iter_mut()
                .find(|slot| slot.location == location && slot.key == key)
            {
                Some(slot) => slot.count += 1,
                None => params.push(ParamSlot {
                    location,
                    key,
                    param,
                    count: 1,
                }),
            }
        };
        for (_, op) in ops {
            for (location, list) in [
                ("path", &op.path_params),
                ("query", &op.query_params),
                ("header", &op.header_params),
            ] {
                for param in list {
                    add(location, &param.name.value, self.parameter(location, param));
                }
            }
            // The operation's fixed headers, then the service's that it does not override.
            for header in &op.headers {
                add("header", &header.name.value, fixed_header(header));
            }
            for header in &self.definition.headers {
                if !op
                    .headers
                    .iter()
                    .any(|h| h.name.value.eq_ignore_ascii_case(&header.name.value))
                {
                    add("header", &header.name.value, fixed_header(header));
                }
            }
        }
        params
            .into_iter()
            .map(|mut slot| {
                // A parameter that not every merged operation has is optional.
                if slot.location != "path" && slot.count < ops.len() {
                    slot.param.insert("required".into(), json!(false));
                }
                Value::Object(slot.param)
            })
            .collect()
    }

    pub(super) fn parameter(&self, location: &str, param: &Param) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("name".into(), json!(param.name.value));
        out.insert("in".into(), json!(location));
        if param.secret {
            out.insert("x-secret".into(), json!(true));
        }
        insert_opt(&mut out, "description", param.description.as_ref());
        out.insert(
            "required".into(),
            json!(location == "path" || param.required),
        );
        let mut schema = self.expr_schema(&param.ty);
        if let Some(map) = schema.as_object_mut() {
            if let Some(format) = &param.format {
                map.insert("format".into(), json!(format.value.name()));
            }
            super::schemas::insert_bounds(map, &param.bounds);
        }
        out.insert("schema".into(), schema);
        if param.deprecated.is_some() {
            out.insert("deprecated".into(), json!(true));
        }
        // An array is `name=a&name=b` (form, exploded) or `name=a,b` (form, not exploded).
        if matches!(param.ty.kind, TypeExprKind::Array(_)) {
            let comma = param
                .style
                .as_ref()
                .is_some_and(|s| s.value == QueryStyle::Comma);
            out.insert("style".into(), json!("form"));
            out.insert("explode".into(), json!(!comma));
        }
        if let Some(example) = &param.example {
            out.insert("example".into(), example.to_json());
        }
        out
    }

    pub(super) fn pagination(&self, op: &Operation) -> Option<Value> {
        let pagination = op.pagination.as_ref()?;
        let mut out = Map::new();
        out.insert("scheme".into(), json!(pagination.scheme.value));
        if let Some((_, scheme)) = self
            .definition
            .pagination
            .iter()
            .find(|(name, _)| name.value == pagination.scheme.value)
            && let Value::Object(details) = pagination_json(scheme)
        {
            out.extend(details);
        }
        if let Some(items) = &pagination.items {
            out.insert("items".into(), json!(items.value));
        }
        Some(Value::Object(out))
    }

    pub(super) fn request_body(&self, ops: &[OpRef<'_>], ids: &[String]) -> Option<Value> {
        let bodies: Vec<(&Body, &Operation, &String)> = ops
            .iter()
            .zip(ids)
            .filter_map(|((_, op), id)| op.body.as_ref().map(|body| (body, *op, id)))
            .collect();
        if bodies.is_empty() {
            return None;
        }
        let payloads: Vec<(&TypeExpr, Option<&str>)> = bodies
            .iter()
            .map(|(body, _, _)| (&body.ty, body.variant.as_ref().map(|v| v.value.as_str())))
            .collect();
        let mut media = Map::new();
        media.insert("schema".into(), self.payloads_schema(&payloads));
        let examples: Vec<(&String, &Operation, Value)> = bodies
            .iter()
            .filter_map(|(_, op, id)| {
                let example = op.examples.first()?;
                Some((*id, *op, example.request.body.as_ref()?.to_json()))
            })
            .collect();
        insert_examples(&mut media, examples, ops.len() > 1);
        let mut body = Map::new();
        let descriptions: Vec<&String> = bodies
            .iter()
            .filter_map(|(body, _, _)| body.description.as_ref())
            .collect();
        if let [description] = descriptions.as_slice() {
            body.insert("description".into(), json!(description));
        } else if !descriptions.is_empty() {
            let text: Vec<&str> = descriptions.iter().map(|d| d.as_str()).collect();
            body.insert("description".into(), json!(text.join("\n\n")));
        }
        let required = bodies.len() == ops.len() && bodies.iter().all(|(b, _, _)| b.required);
        body.insert("required".into(), json!(required));
        // Operations that share a path and method send their bodies the same way.
        let content_type = bodies
            .first()
            .map_or(JSON, |(body, _, _)| body.content_type.content_type());
        body.insert(
            "content".into(),
            json!({ content_type: Value::Object(media) }),
        );
        Some(Value::Object(body))
    }

    pub(super) fn responses(&self, ops: &[OpRef<'_>], ids: &[String]) -> Value {
        let mut statuses: Vec<u16> = Vec::new();
        for (_, op) in ops {
            if !statuses.contains(&op.response.status.value) {
                statuses.push(op.response.status.value);
            }
        }
        // Operations that share a path and method share their resource, and its envelope;
        // a raw answer is its bytes (`format: binary`), as they are.
        let media_type = match ops.first() {
            Some((_, op)) if op.response.is_raw() => OCTET_STREAM,
            _ => JSON,
        };
        let envelope = ops.first().and_then(|(file, op)| {
            op.response
                .ty
                .as_ref()
                .and(self.service.envelope_of(file, op))
        });
        let mut responses = Map::new();
        for status in statuses {
            let members: Vec<(&Operation, &String)> = ops
                .iter()
                .zip(ids)
                .filter(|((_, op), _)| op.response.status.value == status)
                .map(|((_, op), id)| (*op, id))
                .collect();
            let payloads: Vec<(&TypeExpr, Option<&str>)> = members
                .iter()
                .filter_map(|(op, _)| {
                    Some((
                        op.response.ty.as_ref()?,
                        op.response.variant.as_ref().map(|v| v.value.as_str()),
                    ))
                })
                .collect();
            let mut media = Map::new();
            media.insert(
                "schema".into(),
                self.response_schema(envelope, self.payloads_schema(&payloads)),
            );
            let examples: Vec<(&String, &Operation, Value)> = members
                .iter()
                .filter_map(|(op, id)| {
                    let example: &Example = op.examples.first()?;
                    if example.response.status.value != status {
                        return None;
                    }
                    Some((*id, *op, example.response.body.as_ref()?.to_json()))
                })
                .collect();
            insert_examples(&mut media, examples, ops.len() > 1);
            let descriptions: Vec<&str> = members
                .iter()
                .filter_map(|(op, _)| op.response.description.as_deref())
                .collect();
            let description = if descriptions.is_empty() {
                let what = match envelope {
                    Some(envelope) => format!(
                        "Success: the envelope, with the result in `{}`.",
                        envelope.result.value
                    ),
                    None if payloads.is_empty() => "Success, without a body.".to_owned(),
                    None if media_type == OCTET_STREAM => {
                        "Success: the result's raw bytes, not JSON.".to_owned()
                    }
                    None => "Success: the result.".to_owned(),
                };
                match envelope {
                    Some(envelope) => match &envelope.success {
                        Some(success) => format!(
                            "{what} A `{}` of `false` means the call failed all the same.",
                            success.value
                        ),
                        None => what,
                    },
                    None => what,
                }
            } else {
                descriptions.join("\n\n")
            };
            let mut response = Map::new();
            response.insert("description".into(), json!(description));
            if let Some(headers) = self.rate_limit_header_refs() {
                response.insert("headers".into(), headers);
            }
            // A response without a body (`204 No Content`) has no content.
            if !payloads.is_empty() {
                response.insert(
                    "content".into(),
                    json!({ media_type: Value::Object(media) }),
                );
            }
            responses.insert(status.to_string(), Value::Object(response));
        }
        // Errors as the 4XX and 5XX ranges rather than `default`: generators such as
        // progenitor read `default` as a possible success too.
        for range in ERROR_RANGES {
            responses.insert(
                range.into(),
                json!({ "$ref": format!("#/components/responses/{ERROR_RESPONSE}") }),
            );
        }
        Value::Object(responses)
    }
}

/// Examples on a media type: `example` for one operation, named `examples` for several.
pub(super) fn insert_examples(
    media: &mut Map<String, Value>,
    examples: Vec<(&String, &Operation, Value)>,
    merged: bool,
) {
    if !merged {
        if let Some((_, _, value)) = examples.into_iter().next() {
            media.insert("example".into(), value);
        }
        return;
    }
    let named: Map<String, Value> = examples
        .into_iter()
        .map(|(id, op, value)| {
            let mut example = Map::new();
            example.insert("summary".into(), json!(op.summary));
            if let Some(first) = op.examples.first() {
                insert_opt(&mut example, "description", first.note.as_ref());
            }
            example.insert("value".into(), value);
            (id.clone(), Value::Object(example))
        })
        .collect();
    if !named.is_empty() {
        media.insert("examples".into(), Value::Object(named));
    }
}

/// A fixed header as a required parameter that takes exactly its value.
pub(super) fn fixed_header(header: &Header) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("name".into(), json!(header.name.value));
    out.insert("in".into(), json!("header"));
    insert_opt(&mut out, "description", header.description.as_ref());
    out.insert("required".into(), json!(true));
    out.insert(
        "schema".into(),
        json!({ "type": "string", "enum": [header.value] }),
    );
    out.insert("example".into(), json!(header.value));
    out
}
