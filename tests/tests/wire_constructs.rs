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

mod bodies {
    use generated_client::{FilePart, RetryPolicy};
    use serde_json::json;
    use tests::snapshots::request_bodies::store::{
        ScriptMetadata, ScriptUpload, Settings, StoreClient,
    };
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn server(response: ResponseTemplate) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(response)
            .mount(&server)
            .await;
        server
    }

    fn store(server: &MockServer) -> StoreClient {
        StoreClient::builder("token")
            .base_url(server.uri())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    async fn only_request(server: &MockServer) -> wiremock::Request {
        let mut requests = server.received_requests().await.unwrap_or_default();
        assert_eq!(requests.len(), 1, "{requests:?}");
        requests.remove(0)
    }

    fn header(request: &wiremock::Request, name: &str) -> String {
        request
            .headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default()
    }

    /// Each part as a real parser reads it: name, file name, content type, content.
    async fn parts(
        request: &wiremock::Request,
    ) -> Vec<(String, Option<String>, Option<String>, String)> {
        let boundary = multer::parse_boundary(header(request, "content-type"))
            .unwrap_or_else(|e| panic!("{e}"));
        let body = bytes::Bytes::copy_from_slice(&request.body);
        let stream =
            futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
        let mut multipart = multer::Multipart::new(stream, boundary);
        let mut parts = Vec::new();
        while let Some(field) = multipart
            .next_field()
            .await
            .unwrap_or_else(|e| panic!("{e}"))
        {
            let name = field.name().unwrap_or_default().to_owned();
            let filename = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(ToString::to_string);
            let content = field.text().await.unwrap_or_else(|e| panic!("{e}"));
            parts.push((name, filename, content_type, content));
        }
        parts
    }

    #[tokio::test]
    async fn a_multipart_body_arrives_as_its_parts() {
        let server = server(ResponseTemplate::new(200).set_body_json(json!({ "id": "s1" }))).await;
        let upload = ScriptUpload::new(
            ScriptMetadata::new("worker.js"),
            [
                FilePart::new("worker.js", "export default {}")
                    .content_type("application/javascript+module"),
                FilePart::new("data.bin", vec![0u8, 1, 2]),
            ],
        )
        .with_note("a \"quoted\" note");
        let script = store(&server)
            .values()
            .upload("worker", upload)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(script.id, "s1");
        let request = only_request(&server).await;
        assert!(header(&request, "content-type").starts_with("multipart/form-data; boundary="));
        let parts = parts(&request).await;
        let expected = [
            (
                "metadata",
                None,
                Some("application/json"),
                r#"{"main_module":"worker.js"}"#,
            ),
            (
                "files",
                Some("worker.js"),
                Some("application/javascript+module"),
                "export default {}",
            ),
            (
                "files",
                Some("data.bin"),
                Some("application/octet-stream"),
                "\u{0}\u{1}\u{2}",
            ),
            ("note", None, None, "a \"quoted\" note"),
        ];
        let found: Vec<(&str, Option<&str>, Option<&str>, &str)> = parts
            .iter()
            .map(|(n, f, t, c)| (n.as_str(), f.as_deref(), t.as_deref(), c.as_str()))
            .collect();
        assert_eq!(found, expected);
    }

    #[tokio::test]
    async fn a_raw_body_is_sent_as_it_is_with_its_content_type() {
        let server = server(ResponseTemplate::new(200).set_body_json(json!({ "size": 3 }))).await;
        let written = store(&server)
            .values()
            .put_bytes("blob", vec![0xffu8, 0x00, 0x7f])
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(written.size, 3);
        let request = only_request(&server).await;
        assert_eq!(header(&request, "content-type"), "application/octet-stream");
        assert_eq!(request.body, [0xff, 0x00, 0x7f]);
    }

    #[tokio::test]
    async fn an_optional_body_is_sent_only_when_set() {
        let server = server(ResponseTemplate::new(200).set_body_json(json!({}))).await;
        let client = store(&server);
        client
            .values()
            .patch_settings()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        client
            .values()
            .patch_settings()
            .body(Settings::new().with_ttl(60))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let requests = server.received_requests().await.unwrap_or_default();
        assert_eq!(requests.len(), 2);
        assert!(requests[0].body.is_empty() && requests[0].headers.get("content-type").is_none());
        assert_eq!(requests[1].body, br#"{"ttl":60}"#);
        assert_eq!(header(&requests[1], "content-type"), "application/json");
    }

    #[tokio::test]
    async fn a_response_without_a_body_is_unit_whatever_arrives() {
        let quiet = server(ResponseTemplate::new(204)).await;
        let response = store(&quiet)
            .values()
            .delete("greeting")
            .send_with_response()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(response.status(), 204);
        // A server that sends something anyway is not read.
        let talkative = server(ResponseTemplate::new(200).set_body_string("not json")).await;
        let result: Result<(), _> = store(&talkative).values().delete("greeting").await;
        assert!(result.is_ok(), "{result:?}");
    }
}

mod paging {
    use generated_client::RetryPolicy;
    use serde_json::{Value, json};
    use tests::snapshots::paging_shapes::depot::DepotClient;
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn depot(server: &MockServer) -> DepotClient {
        DepotClient::builder("token")
            .base_url(server.uri())
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn keys_page(names: &[&str], cursor: &str) -> Value {
        let result: Vec<Value> = names.iter().map(|n| json!({ "name": n })).collect();
        json!({ "errors": [], "messages": [], "result": result, "success": true,
                "result_info": { "count": names.len(), "cursor": cursor } })
    }

    #[tokio::test]
    async fn a_cursor_in_the_paging_information_is_followed_to_an_empty_one() {
        let server = MockServer::start().await;
        let pages = [
            (None, &["b", "c"][..], "c1"),
            (Some("c1"), &["d", "e"][..], "c2"),
            (Some("c2"), &["f"][..], ""),
        ];
        for (cursor, names, next) in pages {
            let mock = Mock::given(method("GET"))
                .and(path("/keys"))
                .and(query_param("start_after", "a"));
            let mock = match cursor {
                Some(cursor) => mock.and(query_param("cursor", cursor)),
                None => mock.and(query_param_is_missing("cursor")),
            };
            mock.respond_with(ResponseTemplate::new(200).set_body_json(keys_page(names, next)))
                .expect(1)
                .mount(&server)
                .await;
        }
        let keys = depot(&server)
            .keys()
            .list()
            .start_after("a")
            .into_stream()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["b", "c", "d", "e", "f"]);
        server.verify().await;
    }

    fn pipelines_page(ids: std::ops::Range<i64>) -> Value {
        let pipelines: Vec<Value> = ids.map(|id| json!({ "id": id })).collect();
        json!({ "url": "u", "html_url": "h", "pipelines": pipelines })
    }

    #[tokio::test]
    async fn a_wrapped_list_ends_on_a_page_shorter_than_asked_for() {
        let server = MockServer::start().await;
        for (page, ids) in [("1", 1..3), ("2", 3..5), ("3", 5..6)] {
            Mock::given(method("GET"))
                .and(path("/pipelines"))
                .and(query_param("page", page))
                .and(query_param("per_page", "2"))
                .respond_with(ResponseTemplate::new(200).set_body_json(pipelines_page(ids)))
                .expect(1)
                .mount(&server)
                .await;
        }
        let pipelines = depot(&server)
            .pipelines()
            .list()
            .per_page(2)
            .into_stream()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<i64> = pipelines.iter().map(|p| p.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5]);
        server.verify().await;
    }

    #[tokio::test]
    async fn a_wrapped_list_of_unknown_page_size_ends_on_an_empty_page() {
        let server = MockServer::start().await;
        for (page, ids) in [("1", 1..4), ("2", 4..6), ("3", 6..6)] {
            Mock::given(method("GET"))
                .and(path("/pipelines"))
                .and(query_param("page", page))
                .respond_with(ResponseTemplate::new(200).set_body_json(pipelines_page(ids)))
                .expect(1)
                .mount(&server)
                .await;
        }
        let pipelines = depot(&server)
            .pipelines()
            .list()
            .into_stream()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(pipelines.len(), 5);
        server.verify().await;
    }
}
