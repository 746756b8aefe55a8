//! Scripts, their versions, deployments, content and secrets.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Answer, Part, Refusal, State, now, sha256_hex, success};

/// The content types a Worker's module may be sent as (the upload page lists them).
const MODULE_TYPES: &[&str] = &[
    "application/javascript+module",
    "text/javascript+module",
    "application/javascript",
    "text/javascript",
    "text/x-python",
    "text/x-python-requirement",
    "application/wasm",
    "text/plain",
    "application/octet-stream",
    "application/source-map",
];

/// The content types of an ES module, which a main module must be.
const ES_MODULE_TYPES: &[&str] = &["application/javascript+module", "text/javascript+module"];

/// A script: its versions in order, its deployments in order, its secrets.
pub(super) struct Script {
    created_on: String,
    versions: Vec<Version>,
    deployments: Vec<Deployment>,
    secrets: BTreeMap<String, String>,
}

/// What an upload made: the files and the configuration of one version.
struct Version {
    id: String,
    number: u64,
    created_on: String,
    main_module: String,
    modules: Vec<Module>,
    bindings: Vec<Value>,
    compatibility_date: Option<String>,
}

struct Module {
    name: String,
    content_type: String,
    content: Vec<u8>,
}

/// A deployment: the versions a script serves, each with its share of the traffic.
struct Deployment {
    id: String,
    created_on: String,
    versions: Vec<(f64, String)>,
    message: Option<String>,
}

impl Version {
    fn main(&self) -> Option<&Module> {
        self.modules.iter().find(|m| m.name == self.main_module)
    }

    /// The hash of the main module's content.
    fn etag(&self) -> String {
        sha256_hex(self.main().map_or(&[][..], |m| &m.content))
    }

    /// The version as the versions pages show it. Secret bindings show no text.
    fn to_json(&self) -> Value {
        let bindings: Vec<Value> = self
            .bindings
            .iter()
            .map(|binding| {
                let mut binding = binding.clone();
                if let Some(binding) = binding
                    .as_object_mut()
                    .filter(|b| b.get("type").and_then(Value::as_str) == Some("secret_text"))
                {
                    binding.remove("text");
                }
                binding
            })
            .collect();
        json!({
            "id": self.id,
            "number": self.number,
            "metadata": {
                "created_on": self.created_on,
                "modified_on": self.created_on,
                "source": "api",
                "hasPreview": false,
            },
            "resources": {
                "bindings": bindings,
                "script": {"etag": self.etag(), "last_deployed_from": "api"},
                "script_runtime": {
                    "compatibility_date": self.compatibility_date,
                    "usage_model": "standard",
                },
            },
        })
    }
}

impl Script {
    /// The version the script serves: the one with the largest share of its last
    /// deployment.
    fn deployed(&self) -> Option<&Version> {
        let deployment = self.deployments.last()?;
        let (_, id) = deployment
            .versions
            .iter()
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        self.versions.iter().find(|v| &v.id == id)
    }

    #[cfg(test)]
    pub(super) fn secret(&self, name: &str) -> Option<String> {
        self.secrets.get(name).cloned()
    }

    #[cfg(test)]
    pub(super) fn deployed_number(&self) -> Option<u64> {
        self.deployed().map(|v| v.number)
    }
}

fn script<'a>(state: &'a mut State, name: &str) -> Result<&'a mut Script, Refusal> {
    state.scripts.get_mut(name).ok_or_else(|| {
        Refusal::not_found(format!(
            "This Worker does not exist on your account: {name}"
        ))
    })
}

/// `PUT /workers/scripts/{script}`: a new version of the script, deployed at once.
pub(super) fn upload(state: &mut State, name: &str, parts: Vec<Part>) -> Answer {
    let version = read_upload(state, name, parts)?;
    let deployment = Deployment {
        id: state.uuid("deployment"),
        created_on: now(),
        versions: vec![(100.0, version.id.clone())],
        message: None,
    };
    let etag = version.etag();
    let modified_on = version.created_on.clone();
    let compatibility_date = version.compatibility_date.clone();
    let script = state
        .scripts
        .entry(name.to_owned())
        .or_insert_with(|| Script {
            created_on: modified_on.clone(),
            versions: Vec::new(),
            deployments: Vec::new(),
            secrets: BTreeMap::new(),
        });
    script.versions.push(version);
    script.deployments.push(deployment);
    success(json!({
        "id": name,
        "tag": &sha256_hex(name.as_bytes())[..32],
        "etag": etag,
        "created_on": script.created_on,
        "modified_on": modified_on,
        "compatibility_date": compatibility_date,
        "has_assets": false,
        "has_modules": true,
        "last_deployed_from": "api",
        "logpush": false,
        "startup_time_ms": 0,
        "usage_model": "standard",
    }))
}

