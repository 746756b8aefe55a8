//! Builds an `ItemInput` with a token, prints it, and sends it.
#![allow(dead_code)]

use compat::field_secrecy_changed::{FieldSecrecyChangedClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldSecrecyChangedClient::new("token")?;
    let input = ItemInput::new("hook").with_token("t0k3n");
    println!("{input:?}");
    let created = client.items().create(input).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
