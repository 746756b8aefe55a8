//! A section's lists (parameters, body and response fields, domain types) and code
//! blocks (the operations' examples).

use super::*;

impl<'t> Walker<'_, 't> {
    pub(super) fn list(
        &mut self,
        items: Vec<Item<'t>>,
        offset: usize,
        flat: bool,
    ) -> Result<(), Diagnostic> {
        let where_ = self.where_();
        let mut items = if flat {
            collapsed::nest(self.page, items, &where_)?
        } else {
            items
        };
        for item in &mut items {
            item.take_skipped(&mut self.out.skipped);
        }
        let reader = Reader { page: self.page };
        match &mut self.context {
            Context::Operation(state) => match &state.part {
                Part::Params(place) => {
                    for item in &items {
                        let field = reader.field(item, &where_)?;
                        state.operation.params.push(PageParam {
                            place: *place,
                            field,
                        });
                    }
                    return Ok(());
                }
                Part::Body | Part::Returns => {
                    let fields = match state.part {
                        Part::Body => state
                            .body
                            .get_or_insert((self.page.pos(offset), Vec::new())),
                        _ => state
                            .returns
                            .get_or_insert((self.page.pos(offset), Vec::new())),
                    };
                    for item in &items {
                        fields.1.push(reader.field(item, &where_)?);
                    }
                    return Ok(());
                }
                _ => {}
            },
            Context::DomainTypes(heading) => {
                for item in &items {
                    let (name, ty) = reader.named_type(item, &where_)?;
                    self.out.named_types.push(NamedType {
                        pos: self.page.pos(item.offset),
                        name,
                        heading: heading.clone(),
                        sections: self.sections.clone(),
                        ty,
                        description: item.description.clone(),
                    });
                }
                return Ok(());
            }
            Context::Outside => {}
        }
        for item in &items {
            let text = match &item.code {
                Ok(code) => &*code.text,
                Err(_) => item.description.as_ref().map_or("", |d| d.text.as_str()),
            };
            self.skip(
                item.offset,
                text,
                "a list outside the parameters, returns and domain types",
            );
        }
        Ok(())
    }

    pub(super) fn code(
        &mut self,
        lang: &str,
        content: &str,
        offset: usize,
        closed: bool,
    ) -> Result<(), Diagnostic> {
        if !closed {
            return Err(self.page.error(
                offset,
                &self.where_(),
                "expected the code block to end with a closing ``` before the end of the page",
            ));
        }
        let where_ = self.where_();
        if let Context::Operation(state) = &mut self.context {
            match state.part {
                Part::Example if lang == "http" || content.trim_start().starts_with("curl") => {
                    let curl = example::curl(self.page, content)
                        .map_err(|e| self.page.error(offset, &where_, e))?;
                    for ignored in &curl.ignored {
                        self.out.skipped.push(Skipped {
                            pos: curl.request.pos,
                            text: ignored.clone(),
                            why: "a curl argument the model does not hold".to_owned(),
                        });
                    }
                    state.operation.examples.push(PageExample {
                        request: Some(curl.request),
                        response: None,
                    });
                    return Ok(());
                }
                Part::Response => {
                    let response = ExampleResponse {
                        pos: self.page.pos(offset),
                        status: None,
                        headers: Vec::new(),
                        body: Some(example::body(self.page, content)),
                    };
                    match state.operation.examples.last_mut() {
                        Some(last) if last.response.is_none() => last.response = Some(response),
                        _ => state.operation.examples.push(PageExample {
                            request: None,
                            response: Some(response),
                        }),
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        self.skip(offset, content, "a code block outside an example");
        Ok(())
    }
}
