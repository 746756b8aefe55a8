//! Calls `create` with one `ItemInput`.
#![allow(dead_code)]

use compat::body_changed::{BodyChangedClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = BodyChangedClient::new("token")?;
    let input = ItemInput::new("box").with_note("fragile");
    let created = client.items().create(input).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
