//! Calls `delete`.
#![allow(dead_code)]

use compat::operation_removed::OperationRemovedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OperationRemovedClient::new("token")?;
    let deleted = client.items().delete("i1").await?;
    println!("{}", deleted.id);
    Ok(())
}

fn main() {}
