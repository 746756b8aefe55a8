//! Generated structs decode through an emitted `Deserialize` (codegen's
//! `emit/deserialize.rs`), not serde's derive: on the real generated types, the same JSON
//! gives the same values and the same errors as the derive would.

use generated_client::buddy::PipelineView;
use generated_client::cloudflare::{DeployHookRequest, ResponseError};

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[test]
fn required_members_members_in_any_order_unknown_ones_and_escaped_names() {
    let hook: DeployHookRequest = decode(
        r#"{"deploy_hook_n\u0061me": "on-push", "later_added": {"x": [1]}, "branch": "main"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (hook.branch.as_str(), hook.deploy_hook_name.as_str()),
        ("main", "on-push")
    );
    let error: ResponseError = decode(r#"{"code": 1000, "message": null}"#).unwrap_or_default();
    assert_eq!((error.code, error.message), (Some(1000), None));
    let empty: ResponseError = decode("{}").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((empty.code, empty.message), (None, None));
}

#[test]
fn missing_repeated_and_mistyped_members_fail_naming_them() {
    let message = |text: &str| decode::<DeployHookRequest>(text).err().unwrap_or_default();
    assert!(
        message(r#"{"branch": "main"}"#).starts_with("missing field `deploy_hook_name`"),
        "{}",
        message(r#"{"branch": "main"}"#)
    );
    let repeated = message(r#"{"branch": "a", "branch": "b", "deploy_hook_name": "x"}"#);
    assert!(
        repeated.starts_with("duplicate field `branch`"),
        "{repeated}"
    );
    let mistyped = message(r#"{"branch": 5, "deploy_hook_name": "x"}"#);
    assert!(
        mistyped.starts_with("invalid type: integer `5`, expected a string"),
        "{mistyped}"
    );
    let null = message(r#"{"branch": null, "deploy_hook_name": "x"}"#);
    assert!(
        null.starts_with("invalid type: null, expected a string"),
        "{null}"
    );
    let not_an_object = message(r#"["main", "x"]"#);
    assert!(
        not_an_object.starts_with("invalid type: sequence, expected struct DeployHookRequest"),
        "{not_an_object}"
    );
}

#[test]
fn a_struct_decodes_from_a_json_value_too() {
    let value = serde_json::json!({ "name": "deploy", "id": 7, "unknown": true });
    let pipeline: PipelineView =
        serde::Deserialize::deserialize(&value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (pipeline.id, pipeline.name.as_deref()),
        (Some(7), Some("deploy"))
    );
}
