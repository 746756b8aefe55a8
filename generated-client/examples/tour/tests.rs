//! The deploy part against the loopback platform: every step's check holds, the secret
//! shows nowhere, a platform that answers wrong fails the part, and the platform refuses
//! the uploads Cloudflare refuses.

use std::error::Error;

use generated_client::FilePart;
use generated_client::cloudflare::{
    CloudflareClient, CreateANamespaceRequest, UploadWorkerModuleRequest,
    UploadWorkerModuleRequestMetadata, UploadWorkerModuleRequestMetadataBindings,
    UploadWorkerModuleRequestMetadataBindingsKVNamespace,
    UploadWorkerModuleRequestMetadataBindingsKVNamespaceRequired,
};
use serde_json::json;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::deploy::{self, FIRST_WORKER, MAIN_MODULE, SECRET_NAME};
use crate::platform::Platform;
use crate::{ACCOUNT, SCRIPT, TOKEN};

type TestResult = Result<(), Box<dyn Error>>;

const SECRET: &str = "a-secret-only-the-platform-may-see";

/// A server playing the platform, and a client of it.
async fn start() -> Result<(MockServer, Platform, CloudflareClient), Box<dyn Error>> {
    let server = MockServer::start().await;
    let platform = Platform::new(ACCOUNT, TOKEN);
    platform.mount(&server).await;
    let client = CloudflareClient::builder(TOKEN)
        .base_url(server.uri())
        .build()?;
    Ok((server, platform, client))
}

/// Runs the deploy part: its outcome as text, and its narration.
async fn deploy_on(client: &CloudflareClient) -> (Result<(), String>, String) {
    let mut narration = Vec::new();
    let outcome = deploy::run(client, SECRET, &mut narration)
        .await
        .map_err(|error| error.to_string());
    (outcome, String::from_utf8_lossy(&narration).into_owned())
}

#[tokio::test]
async fn the_worker_deploys_and_every_check_holds() -> TestResult {
    let (server, platform, client) = start().await?;
    let (outcome, narration) = deploy_on(&client).await;
    assert_eq!(outcome, Ok(()), "narration so far:\n{narration}");
    for step in 1..=8 {
        assert!(
            narration
                .lines()
                .any(|line| line.starts_with(&format!("{step}. "))),
            "step {step} is not narrated:\n{narration}"
        );
    }
    // The second version serves, and the platform holds the secret sent.
    assert_eq!(platform.deployed_version(SCRIPT), Some(2));
    assert_eq!(
        platform.secret(SCRIPT, SECRET_NAME).as_deref(),
        Some(SECRET)
    );
    // The secret travelled once, in the request that set it, and is shown nowhere.
    assert!(!narration.contains(SECRET), "{narration}");
    let requests = server.received_requests().await.unwrap_or_default();
    let carrying: Vec<String> = requests
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains(SECRET))
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        carrying,
        [format!(
            "PUT /accounts/{ACCOUNT}/workers/scripts/{SCRIPT}/secrets"
        )]
    );
    Ok(())
}

/// Answers `method` on paths matching `path` with `response`, before the platform does.
async fn override_route(server: &MockServer, verb: &str, path: &str, response: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path_regex(path))
        .respond_with(response)
        .with_priority(1)
        .mount(server)
        .await;
}

fn envelope(result: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .set_body_json(json!({"success": true, "errors": [], "messages": [], "result": result}))
}

#[tokio::test]
async fn a_kv_value_read_back_changed_fails_the_part() -> TestResult {
    let (server, _platform, client) = start().await?;
    let changed =
        ResponseTemplate::new(200).set_body_raw(b"\x00\xff".to_vec(), "application/octet-stream");
    override_route(&server, "GET", "/values/", changed).await;
    let (outcome, _) = deploy_on(&client).await;
    let error = outcome.err().unwrap_or_default();
    assert!(error.starts_with("check failed: wrote"), "{error}");
    Ok(())
}

#[tokio::test]
async fn a_deployment_of_another_version_fails_the_part() -> TestResult {
    let (server, _platform, client) = start().await?;
    let other = envelope(json!({
        "id": "0b5a8b6e-6d2e-4a43-9f57-0c6c4b8f3a10",
        "created_on": "2025-01-01T00:00:00Z",
        "source": "api",
        "strategy": "percentage",
        "versions": [{"percentage": 100, "version_id": "5f0c6c1e-3f5e-4f43-8d2b-7a1e9c0d2b44"}],
    }));
    override_route(&server, "POST", "/deployments$", other).await;
    let (outcome, _) = deploy_on(&client).await;
    let error = outcome.err().unwrap_or_default();
    assert!(
        error.starts_with("check failed: the deployment names"),
        "{error}"
    );
    Ok(())
}

