//! Builds an `ItemInput` with `new` and sends it.
#![allow(dead_code)]

use compat::required_request_field_added::{ItemInput, RequiredRequestFieldAddedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = RequiredRequestFieldAddedClient::new("token")?;
    let created = client.items().create(ItemInput::new("box")).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
