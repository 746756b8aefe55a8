//! The documentation pages of `pages/` and how they agree with the spec: the first
//! pipeline of the project, beside the generator's.
//!
//! ```text
//! pages/ -> pages (one reader per layout) -> page model --+-> docs check: differences
//!                                                         +-> docs draft: spec JSON
//! spec/  -> codegen-spec (load, validate) ----------------+
//! ```
//!
//! - [`pages`] reads a page, whatever its layout, into one model of what it documents,
//!   and reads `pages/pages.json`, which says which reader reads which page;
//! - [`docs`] compares every current page with the spec ([`docs::check`]) and drafts
//!   spec JSON for what a page documents and the spec lacks ([`docs::draft`]);
//! - [`fetch`] judges a page downloaded anew (`cargo xtask docs fetch`) before it replaces
//!   the kept copy, and records the new copy in `pages/pages.json`.
//!
//! It builds on codegen-spec only: nothing here generates code.

pub mod docs;
pub mod fetch;
pub mod pages;
