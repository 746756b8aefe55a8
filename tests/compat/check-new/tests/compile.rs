//! Every program of `tests/compat/programs/`, written against the old API, compiled against
//! `compat-new`: it compiles if its fixture's changes are additive or documentation only,
//! or breaking only in behaviour (`BEHAVIOUR_ONLY`); otherwise it fails to compile, with the
//! compiler's message pinned in the `.stderr` beside it. The outcome each program must have
//! comes from the classifier's report, so this test proves the classification.
//!
//! After a deliberate change, regenerate the messages with
//! `TRYBUILD=overwrite cargo test -p check-new --test compile`, then read them.

use check_new::{Expectation, changes_by_fixture, expectation};

#[test]
fn each_program_compiles_against_the_new_api_as_the_classification_says() {
    let cases = trybuild::TestCases::new();
    for (fixture, changes) in changes_by_fixture() {
        let program = format!("../programs/{fixture}.rs");
        match expectation(&changes) {
            Expectation::FailsToCompile => cases.compile_fail(program),
            Expectation::Compiles | Expectation::BehaviourChanges => cases.pass(program),
        }
    }
}
