//! The downstream crate's Cloudflare workflows, tested against the typed mock of the
//! Cloudflare API: every kind of match and answer, expectations, and unmatched requests.

use std::time::{Duration, Instant};

use downstream::{build_status, deploy, ensure_trigger, failed_builds};
use generated_client::cloudflare::mock::CloudflareMock;
use generated_client::cloudflare::{
    Build, BuildOutcome, CloudflareClient, CreateManualBuildRequest, CreateTriggerRequest,
    CreateTriggerRequired, ManualBuild, Trigger,
};
use generated_client::runtime::mock::UNMATCHED_STATUS;
use generated_client::{Error, RetryPolicy};

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";

fn trigger(name: &str, uuid: &str) -> Trigger {
    let mut trigger = Trigger::new();
    trigger.trigger_name = Some(name.to_owned());
    trigger.trigger_uuid = Some(uuid.into());
    trigger
}

fn build(uuid: &str, outcome: BuildOutcome) -> Build {
    let mut build = Build::new();
    build.build_uuid = Some(uuid.into());
    build.build_outcome = Some(outcome);
    build
}

fn create_request(name: &str) -> CreateTriggerRequest {
    CreateTriggerRequest::new(CreateTriggerRequired {
        branch_excludes: vec![],
        branch_includes: vec!["main".to_owned()],
        build_command: "npm run build".to_owned(),
        build_token_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        deploy_command: "npx wrangler deploy".to_owned(),
        external_script_id: "my-worker".to_owned(),
        path_excludes: vec![],
        path_includes: vec!["*".to_owned()],
        repo_connection_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        root_directory: "/".to_owned(),
        trigger_name: name.to_owned(),
    })
}

