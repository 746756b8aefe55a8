//! Buddy.works pages: the action layout and the older table layout.

pub mod action;
pub mod legacy;
