//! Calls `list`, setting its optional `limit`.
#![allow(dead_code)]

use compat::parameter_removed::ParameterRemovedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ParameterRemovedClient::new("token")?;
    let items = client.items().list().limit(10).await?;
    println!("{}", items.len());
    Ok(())
}

fn main() {}
