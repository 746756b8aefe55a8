//! A request body's required fields are named where they are set: leaving one out does not
//! compile, and the compiler names it. (`BuildStep`, of the `tagged_union_fallback` snapshot,
//! is the body of `steps().create_build`; its `name` comes from a flattened common struct.)

use tests::snapshots::tagged_union_fallback::pipeline::{BuildStep, BuildStepRequired};

fn main() {
    let _body = BuildStep::new(BuildStepRequired {
        name: "compile".into(),
    });
}
