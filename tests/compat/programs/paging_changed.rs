//! Streams every item of `list`, page after page.
#![allow(dead_code)]

use compat::paging_changed::PagingChangedClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = PagingChangedClient::new("token")?;
    let mut items = client.items().list().into_stream();
    while let Some(item) = items.next().await {
        println!("{}", item?.name);
    }
    Ok(())
}

fn main() {}
