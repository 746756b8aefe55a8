//! Every program of `tests/compat/programs/` compiles, and runs, against `compat-old`: the
//! API it is written for. `check-new` compiles the same programs against `compat-new`.

#[test]
fn every_program_compiles_against_the_old_api() {
    trybuild::TestCases::new().pass("../programs/*.rs");
}
