//! Buddy through the client: a create with the page's example body, and an older endpoint
//! that answers 201 with an action type the client does not know.

use std::error::Error;

use generated_client::buddy::{
    AmazonIntegrationRef, BuddyClient, CloudFrontActionRequest, CloudFrontInputType, TriggerTime,
};

/// Runs the Buddy part.
pub async fn run(buddy: &BuddyClient) -> Result<(), Box<dyn Error>> {
    create_action(buddy).await?;
    clear_cache(buddy).await
}

async fn create_action(buddy: &BuddyClient) -> Result<(), Box<dyn Error>> {
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
    Ok(())
}

async fn clear_cache(buddy: &BuddyClient) -> Result<(), Box<dyn Error>> {
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
    Ok(())
}
