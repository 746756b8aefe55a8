//! A manual build needs a branch or a commit hash: it can only be built from one of them.

use generated_client::cloudflare::CreateManualBuildRequest;

fn main() {
    let _empty = CreateManualBuildRequest::new();
    let _default = CreateManualBuildRequest::default();
}
