//! Three required fields, even of different kinds, are set by name: the one left out is
//! named by the compiler (`Item`, of the `struct_fields` snapshot).

use tests::snapshots::struct_fields::shop::{Item, ItemRequired};

fn main() {
    let _item = Item::new(ItemRequired {
        id: "i1".into(),
        name: "box".into(),
    });
}
