//! Names `Value::Flag`.
#![allow(dead_code)]

use compat::union_variant_removed::{UnionVariantRemovedClient, Value};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = UnionVariantRemovedClient::new("token")?;
    let item = client.items().get("i1").await?;
    if let Value::Flag(flag) = item.value {
        println!("{flag}");
    }
    Ok(())
}

fn main() {}
