//! Deploying a Worker through the client, the way a user does: a KV namespace, a script
//! uploaded as an ES module bound to it, a new version, a deployment of that version, a
//! secret, then the platform's storage: a KV value as bytes, a D1 query, a queue message.
//! Each step checks what the platform answers, and reads back what it wrote; a failed check
//! ends the part with an error that says what differed. The secret's value is sent once
//! and shown nowhere.

use std::error::Error;
use std::fmt::Write as _;
use std::io::Write;

use generated_client::FilePart;
use generated_client::cloudflare::{
    CloudflareClient, CreateANamespaceRequest, CreateD1DatabaseRequest, CreateDeploymentRequest,
    CreateDeploymentRequestAnnotations, CreateDeploymentRequestStrategy,
    CreateDeploymentRequestVersions, CreateQueueRequest, PatchMultipleScriptSecretsResult,
    PushMessageBatchRequestMessagesMqQueueMessageText, QueryD1DatabaseRequest,
    QueryD1DatabaseRequestD1SingleQuery, UploadVersionRequest, UploadVersionRequestMetadata,
    UploadVersionRequestMetadataAnnotations, UploadVersionRequestMetadataBindings,
    UploadWorkerModuleRequest, UploadWorkerModuleRequestMetadata,
    UploadWorkerModuleRequestMetadataBindings,
    UploadWorkerModuleRequestMetadataBindingsKVNamespace,
    UploadWorkerModuleRequestMetadataBindingsKVNamespaceRequired,
    UploadWorkerModuleRequestMetadataBindingsSecretText,
    UploadWorkerModuleRequestMetadataBindingsSecretTextRequired,
    WriteKeyValuePairWithOptionalMetadataRequest,
};
use serde_json::{Value, json};

use crate::{ACCOUNT, SCRIPT};

/// The Worker's main module, by name.
pub const MAIN_MODULE: &str = "worker.js";
/// The name under which the Worker reads its KV namespace.
pub const KV_BINDING: &str = "TOUR_KV";
/// The secret's name; its value is the caller's.
pub const SECRET_NAME: &str = "API_TOKEN";
/// The KV key written and read back: a `/` in it travels percent-encoded.
pub const KV_KEY: &str = "blobs/tour.bin";
/// The bytes written under [`KV_KEY`]: not UTF-8, with the CR LF and dashes that a
/// multipart body puts between its parts.
pub const KV_BYTES: &[u8] = b"\x00\xff\xfe\r\n--\xc3\x28 tour";
/// The D1 query, with two parameters.
pub const SQL: &str = "SELECT ? AS script, ? AS version;";

/// The first upload's module.
pub const FIRST_WORKER: &str = r#"export default {
  async fetch(request, env) {
    return new Response("Hello from the tour");
  },
};
"#;

/// The module of the version the tour deploys: it reads the greeting from KV.
pub const SECOND_WORKER: &str = r#"export default {
  async fetch(request, env) {
    const greeting = await env.TOUR_KV.get("greeting");
    return new Response(greeting ?? "Hello again from the tour");
  },
};
"#;

type Outcome<T = ()> = Result<T, Box<dyn Error>>;

/// Fails with `failure()` unless `holds`.
fn check(holds: bool, failure: impl FnOnce() -> String) -> Outcome {
    if holds {
        Ok(())
    } else {
        Err(format!("check failed: {}", failure()).into())
    }
}

/// Deploys a Worker named [`SCRIPT`] in account [`ACCOUNT`] with `client`, putting
/// `secret` as its secret [`SECRET_NAME`]; narrates each step on `out`.
pub async fn run(client: &CloudflareClient, secret: &str, out: &mut dyn Write) -> Outcome {
    writeln!(
        out,
        "\n== Cloudflare Workers: deploy a Worker, step by step"
    )?;
    let namespace = create_kv_namespace(client, out).await?;
    upload_script(client, &namespace, out).await?;
    let version = create_version(client, &namespace, out).await?;
    deploy_version(client, &version, out).await?;
    put_secret(client, secret, out).await?;
    kv_round_trip(client, &namespace, out).await?;
    d1_query(client, &version, out).await?;
    send_message(client, &version, out).await
}

/// A version the tour created: its id, and its number among the script's versions.
struct Version {
    id: String,
    number: f64,
}

async fn create_kv_namespace(client: &CloudflareClient, out: &mut dyn Write) -> Outcome<String> {
    let title = "tour-kv";
    let namespace = client
        .kv_namespaces()
        .create(ACCOUNT, CreateANamespaceRequest::new(title))
        .await?;
    check(namespace.title == title, || {
        format!("the new namespace is titled {:?}", namespace.title)
    })?;
    writeln!(out, "1. KV namespace {title:?} created: {}", namespace.id)?;
    Ok(namespace.id)
}

/// The Worker's main module as a file part: an ES module.
fn main_module(content: &'static str) -> FilePart {
    FilePart::new(MAIN_MODULE, content).content_type("application/javascript+module")
}

