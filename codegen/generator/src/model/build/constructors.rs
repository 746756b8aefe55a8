//! How each struct's `new` takes its required fields: positional arguments where they
//! cannot be mixed up, a struct of them by name where they can.
//!
//! Positional arguments are kept for none, one, or two of different kinds (a name and an
//! integration). Three or more, two of one kind (a repository's ID and its name, both
//! strings), or a boolean beside another (whether a variable is secret, and its value) are
//! set by name, so that each is named where it is set and a missing one does not compile.

use std::collections::BTreeMap;

use crate::model::{Field, RustType, Service, Struct, TypeKind};
use codegen_spec::naming::generated;

/// How deep flattened structs are followed: further than any spec nests them.
const MAX_DEPTH: usize = 16;

/// Sets `required_struct` on every struct of the service.
pub(super) fn decide(service: &mut Service) {
    let structs: BTreeMap<String, Struct> = service
        .types()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) => Some((def.name.clone(), s.clone())),
            _ => None,
        })
        .collect();
    for module in &mut service.modules {
        for def in &mut module.types {
            if let TypeKind::Struct(s) = &mut def.kind {
                let args = constructor_args(&structs, s, 0);
                s.required_struct =
                    (ambiguous(&args) && s.generic_field.is_none() && !s.is_all_optional())
                        .then(|| generated::required_fields(&def.name));
            }
        }
    }
}

/// The fields `new` takes, flattened structs' own in their place.
fn constructor_args<'s>(
    structs: &'s BTreeMap<String, Struct>,
    s: &'s Struct,
    depth: usize,
) -> Vec<&'s Field> {
    let mut args = Vec::new();
    for f in &s.fields {
        if f.flatten {
            if let (RustType::Named(name), true) = (&f.ty, depth < MAX_DEPTH)
                && let Some(inner) = structs.get(name)
            {
                args.extend(constructor_args(structs, inner, depth + 1));
            }
        } else if f.is_constructor_arg() {
            args.push(f);
        }
    }
    args
}

/// Whether positional arguments could be mixed up or read wrong: three or more, two of
/// one kind, or a boolean beside another (`new(true, "x")` says nothing of what is true).
fn ambiguous(args: &[&Field]) -> bool {
    match args {
        [] | [_] => false,
        [a, b] => {
            (&a.ty, a.nullable) == (&b.ty, b.nullable)
                || args.iter().any(|f| f.ty == RustType::Bool)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Docs;

    fn field(name: &str, ty: RustType) -> Field {
        Field {
            json_name: name.to_owned(),
            ident: name.to_owned(),
            ty,
            optional: false,
            nullable: false,
            read_only: false,
            flatten: false,
            unique_items: false,
            constant: None,
            in_one_of: false,
            deprecated: None,
            docs: Docs::default(),
        }
    }

    #[test]
    fn two_of_a_kind_or_three_are_named() {
        let string = || RustType::String;
        let a = field("repo_id", string());
        let b = field("repo_name", string());
        let c = field("integration", RustType::Named("Ref".to_owned()));
        assert!(ambiguous(&[&a, &b]));
        assert!(!ambiguous(&[&a, &c]));
        assert!(ambiguous(&[&a, &c, &b]));
        assert!(!ambiguous(&[&a]));
    }

    #[test]
    fn a_boolean_beside_another_is_named() {
        let secret = field("is_secret", RustType::Bool);
        let value = field("value", RustType::String);
        assert!(ambiguous(&[&secret, &value]));
        assert!(!ambiguous(&[&secret]));
    }
}
