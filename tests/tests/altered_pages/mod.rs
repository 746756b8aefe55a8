//! The parts of `docs_altered_pages.rs`: its cases, a module per site, where a case's
//! difference belongs, and the workspaces the cases alter.

pub mod buddy;
pub mod cloudflare_current;
pub mod cloudflare_superseded;
pub mod places;
pub mod workspace;
