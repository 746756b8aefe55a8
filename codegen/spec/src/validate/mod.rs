//! Checks across files: references, duplicates, path templates, identifier clashes, and
//! every example against its declared type. Every mistake is reported, in one pass.

mod bodies;
mod definition;
mod examples;
mod operations;
mod pagination;
mod types;

use crate::diagnostics::{Diagnostics, Sink, at};
use crate::spec::resolve::Index;
use crate::spec::*;

/// Validates the whole spec.
pub fn validate(spec: &Spec) -> Result<(), Diagnostics> {
    let mut sink = Sink::default();
    for service in &spec.services {
        let index = Index::new(service, &mut sink);
        check_definition_count(service, &mut sink);
        types::check(&index, &mut sink);
        operations::check(&index, &mut sink);
        bodies::check(&index, &mut sink);
        if sink.is_empty() {
            // Examples are checked against types that are known to be sound.
            examples::check(&index, &mut sink);
        }
    }
    sink.finish(())
}

fn check_definition_count(service: &ServiceSpec, sink: &mut Sink) {
    let mut definitions = service.files.iter().filter_map(|f| f.definition.as_ref());
    match definitions.next() {
        None => {
            if let Some(file) = service.files.first() {
                sink.error(
                    &file.service.loc,
                    format!(
                        "service \"{}\" has no definition: one of its files needs a \"definition\" (base URLs, auth, errors)",
                        service.name
                    ),
                );
            }
        }
        Some(first) => {
            for extra in definitions {
                sink.error(
                    &extra.loc,
                    format!(
                        "service \"{}\" is defined twice; the first definition is at {}",
                        service.name,
                        at(&first.loc)
                    ),
                );
            }
        }
    }
}
