//! A cargo feature per resource: which resource modules can be left out of a build, and
//! which others each one needs because its types or operations name theirs.
//!
//! A module is always built with its service (no feature of its own) when the service's
//! own code names its types (the service's envelope and its meta type, the error body's
//! items), when it is the `types` module, or when such a module needs it. The service's
//! code for an envelope a resource declares, or for an error object's type, is built
//! with the module holding the type. Every other resource module is
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
    // What the service's own code names is always there, and so is what that needs: its
    // own envelope and the error body. An envelope a resource's file declares is needed
    // only with that resource, whose feature enables the module holding its types.
    let own_envelope = spec
        .definition()
        .and_then(|definition| definition.envelope.as_ref())
        .map(|envelope| envelope.ty.value.as_str());
    let service_types = service
        .envelopes
        .iter()
        .filter(|e| Some(e.type_name.as_str()) == own_envelope)
        .flat_map(|e| [e.type_name.as_str(), e.meta_name.as_str()])
        .chain([service.error.item_type.as_str()]);
    let mut always: BTreeSet<String> = BTreeSet::new();
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
    // The service's code for an envelope or an error object's type is built with the
    // module that holds the type.
    let feature_of_type = |name: &str| {
        owner
            .get(name)
            .and_then(|module| features.get(*module).cloned().flatten())
    };
    let envelope_features: Vec<_> = service
        .envelopes
        .iter()
        .map(|envelope| feature_of_type(&envelope.type_name))
        .collect();
    let item_features: Vec<_> = service
        .error_items
        .iter()
        .map(|item| feature_of_type(&item.type_name))
        .collect();
    for (envelope, feature) in service.envelopes.iter_mut().zip(envelope_features) {
        envelope.feature = feature;
    }
    for (item, feature) in service.error_items.iter_mut().zip(item_features) {
        item.feature = feature;
    }
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

#[cfg(test)]
mod tests {
    use codegen_spec::test_support::load;

    /// A resource whose file declares its own envelope, the envelope's type and its
    /// error objects' type among its types.
    const ENVELOPED: &str = r#"{ "$schema": "../schema.json", "service": "svc",
        "source": { "reference": "test" }, "resource": "items",
        "envelope": { "type": "ItemsEnvelope", "result": "result", "success": "success",
            "errors": "errors" },
        "types": {
            "ItemsEnvelope": { "kind": "object", "fields": {
                "errors": { "type": { "array": "ItemsError" }, "required": true },
                "success": { "type": "boolean", "required": true },
                "result": { "type": "unknown" } } },
            "ItemsError": { "kind": "object", "fields": {
                "code": { "type": "integer" }, "message": { "type": "string", "required": true } } }
        },
        "operations": [{ "id": "list", "summary": "List", "method": "GET", "path": "/items",
            "response": { "status": 200, "type": { "array": "string" } } }] }"#;

    #[test]
    fn an_envelope_a_resource_declares_is_built_with_that_resource() {
        let spec = load(ENVELOPED).unwrap_or_else(|e| panic!("{e}"));
        let api = crate::model::build(&spec).unwrap_or_else(|e| panic!("{e}"));
        let service = &api.services[0];
        let items = service
            .modules
            .iter()
            .find(|m| m.name == "items")
            .unwrap_or_else(|| panic!("no items module"));
        assert_eq!(items.feature.as_deref(), Some("svc-items"));
        let envelope = service
            .envelopes
            .iter()
            .find(|e| e.type_name == "ItemsEnvelope")
            .unwrap_or_else(|| panic!("no ItemsEnvelope"));
        assert_eq!(envelope.feature.as_deref(), Some("svc-items"));
        let item = service
            .error_items
            .iter()
            .find(|i| i.type_name == "ItemsError")
            .unwrap_or_else(|| panic!("no ItemsError"));
        assert_eq!(item.feature.as_deref(), Some("svc-items"));
        // The error body's item is the service's own: always built.
        let own = service
            .error_items
            .iter()
            .find(|i| i.type_name == "ErrorMessage")
            .unwrap_or_else(|| panic!("no ErrorMessage"));
        assert_eq!(own.feature, None);
    }
}
