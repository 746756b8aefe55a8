//! `products().history` takes the shop and the product (the `paginated_operation` snapshot):
//! leaving out a path parameter does not compile.

use tests::snapshots::paginated_operation::catalog::CatalogClient;

fn main() {
    let client = CatalogClient::new("token").unwrap();
    let _request = client.products().history("s1");
}
