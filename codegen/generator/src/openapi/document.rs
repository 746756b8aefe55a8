//! The document's frame: info, servers, tags, components and the service-wide extensions.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::extensions::{pagination_json, rate_limit_json};
use super::{
    API_KEY_EMAIL_SCHEME, API_KEY_SCHEME, DOCUMENT_VERSION, ERROR_RESPONSE, Exporter, JSON,
    OPENAPI_VERSION, SECURITY_SCHEME, insert_opt, reference,
};
use codegen_spec::spec::RateLimit;
use codegen_spec::spec::template::Template;

impl Exporter<'_> {
    pub(super) fn document(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("openapi".into(), json!(OPENAPI_VERSION));
        doc.insert("info".into(), self.info());
        doc.insert("servers".into(), self.servers());
        let mut security = vec![json!({ SECURITY_SCHEME: [] })];
        if self.definition.auth.api_key().is_some() {
            security.push(json!({ API_KEY_EMAIL_SCHEME: [], API_KEY_SCHEME: [] }));
        }
        doc.insert("security".into(), Value::Array(security));
        doc.insert("tags".into(), self.tags());
        doc.insert("paths".into(), self.paths());
        doc.insert("components".into(), self.components());
        if let Some(envelope) = &self.definition.envelope {
            let mut roles = Map::new();
            roles.insert("type".into(), json!(envelope.ty.value));
            roles.insert("result".into(), json!(envelope.result.value));
            for (key, role) in [
                ("success", &envelope.success),
                ("errors", &envelope.errors),
                ("messages", &envelope.messages),
                ("result_info", &envelope.result_info),
            ] {
                if let Some(role) = role {
                    roles.insert(key.into(), json!(role.value));
                }
            }
            doc.insert("x-envelope".into(), Value::Object(roles));
        }
        let error = &self.definition.error;
        let mut roles = Map::new();
        roles.insert("type".into(), json!(error.ty.value));
        roles.insert("errors".into(), json!(error.errors.value));
        if let Some(code) = &error.code {
            roles.insert("code".into(), json!(code.value));
        }
        roles.insert("message".into(), json!(error.message.value));
        doc.insert("x-error".into(), Value::Object(roles));
        if let Some(rate_limit) = &self.definition.rate_limit {
            doc.insert("x-rate-limit".into(), rate_limit_json(rate_limit));
        }
        if !self.definition.pagination.is_empty() {
            let schemes: Map<String, Value> = self
                .definition
                .pagination
                .iter()
                .map(|(name, scheme)| (name.value.clone(), pagination_json(scheme)))
                .collect();
            doc.insert("x-pagination-schemes".into(), Value::Object(schemes));
        }
        Value::Object(doc)
    }

    pub(super) fn info(&self) -> Value {
        let mut info = Map::new();
        info.insert("title".into(), json!(self.definition.title));
        insert_opt(
            &mut info,
            "description",
            self.definition.description.as_ref(),
        );
        info.insert("version".into(), json!(DOCUMENT_VERSION));
        info.insert(
            "x-exported-from".into(),
            json!(format!(
                "spec/{}: exported by `cargo xtask openapi` from the hand-written spec; edit the spec, not this document",
                self.service.name
            )),
        );
        info.insert(
            "x-environment".into(),
            json!({
                "token": self.definition.environment.token,
                "base_url": self.definition.environment.base_url,
            }),
        );
        Value::Object(info)
    }

    /// The base URLs, the default first (tools use the first server).
    pub(super) fn servers(&self) -> Value {
        let mut urls: Vec<_> = self.definition.base_urls.iter().collect();
        urls.sort_by_key(|url| !url.default);
        let servers = urls
            .into_iter()
            .map(|base| {
                let mut server = Map::new();
                server.insert("url".into(), json!(base.url.value));
                insert_opt(&mut server, "description", base.description.as_ref());
                let variables: Map<String, Value> = template_variables(&base.url)
                    .into_iter()
                    .map(|var| {
                        let default = if var == "host" {
                            format!("{}.example.com", self.service.name)
                        } else {
                            "example".to_owned()
                        };
                        let mut description = format!("`{var}` of the {} server", base.name.value);
                        if let Some(text) = &base.description {
                            description.push_str(": ");
                            description.push_str(text);
                        }
                        (
                            var,
                            json!({ "default": default, "description": description }),
                        )
                    })
                    .collect();
                if !variables.is_empty() {
                    server.insert("variables".into(), Value::Object(variables));
                }
                server.insert("x-name".into(), json!(base.name.value));
                if base.default {
                    server.insert("x-default".into(), json!(true));
                }
                Value::Object(server)
            })
            .collect();
        Value::Array(servers)
    }

    /// One tag per resource, in the order the files name them.
    pub(super) fn tags(&self) -> Value {
        let mut seen = BTreeSet::new();
        let mut tags = Vec::new();
        for file in &self.service.files {
            let Some(resource) = &file.resource else {
                continue;
            };
            if !seen.insert(resource.value.as_str()) {
                continue;
            }
            let description = self
                .service
                .files
                .iter()
                .filter(|f| f.resource.as_ref().map(|r| r.value.as_str()) == Some(&resource.value))
                .find_map(|f| f.description.as_ref());
            let mut tag = Map::new();
            tag.insert("name".into(), json!(resource.value));
            insert_opt(&mut tag, "description", description);
            tags.push(Value::Object(tag));
        }
        Value::Array(tags)
    }

    pub(super) fn components(&self) -> Value {
        let mut schemas: Map<String, Value> = self
            .types
            .iter()
            .map(|(name, (file, def))| ((*name).to_owned(), self.type_schema(file, def)))
            .collect();
        for (name, schema) in &self.extra_schemas {
            schemas.insert(name.clone(), schema.clone());
        }
        let mut components = Map::new();
        components.insert("schemas".into(), Value::Object(schemas));

        let mut bearer = Map::new();
        bearer.insert("type".into(), json!("http"));
        bearer.insert("scheme".into(), json!("bearer"));
        insert_opt(
            &mut bearer,
            "description",
            self.definition
                .auth
                .description()
                .map(str::to_owned)
                .as_ref(),
        );
        let mut schemes = Map::new();
        schemes.insert(SECURITY_SCHEME.into(), Value::Object(bearer));
        if let Some(key) = self.definition.auth.api_key() {
            // The account's email and API key: two headers, sent together.
            schemes.insert(
                API_KEY_EMAIL_SCHEME.into(),
                json!({ "type": "apiKey", "in": "header", "name": key.email_header.value }),
            );
            schemes.insert(
                API_KEY_SCHEME.into(),
                json!({ "type": "apiKey", "in": "header", "name": key.key_header.value }),
            );
        }
        components.insert("securitySchemes".into(), Value::Object(schemes));

        let mut error = Map::new();
        error.insert(
            "description".into(),
            json!(format!(
                "An error: the body is `{}`; its `{}` lists the errors.",
                self.definition.error.ty.value, self.definition.error.errors.value
            )),
        );
        if let Some(headers) = self.rate_limit_header_refs() {
            error.insert("headers".into(), headers);
        }
        error.insert(
            "content".into(),
            json!({ JSON: { "schema": reference(&self.definition.error.ty.value) } }),
        );
        components.insert(
            "responses".into(),
            json!({ ERROR_RESPONSE: Value::Object(error) }),
        );

        if let Some(rate_limit) = &self.definition.rate_limit {
            components.insert("headers".into(), rate_limit_headers(rate_limit));
        }
        Value::Object(components)
    }

    pub(super) fn rate_limit_header_refs(&self) -> Option<Value> {
        let names = match self.definition.rate_limit.as_ref()? {
            RateLimit::Separate {
                limit_header,
                remaining_header,
                reset_header,
                ..
            } => vec![limit_header, remaining_header, reset_header],
            RateLimit::Structured {
                header,
                policy_header,
                ..
            } => std::iter::once(header).chain(policy_header).collect(),
        };
        let refs: Map<String, Value> = names
            .into_iter()
            .map(|name| {
                (
                    name.clone(),
                    json!({ "$ref": format!("#/components/headers/{name}") }),
                )
            })
            .collect();
        Some(Value::Object(refs))
    }
}

