//! Answers that are raw bytes and multipart parts of bytes, on the wire through the typed
//! mocks (real HTTP servers on loopback): the size limit holds for a raw answer, bytes
//! that are not UTF-8 go out and come back unchanged, and a raw operation's errors are
//! still the service's JSON errors.

use generated_client::cloudflare::WriteKeyValuePairWithOptionalMetadataRequest;
use generated_client::cloudflare::mock::CloudflareMock;
use generated_client::{Error, RetryPolicy};
use tests::snapshots::raw_answers::vault::mock::VaultMock;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

/// Every byte value, and sequences that are not UTF-8 (a lone continuation byte, an
/// overlong encoding, a truncated sequence), a CR LF and what looks like a boundary.
fn arbitrary_bytes() -> Vec<u8> {
    let mut bytes: Vec<u8> = (0..=255).collect();
    bytes.extend_from_slice(b"\x80\xc0\xaf\xe2\x82\r\n--generated-client-\xff\xfe");
    bytes
}

#[tokio::test]
async fn a_raw_answer_past_max_response_size_is_refused() {
    let mock = CloudflareMock::start().await;
    mock.scripts()
        .get()
        .script_name("big")
        .respond_bytes(vec![b'x'; 1025])
        .mount();
    mock.scripts()
        .get()
        .script_name("fits")
        .respond_bytes(vec![b'x'; 1024])
        .mount();
    let client = mock
        .client_builder()
        .max_response_size(1024)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));

    let refused = client.scripts().get(ACCOUNT, "big").await;
    match refused {
        Err(Error::ResponseTooLarge { status, limit, .. }) => {
            assert_eq!((status.as_u16(), limit), (200, 1024));
        }
        other => panic!("a raw answer of 1025 bytes is not refused: {other:?}"),
    }
    let fits = client.scripts().get(ACCOUNT, "fits").await;
    assert_eq!(fits.map(|body| body.len()).ok(), Some(1024));
}

#[tokio::test]
async fn a_kv_value_of_arbitrary_bytes_round_trips_through_the_mock() {
    let mock = CloudflareMock::start().await;
    let client = mock.client();
    let value = arbitrary_bytes();
    assert!(std::str::from_utf8(&value).is_err());

    // Write: the value goes as a part of its own, its bytes untouched.
    let write = mock.kv_values().update().key_name("blob").mount();
    client
        .kv_values()
        .update(
            ACCOUNT,
            "namespace",
            "blob",
            WriteKeyValuePairWithOptionalMetadataRequest::new(value.clone()),
        )
        .await
        .unwrap_or_else(|e| panic!("the write failed: {e}"));
    let [request] = write
        .received()
        .try_into()
        .unwrap_or_else(|r: Vec<_>| panic!("{} writes arrived, expected 1", r.len()));
    let (part_type, filename, stored) = value_part(&request).await;
    assert_eq!(part_type.as_deref(), Some("application/octet-stream"));
    assert_eq!(filename, None);
    assert_eq!(stored, value);

    // Read: the stored bytes are the answer, as they are.
    let read = mock
        .kv_values()
        .get()
        .key_name("blob")
        .respond_bytes(stored)
        .expect(1)
        .mount();
    let response = client
        .kv_values()
        .get(ACCOUNT, "namespace", "blob")
        .send_with_response()
        .await
        .unwrap_or_else(|e| panic!("the read failed: {e}"));
    let content_type = response.headers().get("content-type").cloned();
    assert_eq!(response.into_value(), value);
    assert_eq!(
        content_type.as_ref().map(|v| v.as_bytes()),
        Some(&b"application/octet-stream"[..])
    );
    // A raw answer accepts any content type, where JSON calls ask for JSON.
    assert_eq!(read.received()[0].header("accept"), Some("*/*"));
    mock.verify().unwrap_or_else(|e| panic!("{e}"));
}

/// The `value` part of a KV write, read back by a real multipart parser: its content
/// type, its file name and its bytes.
async fn value_part(
    request: &generated_client::runtime::mock::Received,
) -> (Option<String>, Option<String>, Vec<u8>) {
    let content_type = request.header("content-type").unwrap_or_default();
    let boundary = multer::parse_boundary(content_type).unwrap_or_else(|e| panic!("{e}"));
    let body = bytes::Bytes::copy_from_slice(request.body());
    let stream = futures_util::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    while let Some(field) = form.next_field().await.unwrap_or_else(|e| panic!("{e}")) {
        if field.name() != Some("value") {
            continue;
        }
        let part_type = field.content_type().map(ToString::to_string);
        let filename = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.unwrap_or_else(|e| panic!("{e}"));
        return (part_type, filename, bytes.to_vec());
    }
    panic!("the write has no value part")
}

#[tokio::test]
async fn a_raw_operation_answers_its_example_a_typed_result_and_json_errors() {
    let mock = VaultMock::start().await;
    let client = mock.client();
    // Unless told otherwise, the page's example: its text, in no envelope.
    mock.values().get().key("greeting").mount();
    let greeting = client.values().get("greeting").await;
    assert_eq!(greeting.ok().as_deref(), Some(&b"hello, bytes"[..]));
    // A page that shows no sample answer: an empty body.
    mock.values().download().mount();
    let downloaded = client.values().download("greeting").await;
    assert_eq!(downloaded.ok(), Some(Vec::new()));
    // The typed result of a raw operation is its bytes.
    mock.values()
        .get()
        .key("typed")
        .respond(&vec![0, 159, 146, 150])
        .mount();
    let typed = client.values().get("typed").await;
    assert_eq!(typed.ok(), Some(vec![0, 159, 146, 150]));
    // An error is still the service's JSON error, with its code.
    mock.values()
        .get()
        .key("missing")
        .respond_error(404, Some(10009), "key not found")
        .mount();
    let missing = client.values().get("missing").await;
    let error = missing.err().unwrap_or_else(|| panic!("a 404 is an error"));
    let api = error
        .as_api()
        .unwrap_or_else(|| panic!("not an API error: {error}"));
    assert_eq!(api.status(), 404);
    assert_eq!(api.codes().collect::<Vec<_>>(), [10009]);
}
