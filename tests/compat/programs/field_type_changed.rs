//! Reads `Item.count` as an `i64`.
#![allow(dead_code)]

use compat::field_type_changed::FieldTypeChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldTypeChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let count: i64 = item.count;
    println!("{count}");
    Ok(())
}

fn main() {}
