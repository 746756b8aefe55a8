//! Compile tests of generated code, with trybuild: `ui/pass/` programs use it as a user
//! would and must compile; each `ui/fail/` program makes one mistake the generated types
//! must reject, with the compiler's message pinned in the `.stderr` beside it.
//!
//! The programs use the snapshot cases' code (`tests::snapshots::<case>`, generated from
//! specs of their own in `fixtures/snapshots/`), never the live client: a page update that
//! renames a field or changes a constructor must not break them. What such an update does
//! to users' code is the change report's business (`generated-client/CHANGELOG.md`).
//!
//! A call of every operation of the live client, as the spec has them, is compiled by
//! generated-client's doctests: each method's documentation carries an example that calls
//! it. So a newly specified operation needs no edit here.
//!
//! After a deliberate change, regenerate the messages with
//! `TRYBUILD=overwrite cargo test -p tests --test compile`, then read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}
