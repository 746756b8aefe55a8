//! The generated mocks serve pages in every paging shape the snapshot cases cover, so that
//! a client's `into_stream` reads three pages to their end: numbers with the envelope's
//! `result_info`, numbers ending on an empty page with the items in a result field, a
//! cursor in the envelope's `result_info`, and a cursor in the result.

use tests::snapshots::paginated_operation::catalog::{History, Product, mock::CatalogMock};
use tests::snapshots::paging_shapes::depot::{Key, Pipeline, Pipelines, mock::DepotMock};

#[tokio::test]
async fn numbered_pages_with_result_info() {
    let mock = CatalogMock::start().await;
    let stub = mock
        .products()
        .list()
        .shop_id("shop-1")
        .respond_pages([
            vec![Product::new("a"), Product::new("b")],
            vec![Product::new("c"), Product::new("d")],
            vec![Product::new("e")],
        ])
        .mount();
    let products = mock
        .client()
        .products()
        .list("shop-1")
        .into_stream()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = products.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    // total_pages says the third page is the last: no fourth request.
    assert_eq!(stub.calls(), 3);
}

#[tokio::test]
async fn numbered_pages_in_a_result_field_end_on_an_empty_page() {
    let mock = DepotMock::start().await;
    let page = |ids: &[i64]| {
        let mut page = Pipelines::new();
        page.pipelines = Some(ids.iter().map(|id| Pipeline::new(*id)).collect());
        page
    };
    let stub = mock
        .pipelines()
        .list()
        .respond_pages([page(&[1, 2]), page(&[3, 4]), page(&[5])])
        .mount();
    let pipelines = mock
        .client()
        .pipelines()
        .list()
        .into_stream()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<i64> = pipelines.iter().map(|p| p.id).collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    // Without paging information, the client stops at the first empty page.
    assert_eq!(stub.calls(), 4);
}

#[tokio::test]
async fn a_cursor_in_result_info() {
    let mock = DepotMock::start().await;
    let stub = mock
        .keys()
        .list()
        .respond_pages([
            vec![Key::new("k1"), Key::new("k2")],
            vec![Key::new("k3")],
            vec![Key::new("k4")],
        ])
        .mount();
    let keys = mock
        .client()
        .keys()
        .list()
        .into_stream()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["k1", "k2", "k3", "k4"]);
    assert_eq!(stub.calls(), 3);
}

#[tokio::test]
async fn a_cursor_in_the_result() {
    let mock = CatalogMock::start().await;
    let page = |events: &[&str]| {
        let mut page = History::new();
        page.events = Some(events.iter().map(|e| (*e).to_owned()).collect());
        page
    };
    let stub = mock
        .products()
        .history()
        .respond_pages([
            page(&["created"]),
            page(&["renamed", "priced"]),
            page(&["deleted"]),
        ])
        .mount();
    let events = mock
        .client()
        .products()
        .history("shop-1", "p-1")
        .into_stream()
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(events, ["created", "renamed", "priced", "deleted"]);
    assert_eq!(stub.calls(), 3);
}
