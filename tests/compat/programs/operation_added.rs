//! Calls `get`, the operation that exists before and after.
#![allow(dead_code)]

use compat::operation_added::OperationAddedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OperationAddedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
