//! Calls `create`, whose success status changes.
#![allow(dead_code)]

use compat::success_status_changed::{ItemInput, SuccessStatusChangedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = SuccessStatusChangedClient::new("token")?;
    let created = client.items().create(ItemInput::new("box")).await?;
    println!("{}", created.id);
    Ok(())
}

fn main() {}
