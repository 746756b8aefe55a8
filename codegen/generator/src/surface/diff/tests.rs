use super::*;

fn surface(items: &[(&str, &str)]) -> Surface {
    Surface {
        items: items
            .iter()
            .map(|(key, value)| {
                let item = value.parse().unwrap_or_else(|e| panic!("{value}: {e}"));
                ((*key).to_owned(), item)
            })
            .collect(),
    }
}

/// Each change's rule and item.
fn changes(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    diff(&surface(old), &surface(new))
        .changes
        .into_iter()
        .map(|c| (c.rule.id, c.item))
        .collect()
}

fn one(rule: &Rule, item: &str) -> Vec<(&'static str, String)> {
    vec![(rule.id, item.to_owned())]
}

const GET: &str = "operation GET /items/{id} -> Item (200)";
const REQUEST: &str = "struct request in=items";
const RESPONSE: &str = "struct response in=items";

#[test]
fn an_operation_is_renamed_within_its_resource_only() {
    assert_eq!(
        changes(&[("a.items.remove", GET)], &[("a.items.delete", GET)]),
        one(&OPERATION_RENAMED, "a.items.remove -> a.items.delete")
    );
    // The same operation gone from one service or resource and new in another is
    // two changes, not a rename.
    for (old, new) in [
        ("a.items.get", "b.items.get"),
        ("a.items.get", "a.tags.get"),
    ] {
        assert_eq!(
            changes(&[(old, GET)], &[(new, GET)]),
            [
                (OPERATION_REMOVED.id, old.to_owned()),
                (OPERATION_ADDED.id, new.to_owned())
            ]
        );
    }
}

#[test]
fn a_type_is_renamed_within_its_service_only() {
    assert_eq!(
        changes(&[("a::Label", RESPONSE)], &[("a::Tag", RESPONSE)]),
        one(&TYPE_RENAMED, "a::Label -> a::Tag")
    );
    assert_eq!(
        changes(&[("a::Label", RESPONSE)], &[("b::Label", RESPONSE)]),
        [
            (TYPE_REMOVED.id, "a::Label".to_owned()),
            (TYPE_ADDED.id, "b::Label".to_owned())
        ]
    );
}

#[test]
fn a_member_under_another_json_name_or_tag_value_is_one_rename() {
    let field = "field branch_name Option<String> optional";
    assert_eq!(
        changes(
            &[("s::Item", RESPONSE), ("s::Item.branchName", field)],
            &[("s::Item", RESPONSE), ("s::Item.branch_name", field)]
        ),
        one(&FIELD_RENAMED, "s::Item.branchName -> s::Item.branch_name")
    );
    // Another type too: the Rust field changes, so it is removed and another added.
    assert_eq!(
        changes(
            &[("s::Item", RESPONSE), ("s::Item.branchName", field)],
            &[
                ("s::Item", RESPONSE),
                (
                    "s::Item.branch_name",
                    "field branch_name Option<i64> optional"
                )
            ]
        ),
        [
            (FIELD_REMOVED.id, "s::Item.branchName".to_owned()),
            (RESPONSE_FIELD_ADDED.id, "s::Item.branch_name".to_owned())
        ]
    );
    let enumeration = "enum request in=items";
    assert_eq!(
        changes(
            &[
                ("s::State", enumeration),
                ("s::State.\"in_progress\"", "value InProgress")
            ],
            &[
                ("s::State", enumeration),
                ("s::State.\"IN_PROGRESS\"", "value InProgress")
            ]
        ),
        one(
            &ENUM_VALUE_RENAMED,
            "s::State.\"in_progress\" -> s::State.\"IN_PROGRESS\""
        )
    );
    let tagged = "tagged-union tag=\"type\" response in=items";
    assert_eq!(
        changes(
            &[
                ("s::Shape", tagged),
                ("s::Shape.\"circle\"", "variant Circle Circle")
            ],
            &[
                ("s::Shape", tagged),
                ("s::Shape.\"CIRCLE\"", "variant Circle Circle")
            ]
        ),
        one(&UNION_TAG, "s::Shape.\"circle\" -> s::Shape.\"CIRCLE\"")
    );
    let union = "union response in=items";
    assert_eq!(
        changes(
            &[("s::Value", union), ("s::Value.Number", "variant f64")],
            &[("s::Value", union), ("s::Value.Float", "variant f64")]
        ),
        one(&VARIANT_CHANGED, "s::Value.Number -> s::Value.Float")
    );
}

