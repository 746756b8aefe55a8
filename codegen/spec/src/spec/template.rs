//! Templates with `{variables}`: operation paths and base URLs, parsed once.

use crate::naming::is_snake_case;

/// A part of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text sent as written.
    Literal(String),
    /// A `{name}` placeholder.
    Variable(String),
}

/// A path or URL template: `/accounts/{account_id}/builds`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    /// Parses a template; every `{` closes, and every variable is snake_case.
    pub fn parse(template: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                return Err(format!("unclosed '{{' in \"{template}\""));
            };
            let literal = &rest[..open];
            if literal.contains('}') {
                return Err(format!("unmatched '}}' in \"{template}\""));
            }
            if !literal.is_empty() {
                parts.push(Part::Literal(literal.to_owned()));
            }
            let name = &rest[open + 1..open + close];
            if !is_snake_case(name) {
                return Err(format!(
                    "\"{{{name}}}\" in \"{template}\" is not a snake_case variable"
                ));
            }
            parts.push(Part::Variable(name.to_owned()));
            rest = &rest[open + close + 1..];
        }
        if rest.contains('}') {
            return Err(format!("unmatched '}}' in \"{template}\""));
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Ok(Self { parts })
    }

    /// The variables, in order.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|part| match part {
            Part::Variable(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// The template with its variables unnamed (`/a/{}/b`): two templates of one shape
    /// address the same resources whatever their variables are called.
    pub fn shape(&self) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Literal(text) => text.as_str(),
                Part::Variable(_) => "{}",
            })
            .collect()
    }
}

impl Template {
    /// A `format!` string of the template: literals with their braces escaped, and each
    /// variable as `{name}` (captured by name) or, when `positional`, as `{}`.
    pub fn format_string(&self, positional: bool) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Literal(text) => text.replace('{', "{{").replace('}', "}}"),
                Part::Variable(_) if positional => "{}".to_owned(),
                Part::Variable(name) => format!("{{{name}}}"),
            })
            .collect()
    }
}

/// The `{variables}` of a URL template.
pub fn url_variables(url: &str) -> Result<Vec<String>, String> {
    Ok(Template::parse(url)?
        .variables()
        .map(str::to_owned)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(template: &str) -> Template {
        Template::parse(template).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn parts_variables_and_shape() {
        let template = parse("/accounts/{account_id}/builds/{build_uuid}/logs");
        assert_eq!(
            template.variables().collect::<Vec<_>>(),
            ["account_id", "build_uuid"]
        );
        assert_eq!(template.shape(), "/accounts/{}/builds/{}/logs");
        assert_eq!(
            parse("https://{host}/api").parts,
            [
                Part::Literal("https://".into()),
                Part::Variable("host".into()),
                Part::Literal("/api".into())
            ]
        );
        assert!(parse("/plain").variables().next().is_none());
    }

    #[test]
    fn format_strings() {
        let template = parse("https://{host}/api/{id}");
        assert_eq!(template.format_string(false), "https://{host}/api/{id}");
        assert_eq!(template.format_string(true), "https://{}/api/{}");
    }

    #[test]
    fn mistakes() {
        assert_eq!(
            Template::parse("/a/{x").err().as_deref(),
            Some("unclosed '{' in \"/a/{x\"")
        );
        assert_eq!(
            Template::parse("/a/x}").err().as_deref(),
            Some("unmatched '}' in \"/a/x}\"")
        );
        assert_eq!(
            Template::parse("/a/{X}").err().as_deref(),
            Some("\"{X}\" in \"/a/{X}\" is not a snake_case variable")
        );
    }
}
