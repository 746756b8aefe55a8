//! Calls the operations of the generated client the way a user would: required
//! parameters as arguments, optional ones by name, bodies built with `new`, `from_*` and
//! `with_*`. It is compiled, never run. (Each operation's own documentation example, a
//! doctest, compiles a call of every operation the spec has.)

use generated_client::Error;
use generated_client::buddy::{
    AmazonIntegrationRef, BuddyClient, CloudFrontActionRequest, CloudFrontInputType,
    SandboxApplicationStartActionRequest, SandboxCreateFromSandboxActionRequest, SandboxResources,
    TriggerTime,
};
use generated_client::cloudflare::{
    CloudflareClient, CreateBuildTokenRequest, CreateBuildTokenRequired, CreateManualBuildRequest,
    CreateTriggerRequest, CreateTriggerRequired, DeployHookRequest, DeployHookRequired,
    EnvironmentVariableInput, ProviderType, SeedRepo, SeedRepoFile, SeedRepoFileRequired,
    SeedRepoRequired, UpdateTriggerRequest, UpsertRepoConnectionRequest,
    UpsertRepoConnectionRequired,
};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const UUID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

async fn cloudflare() -> Result<(), Error> {
    let client = CloudflareClient::new("token")?;

    // account
    let limits = client.account().limits(ACCOUNT).await?;
    let _: Option<bool> = limits.has_reached_build_minutes_limit;

    // builds
    let _latest = client
        .builds()
        .latest(ACCOUNT, "my-worker,other-worker")
        .await?;
    let _by_version = client.builds().list_by_versions(ACCOUNT, UUID).await?;
    let _first_page = client
        .builds()
        .list_by_script(ACCOUNT, "my-worker")
        .page(2)
        .per_page(50)
        .await?;
    let mut builds = client
        .builds()
        .list_by_script(ACCOUNT, "my-worker")
        .per_page(50)
        .into_stream();
    while let Some(build) = builds.next().await {
        let _ = build?.build_outcome;
    }
    let build = client.builds().get(ACCOUNT, UUID).await?;
    let _ = build.status;
    // Times, UUIDs and URLs read as typed values, and keep their text.
    let _started: Option<generated_client::jiff::Timestamp> =
        build.created_on.as_ref().and_then(|t| t.get().ok());
    let _id: Option<&str> = build.build_uuid.as_deref();
    let _cancelled = client.builds().cancel(ACCOUNT, UUID).await?;

    // config_autofill
    let _config = client
        .config_autofill()
        .get(
            ACCOUNT,
            ProviderType::Github,
            "cloudflare",
            "workers-sdk",
            "main",
        )
        .root_directory("/")
        .await?;

    // deploy_hooks
    let hooks = client.deploy_hooks().list(ACCOUNT, "my-worker").await?;
    for hook in hooks {
        let _: Option<generated_client::Uuid> = hook.deploy_hook_uuid;
        let _ = hook.latest_build.and_then(|build| build.created_on);
    }
    let hook = client
        .deploy_hooks()
        .create(
            ACCOUNT,
            "my-worker",
            DeployHookRequest::new(DeployHookRequired {
                branch: "main".into(),
                deploy_hook_name: "Production Deploy Hook".into(),
            }),
        )
        .await?;
    let _ = hook.deploy_hook_name;
    let _ = client.deploy_hooks().get(ACCOUNT, "my-worker", UUID).await?;
    let _ = client
        .deploy_hooks()
        .update(
            ACCOUNT,
            "my-worker",
            UUID,
            DeployHookRequest::new(DeployHookRequired {
                branch: "release".into(),
                deploy_hook_name: "Release Hook".into(),
            }),
        )
        .await?;
    let _ = client.deploy_hooks().delete(ACCOUNT, "my-worker", UUID).await?;
    // Triggering needs no token: a CI system may hold only the hook's UUID.
    let anonymous = CloudflareClient::builder_without_token().build()?;
    let started = anonymous.deploy_hooks().trigger(UUID).await?;
    let _: Option<bool> = started.already_exists;

    // environment_variables
    let _variables = client.environment_variables().list(ACCOUNT, UUID).await?;
    let _upserted = client
        .environment_variables()
        .upsert(
            ACCOUNT,
            UUID,
            [
                (
                    "API_KEY",
                    EnvironmentVariableInput::new(true).with_value("secret-key"),
                ),
                (
                    "NODE_ENV",
                    EnvironmentVariableInput::new(false).with_value("production"),
                ),
            ],
        )
        .await?;
    let _deleted = client
        .environment_variables()
        .delete(ACCOUNT, UUID, "API_KEY")
        .await?;

    // logs
    let _log_page = client
        .logs()
        .get(ACCOUNT, UUID)
        .cursor("eyJsaW5lIjoxMDB9")
        .await?;
    let lines = client
        .logs()
        .get(ACCOUNT, UUID)
        .into_stream()
        .try_collect()
        .await?;
    let _: usize = lines.len();

    // repo_connections
    let _connection = client
        .repo_connections()
        .upsert(
            ACCOUNT,
            UpsertRepoConnectionRequest::new(UpsertRepoConnectionRequired {
                provider_account_id: "cloudflare".into(),
                provider_account_name: "Cloudflare".into(),
                provider_type: ProviderType::Github,
                repo_id: "workers-sdk".into(),
                repo_name: "workers-sdk".into(),
            }),
        )
        .await?;
    let _ = client.repo_connections().delete(ACCOUNT, UUID).await?;

    // tokens
    let token = client
        .tokens()
        .create(
            ACCOUNT,
            CreateBuildTokenRequest::new(CreateBuildTokenRequired {
                build_token_name: "My Build Token".into(),
                build_token_secret: "super-secret-token".into(),
                cloudflare_token_id: "cf-token-123".into(),
            }),
        )
        .await?;
    let _ = token.build_token_uuid;
    let mut tokens = client.tokens().list(ACCOUNT).per_page(20).into_stream();
    while let Some(token) = tokens.next().await {
        let _ = token?.build_token_name;
    }
    let _ = client.tokens().delete(ACCOUNT, UUID).await?;

    // triggers
    let _triggers = client
        .triggers()
        .list_by_script(ACCOUNT, "my-worker")
        .await?;
    let created = client
        .triggers()
        .create(
            ACCOUNT,
            CreateTriggerRequest::new(CreateTriggerRequired {
                trigger_name: "Production Deploy".into(),
                external_script_id: "my-worker".into(),
                repo_connection_uuid: UUID.into(),
                build_token_uuid: UUID.into(),
                build_command: "npm run build".into(),
                deploy_command: "npx wrangler deploy".into(),
                root_directory: "/".into(),
                branch_includes: vec!["main".into()],
                branch_excludes: Vec::new(),
                path_includes: vec!["*".into()],
                path_excludes: vec!["*.md".into()],
            })
            .with_build_caching_enabled(true),
        )
        .await?;
    let _ = created.trigger_uuid;
    let _updated = client
        .triggers()
        .update(
            ACCOUNT,
            UUID,
            UpdateTriggerRequest::new()
                .with_branch_includes(["main", "release/*"])
                .with_trigger_name("Production Deploy"),
        )
        .await?;
    let _ = client.triggers().delete(ACCOUNT, UUID).await?;
    let _ = client.triggers().purge_build_cache(ACCOUNT, UUID).await?;
    let response = client
        .triggers()
        .create_manual_build(
            ACCOUNT,
            UUID,
            CreateManualBuildRequest::from_commit_hash("abc123def456").with_seed_repo(
                SeedRepo::new(SeedRepoRequired {
                    branch: "main".into(),
                    owner: "cloudflare".into(),
                    path: "/".into(),
                    provider: ProviderType::Github,
                    repository: "templates".into(),
                })
                .with_files([SeedRepoFile::new(SeedRepoFileRequired {
                    content: "hello".into(),
                    filename: "README.md".into(),
                })]),
            ),
        )
        .send_with_response()
        .await?;
    let _ = response.status();
    let _ = response.meta().result_info.as_ref().and_then(|info| info.total_pages);
    let _ = response.into_value().build_uuid;
    let _from_branch = client
        .triggers()
        .create_manual_build(ACCOUNT, UUID, CreateManualBuildRequest::from_branch("main"))
        .send()
        .await?;
    Ok(())
}

