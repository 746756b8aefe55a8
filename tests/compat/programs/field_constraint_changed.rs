//! Reads `Item.tags`.
#![allow(dead_code)]

use compat::field_constraint_changed::FieldConstraintChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldConstraintChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let tags: Option<Vec<String>> = item.tags;
    println!("{tags:?}");
    Ok(())
}

fn main() {}
