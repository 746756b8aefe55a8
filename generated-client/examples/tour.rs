//! A tour of the client, with no token and no network: an HTTP server on 127.0.0.1
//! answers with the documentation pages' own examples, taken from the spec, and the tour
//! calls both APIs through the typed client.
//!
//! ```sh
//! cargo run -p generated-client --example tour
//! ```

use std::error::Error as StdError;

use generated_client::buddy::{
    AmazonIntegrationRef, BuddyClient, CloudFrontActionRequest, CloudFrontInputType, TriggerTime,
};
use generated_client::cloudflare::{
    Build, BuildOutcome, CloudflareClient, CreateTriggerRequest, CreateTriggerRequired,
    DeployHookRequest, DeployHookRequired, LogLineItem,
};
use generated_client::{Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const SCRIPT: &str = "my-worker";

#[tokio::main]
async fn main() -> Result<(), Box<dyn StdError>> {
    let server = MockServer::start().await;
    serve_the_docs(&server).await?;
    println!(
        "A server on {} answers with the documentation's examples.\n",
        server.uri()
    );

    // Clients as users build them, pointed at the local server instead of the real API.
    let cloudflare = CloudflareClient::builder("a-token")
        .base_url(server.uri())
        .build()?;
    let buddy = BuddyClient::builder("a-token")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()?;

    println!("== Cloudflare: a list");
    let triggers = cloudflare
        .triggers()
        .list_by_script(ACCOUNT, SCRIPT)
        .await?;
    for trigger in &triggers {
        println!(
            "trigger {:?} builds {:?} on branches {:?}",
            trigger.trigger_name.as_deref().unwrap_or("?"),
            trigger.external_script_id.as_deref().unwrap_or("?"),
            trigger.branch_includes.as_deref().unwrap_or_default()
        );
    }

    println!("\n== Cloudflare: a create");
    // Eleven required fields, each set by name: a missing one does not compile.
    let request = CreateTriggerRequest::new(CreateTriggerRequired {
        trigger_name: "Production Deploy".into(),
        external_script_id: SCRIPT.into(),
        repo_connection_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        build_token_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        build_command: "npm run build".into(),
        deploy_command: "npx wrangler deploy".into(),
        root_directory: "/".into(),
        branch_includes: vec!["main".into()],
        branch_excludes: vec!["string".into()],
        path_includes: vec!["*".into()],
        path_excludes: vec!["*.md".into()],
    });
    let created = cloudflare
        .triggers()
        .create(ACCOUNT, request)
        .send_with_response()
        .await?;
    println!(
        "created trigger {} (HTTP {}; result_info says page {:?} of {:?})",
        created.value().trigger_uuid.as_deref().unwrap_or("?"),
        created.status(),
        created
            .meta()
            .result_info
            .as_ref()
            .and_then(|info| info.page),
        created
            .meta()
            .result_info
            .as_ref()
            .and_then(|info| info.total_pages),
    );

    println!("\n== Cloudflare: a paginated stream (three pages, fetched as they are read)");
    let mut builds = cloudflare
        .builds()
        .list_by_script(ACCOUNT, SCRIPT)
        .into_stream();
    let mut count = 0;
    while let Some(build) = builds.next().await {
        let build: Build = build?;
        count += 1;
        let outcome = build
            .build_outcome
            .as_ref()
            .map_or("?", BuildOutcome::as_str);
        println!(
            "build {count}: {} ended {outcome}",
            build.build_uuid.as_deref().unwrap_or("?")
        );
    }

    println!("\n== Cloudflare: a build's log, following its cursor");
    let lines = cloudflare
        .logs()
        .get(ACCOUNT, "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
        .into_stream()
        .try_collect()
        .await?;
    for line in lines {
        let items: Vec<String> = line
            .iter()
            .map(|item| match item {
                LogLineItem::Timestamp(t) => format!("@{t}"),
                LogLineItem::Message(m) => m.clone(),
                other => format!("{other:?}"),
            })
            .collect();
        println!("log: {}", items.join(" "));
    }

    println!("\n== Cloudflare: a deploy hook, created with the token and triggered without one");
    let hook = cloudflare
        .deploy_hooks()
        .create(
            ACCOUNT,
            SCRIPT,
            DeployHookRequest::new(DeployHookRequired {
                branch: "main".into(),
                deploy_hook_name: "Production Deploy Hook".into(),
            }),
        )
        .await?;
    let hook_uuid = hook
        .deploy_hook_uuid
        .as_deref()
        .unwrap_or_default()
        .to_owned();
    println!(
        "created deploy hook {:?} for branch {:?}",
        hook.deploy_hook_name.as_deref().unwrap_or("?"),
        hook.branch.as_deref().unwrap_or("?")
    );
    // Whoever holds the hook's UUID (a CI system, a CMS) can start a build: no API token.
    let anonymous = CloudflareClient::builder_without_token()
        .base_url(server.uri())
        .build()?;
    let started = anonymous.deploy_hooks().trigger(&hook_uuid).await?;
    println!(
        "triggered: build {} is {:?} (already pending: {:?})",
        started.build_uuid.as_deref().unwrap_or("?"),
        started.status.as_ref().map(|s| s.as_str()),
        started.already_exists
    );

    println!("\n== Buddy: a create, with the page's example body");
    let action =
        CloudFrontActionRequest::new("Cloudfront action", AmazonIntegrationRef::new("aws"))
            .with_trigger_time(TriggerTime::OnEveryExecution)
            .with_input_type(CloudFrontInputType::ScmRepository)
            .with_local_path("/")
            .with_base_url("/merged")
            .with_distribution_id("EDFDVBD632BHDS5")
            .with_purge_all(false)
            .with_timeout(900)
            .with_deployment_excludes(["/tmp/", "*.log"])
            .with_deployment_includes(["/assets/style", "/tmp/file.txt"]);
    let action = buddy
        .actions()
        .create_cloud_front("my-company", "my-project", 123, action)
        .await?;
    println!(
        "created CloudFront action {:?} named {:?} for distribution {:?}, integration {:?}",
        action.id.unwrap_or_default(),
        action.name.as_deref().unwrap_or("?"),
        action.distribution_id.as_deref().unwrap_or("?"),
        action
            .integration
            .as_ref()
            .and_then(|i| i.identifier.as_deref())
            .unwrap_or("?"),
    );

    println!(
        "\n== Buddy: an older endpoint that answers 201, and an action type the client does not know"
    );
    let cleared = buddy
        .pipelines()
        .clear_cache("buddy", "company-website", 2)
        .send_with_response()
        .await?;
    println!(
        "cache of pipeline {:?} cleared (HTTP {}; {:?} requests left)",
        cleared.value().name.as_deref().unwrap_or("?"),
        cleared.status(),
        cleared.rate_limit().remaining
    );
    for action in cleared.value().actions.iter().flatten() {
        println!(
            "its action of type {:?} is kept as received: {action:?}",
            action.tag().unwrap_or("?")
        );
    }

    println!("\n== An error: a build that does not exist");
    match cloudflare.builds().get(ACCOUNT, "no-such-build").await {
        Ok(build) => println!("unexpectedly found {build:?}"),
        Err(Error::Api(error)) => {
            println!("error: {error}");
            for detail in error.details() {
                println!("  code {:?}: {:?}", detail.code, detail.message);
            }
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

// The spec files the tour answers from: the pages' examples, transcribed.
const TRIGGERS: &str = include_str!("../../spec/cloudflare/triggers.json");
const BUILDS: &str = include_str!("../../spec/cloudflare/builds.json");
const LOGS: &str = include_str!("../../spec/cloudflare/logs.json");
const DEPLOY_HOOKS: &str = include_str!("../../spec/cloudflare/deploy_hooks.json");
const CLOUD_FRONT: &str = include_str!("../../spec/buddy/cloud_front.json");
const PIPELINES: &str = include_str!("../../spec/buddy/pipelines.json");

/// The status and body of the first example of operation `id` in a spec file.
fn example_response(spec_file: &str, id: &str) -> Result<(u16, Value), Box<dyn StdError>> {
    let file: Value = serde_json::from_str(spec_file)?;
    let operations = file["operations"].as_array().cloned().unwrap_or_default();
    let op = operations
        .iter()
        .find(|op| op["id"] == id)
        .ok_or_else(|| format!("no operation {id}"))?;
    let response = &op["examples"][0]["response"];
    let status = response["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(200);
    // Buddy's action pages show no sample response: answer with an empty action.
    Ok((
        status,
        response.get("body").cloned().unwrap_or_else(|| json!({})),
    ))
}

async fn serve_the_docs(server: &MockServer) -> Result<(), Box<dyn StdError>> {
    let answer = |status: u16, body: Value| ResponseTemplate::new(status).set_body_json(body);
    let builds = "/accounts/023e105f4ecef8ad9ca31a8372d0c353/builds";

    let (status, body) = example_response(TRIGGERS, "list_by_script")?;
    Mock::given(method("GET"))
        .and(path(format!("{builds}/workers/{SCRIPT}/triggers")))
        .respond_with(answer(status, body))
        .mount(server)
        .await;

    let (status, body) = example_response(TRIGGERS, "create")?;
    Mock::given(method("POST"))
        .and(path(format!("{builds}/triggers")))
        .respond_with(answer(status, body))
        .mount(server)
        .await;

    // Three pages of builds, each the page's sample build under another UUID.
    let (status, sample) = example_response(BUILDS, "get")?;
    for page in 1..=3u32 {
        let mut build = sample["result"].clone();
        build["build_uuid"] = json!(format!("build-of-page-{page}"));
        let body = json!({
            "errors": [], "messages": [], "success": true, "result": [build],
            "result_info": {"count": 1, "page": page, "per_page": 1, "total_count": 3, "total_pages": 3}
        });
        Mock::given(method("GET"))
            .and(path(format!("{builds}/workers/{SCRIPT}/builds")))
            .and(query_param("page", page.to_string()))
            .respond_with(answer(status, body))
            .mount(server)
            .await;
    }

    // The log: the page's sample, whose cursor leads to a last page.
    let (status, first) = example_response(LOGS, "get")?;
    let cursor = first["result"]["cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let last = json!({"errors": [], "messages": [], "success": true,
        "result": {"lines": [[1636472460, "Build finished"]], "truncated": false}});
    Mock::given(method("GET"))
        .and(path(format!(
            "{builds}/builds/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e/logs"
        )))
        .and(query_param("cursor", cursor))
        .respond_with(answer(status, last))
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!(
            "{builds}/builds/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e/logs"
        )))
        .respond_with(answer(status, first))
        .mount(server)
        .await;

    let (status, body) = example_response(DEPLOY_HOOKS, "create")?;
    Mock::given(method("POST"))
        .and(path(format!("{builds}/workers/{SCRIPT}/deploy_hooks")))
        .respond_with(answer(status, body))
        .mount(server)
        .await;
    // The trigger answers only a request that carries no token.
    let (status, body) = example_response(DEPLOY_HOOKS, "trigger")?;
    Mock::given(method("POST"))
        .and(path(
            "/workers/builds/deploy_hooks/182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e",
        ))
        .and(WithoutToken)
        .respond_with(answer(status, body))
        .mount(server)
        .await;

    // The CloudFront page shows no sample response: the server answers as Buddy does,
    // with the action it created.
    let (status, _) = example_response(CLOUD_FRONT, "create_cloud_front")?;
    Mock::given(method("POST"))
        .and(path(
            "/workspaces/my-company/projects/my-project/pipelines/123/actions",
        ))
        .respond_with(CreatedAction { status })
        .mount(server)
        .await;

    let (status, body) = example_response(PIPELINES, "clear_cache")?;
    Mock::given(method("PATCH"))
        .and(path(
            "/workspaces/buddy/projects/company-website/pipelines/2",
        ))
        .respond_with(
            answer(status, body)
                .insert_header("X-Rate-Limit-Limit", "1")
                .insert_header("X-Rate-Limit-Remaining", "999"),
        )
        .mount(server)
        .await;

    Mock::given(method("GET"))
        .and(path(format!("{builds}/builds/no-such-build")))
        .respond_with(answer(
            404,
            json!({"success": false, "errors": [{"code": 12000, "message": "Not found"}], "messages": [], "result": null}),
        ))
        .mount(server)
        .await;
    Ok(())
}

/// Matches requests that carry no `Authorization` header.
struct WithoutToken;

impl wiremock::Match for WithoutToken {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("authorization")
    }
}

/// Answers a create with the action it was sent, given an id.
struct CreatedAction {
    status: u16,
}

impl Respond for CreatedAction {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut action: Value = serde_json::from_slice(&request.body).unwrap_or_else(|_| json!({}));
        action["id"] = json!(456);
        ResponseTemplate::new(self.status).set_body_json(action)
    }
}
