//! Glob-imports the service and defines its own `Label`, the name the new type takes.
#![allow(dead_code)]

use compat::type_added::*;

/// The user's own type: a glob import does not shadow it.
struct Label(&'static str);

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeAddedClient::new("token")?;
    let item = client.items().get("i1").await?;
    let label = Label("mine");
    println!("{} {}", item.name, label.0);
    Ok(())
}

fn main() {}
