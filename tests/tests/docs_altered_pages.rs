//! `docs check` on altered pages, for every layout: a page edited the way a documentation
//! site edits its pages (a field removed, one added, a type changed, required flipped, an
//! enum value added, an operation added, a description changed, and on Cloudflare's
//! current pages also a title, a permission, a format and an example) is reported exactly
//! once, at the page's line of the edit and at the spec item it concerns; the unaltered
//! page reports nothing. A page whose two copies of an example disagree is refused, at
//! its file and line.
//!
//! Nothing here is pinned to a line: each case says where its difference belongs in words
//! the altered page and the spec settle (the line its edit starts on, the line of a
//! heading, the spec's field `repo_id` of `UpsertRepoConnectionRequest`), and the test
//! finds those places in the altered text and in the spec it checks against.
//!
//! Each case copies a workspace holding the layout's page (a Cloudflare resource's page
//! with its operations' pages) and the spec, edits the page's text (every snippet is found
//! as often as the edit says), records the edited pages' SHA-256 in the copy's
//! `pages/pages.json`, and runs the check on the copy. Current pages are checked against
//! the repository's spec; the superseded pages, which the repository reads but does not
//! compare, against a spec drafted from that very page (as `docs_check.rs` drafts it), the
//! edit made after drafting: they exercise their readers, not the spec.

mod altered_pages;

use std::path::Path;

use codegen_spec::diagnostics::{Diagnostic, Pos};
use codegen_spec::spec::Spec as LoadedSpec;

use altered_pages::places::{place, relative, spec_loc};
use altered_pages::workspace::{add_page, read, record_sha256, template, workspace_from, write};
use altered_pages::{buddy, cloudflare_current, cloudflare_superseded};

/// What a case does to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alteration {
    FieldRemoved,
    FieldAdded,
    TypeChanged,
    RequiredFlipped,
    EnumValueAdded,
    OperationAdded,
    DescriptionChanged,
    TitleChanged,
    PermissionChanged,
    FormatRemoved,
    ExampleChanged,
    /// One copy of a response example changed, the other not: the reader refuses the page.
    ExampleCopiesDisagree,
}

use Alteration::*;

/// What every layout's cases alter, or say why the layout cannot.
const EVERY_LAYOUT: &[Alteration] = &[
    FieldRemoved,
    FieldAdded,
    TypeChanged,
    RequiredFlipped,
    EnumValueAdded,
    OperationAdded,
    DescriptionChanged,
];

/// What the cases of Cloudflare's current layout alter: it documents titles, permissions
/// and formats, and repeats every response example.
const CURRENT_CLOUDFLARE_LAYOUT: &[Alteration] = &[
    FieldRemoved,
    FieldAdded,
    TypeChanged,
    RequiredFlipped,
    EnumValueAdded,
    OperationAdded,
    DescriptionChanged,
    TitleChanged,
    PermissionChanged,
    FormatRemoved,
    ExampleChanged,
    ExampleCopiesDisagree,
];

