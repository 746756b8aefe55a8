//! Every snapshot of `fixtures/snapshots/<case>/expected/`, compiled as a module of this
//! crate: a snapshot that does not compile, or warns, fails the build. `tests/snapshots.rs`
//! checks that every case folder is listed here.

#[path = "../fixtures/snapshots/bare_map_body/expected/mod.rs"]
pub mod bare_map_body;

#[path = "../fixtures/snapshots/colliding_names/expected/mod.rs"]
pub mod colliding_names;

#[path = "../fixtures/snapshots/enum_odd_values/expected/mod.rs"]
pub mod enum_odd_values;

#[path = "../fixtures/snapshots/keyword_names/expected/mod.rs"]
pub mod keyword_names;

#[path = "../fixtures/snapshots/map_types/expected/mod.rs"]
pub mod map_types;

#[path = "../fixtures/snapshots/number_or_string_union/expected/mod.rs"]
pub mod number_or_string_union;

#[path = "../fixtures/snapshots/paginated_operation/expected/mod.rs"]
pub mod paginated_operation;

#[path = "../fixtures/snapshots/struct_fields/expected/mod.rs"]
pub mod struct_fields;

#[path = "../fixtures/snapshots/tagged_union_fallback/expected/mod.rs"]
pub mod tagged_union_fallback;
