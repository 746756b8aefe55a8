//! Reads `Item.note` as an `Option`.
#![allow(dead_code)]

use compat::field_now_required::FieldNowRequiredClient;

/// What a user writes; never called, so the program sends nothing when it runs.
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let client = FieldNowRequiredClient::new("token")?;
    let item = client.items().get("i1").await?;
    if let Some(note) = item.note {
        println!("{note}");
    }
    Ok(())
}

fn main() {}
