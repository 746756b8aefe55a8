//! A failed exchange with the server, without the HTTP client's error type in the API.

use std::fmt;

/// Why an exchange with the server failed below HTTP: the connection could not be made,
/// it broke before the response was complete, or what came back is not HTTP.
///
/// The HTTP client's own error is its [`source`](std::error::Error::source), as a
/// `dyn Error`: its type is not part of this crate's API, so that the HTTP client can be
/// upgraded without breaking code that matches on errors.
pub struct TransportError {
    phase: Phase,
    source: reqwest::Error,
}

/// Where the exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Making the connection (TCP, TLS): nothing was sent.
    Connect,
    /// Sending the request or waiting for the response's head.
    Request,
    /// Reading the response's body.
    Body,
    /// Reading the response's head, which is not HTTP the client accepts.
    Protocol,
}

impl TransportError {
    /// The error of a failed exchange; the HTTP client's error loses its URL (the call
    /// names it, secrets redacted).
    pub(crate) fn new(phase: Phase, source: reqwest::Error) -> Self {
        let source = source.without_url();
        let phase = if source.is_connect() {
            Phase::Connect
        } else {
            phase
        };
        Self { phase, source }
    }

    /// Whether the connection could not be made (refused, unreachable, TLS handshake
    /// failed, or not within the connect timeout): the request never reached the server.
    pub fn is_connect(&self) -> bool {
        self.phase == Phase::Connect
    }

    /// Whether the connection was not made within the connect timeout
    /// ([`ClientBuilder::connect_timeout`](crate::ClientBuilder::connect_timeout)). An
    /// attempt that takes too long once connected is [`Error::Timeout`](crate::Error::Timeout)
    /// instead.
    pub fn is_timeout(&self) -> bool {
        self.source.is_timeout()
    }

    /// Whether the connection failed while the request was sent or its response awaited:
    /// the server may have received the request.
    pub fn is_request(&self) -> bool {
        self.phase == Phase::Request
    }

    /// Whether the connection failed while the response's body was read: the server
    /// received the request and began to answer.
    pub fn is_body(&self) -> bool {
        self.phase == Phase::Body
    }

    /// What the HTTP stack says is wrong with the response, for a protocol error.
    fn protocol_detail(&self) -> Option<String> {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&self.source);
        while let Some(current) = source {
            if let Some(hyper) = current.downcast_ref::<hyper::Error>() {
                return Some(hyper.to_string());
            }
            source = current.source();
        }
        None
    }
}

/// Whether the HTTP client failed reading what the server sent as HTTP: a head too large
/// or malformed. hyper's error says so; it is found in the error's sources.
pub(crate) fn is_protocol_error(error: &reqwest::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(hyper) = current.downcast_ref::<hyper::Error>() {
            return hyper.is_parse() || hyper.is_parse_status();
        }
        source = current.source();
    }
    false
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.phase {
            Phase::Connect if self.is_timeout() => {
                f.write_str("could not connect to the server within the connect timeout")
            }
            Phase::Connect => f.write_str("could not connect to the server"),
            Phase::Request => f.write_str("the connection failed before the response was complete"),
            Phase::Body => f.write_str("the connection failed while the response body was read"),
            Phase::Protocol => {
                f.write_str("the response is not valid HTTP")?;
                match self.protocol_detail() {
                    Some(detail) => write!(f, " ({detail})"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Shows where the exchange failed and the HTTP client's error (without its URL).
impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("phase", &self.phase)
            .field("source", &self.source)
            .finish()
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
