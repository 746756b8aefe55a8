//! Reads `Item.name` as a `String`.
#![allow(dead_code)]

use compat::field_now_optional::FieldNowOptionalClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldNowOptionalClient::new("token")?;
    let item = client.items().get("i1").await?;
    let name: String = item.name;
    println!("{name}");
    Ok(())
}

fn main() {}
