//! Calls an operation of the service's existing resource.
#![allow(dead_code)]

use compat::resource_added::ResourceAddedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ResourceAddedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
