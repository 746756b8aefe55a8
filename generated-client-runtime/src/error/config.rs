//! Configuration errors: what is wrong with how the client was set up, and the fix.

use std::fmt;

/// The client is configured wrongly: what is wrong, and what would be right.
///
/// Shown as `<problem>; <fix>`, e.g. `invalid base URL "127.0.0.1:8080": it has no
/// scheme; write it with one, e.g. "http://127.0.0.1:8080"`.
#[derive(Debug)]
pub struct ConfigError {
    problem: String,
    fix: String,
    pub(super) operation: Option<&'static str>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl ConfigError {
    pub(crate) fn new(problem: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            problem: problem.into(),
            fix: fix.into(),
            operation: None,
            source: None,
        }
    }

    /// The error of an operation that cannot be called as the client is configured.
    pub(crate) fn of_operation(mut self, operation: &'static str) -> Self {
        self.operation = Some(operation);
        self
    }

    pub(crate) fn with_source(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What is wrong.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// What would be right.
    pub fn fix(&self) -> &str {
        &self.fix
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.problem, self.fix)
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}
