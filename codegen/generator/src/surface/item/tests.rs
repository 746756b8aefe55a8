use super::*;

#[test]
fn items_read_back_as_written() {
    for text in [
        "service CloudflareClient feature=cloudflare",
        "resource TriggersApi",
        "operation GET /a/{id} -> Vec<Item> (200) paged no-token",
        "operation DELETE /a -> () (204)",
        "query parameter Option<i64> optional setter=per_page secret",
        "path parameter String required",
        "body Create variant-of=Action",
        "struct new=ItemRequired request+response in=items",
        "tagged-union tag=\"a b\" fallback unused in=types",
        "alias BTreeMap<String,serde_json::Value> response in=types",
        "field r#type Option<String> required nullable read-only one-of constant=\"x y\"",
        "value Github",
        "variant Ship DeployStep",
        "variant Vec<String>",
        "\"A summary.\" \"Its \\\"description\\\".\"",
        "3 sha256:0a1b2c3d4e5f",
    ] {
        let item: Item = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(item.to_string(), text);
    }
}

#[test]
fn a_broken_item_says_what_was_expected() {
    assert_eq!(
        "field a String maybe".parse::<Item>(),
        Err("expected `required` or `optional`, found `maybe`".to_owned())
    );
    assert_eq!(
        "struct request in=items extra".parse::<Item>(),
        Err("unexpected `extra` after the item".to_owned())
    );
    assert_eq!(
        "gadget x".parse::<Item>(),
        Err("expected an item's kind, found `gadget`".to_owned())
    );
}
