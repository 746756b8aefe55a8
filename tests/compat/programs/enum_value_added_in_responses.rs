//! Matches on the `State` of a response.
#![allow(dead_code)]

use compat::enum_value_added_in_responses::{EnumValueAddedInResponsesClient, State};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = EnumValueAddedInResponsesClient::new("token")?;
    let item = client.items().get("i1").await?;
    match item.state {
        State::Active => println!("active"),
        State::Archived => println!("archived"),
        other => println!("{other}"),
    }
    Ok(())
}

fn main() {}
