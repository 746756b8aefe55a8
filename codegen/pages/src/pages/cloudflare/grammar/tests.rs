use super::*;
use codegen_spec::spec::Primitive;

fn ty(code: &str) -> Ty {
    span_type(code).unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

fn object(name: Option<&str>, announced: &[&str], more: usize) -> Ty {
    Ty::Object {
        name: name.map(str::to_owned),
        announced: announced.iter().map(|s| (*s).to_owned()).collect(),
        more,
    }
}

#[test]
fn fields() {
    let span = field("build_caching_enabled: optional boolean").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(span.name, "build_caching_enabled");
    assert!(span.optional);
    assert_eq!(span.type_text, "optional boolean");
    assert_eq!(span.ty, Ty::Primitive(Primitive::Boolean));
    let span = field("isBase64: boolean").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((span.name, span.optional), ("isBase64", false));
    // A type named like the keyword is not `optional`.
    assert!(field("a: optionalx").is_err());
}

#[test]
fn types() {
    assert_eq!(
        ty(
            "builds: optional map[object { build_outcome, build_trigger_metadata, build_uuid, 8 more } ]"
        ),
        Ty::Map(Box::new(object(
            None,
            &["build_outcome", "build_trigger_metadata", "build_uuid"],
            8
        )))
    );
    assert_eq!(
        ty("result_info: optional { count, page, per_page, 2 more }"),
        object(None, &["count", "page", "per_page"], 2)
    );
    assert_eq!(
        ty("x: map[ { a } ]"),
        Ty::Map(Box::new(object(None, &["a"], 0)))
    );
    assert_eq!(
        ty(r#"build_outcome: optional "success" or "fail" or "skipped" or 2 more"#),
        Ty::Literals {
            values: vec!["success".into(), "fail".into(), "skipped".into()],
            more: 2
        }
    );
    assert_eq!(
        ty("success: true"),
        Ty::Literals {
            values: vec![true.into()],
            more: 0
        }
    );
    assert_eq!(
        ty("lines: optional array of array of number or string"),
        Ty::Array(Box::new(Ty::Array(Box::new(Ty::Union {
            alternatives: vec![
                Ty::Primitive(Primitive::Number),
                Ty::Primitive(Primitive::String)
            ],
            more: 0
        }))))
    );
    assert_eq!(
        ty("body: object { sql, params }  or object { batch }"),
        Ty::Union {
            alternatives: vec![
                object(None, &["sql", "params"], 0),
                object(None, &["batch"], 0)
            ],
            more: 0
        }
    );
    assert_eq!(
        ty("errors: array of ResponseInfo"),
        Ty::Array(Box::new(Ty::Named("ResponseInfo".into())))
    );
    assert_eq!(
        ty(r#"sort: optional array of "uuid" or "name" or 6 more"#),
        Ty::Array(Box::new(Ty::Literals {
            values: vec!["uuid".into(), "name".into()],
            more: 6
        }))
    );
    assert_eq!(ty("number"), Ty::Primitive(Primitive::Number));
    assert_eq!(
        ty("D1SingleQuery object { sql, params }"),
        object(Some("D1SingleQuery"), &["sql", "params"], 0)
    );
    assert_eq!(
        ty("TriggerListResponse { a, 2 more }"),
        object(Some("TriggerListResponse"), &["a"], 2)
    );
}

#[test]
fn named_types() {
    let span = type_span("TriggerDeleteResponse = unknown").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (span.name, span.alias, span.type_text),
        (Some("TriggerDeleteResponse"), true, "unknown")
    );
    let span = type_span(
        "EnvironmentVariableListResponse = map[object { created_on, is_secret, value } ]",
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        span.ty,
        Ty::Map(Box::new(object(
            None,
            &["created_on", "is_secret", "value"],
            0
        )))
    );
    let span = type_span("D1 object { created_at, 7 more }").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((span.name, span.alias), (Some("D1"), false));
    let span = type_span("ResponseInfo").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(span.name, None);
}

#[test]
fn mistakes_say_where_and_what() {
    let e = field("account_id string").err();
    assert_eq!(e.map(|e| e.offset), Some(0));
    let e = field("a: strng")
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert_eq!(e.offset, 3);
    assert!(e.message.contains("expected a type"), "{}", e.message);
    let e = field("a: object { b, c")
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert!(e.message.contains("expected `,` or `}`"), "{}", e.message);
    let e = field("a: map[string")
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert!(e.message.contains("`]`"), "{}", e.message);
    let e = field("a: \"open")
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert!(e.message.contains("closing"), "{}", e.message);
    let e = field("a: string string")
        .err()
        .unwrap_or_else(|| panic!("no error"));
    assert_eq!(e.offset, 10);
    let e = field("a: { b, 99999999999999999999999 more }").err();
    assert!(e.is_some_and(|e| e.message.contains("count")));
    assert!(field("a: { b, 18446744073709551615 more }").is_ok());
    let deep = format!("a: {}string", "array of ".repeat(200));
    assert!(field(&deep).is_err());
    for junk in [
        "",
        ":",
        "a:",
        "\"",
        "{",
        "map[",
        "array of",
        "a: 1 more",
        "a: -",
        "é: ü",
    ] {
        let _ = span_type(junk);
    }
}

#[test]
fn expectations() {
    let t = ty("a: optional { b, c, 1 more }");
    assert_eq!(
        expect(&t),
        Expect::Members {
            first: Some("b"),
            count: 3
        }
    );
    assert!(starts(&expect(&t), "b: string"));
    assert!(!starts(&expect(&t), "c: string"));
    let t = ty("a: \"x\" or \"y\"");
    assert!(starts(&expect(&t), "\"x\""));
    assert!(!starts(&expect(&t), "\"y\""));
    let t = ty("a: array of array of number or string");
    assert!(starts(&expect(&t), "number"));
    let t = ty("body: object { sql }  or object { batch }");
    assert!(starts(&expect(&t), "D1SingleQuery object { sql }"));
    assert_eq!(expect(&ty("a: ResponseInfo")), Expect::Nothing);
}
