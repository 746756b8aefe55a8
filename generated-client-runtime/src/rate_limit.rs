//! Rate-limit headers.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

use super::RateLimitHeaders;

/// What a response said about the rate limit. Every figure is `None` when the response
/// did not carry it (or carried it malformed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimit {
    /// The number of requests allowed in a window.
    pub limit: Option<u64>,
    /// The number of requests left in the current window.
    pub remaining: Option<u64>,
    /// The time until the current window resets, as of the response.
    pub reset: Option<Duration>,
    /// The length of the window, when the service says (the policy's `w`).
    pub window: Option<Duration>,
}

impl RateLimit {
    /// Reads the rate limit from a response's headers. Never fails: a malformed figure is
    /// left `None`.
    pub fn from_headers(style: &RateLimitHeaders, headers: &HeaderMap) -> Self {
        Self::from_headers_at(style, headers, SystemTime::now())
    }

    pub(crate) fn from_headers_at(
        style: &RateLimitHeaders,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Self {
        match *style {
            RateLimitHeaders::None => Self::default(),
            RateLimitHeaders::Separate {
                limit,
                remaining,
                reset,
            } => Self {
                limit: header_str(headers, limit).and_then(parse_u64),
                remaining: header_str(headers, remaining).and_then(parse_u64),
                reset: header_str(headers, reset)
                    .and_then(parse_u64)
                    .map(|at| until_unix_seconds(at, now)),
                window: None,
            },
            RateLimitHeaders::Structured { header, policy } => {
                let mut rate_limit = header_str(headers, header)
                    .map(parse_structured)
                    .unwrap_or_default();
                if let Some(policy) = policy.and_then(|name| header_str(headers, name)) {
                    rate_limit.apply_policy(policy);
                }
                rate_limit.name = None;
                rate_limit.into()
            }
        }
    }
}

/// The time from `now` until the Unix time `at` (zero if it has passed).
pub(crate) fn until_unix_seconds(at: u64, now: SystemTime) -> Duration {
    let now = now.duration_since(UNIX_EPOCH).unwrap_or_default();
    Duration::from_secs(at).saturating_sub(now)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

fn parse_u64(value: &str) -> Option<u64> {
    value.trim().parse().ok()
}

/// A structured `RateLimit` header as read, with the policy's name to match the
/// `RateLimit-Policy` header against.
#[derive(Default)]
struct Parsed {
    name: Option<String>,
    limit: Option<u64>,
    remaining: Option<u64>,
    reset: Option<Duration>,
    window: Option<Duration>,
}

impl From<Parsed> for RateLimit {
    fn from(parsed: Parsed) -> Self {
        Self {
            limit: parsed.limit,
            remaining: parsed.remaining,
            reset: parsed.reset,
            window: parsed.window,
        }
    }
}

/// One list member: its item (`"default"`, or `limit` of `limit=100`), the item's value
/// when it is a `key=value` pair, and its parameters.
struct Member<'a> {
    item: String,
    value: Option<&'a str>,
    params: Vec<(&'a str, &'a str)>,
}

impl Member<'_> {
    fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| *v)
    }
}

/// Splits `a;x=1, "b";y=2` into members, respecting quoted strings.
fn members(value: &str) -> Vec<Member<'_>> {
    split_outside_quotes(value, ',')
        .into_iter()
        .filter_map(|member| {
            let mut parts = split_outside_quotes(member, ';').into_iter();
            let head = parts.next()?.trim();
            if head.is_empty() {
                return None;
            }
            let (item, value) = match head.split_once('=') {
                Some((key, value)) if !head.starts_with('"') => (key.trim(), Some(value.trim())),
                _ => (head, None),
            };
            let params = parts
                .filter_map(|param| {
                    let (key, value) = param.split_once('=')?;
                    Some((key.trim(), value.trim()))
                })
                .collect();
            Some(Member {
                item: unquote(item),
                value,
                params,
            })
        })
        .collect()
}

