//! The page's inline text as the model holds it: Markdown escapes removed, inline HTML
//! turned into Markdown, and in types the spaces the rendering lost put back.

use super::super::grammar::Code;
use codegen_spec::spec::Primitive;

/// A type's text as the grammar reads it (`account\_id: optional "github"or "gitlab"` is
/// `account_id: optional "github" or "gitlab"`), with the page offset of every byte.
///
/// - Markdown escapes are removed (`\_`, `\[`).
/// - A link is its text: `array of <a href="…">ResponseInfo</a> { code }` is
///   `array of ResponseInfo { code }`.
/// - The rendering drops the space before `or`: it is put back after a quote, a brace, a
///   bracket, a number and the built-in type names (`stringor boolean`), and after a
///   capitalized name ending in `or` unless what follows makes it a named object
///   (`Vendor object { … }`, `Vendor { … }`), since a name such as `Vendor` cannot be
///   told from `Vend` followed by `or` otherwise. Inside braces and quotes nothing is
///   re-spaced.
pub fn code(line: &str, offset: usize) -> Code<'static> {
    let (text, origins) = without_markup(line, offset, LinkStyle::TextOnly);
    let (text, origins) = respace_or(&text, &origins);
    Code::rewritten(text, origins)
}

/// Prose as the model holds it: escapes removed, `<a href="u">t</a>` as `[t](u)`,
/// `<code>x</code>` as `` `x` ``.
pub fn prose(line: &str) -> String {
    without_markup(line, 0, LinkStyle::Markdown).0
}

/// Plain text of a heading or a link title: escapes removed, links as their text.
pub fn plain(line: &str) -> String {
    without_markup(line, 0, LinkStyle::TextOnly).0
}

#[derive(Clone, Copy, PartialEq)]
enum LinkStyle {
    /// A link becomes its text.
    TextOnly,
    /// A link becomes a Markdown link.
    Markdown,
}

/// Removes Markdown escapes and inline HTML links and code tags, keeping each output
/// byte's page offset.
fn without_markup(line: &str, offset: usize, links: LinkStyle) -> (String, Vec<usize>) {
    let mut out = Output::default();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let at = offset + (line.len() - rest.len());
        if c == '\\'
            && let Some(next) = rest[1..].chars().next()
            && next.is_ascii_punctuation()
        {
            out.push(next, at + 1);
            rest = &rest[1 + next.len_utf8()..];
            continue;
        }
        if c == '<'
            && let Some((replacement, consumed)) = inline_tag(rest, links)
        {
            out.push_str(&replacement, at);
            rest = &rest[consumed..];
            continue;
        }
        out.push(c, at);
        rest = &rest[c.len_utf8()..];
    }
    (out.text, out.origins)
}

#[derive(Default)]
struct Output {
    text: String,
    origins: Vec<usize>,
}

impl Output {
    fn push(&mut self, c: char, at: usize) {
        self.text.push(c);
        self.origins.extend(std::iter::repeat_n(at, c.len_utf8()));
    }

    fn push_str(&mut self, s: &str, at: usize) {
        for c in s.chars() {
            self.push(c, at);
        }
    }
}

/// `<a href="u">t</a>` or `<code>x</code>` at the start of `rest`: its replacement and
/// its length.
fn inline_tag(rest: &str, links: LinkStyle) -> Option<(String, usize)> {
    if let Some(after) = rest.strip_prefix("<code>") {
        let end = after.find("</code>")?;
        let inner = after.get(..end)?;
        let replacement = match links {
            LinkStyle::Markdown => format!("`{inner}`"),
            LinkStyle::TextOnly => inner.to_owned(),
        };
        return Some((replacement, "<code>".len() + end + "</code>".len()));
    }
    let after = rest.strip_prefix("<a href=\"")?;
    let url_end = after.find('"')?;
    let url = after.get(..url_end)?;
    let after_url = after.get(url_end + 1..)?;
    let tag_end = after_url.find('>')?;
    let text_part = after_url.get(tag_end + 1..)?;
    let text_end = text_part.find("</a>")?;
    let text = text_part.get(..text_end)?;
    let consumed = rest.len() - text_part.len() + text_end + "</a>".len();
    let text = plain(text);
    let replacement = match links {
        LinkStyle::Markdown if url != "#" => format!("[{text}]({url})"),
        _ => text,
    };
    Some((replacement, consumed))
}

/// Whether a word is a built-in type a lost space can follow: a JSON value's primitive
/// type (`string`) or a boolean literal.
fn is_built_in(word: &str) -> bool {
    matches!(word, "true" | "false") || word.parse::<Primitive>().is_ok_and(Primitive::is_json)
}

