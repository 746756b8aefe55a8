//! `builds().get` takes the account and the build: leaving out a path parameter does not compile.

fn main() {
    let client = generated_client::cloudflare::CloudflareClient::new("token").unwrap();
    let _request = client.builds().get("023e105f4ecef8ad9ca31a8372d0c353");
}
