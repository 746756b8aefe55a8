//! Fields the spec marks secret (a Worker secret's text, key material) never show: not in
//! a value's `Debug`, a request builder's, an upload's, a typed mock's stub or message, nor
//! in any error of a call that sends or receives them.

mod wire_support;

use std::collections::BTreeMap;

use generated_client::cloudflare::mock::CloudflareMock;
use generated_client::cloudflare::{
    Binding, BindingSecretKey, BindingSecretKeyFormat, BindingSecretKeyRequired,
    BindingSecretKeyUsages, BindingSecretText, BindingSecretTextRequired,
    PatchMultipleScriptSecretsRequest, PatchMultipleScriptSecretsRequestSecrets, ScriptMetadata,
    ScriptSecret, ScriptSecretSecretText, UploadScriptRequest,
};
use generated_client::{Error, RetryPolicy};
use serde_json::json;
use wire_support::{ACCOUNT, cloudflare, cloudflare_at, serving_json};

const SCRIPT: &str = "my-worker";
const SECRET: &str = "s3cr3t-TEXT-0f1e2d";
const KEY: &str = "a2V5LU1BVEVSSUFMLTk5";

fn secret_text(name: &str, text: &str) -> BindingSecretText {
    BindingSecretText::new(BindingSecretTextRequired {
        name: name.to_owned(),
        text: text.to_owned(),
    })
}

fn secret_key() -> BindingSecretKey {
    BindingSecretKey::new(BindingSecretKeyRequired {
        algorithm: json!({"name": "HMAC", "hash": "SHA-256"}),
        format: BindingSecretKeyFormat::Raw,
        name: "SIGNING_KEY".to_owned(),
        usages: vec![BindingSecretKeyUsages::Sign],
    })
    .with_key_base64(KEY)
}

/// `shown`, in each of its forms, holds no secret and says where one was.
fn assert_redacted(what: &str, shown: &str) {
    for secret in [SECRET, KEY] {
        assert!(!shown.contains(secret), "{what} shows a secret: {shown}");
    }
    assert!(
        shown.contains("<secret>"),
        "{what} does not say where: {shown}"
    );
}

/// The error's `Display`, `Debug` and sources, as a log would show them.
fn everything_shown(error: &Error) -> String {
    let mut shown = format!("{error} {error:?} {error:#?}");
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        shown.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    shown
}

#[test]
fn a_secret_body_and_the_builder_that_sends_it_show_no_text() {
    let binding = secret_text("API_KEY", SECRET);
    let required = BindingSecretTextRequired {
        name: "API_KEY".to_owned(),
        text: SECRET.to_owned(),
    };
    let body: PatchMultipleScriptSecretsRequestSecrets = binding.clone().into();
    assert_redacted("the binding", &format!("{binding:?}"));
    assert_redacted("its required fields", &format!("{required:?}"));
    assert_redacted("the body", &format!("{body:?} {body:#?}"));
    // Every other field shows as derive shows it.
    assert_eq!(
        format!("{binding:?}"),
        "BindingSecretText { name: \"API_KEY\", text: <secret> }"
    );

    // Never sent: only the builders are shown.
    let client = cloudflare_at("http://127.0.0.1:9", RetryPolicy::none());
    let builder = client.script_secrets().update(ACCOUNT, SCRIPT, body);
    assert_redacted("the update's builder", &format!("{builder:?}"));

    let bulk = PatchMultipleScriptSecretsRequest::new().with_secrets(BTreeMap::from([
        ("API_KEY".to_owned(), binding.into()),
        ("SIGNING_KEY".to_owned(), secret_key().into()),
    ]));
    let builder = client.script_secrets().bulk_update(ACCOUNT, SCRIPT, bulk);
    assert_redacted(
        "the bulk update's builder",
        &format!("{builder:?} {builder:#?}"),
    );
}

#[test]
fn an_upload_with_secret_bindings_shows_no_text_nor_key() {
    let metadata = ScriptMetadata::new()
        .with_main_module("worker.js")
        .with_bindings([
            Binding::SecretText(secret_text("API_KEY", SECRET)),
            Binding::SecretKey(secret_key()),
        ]);
    assert_redacted("the metadata", &format!("{metadata:?}"));
    let upload = UploadScriptRequest::new(metadata);
    assert_redacted("the upload", &format!("{upload:#?}"));
    // Never sent: only the builders are shown.
    let client = cloudflare_at("http://127.0.0.1:9", RetryPolicy::none());
    let builder = client.scripts().update(ACCOUNT, SCRIPT, upload);
    let shown = format!("{builder:?}");
    assert_redacted("the upload's builder", &shown);
    // An optional secret says it is set, not what it is.
    assert!(shown.contains("key_base64: Some(<secret>)"), "{shown}");
}

#[test]
fn a_result_holding_a_secret_shows_no_text() {
    let mut answer = ScriptSecretSecretText::new("API_KEY");
    answer.text = Some(SECRET.to_owned());
    let result = ScriptSecret::SecretText(answer);
    assert_redacted("the result", &format!("{result:?}"));
}

