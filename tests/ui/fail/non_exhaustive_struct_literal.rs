//! Generated types are `#[non_exhaustive]`: they are built with `new`, never with a literal,
//! even one that sets every field (`ItemInput`, of the `struct_fields` snapshot).

use tests::snapshots::struct_fields::shop::ItemInput;

fn main() {
    let _body = ItemInput {
        name: "box".to_owned(),
        price: None,
        note: None,
        tags: None,
        dimensions: None,
    };
}
