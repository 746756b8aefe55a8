//! Names `State::Archived`.
#![allow(dead_code)]

use compat::enum_value_removed::{EnumValueRemovedClient, State};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = EnumValueRemovedClient::new("token")?;
    let item = client.items().get("i1").await?;
    if item.state == State::Archived {
        println!("archived");
    }
    Ok(())
}

fn main() {}
