//! Streams of items fetched page by page.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::{Error, PagingError, PagingProblem};

/// A stream of items that fetches pages on demand.
///
/// Use [`next`](Self::next) or [`try_collect`](Self::try_collect) without any other crate,
/// or any `Stream` combinator. A failed fetch is yielded once and ends the stream.
pub struct ItemStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T: Send + 'static> ItemStream<T> {
    /// Wraps a stream.
    pub fn new(stream: impl Stream<Item = Result<T, Error>> + Send + 'static) -> Self {
        Self {
            inner: Box::pin(stream),
        }
    }

    /// The next item, fetching the next page when needed; `None` at the end.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        self.inner.next().await
    }

    /// Every item, fetching every page; the first error ends it.
    pub async fn try_collect(mut self) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.inner.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<T> fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream").finish_non_exhaustive()
    }
}

/// What a page-numbered response says about paging (from the envelope's `result_info`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page this is (from 1).
    pub page: Option<u64>,
    /// The number of items per page.
    pub per_page: Option<u64>,
    /// The number of pages.
    pub total_pages: Option<u64>,
}

/// What a stream may fetch: the operation it pages through, for errors, and the most
/// pages it fetches ([`ClientBuilder::max_pages`](super::ClientBuilder::max_pages)).
#[derive(Debug, Clone, Copy)]
pub struct PagingLimits {
    operation: &'static str,
    max_pages: u64,
}

impl PagingLimits {
    /// Limits of a stream of `operation`'s pages: at most `max_pages` pages.
    pub const fn new(operation: &'static str, max_pages: u64) -> Self {
        Self {
            operation,
            max_pages,
        }
    }
}

impl<S: super::Service> super::Client<S> {
    /// The limits of a stream of `operation`'s pages.
    pub fn paging(&self, operation: &'static str) -> PagingLimits {
        PagingLimits::new(operation, self.inner.max_pages)
    }
}

/// What a stream remembers of the pages it fetched, to stop a server that would keep it
/// going forever: a hash of each page's items and of each cursor it followed (a few bytes
/// a page, however large the pages and cursors are).
struct Guard {
    limits: PagingLimits,
    fetched: u64,
    pages: HashMap<u64, u64>,
    cursors: HashSet<u64>,
}

impl Guard {
    fn new(limits: PagingLimits) -> Self {
        Self {
            limits,
            fetched: 0,
            pages: HashMap::new(),
            cursors: HashSet::new(),
        }
    }

    fn error(&self, problem: PagingProblem) -> Error {
        Error::Paging(Box::new(PagingError::new(
            self.limits.operation,
            self.fetched,
            problem,
        )))
    }

    /// Before a fetch: within the page limit.
    fn before_fetch(&mut self) -> Result<(), Error> {
        if self.fetched >= self.limits.max_pages {
            return Err(self.error(PagingProblem::TooManyPages {
                limit: self.limits.max_pages,
            }));
        }
        self.fetched += 1;
        Ok(())
    }

    /// After a fetch of a page with items: not the items of an earlier page.
    fn check_items<T: serde::Serialize>(&mut self, items: &[T]) -> Result<(), Error> {
        if items.is_empty() {
            return Ok(());
        }
        let mut hasher = HashWriter(DefaultHasher::new());
        // Generated items always serialize; one that did not is not compared.
        if serde_json::to_writer(&mut hasher, items).is_err() {
            return Ok(());
        }
        let hash = hasher.0.finish();
        if let Some(&same_as) = self.pages.get(&hash) {
            return Err(self.error(PagingProblem::PageRepeated { same_as }));
        }
        self.pages.insert(hash, self.fetched);
        Ok(())
    }

    /// Whether `cursor` was followed before; remembers it.
    fn cursor_seen(&mut self, cursor: &str) -> bool {
        let mut hasher = DefaultHasher::new();
        cursor.hash(&mut hasher);
        !self.cursors.insert(hasher.finish())
    }
}

/// Feeds serialized bytes to a hasher, so that a page is hashed without a copy.
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The state between two items: the fetcher, the rest of the current page, what to
/// fetch next (`None` at the end), and what guards against a runaway server.
struct State<F, T, P> {
    fetch: F,
    items: std::vec::IntoIter<T>,
    next: Option<P>,
    guard: Guard,
    /// What ends the stream once the current page's items are read: the page was good,
    /// where it points is not.
    failure: Option<Error>,
}

