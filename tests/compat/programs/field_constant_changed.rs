//! Sends an `ItemInput`, whose constant `kind` `new` sets.
#![allow(dead_code)]

use compat::field_constant_changed::{FieldConstantChangedClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldConstantChangedClient::new("token")?;
    let created = client.items().create(ItemInput::new("box")).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
