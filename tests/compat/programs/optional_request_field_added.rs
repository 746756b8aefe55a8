//! Builds an `ItemInput` with `new` and a setter, and sends it.
#![allow(dead_code)]

use compat::optional_request_field_added::{ItemInput, OptionalRequestFieldAddedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = OptionalRequestFieldAddedClient::new("token")?;
    let input = ItemInput::new("box").with_note("fragile");
    let created = client.items().create(input).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
