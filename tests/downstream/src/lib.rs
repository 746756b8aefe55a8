//! A downstream crate's own code: small workflows over both APIs, written against
//! generated-client's public API as any user would write them. Its tests (`tests/`) check
//! them against the typed mocks of the `mock` feature, without a network or a token.

use generated_client::Error;
use generated_client::buddy::{AmazonIntegrationRef, BuddyClient, CloudFrontActionRequest};
use generated_client::cloudflare::{
    Build, BuildOutcome, CloudflareClient, CreateManualBuildRequest, CreateTriggerRequest,
    DeployHook, DeployHookRequest, DeployHookRequired, Trigger,
};

/// Starts a build of `branch` with the trigger named `trigger_name` of a worker: the new
/// build's UUID, or `None` when the worker has no such trigger.
pub async fn deploy(
    client: &CloudflareClient,
    account: &str,
    script: &str,
    trigger_name: &str,
    branch: &str,
) -> Result<Option<String>, Error> {
    let triggers = client.triggers().list_by_script(account, script).await?;
    let Some(uuid) = triggers
        .iter()
        .find(|t| t.trigger_name.as_deref() == Some(trigger_name))
        .and_then(|t| t.trigger_uuid.as_ref())
    else {
        return Ok(None);
    };
    let build = client
        .triggers()
        .create_manual_build(
            account,
            uuid.as_str(),
            CreateManualBuildRequest::from_branch(branch),
        )
        .await?;
    Ok(build.build_uuid.map(|uuid| uuid.as_str().to_owned()))
}

/// The trigger named as `request`'s, created unless the worker has one already.
pub async fn ensure_trigger(
    client: &CloudflareClient,
    account: &str,
    request: CreateTriggerRequest,
) -> Result<Trigger, Error> {
    let existing = client
        .triggers()
        .list_by_script(account, request.external_script_id.as_str())
        .await?;
    if let Some(trigger) = existing
        .into_iter()
        .find(|t| t.trigger_name.as_deref() == Some(request.trigger_name.as_str()))
    {
        return Ok(trigger);
    }
    client.triggers().create(account, request).await
}

/// Every failed build of a worker, over every page, 25 builds a page.
pub async fn failed_builds(
    client: &CloudflareClient,
    account: &str,
    script: &str,
) -> Result<Vec<Build>, Error> {
    let mut builds = client
        .builds()
        .list_by_script(account, script)
        .per_page(25)
        .into_stream();
    let mut failed = Vec::new();
    while let Some(build) = builds.next().await {
        let build = build?;
        if build.build_outcome == Some(BuildOutcome::Fail) {
            failed.push(build);
        }
    }
    Ok(failed)
}

/// The status of a build, or `None` when Cloudflare does not know it (HTTP 404).
pub async fn build_status(
    client: &CloudflareClient,
    account: &str,
    build: &str,
) -> Result<Option<String>, Error> {
    match client.builds().get(account, build).await {
        Ok(build) => Ok(Some(
            build
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        )),
        Err(error) if error.status() == Some(404) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Clears a Buddy pipeline's cache: `false` when the pipeline does not exist (HTTP 404).
pub async fn clear_cache(
    client: &BuddyClient,
    workspace: &str,
    project: &str,
    pipeline: i64,
) -> Result<bool, Error> {
    match client
        .pipelines()
        .clear_cache(workspace, project, pipeline)
        .await
    {
        Ok(_) => Ok(true),
        Err(Error::Api(error)) if error.status() == 404 => Ok(false),
        Err(error) => Err(error),
    }
}

/// Adds a CloudFront invalidation of everything to a Buddy pipeline: the new action's ID.
pub async fn add_cloudfront_purge(
    client: &BuddyClient,
    workspace: &str,
    project: &str,
    pipeline: i64,
    integration: &str,
) -> Result<Option<i64>, Error> {
    let action =
        CloudFrontActionRequest::new("Purge CloudFront", AmazonIntegrationRef::new(integration))
            .with_purge_all(true);
    let created = client
        .actions()
        .create_cloud_front(workspace, project, pipeline, action)
        .await?;
    Ok(created.common.id)
}

/// Replaces a worker's deploy hooks named `name` with a new one of that name on `branch`:
/// the new hook is created first, so that the worker always has one, then the old ones
/// are deleted.
pub async fn rotate_deploy_hook(
    client: &CloudflareClient,
    account: &str,
    script: &str,
    name: &str,
    branch: &str,
) -> Result<DeployHook, Error> {
    let hooks = client.deploy_hooks().list(account, script).await?;
    let old: Vec<String> = hooks
        .into_iter()
        .filter(|hook| hook.deploy_hook_name.as_deref() == Some(name))
        .filter_map(|hook| hook.deploy_hook_uuid.map(|uuid| uuid.into_string()))
        .collect();
    let request = DeployHookRequest::new(DeployHookRequired {
        branch: branch.to_owned(),
        deploy_hook_name: name.to_owned(),
    });
    let created = client
        .deploy_hooks()
        .create(account, script, request)
        .await?;
    for uuid in old {
        client.deploy_hooks().delete(account, script, uuid).await?;
    }
    Ok(created)
}

/// Starts a build through a deploy hook, as a CI system holding only the hook's UUID
/// does: the new build's UUID. The UUID is the credential; no API token goes with it.
pub async fn trigger_deploy_hook(
    client: &CloudflareClient,
    hook: &str,
) -> Result<Option<String>, Error> {
    let build = client.deploy_hooks().trigger(hook).await?;
    Ok(build.build_uuid.map(|uuid| uuid.into_string()))
}