#[tokio::test]
async fn an_api_error_of_a_call_that_sent_a_secret_shows_none() {
    let server = serving_json(
        400,
        json!({
            "success": false,
            "errors": [{"code": 10021, "message": "the secret's name is not a valid identifier"}],
            "messages": [],
            "result": null
        }),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let body = secret_text("API KEY", SECRET).into();
    let Err(error) = client.script_secrets().update(ACCOUNT, SCRIPT, body).await else {
        panic!("a 400 succeeded")
    };
    assert_eq!(error.status(), Some(400));
    let shown = everything_shown(&error);
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("not a valid identifier"), "{shown}");
}

#[tokio::test]
async fn an_answer_that_holds_a_secret_is_quoted_without_it() {
    // An unsuccessful answer without error details: its message quotes the body.
    let server = serving_json(
        200,
        json!({
            "success": false,
            "errors": [],
            "messages": [],
            "result": {"name": "API_KEY", "text": SECRET, "type": "secret_text"}
        }),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let body = secret_text("API_KEY", SECRET).into();
    let Err(error) = client.script_secrets().update(ACCOUNT, SCRIPT, body).await else {
        panic!("an unsuccessful answer succeeded")
    };
    let shown = everything_shown(&error);
    assert_redacted("the unsuccessful answer's error", &shown);
    // Out of its type's shape a secret cannot be told by name: no string is quoted.
    assert!(
        error
            .to_string()
            .contains("\"result\":{\"name\":\"<secret>\""),
        "{error}"
    );

    // A 2xx answer that does not decode: its excerpt, message and `Debug`.
    let server = serving_json(
        200,
        json!({
            "success": true,
            "errors": [],
            "messages": [],
            "result": {"name": 7, "text": SECRET, "type": "secret_text"}
        }),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let Err(error) = client
        .script_secrets()
        .get(ACCOUNT, SCRIPT, "API_KEY")
        .await
    else {
        panic!("a name that is a number decoded")
    };
    let Some(decode) = error.as_decode() else {
        panic!("not a decoding error: {error}")
    };
    assert!(
        decode
            .excerpt()
            .contains("{\"name\":7,\"text\":\"<secret>\""),
        "{decode:?}"
    );
    assert_redacted("the decoding error", &everything_shown(&error));

    // serde quotes a string it did not expect: here the secret, where a list belongs.
    let server = serving_json(
        200,
        json!({"success": true, "errors": [], "messages": [], "result": SECRET}),
    )
    .await;
    let client = cloudflare(&server, RetryPolicy::none());
    let Err(error) = client.script_secrets().list(ACCOUNT, SCRIPT).await else {
        panic!("a string decoded as a list")
    };
    let shown = everything_shown(&error);
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(
        error.to_string().contains("invalid type: string <secret>"),
        "{error}"
    );
}

#[tokio::test]
async fn a_typed_mock_shows_no_secret_in_its_stubs_or_its_messages() {
    let mock = CloudflareMock::start().await;
    let mut answer = ScriptSecretSecretText::new("API_KEY");
    answer.text = Some(SECRET.to_owned());
    let expected: PatchMultipleScriptSecretsRequestSecrets =
        secret_text("API_KEY", "the-expected-one").into();
    let mut stub = mock.script_secrets().update();
    stub.body_eq(&expected)
        .respond(&ScriptSecret::SecretText(answer));
    assert_redacted("the stub", &format!("{stub:?}"));
    let mounted = stub.mount();

    let sent = secret_text("API_KEY", SECRET).into();
    let client = mock.client();
    let Err(error) = client.script_secrets().update(ACCOUNT, SCRIPT, sent).await else {
        panic!("a body the stub does not expect matched it")
    };
    let shown = everything_shown(&error);
    for secret in [SECRET, "the-expected-one"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(
        shown.contains("they differ in a secret value (not shown)"),
        "{shown}"
    );
    let unverified = match mock.verify() {
        Ok(()) => panic!("an unmatched request left the mock satisfied"),
        Err(unverified) => unverified.to_string(),
    };
    assert!(!unverified.contains(SECRET), "{unverified}");
    assert!(mounted.bodies().is_empty());

    // A request it does match: what the stub received reads back, and shows no text.
    let mock = CloudflareMock::start().await;
    let mounted = mock.script_secrets().update().mount();
    let sent: PatchMultipleScriptSecretsRequestSecrets = secret_text("API_KEY", SECRET).into();
    let client = mock.client();
    if let Err(error) = client
        .script_secrets()
        .update(ACCOUNT, SCRIPT, sent.clone())
        .await
    {
        panic!("{error}")
    }
    let bodies = mounted.bodies();
    assert!(matches!(bodies.as_slice(), [Ok(body)] if *body == sent));
    assert_redacted("the bodies received", &format!("{bodies:?}"));
    assert!(!format!("{:?}", mounted.received()).contains(SECRET));
}
