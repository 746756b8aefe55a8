//! The items listed under an item, filling in the type its span announces.

use std::borrow::Cow;

use serde_json::Value;

use crate::pages::model::{
    Badges, EnumValue, PageField, PageObject, PageType, Skipped, Text, UnionVariant,
};
use crate::pages::source::PageText;
use codegen_spec::diagnostics::{Diagnostic, Pos};

use super::span::*;

/// One list item of a reference page: its code span, the prose after it, and the items
/// listed under it.
#[derive(Debug, Clone)]
pub struct Item<'t> {
    /// Where the item starts (its `-`), a byte offset in the page.
    pub offset: usize,
    /// The code span's content; or where and why the item has none.
    pub code: Result<Code<'t>, SpanError>,
    pub description: Option<Text>,
    /// The marks written under the item (a format, bounds, a deprecation).
    pub badges: Badges,
    /// Whether the page says the items under it are alternatives ("One of the
    /// following:"): a named type's variants or values, rather than its members.
    pub alternatives: bool,
    pub children: Vec<Item<'t>>,
    /// Text inside the item that is none of the above.
    pub skipped: Vec<Skipped>,
}

/// An item's code span as the grammar reads it, and where it is on the page.
#[derive(Debug, Clone)]
pub struct Code<'t> {
    pub text: Cow<'t, str>,
    /// Where `text` starts on the page, a byte offset.
    pub offset: usize,
    /// The page offset of each byte of `text` when the text is rewritten from the page's
    /// (escapes removed, lost spaces put back); empty when it is a slice of the page.
    origins: Vec<usize>,
}

impl<'t> Code<'t> {
    /// A code span that is a slice of the page at `offset`.
    pub fn slice(text: &'t str, offset: usize) -> Self {
        Self {
            text: Cow::Borrowed(text),
            offset,
            origins: Vec::new(),
        }
    }

    /// A code span rewritten from the page's text: `origins[i]` is the page offset of
    /// byte `i` of `text`.
    pub fn rewritten(text: String, origins: Vec<usize>) -> Self {
        Self {
            offset: origins.first().copied().unwrap_or_default(),
            text: Cow::Owned(text),
            origins,
        }
    }

    /// The page offset of byte `at` of the text.
    pub fn page_offset(&self, at: usize) -> usize {
        if self.origins.is_empty() {
            return self.offset.saturating_add(at);
        }
        self.origins
            .get(at)
            .or(self.origins.last())
            .copied()
            .unwrap_or(self.offset)
    }
}

impl std::fmt::Display for Code<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl Item<'_> {
    /// Moves the skipped text of the item and those under it to `out`.
    pub fn take_skipped(&mut self, out: &mut Vec<Skipped>) {
        out.append(&mut self.skipped);
        for child in &mut self.children {
            child.take_skipped(out);
        }
    }
}

/// Turns items into the model, reporting what does not fit with the page's file and line.
pub struct Reader<'p, 't> {
    pub page: &'p PageText<'t>,
}