/// A stub without answers answers with the documentation page's own example.
#[tokio::test]
async fn stubs_answer_with_the_page_example_by_default() {
    let mock = CloudflareMock::start().await;
    mock.triggers().list_by_script().mount();
    mock.triggers().create_manual_build().mount();
    let started = deploy(
        &mock.client(),
        ACCOUNT,
        "my-worker",
        "Production Deploy",
        "main",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    // The page's example build.
    assert_eq!(
        started.as_deref(),
        Some("182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e")
    );
    assert_eq!(mock.verify(), Ok(()));
}

/// Typed path values and a typed body narrow a stub; typed results answer.
#[tokio::test]
async fn typed_path_values_and_body_match_and_typed_results_answer() {
    let mock = CloudflareMock::start().await;
    mock.triggers()
        .list_by_script()
        .account_id(ACCOUNT)
        .external_script_id("my-worker")
        .respond(&vec![
            trigger("staging", "t-1"),
            trigger("production", "t-2"),
        ])
        .mount();
    let mut manual = ManualBuild::new();
    manual.build_uuid = Some("b-42".into());
    let started = mock
        .triggers()
        .create_manual_build()
        .trigger_uuid("t-2")
        .body(|body: &CreateManualBuildRequest| body.branch() == Some("release"))
        .respond(&manual)
        .expect(1)
        .mount();
    let build = deploy(
        &mock.client(),
        ACCOUNT,
        "my-worker",
        "production",
        "release",
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(build.as_deref(), Some("b-42"));
    assert_eq!(started.calls(), 1);
    let bodies = started.bodies();
    let sent = bodies[0].as_ref().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sent.branch(), Some("release"));
    assert_eq!(mock.verify(), Ok(()));
}

/// A typed body match picks the stub, so two creates of different names get their own
/// answers.
#[tokio::test]
async fn a_typed_body_match_picks_the_stub() {
    let mock = CloudflareMock::start().await;
    mock.triggers().list_by_script().respond(&vec![]).mount();
    for (name, uuid) in [("staging", "t-staging"), ("production", "t-production")] {
        mock.triggers()
            .create()
            .body(move |body: &CreateTriggerRequest| body.trigger_name == name)
            .respond(&trigger(name, uuid))
            .expect(1)
            .mount();
    }
    let client = mock.client();
    let production = ensure_trigger(&client, ACCOUNT, create_request("production"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let staging = ensure_trigger(&client, ACCOUNT, create_request("staging"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        production.trigger_uuid.as_ref().map(|u| u.as_str()),
        Some("t-production")
    );
    assert_eq!(
        staging.trigger_uuid.as_ref().map(|u| u.as_str()),
        Some("t-staging")
    );
    assert_eq!(mock.verify(), Ok(()));
}

/// A sequence: a 503, then the build. The client retries, and the code under test sees
/// only the build.
#[tokio::test]
async fn the_client_retries_after_a_503() {
    let mock = CloudflareMock::start().await;
    let stub = mock
        .builds()
        .get()
        .build_uuid("b-1")
        .respond_error(503, Some(10000), "service unavailable")
        .respond(&build("b-1", BuildOutcome::Success))
        .mount();
    let status = build_status(&mock.client(), ACCOUNT, "b-1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(status.as_deref(), Some(""));
    assert_eq!(stub.calls(), 2);
}

/// An API error in Cloudflare's envelope: status, code and message reach the caller.
#[tokio::test]
async fn api_errors_come_in_the_envelope_with_their_codes() {
    let mock = CloudflareMock::start().await;
    mock.builds()
        .get()
        .respond_error(404, Some(12000), "Not found")
        .mount();
    // The downstream code reads a 404 as "no such build".
    let status = build_status(&mock.client(), ACCOUNT, "missing").await;
    assert!(matches!(status, Ok(None)), "{status:?}");

    let error = mock.client().builds().get(ACCOUNT, "missing").await;
    let Err(Error::Api(error)) = error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(error.status(), 404);
    assert_eq!(error.codes().collect::<Vec<_>>(), [12000]);
    assert_eq!(error.details()[0].message.as_deref(), Some("Not found"));
    let body: serde_json::Value =
        serde_json::from_slice(error.body()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(body["success"], false);
    assert_eq!(body["errors"][0]["code"], 12000);
}

/// A 429 asking for a wait: the client waits as asked (milliseconds, not a whole second),
/// then succeeds.
#[tokio::test]
async fn a_429_with_retry_after_is_waited() {
    let mock = CloudflareMock::start().await;
    let stub = mock
        .builds()
        .get()
        .rate_limited(Duration::from_millis(50))
        .respond(&build("b-1", BuildOutcome::Success))
        .mount();
    let started = Instant::now();
    let result = mock.client().builds().get(ACCOUNT, "b-1").await;
    assert!(result.is_ok(), "{result:?}");
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert_eq!(stub.calls(), 2);

    // Without retries, the 429 and its Retry-After reach the caller.
    let once = mock
        .client_builder()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let limited = CloudflareMock::start().await;
    limited
        .builds()
        .get()
        .rate_limited(Duration::from_millis(7_250))
        .mount();
    let client = CloudflareClient::builder("any-token")
        .base_url(limited.uri())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let Err(Error::Api(error)) = client.builds().get(ACCOUNT, "b-1").await else {
        panic!("expected a 429");
    };
    assert_eq!(error.status(), 429);
    assert_eq!(error.retry_after(), Some(Duration::from_millis(7_250)));
    // Beside the milliseconds, whole seconds for clients that read only `Retry-After`.
    assert_eq!(
        error.headers().get("retry-after").map(|v| v.as_bytes()),
        Some(&b"8"[..])
    );
    // The first mock's stub answers the build from now on.
    assert!(once.builds().get(ACCOUNT, "b-1").await.is_ok());
}

/// Pages: the stream reads three pages, and the downstream code filters them.
#[tokio::test]
async fn a_stream_reads_three_pages() {
    let mock = CloudflareMock::start().await;
    let pages = mock
        .builds()
        .list_by_script()
        .external_script_id("my-worker")
        .per_page(25)
        .respond_pages([
            vec![
                build("b-1", BuildOutcome::Success),
                build("b-2", BuildOutcome::Fail),
            ],
            vec![
                build("b-3", BuildOutcome::Fail),
                build("b-4", BuildOutcome::Cancelled),
            ],
            vec![build("b-5", BuildOutcome::Fail)],
        ])
        .expect(3)
        .mount();
    let failed = failed_builds(&mock.client(), ACCOUNT, "my-worker")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let uuids: Vec<&str> = failed
        .iter()
        .filter_map(|b| b.build_uuid.as_ref().map(|u| u.as_str()))
        .collect();
    assert_eq!(uuids, ["b-2", "b-3", "b-5"]);
    assert_eq!(pages.calls(), 3);
    assert_eq!(mock.verify(), Ok(()));
}

/// A delayed answer: a client with a short timeout times out.
#[tokio::test]
async fn a_delayed_answer_times_a_client_out() {
    let mock = CloudflareMock::start().await;
    mock.builds()
        .get()
        .respond(&build("b-1", BuildOutcome::Success))
        .delay(Duration::from_secs(5))
        .mount();
    let client = mock
        .client_builder()
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let result = client.builds().get(ACCOUNT, "b-1").await;
    assert!(matches!(result, Err(Error::Timeout { .. })), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A request no stub matches is an error naming the operation that was not stubbed, and
/// `verify()` reports it.
#[tokio::test]
async fn an_unmatched_request_names_the_operation() {
    let mock = CloudflareMock::start().await;
    mock.triggers()
        .list_by_script()
        .respond(&vec![trigger("production", "t-2")])
        .mount();
    let result = deploy(&mock.client(), ACCOUNT, "my-worker", "production", "main").await;
    let Err(Error::Api(error)) = result else {
        panic!("expected the mock's error, got {result:?}");
    };
    assert_eq!(error.status(), UNMATCHED_STATUS);
    assert_eq!(error.operation(), "cloudflare.triggers.create_manual_build");
    let message = error.to_string();
    assert!(
        message.contains("`cloudflare.triggers.create_manual_build` (POST /accounts/{account_id}/builds/triggers/{trigger_uuid}/builds) is not stubbed")
            && message.contains("mock.triggers().create_manual_build()"),
        "{message}"
    );
    let unverified = mock
        .verify()
        .err()
        .unwrap_or_else(|| panic!("verify passed"));
    let problems: Vec<&str> = unverified.problems().collect();
    assert_eq!(problems.len(), 1, "{unverified}");
    assert!(
        problems[0].starts_with("unmatched request: `cloudflare.triggers.create_manual_build`"),
        "{unverified}"
    );
}

/// A stub narrowed by its values does not answer other values: the error says, for each
/// stub of the operation, which check failed, with the value sent and the one expected,
/// and a diff of a body.
#[tokio::test]
async fn a_stub_that_does_not_match_says_which_check_failed() {
    let mock = CloudflareMock::start().await;
    mock.builds().get().build_uuid("b-1").mount();
    let result = mock.client().builds().get(ACCOUNT, "b-2").await;
    let message = result.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.ends_with(
            "none of its 1 stub matches it stub #1 (mock.builds().get()): path parameter `build_uuid`: sent \"b-2\", expected \"b-1\""
        ),
        "{message}"
    );

    mock.triggers().list_by_script().respond(&vec![]).mount();
    mock.triggers()
        .create()
        .account_id("other-account")
        .body_eq(&create_request("staging"))
        .mount();
    mock.triggers()
        .create()
        .body_eq(&create_request("production"))
        .mount();
    let result = ensure_trigger(&mock.client(), ACCOUNT, create_request("staging")).await;
    assert!(result.is_err(), "{result:?}");

    let unverified = mock
        .verify()
        .err()
        .unwrap_or_else(|| panic!("verify passed"));
    let problems: Vec<&str> = unverified.problems().collect();
    assert_eq!(problems.len(), 2, "{unverified}");
    let lines: Vec<&str> = problems[1].lines().collect();
    assert_eq!(
        lines[..4],
        [
            "unmatched request: `cloudflare.triggers.create` (POST /accounts/{account_id}/builds/triggers) is not stubbed for this request: none of its 2 stubs matches it",
            "stub #3 (mock.triggers().create()):",
            "  path parameter `account_id`: sent \"023e105f4ecef8ad9ca31a8372d0c353\", expected \"other-account\"",
            "stub #4 (mock.triggers().create()):",
        ],
        "{unverified}"
    );
    assert_eq!(
        lines[4], "  body: not the one expected (- expected, + sent):",
        "{unverified}"
    );
    // Pretty JSON, the changed member and two lines of context, not the whole body.
    let diff = &lines[5..];
    assert!(diff[0].starts_with("    @@ "), "{unverified}");
    assert!(
        diff.contains(&"    -  \"trigger_name\": \"production\"")
            && diff.contains(&"    +  \"trigger_name\": \"staging\""),
        "{unverified}"
    );
    assert!(diff.len() <= 8, "{unverified}");
}

/// Call-count expectations: too few calls fail `verify()`, with what was expected.
#[tokio::test]
async fn call_count_expectations_fail_verify() {
    let mock = CloudflareMock::start().await;
    mock.builds().get().expect(2).mount();
    mock.builds().cancel().expect_at_least(1).mount();
    let result = mock.client().builds().get(ACCOUNT, "b-1").await;
    assert!(result.is_ok(), "{result:?}");
    let unverified = mock
        .verify()
        .err()
        .unwrap_or_else(|| panic!("verify passed"));
    let problems: Vec<&str> = unverified.problems().collect();
    assert_eq!(
        problems,
        [
            "stub #1 of `cloudflare.builds.get` (mock.builds().get()) expected exactly 2 calls, got 1",
            "stub #2 of `cloudflare.builds.cancel` (mock.builds().cancel()) expected at least 1 call, got 0",
        ]
    );
    // Once met, verify passes.
    let again = mock.client().builds().get(ACCOUNT, "b-1").await;
    let cancelled = mock.client().builds().cancel(ACCOUNT, "b-1").await;
    assert!(again.is_ok() && cancelled.is_ok());
    assert_eq!(mock.verify(), Ok(()));
}

/// Dropping a mock whose expectations are unmet, without `verify()`, fails the test.
#[tokio::test]
#[should_panic(
    expected = "stub #1 of `cloudflare.builds.get` (mock.builds().get()) expected exactly 1 call, got 0"
)]
async fn dropping_an_unverified_mock_checks_its_expectations() {
    let mock = CloudflareMock::start().await;
    mock.builds().get().expect(1).mount();
}

/// A stub that is never mounted would answer nothing: it panics at once.
#[tokio::test]
#[should_panic(expected = "a stub of `cloudflare.builds.get` was configured but never mounted")]
async fn a_stub_must_be_mounted() {
    let mock = CloudflareMock::start().await;
    let _ = mock.builds().get().respond(&Build::new());
}