/// `POST /workers/scripts/{script}/versions`: a new version, not deployed.
pub(super) fn create_version(state: &mut State, name: &str, parts: Vec<Part>) -> Answer {
    script(state, name)?;
    let version = read_upload(state, name, parts)?;
    let mut answer = version.to_json();
    answer["startup_time_ms"] = json!(0);
    script(state, name)?.versions.push(version);
    success(answer)
}

/// `GET /workers/scripts/{script}/versions/{id}`.
pub(super) fn version(state: &mut State, name: &str, id: &str) -> Answer {
    let script = script(state, name)?;
    let version = script
        .versions
        .iter()
        .find(|v| v.id == id)
        .ok_or_else(|| Refusal::not_found(format!("{name} has no version {id}")))?;
    success(version.to_json())
}

/// The next version of `script`, from an upload's parts, checked as the platform checks
/// an upload: a metadata part naming the main module, which is among the files and is an
/// ES module; every file of a module's content type; bindings with names of their own,
/// whose KV namespaces exist.
fn read_upload(state: &mut State, script: &str, parts: Vec<Part>) -> Result<Version, Refusal> {
    let mut metadata = None;
    let mut modules: Vec<Module> = Vec::new();
    for part in parts {
        match (part.name.as_str(), part.filename) {
            ("metadata", None) => {
                let value: Value = serde_json::from_slice(&part.content).map_err(|error| {
                    Refusal::invalid(format!("the metadata part is not JSON: {error}"))
                })?;
                metadata = Some(value);
            }
            (_, Some(filename)) => {
                let content_type = part.content_type.unwrap_or_default();
                if !MODULE_TYPES.contains(&content_type.as_str()) {
                    return Err(Refusal::invalid(format!(
                        "{filename} is sent as {content_type:?}, not a module's content type"
                    )));
                }
                if modules.iter().any(|m| m.name == filename) {
                    return Err(Refusal::invalid(format!("two files are named {filename}")));
                }
                modules.push(Module {
                    name: filename,
                    content_type,
                    content: part.content.to_vec(),
                });
            }
            (name, None) => {
                return Err(Refusal::invalid(format!("unexpected part {name:?}")));
            }
        }
    }
    let metadata = metadata.ok_or_else(|| Refusal::invalid("the upload has no metadata part"))?;
    let main_module = main_module(&metadata, &modules)?;
    let bindings = bindings(state, &metadata)?;
    let number = state
        .scripts
        .get(script)
        .map_or(0, |s| s.versions.len() as u64)
        + 1;
    Ok(Version {
        id: state.uuid("version"),
        number,
        created_on: now(),
        main_module,
        modules,
        bindings,
        compatibility_date: metadata["compatibility_date"].as_str().map(str::to_owned),
    })
}

/// The metadata's main module, which must be one of the files, sent as an ES module.
fn main_module(metadata: &Value, modules: &[Module]) -> Result<String, Refusal> {
    let Some(name) = metadata["main_module"].as_str() else {
        return Err(Refusal::invalid(
            "the metadata names no main_module: the platform runs module Workers",
        ));
    };
    let module = modules.iter().find(|m| m.name == name).ok_or_else(|| {
        Refusal::invalid(format!(
            "No such module: the main module {name} is not among the files"
        ))
    })?;
    if !ES_MODULE_TYPES.contains(&module.content_type.as_str()) {
        return Err(Refusal::invalid(format!(
            "the main module {name} is sent as {:?}, not as an ES module (application/javascript+module)",
            module.content_type
        )));
    }
    Ok(name.to_owned())
}

/// The metadata's bindings: objects with a type and a name of their own; a KV binding's
/// namespace must exist.
fn bindings(state: &State, metadata: &Value) -> Result<Vec<Value>, Refusal> {
    let bindings = match &metadata["bindings"] {
        Value::Null => return Ok(Vec::new()),
        Value::Array(bindings) => bindings,
        _ => return Err(Refusal::invalid("bindings is not a list")),
    };
    let mut names = Vec::new();
    for binding in bindings {
        let (Some(kind), Some(name)) = (binding["type"].as_str(), binding["name"].as_str()) else {
            return Err(Refusal::invalid("a binding lacks its type or its name"));
        };
        if names.contains(&name) {
            return Err(Refusal::invalid(format!("two bindings are named {name}")));
        }
        names.push(name);
        if kind == "kv_namespace" {
            let id = binding["namespace_id"].as_str().unwrap_or_default();
            if !state.kv_namespaces.contains_key(id) {
                return Err(Refusal::invalid(format!(
                    "binding {name} names KV namespace {id:?}, which does not exist"
                )));
            }
        }
    }
    Ok(bindings.clone())
}

