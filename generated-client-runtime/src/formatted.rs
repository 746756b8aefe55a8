//! Values the APIs send as text in a known format: date-times, UUIDs and URLs.
//!
//! A [`Formatted<T>`] keeps the text as received and reads it as a `T` when asked
//! ([`get`](Formatted::get)): a value the client cannot read never fails the response it
//! came in, as an unknown enum value does not, and says why when it is read. Reading
//! happens on access, so decoding a response costs what decoding its strings does.
//!
//! The date-time type is [`jiff::Timestamp`]: jiff parses RFC 3339 and ISO 8601 strictly
//! (both APIs' formats, `2019-12-27T18:11:19.117Z` and `2020-06-01T13:54:15+0000`), has one
//! type for an instant with no time zone guessing, and is stable at 1.0. UUIDs are
//! [`uuid::Uuid`] and URLs [`url::Url`], the types the ecosystem (and `reqwest`) uses.
//!
//! Values are ordered by what they read as (timestamps by instant), and a text that does
//! not read sorts after every one that does: see [`Formatted`]'s `Ord`.
//!
//! [`jiff::Timestamp`]: https://docs.rs/jiff/1/jiff/struct.Timestamp.html
//! [`uuid::Uuid`]: https://docs.rs/uuid/1/uuid/struct.Uuid.html
//! [`url::Url`]: https://docs.rs/url/2/url/struct.Url.html

use std::cmp::Ordering;
use std::fmt;
use std::marker::PhantomData;

// Links to the dependencies' types go to docs.rs: documentation built with `--no-deps`
// has no page of theirs, and would show their names unlinked.

/// A date-time the API sends as text, read as a [`jiff::Timestamp`].
///
/// [`jiff::Timestamp`]: https://docs.rs/jiff/1/jiff/struct.Timestamp.html
pub type Timestamp = Formatted<jiff::Timestamp>;

/// A UUID the API sends as text, read as a [`uuid::Uuid`].
///
/// [`uuid::Uuid`]: https://docs.rs/uuid/1/uuid/struct.Uuid.html
pub type Uuid = Formatted<uuid::Uuid>;

/// A URL the API sends as text, read as a [`url::Url`].
///
/// [`url::Url`]: https://docs.rs/url/2/url/struct.Url.html
pub type Url = Formatted<url::Url>;

/// A type a [`Formatted`] value is read as.
pub trait Format: Sized {
    /// The format's name in messages: `an RFC 3339 date-time`.
    const NAME: &'static str;

    /// Reads the text.
    fn parse(text: &str) -> Result<Self, String>;

    /// Writes the value as the API does.
    fn to_text(&self) -> String;
}

impl Format for jiff::Timestamp {
    const NAME: &'static str = "an RFC 3339 date-time";

    fn parse(text: &str) -> Result<Self, String> {
        text.parse().map_err(|e: jiff::Error| e.to_string())
    }

    fn to_text(&self) -> String {
        self.to_string()
    }
}

impl Format for uuid::Uuid {
    const NAME: &'static str = "a UUID";

    fn parse(text: &str) -> Result<Self, String> {
        uuid::Uuid::parse_str(text).map_err(|e| e.to_string())
    }

    fn to_text(&self) -> String {
        self.hyphenated().to_string()
    }
}

impl Format for url::Url {
    const NAME: &'static str = "an absolute URL";

    fn parse(text: &str) -> Result<Self, String> {
        url::Url::parse(text).map_err(|e| e.to_string())
    }

    fn to_text(&self) -> String {
        self.as_str().to_owned()
    }
}

/// A value sent as text in the format `T` reads, kept as received.
///
/// ```
/// use generated_client::Timestamp;
///
/// let created: Timestamp = "2019-12-27T18:11:19.117Z".into();
/// assert_eq!(created.get()?.as_second(), 1577470279);
/// assert_eq!(created.as_str(), "2019-12-27T18:11:19.117Z");
///
/// // What the client cannot read is kept, and says why when read.
/// let odd: Timestamp = "yesterday".into();
/// assert_eq!(odd.as_str(), "yesterday");
/// assert!(odd.get().is_err());
/// # Ok::<(), generated_client::FormatError>(())
/// ```
///
/// Values compare equal when their texts are equal, and are ordered by what they read as:
/// newest builds first is `builds.sort_by(|a, b| b.created_on.cmp(&a.created_on))`, with
/// no `get()` that could hide an unreadable date (see the `Ord` implementation).
pub struct Formatted<T> {
    text: String,
    format: PhantomData<fn() -> T>,
}

