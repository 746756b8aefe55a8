//! Constructs of the spec format on the wire, beyond what replaying their examples shows
//! (`wire_snapshots.rs`): failures in each envelope, and the error details each gives.

use generated_client::{Error, RetryPolicy};
use serde_json::{Value, json};
use tests::snapshots::envelope_per_operation::ledger::LedgerClient;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(status: u16, body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

fn ledger(server: &MockServer) -> LedgerClient {
    LedgerClient::builder("token")
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The codes of an API error, or a panic naming what came instead.
fn codes<T: std::fmt::Debug>(result: Result<T, Error>) -> Vec<i64> {
    match result {
        Err(Error::Api(error)) => error.codes().collect(),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn each_envelope_reads_its_own_failures() {
    // The entries' envelope: `success: false` under 200, messages as objects, errors of
    // its own error type.
    let server = serving(
        200,
        json!({
            "messages": [{ "code": 1, "message": "note", "source": { "pointer": "/x" } }],
            "errors": [{ "code": 7003, "message": "no such entry", "documentation_url": "https://example.com/7003" }],
            "result": null,
            "success": false
        }),
    )
    .await;
    assert_eq!(codes(ledger(&server).entries().get("e1").await), [7003]);

    // Its errors are optional: without them the failure still is one, without details.
    let server = serving(
        200,
        json!({ "messages": [], "result": null, "success": false }),
    )
    .await;
    assert_eq!(
        codes(ledger(&server).entries().get("e1").await),
        Vec::<i64>::new()
    );

    // The service's envelope, with messages as strings.
    let server = serving(
        200,
        json!({ "errors": [{ "code": 9, "message": "nope" }], "messages": ["m"], "result": null, "success": false }),
    )
    .await;
    assert_eq!(codes(ledger(&server).accounts().get("a1").await), [9]);
}

#[tokio::test]
async fn an_error_status_gives_its_details_whatever_the_rest_of_the_body() {
    // An error body in the entries' shape (messages are objects, which the service's error
    // body types as strings): only the list of errors is read.
    let server = serving(
        404,
        json!({
            "errors": [{ "code": 7404, "message": "not found" }],
            "messages": [{ "code": 1, "message": "an object, not a string" }],
            "result": null,
            "success": false
        }),
    )
    .await;
    let result = ledger(&server).entries().get("e1").await;
    assert_eq!(codes(result), [7404]);
}

#[tokio::test]
async fn an_operation_without_an_envelope_reads_its_body_as_the_result() {
    let server = serving(200, json!({ "ok": true })).await;
    let response = ledger(&server)
        .accounts()
        .health()
        .send_with_response()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(response.value().ok);
    let (): () = *response.meta();
    // The same body in an enveloped operation is not a result.
    let result = ledger(&server).accounts().get("a1").await;
    assert!(matches!(result, Err(Error::Decode(_))), "{result:?}");
}

#[tokio::test]
async fn each_envelope_gives_its_own_metadata() {
    let server = serving(
        200,
        json!({
            "messages": [{ "code": 1000, "message": "read from a replica" }],
            "result": { "id": "e1", "amount": 12 },
            "success": true
        }),
    )
    .await;
    let response = ledger(&server)
        .entries()
        .get("e1")
        .send_with_response()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(response.value().amount, 12);
    let messages = &response.meta().messages;
    assert_eq!(messages[0].code, 1000);
    assert_eq!(response.meta().errors, None);
}
