//! The page's named types (Cloudflare's "Domain Types" and "Models"), each against the
//! spec item that claims its name, and the spec's `page_name`s against the pages.

use super::operations::{is_text, op_name};
use super::types::Expected;
use super::{Checker, Item};
use crate::pages::{Page, PageType};
use codegen_spec::spec::{Operation, SpecFile, TypeDef, TypeExpr, TypeExprKind};

impl<'a> Checker<'a> {
    /// The page's named types (Cloudflare's "Domain Types" and "Models"), each against the
    /// spec item that claims its name: an operation's result by its `page_name`, or a type
    /// definition by its `page_name` or, without one, its own name.
    pub(super) fn named_types(&mut self, group: &[&'a Page]) {
        let service = self.service;
        let claims: Vec<Claim<'_>> = service
            .files
            .iter()
            .flat_map(|file| {
                let results = file
                    .operations
                    .iter()
                    .filter(|op| op.response.page_name.is_some())
                    .map(move |op| Claim::Result(file, op));
                results.chain(file.types.iter().map(move |def| Claim::Type(file, def)))
            })
            .collect();
        // The group's folder, relative to the pages: its spec files are those drafted from
        // pages in it, its sub-resources' too.
        let group_folder = group
            .first()
            .and_then(|first| self.manifest_file(&first.file))
            .map(|file| file.trim_end_matches("index.md").to_owned())
            .unwrap_or_default();
        for page in group {
            self.page = page;
            for named in &page.named_types {
                // The group's own spec files before the others' (KV's `Namespace` is not
                // Durable Objects'); in each, an explicit `page_name` before a type of the
                // same name.
                let own = |claim: &&Claim<'_>| {
                    claim.file().is_some_and(|f| {
                        f.source
                            .page
                            .as_deref()
                            .is_some_and(|source| source.starts_with(group_folder.as_str()))
                    })
                };
                let found = [true, false]
                    .into_iter()
                    .flat_map(|in_group| [(true, in_group), (false, in_group)])
                    .find_map(|(explicit, in_group)| {
                        claims.iter().find(|claim| {
                            claim.claims(&named.name)
                                && claim.is_explicit() == explicit
                                && own(claim) == in_group
                        })
                    });
                match found {
                    Some(claim) => self.named_type(named, claim),
                    None => {
                        let section = named.sections.last().map(|s| s.text.as_str());
                        let loc = self.file_loc(section);
                        self.differ_plainly(
                            &format!("type {}", named.name),
                            "is named on the page, and no operation's response or type has this page_name"
                                .to_owned(),
                            named.pos,
                            &loc,
                        );
                    }
                }
            }
        }
        self.page_names_are_named(group);
    }

    /// What the group's spec files say the page names (a `page_name`) must be on one of
    /// its pages.
    fn page_names_are_named(&mut self, group: &[&'a Page]) {
        let service = self.service;
        for file in self.files {
            let explicit = file
                .operations
                .iter()
                .filter_map(|op| {
                    Some((
                        op.response.page_name.as_ref()?,
                        op_name(&service.name, file, op),
                    ))
                })
                .chain(file.types.iter().filter_map(|def| {
                    Some((def.page_name.as_ref()?, format!("type {}", def.name.value)))
                }));
            for (page_name, subject) in explicit {
                // Named by the group's pages, or by a resource page above them (Workers'
                // scripts page lists its sub-resources' models too).
                let names =
                    |page: &Page| page.named_types.iter().any(|n| n.name == page_name.value);
                let named = group.iter().any(|page| names(page))
                    || self.pages.iter().flatten().any(|page| {
                        let folder = page.file.trim_end_matches("index.md");
                        page.file.ends_with("index.md")
                            && group
                                .first()
                                .is_some_and(|first| first.file.starts_with(folder))
                            && names(page)
                    });
                if !named {
                    self.differ_plainly(
                        &subject,
                        format!("the page names no type {}", page_name.value),
                        codegen_spec::diagnostics::Pos::start(),
                        &page_name.loc,
                    );
                }
            }
        }
    }

    /// A page's file as the manifest names it (relative to the pages' folder).
    fn manifest_file(&self, shown: &str) -> Option<&'a str> {
        self.manifest
            .pages
            .iter()
            .map(|entry| entry.file.as_str())
            .find(|file| shown == *file || shown.ends_with(&format!("/{file}")))
    }

