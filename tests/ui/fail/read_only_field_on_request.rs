//! `url` is read-only: request types leave it out, so it can be neither set nor read.

use generated_client::buddy::{AmazonIntegrationRef, CloudFrontActionRequest};

fn main() {
    let request =
        CloudFrontActionRequest::new("Cloudfront action", AmazonIntegrationRef::new("aws"));
    let _url = &request.common.url;
    let _request = request.with_url("https://api.buddy.works/actions/1");
}
