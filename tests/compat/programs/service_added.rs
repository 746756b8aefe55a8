//! Glob-imports every service of the crate; a service added changes nothing it uses.
#![allow(unused_imports)]

use compat::*;

fn main() {}
