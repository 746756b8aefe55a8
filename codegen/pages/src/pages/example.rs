//! The pages' examples: curl commands and JSON samples, the same on every layout.

use super::model::{ExampleBody, ExampleRequest};
use super::source::PageText;

/// A body of an example from its text, a slice of the page: JSON when it parses as JSON
/// once non-breaking spaces (which pages render sample JSON with) are read as spaces.
pub fn body(page: &PageText<'_>, text: &str) -> ExampleBody {
    let trimmed = text.trim();
    ExampleBody {
        pos: page.pos_of(trimmed),
        text: trimmed.to_owned(),
        json: parse_json(trimmed),
    }
}

/// JSON text, non-breaking spaces read as spaces; `None` if it is not JSON.
pub fn parse_json(text: &str) -> Option<serde_json::Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.contains('\u{a0}') {
        serde_json::from_str(&text.replace('\u{a0}', " ")).ok()
    } else {
        serde_json::from_str(text).ok()
    }
}

/// A curl command and the arguments it has that the model does not hold.
#[derive(Debug)]
pub struct Curl {
    pub request: ExampleRequest,
    /// Arguments read past (`--compressed`, …), as written.
    pub ignored: Vec<String>,
}

/// Reads a curl command, a slice of the page. Line continuations may be kept
/// (`\` and a newline) or collapsed (`\` and a space), as the page renders them.
pub fn curl(page: &PageText<'_>, command: &str) -> Result<Curl, String> {
    let joined = join_continuations(command);
    let words = shell_words::split(&joined)
        .map_err(|e| format!("expected a curl command in shell syntax ({e})"))?;
    let mut words = words.into_iter();
    match words.next().as_deref() {
        Some("curl") => {}
        Some(other) => return Err(format!("expected a curl command, found `{other}`")),
        None => return Err("expected a curl command, found nothing".to_owned()),
    }
    let mut method = None;
    let mut url = None;
    let mut headers = Vec::new();
    let mut data: Option<String> = None;
    let mut form: Vec<(String, String)> = Vec::new();
    let mut ignored = Vec::new();
    while let Some(word) = words.next() {
        let mut value = |flag: &str| {
            words
                .next()
                .ok_or_else(|| format!("curl option {flag} needs a value"))
        };
        match word.as_str() {
            "-X" | "--request" => method = Some(value(&word)?.to_ascii_uppercase()),
            "-H" | "--header" => {
                let header = value(&word)?;
                let (name, value) = header
                    .split_once(':')
                    .ok_or_else(|| format!("expected `Name: value` after -H, found `{header}`"))?;
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--json" => {
                data = Some(value(&word)?);
            }
            "-F" | "--form" => {
                let part = value(&word)?;
                let (name, value) = part
                    .split_once('=')
                    .ok_or_else(|| format!("expected `name=value` after -F, found `{part}`"))?;
                form.push((name.to_owned(), value.to_owned()));
            }
            "--url" => url = Some(value(&word)?),
            flag if flag.starts_with('-') => ignored.push(flag.to_owned()),
            _ if url.is_none() => url = Some(word),
            _ => ignored.push(word),
        }
    }
    let url = url.ok_or("expected a URL in the curl command")?;
    let body = data.map(|data| {
        // The data is a slice of the page unless quoting changed it; find where it is
        // written to give its line.
        let first_line = data.trim().lines().next().unwrap_or_default();
        let offset = command
            .find(first_line)
            .unwrap_or_else(|| command.find("-d").unwrap_or(0));
        let json = parse_json(&data);
        ExampleBody {
            pos: page.pos_of(&command[offset..]),
            text: data,
            json,
        }
    });
    let body = match body {
        Some(body) => Some(body),
        None if !form.is_empty() => Some(form_body(page, command, &form)),
        None => None,
    };
    let method = method.unwrap_or_else(|| if body.is_some() { "POST" } else { "GET" }.to_owned());
    Ok(Curl {
        request: ExampleRequest {
            pos: page.pos_of(command),
            method,
            url,
            headers,
            body,
        },
        ignored,
    })
}

