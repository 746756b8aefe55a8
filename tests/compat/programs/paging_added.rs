//! Reads one page of `list`.
#![allow(dead_code)]

use compat::paging_added::{ItemPage, PagingAddedClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = PagingAddedClient::new("token")?;
    let page: ItemPage = client.items().list().await?;
    for item in page.items {
        println!("{}", item.name);
    }
    Ok(())
}

fn main() {}
