//! Calls `list` with no arguments.
#![allow(dead_code)]

use compat::required_parameter_added::RequiredParameterAddedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = RequiredParameterAddedClient::new("token")?;
    let items = client.items().list().await?;
    println!("{}", items.len());
    Ok(())
}

fn main() {}