impl<'t> Reader<'_, 't> {
    fn pos(&self, item: &Item<'_>) -> Pos {
        self.page.pos(item.offset)
    }

    /// The item's code span, or the error of an item without one.
    fn code<'i, 'c>(&self, item: &'c Item<'i>, where_: &str) -> Result<&'c Code<'i>, Diagnostic> {
        match &item.code {
            Ok(code) => Ok(code),
            Err(e) => Err(self.page.error(e.offset, where_, e.message.clone())),
        }
    }

    fn span_error(&self, code: &Code<'_>, where_: &str, e: SpanError) -> Diagnostic {
        self.page
            .error(code.page_offset(e.offset), where_, e.message)
    }

    /// A field: `name: optional TYPE` and what is listed under it.
    pub fn field(&self, item: &Item<'_>, where_: &str) -> Result<PageField, Diagnostic> {
        self.field_at(item, where_, 0)
    }

    fn field_at(
        &self,
        item: &Item<'_>,
        where_: &str,
        depth: usize,
    ) -> Result<PageField, Diagnostic> {
        let code = self.code(item, where_)?;
        let span = field(&code.text).map_err(|e| self.span_error(code, where_, e))?;
        let inner = format!("{where_} > {}", span.name);
        let ty = self.shape(&span.ty, &code.text, item, &inner, depth)?;
        let badges = array_bounds(item.badges.clone(), &ty);
        Ok(PageField {
            pos: self.pos(item),
            name: span.name.to_owned(),
            ty,
            type_text: span.type_text.to_owned(),
            required: !span.optional,
            read_only: false,
            nullable: false,
            unique_items: false,
            description: item.description.clone(),
            example: None,
            badges,
        })
    }

    /// A domain type: `Name object { … }` or `Name = TYPE`, and what is listed under it.
    pub fn named_type(
        &self,
        item: &Item<'_>,
        where_: &str,
    ) -> Result<(String, PageType), Diagnostic> {
        let code = self.code(item, where_)?;
        let span = type_span(&code.text).map_err(|e| self.span_error(code, where_, e))?;
        let Some(name) = span.name else {
            return Err(self.page.error(
                code.offset,
                where_,
                format!(
                    "expected a named type `Name object {{ … }}` or `Name = type`, found `{}`",
                    code.text
                ),
            ));
        };
        let inner = format!("{where_} > {name}");
        let ty = self.shape(&span.ty, &code.text, item, &inner, 0)?;
        Ok((name.to_owned(), ty))
    }

    /// The model's type of `ty`, filled in with the items listed under `item`.
    fn shape(
        &self,
        ty: &Ty,
        code: &str,
        item: &Item<'_>,
        where_: &str,
        depth: usize,
    ) -> Result<PageType, Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(self.page.error(
                item.offset,
                where_,
                format!("expected items nested at most {MAX_DEPTH} deep"),
            ));
        }
        let at = At {
            code,
            item,
            where_,
            depth,
        };
        let regrouped = regroup_array_union(ty, item);
        Ok(match regrouped.as_ref().unwrap_or(ty) {
            Ty::Unstated => {
                self.no_items(&at, "which gives no type")?;
                PageType::Unstated
            }
            Ty::Array(inner) => {
                PageType::Array(Box::new(self.shape(inner, code, item, where_, depth)?))
            }
            Ty::Map(inner) => {
                PageType::Map(Box::new(self.shape(inner, code, item, where_, depth)?))
            }
            Ty::Primitive(primitive) => {
                self.no_items(&at, "whose type has no members, values or variants")?;
                PageType::from_primitive(*primitive).unwrap_or(PageType::Unknown)
            }
            Ty::Literals { values, more } => self.literals(&at, values, *more)?,
            Ty::Object {
                name,
                announced,
                more,
            } => self.object(&at, name, announced, *more)?,
            Ty::Named(name) => self.named(&at, name)?,
            Ty::Union { alternatives, more } => self.union(&at, alternatives, *more)?,
        })
    }

    /// Refuses items under a type that lists none; `why` says why it lists none.
    fn no_items(&self, at: &At<'_, '_>, why: &str) -> Result<(), Diagnostic> {
        match at.item.children.first() {
            Some(first) => Err(self.page.error(
                first.offset,
                at.where_,
                format!("expected no items under `{}`, {why}", at.code),
            )),
            None => Ok(()),
        }
    }

    /// The items under `at` are not as many as its type announces.
    fn count_error(&self, at: &At<'_, '_>, announced: usize, what: &str) -> Diagnostic {
        let listed = at.item.children.len();
        self.page.error(
            at.item.offset,
            at.where_,
            format!(
                "`{}` announces {announced} {what} but {listed} {} listed",
                at.code,
                if listed == 1 { "is" } else { "are" }
            ),
        )
    }

    /// An enum of the literals the type announces, its values listed under it or not.
    fn literals(
        &self,
        at: &At<'_, '_>,
        values: &[Value],
        more: usize,
    ) -> Result<PageType, Diagnostic> {
        let children = &at.item.children;
        if children.is_empty() {
            let pos = self.pos(at.item);
            return Ok(PageType::Enum(
                values
                    .iter()
                    .map(|value| EnumValue {
                        value: value.clone(),
                        pos,
                        description: None,
                    })
                    .collect(),
            ));
        }
        let mut listed = Vec::with_capacity(children.len());
        for (i, child) in children.iter().enumerate() {
            let value = self.value(child, at.where_)?;
            if let Some(announced) = values.get(i)
                && *announced != value
            {
                return Err(self.page.error(
                    child.offset,
                    at.where_,
                    format!(
                        "expected the value {announced} that `{}` announces, found {value}",
                        at.code
                    ),
                ));
            }
            listed.push(EnumValue {
                value,
                pos: self.pos(child),
                description: child.description.clone(),
            });
        }
        let count = values.len().saturating_add(more);
        if listed.len() != count {
            return Err(self.count_error(at, count, "values"));
        }
        Ok(PageType::Enum(listed))
    }

    /// An object and the members listed under it, in the order it announces them.
    fn object(
        &self,
        at: &At<'_, '_>,
        name: &Option<String>,
        announced: &[String],
        more: usize,
    ) -> Result<PageType, Diagnostic> {
        let children = &at.item.children;
        let count = announced.len().saturating_add(more);
        let mut fields = Vec::with_capacity(children.len());
        for (i, child) in children.iter().enumerate() {
            let field = self.field_at(child, at.where_, at.depth + 1)?;
            if let Some(expected) = announced.get(i)
                && *expected != field.name
            {
                return Err(self.page.error(
                    child.offset,
                    at.where_,
                    format!(
                        "expected the member `{expected}` that `{}` announces, found `{}`",
                        at.code, field.name
                    ),
                ));
            }
            fields.push(field);
        }
        if !fields.is_empty() && fields.len() != count {
            return Err(self.count_error(at, count, "members"));
        }
        Ok(PageType::Object(PageObject {
            name: name.clone(),
            announced: announced.to_vec(),
            announced_count: Some(count),
            fields,
        }))
    }

    /// A type by name: without items, a reference; with items, a named union or enum
    /// (alternatives) or a named object (members).
    fn named(&self, at: &At<'_, '_>, name: &str) -> Result<PageType, Diagnostic> {
        let children = &at.item.children;
        if children.is_empty() {
            return Ok(PageType::Named(name.to_owned()));
        }
        if at.item.alternatives {
            // A named union or enum, its variants or values listed.
            let first = self.code(&children[0], at.where_)?;
            let listed = type_span(&first.text).map(|span| span.ty);
            let ty = match listed {
                Ok(Ty::Literals { .. }) => Ty::Literals {
                    values: Vec::new(),
                    more: children.len(),
                },
                _ => Ty::Union {
                    alternatives: Vec::new(),
                    more: children.len(),
                },
            };
            return self.shape(&ty, at.code, at.item, at.where_, at.depth + 1);
        }
        let fields = children
            .iter()
            .map(|child| self.field_at(child, at.where_, at.depth + 1))
            .collect::<Result<_, _>>()?;
        Ok(PageType::Object(PageObject {
            name: Some(name.to_owned()),
            announced: Vec::new(),
            announced_count: None,
            fields,
        }))
    }

    /// A union of the alternatives the type announces, its variants listed under it or
    /// not.
    fn union(
        &self,
        at: &At<'_, '_>,
        alternatives: &[Ty],
        more: usize,
    ) -> Result<PageType, Diagnostic> {
        let children = &at.item.children;
        if children.is_empty() {
            let pos = self.pos(at.item);
            let variants = alternatives
                .iter()
                .map(|alternative| {
                    let leaf = leaf(at.item);
                    Ok(UnionVariant {
                        ty: self.shape(alternative, at.code, &leaf, at.where_, at.depth + 1)?,
                        pos,
                        description: None,
                    })
                })
                .collect::<Result<_, Diagnostic>>()?;
            return Ok(PageType::Union(variants));
        }
        let mut variants = Vec::with_capacity(children.len());
        for (i, child) in children.iter().enumerate() {
            variants.push(self.variant(at, child, alternatives.get(i), i)?);
        }
        let count = alternatives.len().saturating_add(more);
        if variants.len() != count {
            return Err(self.count_error(at, count, "variants"));
        }
        Ok(PageType::Union(variants))
    }

    /// The `i`th variant listed under a union, which should be the type it announces
    /// there (`alternative`), if it announces one.
    fn variant(
        &self,
        at: &At<'_, '_>,
        child: &Item<'_>,
        alternative: Option<&Ty>,
        i: usize,
    ) -> Result<UnionVariant, Diagnostic> {
        let (code, where_) = (at.code, at.where_);
        let child_span = self.code(child, where_)?;
        let child_code: &str = &child_span.text;
        if looks_like_field(child_code) {
            return Err(self.page.error(
                child.offset,
                where_,
                format!("expected a variant of `{code}` (a type), found the field `{child_code}`"),
            ));
        }
        let span = type_span(child_code).map_err(|e| self.span_error(child_span, where_, e))?;
        if span.alias {
            return Err(self.page.error(
                child.offset,
                where_,
                format!("expected a variant of `{code}`, found `{child_code}`"),
            ));
        }
        if let Some(alternative) = alternative
            && alternative.unnamed() != span.ty.unnamed()
        {
            return Err(self.page.error(
                child.offset,
                where_,
                format!(
                    "expected variant {} of `{code}` to be the type it announces, found `{child_code}`",
                    i + 1
                ),
            ));
        }
        let inner = match span.name {
            Some(name) => format!("{where_} > {name}"),
            None => where_.to_owned(),
        };
        Ok(UnionVariant {
            ty: self.shape(&span.ty, child_code, child, &inner, at.depth + 1)?,
            pos: self.pos(child),
            description: child.description.clone(),
        })
    }

    /// An enum value's item: `"github"`, `true`.
    fn value(&self, item: &Item<'_>, where_: &str) -> Result<Value, Diagnostic> {
        let code_span = self.code(item, where_)?;
        let code: &str = &code_span.text;
        let expected = || {
            self.page.error(
                item.offset,
                where_,
                format!(
                    "expected a value (`\"text\"`, `true`, `false` or a number), found `{code}`"
                ),
            )
        };
        if looks_like_field(code) {
            return Err(expected());
        }
        let span = type_span(code).map_err(|e| self.span_error(code_span, where_, e))?;
        match span.ty {
            Ty::Literals {
                mut values,
                more: 0,
            } if values.len() == 1 && span.name.is_none() => {
                if let Some(first) = item.children.first() {
                    return Err(self.page.error(
                        first.offset,
                        where_,
                        format!("expected no items under the value `{code}`"),
                    ));
                }
                values.pop().ok_or_else(expected)
            }
            _ => Err(expected()),
        }
    }
}

