//! Calls an operation of the resource `tags`.
#![allow(dead_code)]

use compat::resource_removed::ResourceRemovedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ResourceRemovedClient::new("token")?;
    let tags: Vec<String> = client.tags().list().await?;
    println!("{tags:?}");
    Ok(())
}

fn main() {}