#[test]
fn the_members_of_a_type_whose_kind_changed_are_reported_with_it() {
    assert_eq!(
        changes(
            &[
                ("s::State", "enum response in=items"),
                ("s::State.\"active\"", "value Active")
            ],
            &[("s::State", "alias String response in=items")]
        ),
        one(&TYPE_KIND, "s::State")
    );
}

#[test]
fn an_operation_change_is_told_by_what_changed() {
    let with = |what: &str| changes(&[("s.items.get", GET)], &[("s.items.get", what)]);
    let rule = |what: &str| with(what).first().map(|(id, _)| *id);
    assert_eq!(
        rule("operation GET /items/{id} -> Item (201)"),
        Some(OPERATION_STATUS.id)
    );
    assert_eq!(
        rule("operation GET /items/{id} -> Item (200) cursor"),
        Some(OPERATION_PAGING_ADDED.id)
    );
    assert_eq!(
        changes(
            &[(
                "s.items.get",
                "operation GET /items/{id} -> Item (200) paged"
            )],
            &[("s.items.get", GET)]
        )
        .first()
        .map(|(id, _)| *id),
        Some(OPERATION_PAGING.id)
    );
    assert_eq!(
        rule("operation PUT /items/{id} -> Item (200)"),
        Some(OPERATION_ENDPOINT.id)
    );
    assert_eq!(
        rule("operation GET /items/{id} -> Item (200) no-token"),
        Some(OPERATION_AUTH.id)
    );
}

/// The rule of a field of a type on `side` changing from `old` to `new` (`None`:
/// absent).
fn field_change(side: &str, old: Option<&str>, new: Option<&str>) -> Option<&'static str> {
    let mut old_items = vec![("s::Item", side)];
    old_items.extend(old.map(|v| ("s::Item.f", v)));
    let mut new_items = vec![("s::Item", side)];
    new_items.extend(new.map(|v| ("s::Item.f", v)));
    changes(&old_items, &new_items).first().map(|(id, _)| *id)
}

#[test]
fn a_required_field_added_is_breaking_on_either_side() {
    let required = Some("field f String required");
    let optional = Some("field f Option<String> optional");
    let constant = Some("field f String required constant=\"x\"");
    assert_eq!(
        field_change(RESPONSE, None, required),
        Some(RESPONSE_FIELD_REQUIRED_ADDED.id)
    );
    assert_eq!(
        field_change(RESPONSE, None, optional),
        Some(RESPONSE_FIELD_ADDED.id)
    );
    assert_eq!(
        field_change(RESPONSE, None, constant),
        Some(RESPONSE_FIELD_ADDED.id)
    );
    assert_eq!(
        field_change(REQUEST, None, required),
        Some(REQUEST_FIELD_REQUIRED_ADDED.id)
    );
    assert_eq!(
        field_change(REQUEST, None, constant),
        Some(REQUEST_FIELD_OPTIONAL_ADDED.id)
    );
}

#[test]
fn nullability_breaks_what_requests_send_only() {
    let plain = Some("field f Option<String> optional");
    let nullable = Some("field f Option<String> optional nullable");
    assert_eq!(
        field_change(RESPONSE, plain, nullable),
        Some(FIELD_NULLABILITY.id)
    );
    assert_eq!(
        field_change(REQUEST, plain, nullable),
        Some(REQUEST_FIELD_NULLABILITY.id)
    );
    assert_eq!(
        field_change("struct request+response in=items", nullable, plain),
        Some(REQUEST_FIELD_NULLABILITY.id)
    );
}