/// A form's parts (`-F metadata='{"main_module":"worker.js"}'`, `-F file=@worker.js`) as
/// the spec writes a form: an object of the parts, a part that is JSON as its JSON, a
/// file as `{"filename": …}`, any other value as a string.
fn form_body(page: &PageText<'_>, command: &str, form: &[(String, String)]) -> ExampleBody {
    let parts = form
        .iter()
        .map(|(name, value)| {
            let value = match value.strip_prefix('@') {
                Some(file) => {
                    serde_json::json!({ "filename": file.split(';').next().unwrap_or(file) })
                }
                None => match serde_json::from_str::<serde_json::Value>(value) {
                    Ok(json @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => json,
                    _ => serde_json::Value::String(value.clone()),
                },
            };
            (name.clone(), value)
        })
        .collect::<serde_json::Map<_, _>>();
    let offset = command
        .find("-F")
        .or_else(|| command.find("--form"))
        .unwrap_or(0);
    let json = serde_json::Value::Object(parts);
    ExampleBody {
        pos: page.pos_of(&command[offset..]),
        text: json.to_string(),
        json: Some(json),
    }
}

/// The command with each `\` that ends a line (or, on collapsed pages, that precedes a
/// space) removed outside quotes, so that the shell grammar reads one command.
fn join_continuations(command: &str) -> String {
    let mut out = String::with_capacity(command.len());
    let mut quote: Option<char> = None;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') if chars.peek().is_some_and(|next| next.is_whitespace()) => {
                out.push(' ');
            }
            (None, '\\') => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            (None, '\'' | '"') => {
                quote = Some(c);
                out.push(c);
            }
            (Some('"'), '\\') => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The path of an example URL, without scheme, host, base path prefix or query:
/// `https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/x?a=1` with base path
/// `/client/v4` is `/accounts/$ACCOUNT_ID/x`.
#[allow(
    dead_code,
    reason = "for comparing examples with operations, which no page reader does"
)]
pub fn url_path<'u>(url: &'u str, base_path: &str) -> &'u str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = without_scheme
        .find('/')
        .map_or("", |slash| &without_scheme[slash..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.strip_prefix(base_path)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(path)
}

/// The query pairs of an example URL, undecoded.
#[allow(
    dead_code,
    reason = "for comparing examples with operations, which no page reader does"
)]
pub fn url_query(url: &str) -> Vec<(String, String)> {
    let Some((_, query)) = url.split_once('?') else {
        return Vec::new();
    };
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(command: &str) -> Curl {
        let page = PageText::new("p", command);
        curl(&page, command).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_a_multi_line_curl() {
        let curl = read(
            "curl https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/x \\\n    -X PATCH \\\n    -H 'Content-Type: application/json' \\\n    -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" \\\n    -d '{\n          \"a\": 1\n        }'",
        );
        let request = curl.request;
        assert_eq!(request.method, "PATCH");
        assert_eq!(
            request.url,
            "https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/x"
        );
        assert_eq!(
            request.headers[0],
            ("Content-Type".into(), "application/json".into())
        );
        assert_eq!(
            request.headers[1].1, "Bearer $CLOUDFLARE_API_TOKEN",
            "shell variables stay as written"
        );
        let body = request.body.unwrap_or_else(|| panic!("no body"));
        assert_eq!(body.json, Some(serde_json::json!({"a": 1})));
        assert_eq!(body.pos.line, 5);
        assert!(curl.ignored.is_empty());
    }

    #[test]
    fn reads_a_collapsed_curl_and_infers_post() {
        let curl = read(
            "curl \"https://api.buddy.works/workspaces/:workspace/actions\" \\ -H \"Authorization: Bearer <YOUR-TOKEN>\" \\ -d '{ \"name\": \"x\" }' --compressed",
        );
        assert_eq!(curl.request.method, "POST");
        assert_eq!(
            curl.request.url,
            "https://api.buddy.works/workspaces/:workspace/actions"
        );
        assert_eq!(curl.ignored, ["--compressed"]);
    }

    #[test]
    fn rejects_what_is_not_curl() {
        let page = PageText::new("p", "wget x");
        assert!(curl(&page, "wget x").is_err());
        let page = PageText::new("p", "curl 'unterminated");
        assert!(curl(&page, "curl 'unterminated").is_err());
    }

    #[test]
    fn json_with_non_breaking_spaces() {
        assert_eq!(
            parse_json("{\u{a0}\"a\":\u{a0}1}"),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(parse_json("not json"), None);
    }

    #[test]
    fn url_parts() {
        assert_eq!(
            url_path(
                "https://api.cloudflare.com/client/v4/accounts/$A/x?b=1",
                "/client/v4"
            ),
            "/accounts/$A/x"
        );
        assert_eq!(
            url_path("https://api.buddy.works/workspaces/w", ""),
            "/workspaces/w"
        );
        assert_eq!(
            url_query("https://x/y?a=1&b=two&c"),
            [
                ("a".into(), "1".into()),
                ("b".into(), "two".into()),
                ("c".into(), String::new())
            ]
        );
    }
}