impl<T: Format> Formatted<T> {
    /// The value, read from its text; why it cannot be, if it cannot.
    pub fn get(&self) -> Result<T, FormatError> {
        T::parse(&self.text).map_err(|reason| FormatError {
            text: excerpt(&self.text),
            expected: T::NAME,
            reason,
        })
    }
}

impl<T> Formatted<T> {
    /// The text as received (or as written from a value).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl<T: Format> From<T> for Formatted<T> {
    fn from(value: T) -> Self {
        Self {
            text: value.to_text(),
            format: PhantomData,
        }
    }
}

impl<T> From<String> for Formatted<T> {
    fn from(text: String) -> Self {
        Self {
            text,
            format: PhantomData,
        }
    }
}

impl<T> From<&str> for Formatted<T> {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

/// The text, as received: `build.build_uuid.as_deref()` is an `Option<&str>`.
impl<T> std::ops::Deref for Formatted<T> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl<T> AsRef<str> for Formatted<T> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

// Written by hand: a derive would ask `T` for what only the text needs.
impl<T> Clone for Formatted<T> {
    fn clone(&self) -> Self {
        Self::from(self.text.clone())
    }
}

impl<T> PartialEq for Formatted<T> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<T> Eq for Formatted<T> {}

impl<T> std::hash::Hash for Formatted<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

/// Ordered by what the texts read as: timestamps by instant, UUIDs by their bytes, URLs
/// as [`url::Url`] orders them (by their normalized text).
///
/// - Two texts of the same value (`2020-06-01T13:54:15Z` and `2020-06-01T13:54:15+00:00`)
///   are ordered by their text, so that only equal texts compare equal, as `==` and
///   `Hash` say.
/// - A text that does not read as `T` sorts after every one that does, and such texts
///   are ordered by their text: sorting never fails and never drops a value, and an
///   unreadable date is never mistaken for a missing one (`None` sorts before every
///   `Some` in an `Option`).
///
/// Each comparison reads both texts; to sort many values, `sort_by_cached_key` with a
/// clone of the value reads each once as a key.
///
/// ```
/// use std::cmp::Reverse;
/// use generated_client::Timestamp;
///
/// let mut created: Vec<Timestamp> = ["2020-06-01T13:54:15+0000", "soon", "2019-12-27T18:11:19.117Z", "2020-06-01T16:00:00+02:00"]
///     .map(Timestamp::from)
///     .into();
/// created.sort();
/// let text: Vec<&str> = created.iter().map(|t| t.as_str()).collect();
/// assert_eq!(text, ["2019-12-27T18:11:19.117Z", "2020-06-01T13:54:15+0000", "2020-06-01T16:00:00+02:00", "soon"]);
///
/// // Newest first: reversed, the unreadable text comes first; keep it last with a key.
/// created.sort_by_cached_key(|t| (t.get().is_err(), Reverse(t.clone())));
/// assert_eq!(created[0].as_str(), "2020-06-01T16:00:00+02:00");
/// assert_eq!(created[3].as_str(), "soon");
/// ```
///
/// [`url::Url`]: https://docs.rs/url/2/url/struct.Url.html
impl<T: Format + Ord> Ord for Formatted<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.text == other.text {
            return Ordering::Equal;
        }
        match (T::parse(&self.text), T::parse(&other.text)) {
            (Ok(mine), Ok(theirs)) => mine.cmp(&theirs).then_with(|| self.text.cmp(&other.text)),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            (Err(_), Err(_)) => self.text.cmp(&other.text),
        }
    }
}

impl<T: Format + Ord> PartialOrd for Formatted<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> fmt::Debug for Formatted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl<T> fmt::Display for Formatted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<T> serde::Serialize for Formatted<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de, T> serde::Deserialize<'de> for Formatted<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

/// A value that is not in its format: the text (shortened), the format, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    text: String,
    expected: &'static str,
    reason: String,
}

impl FormatError {
    /// The text that was received, shortened to 64 characters.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The format it should have been in: `a UUID`.
    pub fn expected(&self) -> &'static str {
        self.expected
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not {}: {}",
            self.text, self.expected, self.reason
        )
    }
}

impl std::error::Error for FormatError {}

