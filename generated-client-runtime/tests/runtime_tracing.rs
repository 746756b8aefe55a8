//! Every call runs in a `request` span that names the service, the operation, the attempt
//! and the status; retries are logged; the token appears in no span or event.

mod support;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use generated_client_runtime::__private::{Method, Request};
use generated_client_runtime::{ClientBuilder, Credentials, RetryBudget};
use support::{API_KEY, EMAIL, Env, Keyed, TOKEN, env_client, envelope};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a subscriber saw: each span's fields as recorded over time, and each event.
#[derive(Debug, Default)]
struct Seen {
    spans: BTreeMap<u64, (String, Vec<(String, String)>)>,
    events: Vec<(String, Vec<(String, String)>)>,
}

/// A subscriber that records everything it is given.
#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Seen>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl Recorder {
    fn with_seen<R>(&self, f: impl FnOnce(&mut Seen) -> R) -> R {
        match self.seen.lock() {
            Ok(mut seen) => f(&mut seen),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        let mut fields = Vec::new();
        span.record(&mut Fields(&mut fields));
        let name = span.metadata().name().to_owned();
        self.with_seen(|seen| seen.spans.insert(id, (name, fields)));
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut fields = Vec::new();
        values.record(&mut Fields(&mut fields));
        self.with_seen(|seen| {
            if let Some((_, recorded)) = seen.spans.get_mut(&span.into_u64()) {
                recorded.extend(fields);
            }
        });
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let target = event.metadata().target().to_owned();
        self.with_seen(|seen| seen.events.push((target, fields)));
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[test]
fn a_retried_call_is_one_span_with_its_attempts_and_statuses() {
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => panic!("no runtime: {e}"),
        };
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(503))
                .up_to_n_times(1)
                .mount(&server)
                .await;
            Mock::given(any())
                .respond_with(
                    ResponseTemplate::new(200).set_body_json(envelope(serde_json::json!(1))),
                )
                .mount(&server)
                .await;
            let client = env_client(&server);
            let request = Request::new(Method::GET, "env.things.get", "/things".into());
            let result = client.execute::<i64>(request).await;
            assert!(result.is_ok(), "{result:?}");
            // The other scheme's secrets stay out of traces too.
            let keyed =
                ClientBuilder::<Keyed>::from_credentials(Credentials::api_key(EMAIL, API_KEY))
                    .base_url(server.uri())
                    .build()
                    .unwrap_or_else(|e| panic!("{e}"));
            let request = Request::new(Method::GET, "keyed.things.get", "/things".into());
            let result = keyed.execute::<serde_json::Value>(request).await;
            assert!(result.is_ok(), "{result:?}");
        });
    });

    recorder.with_seen(|seen| {
        let requests: Vec<&Vec<(String, String)>> = seen
            .spans
            .values()
            .filter(|(name, fields)| {
                name == "request"
                    && fields
                        .iter()
                        .any(|(k, v)| k == "operation" && v == "env.things.get")
            })
            .map(|(_, fields)| fields)
            .collect();
        assert_eq!(requests.len(), 1, "one span per call: {:?}", seen.spans);
        let fields = requests[0];
        let values = |key: &str| -> Vec<&str> {
            fields
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
                .collect()
        };
        assert_eq!(
            values("service"),
            [<Env as generated_client_runtime::__private::Service>::NAME]
        );
        assert_eq!(values("attempt"), ["1", "2"]);
        assert_eq!(values("status"), ["503", "200"]);
        let retries = seen
            .events
            .iter()
            .filter(|(target, fields)| {
                target.starts_with("generated_client")
                    && fields.iter().any(|(_, v)| v == "retrying")
            })
            .count();
        assert_eq!(retries, 1, "the retry is logged: {:?}", seen.events);
        let everything = format!("{:?} {:?}", seen.spans, seen.events);
        assert!(!everything.contains(TOKEN), "the token leaked into a trace");
        assert!(
            !everything.contains(API_KEY),
            "the API key leaked into a trace"
        );
        assert!(!everything.contains(EMAIL), "the email leaked into a trace");
        assert!(
            !everything.contains("Bearer"),
            "the authorization header leaked into a trace"
        );
    });
}

#[test]
fn a_retry_the_budget_cannot_pay_for_says_so() {
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        let runtime = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(e) => panic!("no runtime: {e}"),
        };
        runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(any())
                .respond_with(ResponseTemplate::new(503))
                .mount(&server)
                .await;
            let client = support::builder::<Env>(&server, "")
                .retry_budget(RetryBudget::default().with_capacity(0))
                .build()
                .unwrap_or_else(|e| panic!("{e}"));
            let request = Request::new(Method::GET, "env.things.get", "/things".into());
            let result = client.execute::<i64>(request).await;
            assert!(result.is_err(), "{result:?}");
            assert_eq!(support::received(&server).await.len(), 1);
        });
    });
    recorder.with_seen(|seen| {
        let spent = seen
            .events
            .iter()
            .filter(|(_, fields)| {
                fields
                    .iter()
                    .any(|(_, v)| v.contains("retry budget is spent"))
            })
            .count();
        assert_eq!(spent, 1, "{:?}", seen.events);
    });
}
