//! Reads `Item.note`, and builds an `Item` as a test's stand-in.
#![allow(dead_code)]

use compat::field_nullability_changed::{FieldNullabilityChangedClient, Item, ItemRequired};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldNullabilityChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let stand_in = Item::new(ItemRequired {
        id: "i1".into(),
        name: "box".into(),
    });
    println!("{:?} {:?}", item.note, stand_in.note);
    Ok(())
}

fn main() {}
