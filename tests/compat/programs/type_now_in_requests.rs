//! Reads the response type `Label`.
#![allow(dead_code)]

use compat::type_now_in_requests::{Label, TypeNowInRequestsClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeNowInRequestsClient::new("token")?;
    let label: Label = client.items().label("i1").await?;
    println!("{}", label.text);
    Ok(())
}

fn main() {}