/// `POST /workers/scripts/{script}/deployments`: the versions to serve, by percentage.
pub(super) fn deploy(state: &mut State, name: &str, body: &Value) -> Answer {
    if body["strategy"] != "percentage" {
        return Err(Refusal::invalid("the strategy must be \"percentage\""));
    }
    let Some(requested) = body["versions"]
        .as_array()
        .filter(|v| (1..=2).contains(&v.len()))
    else {
        return Err(Refusal::invalid("a deployment names one or two versions"));
    };
    let id = state.uuid("deployment");
    let script = script(state, name)?;
    let mut versions = Vec::new();
    for version in requested {
        let (Some(percentage), Some(version_id)) = (
            version["percentage"].as_f64(),
            version["version_id"].as_str(),
        ) else {
            return Err(Refusal::invalid(
                "a version lacks its percentage or its version_id",
            ));
        };
        if !script.versions.iter().any(|v| v.id == version_id) {
            return Err(Refusal::invalid(format!(
                "{name} has no version {version_id}"
            )));
        }
        versions.push((percentage, version_id.to_owned()));
    }
    let total: f64 = versions.iter().map(|(percentage, _)| percentage).sum();
    if (total - 100.0).abs() > 1e-9 {
        return Err(Refusal::invalid(format!(
            "the percentages add up to {total}, not 100"
        )));
    }
    let deployment = Deployment {
        id,
        created_on: now(),
        versions,
        message: body["annotations"]["workers/message"]
            .as_str()
            .map(str::to_owned),
    };
    let answer = json!({
        "id": deployment.id,
        "created_on": deployment.created_on,
        "source": "api",
        "strategy": "percentage",
        "versions": deployment.versions.iter()
            .map(|(percentage, id)| json!({"percentage": percentage, "version_id": id}))
            .collect::<Vec<_>>(),
        "annotations": {"workers/message": deployment.message},
    });
    script.deployments.push(deployment);
    success(answer)
}

/// `GET /workers/scripts/{script}/content/v2`: the main module of the deployed version,
/// as raw bytes.
pub(super) fn deployed_content(state: &mut State, name: &str) -> Answer {
    let script = script(state, name)?;
    let module = script
        .deployed()
        .and_then(Version::main)
        .ok_or_else(|| Refusal::not_found(format!("{name} has no deployment")))?;
    Ok(wiremock::ResponseTemplate::new(200)
        .set_body_raw(module.content.clone(), &module.content_type))
}

/// `PUT /workers/scripts/{script}/secrets`: a secret text, kept; the answer names it and
/// shows no text. (Cloudflare also makes a version that carries the secret; the platform
/// keeps secrets beside the versions, which is all the tour reads.)
pub(super) fn put_secret(state: &mut State, name: &str, body: &Value) -> Answer {
    let script = script(state, name)?;
    if body["type"] != "secret_text" {
        return Err(Refusal::invalid(
            "the platform keeps secrets of type secret_text",
        ));
    }
    let (Some(secret), Some(text)) = (body["name"].as_str(), body["text"].as_str()) else {
        return Err(Refusal::invalid("a secret lacks its name or its text"));
    };
    let taken = script.deployed().is_some_and(|version| {
        version
            .bindings
            .iter()
            .any(|b| b["name"] == secret && b["type"] != "secret_text")
    });
    if secret.is_empty() || taken {
        return Err(Refusal::invalid(format!(
            "{secret:?} is not free for a secret"
        )));
    }
    script.secrets.insert(secret.to_owned(), text.to_owned());
    success(json!({"name": secret, "type": "secret_text"}))
}

/// `GET /workers/scripts/{script}/secrets`: the secrets' names, without their text.
pub(super) fn secrets(state: &mut State, name: &str) -> Answer {
    let script = script(state, name)?;
    let secrets: Vec<Value> = script
        .secrets
        .keys()
        .map(|secret| json!({"name": secret, "type": "secret_text"}))
        .collect();
    success(Value::Array(secrets))
}