#[test]
fn a_required_nullable_field_is_an_argument_of_new() {
    // `Option<T>` either way, but `new` takes it only while it is required.
    let required = Some("field f Option<String> required nullable");
    let optional = Some("field f Option<String> optional nullable");
    assert_eq!(
        field_change(RESPONSE, required, optional),
        Some(FIELD_NOW_OPTIONAL.id)
    );
    assert_eq!(
        field_change(REQUEST, optional, required),
        Some(FIELD_NOW_REQUIRED.id)
    );
    assert_eq!(
        field_change(RESPONSE, Some("field f String required"), required),
        Some(FIELD_NOW_OPTIONAL.id)
    );
}

#[test]
fn only_a_constant_value_is_a_constant_change() {
    let field = |flags: &str| format!("field f String required{flags}");
    for (old, new) in [("", " constant=\"a\""), ("", " flatten"), (" one-of", "")] {
        assert_eq!(
            field_change(REQUEST, Some(&field(old)), Some(&field(new))),
            Some(FIELD_SHAPE.id),
            "{old:?} -> {new:?}"
        );
    }
    assert_eq!(
        field_change(
            REQUEST,
            Some(&field(" constant=\"a\"")),
            Some(&field(" constant=\"b\""))
        ),
        Some(FIELD_CONSTANT.id)
    );
}

#[test]
fn a_tagged_union_fallback_is_its_unknown_variant() {
    let rule = |old: &str, new: &str| {
        changes(&[("s::Shape", old)], &[("s::Shape", new)])
            .first()
            .map(|(id, _)| *id)
    };
    let plain = "tagged-union tag=\"type\" response in=items";
    let fallback = "tagged-union tag=\"type\" fallback response in=items";
    let retagged = "tagged-union tag=\"kind\" response in=items";
    assert_eq!(rule(fallback, plain), Some(VARIANT_REMOVED.id));
    assert_eq!(rule(plain, fallback), Some(VARIANT_ADDED.id));
    assert_eq!(rule(plain, retagged), Some(UNION_TAG.id));
    assert_eq!(
        rule(fallback, "tagged-union tag=\"kind\" response in=items"),
        Some(VARIANT_REMOVED.id)
    );
}

#[test]
fn a_renamed_path_parameter_is_the_same_argument() {
    let op = (
        "svc.items.get",
        "operation GET /items/{domain} -> Item (200)",
    );
    let param = ("svc.items.get(domain)", "path parameter String required");
    let renamed_op = (
        "svc.items.get",
        "operation GET /items/{workspace} -> Item (200)",
    );
    let renamed = ("svc.items.get(workspace)", "path parameter String required");
    assert_eq!(
        changes(&[op, param], &[renamed_op, renamed]),
        one(
            &PATH_PARAM_RENAMED,
            "svc.items.get(domain) -> svc.items.get(workspace)"
        )
    );
    // Another type at the same place is not a rename.
    let other = ("svc.items.get(workspace)", "path parameter i64 required");
    let found = changes(&[op, param], &[renamed_op, other]);
    assert!(
        found.iter().any(|(rule, _)| *rule == "parameter-removed"),
        "{found:?}"
    );
}

#[test]
fn a_constructor_taking_its_required_fields_by_name_is_another_form() {
    let positional = ("svc::Item", "struct request in=items");
    let by_name = ("svc::Item", "struct new=ItemRequired request in=items");
    assert_eq!(
        changes(&[positional], &[by_name]),
        one(&CONSTRUCTOR_FORM, "svc::Item")
    );
}

#[test]
fn the_report_ends_with_the_bump() {
    let report = diff(
        &surface(&[("svc::Item", "struct response in=items")]),
        &surface(&[]),
    );
    assert!(report.render("0.2.0").ends_with(
        "1 breaking, 0 additive, 0 documentation only: generated-client 0.2.0 -> 0.3.0 (a breaking change before 1.0: minor bump)\n"
    ));
    assert_eq!(report.next_version("1.4.2").as_deref(), Some("2.0.0"));
    assert_eq!(Report::default().render("0.2.0"), "no API changes\n");
}
