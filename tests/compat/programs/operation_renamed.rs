//! Calls `remove`.
#![allow(dead_code)]

use compat::operation_renamed::OperationRenamedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OperationRenamedClient::new("token")?;
    let removed = client.items().remove("i1").await?;
    println!("{}", removed.id);
    Ok(())
}

fn main() {}
