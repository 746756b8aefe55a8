//! Calls `get` with a client built from a token.
#![allow(dead_code)]

use compat::auth_changed::AuthChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = AuthChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.name);
    Ok(())
}

fn main() {}
