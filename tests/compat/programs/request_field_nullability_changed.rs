//! Sends an `ItemInput` without a note.
#![allow(dead_code)]

use compat::request_field_nullability_changed::{ItemInput, RequestFieldNullabilityChangedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = RequestFieldNullabilityChangedClient::new("token")?;
    let created = client.items().create(ItemInput::new("box")).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
