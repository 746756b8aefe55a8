//! Cloudflare's current pages (layout `cloudflare_details`): the Workers Builds resource
//! Repos > Connections, its page with its operations' pages, against the repository's
//! spec. The edits are on one operation's page (types such as a Build repeat on several
//! pages, and an edit of one copy is one difference), as the site would make them: an
//! enum value in the summary that announces the values and under "One of the following",
//! a response example in both its copies, a title wherever the page and the resource's
//! link write it.

use crate::{
    Alteration::{self, *},
    At, CURRENT_CLOUDFLARE_LAYOUT, Case, Edit, Expect, LayoutCases, NewPage, Occurs, Spec, SpecAt,
    case, difference, edit,
};

/// A page of the resource, under `pages/`.
macro_rules! connections {
    ($page:literal) => {
        concat!(
            "cloudflare/api/resources/workers_builds/subresources/repos/subresources/connections/",
            $page
        )
    };
}

const RESOURCE: &str = connections!("index.md");
const UPSERT: &str = connections!("methods/upsert/index.md");
const DELETE: &str = connections!("methods/delete/index.md");
/// The operation the case "operation added" documents.
const GET: &str = connections!("methods/get/index.md");

/// The `Link to this property` line of a body field of the upsert page.
macro_rules! body_field_link {
    ($field:literal) => {
        concat!(
            "[Link to this property](#)%20workers_builds.repos.connections%20%3E%20(method)%20",
            "upsert%20%3E%20(params)%200%20%3E%20(param)%20",
            $field,
            "%20%3E%20(schema)>)\n\n"
        )
    };
}

/// The response example's value that the example cases change, in both copies or one.
const EXAMPLE_UUID: &str = "\"repo_connection_uuid\": \"182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e\"";
const CHANGED_UUID: &str = "\"repo_connection_uuid\": \"0f9b7e3c-2d41-4c8e-9a6b-5e0d1c2b3a49\"";

