//! Small specs written in tests, for the stages after the loader: this crate's checks and
//! the generator's model (through the `test-support` feature).

use crate::spec::Spec;

/// The service definition every test spec shares.
pub const SERVICE: &str = r#"{
  "$schema": "../schema.json",
  "service": "svc",
  "source": { "reference": "test" },
  "definition": {
    "title": "Test",
    "base_urls": [{ "name": "main", "url": "https://api.example.com/v1", "default": true }],
    "environment": { "token": "SVC_TOKEN", "base_url": "SVC_API_URL" },
    "auth": { "scheme": "bearer" },
    "error": { "type": "ErrorBody", "errors": "errors", "message": "message" }
  },
  "types": {
    "ErrorBody": {
      "kind": "object",
      "fields": { "errors": { "type": { "array": "ErrorMessage" }, "required": true } }
    },
    "ErrorMessage": { "kind": "object", "fields": { "message": { "type": "string" } } }
  }
}"#;

/// A file of service `svc` with resource `items`, from its `types` and `operations`.
pub fn items_file(types: &str, operations: &str) -> String {
    format!(
        r#"{{ "$schema": "../schema.json", "service": "svc", "source": {{ "reference": "test" }},
           "resource": "items", "types": {types}, "operations": {operations} }}"#
    )
}

/// Loads a spec of `svc/service.json` and `svc/items.json`: the spec, or the loader's
/// messages.
pub fn load(items: &str) -> Result<Spec, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let service = dir.path().join("svc");
    std::fs::create_dir_all(&service).map_err(|e| e.to_string())?;
    std::fs::write(service.join("service.json"), SERVICE).map_err(|e| e.to_string())?;
    std::fs::write(service.join("items.json"), items).map_err(|e| e.to_string())?;
    crate::load::load(dir.path()).map_err(|d| d.to_string())
}
