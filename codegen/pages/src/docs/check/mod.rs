//! `docs check`: every current page against the spec files that name it in their
//! `source`, item by item, each difference reported at the page's line and the spec's
//! line and column. A difference the spec explains next to the item (`page_differs`) is
//! listed apart; an explanation that explains nothing is itself a difference.

mod examples;
mod groups;
mod named;
mod operations;
mod rules;
mod types;
mod unions;

use std::collections::HashSet;
use std::path::Path;

use super::fix::Fix;
use super::report::{Allowed, Compared, Difference, PagePlace, Report, SkippedText, Superseded};
use crate::pages::{Page, manifest};
use codegen_spec::diagnostics::{Diagnostics, Loc, Pos};
use codegen_spec::spec::resolve::Index;
use codegen_spec::spec::{DiffKind, PageDiffers, ServiceSpec, Spec, SpecFile};

/// Compares every current page listed in `<root>/pages/pages.json` with `<root>/spec`.
/// Errors are a broken manifest, page or spec; differences are in the report.
///
/// Pages are compared in groups: a page on its own, or (in Cloudflare's current layout) a
/// resource's page with the pages of its operations (`<resource>/methods/<name>/index.md`),
/// against the spec files that name the resource's page.
pub fn check(root: &Path) -> Result<Report, Diagnostics> {
    let manifest = manifest::load(&root.join(super::PAGES_DIR))?;
    let spec = super::load_spec(root)?;
    let mut report = Report::default();
    let mut used = HashSet::new();
    let mut errors = Vec::new();
    let mut pages: Vec<Option<Page>> = Vec::with_capacity(manifest.pages.len());
    for entry in &manifest.pages {
        let service = spec.services.iter().find(|s| s.name == entry.service);
        match super::read_entry(root, entry, service) {
            Ok(page) => {
                report
                    .skipped
                    .extend(page.skipped.iter().map(|skipped| SkippedText {
                        page: PagePlace {
                            file: page.file.clone(),
                            pos: skipped.pos,
                        },
                        text: skipped.text.clone(),
                        why: skipped.why.clone(),
                    }));
                pages.push(Some(page));
            }
            Err(diagnostics) => {
                errors.extend(diagnostics.iter().cloned());
                pages.push(None);
            }
        }
    }
    resolve_collapsed(&mut pages);
    for (i, entry) in manifest.pages.iter().enumerate() {
        let Some(page) = &pages[i] else {
            continue;
        };
        if let Some(by) = &entry.superseded_by {
            report.superseded.push(Superseded {
                file: page.file.clone(),
                by: super::page_display(root, by),
                operations: page.operations.len(),
            });
            continue;
        }
        if groups::resource_of(&manifest, entry).is_some() {
            // Compared with its resource's page.
            continue;
        }
        let Some(service) = spec.services.iter().find(|s| s.name == entry.service) else {
            errors.push(
                Loc {
                    file: manifest_display(root).into(),
                    pos: entry.pos,
                    path: codegen_spec::diagnostics::JsonPath::root(),
                }
                .error(format!(
                    "page {} belongs to service \"{}\", which spec/ does not have",
                    entry.file, entry.service
                )),
            );
            continue;
        };
        let group: Vec<&Page> = std::iter::once(page)
            .chain(groups::operation_pages(&manifest, entry).filter_map(|j| pages[j].as_ref()))
            .collect();
        let files: Vec<&SpecFile> = service
            .files
            .iter()
            .filter(|file| file.source.page.as_deref() == Some(entry.file.as_str()))
            .collect();
        report.compared.push(Compared {
            file: page.file.clone(),
            operations: group.iter().map(|p| p.operations.len()).sum(),
            named_types: group.iter().map(|p| p.named_types.len()).sum(),
            spec_files: files.iter().map(|f| f.path.clone()).collect(),
        });
        let index = Index::new(service, &mut codegen_spec::diagnostics::Sink::default());
        let mut checker = Checker {
            page,
            service,
            index: &index,
            files: &files,
            report: &mut report,
            used: &mut used,
            manifest: &manifest,
            pages: &pages,
        };
        checker.group(&group);
    }
    if !errors.is_empty() {
        return Err(Diagnostics::new(errors));
    }
    unused_allowances(&spec, &manifest, &used, &mut report);
    explain_disagreeing_places(&mut report);
    report.sort();
    Ok(report)
}

