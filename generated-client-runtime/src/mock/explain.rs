//! What a request no stub matches is told: for each stub of its operation, every check the
//! request failed, with the value sent and the one expected, and a short diff for a body.
//! Secret parameters, credential headers and the values of secret fields in a body are
//! never shown.

use std::fmt::Write as _;

use serde_json::Value;
use similar::TextDiff;

use super::matching::{BodyMismatch, Mismatch};
use super::received::{REDACTED, is_credential_header};
use super::stub::ParamAt;
use crate::secret::{hide_strings, redact_members, without_quoted_strings};

/// How many lines of a body a message shows.
const BODY_LINES: usize = 12;
/// How many lines of a body's diff a message shows.
const DIFF_LINES: usize = 24;
/// How many characters of one line of a body a message shows.
const LINE_CHARS: usize = 200;
/// Lines of context around each change of a diff.
const DIFF_CONTEXT: usize = 2;

/// `stub #2 (mock.builds().get()):` and, indented below it, each check `body` (the body
/// sent) failed. `secret_members` are the JSON names of the secret fields the operation's
/// body may hold.
pub(crate) fn stub_mismatches(
    number: usize,
    stub: &str,
    secret_members: &[&str],
    mismatches: &[Mismatch],
    body: &[u8],
) -> String {
    let mut out = format!("stub #{number} ({stub}):");
    for mismatch in mismatches {
        match mismatch {
            Mismatch::Param {
                at,
                name,
                secret,
                sent,
                expected,
            } => {
                let secret = *secret || (*at == ParamAt::Header && is_credential_header(name));
                let _ = write!(out, "\n  {} `{name}`: ", location(*at));
                out.push_str(&param_difference(secret, sent, expected));
            }
            Mismatch::Body(mismatch) => body_difference(&mut out, mismatch, body, secret_members),
        }
    }
    out
}

fn location(at: ParamAt) -> &'static str {
    match at {
        ParamAt::Path => "path parameter",
        ParamAt::Query => "query parameter",
        ParamAt::Header => "header",
    }
}

/// `sent "b-2", expected "b-1"`; for a secret, whether it was sent, never its value.
fn param_difference(secret: bool, sent: &[String], expected: &[String]) -> String {
    if !secret {
        return format!("sent {}, expected {}", values(sent), values(expected));
    }
    let shown = |values: &[String]| match values.len() {
        0 => "none".to_owned(),
        _ => REDACTED.to_owned(),
    };
    if sent.is_empty() || expected.is_empty() {
        format!("sent {}, expected {}", shown(sent), shown(expected))
    } else {
        format!("sent {REDACTED}, not the value expected (a secret: neither is shown)")
    }
}

/// `none`, `"a"`, or `["a", "b"]`.
fn values(values: &[String]) -> String {
    match values {
        [] => "none".to_owned(),
        [one] => format!("{one:?}"),
        many => format!("{many:?}"),
    }
}

fn body_difference(out: &mut String, mismatch: &BodyMismatch, body: &[u8], secrets: &[&str]) {
    match mismatch {
        BodyMismatch::Unreadable(reason) => {
            let reason = reason.lines().next().unwrap_or_default();
            let reason = if secrets.is_empty() {
                reason.to_owned()
            } else {
                without_quoted_strings(reason)
            };
            let _ = write!(
                out,
                "\n  body: does not read as the operation's body: {reason}"
            );
            // Out of its type's shape: its secrets cannot be told by name.
            push_lines(out, &body_text(body, secrets, false), BODY_LINES);
        }
        BodyMismatch::Refused => {
            out.push_str("\n  body: the stub's `body` predicate is false for the body sent:");
            push_lines(out, &body_text(body, secrets, true), BODY_LINES);
        }
        BodyMismatch::Differs { expected, sent } => {
            let (expected, sent) = (shown(expected, secrets), shown(sent, secrets));
            if expected == sent {
                out.push_str(
                    "\n  body: not the one expected: they differ in a secret value (not shown)",
                );
                return;
            }
            out.push_str("\n  body: not the one expected (- expected, + sent):");
            push_lines(
                out,
                &diff(&value_text(&expected), &value_text(&sent)),
                DIFF_LINES,
            );
        }
    }
}

/// A body as JSON, with the values of its secret members hidden; one that may hold a
/// secret but is no JSON object (a multipart body's bytes, as an array of numbers) is
/// hidden whole.
fn shown(value: &Value, secrets: &[&str]) -> Value {
    let objects = match value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().all(Value::is_object),
        _ => false,
    };
    if !secrets.is_empty() && !objects {
        return Value::String(REDACTED.to_owned());
    }
    let mut value = value.clone();
    redact_members(&mut value, secrets);
    value
}

