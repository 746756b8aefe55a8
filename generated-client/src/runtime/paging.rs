//! Streams of items fetched page by page.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::Error;

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

/// The state between two items: the fetcher, the rest of the current page, and what to
/// fetch next (`None` at the end).
struct State<F, T, P> {
    fetch: F,
    items: std::vec::IntoIter<T>,
    next: Option<P>,
}

/// Items of pages `first_page`, `first_page + 1`, ... fetched on demand.
///
/// Stops after a page that is empty, or whose number is at least `total_pages` (when
/// known), or that has fewer items than `per_page` (when known). A fetch error is yielded
/// once and ends the stream.
pub fn page_numbers<T, F, Fut>(first_page: u64, fetch: F) -> ItemStream<T>
where
    F: FnMut(u64) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<T>, PageInfo), Error>> + Send + 'static,
    T: Send + 'static,
{
    let state = State {
        fetch,
        items: Vec::new().into_iter(),
        next: Some(first_page),
    };
    ItemStream::new(stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            let page = state.next.take()?;
            match (state.fetch)(page).await {
                Err(error) => return Some((Err(error), state)),
                Ok((items, info)) => {
                    let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
                    let current = page.max(info.page.unwrap_or(0));
                    let last = count == 0
                        || info.total_pages.is_some_and(|total| current >= total)
                        || info.per_page.is_some_and(|per_page| count < per_page);
                    state.next = if last { None } else { page.checked_add(1) };
                    state.items = items.into_iter();
                }
            }
        }
    }))
}

/// Items of pages linked by a cursor.
///
/// The first request uses `first` (`None` for the start); each page gives its items and
/// the next cursor. Stops when the next cursor is `None` or empty, or equals the cursor
/// just used, or the page has no items. A fetch error is yielded once and ends the stream.
pub fn cursor<T, F, Fut>(first: Option<String>, fetch: F) -> ItemStream<T>
where
    F: FnMut(Option<String>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), Error>> + Send + 'static,
    T: Send + 'static,
{
    let state = State {
        fetch,
        items: Vec::new().into_iter(),
        next: Some(first),
    };
    ItemStream::new(stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            let used = state.next.take()?;
            match (state.fetch)(used.clone()).await {
                Err(error) => return Some((Err(error), state)),
                Ok((items, next)) => {
                    let next = next.filter(|next| !next.is_empty() && Some(next) != used.as_ref());
                    state.next = if items.is_empty() {
                        None
                    } else {
                        next.map(Some)
                    };
                    state.items = items.into_iter();
                }
            }
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
