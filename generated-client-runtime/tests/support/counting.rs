//! A loopback HTTP/1.1 server that counts what a client leaves open: connections accepted
//! and closed (by the client: the server never closes first), requests, and requests in
//! flight with their peak. Each request is answered as `answer` says for its number.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// `200` with this JSON body, after a delay.
    Json { body: String, delay: Duration },
    /// This status, without a body.
    Status(u16),
    /// A `200` head promising 1,000 bytes, ten of them, then nothing more.
    Stall,
}

impl Reply {
    pub fn json(body: serde_json::Value) -> Self {
        Self::Json {
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }
}

#[derive(Debug, Default)]
pub struct Counts {
    accepted: AtomicUsize,
    closed: AtomicUsize,
    requests: AtomicUsize,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
}

impl Counts {
    /// Connections accepted and not yet closed by the client.
    pub fn open(&self) -> usize {
        self.accepted
            .load(Ordering::SeqCst)
            .saturating_sub(self.closed.load(Ordering::SeqCst))
    }

    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn peak_in_flight(&self) -> usize {
        self.peak_in_flight.load(Ordering::SeqCst)
    }

    /// Waits (up to 5 s, polling) until at most `open` connections are open; the count.
    pub async fn settle(&self, open: usize) -> usize {
        for _ in 0..500 {
            if self.open() <= open {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.open()
    }
}

/// Starts the server; its base URL and its counts.
pub async fn server(
    answer: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> (String, Arc<Counts>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let address = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let counts = Arc::new(Counts::default());
    let answer = Arc::new(answer);
    let shared = Arc::clone(&counts);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            shared.accepted.fetch_add(1, Ordering::SeqCst);
            let counts = Arc::clone(&shared);
            let answer = Arc::clone(&answer);
            tokio::spawn(async move {
                connection(socket, &counts, &*answer).await;
                counts.closed.fetch_add(1, Ordering::SeqCst);
            });
        }
    });
    (format!("http://{address}"), counts)
}

/// Serves a keep-alive connection until the client closes it.
async fn connection(
    mut socket: TcpStream,
    counts: &Counts,
    answer: &(dyn Fn(usize) -> Reply + Sync),
) {
    let mut pending = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            pending.drain(..end + 4);
            let number = counts.requests.fetch_add(1, Ordering::SeqCst);
            let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            counts.peak_in_flight.fetch_max(now, Ordering::SeqCst);
            let written = respond(&mut socket, answer(number)).await;
            counts.in_flight.fetch_sub(1, Ordering::SeqCst);
            if !written {
                // Stalled: wait for the client to give up and close.
                while matches!(socket.read(&mut chunk).await, Ok(n) if n > 0) {}
                return;
            }
        }
        match socket.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => pending.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Writes the reply; `false` when the connection must not be used again.
async fn respond(socket: &mut TcpStream, reply: Reply) -> bool {
    let (head, body) = match reply {
        Reply::Json { body, delay } => {
            tokio::time::sleep(delay).await;
            (
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                ),
                body,
            )
        }
        Reply::Status(status) => (
            format!("HTTP/1.1 {status} Oops\r\ncontent-length: 0\r\n\r\n"),
            String::new(),
        ),
        Reply::Stall => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n[1,2,3,4,5";
            let _ = socket.write_all(head.as_bytes()).await;
            return false;
        }
    };
    socket.write_all(head.as_bytes()).await.is_ok()
        && socket.write_all(body.as_bytes()).await.is_ok()
}
