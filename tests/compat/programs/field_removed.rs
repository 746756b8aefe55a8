//! Reads `Item.note`.
#![allow(dead_code)]

use compat::field_removed::FieldRemovedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldRemovedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let note: Option<String> = item.note;
    println!("{note:?}");
    Ok(())
}

fn main() {}
