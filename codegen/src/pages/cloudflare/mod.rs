//! Cloudflare's API reference: the Markdown twin and the whitespace-collapsed rendering.

pub mod collapsed;
pub mod markdown;
