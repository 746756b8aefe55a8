//! Two strings side by side are easy to swap: a build step's required fields (`name` and
//! `command`, of the `tagged_union_fallback` snapshot) are set by name, so positional
//! arguments do not compile.

use tests::snapshots::tagged_union_fallback::pipeline::BuildStep;

fn main() {
    let _body = BuildStep::new("compile", "make");
}
