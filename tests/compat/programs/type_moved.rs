//! Names `Label` by its long path, in the module `items`.
#![allow(dead_code)]

use compat::type_moved::TypeMovedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeMovedClient::new("token")?;
    let label = compat::type_moved::items::Label::new("urgent");
    println!("{} {}", label.text, client.base_url());
    Ok(())
}

fn main() {}
