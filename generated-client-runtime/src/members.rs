//! What generated structs' `Deserialize` impls are built from: a member name borrowed
//! from the input when it can be, and one function per step of reading a member, so that
//! each struct's impl is a short `visit_map` (see codegen's `emit/deserialize.rs`).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, Error, IgnoredAny, MapAccess, Visitor};

/// A member's name: borrowed from the input unless it had escapes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(value)))
            }
            fn visit_str<E: Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(value)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Reads the value of member `name` into its slot; a member seen twice is an error.
pub fn member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a member the struct does not have: the API may add members.
pub fn skip_member<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// A required member's value, or the error that names it.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As generated for `struct Item { id: u64, label: Option<String> }`.
    #[derive(Debug, PartialEq)]
    struct Item {
        id: u64,
        label: Option<String>,
    }

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct ItemVisitor;
            impl<'de> Visitor<'de> for ItemVisitor {
                type Value = Item;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("struct Item")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
                    let (mut id, mut label) = (None, None);
                    while let Some(key) = map.next_key::<Key<'de>>()? {
                        match key.as_str() {
                            "id" => member(&mut map, &mut id, "id")?,
                            "label" => member(&mut map, &mut label, "label")?,
                            _ => skip_member(&mut map)?,
                        }
                    }
                    Ok(Item {
                        id: required(id, "id")?,
                        label: label.flatten(),
                    })
                }
            }
            deserializer.deserialize_map(ItemVisitor)
        }
    }

    fn decode(text: &str) -> Result<Item, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn members_decode_as_serde_derive_would() {
        let item = |id, label: Option<&str>| Item {
            id,
            label: label.map(str::to_owned),
        };
        assert_eq!(decode(r#"{"id": 1, "label": "a"}"#), Ok(item(1, Some("a"))));
        assert_eq!(decode(r#"{"label": null, "id": 2}"#), Ok(item(2, None)));
        assert_eq!(
            decode(r#"{"id": 3, "new": [1, {"x": 2}]}"#),
            Ok(item(3, None))
        );
        assert_eq!(decode(r#"{"i\u0064": 4}"#), Ok(item(4, None)));
        let from_value = Item::deserialize(&serde_json::json!({ "id": 5, "label": "b" }));
        assert_eq!(
            from_value.map_err(|e| e.to_string()),
            Ok(item(5, Some("b")))
        );
    }

    #[test]
    fn missing_repeated_and_mistyped_members_fail_as_serde_derive_would() {
        let message = |text| decode(text).err().unwrap_or_default();
        assert!(message(r#"{"label": "a"}"#).starts_with("missing field `id`"));
        assert!(message(r#"{"id": 1, "id": 2}"#).starts_with("duplicate field `id`"));
        assert!(
            message(r#"{"id": "one"}"#).starts_with("invalid type: string \"one\", expected u64")
        );
        assert!(message(r#"[1, "a"]"#).starts_with("invalid type: sequence, expected struct Item"));
        assert!(message(r#"{"id": null}"#).starts_with("invalid type: null, expected u64"));
    }
}
