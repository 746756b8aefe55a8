//! Why a stream of pages stopped before the server said it was done.

use std::fmt;

/// A stream of pages (`into_stream`) that stopped because the server would have kept it
/// going forever: it repeated a page or a cursor, answered another page than asked for,
/// or the stream reached the client's page limit
/// ([`ClientBuilder::max_pages`](crate::ClientBuilder::max_pages)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagingError {
    pub(crate) operation: &'static str,
    pub(crate) pages: u64,
    pub(crate) problem: PagingProblem,
}

/// What a server did that stopped a stream of pages.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingProblem {
    /// The last page fetched has the same items as page `same_as` of this stream (counted
    /// from 1): a server that ignores the page or cursor asked for.
    PageRepeated {
        /// The earlier page it repeats.
        same_as: u64,
    },
    /// The server answered page `answered` to a request for page `requested`.
    WrongPage {
        /// The page asked for.
        requested: u64,
        /// The page the response says it is.
        answered: u64,
    },
    /// The next cursor is one the stream already used: following it would go round in
    /// a circle.
    CursorRepeated,
    /// The stream fetched as many pages as the client allows.
    TooManyPages {
        /// The limit.
        limit: u64,
    },
}

impl PagingError {
    pub(crate) fn new(operation: &'static str, pages: u64, problem: PagingProblem) -> Self {
        Self {
            operation,
            pages,
            problem,
        }
    }

    /// The paginated operation, e.g. `cloudflare.builds.list`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The pages the stream fetched, the last one included.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// What the server did.
    pub fn problem(&self) -> &PagingProblem {
        &self.problem
    }
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the stream stopped after {} page{}: ",
            self.operation,
            self.pages,
            if self.pages == 1 { "" } else { "s" }
        )?;
        match &self.problem {
            PagingProblem::PageRepeated { same_as } => write!(
                f,
                "the last page has the same items as page {same_as}; the server does not \
                 seem to page"
            ),
            PagingProblem::WrongPage {
                requested,
                answered,
            } => write!(
                f,
                "the server answered page {answered} to a request for page {requested}"
            ),
            PagingProblem::CursorRepeated => f.write_str(
                "the server gave a cursor the stream had already followed, which would go \
                 round in a circle",
            ),
            PagingProblem::TooManyPages { limit } => write!(
                f,
                "it reached the limit of {limit} pages (raise `max_pages` if this is \
                 expected)"
            ),
        }
    }
}

impl std::error::Error for PagingError {}
