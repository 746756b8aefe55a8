//! A request body's required fields are named where they are set: leaving one out does not
//! compile, and the compiler names it.

use generated_client::cloudflare::{CreateBuildTokenRequest, CreateBuildTokenRequired};

fn main() {
    let _body = CreateBuildTokenRequest::new(CreateBuildTokenRequired {
        build_token_name: "My Build Token".into(),
        build_token_secret: "super-secret-token".into(),
    });
}