fn kv_binding(namespace: &str) -> UploadWorkerModuleRequestMetadataBindingsKVNamespace {
    UploadWorkerModuleRequestMetadataBindingsKVNamespace::new(
        UploadWorkerModuleRequestMetadataBindingsKVNamespaceRequired {
            name: KV_BINDING.into(),
            namespace_id: namespace.into(),
        },
    )
}

/// What the script serves now: its deployed version's main module.
async fn served(client: &CloudflareClient) -> Outcome<Vec<u8>> {
    Ok(client.script_content().get(ACCOUNT, SCRIPT).await?)
}

async fn upload_script(client: &CloudflareClient, namespace: &str, out: &mut dyn Write) -> Outcome {
    let metadata = UploadWorkerModuleRequestMetadata::new()
        .with_main_module(MAIN_MODULE)
        .with_compatibility_date("2025-01-01")
        .with_bindings([UploadWorkerModuleRequestMetadataBindings::KVNamespace(
            kv_binding(namespace),
        )]);
    let upload = UploadWorkerModuleRequest::new(metadata).with_files([main_module(FIRST_WORKER)]);
    let script = client.scripts().update(ACCOUNT, SCRIPT, upload).await?;
    check(script.id.as_deref() == Some(SCRIPT), || {
        format!("the upload answers for script {:?}", script.id)
    })?;
    let content = served(client).await?;
    check(content == FIRST_WORKER.as_bytes(), || {
        format!(
            "the script serves {}, not the uploaded module",
            describe_text(&content)
        )
    })?;
    let etag = script.etag.unwrap_or_default();
    writeln!(
        out,
        "2. script {SCRIPT} uploaded: {MAIN_MODULE} ({} bytes, an ES module), {KV_BINDING} bound \
         to the namespace\n   it serves the module uploaded (etag {}...)",
        FIRST_WORKER.len(),
        etag.get(..12).unwrap_or(&etag),
    )?;
    Ok(())
}

async fn create_version(
    client: &CloudflareClient,
    namespace: &str,
    out: &mut dyn Write,
) -> Outcome<Version> {
    let metadata = UploadVersionRequestMetadata::new(MAIN_MODULE)
        .with_compatibility_date("2025-01-01")
        .with_bindings([UploadVersionRequestMetadataBindings::KVNamespace(
            kv_binding(namespace),
        )])
        .with_annotations(
            UploadVersionRequestMetadataAnnotations::new()
                .with_workers_message("Read the greeting from KV"),
        );
    let upload = UploadVersionRequest::new(metadata).with_files([main_module(SECOND_WORKER)]);
    let created = client
        .script_versions()
        .create(ACCOUNT, SCRIPT, upload)
        .await?;
    let id = created.id.ok_or("the new version has no id")?;
    // Read back: the version the platform keeps binds the namespace.
    let kept = client.script_versions().get(ACCOUNT, SCRIPT, &id).await?;
    let expected = json!({"type": "kv_namespace", "name": KV_BINDING, "namespace_id": namespace});
    let bindings = kept.resources.bindings.unwrap_or(Value::Null);
    check(
        bindings.as_array().is_some_and(|b| b.contains(&expected)),
        || format!("version {id} binds {bindings}, not {expected}"),
    )?;
    // A version is not served until a deployment names it.
    let content = served(client).await?;
    check(content == FIRST_WORKER.as_bytes(), || {
        format!(
            "before its deployment, the script serves {}",
            describe_text(&content)
        )
    })?;
    let number = kept.number.unwrap_or_default();
    writeln!(
        out,
        "3. version {number} created from a new {MAIN_MODULE}, {KV_BINDING} bound: {id}\n   \
         not deployed yet, so the first upload still serves"
    )?;
    Ok(Version { id, number })
}

async fn deploy_version(
    client: &CloudflareClient,
    version: &Version,
    out: &mut dyn Write,
) -> Outcome {
    let request = CreateDeploymentRequest::new(
        CreateDeploymentRequestStrategy::Percentage,
        [CreateDeploymentRequestVersions::new(
            100.0,
            version.id.as_str(),
        )],
    )
    .with_annotations(
        CreateDeploymentRequestAnnotations::new().with_workers_message("Deployed by the tour"),
    );
    let deployment = client
        .script_deployments()
        .create(ACCOUNT, SCRIPT, request)
        .await?;
    let named: Vec<(f64, &str)> = deployment
        .versions
        .iter()
        .map(|v| (v.percentage, v.version_id.as_str()))
        .collect();
    check(named == [(100.0, version.id.as_str())], || {
        format!("the deployment names {named:?}, not 100% of {}", version.id)
    })?;
    let content = served(client).await?;
    check(content == SECOND_WORKER.as_bytes(), || {
        format!(
            "after the deployment, the script serves {}",
            describe_text(&content)
        )
    })?;
    writeln!(
        out,
        "4. deployment {}: 100% of requests to version {}\n   the script now serves version \
         {}'s {MAIN_MODULE}",
        deployment.id, version.number, version.number
    )?;
    Ok(())
}

