//! The usage example in each method's documentation: the page's own example, written as
//! a call through the generated API, formatted by prettyplease and compiled as a doctest.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;

use super::Context;
use super::rust_types::ident;
use super::structs::required;
use crate::model::{Field, Operation, RustType, Struct, TypeKind};
use codegen_spec::naming::unraw;

/// The lines of a `no_run` doctest that calls `op` through `client.<resource>()`.
pub fn lines(cx: &Context<'_>, resource: &str, op: &Operation) -> Vec<String> {
    let module_path = module_path(cx);
    let service = ident(&cx.service.name);
    let client = ident(&cx.service.client_name);
    let resource = ident(resource);
    let method = ident(&op.id);
    let example = op.example.as_ref();
    let mut args: Vec<TokenStream> = op
        .required_params()
        .map(|p| {
            let value = example
                .and_then(|e| e.params.iter().find(|(n, _)| *n == p.name))
                .map(|(_, v)| v);
            Sample { cx, depth: 0 }.value(&p.ty, value, &p.name)
        })
        .collect();
    // A required body is an argument; an optional one is set when the example sends it.
    let mut optional_body = TokenStream::new();
    if let Some(body) = op.body.as_ref().filter(|b| !b.implicit) {
        let sent = example.and_then(|e| e.body.as_ref());
        let value = Sample { cx, depth: 0 }.value(&body.ty, sent, "body");
        if body.required {
            args.push(value);
        } else if sent.is_some() {
            optional_body = quote!(.body(#value));
        }
    }
    // A raw answer is bytes: shown as the text they usually are.
    let print = if op.answers_raw() {
        quote! {
            let text = String::from_utf8_lossy(&result);
            println!("{text}");
        }
    } else {
        quote!(println!("{result:?}");)
    };
    let statements = quote! {
        let client = #module_path::#service::#client::from_env()?;
        let result = client.#resource().#method(#(#args),*)#optional_body.await?;
        #print
    };
    let mut lines = vec![
        "```no_run".to_owned(),
        "# async fn example() -> Result<(), generated_client::Error> {".to_owned(),
    ];
    lines.extend(format_statements(statements));
    lines.extend(["# Ok(())".to_owned(), "# }".to_owned(), "```".to_owned()]);
    lines
}

/// `generated_client`, or `tests::snapshots::case`, as tokens.
fn module_path(cx: &Context<'_>) -> TokenStream {
    let segments = cx.options.module_path.split("::").map(ident);
    quote!(#(#segments)::*)
}

/// Formats statements with prettyplease by wrapping them in a function.
fn format_statements(statements: TokenStream) -> Vec<String> {
    let wrapped = quote!(fn example() { #statements });
    let Ok(file) = syn::parse2::<syn::File>(wrapped) else {
        return vec![statements.to_string()];
    };
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    // Drop `fn example() {` and `}`; the body is indented by four spaces.
    lines[1..lines.len().saturating_sub(1)]
        .iter()
        .map(|line| line.strip_prefix("    ").unwrap_or(line).to_owned())
        .collect()
}

/// Builds sample values: the example's where it has one, a plausible placeholder where not.
struct Sample<'c, 'a> {
    cx: &'c Context<'a>,
    depth: usize,
}

impl<'a> Sample<'_, 'a> {
    fn path(&self, name: &str) -> TokenStream {
        let module_path = module_path(self.cx);
        let service = ident(&self.cx.service.name);
        let name = ident(name);
        quote!(#module_path::#service::#name)
    }

    /// An argument of `ty`, as constructors, setters and methods accept it.
    fn value(&self, ty: &RustType, json: Option<&Value>, name: &str) -> TokenStream {
        if self.depth > 8 {
            return quote!(::std::default::Default::default());
        }
        let deeper = Sample {
            cx: self.cx,
            depth: self.depth + 1,
        };
        match ty {
            // Setters and constructors take `impl Into<...>` of formatted values too.
            RustType::String | RustType::Formatted(_) => {
                let text = json.and_then(Value::as_str).unwrap_or(name);
                quote!(#text)
            }
            RustType::I64 => Literal::i64_unsuffixed(json.and_then(Value::as_i64).unwrap_or(1))
                .into_token_stream(),
            RustType::F64 => Literal::f64_unsuffixed(json.and_then(Value::as_f64).unwrap_or(1.0))
                .into_token_stream(),
            RustType::Bool => {
                let b = json.and_then(Value::as_bool).unwrap_or(true);
                quote!(#b)
            }
            RustType::Json => {
                let text = json.cloned().unwrap_or(Value::Null).to_string();
                let tokens: TokenStream = text.parse().unwrap_or_else(|_| quote!(null));
                quote!(serde_json::json!(#tokens))
            }
            RustType::Boxed(inner) => self.value(inner, json, name),
            RustType::Generic | RustType::Unit => quote!(()),
            // A raw body takes `impl Into<Vec<u8>>`, which text is.
            RustType::Bytes => {
                let text = json.and_then(Value::as_str).unwrap_or(name);
                quote!(#text)
            }
            RustType::File => {
                let member = |key: &str| json.and_then(|j| j.get(key)).and_then(Value::as_str);
                let filename = member("filename").unwrap_or(name);
                let content = member("content").unwrap_or_default();
                let file = quote!(generated_client::FilePart::new(#filename, #content));
                match member("content_type") {
                    Some(content_type) => quote!(#file.content_type(#content_type)),
                    None => file,
                }
            }
            RustType::Vec(item) => match json
                .and_then(Value::as_array)
                .filter(|items| !items.is_empty())
            {
                Some(items) => {
                    let items = items.iter().map(|v| deeper.value(item, Some(v), name));
                    quote!([#(#items),*])
                }
                None => {
                    let item = self.type_tokens(item);
                    quote!(Vec::<#item>::new())
                }
            },
            RustType::Map(value_ty) => {
                match json.and_then(Value::as_object).filter(|m| !m.is_empty()) {
                    Some(members) => {
                        let entries = members.iter().map(|(key, v)| {
                            let v = deeper.value(value_ty, Some(v), key);
                            quote!((#key, #v))
                        });
                        quote!([#(#entries),*])
                    }
                    None => {
                        let value_ty = self.type_tokens(value_ty);
                        quote!(std::collections::BTreeMap::<String, #value_ty>::new())
                    }
                }
            }
            RustType::Named(type_name) => self.named(type_name, json, name),
        }
    }

    /// The type as a doc example writes it.
    fn type_tokens(&self, ty: &RustType) -> TokenStream {
        match ty {
            RustType::String => quote!(String),
            RustType::I64 => quote!(i64),
            RustType::F64 => quote!(f64),
            RustType::Bool => quote!(bool),
            RustType::Json => quote!(serde_json::Value),
            RustType::Formatted(format) => {
                let name = ident(format.rust_name());
                quote!(generated_client::#name)
            }
            RustType::Named(name) => self.path(name),
            RustType::Vec(inner) => {
                let inner = self.type_tokens(inner);
                quote!(Vec<#inner>)
            }
            RustType::Map(inner) => {
                let inner = self.type_tokens(inner);
                quote!(std::collections::BTreeMap<String, #inner>)
            }
            RustType::Boxed(inner) => self.type_tokens(inner),
            RustType::Bytes => quote!(Vec<u8>),
            RustType::File => quote!(generated_client::FilePart),
            RustType::Unit => quote!(()),
            RustType::Generic => quote!(()),
        }
    }

    fn named(&self, type_name: &str, json: Option<&Value>, name: &str) -> TokenStream {
        let Some(def) = self.cx.type_def(type_name) else {
            return quote!(::std::default::Default::default());
        };
        let path = self.path(type_name);
        let deeper = Sample {
            cx: self.cx,
            depth: self.depth + 1,
        };
        match &def.kind {
            TypeKind::Alias(target) => self.value(target, json, name),
            TypeKind::Enum(e) => {
                let chosen = json
                    .and_then(Value::as_str)
                    .and_then(|s| e.variants.iter().find(|v| v.value == s))
                    .or(e.variants.first());
                match chosen {
                    Some(v) => {
                        let variant = ident(&v.ident);
                        quote!(#path::#variant)
                    }
                    None => quote!(#path::from(#name)),
                }
            }
            TypeKind::Union(union) => {
                let chosen = union
                    .variants
                    .iter()
                    .find(|v| json.is_some_and(|j| json_fits(&v.ty, j)))
                    .or(union.variants.first());
                match chosen {
                    Some(v) => {
                        let variant = ident(&v.ident);
                        let inner = deeper.exact(&v.ty, json, name);
                        quote!(#path::#variant(#inner))
                    }
                    None => quote!(::std::default::Default::default()),
                }
            }
            TypeKind::Tagged(union) => {
                let tag_value = json.and_then(|j| j.get(&union.tag)).and_then(Value::as_str);
                let chosen = union
                    .variants
                    .iter()
                    .find(|v| Some(v.value.as_str()) == tag_value)
                    .or(union.variants.first());
                match chosen {
                    Some(v) => {
                        let variant = ident(&v.ident);
                        let inner = deeper.value(&v.ty, json, name);
                        quote!(#path::#variant(#inner))
                    }
                    None => quote!(::std::default::Default::default()),
                }
            }
            TypeKind::Struct(s) => deeper.structure(&path, s, json.and_then(Value::as_object)),
        }
    }

    /// A value of exactly `ty` (no conversion by the callee), for enum payloads.
    fn exact(&self, ty: &RustType, json: Option<&Value>, name: &str) -> TokenStream {
        match ty {
            RustType::String => {
                let text = json.and_then(Value::as_str).unwrap_or(name);
                quote!(#text.to_owned())
            }
            RustType::Formatted(_) => {
                let text = json.and_then(Value::as_str).unwrap_or(name);
                quote!(#text.into())
            }
            RustType::Vec(_) | RustType::Map(_) => quote!(::std::default::Default::default()),
            RustType::Boxed(inner) => {
                let inner = self.exact(inner, json, name);
                quote!(Box::new(#inner))
            }
            other => self.value(other, json, name),
        }
    }

    /// A value of exactly `ty`, owned, for a field of a struct literal.
    fn owned(&self, ty: &RustType, json: Option<&Value>, name: &str) -> TokenStream {
        let deeper = Sample {
            cx: self.cx,
            depth: self.depth + 1,
        };
        match ty {
            RustType::Vec(item) => {
                let items: Vec<TokenStream> = json
                    .and_then(Value::as_array)
                    .map(|items| {
                        items
                            .iter()
                            .map(|v| deeper.owned(item, Some(v), name))
                            .collect()
                    })
                    .unwrap_or_default();
                quote!(vec![#(#items),*])
            }
            RustType::Map(value_ty) => {
                let entries = json.and_then(Value::as_object).map(|members| {
                    members
                        .iter()
                        .map(|(key, v)| {
                            let v = deeper.owned(value_ty, Some(v), key);
                            quote!((#key.to_owned(), #v))
                        })
                        .collect::<Vec<_>>()
                });
                let entries = entries.unwrap_or_default();
                quote!(std::collections::BTreeMap::from([#(#entries),*]))
            }
            other => self.exact(other, json, name),
        }
    }

    /// `Type::new(required...)` followed by `.with_*` for the example's optional fields;
    /// the required ones by name when `new` takes them so.
    fn structure(
        &self,
        path: &TokenStream,
        s: &'a Struct,
        json: Option<&serde_json::Map<String, Value>>,
    ) -> TokenStream {
        let member = |f: &Field| {
            json.and_then(|j| j.get(&f.json_name))
                .filter(|v| !v.is_null())
        };
        let chosen = s
            .one_of
            .iter()
            .map(|&i| &s.fields[i])
            .find(|f| member(f).is_some())
            .or_else(|| s.one_of.first().map(|&i| &s.fields[i]));
        let required = required(self.cx, s);
        let args = &required.args;
        let mut values: Vec<TokenStream> = Vec::new();
        if let Some(f) = chosen {
            values.push(self.value(&f.ty, member(f), &f.json_name));
        }
        let mut required_values = Vec::new();
        for f in args {
            let value = json.and_then(|j| j.get(&f.json_name));
            let present = value.filter(|v| !v.is_null());
            let sample = if required.named.is_some() {
                self.owned(&f.ty, present, &f.json_name)
            } else {
                self.value(&f.ty, present, &f.json_name)
            };
            let sample = if !f.nullable {
                sample
            } else if value.is_some_and(Value::is_null) {
                quote!(None)
            } else {
                quote!(Some(#sample))
            };
            let field = ident(&f.ident);
            required_values.push((field, sample));
        }
        match &required.named {
            Some(required_name) => {
                let required_path = self.path(required_name);
                let fields = required_values
                    .iter()
                    .map(|(field, value)| quote!(#field: #value));
                values.push(quote!(#required_path { #(#fields),* }));
            }
            None => values.extend(required_values.into_iter().map(|(_, value)| value)),
        }
        let constructor = match chosen {
            Some(f) => format_ident!("from_{}", unraw(&f.ident)),
            None => format_ident!("new"),
        };
        let mut expr = quote!(#path::#constructor(#(#values),*));
        for f in self.settable(s) {
            if args.iter().any(|a| std::ptr::eq(*a, f))
                || chosen.is_some_and(|c| std::ptr::eq(c, f))
            {
                continue;
            }
            if let Some(value) = member(f) {
                let setter = format_ident!("with_{}", unraw(&f.ident));
                let value = self.value(&f.ty, Some(value), &f.json_name);
                expr = quote!(#expr.#setter(#value));
            }
        }
        expr
    }

    /// Fields with a `with_*` setter, flattened structs' included.
    fn settable(&self, s: &'a Struct) -> Vec<&'a Field> {
        let mut fields = Vec::new();
        for f in &s.fields {
            if f.flatten {
                if let Some(inner) = self.cx.flattened(f) {
                    fields.extend(self.settable(inner).into_iter().filter(|f| f.is_public()));
                }
            } else if f.constant.is_none() {
                fields.push(f);
            }
        }
        fields
    }
}

fn json_fits(ty: &RustType, json: &Value) -> bool {
    match ty {
        RustType::String | RustType::Formatted(_) => json.is_string(),
        RustType::I64 => json.is_i64() || json.is_u64(),
        RustType::F64 => json.is_number(),
        RustType::Bool => json.is_boolean(),
        RustType::Vec(_) => json.is_array(),
        RustType::Map(_) | RustType::Named(_) => json.is_object(),
        RustType::Boxed(inner) => json_fits(inner, json),
        RustType::Bytes => json.is_string(),
        RustType::File => json.is_object(),
        RustType::Unit => json.is_null(),
        RustType::Json | RustType::Generic => true,
    }
}
