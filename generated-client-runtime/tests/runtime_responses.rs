//! What the client makes of responses: results, metadata, decode and API errors, rate
//! limits, and paging.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use generated_client_runtime::__private::{self as paging, Client, Method, Request};
use generated_client_runtime::{Error, PagingProblem, RateLimit, StatusCode};
use serde::Deserialize;
use serde_json::json;
use support::{Env, Plain, env_client, envelope, plain_client, received};
use wiremock::matchers::{any, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, serde::Serialize, PartialEq)]
struct Thing {
    id: u64,
    name: String,
}

fn get(operation: &'static str) -> Request {
    Request::new(Method::GET, operation, "/things".into())
}

async fn serve(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn results_and_metadata() {
    let body = json!({
        "success": true, "errors": [], "messages": ["hello"],
        "result": [{ "id": 1, "name": "a" }],
        "result_info": { "page": 1, "per_page": 20, "total_pages": 1 }
    });
    let server = serve(
        ResponseTemplate::new(200)
            .set_body_json(body)
            .insert_header("X-Request-Id", "r1"),
    )
    .await;
    let response = env_client(&server)
        .execute::<Vec<Thing>>(get("env.things.list"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        response.value(),
        &[Thing {
            id: 1,
            name: "a".into()
        }]
    );
    assert_eq!(response.meta().messages, [json!("hello")]);
    assert_eq!(
        response
            .meta()
            .result_info
            .as_ref()
            .and_then(|i| i.total_pages),
        Some(1)
    );
    assert_eq!(
        response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("r1")
    );
    let (value, meta, parts) = response.into_parts();
    assert_eq!(value.len(), 1);
    assert_eq!(meta.messages.len(), 1);
    assert_eq!(parts.status, StatusCode::OK);

    // A null result is accepted by types that accept null.
    let server = serve(ResponseTemplate::new(200).set_body_json(envelope(json!(null)))).await;
    let client = env_client(&server);
    assert!(
        client
            .execute::<serde_json::Value>(get("env.things.delete"))
            .await
            .is_ok()
    );
    assert!(
        client
            .execute::<Option<Thing>>(get("env.things.delete"))
            .await
            .is_ok()
    );
    let error = client.execute::<Thing>(get("env.things.get")).await.err();
    assert_eq!(
        error.as_ref().and_then(Error::as_decode).map(|e| e.path()),
        Some("result")
    );
}

#[tokio::test]
async fn a_body_of_the_wrong_shape_is_a_decode_error_with_its_path() {
    let body = envelope(json!([{ "id": 1, "name": "a" }, { "id": "two", "name": "b" }]));
    let server = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    let error = env_client(&server)
        .execute::<Vec<Thing>>(get("env.things.list"))
        .await
        .err();
    let Some(Error::Decode(decode)) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(decode.path(), "result[1].id");
    assert!(
        decode.message().contains("invalid type"),
        "{}",
        decode.message()
    );
    assert!(
        decode.excerpt().starts_with(r#"{"errors":[]"#),
        "{}",
        decode.excerpt()
    );
    assert_eq!(decode.status(), StatusCode::OK);
    assert_eq!(decode.operation(), "env.things.list");
    let error = error.unwrap_or_else(|| unreachable!());
    assert!(!error.is_retryable());
    assert!(
        error.to_string().starts_with(
            &format!("env.things.list (GET {}/client/v4/things): HTTP 200 OK: unexpected response body at `result[1].id`: invalid type", server.uri())
        ),
        "{error}"
    );
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn invalid_json_empty_and_long_bodies() {
    let server = serve(ResponseTemplate::new(200).set_body_string("{\"success\": tru")).await;
    let error = env_client(&server)
        .execute::<Thing>(get("env.things.get"))
        .await
        .err();
    assert!(matches!(error, Some(Error::Decode(_))), "{error:?}");

    // An empty body is `null`: fine for `()`, a decode error for a struct.
    let server = serve(ResponseTemplate::new(204)).await;
    let client = plain_client(&server);
    assert!(
        client
            .execute::<()>(get("plain.things.delete"))
            .await
            .is_ok()
    );
    let error = client.execute::<Thing>(get("plain.things.get")).await.err();
    let Some(Error::Decode(decode)) = &error else {
        panic!("expected a decode error, got {error:?}")
    };
    assert_eq!(decode.excerpt(), "");
    assert_eq!(decode.status(), StatusCode::NO_CONTENT);

    let long = format!("[{}", "\"é\",".repeat(2000));
    let server = serve(ResponseTemplate::new(200).set_body_string(long)).await;
    let error = plain_client(&server)
        .execute::<Vec<u8>>(get("plain.things.list"))
        .await
        .err();
    let excerpt = error
        .as_ref()
        .and_then(Error::as_decode)
        .map(|e| e.excerpt().to_owned())
        .unwrap_or_default();
    assert_eq!(excerpt.chars().count(), 500);
    assert!(excerpt.ends_with('…'));
}

#[tokio::test]
async fn an_html_error_page_gives_an_api_error_with_an_excerpt() {
    let page = format!(
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>{}\n</body>\n</html>\n",
        "<!-- padding -->\n".repeat(100)
    );
    let server = serve(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    let error = env_client(&server)
        .execute::<Thing>(get("env.things.get"))
        .await
        .err();
    let Some(Error::Api(api)) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert!(api.details().is_empty());
    assert!(api.body().starts_with(b"<html>"));
    assert_eq!(api.attempts(), 3);
    let text = error.as_ref().map(ToString::to_string).unwrap_or_default();
    assert!(
        text.starts_with(&format!("env.things.get (GET {}/client/v4/things): HTTP 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title></head> <body>", server.uri())),
        "{text}"
    );
    // The call, then at most 300 characters of the body.
    assert!(text.len() < 400 + 60, "{text}");

    let server = serve(ResponseTemplate::new(500)).await;
    let error = plain_client(&server)
        .execute::<Thing>(get("plain.things.get"))
        .await
        .err();
    assert_eq!(
        error.map(|e| e.to_string()).unwrap_or_default(),
        format!(
            "plain.things.get (GET {}/api/things): HTTP 500 Internal Server Error (after 3 attempts)",
            server.uri()
        )
    );
}

#[tokio::test]
async fn success_false_under_200_is_an_api_error() {
    let server =
        serve(ResponseTemplate::new(200).set_body_json(support::failure(12002, "Invalid body")))
            .await;
    let error = env_client(&server)
        .execute::<Thing>(get("env.things.create"))
        .await
        .err();
    let Some(Error::Api(api)) = &error else {
        panic!("expected an API error, got {error:?}")
    };
    assert_eq!(api.status(), StatusCode::OK);
    assert_eq!(api.codes().collect::<Vec<_>>(), [12002]);
    assert_eq!(api.details()[0].message.as_deref(), Some("Invalid body"));
    assert_eq!(received(&server).await.len(), 1);
    let text = error.map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        text,
        format!(
            "env.things.create (GET {}/client/v4/things): HTTP 200 OK (unsuccessful): [12002] Invalid body",
            server.uri()
        )
    );
}

#[tokio::test]
async fn plain_error_bodies_give_their_messages() {
    let body = json!({ "errors": [{ "message": "Pipeline not found" }] });
    let server = serve(ResponseTemplate::new(404).set_body_json(body)).await;
    let error = plain_client(&server)
        .execute::<Thing>(get("plain.pipelines.get"))
        .await
        .err();
    assert_eq!(
        error.map(|e| e.to_string()).unwrap_or_default(),
        format!(
            "plain.pipelines.get (GET {}/api/things): HTTP 404 Not Found: Pipeline not found",
            server.uri()
        )
    );
}

#[tokio::test]
async fn rate_limits_of_both_styles() {
    let server = serve(
        ResponseTemplate::new(200)
            .set_body_json(envelope(json!(1)))
            .insert_header("Ratelimit", "\"default\";r=50;t=30")
            .insert_header("Ratelimit-Policy", "\"default\";q=1200;w=300"),
    )
    .await;
    let response = env_client(&server)
        .execute::<u8>(get("env.things.get"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut expected = RateLimit::default();
    expected.limit = Some(1200);
    expected.remaining = Some(50);
    expected.reset = Some(Duration::from_secs(30));
    expected.window = Some(Duration::from_secs(300));
    assert_eq!(response.rate_limit(), &expected);

    let reset = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() + 30)
        .unwrap_or_default();
    let server = serve(
        ResponseTemplate::new(403)
            .set_body_json(json!({ "errors": [{ "message": "Forbidden" }] }))
            .insert_header("X-Rate-Limit-Limit", "1000")
            .insert_header("X-Rate-Limit-Remaining", "0")
            .insert_header("X-Rate-Limit-Reset", reset.to_string().as_str()),
    )
    .await;
    let error = plain_client(&server)
        .execute::<u8>(get("plain.things.get"))
        .await
        .err();
    let rate_limit = error
        .as_ref()
        .and_then(Error::as_api)
        .map(|e| e.rate_limit().clone())
        .unwrap_or_default();
    assert_eq!(
        (rate_limit.limit, rate_limit.remaining),
        (Some(1000), Some(0))
    );
    assert!(
        rate_limit
            .reset
            .is_some_and(|r| r > Duration::from_secs(25) && r <= Duration::from_secs(30))
    );

    // Malformed headers never fail a call.
    let server = serve(
        ResponseTemplate::new(200)
            .set_body_json(json!(1))
            .insert_header("X-Rate-Limit-Limit", "many")
            .insert_header("X-Rate-Limit-Reset", "-5"),
    )
    .await;
    let response = plain_client(&server)
        .execute::<u8>(get("plain.things.get"))
        .await;
    assert_eq!(
        response.map(|r| r.rate_limit().clone()).ok(),
        Some(RateLimit::default())
    );
}

fn list_page(
    client: &Client<Env>,
    page: u64,
) -> impl Future<Output = Result<(Vec<Thing>, paging::PageInfo), Error>> + Send + use<> {
    let client = client.clone();
    async move {
        let mut request = get("env.things.list");
        request.query("page", page);
        request.query("per_page", 2);
        let response = client.execute::<Vec<Thing>>(request).await?;
        let info = response
            .meta()
            .result_info
            .as_ref()
            .map(support::ResultInfo::page_info)
            .unwrap_or_default();
        Ok((response.into_value(), info))
    }
}

async fn mount_page(server: &MockServer, page: u64, body: serde_json::Value) {
    Mock::given(query_param("page", page.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

fn things(ids: &[u64]) -> serde_json::Value {
    json!(
        ids.iter()
            .map(|id| json!({ "id": id, "name": format!("t{id}") }))
            .collect::<Vec<_>>()
    )
}

fn page_body(ids: &[u64], page: u64, total_pages: Option<u64>) -> serde_json::Value {
    let mut body = envelope(things(ids));
    body["result_info"] = json!({ "page": page, "per_page": 2, "total_pages": total_pages });
    body
}

#[tokio::test]
async fn page_numbers_stop_at_total_pages() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page_body(&[1, 2], 1, Some(3))).await;
    mount_page(&server, 2, page_body(&[3, 4], 2, Some(3))).await;
    mount_page(&server, 3, page_body(&[5, 6], 3, Some(3))).await;
    mount_page(&server, 4, page_body(&[7, 8], 4, Some(3))).await;
    let client = env_client(&server);
    let items = paging::page_numbers(LIMITS, 1, move |page| list_page(&client, page))
        .try_collect()
        .await;
    let ids: Vec<u64> = items
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn page_numbers_stop_at_a_short_or_empty_page() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page_body(&[1, 2], 1, None)).await;
    mount_page(&server, 2, page_body(&[3], 2, None)).await;
    mount_page(&server, 3, page_body(&[4, 5], 3, None)).await;
    let client = env_client(&server);
    let mut stream = paging::page_numbers(LIMITS, 1, move |page| list_page(&client, page));
    let mut ids = Vec::new();
    while let Some(item) = stream.next().await {
        ids.push(item.map(|t| t.id).unwrap_or_else(|e| panic!("{e}")));
    }
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(received(&server).await.len(), 2);

    let server = MockServer::start().await;
    mount_page(&server, 5, page_body(&[], 5, None)).await;
    let client = env_client(&server);
    let items = paging::page_numbers(LIMITS, 5, move |page| list_page(&client, page))
        .try_collect()
        .await;
    assert!(items.is_ok_and(|items| items.is_empty()));
}

#[tokio::test]
async fn a_page_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start().await;
    mount_page(&server, 1, page_body(&[1, 2], 1, Some(3))).await;
    Mock::given(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(400).set_body_json(support::failure(1, "bad page")))
        .mount(&server)
        .await;
    let client = env_client(&server);
    let mut stream = paging::page_numbers(LIMITS, 1, move |page| list_page(&client, page));
    assert_eq!(
        stream.next().await.and_then(Result::ok).map(|t| t.id),
        Some(1)
    );
    assert_eq!(
        stream.next().await.and_then(Result::ok).map(|t| t.id),
        Some(2)
    );
    let error = stream.next().await;
    assert!(matches!(error, Some(Err(Error::Api(_)))), "{error:?}");
    assert!(stream.next().await.is_none());
    assert_eq!(received(&server).await.len(), 2);
}

/// The limits of the streams below: far more pages than any of them fetches.
const LIMITS: paging::PagingLimits = paging::PagingLimits::new("plain.things.list", 100);

#[derive(Debug, Deserialize)]
struct LogPage {
    lines: Vec<String>,
    cursor: Option<String>,
}

#[tokio::test]
async fn cursor_pages_stop_when_the_cursor_ends() {
    let server = MockServer::start().await;
    Mock::given(query_param_is_missing("cursor"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({ "lines": ["a", "b"], "cursor": "c2" })),
        )
        .mount(&server)
        .await;
    Mock::given(query_param("cursor", "c2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "lines": ["c"], "cursor": null })),
        )
        .mount(&server)
        .await;
    let client: Client<Plain> = plain_client(&server);
    let fetches = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&fetches);
    let stream = paging::cursor(LIMITS, None, move |cursor: Option<String>| {
        let client = client.clone();
        counter.fetch_add(1, Ordering::SeqCst);
        async move {
            let mut request = get("plain.logs.get");
            if let Some(cursor) = cursor {
                request.query("cursor", cursor);
            }
            let page = client.execute::<LogPage>(request).await?.into_value();
            Ok((page.lines, page.cursor))
        }
    });
    let lines = stream.try_collect().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(lines, ["a", "b", "c"]);
    assert_eq!(fetches.load(Ordering::SeqCst), 2);
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn cursor_pages_stop_on_an_empty_cursor_and_fail_on_a_repeated_one() {
    for next in [Some(""), None] {
        let fetches = Arc::new(AtomicU64::new(0));
        let counter = Arc::clone(&fetches);
        let stream = paging::cursor(LIMITS, None, move |_cursor| {
            counter.fetch_add(1, Ordering::SeqCst);
            let next = next.map(str::to_owned);
            async move { Ok::<_, Error>((vec![1u8], next)) }
        });
        assert_eq!(stream.try_collect().await.ok(), Some(vec![1]));
        assert_eq!(fetches.load(Ordering::SeqCst), 1, "{next:?}");
    }
    // The cursor just followed, again: the server would keep the stream going forever.
    let mut stream = paging::cursor(LIMITS, Some("same".to_owned()), |_cursor| async {
        Ok::<_, Error>((vec![1u8], Some("same".to_owned())))
    });
    assert_eq!(stream.next().await.and_then(Result::ok), Some(1));
    let error = stream.next().await;
    assert!(
        matches!(&error, Some(Err(Error::Paging(e))) if *e.problem() == PagingProblem::CursorRepeated),
        "{error:?}"
    );
    assert!(stream.next().await.is_none());
    // A page without items ends the stream even when it names a next cursor.
    let stream = paging::cursor(LIMITS, None, |_cursor| async {
        Ok::<_, Error>((Vec::<u8>::new(), Some("more".to_owned())))
    });
    assert_eq!(stream.try_collect().await.ok(), Some(vec![]));
}
