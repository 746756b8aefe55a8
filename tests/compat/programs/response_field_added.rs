//! Reads a response `Item`, and builds one as a test's stand-in.
#![allow(dead_code)]

use compat::response_field_added::{Item, ItemRequired, ResponseFieldAddedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ResponseFieldAddedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let stand_in = Item::new(ItemRequired {
        id: "i1".into(),
        name: "box".into(),
    });
    println!("{} {}", item.name, stand_in.name);
    Ok(())
}

fn main() {}