/// A body as text: pretty JSON when it is JSON, else its text. Of a body that may hold a
/// secret: the JSON with its secret members' values hidden when it has its type's shape,
/// without a string when it has not, and nothing when it is not JSON.
fn body_text(body: &[u8], secrets: &[&str], shaped: bool) -> String {
    match serde_json::from_slice::<Value>(body) {
        Ok(mut value) if !secrets.is_empty() && !shaped => {
            hide_strings(&mut value);
            value_text(&value)
        }
        Ok(value) => value_text(&shown(&value, secrets)),
        Err(_) if secrets.is_empty() => String::from_utf8_lossy(body).into_owned(),
        Err(_) => format!("({} bytes, not shown: they may hold a secret)", body.len()),
    }
}

/// A value as text: a string as it is (a text body), anything else as pretty JSON.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => serde_json::to_string_pretty(other).unwrap_or_else(|_| other.to_string()),
    }
}

/// The changed lines of `sent` against `expected`, with a little context: a unified
/// diff's hunks without file headers.
fn diff(expected: &str, sent: &str) -> String {
    let expected = format!("{expected}\n");
    let sent = format!("{sent}\n");
    TextDiff::from_lines(&expected, &sent)
        .unified_diff()
        .context_radius(DIFF_CONTEXT)
        .missing_newline_hint(false)
        .to_string()
}

