//! Decoding a list-builds response of 10,000 builds (the documentation's example, each
//! with its own `build_uuid`):
//!
//! - `generated`: through the generated types, exactly as the client decodes a body;
//! - `baseline`: into minimal hand-written serde structs of the same shape;
//! - `value`: into `serde_json::Value`.
//!
//! Prints `decode.<variant>.mb_s` and `decode.generated_vs_baseline` (time ratio).
//! `-- --quick`: fewer iterations.

// Decoding uses only part of what the benches share.
#[allow(dead_code)]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use generated_client::cloudflare::{Build, ResponseMeta};
use generated_client::runtime::__private::decode_body;
use serde_json::{Value, json};

const BUILDS: usize = 10_000;

/// A hand-written decoder of the same response: the same fields and nesting, enums as
/// strings, every field optional as in the generated types.
#[allow(dead_code)] // The fields are decoded, never read.
mod baseline {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Envelope<T> {
        pub success: bool,
        pub errors: Vec<ErrorItem>,
        pub messages: Vec<String>,
        pub result: Option<T>,
        pub result_info: Option<ResultInfo>,
    }

    #[derive(Deserialize)]
    pub struct ErrorItem {
        pub code: Option<i64>,
        pub message: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct ResultInfo {
        pub count: Option<i64>,
        pub page: Option<i64>,
        pub per_page: Option<i64>,
        pub total_count: Option<i64>,
        pub total_pages: Option<i64>,
    }

    #[derive(Deserialize)]
    pub struct Build {
        pub build_outcome: Option<String>,
        pub build_trigger_metadata: Option<TriggerMetadata>,
        pub build_uuid: Option<String>,
        pub created_on: Option<String>,
        pub initializing_on: Option<String>,
        pub modified_on: Option<String>,
        pub pull_request: Option<PullRequest>,
        pub running_on: Option<String>,
        pub status: Option<String>,
        pub stopped_on: Option<String>,
        pub trigger: Option<Trigger>,
    }

    #[derive(Deserialize)]
    pub struct TriggerMetadata {
        pub author: Option<String>,
        pub branch: Option<String>,
        pub build_command: Option<String>,
        pub build_token_name: Option<String>,
        pub build_token_uuid: Option<String>,
        pub build_trigger_source: Option<String>,
        pub commit_hash: Option<String>,
        pub commit_message: Option<String>,
        pub deploy_command: Option<String>,
        pub environment_variables: Option<BTreeMap<String, String>>,
        pub provider_account_name: Option<String>,
        pub provider_type: Option<String>,
        pub repo_name: Option<String>,
        pub root_directory: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct PullRequest {
        pub created_on: Option<String>,
        pub pull_request_url: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Trigger {
        pub branch_excludes: Option<Vec<String>>,
        pub branch_includes: Option<Vec<String>>,
        pub build_caching_enabled: Option<bool>,
        pub build_command: Option<String>,
        pub created_on: Option<String>,
        pub deleted_on: Option<String>,
        pub deploy_command: Option<String>,
        pub external_script_id: Option<String>,
        pub modified_on: Option<String>,
        pub path_excludes: Option<Vec<String>>,
        pub path_includes: Option<Vec<String>>,
        pub repo_connection: Option<RepoConnection>,
        pub root_directory: Option<String>,
        pub trigger_name: Option<String>,
        pub trigger_uuid: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct RepoConnection {
        pub created_on: Option<String>,
        pub deleted_on: Option<String>,
        pub modified_on: Option<String>,
        pub provider_account_id: Option<String>,
        pub provider_account_name: Option<String>,
        pub provider_type: Option<String>,
        pub repo_connection_uuid: Option<String>,
        pub repo_id: Option<String>,
        pub repo_name: Option<String>,
    }
}

/// The response: the example's envelope around 10,000 copies of its first build.
fn body() -> Result<Vec<u8>, String> {
    let mut envelope = support::example_body("list_by_script")?;
    let build = envelope["result"][0].clone();
    let builds = (0..BUILDS)
        .map(|i| {
            let mut build = build.clone();
            build["build_uuid"] = json!(format!("{:08x}-6e1a-4fe4-a799-{:012x}", i, i * 7919));
            build
        })
        .collect();
    envelope["result"] = Value::Array(builds);
    envelope["result_info"]["count"] = json!(BUILDS);
    serde_json::to_vec(&envelope).map_err(|e| e.to_string())
}

/// Decodes once; returns the time and the decoded value (dropped after the clock stops).
fn timed<T>(decode: impl Fn() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = black_box(decode());
    (started.elapsed(), value)
}

fn main() -> Result<(), String> {
    let body = body()?;
    let bytes = body.as_slice();
    let generated = || decode_body::<Vec<Build>, ResponseMeta>(black_box(bytes));
    let baseline = || {
        serde_json::from_slice::<baseline::Envelope<Vec<baseline::Build>>>(black_box(bytes))
            .ok()
            .filter(|envelope| envelope.success)
            .and_then(|envelope| envelope.result)
    };
    let value = || serde_json::from_slice::<Value>(black_box(bytes)).ok();

    // The decoders agree on what they decode.
    let (ours, _meta) = generated().map_err(|e| format!("generated: {e:?}"))?;
    let theirs = baseline().ok_or("baseline: the body did not decode")?;
    if ours.len() != BUILDS
        || theirs.len() != BUILDS
        || ours[BUILDS - 1].build_uuid.as_deref() != theirs[BUILDS - 1].build_uuid.as_deref()
        || value().is_none()
    {
        return Err("the decoders disagree".to_owned());
    }
    drop((ours, theirs));

    // Rounds of one decode each, interleaved, so that drift hits all three alike.
    let (budget, min_rounds) = if support::quick() {
        (Duration::from_millis(300), 3)
    } else {
        (Duration::from_secs(3), 10)
    };
    for _ in 0..2 {
        drop((generated(), baseline(), value()));
    }
    let mut times: [Vec<f64>; 3] = Default::default();
    let started = Instant::now();
    while times[0].len() < min_rounds || started.elapsed() < budget {
        let (t, v) = timed(generated);
        drop(v);
        times[0].push(t.as_secs_f64());
        let (t, v) = timed(baseline);
        drop(v);
        times[1].push(t.as_secs_f64());
        let (t, v) = timed(value);
        drop(v);
        times[2].push(t.as_secs_f64());
    }
    let rounds = times[0].len();
    let [generated, baseline, value] = times.map(support::median);
    let mb = body.len() as f64 / (1024.0 * 1024.0);
    support::report("decode.generated.mb_s", mb / generated, "MB/s");
    support::report("decode.baseline.mb_s", mb / baseline, "MB/s");
    support::report("decode.value.mb_s", mb / value, "MB/s");
    support::report("decode.generated_vs_baseline", generated / baseline, "x");
    eprintln!("decode: a {mb:.1} MB body of {BUILDS} builds, {rounds} rounds");
    Ok(())
}
