//! Read-only fields are set by the server: request types leave them out, so they can be
//! neither set nor read (`ItemInput.id` and `Dimensions.volume`, of the `struct_fields`
//! snapshot; the response type `Item` keeps its `id`).

use tests::snapshots::struct_fields::shop::{Dimensions, ItemInput};

fn main() {
    let request = ItemInput::new("box", Some(2.5));
    let _id = &request.id;
    let _request = request.with_id("i1");
    let _volume = Dimensions::new(2).volume;
}
