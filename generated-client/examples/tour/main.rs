//! A tour of the client, with no token and no network: an HTTP server on 127.0.0.1
//! answers Workers Builds and Buddy with the documentation pages' own examples, taken from
//! the spec, and plays a stateful Cloudflare Workers platform on which the tour deploys a
//! Worker, checking each step. A failed check ends the tour with an error and a non-zero
//! exit status.
//!
//! ```sh
//! cargo run -p generated-client --example tour
//! ```

mod buddy;
mod deploy;
mod docs;
mod platform;
mod workers_builds;

#[cfg(test)]
mod tests;

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
/// The API token the local server expects.
const TOKEN: &str = "a-token";
/// The value of the Worker's secret: a user's would come from their vault. The tour sends
/// it to the platform once and prints it nowhere.
const SECRET: &str = "tour-secret-value-never-printed";

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
    platform::Platform::new(ACCOUNT, TOKEN).mount(&server).await;
    println!(
        "A server on {} answers with the documentation's examples, and plays a Workers \
         platform.\n",
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
    buddy::run(&buddy).await?;
    deploy::run(&cloudflare, SECRET, &mut std::io::stdout()).await
}
