//! Templates with `{variables}`: paths and base URLs.

/// The `{variables}` of a URL template.
pub fn url_variables(url: &str) -> Result<Vec<String>, String> {
    let mut variables = Vec::new();
    let mut rest = url;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("unclosed '{{' in \"{url}\""));
        };
        let name = &rest[open + 1..open + close];
        if !crate::naming::is_snake_case(name) {
            return Err(format!(
                "\"{{{name}}}\" in \"{url}\" is not a snake_case variable"
            ));
        }
        variables.push(name.to_owned());
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("unmatched '}}' in \"{url}\""));
    }
    Ok(variables)
}
