//! Calls `list`, setting `since` to a date.
#![allow(dead_code)]

use compat::parameter_type_changed::ParameterTypeChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ParameterTypeChangedClient::new("token")?;
    let items = client.items().list().since("2026-01-01").await?;
    println!("{}", items.len());
    Ok(())
}

fn main() {}
