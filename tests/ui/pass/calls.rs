//! Calls operations of the snapshot cases' clients (`tests::snapshots::<case>`) the way a
//! user would: required parameters as arguments, optional ones by name, bodies built with
//! `new`, a struct of required fields and `with_*`, unions from their variants, pages
//! read as streams. It is compiled, never run. The snapshot cases are fixtures of their
//! own, so a page update leaves this program alone; the live client's operations are
//! compiled by its doctests, one per operation.

use generated_client::Error;
use generated_client::runtime::FilePart;
use tests::snapshots::{
    bare_map_body, enum_odd_values, envelope_per_operation, header_params, keyword_names,
    object_unions, paginated_operation, paging_shapes, query_arrays, raw_answers, request_bodies,
    struct_fields, tagged_union_fallback,
};

/// Required and optional fields, positional or by name; nested and flattened structs.
async fn bodies() -> Result<(), Error> {
    use struct_fields::shop::{Dimensions, ItemInput, ShopClient};
    use tagged_union_fallback::pipeline::{BuildStep, BuildStepRequired, PipelineClient, Step};

    // Two required fields of different kinds are positional; a nullable one takes an Option.
    let shop = ShopClient::new("token")?;
    let item = shop
        .items()
        .create(
            ItemInput::new("box", None)
                .with_note("fragile")
                .with_tags(["a", "b"])
                .with_dimensions(Dimensions::new(2).with_height(3)),
        )
        .await?;
    // A response keeps its read-only fields.
    let _: &str = &item.id;
    let _: Option<String> = item.created_on;

    // Two strings side by side are set by name; a flattened struct's fields read as the
    // struct's own.
    let pipeline = PipelineClient::from_env()?;
    let step = pipeline
        .steps()
        .create_build(
            BuildStep::new(BuildStepRequired {
                name: "compile".into(),
                command: "make".into(),
            })
            .with_timeout(60),
        )
        .await?;
    let _: &str = &step.name;
    let _: &str = &step.common.name;
    // A tagged union is matched on; a variant this client does not know keeps its JSON.
    match pipeline.steps().get(1).await? {
        Step::Build(build) => drop(build.command),
        Step::Ship(ship) => drop(ship.target),
        Step::Unknown(json) => drop(json),
        _ => {}
    }
    Ok(())
}

/// Unions, maps, and bodies that are not JSON objects.
async fn other_bodies() -> Result<(), Error> {
    use bare_map_body::vars::{Input, VarsClient};
    use object_unions::warehouse::{
        BatchQuery, ImportStep, IngestStep, IngestStepRequired, Query, SingleQuery, WarehouseClient,
    };
    use request_bodies::store::{ScriptMetadata, ScriptUpload, Settings, StoreClient};

    // A union body is built from one of its variants.
    let warehouse = WarehouseClient::new("token")?;
    let _rows = warehouse
        .databases()
        .query(
            "d1",
            Query::Single(SingleQuery::new("SELECT * FROM t WHERE a = ?").with_params(["x"])),
        )
        .await?;
    let _batch = warehouse
        .databases()
        .query(
            "d1",
            Query::Batch(BatchQuery::new([
                SingleQuery::new("SELECT 1"),
                SingleQuery::new("SELECT 2"),
            ])),
        )
        .await?;
    let status = warehouse
        .databases()
        .import(
            "d1",
            ImportStep::from(IngestStep::new(IngestStepRequired {
                etag: "abc".into(),
                filename: "dump.sql".into(),
            })),
        )
        .await?;
    let _: bool = status.done;

    // A body that is a map takes its entries.
    let vars = VarsClient::new("token")?;
    let variables = vars
        .variables()
        .upsert(
            "web",
            [
                ("API_URL", Input::new("https://x")),
                ("KEY", Input::new("k").with_is_secret(true)),
            ],
        )
        .await?;
    for (name, variable) in variables {
        let _: (String, bool) = (name, variable.is_secret);
    }

    // Text, bytes, multipart with files, an optional body, no response body.
    let store = StoreClient::new("token")?;
    let _written = store.values().put_text("greeting", "hello, world").await?;
    let _written = store
        .values()
        .put_bytes("blob", b"raw bytes".to_vec())
        .await?;
    let _script = store
        .values()
        .upload(
            "worker",
            ScriptUpload::new(
                ScriptMetadata::new("index.js"),
                [FilePart::new("index.js", "export default {}")
                    .content_type("application/javascript+module")],
            )
            .with_note("first upload"),
        )
        .await?;
    let _settings = store
        .values()
        .patch_settings()
        .body(Settings::new().with_ttl(60))
        .await?;
    let _defaults = store.values().patch_settings().await?;
    let () = store.values().delete("greeting").await?;
    Ok(())
}