    /// Whether every member of the page's object is a member of the envelope.
    fn is_envelope_shaped(
        &self,
        object: &crate::pages::PageObject,
        envelope: &codegen_spec::spec::Envelope,
    ) -> bool {
        let Some(codegen_spec::spec::TypeKind::Object(spec)) = self
            .index
            .resolve_name(&envelope.ty.value)
            .map(|def| &def.kind)
        else {
            return false;
        };
        let members = self.index.wire_fields(spec);
        let has = |name: &str| object.fields.iter().any(|f| f.name == name);
        object
            .fields
            .iter()
            .all(|f| members.iter().any(|m| m.name.value == f.name))
            && members
                .iter()
                .filter(|m| m.required && m.name.value != envelope.result.value)
                .all(|m| has(&m.name.value))
            && !object.fields.is_empty()
    }

    fn named_type(&mut self, named: &crate::pages::NamedType, claim: &Claim<'_>) {
        match claim {
            Claim::Result(file, op) => {
                let Some(result_type) = &op.response.ty else {
                    return;
                };
                // `ScriptGetResponse = string`: the raw answer's bytes.
                if op.response.is_raw() && is_text(&named.ty) {
                    return;
                }
                let item = Item {
                    loc: &result_type.loc,
                    differs: &op.page_differs,
                };
                let subject = format!(
                    "{} (the page's {})",
                    op_name(&self.service.name, file, op),
                    named.name
                );
                // A name for the whole answer of an operation without a result: its
                // members are the envelope's.
                if let (Some(envelope), PageType::Object(object)) =
                    (self.service.envelope_of(file, op), &named.ty)
                    && !object
                        .fields
                        .iter()
                        .any(|f| f.name == envelope.result.value)
                    && self.is_envelope_shaped(object, envelope)
                {
                    let expected = Expected::plain(item);
                    self.envelope(&subject, object, named.pos, envelope, result_type, expected);
                    return;
                }
                // A list's page name names its elements.
                let ty = match (&result_type.kind, &named.ty) {
                    (TypeExprKind::Array(element), PageType::Object(_) | PageType::Union(_)) => {
                        element.as_ref()
                    }
                    _ => result_type,
                };
                let expected = Expected {
                    variant: op.response.variant.as_ref().map(|v| v.value.as_str()),
                    ..Expected::plain(item)
                };
                self.compare_type(&subject, &named.ty, named.pos, ty, expected);
            }
            Claim::Type(_, def) => {
                let item = Item {
                    loc: &def.name.loc,
                    differs: &def.page_differs,
                };
                let ty = TypeExpr {
                    kind: TypeExprKind::Named(def.name.value.clone()),
                    loc: def.name.loc.clone(),
                };
                let subject = format!("type {} (the page's {})", def.name.value, named.name);
                let (page, spec) = (named.description.as_ref(), def.description.as_deref());
                self.described(&subject, page, spec, named.pos, item);
                self.compare_type(&subject, &named.ty, named.pos, &ty, Expected::plain(item));
            }
        }
    }
}

/// A spec item that says which of a page's named types it transcribes.
enum Claim<'a> {
    /// An operation's result, by its `page_name`.
    Result(&'a SpecFile, &'a Operation),
    /// A type definition, by its `page_name` or its own name.
    Type(&'a SpecFile, &'a TypeDef),
}

impl Claim<'_> {
    /// Whether the claim is a `page_name` (an operation's always is).
    fn is_explicit(&self) -> bool {
        match self {
            Claim::Result(..) => true,
            Claim::Type(_, def) => def.page_name.is_some(),
        }
    }

    /// The file the claiming item is in, when the claim knows it.
    fn file(&self) -> Option<&SpecFile> {
        match self {
            Claim::Result(file, _) | Claim::Type(file, _) => Some(file),
        }
    }

    fn claims(&self, name: &str) -> bool {
        match self {
            Claim::Result(_, op) => op
                .response
                .page_name
                .as_ref()
                .is_some_and(|n| n.value == name),
            Claim::Type(_, def) => match &def.page_name {
                Some(page_name) => page_name.value == name,
                None => def.name.value == name,
            },
        }
    }
}
