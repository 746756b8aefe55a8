//! Reads a field of `get`'s result.
#![allow(dead_code)]

use compat::result_type_changed::{Item, ResultTypeChangedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ResultTypeChangedClient::new("token")?;
    let item: Item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
