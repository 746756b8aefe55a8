//! Builds a `Label` with its setters, as a request sends it.
#![allow(dead_code)]

use compat::type_no_longer_in_requests::{Label, TypeNoLongerInRequestsClient};

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = TypeNoLongerInRequestsClient::new("token")?;
    let label = Label::new("urgent").with_color("red");
    println!("{} {}", label.text, client.base_url());
    Ok(())
}

fn main() {}
