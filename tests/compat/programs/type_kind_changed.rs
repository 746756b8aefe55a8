//! Matches on the enum `State` of an item.
#![allow(dead_code)]

use compat::type_kind_changed::{State, TypeKindChangedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeKindChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    match item.state {
        State::Active => println!("active"),
        State::Archived => println!("archived"),
        other => println!("{other}"),
    }
    Ok(())
}

fn main() {}
