//! The programs of `tests/compat/programs/` compile and run against `compat-old`, the API
//! they are written for: `tests/programs.rs`. See `tests/compat/README.md`.
