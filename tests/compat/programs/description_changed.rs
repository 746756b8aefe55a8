//! Reads `Item.note`, whose description changes.
#![allow(dead_code)]

use compat::description_changed::DescriptionChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = DescriptionChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{:?}", item.note);
    Ok(())
}

fn main() {}
