//! Calls `get`, whose example changes.
#![allow(dead_code)]

use compat::example_changed::ExampleChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ExampleChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
