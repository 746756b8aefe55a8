//! Calls `get`, whose path changes.
#![allow(dead_code)]

use compat::operation_endpoint_changed::OperationEndpointChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OperationEndpointChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
