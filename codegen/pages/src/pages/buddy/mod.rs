//! Buddy.works pages: the action layout and the older table layout.
//!
//! These readers cut the text by hand rather than with a parsing crate: the pages are
//! the text of rendered HTML, neither Markdown nor HTML any more, with no markup left but
//! line breaks (and, on some copies, not even those: a field's name is glued to the end of
//! the previous description). What is left to recognise is a handful of section words,
//! bullets and `name[required][read-only]type` lines; a grammar crate would add a
//! dependency without removing that work.

pub mod action;
#[cfg(test)]
mod action_tests;
#[cfg(test)]
mod error_tests;
mod fields;
pub mod legacy;
#[cfg(test)]
mod legacy_tests;
mod lex;
#[cfg(test)]
mod run_together_tests;
mod split;

/// A path as Buddy writes it (`/workspaces/:workspace`) as a template
/// (`/workspaces/{workspace}`).
fn path_template(path: &str) -> String {
    path.split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) if !name.is_empty() => format!("{{{name}}}"),
            _ => segment.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Why a line of the site's sign-up banner carries nothing for the model, if it is one.
fn banner(line: &str) -> Option<&'static str> {
    (line == "Get Started" || line.starts_with("Sign up for free"))
        .then_some("the site's sign-up banner, not documentation")
}

/// The status code at the start of a status line (`200 OK`, ` 201 Created`).
fn status_code(line: &str) -> Option<u16> {
    let digits: String = line
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|code| (100..600).contains(code))
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_templates() {
        assert_eq!(
            super::path_template("/workspaces/:workspace/projects/:project_name"),
            "/workspaces/{workspace}/projects/{project_name}"
        );
        assert_eq!(super::path_template("/a/:/b"), "/a/:/b");
    }
}
