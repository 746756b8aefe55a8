//! Two strings side by side are easy to swap: a repository connection's required fields are
//! set by name, so positional arguments do not compile.

use generated_client::cloudflare::{ProviderType, UpsertRepoConnectionRequest};

fn main() {
    let _body = UpsertRepoConnectionRequest::new(
        "cloudflare",
        "Cloudflare",
        ProviderType::Github,
        "workers-sdk",
        "workers-sdk",
    );
}
