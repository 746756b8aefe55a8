//! Sends `State::InProgress` as a query parameter.
#![allow(dead_code)]

use compat::enum_variant_renamed::{EnumVariantRenamedClient, State};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = EnumVariantRenamedClient::new("token")?;
    let items = client.items().list().state(State::InProgress).await?;
    println!("{}", items.len());
    Ok(())
}

fn main() {}
