//! The breaking changes a program written against the old API still compiles with
//! (`check_new::BEHAVIOUR_ONLY`), shown at runtime: the old client and the new one make the
//! same call, written the same way, against a real HTTP server on 127.0.0.1, and behave
//! otherwise. One test per such fixture, named after it; `tests/rules.rs` checks that each
//! has one.

use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client of `$client` that sends its requests to `$server`.
macro_rules! client {
    ($client:ty, $server:expr) => {
        <$client>::builder("token")
            .base_url($server.uri())
            .build()
            .unwrap_or_else(|e| panic!("cannot build a client: {e}"))
    };
}

/// Awaits a call that must succeed.
macro_rules! ok {
    ($call:expr) => {
        $call
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", stringify!($call)))
    };
}

/// A server that answers every request with `body`.
async fn answering(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// The requests the server received, in order.
async fn received(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .unwrap_or_else(|| panic!("the server does not record requests"))
}

/// `METHOD /path?query` of each request.
async fn request_lines(server: &MockServer) -> Vec<String> {
    received(server)
        .await
        .iter()
        .map(|r| {
            let query = r.url.query().map(|q| format!("?{q}")).unwrap_or_default();
            format!("{} {}{query}", r.method, r.url.path())
        })
        .collect()
}

/// The JSON body of each request.
async fn bodies(server: &MockServer) -> Vec<Value> {
    received(server)
        .await
        .iter()
        .map(|r| {
            r.body_json()
                .unwrap_or_else(|e| panic!("a body is not JSON: {e}"))
        })
        .collect()
}

fn item() -> Value {
    json!({ "id": "i1", "name": "box" })
}

#[tokio::test]
async fn operation_endpoint_changed() {
    let server = answering(item()).await;
    let old = client!(
        compat_old::operation_endpoint_changed::OperationEndpointChangedClient,
        server
    );
    let new = client!(
        compat::operation_endpoint_changed::OperationEndpointChangedClient,
        server
    );
    ok!(old.items().get("i1"));
    ok!(new.items().get("i1"));
    assert_eq!(
        request_lines(&server).await,
        ["GET /v1/items/i1", "GET /v2/items/i1"]
    );
}

#[tokio::test]
async fn operation_endpoint_changed_method() {
    let server = answering(item()).await;
    let old = client!(
        compat_old::operation_endpoint_changed_method::OperationEndpointChangedMethodClient,
        server
    );
    let new = client!(
        compat::operation_endpoint_changed_method::OperationEndpointChangedMethodClient,
        server
    );
    ok!(old.items().archive("i1"));
    ok!(new.items().archive("i1"));
    assert_eq!(
        request_lines(&server).await,
        ["POST /items/i1/archive", "PUT /items/i1/archive"]
    );
}

#[tokio::test]
async fn auth_changed() {
    let server = answering(item()).await;
    let old = client!(compat_old::auth_changed::AuthChangedClient, server);
    let new = client!(compat::auth_changed::AuthChangedClient, server);
    ok!(old.items().get("i1"));
    ok!(new.items().get("i1"));
    let tokens: Vec<Option<String>> = received(&server)
        .await
        .iter()
        .map(|r| {
            r.headers
                .get("authorization")
                .map(|v| v.to_str().unwrap_or_default().to_owned())
        })
        .collect();
    assert_eq!(tokens, [Some("Bearer token".to_owned()), None]);
}

#[tokio::test]
async fn field_constant_changed() {
    let server = answering(item()).await;
    let old = client!(
        compat_old::field_constant_changed::FieldConstantChangedClient,
        server
    );
    let new = client!(
        compat::field_constant_changed::FieldConstantChangedClient,
        server
    );
    ok!(old
        .items()
        .create(compat_old::field_constant_changed::ItemInput::new("box")));
    ok!(new
        .items()
        .create(compat::field_constant_changed::ItemInput::new("box")));
    assert_eq!(
        bodies(&server).await,
        [
            json!({ "name": "box", "kind": "box" }),
            json!({ "name": "box", "kind": "crate" })
        ]
    );
}

#[tokio::test]
async fn request_field_nullability_changed() {
    let server = answering(item()).await;
    let old = client!(
        compat_old::request_field_nullability_changed::RequestFieldNullabilityChangedClient,
        server
    );
    let new = client!(
        compat::request_field_nullability_changed::RequestFieldNullabilityChangedClient,
        server
    );
    ok!(old
        .items()
        .create(compat_old::request_field_nullability_changed::ItemInput::new("box")));
    ok!(new
        .items()
        .create(compat::request_field_nullability_changed::ItemInput::new(
            "box"
        )));
    // The same value without a note: left out before, now sent as `null`, which a PATCH
    // would take as "clear the note".
    assert_eq!(
        bodies(&server).await,
        [
            json!({ "name": "box" }),
            json!({ "name": "box", "note": null })
        ]
    );
}

#[tokio::test]
async fn field_renamed() {
    let server = answering(json!({ "id": "i1", "name": "box", "branchName": "main" })).await;
    let old = client!(compat_old::field_renamed::FieldRenamedClient, server);
    let new = client!(compat::field_renamed::FieldRenamedClient, server);
    // The same field of the same response: the new client reads `branch_name`.
    let old_item = ok!(old.items().get("i1"));
    let new_item = ok!(new.items().get("i1"));
    assert_eq!(old_item.branch_name.as_deref(), Some("main"));
    assert_eq!(new_item.branch_name, None);
}

#[tokio::test]
async fn enum_variant_renamed() {
    let server = answering(json!([])).await;
    let old = client!(
        compat_old::enum_variant_renamed::EnumVariantRenamedClient,
        server
    );
    let new = client!(
        compat::enum_variant_renamed::EnumVariantRenamedClient,
        server
    );
    ok!(old
        .items()
        .list()
        .state(compat_old::enum_variant_renamed::State::InProgress));
    ok!(new
        .items()
        .list()
        .state(compat::enum_variant_renamed::State::InProgress));
    assert_eq!(
        request_lines(&server).await,
        [
            "GET /items?state=in_progress",
            "GET /items?state=IN_PROGRESS"
        ]
    );
}

#[tokio::test]
async fn union_tag_changed() {
    let circle_by_type =
        json!({ "id": "i1", "name": "disc", "shape": { "type": "circle", "radius": 2.0 } });
    let circle_by_kind =
        json!({ "id": "i1", "name": "disc", "shape": { "kind": "circle", "radius": 2.0 } });
    for (body, old_decodes) in [(circle_by_type, true), (circle_by_kind, false)] {
        let server = answering(body.clone()).await;
        let old = client!(compat_old::union_tag_changed::UnionTagChangedClient, server);
        let new = client!(compat::union_tag_changed::UnionTagChangedClient, server);
        // The same response: only one of the clients reads it as a circle; the other
        // fails to decode it.
        let old_shape = old.items().get("i1").await.map(|item| item.shape);
        let new_shape = new.items().get("i1").await.map(|item| item.shape);
        let old_tag = old_shape.as_ref().ok().and_then(|s| s.tag());
        let new_tag = new_shape.as_ref().ok().and_then(|s| s.tag());
        let (expected_old, expected_new) = if old_decodes {
            (Some("circle"), None)
        } else {
            (None, Some("circle"))
        };
        assert_eq!((old_tag, new_tag), (expected_old, expected_new), "{body}");
        let (failed, tag) = if old_decodes {
            (new_shape.err(), "kind")
        } else {
            (old_shape.err(), "type")
        };
        let failed = failed.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            failed.contains(&format!("unknown or missing `{tag}`")),
            "{body}: {failed}"
        );
    }
}