fn split_outside_quotes(value: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    let mut escaped = false;
    for (index, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            c if c == separator && !quoted => {
                parts.push(&value[start..index]);
                start = index + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
}

fn unquote(item: &str) -> String {
    let item = item.trim();
    item.strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
        .map_or_else(
            || item.to_owned(),
            |inner| inner.replace("\\\"", "\"").replace("\\\\", "\\"),
        )
}

fn seconds(value: &str) -> Option<Duration> {
    parse_u64(value).map(Duration::from_secs)
}

fn parse_structured(value: &str) -> Parsed {
    let members = members(value);
    let mut parsed = Parsed::default();
    // The older draft's dictionary: `limit=100, remaining=50, reset=30`.
    for member in members.iter().filter(|m| m.value.is_some()) {
        let value = member.value.unwrap_or_default();
        match member.item.to_ascii_lowercase().as_str() {
            "limit" => parsed.limit = parse_u64(value),
            "remaining" => parsed.remaining = parse_u64(value),
            "reset" => parsed.reset = seconds(value),
            _ => {}
        }
    }
    // The current draft's list of policies: `"default";r=50;t=30`. With several, the one
    // with the fewest requests left binds.
    let binding = members
        .iter()
        .filter(|m| m.value.is_none())
        .filter_map(|m| Some((m, m.param("r").and_then(parse_u64)?)))
        .min_by_key(|(_, remaining)| *remaining);
    if let Some((member, remaining)) = binding {
        parsed.name = Some(member.item.clone());
        parsed.remaining = Some(remaining);
        parsed.reset = member.param("t").and_then(seconds);
    }
    parsed
}

impl Parsed {
    /// Fills in the quota and window from the policy header: `"default";q=1200;w=300`, or
    /// the older `100;w=60`.
    fn apply_policy(&mut self, value: &str) {
        let members = members(value);
        let policy = match &self.name {
            Some(name) => members.iter().find(|m| &m.item == name),
            None => members.first(),
        }
        .or_else(|| members.first().filter(|_| members.len() == 1));
        let Some(policy) = policy else { return };
        let quota = policy
            .param("q")
            .and_then(parse_u64)
            .or_else(|| parse_u64(&policy.item));
        if self.limit.is_none() {
            self.limit = quota;
        }
        self.window = policy.param("w").and_then(seconds);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderName, HeaderValue};

    const CLOUDFLARE: RateLimitHeaders = RateLimitHeaders::Structured {
        header: "Ratelimit",
        policy: Some("Ratelimit-Policy"),
    };
    const BUDDY: RateLimitHeaders = RateLimitHeaders::Separate {
        limit: "X-Rate-Limit-Limit",
        remaining: "X-Rate-Limit-Remaining",
        reset: "X-Rate-Limit-Reset",
    };

    fn headers(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_bytes(value),
            ) {
                map.append(name, value);
            }
        }
        map
    }

    fn structured(rate_limit: &[u8], policy: &[u8]) -> RateLimit {
        let mut pairs: Vec<(&str, &[u8])> = Vec::new();
        if !rate_limit.is_empty() {
            pairs.push(("ratelimit", rate_limit));
        }
        if !policy.is_empty() {
            pairs.push(("ratelimit-policy", policy));
        }
        RateLimit::from_headers(&CLOUDFLARE, &headers(&pairs))
    }

    fn limit(
        limit: Option<u64>,
        remaining: Option<u64>,
        reset: Option<u64>,
        window: Option<u64>,
    ) -> RateLimit {
        RateLimit {
            limit,
            remaining,
            reset: reset.map(Duration::from_secs),
            window: window.map(Duration::from_secs),
        }
    }

    #[test]
    fn structured_current_draft() {
        assert_eq!(
            structured(br#""default";r=50;t=30"#, br#""default";q=1200;w=300"#),
            limit(Some(1200), Some(50), Some(30), Some(300))
        );
        assert_eq!(
            structured(br#""default";r=50;t=30"#, b""),
            limit(None, Some(50), Some(30), None)
        );
        assert_eq!(
            structured(b"", br#""default";q=1200;w=300"#),
            limit(Some(1200), None, None, Some(300))
        );
        // Several policies: the one with the fewest requests left binds, and its own
        // policy gives the quota.
        assert_eq!(
            structured(
                br#""hour";r=900;t=1800, "burst";r=3;t=2"#,
                br#""hour";q=1000;w=3600, "burst";q=10;w=5"#
            ),
            limit(Some(10), Some(3), Some(2), Some(5))
        );
        // Tokens and spaces.
        assert_eq!(
            structured(b" default ; r=1 ; t=0 ", b""),
            limit(None, Some(1), Some(0), None)
        );
    }

    #[test]
    fn structured_older_draft() {
        assert_eq!(
            structured(b"limit=100, remaining=50, reset=30", b"100;w=60"),
            limit(Some(100), Some(50), Some(30), Some(60))
        );
        assert_eq!(
            structured(b"remaining=5", b""),
            limit(None, Some(5), None, None)
        );
    }

    #[test]
    fn structured_malformed_never_fails() {
        for value in [
            &b"garbage"[..],
            b"",
            b";;;,,,",
            br#""default";r=-1;t=abc"#,
            br#""unterminated;r=5"#,
            b"limit=, remaining=x, reset=1.5",
            b"r=5;t=5",
            "\u{e9}=\u{e9}".as_bytes(),
            b"\xff\xfe",
            br#""default";r=99999999999999999999999"#,
        ] {
            let parsed = structured(value, b"q=;w=-3");
            assert_eq!(parsed.limit, None, "{value:?}");
            assert_eq!(parsed.window, None, "{value:?}");
            assert_eq!(parsed.remaining, None, "{value:?}");
        }
        // A good figure survives a bad neighbour.
        assert_eq!(
            structured(br#""default";r=7;t=x"#, b""),
            limit(None, Some(7), None, None)
        );
    }

    #[test]
    fn separate_style() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let map = headers(&[
            ("x-rate-limit-limit", b"1000"),
            ("x-rate-limit-remaining", b" 998 "),
            ("x-rate-limit-reset", b"1700000030"),
        ]);
        assert_eq!(
            RateLimit::from_headers_at(&BUDDY, &map, now),
            limit(Some(1000), Some(998), Some(30), None)
        );
        // A reset in the past is now.
        let map = headers(&[("x-rate-limit-reset", b"1600000000")]);
        assert_eq!(
            RateLimit::from_headers_at(&BUDDY, &map, now),
            limit(None, None, Some(0), None)
        );
        let map = headers(&[
            ("x-rate-limit-limit", b"lots"),
            ("x-rate-limit-remaining", b"-1"),
            ("x-rate-limit-reset", b"\xff"),
        ]);
        assert_eq!(
            RateLimit::from_headers_at(&BUDDY, &map, now),
            RateLimit::default()
        );
        assert_eq!(
            RateLimit::from_headers(&RateLimitHeaders::None, &map),
            RateLimit::default()
        );
    }
}
