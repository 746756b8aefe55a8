//! Sends a `Color`.
#![allow(dead_code)]

use compat::enum_value_added_in_requests::{Color, EnumValueAddedInRequestsClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = EnumValueAddedInRequestsClient::new("token")?;
    let input = ItemInput::new("box").with_color(Color::Red);
    client.items().create(input).await?;
    Ok(())
}

fn main() {}
