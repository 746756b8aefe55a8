//! How spec names become Rust identifiers. Validation uses the same functions to report
//! two names that would become one identifier, so the generator never meets a clash.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2024, strict and reserved; written as raw identifiers (`r#type`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// The name of the catch-all variant of every generated enum.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// A snake_case identifier for a field, parameter, module or method: `isBase64` ->
/// `is_base64`, `type` -> `r#type`. Returns the identifier as written in source.
pub fn snake_ident(name: &str) -> String {
    let mut snake = name.to_snake_case();
    if snake.is_empty() {
        return String::new();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    escape_keyword(snake)
}

/// An UpperCamelCase identifier for an enum variant from a wire value:
/// `SANDBOX_APPLICATION_START` -> `SandboxApplicationStart`, `1x2` -> `V1x2`.
pub fn variant_ident(value: &str) -> String {
    let mut camel = value.to_upper_camel_case();
    if camel.is_empty() {
        return String::new();
    }
    if camel.starts_with(|c: char| c.is_ascii_digit()) {
        camel.insert(0, 'V');
    }
    // The value "unknown" (a page's own) is not the variant that keeps unknown values.
    if camel == UNKNOWN_VARIANT {
        camel.push('_');
    }
    escape_keyword(camel)
}

/// The identifier for a type name, which the spec already writes in UpperCamelCase.
pub fn type_ident(name: &str) -> String {
    escape_keyword(name.to_owned())
}

/// UpperCamelCase of a snake_case name: `list_by_script` -> `ListByScript`.
pub fn camel(name: &str) -> String {
    name.to_upper_camel_case()
}

/// SCREAMING_SNAKE_CASE of a snake_case name, for constants.
pub fn screaming(name: &str) -> String {
    name.to_uppercase()
}

fn escape_keyword(ident: String) -> String {
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The identifier without a raw prefix, as serde and method names see it.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Whether a spec name is snake_case: a lowercase letter, then lowercase letters, digits
/// and `_`.
pub fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether a type name is UpperCamelCase: an uppercase letter, then letters and digits.
pub fn is_type_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// The names the generator gives the items of a service and its resources.
pub mod generated {
    use super::camel;

    /// The marker type that implements the runtime's `Service`.
    pub fn service_type(service: &str) -> String {
        camel(service)
    }

    /// The client type of a service.
    pub fn client_type(service: &str) -> String {
        format!("{}Client", camel(service))
    }

    /// The type `client.<resource>()` returns.
    pub fn resource_api(resource: &str) -> String {
        format!("{}Api", camel(resource))
    }

    /// The struct of an object type's required fields, by name, that its `new` takes:
    /// `CreateTriggerRequest` takes `CreateTriggerRequired`, `SeedRepo` `SeedRepoRequired`.
    pub fn required_fields(type_name: &str) -> String {
        format!(
            "{}Required",
            type_name.strip_suffix("Request").unwrap_or(type_name)
        )
    }

    /// The request builder an operation's method returns.
    pub fn builder(operation_id: &str) -> String {
        format!("{}Builder", camel(operation_id))
    }

    /// The module of a service's types that belong to no resource.
    pub const TYPES_MODULE: &str = "types";

    /// What a service's responses carry besides their result.
    pub const RESPONSE_META: &str = "ResponseMeta";

    /// What a response in the envelope `envelope_type` carries besides its result:
    /// [`RESPONSE_META`] for the service's envelope, `<Name>Meta` for another one
    /// (`EntryEnvelope` -> `EntryMeta`).
    pub fn envelope_meta(envelope_type: &str, is_service_envelope: bool) -> String {
        if is_service_envelope {
            return RESPONSE_META.to_owned();
        }
        let base = envelope_type
            .strip_suffix("Envelope")
            .filter(|base| !base.is_empty())
            .unwrap_or(envelope_type);
        format!("{base}Meta")
    }

    /// Names of a request builder's own methods and fields, which parameters cannot take.
    pub const BUILDER_MEMBERS: &[&str] = &[
        "body",
        "client",
        "send",
        "send_with_response",
        "into_stream",
        "into_future",
        "to_request",
        "clone",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_params() {
        assert_eq!(snake_ident("isBase64"), "is_base64");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("loop"), "r#loop");
        assert_eq!(snake_ident("gen"), "r#gen");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("X-Rate-Limit"), "x_rate_limit");
        assert_eq!(snake_ident("2fa"), "_2fa");
    }

    #[test]
    fn names_in_case() {
        assert!(is_snake_case("list_by_script"));
        assert!(!is_snake_case("ListByScript"));
        assert!(!is_snake_case("_x"));
        assert!(is_type_name("BuildGetResponse"));
        assert!(!is_type_name("Build_Get"));
    }

    #[test]
    fn enum_values() {
        assert_eq!(
            variant_ident("SANDBOX_APPLICATION_START"),
            "SandboxApplicationStart"
        );
        assert_eq!(variant_ident("1x2"), "V1x2");
        assert_eq!(variant_ident("10x20"), "V10x20");
        assert_eq!(variant_ident("pull_request"), "PullRequest");
        assert_eq!(variant_ident("Self"), "Self_");
        assert_eq!(variant_ident("unknown"), "Unknown_");
        assert_eq!(variant_ident(""), "");
    }
}
