//! Each change fixture is reported under the rule it is named after, every rule has a
//! fixture, and every fixture a program whose expected outcome the classification gives.

use check_new::{BEHAVIOUR_ONLY, Expectation, changes_by_fixture, describe, expectation, rule_of};
use codegen_generator::surface::Class;
use codegen_generator::surface::diff::RULES;

#[test]
fn every_fixture_reports_its_rule_and_nothing_stronger_or_weaker() {
    let mut failures = Vec::new();
    for (fixture, changes) in changes_by_fixture() {
        let Some(rule) = rule_of(&fixture) else {
            failures.push(format!("{fixture}: the name starts with no rule id"));
            continue;
        };
        let reported = changes.iter().any(|c| c.rule == rule);
        let class = changes.iter().map(|c| c.rule.class).max();
        if !reported || class != Some(rule.class) {
            failures.push(format!(
                "{fixture}: expected {} ({}) as the strongest change, got:\n{}",
                rule.id,
                rule.class.name(),
                describe(&changes)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_fixture() {
    let fixtures: Vec<String> = changes_by_fixture().into_keys().collect();
    let missing: Vec<&str> = RULES
        .iter()
        .filter(|rule| !fixtures.iter().any(|f| rule_of(f) == Some(**rule)))
        .map(|rule| rule.id)
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture in tests/fixtures/changes: {}",
        missing.join(", ")
    );
}

#[test]
fn every_fixture_has_a_program_and_only_a_failing_one_a_stderr() {
    let dir = check_new::programs_dir();
    let fixtures = changes_by_fixture();
    let mut problems = Vec::new();
    for (fixture, changes) in &fixtures {
        let program = dir.join(format!("{fixture}.rs"));
        let stderr = dir.join(format!("{fixture}.stderr"));
        if !program.is_file() {
            problems.push(format!("{} is missing", program.display()));
        }
        let fails = expectation(changes) == Expectation::FailsToCompile;
        if stderr.is_file() != fails {
            problems.push(format!(
                "{}: {} (the program {} against the new API)",
                stderr.display(),
                if fails { "missing" } else { "not expected" },
                if fails {
                    "fails to compile"
                } else {
                    "compiles"
                }
            ));
        }
    }
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .path();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !fixtures.contains_key(&stem) {
            problems.push(format!("{}: no fixture of that name", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn behaviour_only_rules_are_breaking_rules_with_a_behaviour_test_per_fixture() {
    for (id, why) in BEHAVIOUR_ONLY {
        let rule = RULES.iter().find(|r| r.id == *id);
        assert!(
            rule.is_some_and(|r| r.class == Class::Breaking),
            "{id} is not a breaking rule ({why})"
        );
    }
    let path = check_new::workspace_root().join("tests/compat/check-new/tests/behaviour.rs");
    let tests = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let fixtures = changes_by_fixture();
    let mut missing = Vec::new();
    for (fixture, changes) in &fixtures {
        if expectation(changes) == Expectation::BehaviourChanges
            && !tests.contains(&format!("async fn {fixture}()"))
        {
            missing.push(fixture.as_str());
        }
    }
    assert!(
        missing.is_empty(),
        "fixtures whose change only shows at runtime, without a test `async fn <fixture>()` in {}: {}",
        path.display(),
        missing.join(", ")
    );
    for (id, _) in BEHAVIOUR_ONLY {
        assert!(
            fixtures.iter().any(|(fixture, changes)| {
                rule_of(fixture).is_some_and(|r| r.id == *id)
                    && expectation(changes) == Expectation::BehaviourChanges
            }),
            "{id} has no fixture whose program compiles and whose behaviour a test shows"
        );
    }
}
