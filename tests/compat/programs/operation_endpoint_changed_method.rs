//! Calls `archive`, whose method changes.
#![allow(dead_code)]

use compat::operation_endpoint_changed_method::OperationEndpointChangedMethodClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OperationEndpointChangedMethodClient::new("token")?;
    let archived = client.items().archive("i1").await?;
    println!("{}", archived.name);
    Ok(())
}

fn main() {}