#[tokio::test]
async fn a_platform_that_shows_the_secret_fails_the_part_without_showing_it() -> TestResult {
    let (server, _platform, client) = start().await?;
    let echo = envelope(json!({"name": SECRET_NAME, "type": "secret_text", "text": SECRET}));
    override_route(&server, "PUT", "/secrets$", echo).await;
    let (outcome, narration) = deploy_on(&client).await;
    let error = outcome.err().unwrap_or_default();
    assert!(error.starts_with("check failed: the answer"), "{error}");
    assert!(!error.contains(SECRET) && !narration.contains(SECRET));
    Ok(())
}

/// Uploads `files` as script [`SCRIPT`], with metadata naming [`MAIN_MODULE`] and
/// `bindings`; the platform's refusal, if any: its status and message.
async fn upload(
    client: &CloudflareClient,
    files: Vec<FilePart>,
    bindings: Vec<UploadWorkerModuleRequestMetadataBindings>,
) -> Option<(Option<u16>, String)> {
    let metadata = UploadWorkerModuleRequestMetadata::new()
        .with_main_module(MAIN_MODULE)
        .with_bindings(bindings);
    let request = UploadWorkerModuleRequest::new(metadata).with_files(files);
    let error = client
        .scripts()
        .update(ACCOUNT, SCRIPT, request)
        .await
        .err()?;
    let message = error
        .as_api()
        .and_then(|api| api.details().first())
        .and_then(|detail| detail.message.clone())
        .unwrap_or_else(|| error.to_string());
    Some((error.status(), message))
}

#[tokio::test]
async fn the_platform_refuses_an_upload_without_its_main_module() -> TestResult {
    let (_server, _platform, client) = start().await?;
    let other_file =
        FilePart::new("index.js", FIRST_WORKER).content_type("application/javascript+module");
    let refusal = upload(&client, vec![other_file], Vec::new()).await;
    let (status, message) = refusal.ok_or("the upload was accepted")?;
    assert_eq!(status, Some(400));
    assert!(message.starts_with("No such module"), "{message}");
    Ok(())
}

#[tokio::test]
async fn the_platform_refuses_a_main_module_not_sent_as_an_es_module() -> TestResult {
    let (_server, _platform, client) = start().await?;
    let script = FilePart::new(MAIN_MODULE, FIRST_WORKER).content_type("application/javascript");
    let refusal = upload(&client, vec![script], Vec::new()).await;
    let (status, message) = refusal.ok_or("the upload was accepted")?;
    assert_eq!(status, Some(400));
    assert!(message.contains("not as an ES module"), "{message}");
    Ok(())
}

#[tokio::test]
async fn the_platform_refuses_a_binding_to_a_namespace_it_does_not_hold() -> TestResult {
    let (_server, _platform, client) = start().await?;
    let held = client
        .kv_namespaces()
        .create(ACCOUNT, CreateANamespaceRequest::new("held"))
        .await?;
    let binding = |namespace_id: &str| {
        UploadWorkerModuleRequestMetadataBindings::KVNamespace(
            UploadWorkerModuleRequestMetadataBindingsKVNamespace::new(
                UploadWorkerModuleRequestMetadataBindingsKVNamespaceRequired {
                    name: "KV".into(),
                    namespace_id: namespace_id.into(),
                },
            ),
        )
    };
    let module =
        || FilePart::new(MAIN_MODULE, FIRST_WORKER).content_type("application/javascript+module");
    let refusal = upload(
        &client,
        vec![module()],
        vec![binding("0123456789abcdef0123456789abcdef")],
    )
    .await;
    let (status, message) = refusal.ok_or("the upload was accepted")?;
    assert_eq!(status, Some(400));
    assert!(message.contains("does not exist"), "{message}");
    // The same upload, bound to the namespace the account holds, is accepted.
    assert_eq!(
        upload(&client, vec![module()], vec![binding(&held.id)]).await,
        None
    );
    Ok(())
}

#[tokio::test]
async fn the_platform_refuses_a_request_with_another_token() -> TestResult {
    let (server, _platform, _client) = start().await?;
    let stranger = CloudflareClient::builder("another-token")
        .base_url(server.uri())
        .build()?;
    let error = stranger
        .kv_namespaces()
        .create(ACCOUNT, CreateANamespaceRequest::new("mine"))
        .await
        .err()
        .ok_or("a request with another token was answered")?;
    assert_eq!(error.status(), Some(403));
    assert!(error.has_code(10000), "{error}");
    Ok(())
}