async fn put_secret(client: &CloudflareClient, secret: &str, out: &mut dyn Write) -> Outcome {
    let binding = UploadWorkerModuleRequestMetadataBindingsSecretText::new(
        UploadWorkerModuleRequestMetadataBindingsSecretTextRequired {
            name: SECRET_NAME.into(),
            text: secret.into(),
        },
    );
    // Neither the answer nor a failed check is shown whole: they could hold the text.
    match client
        .script_secrets()
        .update(ACCOUNT, SCRIPT, binding.into())
        .await?
    {
        PatchMultipleScriptSecretsResult::SecretText(answer) => {
            check(answer.name == SECRET_NAME && answer.text.is_none(), || {
                "the answer names another secret, or shows its text".to_owned()
            })?;
        }
        other => return Err(format!("the answer is a {:?} secret", other.tag()).into()),
    }
    let listed = client.script_secrets().list(ACCOUNT, SCRIPT).await?;
    let names: Vec<&str> = listed
        .iter()
        .filter_map(|secret| match secret {
            PatchMultipleScriptSecretsResult::SecretText(s) if s.text.is_none() => {
                Some(s.name.as_str())
            }
            _ => None,
        })
        .collect();
    check(names.contains(&SECRET_NAME), || {
        format!("the script's secrets, without text, are {names:?}")
    })?;
    writeln!(
        out,
        "5. secret {SECRET_NAME} set: the answer and the script's list of secrets name it, \
         without its value"
    )?;
    Ok(())
}

async fn kv_round_trip(client: &CloudflareClient, namespace: &str, out: &mut dyn Write) -> Outcome {
    client
        .kv_values()
        .update(
            ACCOUNT,
            namespace,
            KV_KEY,
            WriteKeyValuePairWithOptionalMetadataRequest::new(KV_BYTES),
        )
        .await?;
    let read = client.kv_values().get(ACCOUNT, namespace, KV_KEY).await?;
    check(read == KV_BYTES, || {
        format!(
            "wrote {}, read back {}",
            describe(KV_BYTES),
            describe(&read)
        )
    })?;
    writeln!(
        out,
        "6. KV key {KV_KEY:?}: wrote {}, not UTF-8\n   read the same bytes back",
        describe(KV_BYTES)
    )?;
    Ok(())
}

async fn d1_query(client: &CloudflareClient, version: &Version, out: &mut dyn Write) -> Outcome {
    let number = version.number.to_string();
    let database = client
        .d1_databases()
        .create(ACCOUNT, CreateD1DatabaseRequest::new("tour-db"))
        .await?;
    let id = database.uuid.ok_or("the new database has no uuid")?;
    let query = QueryD1DatabaseRequestD1SingleQuery::new(SQL).with_params([SCRIPT, &number]);
    let results = client
        .d1_databases()
        .query(ACCOUNT, &id, QueryD1DatabaseRequest::D1SingleQuery(query))
        .await?;
    let rows: Vec<&Value> = results
        .iter()
        .flat_map(|result| result.results.iter().flatten())
        .collect();
    let expected = json!({"script": SCRIPT, "version": number});
    check(rows == [&expected], || {
        format!("the query returned {rows:?}, not {expected}")
    })?;
    writeln!(
        out,
        "7. D1 database tour-db created: {id}\n   {SQL:?} with [{SCRIPT:?}, {number:?}] \
         returned {expected}"
    )?;
    Ok(())
}

async fn send_message(
    client: &CloudflareClient,
    version: &Version,
    out: &mut dyn Write,
) -> Outcome {
    let queue = client
        .queues()
        .create(ACCOUNT, CreateQueueRequest::new("tour-deploys"))
        .await?;
    let id = queue.queue_id.ok_or("the new queue has no id")?;
    let text = format!("{SCRIPT} serves version {}", version.number);
    let message = PushMessageBatchRequestMessagesMqQueueMessageText::new().with_body(text.as_str());
    let sent = client
        .queue_messages()
        .push(ACCOUNT, &id)
        .body(message.into())
        .await?;
    let metrics = sent
        .metadata
        .and_then(|metadata| metadata.metrics)
        .ok_or("the answer has no metrics")?;
    let backlog = (metrics.backlog_count, metrics.backlog_bytes);
    check(backlog == (1.0, text.len() as f64), || {
        format!(
            "the backlog is {backlog:?}, not the one message of {} bytes",
            text.len()
        )
    })?;
    writeln!(
        out,
        "8. queue tour-deploys: sent {text:?}; the backlog holds 1 message of {} bytes",
        text.len()
    )?;
    Ok(())
}

/// A module's content as a failed check shows it: as text, quoted.
fn describe_text(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// Bytes as the narration shows them: their number, and each in hex.
fn describe(bytes: &[u8]) -> String {
    let mut text = format!("{} bytes [", bytes.len());
    for (i, byte) in bytes.iter().enumerate() {
        let _ = write!(text, "{}{byte:02x}", if i == 0 { "" } else { " " });
    }
    text.push(']');
    text
}