/// The `{variables}` of a URL template, in order, each once.
pub(super) fn template_variables(url: &str) -> Vec<String> {
    let mut variables: Vec<String> = Vec::new();
    for name in Template::parse(url).iter().flat_map(Template::variables) {
        if !variables.iter().any(|v| v == name) {
            variables.push(name.to_owned());
        }
    }
    variables
}

pub(super) fn rate_limit_headers(rate_limit: &RateLimit) -> Value {
    let with = |text: &str, description: &Option<String>| match description {
        Some(more) => format!("{text} {more}"),
        None => text.to_owned(),
    };
    match rate_limit {
        RateLimit::Separate {
            limit_header,
            remaining_header,
            reset_header,
            description,
        } => json!({
            limit_header: {
                "description": with("The number of requests allowed in the current window.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
            remaining_header: {
                "description": with("The number of requests left in the current window.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
            reset_header: {
                "description": with("When the current window resets, as a Unix time in seconds.", description),
                "schema": { "type": "integer", "format": "int64" },
            },
        }),
        RateLimit::Structured {
            header,
            policy_header,
            description,
        } => {
            let mut out = Map::new();
            out.insert(
                header.clone(),
                json!({
                    "description": with(
                        "The IETF `RateLimit` header: the requests remaining and the seconds until the window resets (`\"default\";r=50;t=30`).",
                        description,
                    ),
                    "schema": { "type": "string" },
                }),
            );
            if let Some(policy) = policy_header {
                out.insert(
                    policy.clone(),
                    json!({
                        "description": with(
                            "The IETF `RateLimit-Policy` header: the quota and the window in seconds (`\"default\";q=1200;w=300`).",
                            description,
                        ),
                        "schema": { "type": "string" },
                    }),
                );
            }
            Value::Object(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::template_variables;

    #[test]
    fn finds_template_variables() {
        assert_eq!(template_variables("https://{host}/api"), vec!["host"]);
        assert_eq!(template_variables("https://{a}.x/{b}/{a}"), vec!["a", "b"]);
        assert!(template_variables("https://api.buddy.works").is_empty());
    }
}
