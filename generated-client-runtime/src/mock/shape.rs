//! What generated code tells the mock runtime about a service and its operations: plain
//! `static` data, so that each operation's stub costs a few lines of generated code.

/// A service as its mock sees it.
#[derive(Debug)]
pub struct MockService {
    /// `cloudflare`.
    pub name: &'static str,
    /// The shape of the service's error bodies.
    pub error: ErrorShape,
    /// Every operation, in spec order.
    pub operations: &'static [MockOperation],
}

/// How a service writes an error response: the JSON names of its list of errors and of
/// each error's code and message.
#[derive(Debug)]
pub struct ErrorShape {
    /// The member with the list of errors: `errors`.
    pub errors: &'static str,
    /// Each error's code member, when errors have codes.
    pub code: Option<&'static str>,
    /// Each error's message member.
    pub message: &'static str,
    /// The envelope an error body comes in, when it is the service's envelope
    /// (Cloudflare's `success: false`).
    pub envelope: Option<&'static EnvelopeShape>,
}

/// The JSON names of an envelope's members.
#[derive(Debug)]
pub struct EnvelopeShape {
    /// The result: `result`.
    pub result: &'static str,
    /// `success`, when the envelope has it.
    pub success: Option<&'static str>,
    /// `errors`, when the envelope has it.
    pub errors: Option<&'static str>,
    /// `messages`, when the envelope has it.
    pub messages: Option<&'static str>,
}

/// One operation: how requests to it look, and how it answers.
#[derive(Debug)]
pub struct MockOperation {
    /// `cloudflare.triggers.create`.
    pub id: &'static str,
    /// How a test stubs it: `mock.triggers().create()`.
    pub stub: &'static str,
    /// `POST`.
    pub method: &'static str,
    /// The path template: `/accounts/{account_id}/builds/triggers`.
    pub path: &'static str,
    /// The status of a success.
    pub status: u16,
    /// Whether a success has a body (a `204` has none).
    pub has_result: bool,
    /// Whether a success's body is the result's raw bytes (`application/octet-stream`), in
    /// no envelope: then the example's success body is that text itself, not JSON.
    pub raw: bool,
    /// The envelope a success comes in.
    pub envelope: Option<&'static EnvelopeShape>,
    /// The tag member and value a result that is one variant of a tagged union carries.
    pub result_tag: Option<(&'static str, &'static str)>,
    /// The tag member and value of a request body that is one variant of a tagged union:
    /// it tells operations of the same method and path apart.
    pub body_tag: Option<(&'static str, &'static str)>,
    /// The documentation page's example answer: its status and JSON body (a raw
    /// operation's success: its text).
    pub example: Option<(u16, Option<&'static str>)>,
    /// How the operation is paginated.
    pub paging: Option<PagingShape>,
}

/// How a paginated operation's pages follow each other, in JSON names.
#[derive(Debug)]
pub enum PagingShape {
    /// Numbered pages from 1.
    Pages {
        /// The query parameter with the page number: `page`.
        page: &'static str,
        /// The query parameter with the page size: `per_page`.
        per_page: &'static str,
        /// The result's member with the items; `None` when the result is the list.
        items: Option<&'static str>,
        /// The envelope's paging information, when the API sends it.
        info: Option<InfoShape>,
    },
    /// Pages linked by a cursor.
    Cursor {
        /// The query parameter with the cursor: `cursor`.
        cursor: &'static str,
        /// The result's member with the items; `None` when the result is the list.
        items: Option<&'static str>,
        /// Where a page gives the next cursor.
        next: CursorAt,
    },
}

/// The envelope member with page-numbered paging information, and its figures' names.
#[derive(Debug)]
pub struct InfoShape {
    /// `result_info`.
    pub member: &'static str,
    /// `page`.
    pub page: Option<&'static str>,
    /// `per_page`.
    pub per_page: Option<&'static str>,
    /// `total_pages`.
    pub total_pages: Option<&'static str>,
}

/// Where a page gives the next cursor.
#[derive(Debug)]
pub enum CursorAt {
    /// A member of the result.
    Result(&'static str),
    /// A member of an envelope member: `result_info.cursor`.
    Info(&'static str, &'static str),
}
