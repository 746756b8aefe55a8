//! Cloudflare Workers Builds through the client: a list, a create, a paginated stream, a
//! log that follows its cursor, a deploy hook and an API error, each answered with the
//! documentation's examples.

use std::error::Error;

use generated_client::Error as ClientError;
use generated_client::cloudflare::{
    Build, BuildOutcome, CloudflareClient, CreateTriggerRequest, CreateTriggerRequired,
    DeployHookRequest, DeployHookRequired, LogLineItem,
};

use crate::docs::PAGES_UUID;
use crate::{ACCOUNT, SCRIPT};

/// Runs the Workers Builds part; `base_url` is the local server's, for a client without a
/// token.
pub async fn run(cloudflare: &CloudflareClient, base_url: &str) -> Result<(), Box<dyn Error>> {
    list_triggers(cloudflare).await?;
    create_trigger(cloudflare).await?;
    stream_builds(cloudflare).await?;
    follow_log(cloudflare).await?;
    deploy_hook(cloudflare, base_url).await?;
    missing_build(cloudflare).await
}

async fn list_triggers(cloudflare: &CloudflareClient) -> Result<(), Box<dyn Error>> {
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
    Ok(())
}

async fn create_trigger(cloudflare: &CloudflareClient) -> Result<(), Box<dyn Error>> {
    println!("\n== Cloudflare: a create");
    // Eleven required fields, each set by name: a missing one does not compile.
    let request = CreateTriggerRequest::new(CreateTriggerRequired {
        trigger_name: "Production Deploy".into(),
        external_script_id: SCRIPT.into(),
        repo_connection_uuid: PAGES_UUID.into(),
        build_token_uuid: PAGES_UUID.into(),
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
    let result_info = created.meta().result_info.as_ref();
    println!(
        "created trigger {} (HTTP {}; result_info says page {:?} of {:?})",
        created.value().trigger_uuid.as_deref().unwrap_or("?"),
        created.status(),
        result_info.and_then(|info| info.page),
        result_info.and_then(|info| info.total_pages),
    );
    Ok(())
}

async fn stream_builds(cloudflare: &CloudflareClient) -> Result<(), Box<dyn Error>> {
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
    Ok(())
}

async fn follow_log(cloudflare: &CloudflareClient) -> Result<(), Box<dyn Error>> {
    println!("\n== Cloudflare: a build's log, following its cursor");
    let lines = cloudflare
        .logs()
        .get(ACCOUNT, PAGES_UUID)
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
    Ok(())
}

async fn deploy_hook(cloudflare: &CloudflareClient, base_url: &str) -> Result<(), Box<dyn Error>> {
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
        .base_url(base_url)
        .build()?;
    let started = anonymous.deploy_hooks().trigger(&hook_uuid).await?;
    println!(
        "triggered: build {} is {:?} (already pending: {:?})",
        started.build_uuid.as_deref().unwrap_or("?"),
        started.status.as_ref().map(|s| s.as_str()),
        started.already_exists
    );
    Ok(())
}

async fn missing_build(cloudflare: &CloudflareClient) -> Result<(), Box<dyn Error>> {
    println!("\n== An error: a build that does not exist");
    match cloudflare.builds().get(ACCOUNT, "no-such-build").await {
        Ok(build) => Err(format!("a build that does not exist was found: {build:?}").into()),
        Err(ClientError::Api(error)) => {
            println!("error: {error}");
            for detail in error.details() {
                println!("  code {:?}: {:?}", detail.code, detail.message);
            }
            Ok(())
        }
        Err(other) => Err(other.into()),
    }
}
