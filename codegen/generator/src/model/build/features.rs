//! A cargo feature per resource: which resource modules can be left out of a build, and
//! which others each one needs because its types or operations name theirs.
//!
//! A module is always built with its service (no feature of its own) when the service's
//! own code names its types (the envelopes, their meta types, the error items), when it
//! is the `types` module, or when such a module needs it. Every other resource module is
//! `<service>-<resource>` (`cloudflare-builds`), and its feature enables the features of
//! the gated modules whose types it names; cargo follows those transitively.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use crate::model::{Service, graph};
use codegen_spec::naming::generated;
use codegen_spec::spec::{self, ServiceSpec};

/// Sets each module's `feature` and `needs` from what the spec's files name.
pub(super) fn decide(spec: &ServiceSpec, service: &mut Service) {
    let owner: BTreeMap<&str, &str> = service
        .modules
        .iter()
        .flat_map(|module| {
            module
                .types
                .iter()
                .map(move |def| (def.name.as_str(), module.name.as_str()))
        })
        .collect();
    // The modules each module names types of, from its files.
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &spec.files {
        let module = file
            .resource
            .as_ref()
            .map_or(generated::TYPES_MODULE, |r| r.value.as_str());
        let named = names.entry(module.to_owned()).or_default();
        for name in file_references(file) {
            if let Some(other) = owner.get(name).filter(|other| **other != module) {
                named.insert((*other).to_owned());
            }
        }
    }
    // What the service's own code names is always there, and so is what that needs.
    let mut always: BTreeSet<String> = BTreeSet::new();
    let service_types = service
        .envelopes
        .iter()
        .flat_map(|e| [e.type_name.as_str(), e.meta_name.as_str()])
        .chain(service.error_items.iter().map(|i| i.type_name.as_str()));
    let mut pending: Vec<String> = service_types
        .filter_map(|name| owner.get(name).map(|m| (*m).to_owned()))
        .chain([generated::TYPES_MODULE.to_owned()])
        .collect();
    while let Some(module) = pending.pop() {
        if always.insert(module.clone()) {
            pending.extend(names.get(&module).into_iter().flatten().cloned());
        }
    }
    let feature_of = |module: &str| {
        (!always.contains(module)).then(|| format!("{}-{}", service.name, module.to_kebab_case()))
    };
    let features: BTreeMap<String, Option<String>> = service
        .modules
        .iter()
        .map(|m| (m.name.clone(), feature_of(&m.name)))
        .collect();
    for module in &mut service.modules {
        module.feature = features.get(&module.name).cloned().flatten();
        module.needs = names
            .get(&module.name)
            .into_iter()
            .flatten()
            .filter_map(|other| features.get(other).cloned().flatten())
            .collect();
    }
}

/// Every type name a file's types and operations refer to.
fn file_references<'f>(file: &'f spec::SpecFile) -> BTreeSet<&'f str> {
    let mut found = BTreeSet::new();
    let mut add = |name: &'f str, _| {
        found.insert(name);
    };
    for def in &file.types {
        graph::def_references(def, &mut add);
    }
    for op in &file.operations {
        let types = op
            .all_params()
            .map(|(_, p)| &p.ty)
            .chain(op.body.as_ref().map(|body| &body.ty))
            .chain(op.response.ty.as_ref());
        for ty in types {
            graph::references(ty, false, &mut add);
        }
        if let Some(spec::EnvelopeChoice::Wrapped(envelope)) = &op.envelope {
            add(envelope.ty.value.as_str(), false);
        }
    }
    if let Some(spec::EnvelopeChoice::Wrapped(envelope)) = &file.envelope {
        add(envelope.ty.value.as_str(), false);
    }
    found
}
