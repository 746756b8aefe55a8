//! Matches the fallback variant `Shape::Unknown`.
#![allow(dead_code)]

use compat::union_variant_removed_fallback::{Shape, UnionVariantRemovedFallbackClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = UnionVariantRemovedFallbackClient::new("token")?;
    let item = client.items().get("i1").await?;
    if let Shape::Unknown(json) = item.shape {
        println!("{json}");
    }
    Ok(())
}

fn main() {}