/// Puts back the space the rendering drops before `or`.
fn respace_or(text: &str, origins: &[usize]) -> (String, Vec<usize>) {
    let mut out = Output::default();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let at = origins.get(i).copied().unwrap_or_default();
        match c {
            '"' if depth == 0 || quoted => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == 'o'
            && !quoted
            && depth == 0
            && text[i..].starts_with("or ")
            && i > 0
            && lost_space_before(text, i)
        {
            out.push(' ', at);
        }
        out.push(c, at);
        i += c.len_utf8();
    }
    (out.text, out.origins)
}

/// Whether the `or ` at byte `i` (not at the start) follows a type with no space between.
fn lost_space_before(text: &str, i: usize) -> bool {
    let before = &text[..i];
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    if matches!(last, '"' | '}' | ']' | ')') {
        return true;
    }
    if !(last.is_ascii_alphanumeric() || last == '_') {
        return false;
    }
    // The word starts after the last character not part of one, which may be several bytes.
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let word = &before[word_start..];
    if is_built_in(word) || word.parse::<f64>().is_ok() {
        return true;
    }
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        // `Selectoror string` is `Selector or string`; `Vendor object { … }` is a named object.
        let after = text[i + "or ".len()..].trim_start();
        return !(after.starts_with("object") || after.starts_with('{'));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_text(line: &str) -> String {
        code(line, 0).text.into_owned()
    }

    #[test]
    fn escapes_and_links_are_removed_from_types() {
        assert_eq!(code_text(r"account\_id: string"), "account_id: string");
        assert_eq!(
            code_text(r"env\_worker\_names: optional map\[string]"),
            "env_worker_names: optional map[string]"
        );
        assert_eq!(
            code_text(
                r#"errors: array of <a href="https://x/$shared#(model)">ResponseInfo</a> { code, message }"#
            ),
            "errors: array of ResponseInfo { code, message }"
        );
    }

    #[test]
    fn lost_spaces_before_or_come_back() {
        assert_eq!(
            code_text(r#"provider_type: optional "github"or "gitlab"or "gitlab\_internal""#),
            r#"provider_type: optional "github" or "gitlab" or "gitlab_internal""#
        );
        assert_eq!(
            code_text("run: optional array of stringor boolean"),
            "run: optional array of string or boolean"
        );
        assert_eq!(
            code_text("a: object {x }or object {y, 2 more }or 3 more"),
            "a: object {x } or object {y, 2 more } or 3 more"
        );
        assert_eq!(
            code_text("a: map[string]or number"),
            "a: map[string] or number"
        );
        assert_eq!(code_text("a: 1or 2"), "a: 1 or 2");
        // A word after a character of several bytes (fuzz/regressions/details_reader).
        assert_eq!(code_text("a: é1or 2"), "a: é1 or 2");
        assert_eq!(code_text("a: \u{fffd}stringor 2"), "a: \u{fffd}string or 2");
        assert_eq!(code_text("a: Selectoror string"), "a: Selector or string");
        assert_eq!(
            code_text("AI object {name, type }"),
            "AI object {name, type }"
        );
        assert_eq!(code_text("Vendor object {a }"), "Vendor object {a }");
        // Inside quotes and braces nothing changes.
        assert_eq!(code_text(r#"a: "color or ""#), r#"a: "color or ""#);
        assert_eq!(
            code_text("a: object {Color, Vendor }"),
            "a: object {Color, Vendor }"
        );
    }

    #[test]
    fn every_byte_keeps_its_page_offset() {
        let code = code(r"a\_b: stringor number", 100);
        assert_eq!(code.text, "a_b: string or number");
        // `_` comes from the page's byte 102 (after the backslash at 101).
        assert_eq!(code.page_offset(1), 102);
        // The inserted space sits where `or` starts.
        assert_eq!(
            code.page_offset("a_b: string".len()),
            100 + r"a\_b: string".len()
        );
    }

    #[test]
    fn prose_keeps_links_and_code_as_markdown() {
        assert_eq!(
            prose(
                r#"Use the <a href="https://e.x/y">token page</a>, as in <code>["/*"]</code>; the deploy\_hook\_uuid."#
            ),
            r#"Use the [token page](https://e.x/y), as in `["/*"]`; the deploy_hook_uuid."#
        );
        assert_eq!(
            prose(r##"<a href="#">Link to this property</a>"##),
            "Link to this property"
        );
    }
}
