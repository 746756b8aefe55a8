//! The documentation page readers on arbitrary text.
//!
//! Input: one byte that picks the layout (its low two bits) and whether the reader gets
//! the spec's field names as hints (bit 2), as `cargo xtask docs` gives them; then the
//! page. Pages that are not UTF-8 are read as the lossy text, so every byte string
//! reaches a reader.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use codegen_pages::pages::{Hints, Layout};
use libfuzzer_sys::fuzz_target;

/// The field and parameter names of the repository's spec, as hints for every layout.
fn spec_hints() -> &'static Hints {
    static HINTS: OnceLock<Hints> = OnceLock::new();
    HINTS.get_or_init(|| {
        let mut hints = Hints::default();
        let spec_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        // Without the spec the readers still run, with no hints.
        let Ok(spec) = codegen_spec::load_and_validate(&spec_dir) else {
            return hints;
        };
        for service in &spec.services {
            for (_, def) in service.types() {
                if let codegen_spec::spec::TypeKind::Object(object) = &def.kind {
                    let names = object.fields.iter().map(|f| f.name.value.clone());
                    hints.field_names.extend(names);
                }
            }
            for (_, op) in service.operations() {
                let params = op.path_params.iter().chain(&op.query_params);
                hints
                    .field_names
                    .extend(params.map(|p| p.name.value.clone()));
            }
        }
        hints
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, page)) = data.split_first() else {
        return;
    };
    let (_, layout) = Layout::ALL[usize::from(pick & 3)];
    let empty = Hints::default();
    let hints = if pick & 4 != 0 { spec_hints() } else { &empty };
    let text = String::from_utf8_lossy(page);
    match codegen_pages::pages::read("pages/fuzz.txt", &text, layout, hints) {
        Ok(page) => {
            let _ = format!("{page:?}");
        }
        Err(diagnostics) => {
            let _ = diagnostics.to_string();
        }
    }
    let _ = codegen_pages::pages::detect_layout(&text);
});
