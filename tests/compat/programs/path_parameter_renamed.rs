//! Calls `get` with the item's ID, a positional path parameter.
#![allow(dead_code)]

use compat::path_parameter_renamed::PathParameterRenamedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = PathParameterRenamedClient::new("token")?;
    let item = client.items().get("i1").await?;
    println!("{}", item.id);
    Ok(())
}

fn main() {}
