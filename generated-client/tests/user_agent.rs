//! Requests name the SDK and this crate's version, not the runtime's: the generated code
//! tells the runtime its `User-Agent`.

#![cfg(feature = "cloudflare")]

use generated_client::RetryPolicy;
use generated_client::cloudflare::CloudflareClient;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_user_agent_is_generated_client_and_its_version() -> Result<(), generated_client::Error>
{
    let server = MockServer::start().await;
    let envelope =
        serde_json::json!({ "success": true, "errors": [], "messages": [], "result": {} });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope))
        .mount(&server)
        .await;
    let client = CloudflareClient::builder("token")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()?;
    client
        .account()
        .limits("023e105f4ecef8ad9ca31a8372d0c353")
        .await?;
    let requests = server.received_requests().await.unwrap_or_default();
    let agents: Vec<_> = requests
        .iter()
        .map(|r| r.headers.get("user-agent").and_then(|v| v.to_str().ok()))
        .collect();
    let expected = format!("generated-client/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(agents, [Some(expected.as_str())]);
    Ok(())
}
