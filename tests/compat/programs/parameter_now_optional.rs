//! Calls `list` with its required `limit`.
#![allow(dead_code)]

use compat::parameter_now_optional::ParameterNowOptionalClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = ParameterNowOptionalClient::new("token")?;
    let items = client.items().list(10).await?;
    println!("{}", items.len());
    Ok(())
}

fn main() {}
