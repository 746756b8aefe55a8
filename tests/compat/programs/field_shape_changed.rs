//! Builds an `ItemInput` with `new` and a setter, and reads its field `branch`.
#![allow(dead_code)]

use compat::field_shape_changed::{FieldShapeChangedClient, ItemInput};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldShapeChangedClient::new("token")?;
    let input = ItemInput::new("box").with_branch("main");
    println!("{:?}", input.branch);
    client.items().create(input).await?;
    Ok(())
}

fn main() {}
