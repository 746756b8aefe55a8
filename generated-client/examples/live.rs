//! The real APIs, with tokens from the environment. It only reads, unless asked to clear
//! a Buddy pipeline's cache.
//!
//! ```sh
//! # Cloudflare Workers Builds: account limits, a script's triggers and its builds.
//! CLOUDFLARE_API_TOKEN=... CLOUDFLARE_ACCOUNT_ID=... CLOUDFLARE_SCRIPT_ID=<worker tag> \
//!     cargo run -p generated-client --example live
//!
//! # Buddy.works: clear a pipeline's cache (a write, so it needs the flag).
//! BUDDY_TOKEN=... BUDDY_WORKSPACE=... BUDDY_PROJECT=... BUDDY_PIPELINE_ID=... \
//!     cargo run -p generated-client --example live -- --clear-buddy-cache
//! ```
//!
//! `CLOUDFLARE_BASE_URL` and `BUDDY_API_URL` override the base URLs (`BUDDY_API_URL` for
//! the EU region or a self-hosted installation).

use std::error::Error as StdError;
use std::process::ExitCode;

use generated_client::buddy::BuddyClient;
use generated_client::cloudflare::CloudflareClient;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

#[tokio::main]
async fn main() -> ExitCode {
    let clear_cache = std::env::args().any(|a| a == "--clear-buddy-cache");
    let mut ran = false;
    if var("CLOUDFLARE_API_TOKEN").is_some() {
        ran = true;
        if let Err(e) = cloudflare().await {
            eprintln!("cloudflare: {e}");
            return ExitCode::FAILURE;
        }
    }
    if clear_cache {
        ran = true;
        if let Err(e) = buddy().await {
            eprintln!("buddy: {e}");
            return ExitCode::FAILURE;
        }
    }
    if !ran {
        eprintln!(
            "Set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID (and CLOUDFLARE_SCRIPT_ID for a script's triggers and builds),\n\
             or BUDDY_TOKEN, BUDDY_WORKSPACE, BUDDY_PROJECT and BUDDY_PIPELINE_ID with --clear-buddy-cache.\n\
             To try the client without an account, run: cargo run -p generated-client --example tour"
        );
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

async fn cloudflare() -> Result<(), Box<dyn StdError>> {
    let client = CloudflareClient::from_env()?;
    let account = var("CLOUDFLARE_ACCOUNT_ID").ok_or("CLOUDFLARE_ACCOUNT_ID is not set")?;

    let limits = client
        .account()
        .limits(&account)
        .send_with_response()
        .await?;
    println!(
        "build minutes limit reached: {:?} (refresh on {:?}); {:?} requests left in this window",
        limits.value().has_reached_build_minutes_limit,
        limits.value().build_minutes_refresh_on,
        limits.rate_limit().remaining
    );

    let Some(script) = var("CLOUDFLARE_SCRIPT_ID") else {
        println!("set CLOUDFLARE_SCRIPT_ID to list a script's triggers and builds");
        return Ok(());
    };
    for trigger in client.triggers().list_by_script(&account, &script).await? {
        println!(
            "trigger {:?}: branches {:?}, build {:?}",
            trigger.trigger_name, trigger.branch_includes, trigger.build_command
        );
    }
    let mut builds = client
        .builds()
        .list_by_script(&account, &script)
        .per_page(25)
        .into_stream();
    let mut shown = 0;
    while let Some(build) = builds.next().await {
        let build = build?;
        println!(
            "build {:?}: {:?} / {:?}, commit {:?}",
            build.build_uuid,
            build.status,
            build.build_outcome,
            build
                .build_trigger_metadata
                .as_ref()
                .and_then(|m| m.commit_hash.as_deref())
        );
        shown += 1;
        if shown == 10 {
            break;
        }
    }
    Ok(())
}

async fn buddy() -> Result<(), Box<dyn StdError>> {
    let client = BuddyClient::from_env()?;
    let workspace = var("BUDDY_WORKSPACE").ok_or("BUDDY_WORKSPACE is not set")?;
    let project = var("BUDDY_PROJECT").ok_or("BUDDY_PROJECT is not set")?;
    let pipeline: i64 = var("BUDDY_PIPELINE_ID")
        .ok_or("BUDDY_PIPELINE_ID is not set")?
        .parse()?;
    let pipeline = client
        .pipelines()
        .clear_cache(&workspace, &project, pipeline)
        .await?;
    println!(
        "cleared the cache of pipeline {:?} ({:?})",
        pipeline.name, pipeline.html_url
    );
    for action in pipeline.actions.iter().flatten() {
        println!("  action {:?}", action.tag());
    }
    Ok(())
}
