//! The reader on pages of its own, written in the layout: what it reads, what it passes
//! over, what it refuses. The project's real pages are read by the docs tests.

use crate::pages::model::{BoundKind, Layout, Page, PageField, PageType, ParamLocation};
use crate::pages::{Hints, read};

mod refusals;

const METHOD: &str = r##"---
title: Create a widget
---

[Skip to content](#_top)

[API Reference](https://developers.cloudflare.com/api)

[Shop](https://developers.cloudflare.com/api/resources/shop)

[Widgets](https://developers.cloudflare.com/api/resources/shop/subresources/widgets)

Copy Markdown

Open in **Claude**Open in **ChatGPT**Open in **Cursor**

---

**Copy Markdown****View as Markdown**

# Create a widget

Deprecated: Please use shop.gadgets.create instead

POST/accounts/{account\_id}/widgets

Create a widget. The <a href="https://e.x/w">widget guide</a> says more.

Widgets are made of `parts`.

##### Security

<details>

<summary>API Token</summary>



The preferred authorization scheme.

**Example:**<code>Authorization: Bearer abc</code>

</details>

<details>

<summary></summary>



</details>

##### Accepted Permissions (at least one required)

`Shop Write``Shop Admin`

##### P ath ParametersExpand Collapse

account\_id: string

Account identifier.

maxLength32

[Link to this property](#)%20shop%20%3E%20(param)%20account_id>)

##### Q uery ParametersExpand Collapse

dry\_run: optional boolean

[Link to this property](#)%20shop%20%3E%20(param)%20dry_run>)

##### Body ParametersJSONExpand Collapse

name: string

The widget's name.

maxLength58

minLength1

[Link to this property](#)%20shop%20%3E%20(param)%20name>)

<details>

<summary>

color: optional "red"or "green"or "blue\_ish"

The color.

</summary>

One of the following:

"red"

<a href="#">Link to this property</a>

"green"

<a href="#">Link to this property</a>

"blue\_ish"

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20shop%20%3E%20(param)%20color>)

<details>

<summary>

size: optional array of stringor number

</summary>

One of the following:

array of string

<a href="#">Link to this property</a>

number

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20shop%20%3E%20(param)%20size>)

##### ReturnsExpand Collapse

success: true

[Link to this property](#)%20shop%20%3E%20(property)%20success>)

<details>

<summary>

result: object {id, created\_on, "shop/tag" }

</summary>

id: optional string

formatuuid

<a href="#">Link to this property</a>

Deprecatedcreated\_on: optional string

formatdate-time

<a href="#">Link to this property</a>

"shop/tag": optional number

minimum1

maximum200

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20shop%20%3E%20(property)%20result>)

### Create a widget

HTTP

HTTPTypeScriptPythonGoTerraform

```
curl https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/widgets \
    -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $CLOUDFLARE_API_TOKEN" \
    -d '{
          "name": "w"
        }'
```

200 example

404 example

```
{
  "success": true,
  "result": {"id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}
}
```

```
{
  "success": false,
  "errors": [{"code": 12000, "message": "Not found"}]
}
```

##### Returns Examples

200 example

404 example

```
{
  "success": true,
  "result": {"id": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e"}
}
```

```
{
  "success": false,
  "errors": [{"code": 12000, "message": "Not found"}]
}
```
"##;

fn read_details(text: &str) -> Result<Page, String> {
    read("p.md", text, Layout::CloudflareDetails, &Hints::default()).map_err(|d| {
        d.iter()
            .map(|d| format!("{}:{}: {}", d.pos.line, d.pos.column, d.message))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn read_ok(text: &str) -> Page {
    match read_details(text) {
        Ok(page) => page,
        Err(e) => panic!("the fixture reads: {e}"),
    }
}

fn field<'f>(fields: &'f [PageField], name: &str) -> &'f PageField {
    fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn fields(ty: &PageType) -> &[PageField] {
    match ty {
        PageType::Object(object) => &object.fields,
        other => panic!("expected an object, got {other:?}"),
    }
}

#[test]
// Long by design: one page read whole, checked in the page's order; in parts, what
// each part checks would lose its place on the page.
fn an_operation_page_is_read_whole() {
    let page = read_ok(METHOD);
    assert_eq!(
        page.title.as_ref().map(|t| t.text.as_str()),
        Some("Create a widget")
    );
    let [op] = page.operations.as_slice() else {
        panic!("one operation");
    };
    assert_eq!(
        (op.method.text.as_str(), op.path.text.as_str()),
        ("POST", "/accounts/{account_id}/widgets")
    );
    assert_eq!(op.path.pos.line, 25);
    let sections: Vec<&str> = op.sections.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(sections, ["Shop", "Widgets"]);
    assert_eq!(
        op.description.as_ref().map(|d| d.text.as_str()),
        Some(
            "Create a widget. The [widget guide](https://e.x/w) says more.\n\nWidgets are made of `parts`."
        )
    );
    assert_eq!(
        op.deprecated.as_ref().map(|d| d.text.as_str()),
        Some("Please use shop.gadgets.create instead")
    );
    let auth: Vec<&str> = op.auth.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(auth, ["API Token", ""]);
    let permissions: Vec<&str> = op.permissions.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(permissions, ["Shop Write", "Shop Admin"]);

    let account = &op.params[0];
    assert_eq!(
        (account.place, account.field.name.as_str()),
        (ParamLocation::Path, "account_id")
    );
    assert_eq!(
        account
            .field
            .badges
            .bound(BoundKind::MaxLength)
            .map(|b| b.value.to_string())
            .as_deref(),
        Some("32")
    );
    assert_eq!(
        (op.params[1].place, op.params[1].field.required),
        (ParamLocation::Query, false)
    );

    let Some(body) = op.body.as_ref() else {
        panic!("a body");
    };
    assert_eq!(
        body.content_type.as_ref().map(|c| c.text.as_str()),
        Some("JSON")
    );
    let body_fields = fields(&body.shape);
    let name = field(body_fields, "name");
    assert!(name.required);
    assert_eq!(name.badges.bounds.len(), 2);
    let PageType::Enum(colors) = &field(body_fields, "color").ty else {
        panic!("color is an enum");
    };
    let values: Vec<&str> = colors.iter().filter_map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["red", "green", "blue_ish"]);
    // `array of stringor number` lists `array of string` and `number`: a union of the two.
    let PageType::Union(sizes) = &field(body_fields, "size").ty else {
        panic!("size is a union");
    };
    assert_eq!(sizes[0].ty, PageType::Array(Box::new(PageType::String)));
    assert_eq!(sizes[1].ty, PageType::Number);

    let Some(returns) = op.response.as_ref() else {
        panic!("returns");
    };
    assert_eq!(returns.status, Some(200));
    let Some(shape) = returns.shape.as_ref() else {
        panic!("a shape");
    };
    let envelope = fields(shape);
    let result = fields(&field(envelope, "result").ty);
    assert_eq!(
        field(result, "id")
            .badges
            .format
            .as_ref()
            .map(|f| f.text.as_str()),
        Some("uuid")
    );
    assert!(field(result, "created_on").badges.deprecated.is_some());
    let tag = field(result, "shop/tag");
    assert_eq!(
        tag.badges
            .bound(BoundKind::Maximum)
            .map(|b| b.value.to_string())
            .as_deref(),
        Some("200")
    );

    let statuses: Vec<Option<u16>> = op
        .examples
        .iter()
        .map(|e| e.response.as_ref().and_then(|r| r.status))
        .collect();
    assert_eq!(statuses, [Some(200), Some(404)]);
    let Some(request) = op.examples[0].request.as_ref() else {
        panic!("the curl request");
    };
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.body.as_ref().and_then(|b| b.json.clone()),
        Some(serde_json::json!({"name": "w"}))
    );
    assert!(
        op.examples[1].request.is_none(),
        "the request is the first example's only"
    );
    let not_found = op.examples[1]
        .response
        .as_ref()
        .and_then(|r| r.body.as_ref()?.json.clone());
    assert_eq!(
        not_found.and_then(|b| b["errors"][0]["code"].as_i64()),
        Some(12000)
    );
}

#[test]
fn everything_passed_over_says_why() {
    let page = read_ok(METHOD);
    assert!(!page.skipped.is_empty());
    for skipped in &page.skipped {
        assert!(!skipped.why.is_empty(), "{skipped:?}");
    }
    let whys: std::collections::BTreeSet<&str> =
        page.skipped.iter().map(|s| s.why.as_str()).collect();
    assert!(whys.contains("repeats the response example shown under the request"));
    assert!(whys.contains("the example's language tabs; the HTTP example is read"));
}

const RESOURCE: &str = r##"---
title: Widgets
---

[API Reference](https://developers.cloudflare.com/api)

[Shop](https://developers.cloudflare.com/api/resources/shop)

# Widgets

##### [Create a widget](https://developers.cloudflare.com/api/resources/shop/subresources/widgets/methods/create)

Deprecated

POST/accounts/{account\_id}/widgets

##### ModelsExpand Collapse

WidgetDeleteResponse = unknown

[Link to this property](#)%20shop.widgets%20%3E%20(model)%20widget_delete_response>)

#### WidgetsParts

##### [List parts](https://developers.cloudflare.com/api/resources/shop/subresources/widgets/subresources/parts/methods/list)

GET/accounts/{account\_id}/widgets/parts

##### ModelsExpand Collapse

<details>

<summary>

Part object {id }

A part.

</summary>

id: string

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20shop.widgets.parts%20%3E%20(model)%20part>)
"##;

#[test]
fn a_resource_page_lists_its_operations_and_models() {
    let page = read_ok(RESOURCE);
    assert!(page.operations.is_empty());
    let links: Vec<(&str, &str, &str, bool)> = page
        .links
        .iter()
        .map(|l| {
            (
                l.title.text.as_str(),
                l.method.text.as_str(),
                l.path.text.as_str(),
                l.deprecated,
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "Create a widget",
                "POST",
                "/accounts/{account_id}/widgets",
                true
            ),
            (
                "List parts",
                "GET",
                "/accounts/{account_id}/widgets/parts",
                false
            ),
        ]
    );
    let models: Vec<(&str, Vec<&str>)> = page
        .named_types
        .iter()
        .map(|n| {
            (
                n.name.as_str(),
                n.sections.iter().map(|s| s.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        models,
        [
            ("WidgetDeleteResponse", vec!["Shop", "Widgets"]),
            ("Part", vec!["Shop", "Widgets", "WidgetsParts"]),
        ]
    );
    assert_eq!(page.named_types[0].ty, PageType::Unknown);
    assert_eq!(
        page.named_types[1]
            .description
            .as_ref()
            .map(|d| d.text.as_str()),
        Some("A part.")
    );
}
