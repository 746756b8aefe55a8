//! Compile tests of the generated client, with trybuild: `ui/pass/` programs use it as a
//! user would and must compile; each `ui/fail/` program makes one mistake the client's types
//! must reject, with the compiler's message pinned in the `.stderr` beside it.
//!
//! A call of every operation, as the spec has them, is compiled by generated-client's
//! doctests: each method's documentation carries an example that calls it. So a newly
//! specified operation needs no edit here; `ui/pass/` programs show how the client reads.
//!
//! After a deliberate change, regenerate the messages with
//! `TRYBUILD=overwrite cargo test -p tests --test compile`, then read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
