//! Keeping the spec in step with the pages: `docs check` compares every current page with
//! the spec and reports each difference at both places; `docs draft` writes spec JSON for
//! what a page documents and the spec lacks.
//!
//! Both read the pages with [`crate::pages`] and the spec with codegen-spec's loader, so
//! they sit above both in the pipeline and below nothing.

mod check;
mod draft;
mod fix;
mod json;
mod report;
mod update;

use std::path::Path;

pub use check::check;
pub use draft::{Draft, DraftFile, draft};
pub use report::{Allowed, Compared, Difference, PagePlace, Report, SkippedText, Superseded};
pub use update::{Update, update};

use crate::pages::{self, Hints};
use codegen_spec::spec::ServiceSpec;

/// The pages folder, relative to the workspace root.
pub const PAGES_DIR: &str = "pages";

/// The names of a service's fields and parameters: what a page reader may use to tell a
/// name from the text it is glued to.
pub(crate) fn hints(service: Option<&ServiceSpec>) -> Hints {
    let mut hints = Hints::default();
    let Some(service) = service else {
        return hints;
    };
    for (_, def) in service.types() {
        if let codegen_spec::spec::TypeKind::Object(object) = &def.kind {
            hints.field_names.extend(
                object
                    .fields
                    .iter()
                    .filter(|f| !f.flatten)
                    .map(|f| f.name.value.clone()),
            );
        }
    }
    for (_, op) in service.operations() {
        for (_, param) in op.all_params() {
            hints.field_names.insert(param.name.value.clone());
        }
    }
    hints
}

/// How a page file is printed in messages: under the workspace root as given.
pub(crate) fn page_display(root: &Path, file: &str) -> String {
    root.join(PAGES_DIR)
        .join(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Loads and validates `<root>/spec`.
pub(crate) fn load_spec(
    root: &Path,
) -> Result<codegen_spec::spec::Spec, codegen_spec::diagnostics::Diagnostics> {
    codegen_spec::load_and_validate(&root.join("spec"))
}

/// Reads one page of the manifest.
pub(crate) fn read_entry(
    root: &Path,
    entry: &pages::manifest::PageEntry,
    service: Option<&ServiceSpec>,
) -> Result<pages::Page, codegen_spec::diagnostics::Diagnostics> {
    let path = root.join(PAGES_DIR).join(&entry.file);
    pages::read_file(&path, entry.layout, &hints(service))
}
