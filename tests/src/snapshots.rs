//! Every snapshot of `fixtures/snapshots/<case>/expected/`, compiled as a module of this
//! crate: a snapshot that does not compile, or warns, fails the build. `tests/snapshots.rs`
//! checks that every case folder is listed here, with its test suite (`<case>_operations`:
//! its operations, callable from its examples' values, which `tests/wire_snapshots.rs`
//! replays).

#[path = "../fixtures/snapshots/bare_map_body/expected/mod.rs"]
pub mod bare_map_body;
#[path = "../fixtures/snapshots/bare_map_body/expected/operations.rs"]
pub mod bare_map_body_operations;

#[path = "../fixtures/snapshots/colliding_names/expected/mod.rs"]
pub mod colliding_names;
#[path = "../fixtures/snapshots/colliding_names/expected/operations.rs"]
pub mod colliding_names_operations;

#[path = "../fixtures/snapshots/d1_draft/expected/mod.rs"]
pub mod d1_draft;
#[path = "../fixtures/snapshots/d1_draft/expected/operations.rs"]
pub mod d1_draft_operations;

#[path = "../fixtures/snapshots/documented_values/expected/mod.rs"]
pub mod documented_values;
#[path = "../fixtures/snapshots/documented_values/expected/operations.rs"]
pub mod documented_values_operations;

#[path = "../fixtures/snapshots/enum_odd_values/expected/mod.rs"]
pub mod enum_odd_values;
#[path = "../fixtures/snapshots/enum_odd_values/expected/operations.rs"]
pub mod enum_odd_values_operations;

#[path = "../fixtures/snapshots/envelope_per_operation/expected/mod.rs"]
pub mod envelope_per_operation;
#[path = "../fixtures/snapshots/envelope_per_operation/expected/operations.rs"]
pub mod envelope_per_operation_operations;

#[path = "../fixtures/snapshots/header_params/expected/mod.rs"]
pub mod header_params;
#[path = "../fixtures/snapshots/header_params/expected/operations.rs"]
pub mod header_params_operations;

#[path = "../fixtures/snapshots/keyword_names/expected/mod.rs"]
pub mod keyword_names;
#[path = "../fixtures/snapshots/keyword_names/expected/operations.rs"]
pub mod keyword_names_operations;

#[path = "../fixtures/snapshots/map_types/expected/mod.rs"]
pub mod map_types;
#[path = "../fixtures/snapshots/map_types/expected/operations.rs"]
pub mod map_types_operations;

#[path = "../fixtures/snapshots/number_or_string_union/expected/mod.rs"]
pub mod number_or_string_union;
#[path = "../fixtures/snapshots/number_or_string_union/expected/operations.rs"]
pub mod number_or_string_union_operations;

#[path = "../fixtures/snapshots/object_unions/expected/mod.rs"]
pub mod object_unions;
#[path = "../fixtures/snapshots/object_unions/expected/operations.rs"]
pub mod object_unions_operations;

#[path = "../fixtures/snapshots/paginated_operation/expected/mod.rs"]
pub mod paginated_operation;
#[path = "../fixtures/snapshots/paginated_operation/expected/operations.rs"]
pub mod paginated_operation_operations;

#[path = "../fixtures/snapshots/paging_shapes/expected/mod.rs"]
pub mod paging_shapes;
#[path = "../fixtures/snapshots/paging_shapes/expected/operations.rs"]
pub mod paging_shapes_operations;

#[path = "../fixtures/snapshots/query_arrays/expected/mod.rs"]
pub mod query_arrays;
#[path = "../fixtures/snapshots/query_arrays/expected/operations.rs"]
pub mod query_arrays_operations;

#[path = "../fixtures/snapshots/raw_answers/expected/mod.rs"]
pub mod raw_answers;
#[path = "../fixtures/snapshots/raw_answers/expected/operations.rs"]
pub mod raw_answers_operations;

#[path = "../fixtures/snapshots/request_bodies/expected/mod.rs"]
pub mod request_bodies;
#[path = "../fixtures/snapshots/request_bodies/expected/operations.rs"]
pub mod request_bodies_operations;

#[path = "../fixtures/snapshots/struct_fields/expected/mod.rs"]
pub mod struct_fields;
#[path = "../fixtures/snapshots/struct_fields/expected/operations.rs"]
pub mod struct_fields_operations;

#[path = "../fixtures/snapshots/tagged_union_fallback/expected/mod.rs"]
pub mod tagged_union_fallback;
#[path = "../fixtures/snapshots/tagged_union_fallback/expected/operations.rs"]
pub mod tagged_union_fallback_operations;