async fn buddy() -> Result<(), Error> {
    let client = BuddyClient::from_env()?;

    // actions
    let created = client
        .actions()
        .create_cloud_front(
            "my-company",
            "my-project",
            123,
            CloudFrontActionRequest::new("Cloudfront action", AmazonIntegrationRef::new("aws"))
                .with_trigger_time(TriggerTime::OnEveryExecution)
                .with_timeout(900)
                .with_input_type(CloudFrontInputType::ScmRepository)
                .with_distribution_id("EDFDVBD632BHDS5")
                .with_deployment_excludes(["/tmp/", "*.log"]),
        )
        .await?;
    // The fields every action has read as the action's own.
    let _: Option<i64> = created.id;
    let _ = created.common.name.as_deref();
    let _updated = client
        .actions()
        .update_sandbox_application_start(
            "my-company",
            "my-project",
            123,
            456,
            SandboxApplicationStartActionRequest::new("Start Web Server")
                .with_sandbox_id("ghwmnj2az2k67")
                .with_sandbox_references(["BY_ID"]),
        )
        .await?;
    let _cloned = client
        .actions()
        .create_sandbox_from_sandbox(
            "my-company",
            "my-project",
            123,
            SandboxCreateFromSandboxActionRequest::new("staging-clone-001")
                .with_referenced_sandbox_name("prod-sandbox-001")
                .with_resources(SandboxResources::V2x4)
                .with_tags(["staging", "clone"]),
        )
        .await?;

    // pipelines
    client
        .pipelines()
        .clear_cache("buddy", "company-website", 2)
        .await?;
    Ok(())
}

fn main() {
    // Compiled, never run: the futures are only named.
    let _ = cloudflare;
    let _ = buddy;
}