/// Path, query and header parameters: required ones positional, optional ones by name.
async fn parameters() -> Result<(), Error> {
    use enum_odd_values::sandbox::{SandboxClient, Size};
    use header_params::relay::{Priority, RelayClient};
    use keyword_names::blobs::{BlobsClient, File};
    use query_arrays::archive::{ArchiveClient, Field};

    let archive = ArchiveClient::new("token")?;
    let _record = archive
        .records()
        .get("r1")
        .fields([Field::Uuid, Field::Name])
        .await?;
    let _records = archive
        .records()
        .list(["red", "blue"])
        .year([2025, 2026])
        .await?;
    let _export = archive.records().export("csv").since("2026-01-01").await?;

    let relay = RelayClient::new("token")?;
    let sent = relay
        .messages()
        .send("idempotency-key-1")
        .x_attempts(3)
        .x_priority(Priority::High)
        .x_dry_run(true)
        .await?;
    let _: String = sent.id;

    // An enum is matched on; a value this client does not know is kept as received.
    let sandbox = SandboxClient::new("token")?;
    let machine = sandbox.machines().get(7).size(Size::V10x20).await?;
    match machine.size {
        Size::V1x2 | Size::V10x20 => {}
        Size::Unknown(value) => drop(value),
        _ => {}
    }

    // Names that are Rust keywords are raw identifiers.
    let blobs = BlobsClient::new("token")?;
    let file = blobs
        .files()
        .put(
            "g1",
            File::new("text").with_self_("me").with_is_base64(false),
        )
        .await?;
    let _ = (file.r#type, file.r#match);
    let _ = blobs.files().get("g1").r#type("text").r#match(true).await?;
    Ok(())
}

/// Pages, read one at a time or as a stream; a response's status and envelope.
async fn paging_and_responses() -> Result<(), Error> {
    use envelope_per_operation::ledger::LedgerClient;
    use paginated_operation::catalog::CatalogClient;
    use paging_shapes::depot::DepotClient;

    let catalog = CatalogClient::new("token")?;
    let _second_page = catalog
        .products()
        .list("s1")
        .page(2)
        .per_page(50)
        .q("pen")
        .await?;
    let mut products = catalog.products().list("s1").per_page(50).into_stream();
    while let Some(product) = products.next().await {
        let _: String = product?.id;
    }
    let response = catalog.products().list("s1").send_with_response().await?;
    let _ = response.status();
    let _ = response
        .meta()
        .result_info
        .as_ref()
        .and_then(|info| info.total_pages);
    let _ = response.into_value();
    // A cursor paginates the items of one field of the response.
    let _history = catalog.products().history("s1", "p1").cursor("c2").await?;
    let events: Vec<String> = catalog
        .products()
        .history("s1", "p1")
        .into_stream()
        .try_collect()
        .await?;
    let _ = events.len();

    let depot = DepotClient::new("token")?;
    let _keys = depot
        .keys()
        .list()
        .limit(2)
        .start_after("a")
        .into_stream()
        .try_collect()
        .await?;
    let mut pipelines = depot.pipelines().list().per_page(2).into_stream();
    while let Some(pipeline) = pipelines.next().await {
        let _: i64 = pipeline?.id;
    }
    let () = depot.pipelines().delete(1).send().await?;

    let ledger = LedgerClient::new("token")?;
    let account = ledger.accounts().get("a1").send_with_response().await?;
    let _: &[String] = &account.meta().messages;
    let _health = ledger.accounts().health().await?;
    let _entry = ledger.entries().get("e1").await?;
    Ok(())
}

/// Answers that are raw bytes, and multipart parts of bytes.
async fn raw_bytes() -> Result<(), Error> {
    use raw_answers::vault::{ValueWrite, VaultClient};

    let vault = VaultClient::new("token")?;
    let written = vault
        .values()
        .put(
            "logo",
            ValueWrite::new(b"\x89PNG".to_vec()).with_thumbnail(*b"\x00\xff"),
        )
        .await?;
    let _: i64 = written.size;
    // The answer is its body's bytes, in no envelope: no metadata beside them.
    let value: Vec<u8> = vault.values().get("logo").await?;
    let _ = value.len();
    let response = vault.values().download("logo").send_with_response().await?;
    let (): &() = response.meta();
    let _: Vec<u8> = response.into_value();
    Ok(())
}

fn main() {
    // Compiled, never run: the futures are only named.
    let _ = bodies;
    let _ = other_bodies;
    let _ = parameters;
    let _ = paging_and_responses;
    let _ = raw_bytes;
}
