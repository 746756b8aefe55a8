//! Checking a configured base URL, and saying what would be right when it is wrong.

use super::ConfigError;

/// Whether a TLS feature is on: without one, the client speaks plain http only.
const HAS_TLS: bool = cfg!(any(feature = "tls-aws-lc-rs", feature = "tls-ring"));

/// A base URL as requests use it.
#[derive(Debug)]
pub(crate) struct BaseUrl {
    /// Parsed once: each request only sets its path.
    pub(crate) parsed: reqwest::Url,
    /// The URL without a trailing slash.
    pub(crate) text: String,
    /// Its path without a trailing slash (`""` or `/client/v4`).
    pub(crate) path: String,
}

/// Checks `url`; an error says what is wrong and suggests a URL that would do, from the
/// one given where it can, or else from the service's `default`.
pub(crate) fn check(url: &str, default: &str) -> Result<BaseUrl, ConfigError> {
    let trimmed = url.trim();
    let invalid =
        |why: &str, fix: String| ConfigError::new(format!("invalid base URL {url:?}: {why}"), fix);
    if trimmed.is_empty() {
        return Err(invalid(
            "it is empty",
            format!("set the API's URL, e.g. {default:?}"),
        ));
    }
    if !trimmed.contains("://") {
        let scheme = if is_local(trimmed) { "http" } else { "https" };
        return Err(invalid(
            "it has no scheme",
            format!("write it with one, e.g. \"{scheme}://{trimmed}\""),
        ));
    }
    let mut parsed = reqwest::Url::parse(trimmed).map_err(|error| {
        invalid(
            &error.to_string(),
            format!("write an absolute http or https URL, e.g. {default:?}"),
        )
        .with_source(error)
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        let rest = trimmed.split_once("://").map_or("", |(_, rest)| rest);
        return Err(invalid(
            "the scheme must be http or https",
            format!("e.g. \"https://{rest}\""),
        ));
    }
    if parsed.scheme() == "https" && !HAS_TLS {
        return Err(invalid(
            "https needs TLS, which this build of generated-client leaves out",
            "enable its feature tls-aws-lc-rs (a default one) or tls-ring".to_owned(),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid(
            "it has no host",
            format!("name the server, e.g. {default:?}"),
        ));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        // Neither can fail on an http(s) URL with a host.
        let _ = parsed.set_username("");
        let _ = parsed.set_password(None);
        return Err(invalid(
            "it has a user name or password",
            format!(
                "leave them out: the client sends its token in the Authorization header; {:?}",
                without_trailing_slash(&parsed)
            ),
        ));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        parsed.set_query(None);
        parsed.set_fragment(None);
        return Err(invalid(
            "it has a query or fragment",
            format!(
                "leave it out; operations add their own query: {:?}",
                without_trailing_slash(&parsed)
            ),
        ));
    }
    let text = without_trailing_slash(&parsed).to_owned();
    let path = parsed.path().trim_end_matches('/').to_owned();
    Ok(BaseUrl { parsed, text, path })
}

fn without_trailing_slash(url: &reqwest::Url) -> &str {
    url.as_str().trim_end_matches('/')
}

/// Whether a URL without a scheme names this machine, which is usually served over
/// plain http.
fn is_local(url: &str) -> bool {
    ["localhost", "127.", "[::1]", "0.0.0.0"]
        .iter()
        .any(|local| url.starts_with(local))
}

#[cfg(test)]
mod tests {
    use super::check;

    const DEFAULT: &str = "https://api.example.com/v1";

    fn ok(url: &str) -> (String, String) {
        match check(url, DEFAULT) {
            Ok(base) => (base.text, base.path),
            Err(e) => panic!("{url}: {e}"),
        }
    }

    fn error(url: &str) -> String {
        check(url, DEFAULT)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    #[cfg(not(any(feature = "tls-aws-lc-rs", feature = "tls-ring")))]
    fn https_needs_a_tls_feature() {
        assert_eq!(
            error("https://api.example.com"),
            r#"invalid base URL "https://api.example.com": https needs TLS, which this build of generated-client leaves out; enable its feature tls-aws-lc-rs (a default one) or tls-ring"#
        );
        assert!(check("http://127.0.0.1:1", DEFAULT).is_ok());
    }

    #[test]
    #[cfg(any(feature = "tls-aws-lc-rs", feature = "tls-ring"))]
    fn good_urls_lose_their_trailing_slash() {
        assert_eq!(
            ok("https://api.cloudflare.com/client/v4"),
            (
                "https://api.cloudflare.com/client/v4".to_owned(),
                "/client/v4".to_owned()
            )
        );
        assert_eq!(
            ok("https://api.buddy.works/"),
            ("https://api.buddy.works".to_owned(), String::new())
        );
        assert_eq!(
            ok(" http://127.0.0.1:8080/api/ "),
            ("http://127.0.0.1:8080/api".to_owned(), "/api".to_owned())
        );
        assert_eq!(
            ok("HTTPS://Example.COM"),
            ("https://example.com".to_owned(), String::new())
        );
    }

    #[test]
    #[cfg(any(feature = "tls-aws-lc-rs", feature = "tls-ring"))]
    fn a_bad_url_gets_what_is_wrong_and_what_would_be_right() {
        let cases = [
            (
                "127.0.0.1:8080",
                r#"invalid base URL "127.0.0.1:8080": it has no scheme; write it with one, e.g. "http://127.0.0.1:8080""#,
            ),
            (
                "localhost:3000/api",
                r#"invalid base URL "localhost:3000/api": it has no scheme; write it with one, e.g. "http://localhost:3000/api""#,
            ),
            (
                "api.buddy.works",
                r#"invalid base URL "api.buddy.works": it has no scheme; write it with one, e.g. "https://api.buddy.works""#,
            ),
            (
                "",
                r#"invalid base URL "": it is empty; set the API's URL, e.g. "https://api.example.com/v1""#,
            ),
            (
                "ftp://x.y/api",
                r#"invalid base URL "ftp://x.y/api": the scheme must be http or https; e.g. "https://x.y/api""#,
            ),
            (
                "https://u:p@x.y/api",
                r#"invalid base URL "https://u:p@x.y/api": it has a user name or password; leave them out: the client sends its token in the Authorization header; "https://x.y/api""#,
            ),
            (
                "https://x.y/api/?a=1#f",
                r#"invalid base URL "https://x.y/api/?a=1#f": it has a query or fragment; leave it out; operations add their own query: "https://x.y/api""#,
            ),
            (
                "http://x.y:99999",
                r#"invalid base URL "http://x.y:99999": invalid port number; write an absolute http or https URL, e.g. "https://api.example.com/v1""#,
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(error(url), expected, "{url}");
        }
        for bad in ["https://", "file:///etc", "mailto:a@b", "http://"] {
            assert!(error(bad).starts_with("invalid base URL"), "{bad}");
        }
    }
}
