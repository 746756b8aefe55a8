//! The downstream crate's Buddy workflows, tested against the typed mock of the Buddy
//! API: bare JSON bodies, Buddy's error shape, a tagged request body that tells two
//! operations of one path apart, retries, and expectations.

use std::time::Duration;

use downstream::{add_cloudfront_purge, clear_cache};
use generated_client::Error;
use generated_client::buddy::mock::BuddyMock;
use generated_client::buddy::{
    CloudFrontAction, CloudFrontActionRequest, PipelineView, SandboxCreateFromSandboxActionRequest,
};
use generated_client::runtime::mock::UNMATCHED_STATUS;

/// The page's example answers by default; typed path values (an integer among them)
/// narrow the stub.
#[tokio::test]
async fn the_page_example_answers_typed_path_values() {
    let mock = BuddyMock::start().await;
    let stub = mock
        .pipelines()
        .clear_cache()
        .workspace("my-company")
        .project_name("website")
        .pipeline_id(2)
        .expect(1)
        .mount();
    let cleared = clear_cache(&mock.client(), "my-company", "website", 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(cleared);
    assert_eq!(stub.calls(), 1);
    assert_eq!(mock.verify(), Ok(()));
}

/// Buddy's errors are `{"errors": [{"message": …}]}`, without codes.
#[tokio::test]
async fn api_errors_come_in_buddy_s_shape() {
    let mock = BuddyMock::start().await;
    mock.pipelines()
        .clear_cache()
        .respond_error(404, Some(1), "Pipeline not found")
        .mount();
    let cleared = clear_cache(&mock.client(), "my-company", "website", 9).await;
    assert!(matches!(cleared, Ok(false)), "{cleared:?}");

    let result = mock
        .client()
        .pipelines()
        .clear_cache("my-company", "website", 9)
        .await;
    let Err(Error::Api(error)) = result else {
        panic!("expected an API error, got {result:?}");
    };
    assert_eq!(
        error.details()[0].message.as_deref(),
        Some("Pipeline not found")
    );
    assert_eq!(error.codes().count(), 0);
    let body: serde_json::Value =
        serde_json::from_slice(error.body()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        body,
        serde_json::json!({ "errors": [{ "message": "Pipeline not found" }] })
    );
}

/// A typed body match and a typed result; the result goes out with its union's tag.
#[tokio::test]
async fn a_typed_body_match_and_a_tagged_result() {
    let mock = BuddyMock::start().await;
    let mut action = CloudFrontAction::new();
    action.common.id = Some(77);
    action.purge_all = Some(true);
    let created = mock
        .actions()
        .create_cloud_front()
        .pipeline_id(2)
        .body(|body: &CloudFrontActionRequest| {
            body.purge_all == Some(true) && body.integration.identifier == "aws-prod"
        })
        .respond(&action)
        .expect(1)
        .mount();
    let id = add_cloudfront_purge(&mock.client(), "my-company", "website", 2, "aws-prod")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(id, Some(77));
    let bodies = created.bodies();
    let sent = bodies[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent.common.name, "Purge CloudFront");
    assert_eq!(mock.verify(), Ok(()));
}

/// Two operations share `POST …/actions`; the request body's tag tells them apart, so a
/// sandbox action does not reach the CloudFront stub, and the error names it.
#[tokio::test]
async fn the_body_tag_tells_operations_of_one_path_apart() {
    let mock = BuddyMock::start().await;
    mock.actions().create_cloud_front().expect(0).mount();
    let result = mock
        .client()
        .actions()
        .create_sandbox_from_sandbox(
            "my-company",
            "website",
            2,
            SandboxCreateFromSandboxActionRequest::new("clone"),
        )
        .await;
    let Err(Error::Api(error)) = result else {
        panic!("expected the mock's error, got {result:?}");
    };
    assert_eq!(error.status(), UNMATCHED_STATUS);
    let message = error.to_string();
    assert!(
        message.contains("`buddy.actions.create_sandbox_from_sandbox` (POST /workspaces/{workspace}/projects/{project_name}/pipelines/{pipeline_id}/actions) is not stubbed")
            && message.contains("mock.actions().create_sandbox_from_sandbox()"),
        "{message}"
    );
    assert!(mock.verify().is_err());
}

/// A 503 then a success, and a 429 then a success: the client retries both.
#[tokio::test]
async fn the_client_retries_after_a_503_and_a_429() {
    let mock = BuddyMock::start().await;
    let mut pipeline = PipelineView::new();
    pipeline.id = Some(2);
    let stub = mock
        .pipelines()
        .clear_cache()
        // A PATCH is not idempotent: retried when the server asks for it (Retry-After).
        .unavailable(Duration::ZERO)
        .rate_limited(Duration::ZERO)
        .respond(&pipeline)
        .expect(3)
        .mount();
    let cleared = clear_cache(&mock.client(), "my-company", "website", 2)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(cleared);
    assert_eq!(stub.calls(), 3);
    assert_eq!(mock.verify(), Ok(()));
}

/// An expectation of calls that never came fails `verify()`.
#[tokio::test]
async fn call_count_expectations_fail_verify() {
    let mock = BuddyMock::start().await;
    mock.pipelines().clear_cache().expect(1).mount();
    let unverified = mock
        .verify()
        .err()
        .unwrap_or_else(|| panic!("verify passed"));
    assert_eq!(
        unverified.to_string(),
        "the buddy mock is not satisfied:\n- stub #1 of `buddy.pipelines.clear_cache` (mock.pipelines().clear_cache()) expected exactly 1 call, got 0"
    );
}