/// Appends at most `max` lines of `text`, indented under a check, each at most
/// [`LINE_CHARS`] characters; says how many more there are.
fn push_lines(out: &mut String, text: &str, max: usize) {
    let lines: Vec<&str> = text.lines().collect();
    for line in lines.iter().take(max) {
        let mut chars = line.chars();
        let shown: String = chars.by_ref().take(LINE_CHARS).collect();
        let cut = if chars.next().is_some() { "…" } else { "" };
        let _ = write!(out, "\n    {shown}{cut}");
    }
    if lines.len() > max {
        let _ = write!(out, "\n    … {} more lines", lines.len() - max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn param(
        at: ParamAt,
        name: &'static str,
        secret: bool,
        sent: &[&str],
        expected: &[&str],
    ) -> Mismatch {
        let owned = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect();
        Mismatch::Param {
            at,
            name,
            secret,
            sent: owned(sent),
            expected: owned(expected),
        }
    }

    #[test]
    fn each_parameter_says_what_was_sent_and_expected() {
        let message = stub_mismatches(
            2,
            "mock.builds().list_by_script()",
            &[],
            &[
                param(
                    ParamAt::Path,
                    "external_script_id",
                    false,
                    &["other"],
                    &["my-worker"],
                ),
                param(ParamAt::Query, "per_page", false, &[], &["25"]),
                param(ParamAt::Query, "fields", false, &["a", "b"], &["a"]),
                param(ParamAt::Header, "X-Request-Id", false, &["r-1"], &["r-2"]),
            ],
            b"",
        );
        assert_eq!(
            message,
            "stub #2 (mock.builds().list_by_script()):\n  \
             path parameter `external_script_id`: sent \"other\", expected \"my-worker\"\n  \
             query parameter `per_page`: sent none, expected \"25\"\n  \
             query parameter `fields`: sent [\"a\", \"b\"], expected \"a\"\n  \
             header `X-Request-Id`: sent \"r-1\", expected \"r-2\""
        );
    }

    #[test]
    fn secrets_and_credentials_are_never_shown() {
        let message = stub_mismatches(
            1,
            "mock.deploy_hooks().trigger()",
            &[],
            &[
                param(
                    ParamAt::Path,
                    "deploy_hook_uuid",
                    true,
                    &["hook-sent-1"],
                    &["hook-expected-2"],
                ),
                param(ParamAt::Query, "token", true, &[], &["query-secret-3"]),
                param(
                    ParamAt::Header,
                    "X-Auth-Key",
                    false,
                    &["key-sent-4"],
                    &["key-expected-5"],
                ),
            ],
            b"",
        );
        for secret in [
            "hook-sent-1",
            "hook-expected-2",
            "query-secret-3",
            "key-sent-4",
            "key-expected-5",
        ] {
            assert!(!message.contains(secret), "{message}");
        }
        assert!(
            message.contains(
                "path parameter `deploy_hook_uuid`: sent <secret>, not the value expected"
            ) && message.contains("query parameter `token`: sent none, expected <secret>")
                && message.contains("header `X-Auth-Key`: sent <secret>, not the value expected"),
            "{message}"
        );
    }

    #[test]
    fn a_body_that_differs_is_a_short_diff_of_pretty_json() {
        let expected = json!({"branch_includes": ["main"], "build_command": "npm run build", "trigger_name": "deploy", "a": 1, "b": 2, "c": 3, "d": 4});
        let mut sent = expected.clone();
        sent["trigger_name"] = json!("Deploy");
        let message = stub_mismatches(
            1,
            "mock.triggers().create()",
            &[],
            &[Mismatch::Body(BodyMismatch::Differs { expected, sent })],
            b"",
        );
        let lines: Vec<&str> = message.lines().collect();
        assert_eq!(
            lines[1],
            "  body: not the one expected (- expected, + sent):"
        );
        assert!(lines[2].starts_with("    @@ "), "{message}");
        assert!(
            lines.contains(&"    -  \"trigger_name\": \"deploy\""),
            "{message}"
        );
        assert!(
            lines.contains(&"    +  \"trigger_name\": \"Deploy\""),
            "{message}"
        );
        // Two lines of context each side, not the whole body.
        assert!(!message.contains("\"a\": 1"), "{message}");
    }

    #[test]
    fn secret_members_of_a_body_are_never_shown() {
        let expected = json!({"name": "API_KEY", "text": "expected-s3cr3t", "type": "secret_text"});
        let sent = json!({"name": "API_TOKEN", "text": "sent-s3cr3t", "type": "secret_text"});
        let secrets = ["text"];
        let differs = |expected: &Value, sent: &Value| {
            stub_mismatches(
                1,
                "mock.secrets().update()",
                &secrets,
                &[Mismatch::Body(BodyMismatch::Differs {
                    expected: expected.clone(),
                    sent: sent.clone(),
                })],
                b"",
            )
        };
        let message = differs(&expected, &sent);
        assert!(
            message.contains("-  \"name\": \"API_KEY\",")
                && message.contains("+  \"name\": \"API_TOKEN\","),
            "{message}"
        );
        // Only the secret differs: the message says so, and shows neither.
        let mut same_name = sent.clone();
        same_name["name"] = json!("API_KEY");
        let only_secret = differs(&expected, &same_name);
        assert!(
            only_secret.ends_with("they differ in a secret value (not shown)"),
            "{only_secret}"
        );
        // A multipart body's bytes are hidden whole.
        let bytes = |text: &str| json!(text.as_bytes());
        let raw = differs(&bytes("expected-s3cr3t"), &bytes("sent-s3cr3t"));
        let body = serde_json::to_vec(&sent).unwrap_or_default();
        let refused = stub_mismatches(
            1,
            "mock.x().y()",
            &secrets,
            &[Mismatch::Body(BodyMismatch::Refused)],
            &body,
        );
        let out_of_shape = stub_mismatches(
            1,
            "mock.x().y()",
            &secrets,
            &[Mismatch::Body(BodyMismatch::Unreadable(
                "expected a map".to_owned(),
            ))],
            br#"["sent-s3cr3t", 7]"#,
        );
        assert!(
            out_of_shape.contains("\"<secret>\",\n      7"),
            "{out_of_shape}"
        );
        let unreadable = stub_mismatches(
            1,
            "mock.x().y()",
            &secrets,
            &[Mismatch::Body(BodyMismatch::Unreadable(
                "invalid type: string \"sent-s3cr3t\", expected u64".to_owned(),
            ))],
            b"--boundary\r\n\r\nsent-s3cr3t",
        );
        for shown in [
            &message,
            &only_secret,
            &raw,
            &refused,
            &out_of_shape,
            &unreadable,
        ] {
            for secret in ["s3cr3t", "115, 51, 99"] {
                assert!(!shown.contains(secret), "{shown}");
            }
        }
        assert!(refused.contains("\"text\": \"<secret>\""), "{refused}");
        assert!(
            unreadable.contains(
                "string <secret>, expected u64\n    (25 bytes, not shown: they may hold a secret)"
            ),
            "{unreadable}"
        );
    }

    #[test]
    fn a_refused_or_unreadable_body_is_shown_shortened() {
        let long: Vec<u32> = (0..100).collect();
        let body = serde_json::to_vec(&json!({"items": long})).unwrap_or_default();
        let refused = stub_mismatches(
            1,
            "mock.x().y()",
            &[],
            &[Mismatch::Body(BodyMismatch::Refused)],
            &body,
        );
        assert!(refused.contains("  body: the stub's `body` predicate is false for the body sent:\n    {\n      \"items\": ["), "{refused}");
        assert!(refused.ends_with("    … 92 more lines"), "{refused}");
        let unreadable = stub_mismatches(
            1,
            "mock.x().y()",
            &[],
            &[Mismatch::Body(BodyMismatch::Unreadable(
                "missing field `name` at line 1 column 2".to_owned(),
            ))],
            b"{}",
        );
        assert!(unreadable.ends_with("  body: does not read as the operation's body: missing field `name` at line 1 column 2\n    {}"), "{unreadable}");
    }
}
