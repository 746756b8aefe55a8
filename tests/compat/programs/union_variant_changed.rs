//! Reads `Value::Number` as an `f64`.
#![allow(dead_code)]

use compat::union_variant_changed::{UnionVariantChangedClient, Value};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = UnionVariantChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    if let Value::Number(n) = item.value {
        let number: f64 = n;
        println!("{number}");
    }
    Ok(())
}

fn main() {}
