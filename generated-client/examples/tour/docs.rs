//! The documentation's own examples, served: the answers of the Workers Builds and Buddy
//! parts of the tour, taken from the spec's transcriptions of the pages.

use std::error::Error;

use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use crate::{ACCOUNT, SCRIPT};

// The spec files the tour answers from: the pages' examples, transcribed.
const TRIGGERS: &str = include_str!("../../../spec/cloudflare/triggers.json");
const BUILDS: &str = include_str!("../../../spec/cloudflare/builds.json");
const LOGS: &str = include_str!("../../../spec/cloudflare/logs.json");
const DEPLOY_HOOKS: &str = include_str!("../../../spec/cloudflare/deploy_hooks.json");
const CLOUD_FRONT: &str = include_str!("../../../spec/buddy/cloud_front.json");
const PIPELINES: &str = include_str!("../../../spec/buddy/pipelines.json");

/// The build whose log the tour follows, and the deploy hook it triggers: the pages' UUID.
pub const PAGES_UUID: &str = "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e";

/// The status and body of the first example of operation `id` in a spec file.
fn example_response(spec_file: &str, id: &str) -> Result<(u16, Value), Box<dyn Error>> {
    let file: Value = serde_json::from_str(spec_file)?;
    let operations = file["operations"].as_array().cloned().unwrap_or_default();
    let op = operations
        .iter()
        .find(|op| op["id"] == id)
        .ok_or_else(|| format!("no operation {id}"))?;
    let response = &op["examples"][0]["response"];
    let status = response["status"]
        .as_u64()
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(200);
    // Buddy's action pages show no sample response: answer with an empty action.
    Ok((
        status,
        response.get("body").cloned().unwrap_or_else(|| json!({})),
    ))
}

fn answer(status: u16, body: Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// Mounts the answers of the Workers Builds and Buddy parts on `server`.
pub async fn serve(server: &MockServer) -> Result<(), Box<dyn Error>> {
    serve_builds(server).await?;
    serve_deploy_hooks(server).await?;
    serve_buddy(server).await
}

async fn serve_builds(server: &MockServer) -> Result<(), Box<dyn Error>> {
    let builds = format!("/accounts/{ACCOUNT}/builds");

    let (status, body) = example_response(TRIGGERS, "list_by_script")?;
    Mock::given(method("GET"))
        .and(path(format!("{builds}/workers/{SCRIPT}/triggers")))
        .respond_with(answer(status, body))
        .mount(server)
        .await;

    let (status, body) = example_response(TRIGGERS, "create")?;
    Mock::given(method("POST"))
        .and(path(format!("{builds}/triggers")))
        .respond_with(answer(status, body))
        .mount(server)
        .await;

    // Three pages of builds, each the page's sample build under another UUID.
    let (status, sample) = example_response(BUILDS, "get")?;
    for page in 1..=3u32 {
        let mut build = sample["result"].clone();
        build["build_uuid"] = json!(format!("build-of-page-{page}"));
        let body = json!({
            "errors": [], "messages": [], "success": true, "result": [build],
            "result_info": {"count": 1, "page": page, "per_page": 1, "total_count": 3, "total_pages": 3}
        });
        Mock::given(method("GET"))
            .and(path(format!("{builds}/workers/{SCRIPT}/builds")))
            .and(query_param("page", page.to_string()))
            .respond_with(answer(status, body))
            .mount(server)
            .await;
    }

    // The log: the page's sample, whose cursor leads to a last page.
    let (status, first) = example_response(LOGS, "get")?;
    let cursor = first["result"]["cursor"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let last = json!({"errors": [], "messages": [], "success": true,
        "result": {"lines": [[1636472460, "Build finished"]], "truncated": false}});
    let log_path = format!("{builds}/builds/{PAGES_UUID}/logs");
    Mock::given(method("GET"))
        .and(path(log_path.as_str()))
        .and(query_param("cursor", cursor))
        .respond_with(answer(status, last))
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path(log_path))
        .respond_with(answer(status, first))
        .mount(server)
        .await;

    Mock::given(method("GET"))
        .and(path(format!("{builds}/builds/no-such-build")))
        .respond_with(answer(
            404,
            json!({"success": false, "errors": [{"code": 12000, "message": "Not found"}], "messages": [], "result": null}),
        ))
        .mount(server)
        .await;
    Ok(())
}

async fn serve_deploy_hooks(server: &MockServer) -> Result<(), Box<dyn Error>> {
    let (status, body) = example_response(DEPLOY_HOOKS, "create")?;
    Mock::given(method("POST"))
        .and(path(format!(
            "/accounts/{ACCOUNT}/builds/workers/{SCRIPT}/deploy_hooks"
        )))
        .respond_with(answer(status, body))
        .mount(server)
        .await;
    // The trigger answers only a request that carries no token.
    let (status, body) = example_response(DEPLOY_HOOKS, "trigger")?;
    Mock::given(method("POST"))
        .and(path(format!("/workers/builds/deploy_hooks/{PAGES_UUID}")))
        .and(WithoutToken)
        .respond_with(answer(status, body))
        .mount(server)
        .await;
    Ok(())
}

async fn serve_buddy(server: &MockServer) -> Result<(), Box<dyn Error>> {
    // The CloudFront page shows no sample response: the server answers as Buddy does,
    // with the action it created.
    let (status, _) = example_response(CLOUD_FRONT, "create_cloud_front")?;
    Mock::given(method("POST"))
        .and(path(
            "/workspaces/my-company/projects/my-project/pipelines/123/actions",
        ))
        .respond_with(CreatedAction { status })
        .mount(server)
        .await;

    let (status, body) = example_response(PIPELINES, "clear_cache")?;
    Mock::given(method("PATCH"))
        .and(path(
            "/workspaces/buddy/projects/company-website/pipelines/2",
        ))
        .respond_with(
            answer(status, body)
                .insert_header("X-Rate-Limit-Limit", "1")
                .insert_header("X-Rate-Limit-Remaining", "999"),
        )
        .mount(server)
        .await;
    Ok(())
}

/// Matches requests that carry no `Authorization` header.
struct WithoutToken;

impl wiremock::Match for WithoutToken {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("authorization")
    }
}

/// Answers a create with the action it was sent, given an id.
struct CreatedAction {
    status: u16,
}

impl Respond for CreatedAction {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut action: Value = serde_json::from_slice(&request.body).unwrap_or_else(|_| json!({}));
        action["id"] = json!(456);
        ResponseTemplate::new(self.status).set_body_json(action)
    }
}
