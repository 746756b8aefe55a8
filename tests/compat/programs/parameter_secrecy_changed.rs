//! Calls `trigger` with the hook's ID.
#![allow(dead_code)]

use compat::parameter_secrecy_changed::ParameterSecrecyChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ParameterSecrecyChangedClient::new("token")?;
    let item = client.items().trigger("7f1c2a9e").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