/// Resolves the types operation pages print collapsed from the models of the other pages
/// read (the current layout's resource pages).
fn resolve_collapsed(pages: &mut [Option<Page>]) {
    let held: Vec<usize> = (0..pages.len()).filter(|&i| pages[i].is_some()).collect();
    let mut read: Vec<Page> = pages.iter_mut().filter_map(Option::take).collect();
    crate::pages::resolve_models(&mut read);
    for (i, page) in held.into_iter().zip(read) {
        pages[i] = Some(page);
    }
}

fn manifest_display(root: &Path) -> String {
    root.join(super::PAGES_DIR)
        .join(manifest::MANIFEST_FILE)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Where an allowance is written: what marks it used.
type AllowanceKey = (String, Pos);

fn key(loc: &Loc) -> AllowanceKey {
    (loc.file.to_string(), loc.pos)
}

/// Compares one page with the spec files that name it.
pub(super) struct Checker<'a> {
    /// The page being compared now, of the group's.
    pub page: &'a Page,
    pub service: &'a ServiceSpec,
    pub index: &'a Index<'a>,
    /// The spec files that name the group's first page.
    pub files: &'a [&'a SpecFile],
    pub report: &'a mut Report,
    pub used: &'a mut HashSet<AllowanceKey>,
    pub manifest: &'a manifest::Manifest,
    /// Every page of the manifest, in its order; `None` where a page could not be read.
    pub pages: &'a [Option<Page>],
}

/// The spec item a difference is about: where it is, and what it allows.
#[derive(Clone, Copy)]
pub(super) struct Item<'a> {
    pub loc: &'a Loc,
    pub differs: &'a PageDiffers,
}

impl<'a> Checker<'a> {
    /// Compares a group of pages (a page alone, or a resource's page with its operations'
    /// pages) with the spec files that name its first page.
    fn group(&mut self, group: &[&'a Page]) {
        self.operations(group);
        self.named_types(group);
        self.links(group);
        for page in group {
            self.page = page;
            self.last_modified();
        }
    }

    pub fn place(&self, pos: Pos) -> PagePlace {
        PagePlace {
            file: self.page.file.clone(),
            pos,
        }
    }

    /// Records a difference, or an allowed one when `item` explains this kind.
    pub fn differ(
        &mut self,
        kind: DiffKind,
        subject: &str,
        message: String,
        page_pos: Pos,
        item: Item<'_>,
    ) {
        self.differ_fixed(kind, subject, message, page_pos, item, None);
    }

    /// As [`differ`](Self::differ), with the edit that would remove the difference.
    pub fn differ_fixed(
        &mut self,
        kind: DiffKind,
        subject: &str,
        message: String,
        page_pos: Pos,
        item: Item<'_>,
        fix: Option<Fix>,
    ) {
        let difference = Difference {
            kind,
            subject: subject.to_owned(),
            message,
            page: self.place(page_pos),
            spec: item.loc.clone(),
            fix,
        };
        match item.differs.get(kind) {
            Some(allowance) => {
                self.used.insert(key(&allowance.loc));
                self.report.allowed.push(Allowed {
                    difference,
                    reason: allowance.reason.clone(),
                });
            }
            None => self.report.differences.push(difference),
        }
    }

    /// A difference no spec item can explain (something only the page has).
    pub fn differ_plainly(&mut self, subject: &str, message: String, page_pos: Pos, spec: &Loc) {
        self.differ_plainly_fixed(subject, message, page_pos, spec, None);
    }

    /// As [`differ_plainly`](Self::differ_plainly), with the edit that would remove it.
    pub fn differ_plainly_fixed(
        &mut self,
        subject: &str,
        message: String,
        page_pos: Pos,
        spec: &Loc,
        fix: Option<Fix>,
    ) {
        self.report.differences.push(Difference {
            kind: DiffKind::Absent,
            subject: subject.to_owned(),
            message,
            page: self.place(page_pos),
            spec: spec.clone(),
            fix,
        });
    }

    /// Where a spec file starts: the place of what a page has and the spec lacks.
    pub fn file_loc(&self, section: Option<&str>) -> Loc {
        let file = section
            .and_then(|section| {
                self.files
                    .iter()
                    .find(|f| f.source.section.as_deref() == Some(section))
            })
            .or_else(|| self.files.first());
        match file {
            Some(file) => file.service.loc.clone(),
            None => Loc {
                file: format!("spec/{}", self.service.name).into(),
                pos: Pos::start(),
                path: codegen_spec::diagnostics::JsonPath::root(),
            },
        }
    }

    fn last_modified(&mut self) {
        let Some(page_date) = &self.page.last_modified else {
            return;
        };
        for file in self.files {
            let Some(spec_date) = &file.source.last_modified else {
                continue;
            };
            if spec_date.trim() != page_date.text.trim() {
                let loc = file.service.loc.clone();
                self.differ_plainly(
                    &format!("{} source.last_modified", file.path),
                    format!(
                        "the page was last modified on \"{}\", the spec transcribes the version of \"{}\"",
                        page_date.text, spec_date
                    ),
                    page_date.pos,
                    &loc,
                );
            }
        }
    }
}

/// Same text once runs of whitespace are one space, and a final full stop is left out
/// (the pages end the same description with one in one place and without in another).
pub(super) fn same_text(a: &str, b: &str) -> bool {
    normal_text(a) == normal_text(b)
}

/// A text as [`same_text`] compares it.
pub(super) fn normal_text(text: &str) -> String {
    let words: Vec<&str> = text
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .collect();
    words.join(" ")
}

/// A description or deprecation the pages give differently in different places (one
/// type shared by several operations) cannot follow every place. The spec takes what one
/// place says (a description, a deprecation, over none), and once it has, the fix of the
/// other places explains them instead of editing it back and forth.
fn explain_disagreeing_places(report: &mut Report) {
    for difference in &mut report.differences {
        let Some(fix) = &difference.fix else {
            continue;
        };
        let at = fix.loc().clone();
        let kind = difference.kind;
        let Some(places) = report
            .places
            .get(&(at.file.to_string(), at.pos, kind.name()))
        else {
            continue;
        };
        if places.page.len() > 1 && !places.spec.is_empty() && places.page.contains(&places.spec) {
            difference.fix = Some(Fix::Explain {
                at,
                kind,
                reason: match kind {
                    DiffKind::Deprecated => "The pages mark it deprecated in some places and not in others; the spec marks it.".to_owned(),
                    _ => match places.page.iter().filter(|text| !text.is_empty()).count() {
                        1 => "Some pages describe it and others do not; the spec keeps the description.".to_owned(),
                        n => format!("The pages word it {n} ways where they use it; the spec keeps one."),
                    },
                },
            });
        }
    }
}

impl Checker<'_> {
    /// Notes what one place of the pages says of the item at `loc`, for
    /// [`explain_disagreeing_places`].
    pub(super) fn record_place(&mut self, kind: DiffKind, loc: &Loc, page: String, spec: String) {
        let places = self
            .report
            .places
            .entry((loc.file.to_string(), loc.pos, kind.name()))
            .or_default();
        places.page.insert(page);
        places.spec = spec;
    }
}

