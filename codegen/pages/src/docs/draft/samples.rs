//! What a page's samples say that its types do not: members sent as `null` where the type
//! does not allow it, and members an answer leaves out where the type says they are always
//! there (Workers' secrets: `text: string`, never sent back). A client that followed the
//! type would refuse the samples; the draft follows the samples, and says so.

use codegen_spec::diagnostics::Pos;
use serde_json::Value;

use crate::pages::{PageObject, PageOperation, PageType};

/// The page's fields the samples contradict, by where the page lists them.
#[derive(Debug, Clone, Default)]
pub struct SampleFindings {
    /// Sent as `null` by a sample.
    pub nulls: Vec<Pos>,
    /// Required, but left out of an answer's sample.
    pub absent: Vec<Pos>,
}

impl SampleFindings {
    /// Reads an operation's samples: its request bodies and its answers (`result_field`
    /// of them, for an enveloped answer).
    pub fn collect(
        &mut self,
        op: &PageOperation,
        result: Option<&PageType>,
        result_field: Option<&str>,
    ) {
        for example in &op.examples {
            let request = example.request.as_ref().and_then(|r| r.body.as_ref());
            if let (Some(body), Some(sample)) = (&op.body, request.and_then(|b| b.json.as_ref())) {
                self.read(&body.shape, sample, false);
            }
            let answer = example.response.as_ref().and_then(|r| r.body.as_ref());
            if let (Some(result), Some(sample)) = (result, answer.and_then(|b| b.json.as_ref())) {
                let sample = match result_field {
                    Some(field) => sample.get(field).unwrap_or(&Value::Null),
                    None => sample,
                };
                self.read(result, sample, true);
            }
        }
    }

    fn read(&mut self, ty: &PageType, sample: &Value, answer: bool) {
        match (ty, sample) {
            (PageType::Object(object), Value::Object(members)) => {
                for field in &object.fields {
                    match members.get(&field.name) {
                        Some(Value::Null) => self.nulls.push(field.pos),
                        Some(value) => self.read(&field.ty, value, answer),
                        None if answer && field.required => self.absent.push(field.pos),
                        None => {}
                    }
                }
            }
            (PageType::Array(item), Value::Array(items)) => {
                for value in items {
                    self.read(item, value, answer);
                }
            }
            (PageType::Map(item), Value::Object(members)) => {
                for value in members.values() {
                    self.read(item, value, answer);
                }
            }
            // The variant the sample is: the one whose literal members (a tag) it matches.
            // Where several match, a member left out tells nothing: it may be another's.
            (PageType::Union(variants), Value::Object(_)) => {
                let matching: Vec<&PageType> = variants
                    .iter()
                    .map(|v| &v.ty)
                    .filter(|ty| matches!(ty, PageType::Object(o) if literals_match(o, sample)))
                    .collect();
                let one = matching.len() == 1;
                for ty in matching {
                    self.read(ty, sample, answer && one);
                }
            }
            _ => {}
        }
    }

    /// What the samples say of the fields inside `ty`, by name: types of one shape that the
    /// samples read differently are not one type.
    pub fn marks(&self, ty: &PageType) -> String {
        let mut marks = Vec::new();
        self.mark(ty, &mut marks, 0);
        marks.join(",")
    }

    fn mark(&self, ty: &PageType, marks: &mut Vec<String>, depth: usize) {
        if depth > super::shapes::MAX_DEPTH {
            return;
        }
        match ty {
            PageType::Object(object) => {
                for field in &object.fields {
                    if self.nulls.contains(&field.pos) {
                        marks.push(format!("{}:null", field.name));
                    }
                    if self.absent.contains(&field.pos) {
                        marks.push(format!("{}:absent", field.name));
                    }
                    self.mark(&field.ty, marks, depth + 1);
                }
            }
            PageType::Array(item) | PageType::Map(item) => self.mark(item, marks, depth + 1),
            PageType::Union(variants) => {
                for variant in variants {
                    self.mark(&variant.ty, marks, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// Whether every one-value member of the object (a tag, `type: "secret_text"`) has that
/// value in the sample, or is absent from it.
fn literals_match(object: &PageObject, sample: &Value) -> bool {
    object.fields.iter().all(|field| match &field.ty {
        PageType::Enum(values) if values.len() == 1 => sample
            .get(&field.name)
            .is_none_or(|value| *value == values[0].value),
        _ => true,
    })
}
