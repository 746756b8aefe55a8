//! Generated types are `#[non_exhaustive]`: they are built with `new`, never with a literal.

use generated_client::cloudflare::CreateBuildTokenRequest;

fn main() {
    let _body = CreateBuildTokenRequest {
        build_token_name: "My Build Token".to_owned(),
        build_token_secret: "super-secret-token".to_owned(),
        cloudflare_token_id: "cf-token-123".to_owned(),
    };
}
