//! Reads `Item.branch_name`.
#![allow(dead_code)]

use compat::field_renamed::FieldRenamedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldRenamedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let branch: Option<String> = item.branch_name;
    println!("{branch:?}");
    Ok(())
}

fn main() {}
