//! Response bodies through each service's envelope, decoded as every operation's result
//! type: what the client does with a 2xx body, and with an error body.
//!
//! Input: one byte that picks the result type (modulo their number), then the body.
//! New operations with a new result type belong in `RESULTS` below.

#![no_main]

use std::collections::BTreeMap;

use generated_client::runtime::__private::{Service, decode_body};
use generated_client::{buddy, cloudflare};
use libfuzzer_sys::fuzz_target;

/// Decodes `body` as `S`'s envelope around a `T`, and reads it as an error body too.
fn decode<S: Service, T: serde::de::DeserializeOwned + std::fmt::Debug>(body: &[u8]) {
    match decode_body::<T, S::Meta>(body) {
        // Debug output is what users log; it must not panic on any decoded value.
        Ok((value, meta)) => {
            let _ = format!("{value:?} {meta:?}");
        }
        Err(failure) => {
            let _ = format!("{failure:?}");
        }
    }
    let _ = S::error_details(body);
}

type Decoder = fn(&[u8]);

/// Every distinct result type of the generated operations, with its service.
const RESULTS: &[Decoder] = &[
    decode::<buddy::Buddy, buddy::CloudFrontAction>,
    decode::<buddy::Buddy, buddy::SandboxApplicationStartAction>,
    decode::<buddy::Buddy, buddy::SandboxCreateFromSandboxAction>,
    decode::<buddy::Buddy, buddy::PipelineView>,
    decode::<cloudflare::Cloudflare, cloudflare::AccountLimits>,
    decode::<cloudflare::Cloudflare, cloudflare::Build>,
    decode::<cloudflare::Cloudflare, Vec<cloudflare::Build>>,
    decode::<cloudflare::Cloudflare, cloudflare::BuildCancelResult>,
    decode::<cloudflare::Cloudflare, cloudflare::BuildMap>,
    decode::<cloudflare::Cloudflare, cloudflare::BuildLogs>,
    decode::<cloudflare::Cloudflare, cloudflare::ConfigAutofill>,
    decode::<cloudflare::Cloudflare, cloudflare::DeployHook>,
    decode::<cloudflare::Cloudflare, Vec<cloudflare::DeployHookListItem>>,
    decode::<cloudflare::Cloudflare, cloudflare::TriggeredBuild>,
    decode::<cloudflare::Cloudflare, BTreeMap<String, cloudflare::EnvironmentVariable>>,
    decode::<cloudflare::Cloudflare, cloudflare::RepoConnection>,
    decode::<cloudflare::Cloudflare, cloudflare::BuildToken>,
    decode::<cloudflare::Cloudflare, Vec<cloudflare::BuildToken>>,
    decode::<cloudflare::Cloudflare, cloudflare::Trigger>,
    decode::<cloudflare::Cloudflare, Vec<cloudflare::Trigger>>,
    decode::<cloudflare::Cloudflare, cloudflare::ManualBuild>,
    decode::<cloudflare::Cloudflare, serde_json::Value>,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    RESULTS[usize::from(pick) % RESULTS.len()](body);
});
