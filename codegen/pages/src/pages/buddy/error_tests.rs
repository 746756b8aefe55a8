//! Pages the Buddy readers cannot make sense of: each gives the line and what was
//! expected. And text that is no page at all: never a panic.

use super::legacy_tests::CLEAR_CACHE;
use super::{action, legacy};
use crate::pages::source::PageText;
use crate::pages::{Hints, Page};
use codegen_spec::diagnostics::Diagnostics;

const CLOUDFRONT: &str = include_str!("../../../../../pages/buddy/cloudfront-action.txt");
const APPLICATION_START: &str =
    include_str!("../../../../../pages/buddy/sandbox-application-start-action.txt");

type Reader = fn(&PageText<'_>, &Hints) -> Result<Page, Diagnostics>;

/// The one diagnostic of a page that does not read: (line, column, where, message).
fn error(reader: Reader, text: &str) -> (u32, u32, String, String) {
    let diagnostics = match reader(&PageText::new("page.txt", text), &Hints::default()) {
        Ok(page) => panic!("read: {} operations", page.operations.len()),
        Err(diagnostics) => diagnostics,
    };
    let all: Vec<_> = diagnostics.iter().collect();
    let [diagnostic] = all.as_slice() else {
        panic!("{diagnostics}")
    };
    assert_eq!(diagnostic.file, "page.txt");
    let pos = diagnostic.pos;
    (
        pos.line,
        pos.column,
        diagnostic.path.clone(),
        diagnostic.message.clone(),
    )
}

fn action_error(text: &str) -> (u32, u32, String, String) {
    error(action::read, text)
}

fn legacy_error(text: &str) -> (u32, u32, String, String) {
    error(legacy::read, text)
}

/// The page up to and including the first line that is `line`.
fn up_to(text: &str, line: &str) -> String {
    let at = text
        .find(&format!("\n{line}\n"))
        .unwrap_or_else(|| panic!("no {line}"));
    format!("{}\n", text.get(..at + line.len() + 1).unwrap_or_default())
}

#[test]
fn action_page_without_method_and_path() {
    let text: String = CLOUDFRONT
        .lines()
        .filter(|line| !line.contains('•'))
        .map(|line| format!("{line}\n"))
        .collect();
    let (line, column, where_, message) = action_error(&text);
    assert_eq!((line, column, where_.as_str()), (4, 1, "CloudFront"));
    assert_eq!(
        message,
        "expected the method as a bullet (`• POST`), found `Creates a new CloudFront action in the pipeline`"
    );
    let text = CLOUDFRONT.replace("  • /", "  ");
    let (line, _, _, message) = action_error(&text);
    assert_eq!(line, 4);
    assert!(
        message.starts_with("expected the path as bullets after the method"),
        "{message}"
    );
}

#[test]
fn action_page_that_ends_after_a_heading() {
    let text = up_to(CLOUDFRONT, "POST PARAMETERS");
    let (line, column, where_, message) = action_error(&text);
    assert_eq!((line, column), (35, 1), "the end of the page");
    assert_eq!(where_, "CloudFront > POST PARAMETERS");
    assert_eq!(
        message,
        "expected a field line `name[required][read-only]type`, found the end of the page"
    );
}

#[test]
fn action_page_that_ends_after_allowed_enum() {
    let text = up_to(CLOUDFRONT, "Allowed enum:");
    let (line, _, where_, message) = action_error(&text);
    assert_eq!(line, 38);
    assert_eq!(where_, "CloudFront > POST PARAMETERS > type");
    assert_eq!(
        message,
        "expected the allowed values after `Allowed enum:`, one a line or separated by commas, found the end of the page"
    );
}

#[test]
fn field_line_with_an_unknown_type_word() {
    let text = CLOUDFRONT.replacen("timeoutinteger", "timeoutfloat", 1);
    let (line, column, where_, message) = action_error(&text);
    assert_eq!((line, column), (71, 1));
    assert_eq!(where_, "CloudFront > POST PARAMETERS");
    assert!(
        message.starts_with(
            "expected a field line `name[required][read-only]type` (a type is string, integer"
        ),
        "{message}"
    );
    assert!(message.ends_with("found `timeoutfloat`"), "{message}");
}

#[test]
fn run_together_line_with_an_unknown_type_word() {
    // The field line glued to line 41 is not one, so line 41 is all description; line 42
    // is the next description with no field line before it.
    let text = APPLICATION_START.replacen("falsetimeoutinteger", "falsetimeoutintger", 1);
    let (line, column, where_, message) = action_error(&text);
    assert_eq!((line, column), (42, 1));
    assert_eq!(where_, "Sandbox Application Start > POST PARAMETERS");
    assert!(
        message.ends_with("found `The timeout in seconds`"),
        "{message}"
    );
}

#[test]
fn action_page_with_broken_parts() {
    let no_scopes = CLOUDFRONT.replacen("EXECUTION_MANAGE\n", "", 1);
    let (line, _, where_, message) = action_error(&no_scopes);
    assert_eq!(
        (line, where_.as_str()),
        (17, "CloudFront > REQUIRED SCOPES")
    );
    assert_eq!(
        message,
        "expected the scopes after `REQUIRED SCOPES`, one a line, found `URL PARAMETERS`"
    );

    let unterminated_curl = CLOUDFRONT.replacen("] }'", "] }", 1);
    let (line, _, where_, message) = action_error(&unterminated_curl);
    assert_eq!(
        (line, where_.as_str()),
        (210, "CloudFront > Request example")
    );
    assert!(
        message.contains("curl command in shell syntax"),
        "{message}"
    );

    let no_status = CLOUDFRONT.replacen("\n200 OK", "\nfine", 1);
    let (line, _, _, message) = action_error(&no_status);
    assert_eq!(line, 212);
    assert_eq!(
        message,
        "expected a status such as `200 OK` after `STATUS`, found `fine`"
    );

    let bad_enum = CLOUDFRONT.replacen("ON_SUCCESS,", "ON SUCCESS,", 1);
    let (line, _, where_, message) = action_error(&bad_enum);
    assert_eq!(
        (line, where_.as_str()),
        (51, "CloudFront > POST PARAMETERS > trigger_time")
    );
    assert_eq!(
        message,
        "expected enum values separated by commas, found `ON SUCCESS`"
    );
}

#[test]
fn legacy_page_errors() {
    let (line, _, _, message) = legacy_error("Clear cache\n\nClears cache.\n");
    assert_eq!(line, 4);
    assert_eq!(
        message,
        "expected `Resource URL` and then the method and path (`PATCH /workspaces/:domain/…`), found the end of the page"
    );

    let unknown_type = CLEAR_CACHE.replacen(
        "StringThe workspace domain.",
        "StrngThe workspace domain.",
        1,
    );
    let (line, column, where_, message) = legacy_error(&unknown_type);
    assert_eq!((line, column), (18, 1));
    assert_eq!(where_, "Clear cache > URL Parameters > domain");
    assert!(
        message.starts_with("expected the type (String, Integer"),
        "{message}"
    );
    assert!(
        message.ends_with("found `StrngThe workspace domain.`"),
        "{message}"
    );

    let no_header = CLEAR_CACHE.replacen("NameTypeDescription", "Name Type Description", 1);
    let (line, _, where_, message) = legacy_error(&no_header);
    assert_eq!(
        (line, where_.as_str()),
        (15, "Clear cache > URL Parameters")
    );
    assert_eq!(
        message,
        "expected the table header `NameTypeDescription`, found `Name Type Description`"
    );

    let no_path = CLEAR_CACHE.replacen("PATCH /workspaces", "PATCH workspaces", 1);
    let (line, _, where_, _) = legacy_error(&no_path);
    assert_eq!((line, where_.as_str()), (11, "Clear cache"));

    let row_without_type =
        CLEAR_CACHE.replacen("IntegerThe numerical ID of the desired pipeline.\n", "", 1);
    let (line, _, where_, message) = legacy_error(&row_without_type);
    assert_eq!(
        (line, where_.as_str()),
        (21, "Clear cache > URL Parameters > pipeline_id")
    );
    assert!(message.ends_with("found `project_name`"), "{message}");

    let cut: String = CLEAR_CACHE
        .lines()
        .take(70)
        .map(|line| format!("{line}\n"))
        .collect();
    let (line, _, where_, message) = legacy_error(&cut);
    assert_eq!(
        (line, where_.as_str()),
        (53, "Clear cache > Sample Response")
    );
    assert_eq!(
        message,
        "expected the JSON sample's closing bracket (the sample is not terminated), found the end of the page"
    );
}

#[test]
fn empty_pages_are_errors() {
    for text in ["", "\n\n", "   "] {
        assert!(action::read(&PageText::new("p", text), &Hints::default()).is_err());
        assert!(legacy::read(&PageText::new("p", text), &Hints::default()).is_err());
    }
}

/// Fragments the pages are made of, to make garbage from.
const FRAGMENTS: [&str; 44] = [
    "\n",
    "\n",
    "\n",
    " ",
    "•",
    "- ",
    "POST",
    "/:a",
    "/x",
    "string",
    "integer",
    "enum",
    "required",
    "read-only",
    "[]",
    "View",
    "Allowed enum:",
    "Example: ",
    "\"",
    "'",
    "\\",
    "{",
    "}",
    "[",
    "STATUS",
    "200 OK",
    "URL PARAMETERS",
    "POST PARAMETERS",
    "RESPONSE BODY",
    "Request example",
    "curl -d '",
    "Response",
    "ON_X,",
    "a_b",
    "Constraints: ",
    "\u{a0}",
    "é",
    "Last modified on ",
    "Resource URL",
    "NameTypeDescription",
    "Required",
    "StringThe",
    "JSON",
    "Status: 201",
];

/// Reads text with both readers; only a panic fails.
fn read_both(text: &str) {
    let page = PageText::new("p", text);
    let _ = action::read(&page, &Hints::default());
    let _ = legacy::read(&page, &Hints::default());
}

#[test]
fn garbage_never_panics() {
    for text in [
        "x",
        "•",
        "• POST",
        "T\n• POST",
        "T\n• POST\n• /a",
        "T\n• POST\n• /a\nSTATUS",
        "\u{0}\u{1}\u{7f}\u{fffd}",
    ] {
        read_both(text);
    }
    // Long lines of markers and long commands: no deep recursion, no quadratic time.
    let head = "T\n• POST\n• /a\nPOST PARAMETERS\nxstring\n";
    read_both(&format!(
        "{head}{}",
        "dAllowed enum:Example: 1Constraints: ".repeat(50_000)
    ));
    read_both(&format!(
        "{head}Request example\ncurl '{}",
        "x\n".repeat(50_000)
    ));
    read_both(&format!(
        "{head}{}",
        "Some text abcnamestring\n".repeat(20_000)
    ));
    // A fixed linear congruential generator: the same garbage on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..40 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let index = usize::try_from(state >> 33).unwrap_or_default() % FRAGMENTS.len();
            text.push_str(FRAGMENTS.get(index).copied().unwrap_or_default());
        }
        read_both(&text);
    }
}

#[test]
fn cut_and_damaged_pages_never_panic() {
    for text in [CLOUDFRONT, APPLICATION_START, CLEAR_CACHE] {
        for (i, _) in text.char_indices().step_by(5) {
            read_both(text.get(..i).unwrap_or_default());
        }
        let lines: Vec<&str> = text.lines().collect();
        for skip in 0..lines.len() {
            let damaged: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, line)| *line)
                .collect();
            read_both(&damaged.join("\n"));
        }
    }
}
