//! Tagged unions in OpenAPI: the schema each variant is referenced by, and the fallback.

use serde_json::{Value, json};

use super::{Exporter, reference};
use codegen_spec::naming;
use codegen_spec::spec::{TaggedUnionDef, TypeDef, TypeKind};

/// The schema name under which a tagged union refers to one of its variants.
#[derive(Debug, Clone)]
pub(super) struct VariantSchema {
    /// The tag's value.
    pub(super) value: String,
    /// The schema's name in `components.schemas`.
    pub(super) schema: String,
}

impl<'s> Exporter<'s> {
    /// Decides how each tagged union refers to its variants, and writes the wrappers that
    /// add a tag a variant type does not require, and the fallbacks.
    pub(super) fn plan_tagged_unions(&mut self) {
        let unions: Vec<(&'s TypeDef, &'s TaggedUnionDef)> = self
            .types
            .values()
            .filter_map(|(_, def)| match &def.kind {
                TypeKind::TaggedUnion(union) => Some((*def, union)),
                _ => None,
            })
            .collect();
        for (def, union) in unions {
            let union_name = def.name.value.as_str();
            let tag = union.tag.value.as_str();
            let mut planned = Vec::new();
            for variant in &union.variants {
                let value = variant.value.value.as_str();
                let ty = variant.ty.value.as_str();
                let schema = if self.requires_tag(ty, tag, value) {
                    ty.to_owned()
                } else {
                    let ident = naming::unraw(&variant.ident()).to_owned();
                    let name = self.free_name(format!("{union_name}{ident}"));
                    let mut description = format!(
                        "`{ty}` as the variant `{value}` of `{union_name}`: with `{tag}` set to `{value}`."
                    );
                    if let Some(text) = &variant.description {
                        description.push_str("\n\n");
                        description.push_str(text);
                    }
                    let wrapper = json!({
                        "description": description,
                        "allOf": [
                            reference(ty),
                            {
                                "type": "object",
                                "required": [tag],
                                "properties": { tag: { "type": "string", "enum": [value] } },
                            },
                        ],
                    });
                    self.extra_schemas.insert(name.clone(), wrapper);
                    name
                };
                planned.push(VariantSchema {
                    value: value.to_owned(),
                    schema,
                });
            }
            if union.fallback {
                let name = self.free_name(format!("{union_name}{}", naming::UNKNOWN_VARIANT));
                let known: Vec<Value> = union
                    .variants
                    .iter()
                    .map(|v| Value::String(v.value.value.clone()))
                    .collect();
                let fallback = json!({
                    "description": format!(
                        "A `{union_name}` whose `{tag}` is none of the values the spec describes: any object with a string `{tag}`, kept as it is."
                    ),
                    "type": "object",
                    "required": [tag],
                    "properties": { tag: { "type": "string", "not": { "enum": known } } },
                    "additionalProperties": true,
                });
                self.extra_schemas.insert(name.clone(), fallback);
                self.fallbacks.insert(union_name, name);
            }
            self.variants.insert(union_name, planned);
        }
    }

    /// Whether the object type `ty` declares `tag` as a required field whose `const` is
    /// `value`.
    pub(super) fn requires_tag(&self, ty: &str, tag: &str, value: &str) -> bool {
        let Some((_, def)) = self.types.get(ty) else {
            return false;
        };
        let TypeKind::Object(object) = &def.kind else {
            return false;
        };
        object.fields.iter().any(|field| {
            !field.flatten
                && field.name.value == tag
                && field.required
                && field
                    .constant
                    .as_ref()
                    .is_some_and(|c| c.value.as_str() == Some(value))
        })
    }
}
