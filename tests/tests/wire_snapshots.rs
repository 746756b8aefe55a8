//! Every example of every snapshot case, replayed over the wire through the case's
//! generated client, as `wire_operations.rs` does for the real spec: each construct of the
//! spec format is checked on the bytes a real HTTP server on loopback receives and sends.

use std::path::PathBuf;

use tests::replay::{ClientSet, Operation, examples_of};
use tests::snapshots as cases;
use tests::wire_replay::replay_all;

fn spec_dir(case: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests/fixtures/snapshots")
        .join(case)
        .join("spec")
}

/// What failed in one case, and how many examples it replayed.
async fn replay_case<C: ClientSet>(
    case: &str,
    operations: &'static [Operation<C>],
) -> (Vec<String>, usize) {
    let (failures, count) = replay_all(operations, &examples_of(&spec_dir(case))).await;
    let failures = failures
        .into_iter()
        .map(|failure| format!("{case}: {failure}"))
        .collect();
    (failures, count)
}

macro_rules! replay_cases {
    ($($case:ident => $operations:ident),* $(,)?) => {{
        let mut failures = Vec::new();
        let mut replayed = Vec::new();
        $(
            let (case_failures, count) =
                replay_case(stringify!($case), cases::$operations::OPERATIONS).await;
            failures.extend(case_failures);
            replayed.push((stringify!($case), count));
        )*
        (failures, replayed)
    }};
}

#[tokio::test]
async fn every_example_of_every_snapshot_case_goes_over_the_wire() {
    let (failures, replayed) = replay_cases!(
        bare_map_body => bare_map_body_operations,
        colliding_names => colliding_names_operations,
        d1_draft => d1_draft_operations,
        documented_values => documented_values_operations,
        enum_odd_values => enum_odd_values_operations,
        envelope_per_operation => envelope_per_operation_operations,
        header_params => header_params_operations,
        keyword_names => keyword_names_operations,
        map_types => map_types_operations,
        number_or_string_union => number_or_string_union_operations,
        object_unions => object_unions_operations,
        paginated_operation => paginated_operation_operations,
        paging_shapes => paging_shapes_operations,
        query_arrays => query_arrays_operations,
        raw_answers => raw_answers_operations,
        request_bodies => request_bodies_operations,
        struct_fields => struct_fields_operations,
        tagged_union_fallback => tagged_union_fallback_operations,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every case folder is replayed, and each has examples.
    let dir = tests::workspace_root().join("tests/fixtures/snapshots");
    let mut folders: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let listed: Vec<&str> = replayed.iter().map(|(case, _)| *case).collect();
    assert_eq!(listed, folders, "list every snapshot case above");
    for (case, count) in replayed {
        assert!(count > 0, "{case} has no example to replay");
    }
}
