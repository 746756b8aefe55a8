//! The reader behind [`Item`]'s `FromStr`: an item's words, read in the order
//! [`Item`]'s `Display` writes them.

use super::*;

/// Reads one item; what was expected where it is not one.
pub(super) fn item(text: &str) -> Result<Item, String> {
    let words = words(text)?;
    let mut reader = Words {
        words: &words,
        at: 0,
    };
    let item = reader.item()?;
    match reader.words.get(reader.at) {
        None => Ok(item),
        Some(extra) => Err(format!("unexpected `{extra}` after the item")),
    }
}

/// The words of an item: runs of non-spaces, where a quoted part (`"a b"`, JSON with its
/// escapes) is part of its word whatever it holds.
fn words(text: &str) -> Result<Vec<&str>, String> {
    let mut words = Vec::new();
    let mut start = None;
    let mut quotes = Quotes::default();
    for (i, c) in text.char_indices() {
        if quotes.outside(c) && c == ' ' {
            if let Some(s) = start.take() {
                words.push(&text[s..i]);
            }
            continue;
        }
        start.get_or_insert(i);
    }
    if !quotes.closed() {
        return Err("a quoted text is not closed".to_owned());
    }
    words.extend(start.map(|s| &text[s..]));
    Ok(words)
}

/// A reader of an item's words in order.
struct Words<'w> {
    words: &'w [&'w str],
    at: usize,
}

