//! Builds an `ItemInput` with `new`, its required fields by position, and sends it.
#![allow(dead_code)]

use compat::constructor_form_changed::{ConstructorFormChangedClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ConstructorFormChangedClient::new("token")?;
    let created = client.items().create(ItemInput::new("box", 3)).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
