//! Matches on the tagged union `Shape` of a response.
#![allow(dead_code)]

use compat::union_tag_changed::{Shape, UnionTagChangedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = UnionTagChangedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let size = match item.shape {
        Shape::Circle(circle) => circle.radius,
        Shape::Square(square) => square.side,
        _ => 0.0,
    };
    println!("{size}");
    Ok(())
}

fn main() {}
