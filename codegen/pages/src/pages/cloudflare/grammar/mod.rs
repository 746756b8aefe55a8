//! The grammar of a Cloudflare reference item, shared by both readers: what an item's
//! code span says, and how the items listed under it fill in the type it announces.
//!
//! Every parameter, field, enum value, union variant and domain type is a list item whose
//! text starts with a code span. The span is one of:
//!
//! ```text
//! field       name: [optional] TYPE             parameters, body fields, object members
//! value       "github" | true | 12              under an enum or a literal
//! variant     TYPE | Name ['object'] { … }      under a union (`D1SingleQuery object { sql }`)
//! named type  Name ['object'] { … } | Name = TYPE        a `## Domain Types` entry
//!
//! TYPE     := primary (' or ' (primary | N ' more'))*     `N more` only last
//! primary  := 'array of ' TYPE                  takes the whole rest, its `or`s included
//!           | 'map[' TYPE ']'                    `map[object { a } ]`: spaces allowed
//!           | ['object'] '{' members '}'         `object { … }` (Markdown), `{ … }` (collapsed)
//!           | Name [['object'] '{' members '}']  a named type, or a named object
//!           | '"…"' | 'true' | 'false' | number  literals
//!           | 'string' | 'number' | 'integer' | 'boolean' | 'unknown'
//! members  := [member (', ' member)* [', ' N ' more']]  `a, b, 3 more`: five members
//! ```
//!
//! Any run of whitespace separates words (`object { sql }  or object { batch }` has two
//! spaces). A Name starts with an ASCII capital letter, so that it cannot be mistaken for a
//! built-in type. Literals joined by `or` are one enum (`"a" or "b" or 2 more`: four
//! values); alternatives of other kinds are a union (`number or string`). Cloudflare
//! fields are required unless marked `optional`.
//!
//! The items listed under an item fill in its type ([`Reader::field`]): under an object
//! they are its members, under an enum its values, under a union its variants, through
//! any `array of` and `map[…]`. A count announced in the type must match the items listed;
//! an object whose members are not listed at all is read as announced only (Cloudflare
//! lists a type's members once and afterwards only announces them, as the second
//! `source: optional object { pointer }` of a `ResponseInfo`): its `fields` are empty and
//! its `announced` and `announced_count` say what the page announced (`announced_count` is
//! the names written plus `N more`, whenever the type is written with braces). An enum or
//! union whose values or variants are not listed has those its type spells out, at the
//! item's position. A named type with items under it (`array of ResponseInfo`, `result:
//! D1`) becomes an object of that name with those members (no count was announced); without
//! items it stays [`PageType::Named`]. Items under a type that has no members, values or
//! variants (`string`) are a mistake.

mod items;
mod span;
#[cfg(test)]
mod tests;

pub use items::*;
pub use span::*;
