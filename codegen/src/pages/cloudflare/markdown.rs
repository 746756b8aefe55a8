//! (being written)

use crate::diagnostics::Diagnostics;
use crate::pages::source::PageText;
use crate::pages::{Hints, Page};

pub fn read(page: &PageText<'_>, _hints: &Hints) -> Result<Page, Diagnostics> {
    Err(Diagnostics::new(vec![page.error(
        0,
        "",
        "this layout has no reader yet",
    )]))
}
