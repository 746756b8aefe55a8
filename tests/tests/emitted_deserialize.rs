//! Generated structs decode through an emitted `Deserialize` (codegen's
//! `emit/deserialize.rs`), not serde's derive: the same JSON gives the same values and the
//! same errors as the derive would. The types are a snapshot case's
//! (`fixtures/snapshots/struct_fields`), so that the pages changing the client's own types
//! changes nothing here.

use tests::snapshots::struct_fields::shop::{Dimensions, ErrorMessage, Item};

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[test]
fn required_members_members_in_any_order_unknown_ones_and_escaped_names() {
    let dimensions: Dimensions =
        decode(r#"{"h\u0065ight": 2, "later_added": {"x": [1]}, "width": 1}"#)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((dimensions.width, dimensions.height), (1, Some(2)));
    let nulled: Dimensions =
        decode(r#"{"width": 3, "height": null}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((nulled.width, nulled.height), (3, None));
    let empty: ErrorMessage = decode("{}").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(empty.message, None);
}

#[test]
fn missing_repeated_and_mistyped_members_fail_naming_them() {
    let message = |text: &str| decode::<Dimensions>(text).err().unwrap_or_default();
    let missing = message(r#"{"height": 1}"#);
    assert!(missing.starts_with("missing field `width`"), "{missing}");
    let repeated = message(r#"{"width": 1, "width": 2}"#);
    assert!(
        repeated.starts_with("duplicate field `width`"),
        "{repeated}"
    );
    let mistyped = message(r#"{"width": "wide"}"#);
    assert!(
        mistyped.starts_with("invalid type: string \"wide\", expected i64"),
        "{mistyped}"
    );
    let null = message(r#"{"width": null}"#);
    assert!(
        null.starts_with("invalid type: null, expected i64"),
        "{null}"
    );
    let not_an_object = message("[1, 2]");
    assert!(
        not_an_object.starts_with("invalid type: sequence, expected struct Dimensions"),
        "{not_an_object}"
    );
    let item = decode::<Item>(r#"{"id": "a", "price": 1.5}"#)
        .err()
        .unwrap_or_default();
    assert!(item.starts_with("missing field `name`"), "{item}");
}

#[test]
fn a_struct_decodes_from_a_json_value_too() {
    let value = serde_json::json!({ "width": 7, "unknown": true });
    let dimensions: Dimensions =
        serde::Deserialize::deserialize(&value).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((dimensions.width, dimensions.height), (7, None));
}
