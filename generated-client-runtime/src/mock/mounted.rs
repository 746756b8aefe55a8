//! A mounted stub: as the server reads it, and the handle a test keeps, which counts its
//! calls and keeps what they sent.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::matching::BodyCheck;
use super::received::Received;
use super::shape::MockOperation;
use super::stub::{ParamMatch, Reply, Step};
use crate::secret::without_quoted_strings;

/// A mounted stub, as the server reads it.
pub(crate) struct Mounted {
    pub(crate) op: &'static MockOperation,
    /// The operation's index in its service's list.
    pub(crate) index: usize,
    /// The stub's number in mount order, from 1, for messages.
    pub(crate) number: usize,
    pub(crate) params: Vec<ParamMatch>,
    pub(crate) body: Option<BodyCheck>,
    pub(crate) steps: Vec<Step>,
    pub(crate) expected: Option<(usize, Option<usize>)>,
    pub(crate) calls: AtomicUsize,
    /// The requests it answered, in order.
    pub(crate) received: Mutex<Vec<Received>>,
}

impl Mounted {
    pub(crate) fn new(
        op: &'static MockOperation,
        index: usize,
        number: usize,
        params: Vec<ParamMatch>,
        body: Option<BodyCheck>,
        steps: Vec<Step>,
        expected: Option<(usize, Option<usize>)>,
    ) -> Self {
        Self {
            op,
            index,
            number,
            params,
            body,
            steps,
            expected,
            calls: AtomicUsize::new(0),
            received: Mutex::new(Vec::new()),
        }
    }

    /// The step that answers call `call` (from 0): steps in order, the last one for every
    /// call after it; the example without steps.
    pub(crate) fn step(&self, call: usize) -> Step {
        match self.steps.get(call).or(self.steps.last()) {
            Some(step) => step.clone(),
            None => Step {
                reply: Reply::Example,
                delay: None,
            },
        }
    }

    /// What is wrong with the number of calls, if anything.
    pub(crate) fn unmet(&self) -> Option<String> {
        let (least, most) = self.expected?;
        let calls = self.calls.load(Ordering::SeqCst);
        let expected = match most {
            Some(most) if most == least => format!("exactly {least}"),
            Some(most) => format!("{least} to {most}"),
            None => format!("at least {least}"),
        };
        let met = calls >= least && most.is_none_or(|most| calls <= most);
        (!met).then(|| {
            format!(
                "stub #{} of `{}` ({}) expected {expected} call{}, got {calls}",
                self.number,
                self.op.id,
                self.op.stub,
                if least == 1 { "" } else { "s" },
            )
        })
    }
}

/// A mounted stub: how many calls it answered, what they sent, and when.
///
/// ```
/// use generated_client::cloudflare::mock::CloudflareMock;
/// use generated_client::cloudflare::{DeployHookRequest, DeployHookRequired};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), generated_client::Error> {
/// let mock = CloudflareMock::start().await;
/// let create = mock.deploy_hooks().create().mount();
/// let delete = mock.deploy_hooks().delete().mount();
/// let client = mock.client();
/// let hook = DeployHookRequest::new(DeployHookRequired { branch: "main".to_owned(), deploy_hook_name: "release".to_owned() });
/// client.deploy_hooks().create("my-account", "my-worker", hook).await?;
/// client.deploy_hooks().delete("my-account", "my-worker", "old-hook").await?;
/// assert!(create.called_before(&delete));
/// assert_eq!((create.number(), create.received()[0].sequence()), (1, 1));
/// assert_eq!(delete.received()[0].method(), "DELETE");
/// # Ok(())
/// # }
/// ```
pub struct MountedStub<B> {
    mounted: Arc<Mounted>,
    decode: fn(&[u8]) -> Result<B, String>,
}

impl<B> fmt::Debug for MountedStub<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MountedStub")
            .field("operation", &self.mounted.op.id)
            .field("number", &self.mounted.number)
            .field("calls", &self.calls())
            .finish()
    }
}

impl<B> MountedStub<B> {
    pub(crate) fn new(mounted: Arc<Mounted>, decode: fn(&[u8]) -> Result<B, String>) -> Self {
        Self { mounted, decode }
    }

    /// The number of requests the stub has answered.
    pub fn calls(&self) -> usize {
        self.mounted.calls.load(Ordering::SeqCst)
    }

    /// The stub's number in mount order, from 1, as messages (`stub #2`) and
    /// [`Received::stub`] give it.
    pub fn number(&self) -> usize {
        self.mounted.number
    }

    /// The requests the stub answered, in order: their headers, bodies and places in the
    /// order the mock received its requests ([`Received::sequence`]).
    pub fn received(&self) -> Vec<Received> {
        self.mounted
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The bodies of the requests the stub answered, in order, read as the operation's
    /// body type (see [`Stub::body`](super::Stub::body)); `Err` with the reason for one that does not read
    /// (quoting no string of a body that may hold a secret).
    pub fn bodies(&self) -> Vec<Result<B, String>> {
        let secret = !self.mounted.op.secret_members.is_empty();
        self.received()
            .iter()
            .map(|request| {
                (self.decode)(request.body()).map_err(|reason| {
                    if secret {
                        without_quoted_strings(&reason)
                    } else {
                        reason
                    }
                })
            })
            .collect()
    }

    /// Whether this stub answered a request before `other` answered any: both were
    /// called, and this one's first call came first. `mock.received()` lists every
    /// request in order, for a failure message or a finer check.
    pub fn called_before<C>(&self, other: &MountedStub<C>) -> bool {
        match (self.first_call(), other.first_call()) {
            (Some(mine), Some(theirs)) => mine < theirs,
            _ => false,
        }
    }

    /// The place of the stub's first call in the order of arrival.
    fn first_call(&self) -> Option<usize> {
        let received = self
            .mounted
            .received
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        received.iter().map(Received::sequence).min()
    }
}
