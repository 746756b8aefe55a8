//! A tour of the client, with no token and no network: an HTTP server on 127.0.0.1
//! answers Workers Builds and Buddy with the documentation pages' own examples, taken from
//! the spec, and the tour calls both APIs through the typed client. A failure ends the
//! tour with an error and a non-zero exit status.
//!
//! ```sh
//! cargo run -p generated-client --example tour
//! ```

mod buddy;
mod docs;
mod workers_builds;

use std::error::Error;
use std::process::ExitCode;

use generated_client::RetryPolicy;
use generated_client::buddy::BuddyClient;
use generated_client::cloudflare::CloudflareClient;
use wiremock::MockServer;

/// The account the tour works in: the pages' example account.
const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
/// The Worker the tour builds and deploys.
const SCRIPT: &str = "my-worker";
/// The API token the clients send.
const TOKEN: &str = "a-token";

#[tokio::main]
async fn main() -> ExitCode {
    match tour().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nThe tour failed: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn tour() -> Result<(), Box<dyn Error>> {
    let server = MockServer::start().await;
    docs::serve(&server).await?;
    println!(
        "A server on {} answers with the documentation's examples.\n",
        server.uri()
    );

    // Clients as users build them, pointed at the local server instead of the real API.
    let cloudflare = CloudflareClient::builder(TOKEN)
        .base_url(server.uri())
        .build()?;
    let buddy = BuddyClient::builder(TOKEN)
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()?;

    workers_builds::run(&cloudflare, &server.uri()).await?;
    buddy::run(&buddy).await
}
