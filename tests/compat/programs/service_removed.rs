//! Calls an operation of a service.
#![allow(dead_code)]

use compat::service_removed::{Item, ServiceRemovedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ServiceRemovedClient::new("token")?;
    let item: Item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
