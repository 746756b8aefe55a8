//! A body the client builds by itself (`{"clear_cache": true}`) is not part of the API:
//! nothing takes it, so nothing names it.

use generated_client::buddy::ClearCacheRequest;

fn main() {
    let _ = ClearCacheRequest::new();
}
