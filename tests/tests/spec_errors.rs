//! One test per kind of spec mistake: each loads a small broken spec from
//! `fixtures/errors/<case>/` and pins every diagnostic it gets, file, line, column, JSON
//! path and message, so that a mistake is reported where it is and nothing else is.
//!
//! Each fixture is a service `svc` with a valid `service.json` and one or two resource
//! files that hold the mistake.

use std::path::Path;

/// Every diagnostic of the spec in `fixtures/errors/<case>`, as printed; empty when the
/// spec is valid.
fn diagnostics(case: &str) -> Vec<String> {
    let dir = Path::new("fixtures/errors").join(case);
    assert!(dir.is_dir(), "no fixture {}", dir.display());
    match codegen_spec::load_and_validate(&dir) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

/// The diagnostics of a fixture that must have some.
fn errors(case: &str) -> Vec<String> {
    let errors = diagnostics(case);
    assert!(!errors.is_empty(), "fixture {case} loads without errors");
    errors
}

// Syntax.

#[test]
fn syntax_error_missing_comma() {
    assert_eq!(
        errors("syntax_error"),
        [
            "fixtures/errors/syntax_error/svc/items.json:11:7 at operations[0]: expected ',' or '}' after an object member, found '\"'"
        ]
    );
}

#[test]
fn non_breaking_space_as_indentation() {
    assert_eq!(
        errors("non_breaking_space"),
        [
            "fixtures/errors/non_breaking_space/svc/items.json:10:1 at operations[0]: non-breaking space (U+00A0) is not JSON whitespace; replace it with a plain space (documentation pages often render sample JSON with them)"
        ]
    );
}

#[test]
fn duplicate_key() {
    assert_eq!(
        errors("duplicate_key"),
        [
            "fixtures/errors/duplicate_key/svc/items.json:12:9 at types.Item.fields.name: duplicate key \"name\" (first written at line 10, column 9)"
        ]
    );
}

#[test]

fn duplicate_key_in_operation() {
    assert_eq!(
        errors("duplicate_key_in_operation"),
        [
            "fixtures/errors/duplicate_key_in_operation/svc/items.json:11:7 at operations[0].summary: duplicate key \"summary\" (first written at line 9, column 7)"
        ]
    );
}

#[test]

fn duplicate_key_in_example() {
    assert_eq!(
        errors("duplicate_key_in_example"),
        [
            "fixtures/errors/duplicate_key_in_example/svc/items.json:28:60 at operations[0].examples[0].request.body.name: duplicate key \"name\" (first written at line 28, column 34)"
        ]
    );
}

// The format of one file.

#[test]
fn unknown_key_with_suggestion() {
    assert_eq!(
        errors("unknown_key"),
        [
            "fixtures/errors/unknown_key/svc/items.json:10:7 at operations[0].descripton: unknown key \"descripton\"; expected one of id, summary, description, method, path, scopes, permissions, deprecated, headers, path_params, query_params, header_params, body, response, pagination, envelope, examples, auth, idempotent, page_differs, note (did you mean \"description\"?)"
        ]
    );
}

#[test]
fn names_not_in_their_case() {
    assert_eq!(
        errors("names_not_in_case"),
        [
            "fixtures/errors/names_not_in_case/svc/items.json:8:13 at operations[0].id: operation id \"getItem\" is not snake_case (lowercase letters, digits and '_', starting with a letter)",
            "fixtures/errors/names_not_in_case/svc/service.json:10:24 at definition.error.type: type name \"error_body\" is not UpperCamelCase (an uppercase letter, then letters and digits)",
        ]
    );
}

#[test]
fn wrong_json_kind() {
    assert_eq!(
        errors("wrong_json_kind"),
        [
            "fixtures/errors/wrong_json_kind/svc/items.json:10:49 at types.Item.fields.name.required: expected true or false, found a string"
        ]
    );
}

// Types.

#[test]
fn unknown_primitive_type() {
    assert_eq!(
        errors("unknown_primitive_type"),
        [
            "fixtures/errors/unknown_primitive_type/svc/items.json:22:19 at operations[1].path_params[0].type: unknown type \"strng\"; expected one of string, integer, number, boolean, unknown, or a type defined in service \"svc\" (did you mean \"string\"?)"
        ]
    );
}

#[test]
fn undefined_named_type() {
    assert_eq!(
        errors("undefined_type"),
        [
            "fixtures/errors/undefined_type/svc/items.json:11:28 at types.Item.fields.owner.type: unknown type \"Usr\"; expected one of string, integer, number, boolean, unknown, or a type defined in service \"svc\" (did you mean \"User\"?)"
        ]
    );
}

#[test]
fn duplicate_type_name_across_files() {
    assert_eq!(
        errors("duplicate_type_name"),
        [
            "fixtures/errors/duplicate_type_name/svc/shared.json:7:5 at types.Item: type \"Item\" is defined twice; the first definition is at fixtures/errors/duplicate_type_name/svc/items.json:7:5"
        ]
    );
}

#[test]
fn duplicate_enum_value() {
    assert_eq!(
        errors("duplicate_enum_value"),
        [
            "fixtures/errors/duplicate_enum_value/svc/items.json:9:45 at types.Color.values[2].value: duplicate enum value \"red\" (first at fixtures/errors/duplicate_enum_value/svc/items.json:9:18)"
        ]
    );
}

#[test]
fn enum_values_with_the_same_rust_identifier() {
    assert_eq!(
        errors("enum_values_same_identifier"),
        [
            "fixtures/errors/enum_values_same_identifier/svc/items.json:9:36 at types.Mode.values[2]: enum value \"foo_bar\" and \"foo-bar\" (at fixtures/errors/enum_values_same_identifier/svc/items.json:9:18) both become the Rust identifier `FooBar`"
        ]
    );
}

#[test]
fn field_names_with_the_same_rust_identifier() {
    assert_eq!(
        errors("field_names_same_identifier"),
        [
            "fixtures/errors/field_names_same_identifier/svc/items.json:12:9 at types.Payload.fields.is_base64: field \"is_base64\" and \"isBase64\" (at fixtures/errors/field_names_same_identifier/svc/items.json:10:9) both become the Rust identifier `is_base64`"
        ]
    );
}

// Operations.

#[test]
fn duplicate_operation_id_in_resource() {
    assert_eq!(
        errors("duplicate_operation_id"),
        [
            "fixtures/errors/duplicate_operation_id/svc/items_more.json:15:13 at operations[1].id: duplicate operation id \"get\" in resource \"items\" (first at fixtures/errors/duplicate_operation_id/svc/items.json:8:13)"
        ]
    );
}

#[test]
fn path_placeholder_without_parameter() {
    assert_eq!(
        errors("placeholder_without_param"),
        [
            "fixtures/errors/placeholder_without_param/svc/items.json:11:15 at operations[0].path: the path template uses \"{part_id}\", which is not in path_params"
        ]
    );
}

#[test]
fn path_parameter_missing_from_template() {
    assert_eq!(
        errors("param_not_in_template"),
        [
            "fixtures/errors/param_not_in_template/svc/items.json:14:19 at operations[0].path_params[1].name: path parameter \"account_id\" does not appear in the path template \"/items/{item_id}\""
        ]
    );
}

// Examples.

#[test]
fn example_field_the_type_lacks() {
    assert_eq!(
        errors("example_unknown_field"),
        [
            "fixtures/errors/example_unknown_field/svc/items.json:33:50 at operations[0].examples[0].response.body.colour: \"colour\" is not a field of Item (did you mean \"color\"?)"
        ]
    );
}

#[test]
fn example_value_of_the_wrong_type() {
    assert_eq!(
        errors("example_wrong_type"),
        [
            "fixtures/errors/example_wrong_type/svc/items.json:29:46 at operations[0].examples[0].request.body.size: expected an integer, found the string \"2\""
        ]
    );
}

#[test]
fn example_missing_required_field() {
    assert_eq!(
        errors("example_missing_required_field"),
        [
            "fixtures/errors/example_missing_required_field/svc/items.json:29:21 at operations[0].examples[0].request.body: missing required field \"name\" of Item"
        ]
    );
}

#[test]
fn example_enum_value_not_listed() {
    assert_eq!(
        errors("example_unknown_enum_value"),
        [
            "fixtures/errors/example_unknown_enum_value/svc/items.json:29:47 at operations[0].examples[0].request.body.color: \"gren\" is not a value of Color; its values are red, green (did you mean \"green\"?)"
        ]
    );
}

#[test]
fn example_request_sets_read_only_field() {
    assert_eq!(
        errors("example_sets_read_only_field"),
        [
            "fixtures/errors/example_sets_read_only_field/svc/items.json:29:29 at operations[0].examples[0].request.body.id: \"id\" is read-only: the server sets it, a request cannot"
        ]
    );
}

/// A required read-only field is always in responses and never in requests: a request
/// example that leaves it out is right (setting it is the error above).
#[test]

fn example_request_omits_required_read_only_field() {
    assert_eq!(
        diagnostics("request_omits_required_read_only_field"),
        Vec::<String>::new()
    );
}

// All at once.

#[test]
fn several_mistakes_in_several_files_in_one_pass() {
    assert_eq!(
        errors("several_mistakes"),
        [
            "fixtures/errors/several_mistakes/svc/items.json:11:38 at types.Item.fields.tags.type.array: unknown type \"Tg\"; expected one of string, integer, number, boolean, unknown, or a type defined in service \"svc\" (did you mean \"Tag\"?)",
            "fixtures/errors/several_mistakes/svc/items.json:14:55 at types.Tag.values[2]: duplicate enum value \"new\" (first at fixtures/errors/several_mistakes/svc/items.json:14:41)",
            "fixtures/errors/several_mistakes/svc/items.json:21:15 at operations[0].path: the path template uses \"{id}\", which is not in path_params",
            "fixtures/errors/several_mistakes/svc/parts.json:11:9 at types.Part.fields.item_id: field \"item_id\" and \"itemId\" (at fixtures/errors/several_mistakes/svc/parts.json:10:9) both become the Rust identifier `item_id`",
            "fixtures/errors/several_mistakes/svc/parts.json:21:50 at operations[0].query_params[0].type: unknown type \"Iten\"; expected one of string, integer, number, boolean, unknown, or a type defined in service \"svc\" (did you mean \"Item\"?)",
        ]
    );
}

// Envelopes of files and operations.

#[test]
fn envelope_neither_none_nor_an_envelope() {
    assert_eq!(
        errors("envelope_unknown_choice"),
        [
            "fixtures/errors/envelope_unknown_choice/svc/items.json:6:15 at envelope: unknown envelope \"nothing\"; expected \"none\" (the body is the result itself) or an envelope object {type, result, ...}"
        ]
    );
}

#[test]
fn an_operations_envelope_is_checked_like_the_services() {
    assert_eq!(
        errors("envelope_wrong_roles"),
        [
            "fixtures/errors/envelope_wrong_roles/svc/items.json:22:50 at operations[0].envelope.result: the envelope's result field must be declared \"unknown\"; each operation says what it holds",
            "fixtures/errors/envelope_wrong_roles/svc/items.json:22:69 at operations[0].envelope.success: field \"ok\" must be a boolean, but its type is a string"
        ]
    );
}

// Unions that could not tell their variants apart.

#[test]
fn unions_whose_variants_cannot_be_told_apart() {
    let file = "fixtures/errors/union_mistakes/svc/items.json";
    assert_eq!(
        errors("union_mistakes"),
        [
            format!(
                "{file}:18:36 at types.EitherSize.variants[1].type: object variants are told apart by their required fields, and \"Small\" (at {file}:17:36) requires none that \"Large\" lacks: it would take \"Large\"'s values; put the variant that requires more first"
            ),
            format!(
                "{file}:25:35 at types.AnythingFirst.variants[1].type: the variant of any value at {file}:24:34 takes every value this one would: put it last"
            ),
            format!(
                "{file}:33:20 at types.Tagged.variants[1].value: tag value \"small\" is also the variant at {file}:32:20; each variant needs its own"
            ),
        ]
    );
}

#[test]
fn parameters_of_types_the_url_cannot_carry() {
    let file = "fixtures/errors/param_types/svc/items.json";
    assert_eq!(
        errors("param_types"),
        [
            format!(
                "{file}:12:48 at operations[0].path_params[0].type: a path or header parameter is a string, integer, number, boolean or enum, not an array"
            ),
            format!(
                "{file}:14:54 at operations[0].query_params[0].style: \"style\" says how an array query parameter is written; this parameter is not one"
            ),
            format!(
                "{file}:15:37 at operations[0].query_params[1].type: a query parameter is a string, integer, number, boolean or enum, or an array of them, not an array"
            ),
        ]
    );
}

#[test]
fn bodies_that_cannot_be_sent_as_their_content_type_says() {
    let file = "fixtures/errors/body_mistakes/svc/items.json";
    assert_eq!(
        errors("body_mistakes"),
        [
            format!(
                "{file}:7:94 at types.Item.fields.picture.type: \"file\" is a part of a multipart/form-data body (a field of its object type), not a field of a type that is not a multipart/form-data body"
            ),
            format!(
                "{file}:7:123 at types.Item.fields.thumb.type: \"bytes\" is a raw request body (with its content_type), a whole raw answer or a multipart/form-data part, not a field of a type that is not a multipart/form-data body"
            ),
            format!(
                "{file}:15:49 at operations[0].body.content_type: a body sent as text/plain is \"string\" (text) or \"bytes\", not an object; a JSON body leaves content_type out"
            ),
            format!(
                "{file}:23:51 at operations[1].body.content_type: a multipart/form-data body is an object type whose fields are its parts, not a string"
            ),
            format!(
                "{file}:24:55 at operations[1].response.type.array: \"bytes\" is a raw request body (with its content_type), a whole raw answer or a multipart/form-data part, not a result"
            ),
        ]
    );
}

#[test]
fn example_header_values_are_read_as_their_parameters_types() {
    let file = "fixtures/errors/example_header_types/svc/items.json";
    assert_eq!(
        errors("example_header_types"),
        [
            format!(
                "{file}:20:9 at operations[0].examples[0]: the example gives no value for the required header parameter \"X-Trace\""
            ),
            format!(
                "{file}:21:37 at operations[0].examples[0].request.headers[\"x-limit\"]: header \"x-limit\" is \"three\", but the parameter is an integer"
            ),
            format!(
                "{file}:21:57 at operations[0].examples[0].request.headers[\"X-Mode\"]: header \"X-Mode\" is \"slow\", but the parameter is a value of Mode (fast, safe)"
            ),
        ]
    );
}

#[test]
fn idempotent_is_said_only_where_it_departs_from_the_method() {
    let file = "fixtures/errors/idempotent_default/svc/items.json";
    assert_eq!(
        errors("idempotent_default"),
        [
            format!(
                "{file}:12:21 at operations[0].idempotent: \"idempotent\": true is the default of GET: remove it"
            ),
            format!(
                "{file}:28:21 at operations[2].idempotent: \"idempotent\": false is the default of POST: remove it"
            ),
        ]
    );
}

// Formats, bounds, deprecations, documented error codes and authentication schemes.

#[test]
fn value_rules_and_auth_schemes() {
    assert_eq!(
        errors("value_rules_and_auth"),
        [
            "fixtures/errors/value_rules_and_auth/svc/items.json:12:53 at types.Item.fields.count.max_length: field \"count\" has max_length, which applies to a string; its type is an integer",
            "fixtures/errors/value_rules_and_auth/svc/items.json:12:82 at types.Item.fields.count.maximum: field \"count\" has maximum 2 below its minimum 10",
            "fixtures/errors/value_rules_and_auth/svc/items.json:13:77 at types.Item.fields.tags.format: field \"tags\" has the format uuid, which applies to strings; its type is not \"string\"",
            "fixtures/errors/value_rules_and_auth/svc/items.json:26:76 at operations[0].query_params[0].min_length: parameter \"limit\" has min_length, which applies to a string; its type is an integer",
            "fixtures/errors/value_rules_and_auth/svc/items.json:26:89 at operations[0].query_params[0].format: parameter \"limit\" has the format email, which applies to strings; its type is not \"string\"",
            "fixtures/errors/value_rules_and_auth/svc/service.json:14:49 at definition.auth[1].headers.key: the email and the key go in two different headers",
            "fixtures/errors/value_rules_and_auth/svc/service.json:25:19 at definition.error.codes[1].code: error code 1000 is documented twice (first as NotFound)",
            "fixtures/errors/value_rules_and_auth/svc/service.json:26:33 at definition.error.codes[2].name: error code name NotFound is taken (by another code, or by Other, which holds undocumented codes)",
            "fixtures/errors/value_rules_and_auth/svc/service.json:27:33 at definition.error.codes[3].name: error code name Other is taken (by another code, or by Other, which holds undocumented codes)",
        ]
    );
}
