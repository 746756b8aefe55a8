//! What `docs check` found: every difference between a page and the spec, with both
//! places, and the ones the spec explains apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use codegen_spec::diagnostics::{Loc, Pos, at};
use codegen_spec::spec::DiffKind;

/// A place on a page: its file (as messages print it) and position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PagePlace {
    pub file: String,
    pub pos: Pos,
}

impl fmt::Display for PagePlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.pos.line, self.pos.column)
    }
}

/// One difference between a page and the spec.
#[derive(Debug, Clone)]
pub struct Difference {
    /// What differs; an allowance of the same kind on the spec item explains it.
    pub kind: DiffKind,
    /// The item, e.g. "cloudflare.triggers.create body field `branch`".
    pub subject: String,
    /// What differs, e.g. "the page says optional, the spec says required".
    pub message: String,
    pub page: PagePlace,
    pub spec: Loc,
    /// The edit that makes the spec say what the page says, when the checker knows one
    /// (`docs draft` applies it).
    pub(crate) fix: Option<super::fix::Fix>,
}

/// A difference the spec explains, with its reason.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub difference: Difference,
    pub reason: String,
}

/// A page that was read but not compared.
#[derive(Debug, Clone)]
pub struct Superseded {
    pub file: String,
    pub by: String,
    pub operations: usize,
}

/// Text a reader passed over.
#[derive(Debug, Clone)]
pub struct SkippedText {
    pub page: PagePlace,
    pub text: String,
    pub why: String,
}

/// A compared page and what was compared.
#[derive(Debug, Clone)]
pub struct Compared {
    pub file: String,
    pub operations: usize,
    pub named_types: usize,
    pub spec_files: Vec<String>,
}

/// The whole report.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub compared: Vec<Compared>,
    pub differences: Vec<Difference>,
    pub allowed: Vec<Allowed>,
    pub superseded: Vec<Superseded>,
    pub skipped: Vec<SkippedText>,
    /// Every place a page's enum was compared with a spec enum, differing or not, as the
    /// values the place allows: an enum's update keeps what any place allows.
    pub(crate) enum_places: Vec<super::fix::Fix>,
    /// What each place of the pages says of a spec item's description or deprecation,
    /// by where the item is and the kind: places that disagree cannot all be followed.
    pub(crate) places: BTreeMap<(String, Pos, &'static str), Places>,
}

/// What the places of the pages say of one spec item (a type several operations share),
/// and what the spec says: `""` for nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Places {
    pub page: BTreeSet<String>,
    pub spec: String,
}

impl Report {
    /// Whether every difference is explained by the spec.
    pub fn is_clean(&self) -> bool {
        self.differences.is_empty()
    }

    /// The skipped text by reason: each reason, how often, and its first entry.
    pub fn skipped_by_reason(&self) -> Vec<(&str, usize, &SkippedText)> {
        let mut reasons: Vec<(&str, usize, &SkippedText)> = Vec::new();
        for skipped in &self.skipped {
            match reasons.iter_mut().find(|(why, _, _)| *why == skipped.why) {
                Some((_, count, _)) => *count += 1,
                None => reasons.push((&skipped.why, 1, skipped)),
            }
        }
        reasons
    }

    pub(crate) fn sort(&mut self) {
        let key = |d: &Difference| {
            (
                d.page.clone(),
                d.spec.file.to_string(),
                d.spec.pos,
                d.subject.clone(),
            )
        };
        self.differences.sort_by_key(key);
        self.allowed.sort_by_key(|allowed| key(&allowed.difference));
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.page,
            at(&self.spec),
            self.subject,
            self.message
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for compared in &self.compared {
            writeln!(
                f,
                "compared {} ({} operations, {} named types) with {}",
                compared.file,
                compared.operations,
                compared.named_types,
                if compared.spec_files.is_empty() {
                    "no spec file".to_owned()
                } else {
                    compared.spec_files.join(", ")
                }
            )?;
        }
        for superseded in &self.superseded {
            writeln!(
                f,
                "read {} ({} operations): superseded by {}, not compared",
                superseded.file, superseded.operations, superseded.by
            )?;
        }
        if !self.skipped.is_empty() {
            // Each entry with `{:#}` (`docs check --skipped`); by reason otherwise, since
            // the same chrome repeats on every page.
            if f.alternate() {
                writeln!(f, "\ntext the page readers passed over:")?;
                for skipped in &self.skipped {
                    writeln!(f, "  {}: {:?}: {}", skipped.page, skipped.text, skipped.why)?;
                }
            } else {
                writeln!(
                    f,
                    "\ntext the page readers passed over ({} entries, each with its reason; `docs check --skipped` lists them):",
                    self.skipped.len()
                )?;
                for (why, count, first) in self.skipped_by_reason() {
                    writeln!(
                        f,
                        "  {count} × {why} (first: {}: {:?})",
                        first.page, first.text
                    )?;
                }
            }
        }
        if !self.allowed.is_empty() {
            writeln!(
                f,
                "\ndifferences the spec explains ({}):",
                self.allowed.len()
            )?;
            for allowed in &self.allowed {
                writeln!(f, "  {}", allowed.difference)?;
                writeln!(f, "    because: {}", allowed.reason)?;
            }
        }
        if self.differences.is_empty() {
            writeln!(f, "\nno unexplained differences")
        } else {
            writeln!(f, "\nunexplained differences ({}):", self.differences.len())?;
            for difference in &self.differences {
                writeln!(f, "  {difference}")?;
            }
            Ok(())
        }
    }
}