/// Items of pages `first_page`, `first_page + 1`, ... fetched on demand.
///
/// Stops after a page that is empty, or whose number is at least `total_pages` (when
/// known), or that has fewer items than `per_page` (when known). A fetch error is yielded
/// once and ends the stream; so is a [`PagingError`] when a page answers another page
/// number than asked for, repeats the items of an earlier page, or the page limit is
/// reached.
pub fn page_numbers<T, F, Fut>(limits: PagingLimits, first_page: u64, fetch: F) -> ItemStream<T>
where
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<T>, PageInfo), Error>> + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let state = State {
        fetch,
        items: Vec::new().into_iter(),
        next: Some(first_page),
        guard: Guard::new(limits),
        failure: None,
    };
    ItemStream::new(stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            let page = state.next.take()?;
            if let Err(error) = state.guard.before_fetch() {
                return Some((Err(error), state));
            }
            let (items, info) = match (state.fetch)(page).await {
                Ok(fetched) => fetched,
                Err(error) => return Some((Err(error), state)),
            };
            if let Some(answered) = info.page.filter(|answered| *answered != page) {
                let problem = PagingProblem::WrongPage {
                    requested: page,
                    answered,
                };
                return Some((Err(state.guard.error(problem)), state));
            }
            if let Err(error) = state.guard.check_items(&items) {
                return Some((Err(error), state));
            }
            let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
            let last = count == 0
                || info.total_pages.is_some_and(|total| page >= total)
                || info.per_page.is_some_and(|per_page| count < per_page);
            state.next = if last { None } else { page.checked_add(1) };
            state.items = items.into_iter();
        }
    }))
}

/// Items of pages linked by a cursor.
///
/// The first request uses `first` (`None` for the start); each page gives its items and
/// the next cursor. Stops when the next cursor is `None` or empty, or the page has no
/// items. A fetch error is yielded once and ends the stream; so is a [`PagingError`] when
/// the next cursor is one already followed, a page repeats the items of an earlier one, or
/// the page limit is reached.
pub fn cursor<T, F, Fut>(limits: PagingLimits, first: Option<String>, fetch: F) -> ItemStream<T>
where
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), Error>> + Send + 'static,
    T: serde::Serialize + Send + 'static,
{
    let mut guard = Guard::new(limits);
    if let Some(first) = &first {
        guard.cursor_seen(first);
    }
    let state = State {
        fetch,
        items: Vec::new().into_iter(),
        next: Some(first),
        guard,
        failure: None,
    };
    ItemStream::new(stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            if let Some(failure) = state.failure.take() {
                return Some((Err(failure), state));
            }
            let used = state.next.take()?;
            if let Err(error) = state.guard.before_fetch() {
                return Some((Err(error), state));
            }
            let (items, next) = match (state.fetch)(used).await {
                Ok(fetched) => fetched,
                Err(error) => return Some((Err(error), state)),
            };
            if let Err(error) = state.guard.check_items(&items) {
                return Some((Err(error), state));
            }
            let next = next.filter(|next| !next.is_empty() && !items.is_empty());
            state.next = match next {
                Some(next) if state.guard.cursor_seen(&next) => {
                    state.failure = Some(state.guard.error(PagingProblem::CursorRepeated));
                    None
                }
                next => next.map(Some),
            };
            state.items = items.into_iter();
        }
    }))
}

/// A page number or count that an API documents as a JSON number: whole, non-negative
/// values count, anything else (a fraction, a negative, NaN) does not.
pub fn count_from_f64(value: f64) -> Option<u64> {
    // Counts are far below 2^53, where every whole f64 is exact.
    (value.fract() == 0.0 && (0.0..9.007_199_254_740_992e15).contains(&value))
        .then_some(value as u64)
}

#[cfg(test)]
mod count_tests {
    use super::count_from_f64;

    #[test]
    fn whole_non_negative_numbers_count() {
        assert_eq!(count_from_f64(3.0), Some(3));
        assert_eq!(count_from_f64(0.0), Some(0));
        assert_eq!(count_from_f64(2.5), None);
        assert_eq!(count_from_f64(-1.0), None);
        assert_eq!(count_from_f64(f64::NAN), None);
        assert_eq!(count_from_f64(f64::INFINITY), None);
    }
}
