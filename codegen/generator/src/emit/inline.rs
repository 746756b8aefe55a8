//! Every method of the generated client is `#[inline]`, so that a crate compiles the
//! operations and types it uses, not all of them.
//!
//! rustc codegens an `#[inline]` function in the crates that call it, not in the crate
//! that defines it (like a generic one): generated-client then compiles little beyond its
//! types, and an operation's request building and response decoding are compiled where
//! the operation is called. Measured in BENCHMARKS.md (the stable way to what
//! `[hints] mostly-unused` asks of nightly cargo).

/// Marks every function of every `impl` block in `file` (and in its inline modules)
/// `#[inline]`, unless it already carries an `inline` attribute.
pub fn mark_methods_inline(file: &mut syn::File) {
    mark_items(&mut file.items);
}

fn mark_items(items: &mut [syn::Item]) {
    for item in items {
        match item {
            syn::Item::Impl(block) => {
                for member in &mut block.items {
                    if let syn::ImplItem::Fn(function) = member
                        && !function.attrs.iter().any(|a| a.path().is_ident("inline"))
                    {
                        function.attrs.push(syn::parse_quote!(#[inline]));
                    }
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, items)) = &mut module.content {
                    mark_items(items);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_in_impls_and_nested_modules_are_marked_once() {
        let mut file: syn::File = syn::parse_quote! {
            pub struct A;
            impl A {
                pub fn new() -> Self { A }
                #[inline]
                pub fn kept(&self) {}
                pub async fn send(self) {}
            }
            fn free() {}
            mod nested {
                impl ::std::fmt::Display for super::A {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { Ok(()) }
                }
            }
        };
        mark_methods_inline(&mut file);
        let text = prettyplease::unparse(&file);
        assert_eq!(text.matches("#[inline]").count(), 4, "{text}");
        assert!(text.contains("#[inline]\n    pub fn new()"), "{text}");
        assert!(
            text.contains("#[inline]\n    pub async fn send(self)"),
            "{text}"
        );
        assert!(text.contains("#[inline]\n        fn fmt("), "{text}");
        assert!(text.contains("\nfn free()"), "{text}");
    }
}
