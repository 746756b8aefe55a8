//! A request body is built from all of its required fields: leaving one out does not compile.

use generated_client::cloudflare::CreateBuildTokenRequest;

fn main() {
    let _body = CreateBuildTokenRequest::new("My Build Token", "super-secret-token");
}