/// Repos > Connections: the resource's page with the pages of its operations, upsert and
/// delete.
pub const REPO_CONNECTIONS: LayoutCases = LayoutCases {
    page: RESOURCE,
    spec: Spec::Repository,
    alterations: CURRENT_CLOUDFLARE_LAYOUT,
    inexpressible: &[],
    cases: &[
        upsert(
            FieldRemoved,
            &[edit(
                concat!(
                    "repo\\_name: string\n\nHuman-readable repository name.\n\n",
                    body_field_link!("repo_name"),
                ),
                "",
            )],
            // A field the body's list lost is reported at the list.
            difference(
                At::Line("##### Body Parameters"),
                SpecAt::Field("UpsertRepoConnectionRequest", "repo_name"),
                "repo_name: is in the spec (UpsertRepoConnectionRequest) only",
            ),
        ),
        upsert(
            FieldAdded,
            &[edit(
                body_field_link!("repo_name"),
                concat!(
                    body_field_link!("repo_name"),
                    "root\\_directory: optional string\n\n",
                    "Repository directory in which build and deploy commands run.\n\n",
                    body_field_link!("root_directory"),
                ),
            )],
            difference(
                At::FirstChange,
                SpecAt::Type("UpsertRepoConnectionRequest"),
                "root_directory: is on the page only",
            ),
        ),
        upsert(
            TypeChanged,
            // The body's `repo_id`; the result's is `optional string`.
            &[edit("repo\\_id: string\n", "repo\\_id: number\n")],
            difference(
                At::FirstChange,
                SpecAt::Field("UpsertRepoConnectionRequest", "repo_id"),
                "the page says number, the spec says string",
            ),
        ),
        upsert(
            RequiredFlipped,
            &[edit(
                "provider\\_account\\_name: string\n",
                "provider\\_account\\_name: optional string\n",
            )],
            difference(
                At::FirstChange,
                SpecAt::Field("UpsertRepoConnectionRequest", "provider_account_name"),
                "the page says optional, the spec says required",
            ),
        ),
        upsert(
            EnumValueAdded,
            // The body's `provider_type` (the result's is `optional`): its summary announces
            // the values, and "One of the following:" lists them, up to the `</details>`
            // that its own link follows.
            &[
                edit(
                    "provider\\_type: \"github\"or \"gitlab\"or \"gitlab\\_internal\"or \"origin\"\n",
                    "provider\\_type: \"github\"or \"gitlab\"or \"gitlab\\_internal\"or \"origin\"\
                     or \"bitbucket\"\n",
                ),
                edit(
                    "\"origin\"\n\n<a href=\"#\">Link to this property</a>\n\n</details>\n\n[Link",
                    "\"origin\"\n\n<a href=\"#\">Link to this property</a>\n\n\
                     \"bitbucket\"\n\n<a href=\"#\">Link to this property</a>\n\n</details>\n\n[Link",
                ),
            ],
            difference(
                At::LineAfter("\n", "\"bitbucket\"\n"),
                SpecAt::Type("ProviderType"),
                "the page allows \"bitbucket\", the spec does not",
            ),
        ),
        // A new operation's page, made from the delete page, and its link on the
        // resource's page, before the models. (A changed path is an operation gone and
        // one added, two differences, so the path is left alone.)
        case(
            OperationAdded,
            &[
                edit("Delete a repository connection", "Get a repository connection")
                    .occurs(Occurs::Each(3)),
                edit("\nDELETE/accounts/", "\nGET/accounts/"),
                edit(
                    "Delete a saved repository connection.",
                    "Get a saved repository connection.",
                ),
                edit(
                    "\n##### ModelsExpand Collapse",
                    "\n##### [Get a repository connection](https://developers.cloudflare.com/api/\
                     resources/workers_builds/subresources/repos/subresources/connections/\
                     methods/get)\n\n\
                     GET/accounts/{account\\_id}/builds/repos/connections/{repo\\_connection\\_uuid}\
                     \n\n##### ModelsExpand Collapse",
                )
                .on(RESOURCE),
            ],
            difference(
                At::LineAfter("\n", "# Get a repository connection"),
                SpecAt::File("cloudflare/repo_connections.json"),
                "operation \"Get a repository connection\" is on the page only",
            ),
        )
        .on(GET)
        .adding(NewPage {
            file: GET,
            copy_of: DELETE,
        }),
        // The title wherever the site writes it: the front matter, the heading, the
        // example's heading, and the resource page's link.
        upsert(
            TitleChanged,
            &[
                edit(
                    "Create or update a repository connection",
                    "Create or update a source repository connection",
                )
                .occurs(Occurs::Each(3)),
                edit(
                    "[Create or update a repository connection]",
                    "[Create or update a source repository connection]",
                )
                .on(RESOURCE),
            ],
            difference(
                At::LineAfter("\n", "# Create or update a source repository connection"),
                SpecAt::Operation("repo_connections", "upsert"),
                "the page's title is \"Create or update a source repository connection\"",
            ),
        ),
        upsert(
            DescriptionChanged,
            &[edit(
                "Save the repository connection required by build triggers.",
                "Save the repository connection that build triggers fetch their source from.",
            )],
            difference(
                At::FirstChange,
                SpecAt::Operation("repo_connections", "upsert"),
                "the page's description is \"Save the repository connection that build",
            ),
        ),
        upsert(
            PermissionChanged,
            &[edit("`Workers CI Write`", "`Workers CI Admin`")],
            difference(
                At::FirstChange,
                SpecAt::Operation("repo_connections", "upsert"),
                "the page accepts the permissions [Workers CI Admin], the spec [Workers CI Write]",
            ),
        ),
        upsert(
            FormatRemoved,
            // The result's `repo_connection_uuid`: a field without a format badge is
            // reported at its own line.
            &[edit(
                "Repository connection UUID.\n\nformatuuid\n\n",
                "Repository connection UUID.\n\n",
            )],
            difference(
                At::Line("repo\\_connection\\_uuid: optional string"),
                SpecAt::Field("RepoConnection", "repo_connection_uuid"),
                "the page's format is none, the spec's uuid",
            ),
        ),
        upsert(
            ExampleChanged,
            // A value of the 200 response, in both copies; the check reports the first
            // copy's JSON, where it starts.
            &[edit(EXAMPLE_UUID, CHANGED_UUID).occurs(Occurs::Each(2))],
            difference(
                At::CodeBlockOfFirstChange,
                SpecAt::Example("repo_connections", "upsert", 0),
                "body differs at result.repo_connection_uuid",
            ),
        ),
        // The same value in the copy under `Returns Examples` only: the reader cannot tell
        // which copy the page means, and says where the second starts.
        upsert(
            ExampleCopiesDisagree,
            &[edit(EXAMPLE_UUID, CHANGED_UUID).occurs(Occurs::LastOf(2))],
            Expect::Refused {
                at: At::LineAfter("##### Returns Examples\n\n", "200 example"),
                message: "two copies of its response examples",
            },
        ),
    ],
};

/// A case on the upsert operation's page.
const fn upsert(alteration: Alteration, edits: &'static [Edit], expect: Expect) -> Case {
    case(alteration, edits, expect).on(UPSERT)
}