/// Where on the altered page a difference (or a refusal) must be reported.
#[derive(Debug, Clone, Copy)]
enum At {
    /// On the line of the first character the edits changed.
    FirstChange,
    /// On the first line of the code block the first change is in (a response example's
    /// JSON, which the check reports where it starts).
    CodeBlockOfFirstChange,
    /// On the line where this text, found once in the altered page, starts.
    Line(&'static str),
    /// On the line where the second text starts, in the one place the page has both in a
    /// row (`("\n", "# Title")`: the line that starts with `# Title`).
    LineAfter(&'static str, &'static str),
    /// Where this text, found once, starts: line and character column (the collapsed
    /// page is all one line).
    Text(&'static str),
    /// Where the second text starts, in the one place the page has both in a row: line
    /// and column.
    TextAfter(&'static str, &'static str),
}

/// The spec item a difference is charged to, found by name in the spec the page is
/// checked against: the test compares the difference's spec file and position with it.
#[derive(Debug, Clone, Copy)]
enum SpecAt {
    /// A field of an object type: where its name is written.
    Field(&'static str, &'static str),
    /// A type: where its name is written (an enum's value, a field only the page has).
    Type(&'static str),
    /// An operation, by its resource and id.
    Operation(&'static str, &'static str),
    /// A path parameter of an operation (resource, id, parameter).
    PathParam(&'static str, &'static str, &'static str),
    /// A query parameter of an operation (resource, id, parameter).
    QueryParam(&'static str, &'static str, &'static str),
    /// An operation's example (resource, id, index from 0).
    Example(&'static str, &'static str, usize),
    /// The start of a spec file (under `spec/`): where what only the page has is charged.
    File(&'static str),
}

/// How often the page holds an edit's snippet, and which are replaced.
#[derive(Debug, Clone, Copy)]
enum Occurs {
    Once,
    /// This many times, each replaced (a response example's two copies).
    Each(usize),
    /// This many times; only the last is replaced.
    LastOf(usize),
}

/// Replaces `snippet` with `replacement` on a page.
#[derive(Debug, Clone, Copy)]
struct Edit {
    /// Under `pages/`; the case's page when `None`.
    page: Option<&'static str>,
    snippet: &'static str,
    replacement: &'static str,
    occurs: Occurs,
}

/// An edit of the case's page, whose snippet the page holds once.
const fn edit(snippet: &'static str, replacement: &'static str) -> Edit {
    Edit {
        page: None,
        snippet,
        replacement,
        occurs: Occurs::Once,
    }
}

impl Edit {
    /// The same edit, on another page of the workspace.
    const fn on(self, page: &'static str) -> Self {
        Edit {
            page: Some(page),
            ..self
        }
    }

    /// The same edit, of a snippet the page holds as often as `occurs` says.
    const fn occurs(self, occurs: Occurs) -> Self {
        Edit { occurs, ..self }
    }
}

/// A page a case adds: a copy of another page of the workspace, listed in the manifest
/// after it (the case's edits then make it a page of its own).
#[derive(Debug, Clone, Copy)]
struct NewPage {
    file: &'static str,
    copy_of: &'static str,
}

/// What the check must say.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exactly one difference, at this place of the page, charged to this spec item, with
    /// this fragment in its subject and message (`subject: message`).
    Difference {
        at: At,
        spec: SpecAt,
        message: &'static str,
    },
    /// The reader refuses the page: one error, at this place, with this fragment.
    Refused { at: At, message: &'static str },
}

const fn difference(at: At, spec: SpecAt, message: &'static str) -> Expect {
    Expect::Difference { at, spec, message }
}

/// One alteration of one page and what the check must say about it.
#[derive(Debug, Clone, Copy)]
struct Case {
    alteration: Alteration,
    /// The page reported on, under `pages/`; the layout's page when `None`.
    page: Option<&'static str>,
    new_page: Option<NewPage>,
    /// Applied in order.
    edits: &'static [Edit],
    expect: Expect,
}

const fn case(alteration: Alteration, edits: &'static [Edit], expect: Expect) -> Case {
    Case {
        alteration,
        page: None,
        new_page: None,
        edits,
        expect,
    }
}

impl Case {
    /// The case alters and is reported on another page than the layout's.
    const fn on(self, page: &'static str) -> Self {
        Case {
            page: Some(page),
            ..self
        }
    }

    /// The case adds a page before its edits.
    const fn adding(self, new_page: NewPage) -> Self {
        Case {
            new_page: Some(new_page),
            ..self
        }
    }
}

/// Which spec the page is checked against.
#[derive(Debug, Clone, Copy)]
enum Spec {
    /// The repository's spec, which names the page in its `source`.
    Repository,
    /// A spec drafted from the unaltered page, in a workspace holding only that page.
    DraftedFromPage,
}

struct LayoutCases {
    /// Under `pages/`. A Cloudflare resource's `…/index.md` comes with the pages of its
    /// operations (`…/methods/<name>/index.md`), with which it is compared.
    page: &'static str,
    spec: Spec,
    /// What the cases must alter.
    alterations: &'static [Alteration],
    cases: &'static [Case],
    /// Alterations the layout's grammar cannot express, and why.
    inexpressible: &'static [(Alteration, &'static str)],
}

#[test]
fn buddy_action_page_with_clean_lines() {
    check_layout(&buddy::CLOUDFRONT);
}

#[test]
fn buddy_action_page_with_run_together_lines() {
    check_layout(&buddy::SANDBOX_START);
}

#[test]
fn buddy_legacy_page() {
    check_layout(&buddy::CLEAR_CACHE);
}

#[test]
fn cloudflare_current_pages() {
    check_layout(&cloudflare_current::REPO_CONNECTIONS);
}

#[test]
fn cloudflare_superseded_markdown_page() {
    check_layout(&cloudflare_superseded::WORKERS_BUILDS_MD);
}

#[test]
fn cloudflare_superseded_collapsed_page() {
    check_layout(&cloudflare_superseded::WORKERS_BUILDS_COLLAPSED);
}

/// The unaltered pages report nothing; each case reports its one difference. All cases
/// run; the failures are listed together.
fn check_layout(layout: &LayoutCases) {
    for case in layout.cases {
        assert!(
            layout.alterations.contains(&case.alteration),
            "{}: {:?} is not among the layout's alterations",
            layout.page,
            case.alteration
        );
    }
    for alteration in layout.alterations {
        let cases = layout
            .cases
            .iter()
            .filter(|case| case.alteration == *alteration)
            .count();
        let inexpressible = layout.inexpressible.iter().any(|(a, _)| a == alteration);
        assert!(
            (cases == 1 && !inexpressible) || (cases == 0 && inexpressible),
            "{}: {alteration:?} needs one case, or a reason the layout cannot express it",
            layout.page
        );
    }
    let template = template(layout);
    let spec = codegen_spec::load_and_validate(&template.path().join("spec"))
        .unwrap_or_else(|diagnostics| panic!("the spec cannot be read:\n{diagnostics}"));
    let report = run_check(template.path());
    assert!(
        report.differences.is_empty(),
        "the unaltered {} reports differences:\n{report}",
        layout.page
    );
    let failures: Vec<String> = layout
        .cases
        .iter()
        .filter_map(|case| {
            check_case(layout, template.path(), &spec, case)
                .map_err(|e| format!("{} {:?}: {e}", layout.page, case.alteration))
                .err()
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        layout.cases.len(),
        failures.join("\n\n")
    );
}

fn check_case(
    layout: &LayoutCases,
    template: &Path,
    spec: &LoadedSpec,
    case: &Case,
) -> Result<(), String> {
    let workspace = workspace_from(template);
    let root = workspace.path();
    if let Some(new_page) = case.new_page {
        add_page(root, new_page)?;
    }
    let page = case.page.unwrap_or(layout.page);
    let original = read(&root.join("pages").join(page));
    let mut edited: Vec<&str> = Vec::new();
    for edit in case.edits {
        let file = edit.page.unwrap_or(page);
        let path = root.join("pages").join(file);
        write(&path, &apply(&read(&path), edit)?);
        if !edited.contains(&file) {
            edited.push(file);
        }
    }
    for file in &edited {
        record_sha256(root, file, &read(&root.join("pages").join(file)));
    }
    let altered = read(&root.join("pages").join(page));
    let checked = codegen_pages::docs::check(root);
    match case.expect {
        Expect::Difference {
            at,
            spec: item,
            message,
        } => {
            // A reader that refuses a sensible edit fails the case, naming it.
            let report = checked.map_err(|diagnostics| {
                format!("the altered page cannot be read:\n{diagnostics}")
            })?;
            let spec_loc = spec_loc(spec, item)?;
            let spec_place = (relative(&spec_loc.file, template), spec_loc.pos);
            one_difference(
                &report,
                root,
                page,
                place(at, &original, &altered)?,
                spec_place,
                message,
            )
        }
        Expect::Refused { at, message } => match checked {
            Ok(report) => Err(format!(
                "the altered page was read, expected it refused saying \"{message}\":\n{report}"
            )),
            Err(diagnostics) => {
                let errors: Vec<Diagnostic> = diagnostics.iter().cloned().collect();
                refused(&errors, page, place(at, &original, &altered)?, message)
            }
        },
    }
}

/// The report has one difference, at `expected` on the page and `spec_place` in the spec
/// (a file relative to the workspace, and a position), saying `message`.
fn one_difference(
    report: &codegen_pages::docs::Report,
    root: &Path,
    page: &str,
    expected: (u32, Option<u32>),
    spec_place: (String, Pos),
    message: &str,
) -> Result<(), String> {
    let listed: Vec<String> = report.differences.iter().map(ToString::to_string).collect();
    let describe = |problem: &str| {
        format!(
            "{problem}; expected one difference at {}{} and {}:{}:{} saying \"{message}\", \
             got {}:\n  {}",
            expected.0,
            expected.1.map(|c| format!(":{c}")).unwrap_or_default(),
            spec_place.0,
            spec_place.1.line,
            spec_place.1.column,
            listed.len(),
            listed.join("\n  ")
        )
    };
    let [difference] = report.differences.as_slice() else {
        return Err(describe("not exactly one difference"));
    };
    if !difference.page.file.ends_with(&format!("pages/{page}")) {
        return Err(describe("reported on another page"));
    }
    if !at_place(difference.page.pos, expected) {
        return Err(describe("reported at another place of the page"));
    }
    if (relative(&difference.spec.file, root), difference.spec.pos) != spec_place {
        return Err(describe("charged to another spec item"));
    }
    let said = format!("{}: {}", difference.subject, difference.message);
    if !said.contains(message) {
        return Err(describe("reported with another message"));
    }
    Ok(())
}

/// The check failed with one error, at `expected` on the page, saying `message`.
fn refused(
    errors: &[Diagnostic],
    page: &str,
    expected: (u32, Option<u32>),
    message: &str,
) -> Result<(), String> {
    let refused_here = matches!(errors, [error]
        if error.file.ends_with(&format!("pages/{page}"))
            && at_place(error.pos, expected)
            && error.message.contains(message));
    if refused_here {
        return Ok(());
    }
    let listed: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{}: {}", e.file, e.pos.line, e.message))
        .collect();
    Err(format!(
        "expected one error at line {} saying \"{message}\", got {}:\n  {}",
        expected.0,
        errors.len(),
        listed.join("\n  ")
    ))
}

fn at_place(pos: Pos, (line, column): (u32, Option<u32>)) -> bool {
    pos.line == line && column.is_none_or(|column| pos.column == column)
}

/// Applies an edit; the page must hold its snippet as often as the edit says.
fn apply(text: &str, edit: &Edit) -> Result<String, String> {
    let found = text.matches(edit.snippet).count();
    let (expected, replaced) = match edit.occurs {
        Occurs::Once => (1, text.replacen(edit.snippet, edit.replacement, 1)),
        Occurs::Each(n) => (n, text.replace(edit.snippet, edit.replacement)),
        Occurs::LastOf(n) => (
            n,
            match text.rfind(edit.snippet) {
                Some(at) => format!(
                    "{}{}{}",
                    &text[..at],
                    edit.replacement,
                    &text[at + edit.snippet.len()..]
                ),
                None => text.to_owned(),
            },
        ),
    };
    if found == expected {
        Ok(replaced)
    } else {
        Err(format!(
            "the snippet {:?} is on {} {found} times, not {expected}",
            edit.snippet,
            edit.page.unwrap_or("the page")
        ))
    }
}

fn run_check(root: &Path) -> codegen_pages::docs::Report {
    match codegen_pages::docs::check(root) {
        Ok(report) => report,
        Err(diagnostics) => panic!("the pages or the spec cannot be read:\n{diagnostics}"),
    }
}
