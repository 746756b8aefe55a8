//! Cloudflare's API reference: the Markdown twin and the whitespace-collapsed rendering.
//!
//! Both renderings write the same outline ([`outline`]) of the same items, whose code
//! spans one grammar reads ([`grammar`]); each reader only turns its text into the
//! outline's nodes.

pub mod collapsed;
pub mod details;
pub mod grammar;
pub mod markdown;
pub mod outline;

#[cfg(test)]
mod tests;