impl<'w> Words<'w> {
    fn next(&mut self, what: &str) -> Result<&'w str, String> {
        let word = self
            .words
            .get(self.at)
            .ok_or_else(|| format!("expected {what}, found the end"))?;
        self.at += 1;
        Ok(word)
    }

    fn expect(&mut self, word: &str) -> Result<(), String> {
        match self.next(&format!("`{word}`"))? {
            found if found == word => Ok(()),
            found => Err(format!("expected `{word}`, found `{found}`")),
        }
    }

    /// Takes `word` if it is next.
    fn flag(&mut self, word: &str) -> bool {
        let there = self.words.get(self.at) == Some(&word);
        self.at += usize::from(there);
        there
    }

    /// Takes `name=VALUE` if it is next: its value.
    fn attribute(&mut self, name: &str) -> Option<&'w str> {
        let value = self
            .words
            .get(self.at)?
            .strip_prefix(name)?
            .strip_prefix('=')?;
        self.at += 1;
        Some(value)
    }

    fn required(&mut self) -> Result<bool, String> {
        match self.next("`required` or `optional`")? {
            "required" => Ok(true),
            "optional" => Ok(false),
            other => Err(format!(
                "expected `required` or `optional`, found `{other}`"
            )),
        }
    }

    fn owned(&mut self, what: &str) -> Result<String, String> {
        self.next(what).map(str::to_owned)
    }

    fn item(&mut self) -> Result<Item, String> {
        let first = *self
            .words
            .first()
            .ok_or("expected an item, found nothing")?;
        if first.starts_with('"') {
            return self.docs();
        }
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            return self.examples();
        }
        self.at = 1;
        Ok(match first {
            "service" => Item::Service {
                client: self.owned("the client's name")?,
                feature: self
                    .attribute("feature")
                    .ok_or("expected `feature=NAME`")?
                    .to_owned(),
            },
            "resource" => Item::Resource {
                api: self.owned("the resource's API name")?,
            },
            "operation" => Item::Operation(self.operation()?),
            "body" => Item::Body {
                ty: self.owned("the body's type")?,
                variant_of: self.attribute("variant-of").map(str::to_owned),
            },
            "field" => Item::Field(self.field()?),
            "value" => Item::Value {
                ident: self.owned("the value's variant")?,
            },
            "variant" => {
                let first = self.owned("the variant")?;
                match self.words.get(self.at) {
                    Some(ty) => {
                        self.at += 1;
                        Item::Variant {
                            ident: Some(first),
                            ty: (*ty).to_owned(),
                        }
                    }
                    None => Item::Variant {
                        ident: None,
                        ty: first,
                    },
                }
            }
            location => match ParamLocation::ALL
                .into_iter()
                .find(|l| l.as_str() == location)
            {
                Some(location) => Item::Param(self.param(location)?),
                None => Item::Type(self.type_item(first)?),
            },
        })
    }

    fn docs(&mut self) -> Result<Item, String> {
        let paragraphs = self
            .words
            .iter()
            .map(|word| {
                serde_json::from_str::<String>(word)
                    .map_err(|_| format!("expected a quoted paragraph, found `{word}`"))
            })
            .collect::<Result<_, _>>()?;
        self.at = self.words.len();
        Ok(Item::Docs(paragraphs))
    }

    fn examples(&mut self) -> Result<Item, String> {
        let count = self.next("a count")?;
        let count = count
            .parse()
            .map_err(|_| format!("expected a count of examples, found `{count}`"))?;
        let digest = self.next("`sha256:DIGEST`")?;
        let digest = digest
            .strip_prefix("sha256:")
            .ok_or_else(|| format!("expected `sha256:DIGEST`, found `{digest}`"))?;
        Ok(Item::Examples {
            count,
            digest: digest.to_owned(),
        })
    }

    fn operation(&mut self) -> Result<OperationItem, String> {
        let method = self.owned("the method")?;
        let path = self.owned("the path")?;
        self.expect("->")?;
        let result = self.owned("the result type")?;
        let status = self.next("`(STATUS)`")?;
        let status = status
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("expected `(STATUS)`, found `{status}`"))?;
        let paging = if self.flag("paged") {
            Some(Paging::Page)
        } else if self.flag("cursor") {
            Some(Paging::Cursor)
        } else {
            None
        };
        Ok(OperationItem {
            method,
            path,
            result,
            status,
            paging,
            no_token: self.flag("no-token"),
        })
    }

    fn param(&mut self, location: ParamLocation) -> Result<ParamItem, String> {
        self.expect("parameter")?;
        Ok(ParamItem {
            location,
            ty: self.owned("the parameter's type")?,
            required: self.required()?,
            setter: self.attribute("setter").map(str::to_owned),
            secret: self.flag("secret"),
        })
    }

    fn type_item(&mut self, kind: &str) -> Result<TypeItem, String> {
        let kind = match kind {
            "struct" => TypeItemKind::Struct {
                new: self.attribute("new").map(str::to_owned),
            },
            "enum" => TypeItemKind::Enum,
            "union" => TypeItemKind::Union,
            "tagged-union" => {
                let tag = self.attribute("tag").ok_or("expected `tag=\"TAG\"`")?;
                TypeItemKind::Tagged {
                    tag: serde_json::from_str(tag)
                        .map_err(|_| format!("expected a quoted tag, found `{tag}`"))?,
                    fallback: self.flag("fallback"),
                }
            }
            "alias" => TypeItemKind::Alias(self.owned("the alias's target")?),
            other => return Err(format!("expected an item's kind, found `{other}`")),
        };
        let side = self.next("the type's side")?;
        let side = TypeSide::ALL
            .iter()
            .find(|(_, name)| *name == side)
            .map(|(side, _)| *side)
            .ok_or_else(|| format!("expected the type's side, found `{side}`"))?;
        let module = self.attribute("in").ok_or("expected `in=MODULE`")?;
        Ok(TypeItem {
            kind,
            side,
            module: module.to_owned(),
        })
    }

    fn field(&mut self) -> Result<FieldItem, String> {
        // Fields are read in the order written, as the flags are printed.
        Ok(FieldItem {
            ident: self.owned("the field's identifier")?,
            ty: self.owned("the field's type")?,
            required: self.required()?,
            nullable: self.flag("nullable"),
            read_only: self.flag("read-only"),
            flatten: self.flag("flatten"),
            unique: self.flag("unique"),
            one_of: self.flag("one-of"),
            constant: self.attribute("constant").map(str::to_owned),
        })
    }
}