/// Where a type is being filled in: its code span's text, the item it is written on,
/// where on the page, and how deep in the item's tree.
struct At<'a, 'i> {
    code: &'a str,
    item: &'a Item<'i>,
    where_: &'a str,
    depth: usize,
}

/// The item without what is listed under it, for a union's alternatives when no variants
/// are listed.
fn leaf<'t>(item: &Item<'t>) -> Item<'t> {
    Item {
        offset: item.offset,
        code: item.code.clone(),
        description: None,
        badges: Badges::default(),
        alternatives: false,
        children: Vec::new(),
        skipped: Vec::new(),
    }
}

/// `array of string or boolean` announces an array of a union; when the first variant
/// listed under it is itself an array (`array of string`), the page means a union whose
/// first variant is the array (`(array of string) or boolean`), as the current layout
/// writes it. `None` when the type stays as it is.
fn regroup_array_union(ty: &Ty, item: &Item<'_>) -> Option<Ty> {
    let Ty::Array(inner) = ty else {
        return None;
    };
    let Ty::Union { alternatives, more } = inner.as_ref() else {
        return None;
    };
    let first = item.children.first()?.code.as_ref().ok()?;
    let listed = type_span(&first.text).ok()?.ty;
    let first_alternative = alternatives.first()?;
    if listed.unnamed() != Ty::Array(Box::new(first_alternative.unnamed())) {
        return None;
    }
    let mut regrouped = vec![Ty::Array(Box::new(first_alternative.clone()))];
    regrouped.extend(alternatives.iter().skip(1).cloned());
    Some(Ty::Union {
        alternatives: regrouped,
        more: *more,
    })
}

/// A length the page writes under an array (`minLength1` under `errors: array of …`) is
/// its number of items.
fn array_bounds(mut badges: Badges, ty: &PageType) -> Badges {
    if matches!(ty, PageType::Array(_)) {
        for bound in &mut badges.bounds {
            bound.kind = match bound.kind {
                crate::pages::model::BoundKind::MinLength => {
                    crate::pages::model::BoundKind::MinItems
                }
                crate::pages::model::BoundKind::MaxLength => {
                    crate::pages::model::BoundKind::MaxItems
                }
                other => other,
            };
        }
    }
    badges
}
