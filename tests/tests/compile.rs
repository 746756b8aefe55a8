//! Compile tests of the generated client, with trybuild: `ui/pass/` programs use it as a
//! user would and must compile; each `ui/fail/` program makes one mistake the client's types
//! must reject, with the compiler's message pinned in the `.stderr` beside it.
//!
//! After a deliberate change, regenerate the messages with
//! `TRYBUILD=overwrite cargo test -p tests --test compile`, then read them.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
}

/// `ui/pass/every_operation.rs` calls every operation of the spec, so that a newly
/// specified operation fails here until the program calls it (and so compiles a call).
#[test]
fn every_operation_is_called_by_the_pass_program() {
    let root = tests::workspace_root();
    let spec = match codegen::load_and_validate(&root.join("spec")) {
        Ok(spec) => spec,
        Err(diagnostics) => panic!("the spec does not load:\n{diagnostics}"),
    };
    let program_path = root.join("tests/ui/pass/every_operation.rs");
    let program = std::fs::read_to_string(&program_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", program_path.display()));
    // Calls are split over lines as rustfmt likes; compare without whitespace.
    let program: String = program.chars().filter(|c| !c.is_whitespace()).collect();
    let mut operations = 0;
    let mut missing = Vec::new();
    for service in &spec.services {
        for (file, op) in service.operations() {
            operations += 1;
            let resource = file.resource.as_ref().map(|r| r.value.as_str());
            let method = op.id.value.as_str();
            let call = match resource {
                Some(resource) => format!(".{resource}().{method}("),
                None => format!(".{method}("),
            };
            if !program.contains(&call) {
                missing.push(format!(
                    "{}.{}.{method} (expected `{call}`)",
                    service.name,
                    resource.unwrap_or("?")
                ));
            }
        }
    }
    assert!(operations > 0, "the spec has no operations");
    assert!(
        missing.is_empty(),
        "{} does not call these operations:\n{}",
        program_path.display(),
        missing.join("\n")
    );
}
