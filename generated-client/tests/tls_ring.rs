//! With `tls-ring` (and not `tls-aws-lc-rs`), ring is the process's crypto provider.
//! CI runs it with `--no-default-features --features cloudflare,tls-ring`.

#![cfg(all(
    feature = "cloudflare",
    feature = "tls-ring",
    not(feature = "tls-aws-lc-rs")
))]

/// Without a provider installed, reqwest would panic building its client.
#[test]
fn a_client_builds_with_ring_as_the_crypto_provider() {
    let client = generated_client::cloudflare::CloudflareClient::new("token");
    assert!(client.is_ok(), "{client:?}");
    let provider = rustls::crypto::CryptoProvider::get_default();
    let ring = rustls::crypto::ring::default_provider();
    assert!(
        provider.is_some_and(|p| p.cipher_suites.len() == ring.cipher_suites.len()),
        "ring is not the process's crypto provider"
    );
}