/// Every allowance in spec files that name a current page and that explained nothing.
fn unused_allowances(
    spec: &Spec,
    manifest: &manifest::Manifest,
    used: &HashSet<AllowanceKey>,
    report: &mut Report,
) {
    for service in &spec.services {
        for file in &service.files {
            let Some(page) = file.source.page.as_deref() else {
                continue;
            };
            let Some(entry) = manifest.entry(page).filter(|e| e.is_current()) else {
                continue;
            };
            let page_place = PagePlace {
                file: format!("{}/{}", super::PAGES_DIR, entry.file),
                pos: Pos::start(),
            };
            for allowance in file_allowances(file) {
                if used.contains(&key(&allowance.loc)) {
                    continue;
                }
                report.differences.push(Difference {
                    kind: allowance.kind,
                    subject: format!("page_differs.{}", allowance.kind.name()),
                    message: format!(
                        "the spec says the {} differs from the page, but it does not: remove the explanation",
                        allowance.kind.name().replace('_', " ")
                    ),
                    page: page_place.clone(),
                    spec: allowance.loc.clone(),
                    fix: None,
                });
            }
        }
    }
}

fn file_allowances(file: &SpecFile) -> impl Iterator<Item = &codegen_spec::spec::Allowance> {
    let types = file.types.iter().flat_map(|def| {
        let fields = match &def.kind {
            codegen_spec::spec::TypeKind::Object(object) => object.fields.as_slice(),
            _ => &[],
        };
        def.page_differs
            .0
            .iter()
            .chain(fields.iter().flat_map(|f| &f.page_differs.0))
    });
    let operations = file.operations.iter().flat_map(|op| {
        op.page_differs
            .0
            .iter()
            .chain(op.all_params().flat_map(|(_, p)| &p.page_differs.0))
            .chain(op.examples.iter().flat_map(|e| &e.page_differs.0))
    });
    types.chain(operations)
}
