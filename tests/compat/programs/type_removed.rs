//! Builds a `Label`.
#![allow(dead_code)]

use compat::type_removed::{Label, TypeRemovedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeRemovedClient::new("token")?;
    let label = Label::new("urgent");
    println!("{} {}", label.text, client.base_url());
    Ok(())
}

fn main() {}