/// At most 64 characters of the text, for messages.
fn excerpt(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_their_type_and_write_back_as_received() {
        let timestamp: Timestamp = "2020-06-01T13:54:15+0000".into();
        assert_eq!(timestamp.get().map(|t| t.as_second()), Ok(1_591_019_655));
        assert_eq!(
            serde_json::to_string(&timestamp).ok().as_deref(),
            Some("\"2020-06-01T13:54:15+0000\"")
        );
        let id: Uuid = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into();
        assert_eq!(id.get().map(|u| u.get_version_num()), Ok(4));
        let url: Url = "https://github.com/cloudflare/workers-sdk/pull/123".into();
        assert_eq!(
            url.get().map(|u| u.host_str().map(str::to_owned)),
            Ok(Some("github.com".to_owned()))
        );
        let from_value = Uuid::from(uuid::Uuid::nil());
        assert_eq!(from_value.as_str(), "00000000-0000-0000-0000-000000000000");
    }

    #[test]
    fn what_does_not_read_is_kept_and_says_why() {
        let decoded: Result<Uuid, _> = serde_json::from_str("\"not-a-uuid\"");
        let Ok(id) = decoded else {
            panic!("a value out of format failed decoding")
        };
        let error = id.get().err().unwrap_or_else(|| panic!("read as a UUID"));
        assert_eq!(error.expected(), "a UUID");
        assert!(
            error
                .to_string()
                .starts_with("\"not-a-uuid\" is not a UUID: "),
            "{error}"
        );
        let long: Timestamp = "x".repeat(1000).into();
        let error = long.get().err().unwrap_or_else(|| panic!("read"));
        assert_eq!(error.text().chars().count(), 65);
    }

    fn texts<T>(values: &[Formatted<T>]) -> Vec<&str> {
        values.iter().map(Formatted::as_str).collect()
    }

    #[test]
    fn timestamps_sort_by_instant_then_text_with_unreadable_ones_last() {
        let mut values: Vec<Timestamp> = [
            "not a date",
            "2020-06-01T13:54:15Z",
            "2020-06-01T15:00:00+02:00",
            "",
            "2020-06-01T13:54:15+0000",
            "2019-12-27T18:11:19.117Z",
            "2020-06-01T13:54:15.000Z",
        ]
        .map(Timestamp::from)
        .into();
        values.sort();
        assert_eq!(
            texts(&values),
            [
                "2019-12-27T18:11:19.117Z",
                // 13:00Z: earlier than 13:54Z, whatever its text says.
                "2020-06-01T15:00:00+02:00",
                // One instant, three texts: ordered by text.
                "2020-06-01T13:54:15+0000",
                "2020-06-01T13:54:15.000Z",
                "2020-06-01T13:54:15Z",
                // What does not read comes last, by text.
                "",
                "not a date",
            ]
        );
        // Missing sorts before any value, an unreadable one after every readable one.
        let mut optional = [
            Some(Timestamp::from("garbage")),
            None,
            Some(Timestamp::from("2020-01-01T00:00:00Z")),
        ];
        optional.sort();
        assert_eq!(
            optional.iter().map(|t| t.as_deref()).collect::<Vec<_>>(),
            [None, Some("2020-01-01T00:00:00Z"), Some("garbage")]
        );
    }

    #[test]
    fn the_order_agrees_with_eq_and_hash() {
        use std::collections::{BTreeSet, HashSet};
        let texts = [
            "2020-06-01T13:54:15Z",
            "2020-06-01T13:54:15+00:00",
            "2020-06-01T13:54:15Z",
            "later",
            "later",
            "2021-01-01T00:00:00Z",
        ];
        let values: Vec<Timestamp> = texts.map(Timestamp::from).into();
        for a in &values {
            for b in &values {
                assert_eq!(a.cmp(b) == Ordering::Equal, a == b, "{a} {b}");
                assert_eq!(a.partial_cmp(b), Some(a.cmp(b)));
                assert_eq!(a.cmp(b), b.cmp(a).reverse());
            }
        }
        let ordered: BTreeSet<&Timestamp> = values.iter().collect();
        let hashed: HashSet<&Timestamp> = values.iter().collect();
        assert_eq!(ordered.len(), 4);
        assert_eq!(hashed.len(), 4);
    }

    #[test]
    fn uuids_and_urls_sort_by_value() {
        let mut ids: Vec<Uuid> = [
            "ffffffff-0000-0000-0000-000000000000",
            "not-a-uuid",
            "0000000A-0000-0000-0000-000000000000",
            "00000009-0000-0000-0000-000000000000",
            "0000000a-0000-0000-0000-000000000000",
        ]
        .map(Uuid::from)
        .into();
        ids.sort();
        assert_eq!(
            texts(&ids),
            [
                "00000009-0000-0000-0000-000000000000",
                // One UUID in two cases: by text.
                "0000000A-0000-0000-0000-000000000000",
                "0000000a-0000-0000-0000-000000000000",
                "ffffffff-0000-0000-0000-000000000000",
                "not-a-uuid",
            ]
        );
        let mut urls: Vec<Url> = ["relative/path", "https://b.example/", "HTTPS://a.example"]
            .map(Url::from)
            .into();
        urls.sort();
        assert_eq!(
            texts(&urls),
            ["HTTPS://a.example", "https://b.example/", "relative/path"]
        );
    }
}
