//! Matches on the union `Value` of a response.
#![allow(dead_code)]

use compat::union_variant_added::{UnionVariantAddedClient, Value};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = UnionVariantAddedClient::new("token")?;
    let item = client.items().get("i1").await?;
    match item.value {
        Value::Number(n) => println!("{n}"),
        Value::Text(t) => println!("{t}"),
        other => println!("{other:?}"),
    }
    Ok(())
}

fn main() {}
