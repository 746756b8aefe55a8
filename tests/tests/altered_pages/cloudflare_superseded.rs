//! Cloudflare's superseded pages, which the repository reads but no longer compares: each
//! is checked against a spec drafted from the page itself, so that its reader stays
//! exercised whatever the repository's spec says.

use crate::{Alteration::*, At, EVERY_LAYOUT, LayoutCases, Spec, SpecAt, case, difference, edit};

/// Cloudflare's Markdown twin in its earlier conversion, superseded by the current layout
/// in the repository, so checked against a spec drafted from it. Types announce their members and values
/// (`object { branch, owner, path, 3 more }`, `"a" or "b" or "c"`), so an added member or
/// value updates its announcing type too. The places edited occur once on the page (not in
/// the `Build` and `Trigger` objects that every `Returns` and `Domain Types` repeat).
pub const WORKERS_BUILDS_MD: LayoutCases = LayoutCases {
    page: "cloudflare/workers-builds.md",
    spec: Spec::DraftedFromPage,
    alterations: EVERY_LAYOUT,
    inexpressible: &[],
    cases: &[
        case(
            FieldRemoved,
            // Create build token's body (`### Body Parameters`) lost it.
            &[edit(
                "- `build_token_name: string`\n\n- `build_token_secret: string`\n\n",
                "- `build_token_name: string`\n\n",
            )],
            difference(
                At::Line("### Body Parameters\n\n- `build_token_name: string`"),
                SpecAt::Field("CreateBuildTokenRequest", "build_token_secret"),
                "build_token_secret: is in the spec (",
            ),
        ),
        case(
            FieldAdded,
            // Create manual build's `seed_repo` gains an optional member after `files`.
            &[
                edit(
                    "`seed_repo: optional object { branch, owner, path, 3 more }`",
                    "`seed_repo: optional object { branch, owner, path, 4 more }`",
                ),
                edit(
                    "      Text to replace in the file\n\n",
                    "      Text to replace in the file\n\n\
                     \x20 - `root_directory: optional string`\n\n\
                     \x20   Root directory path.\n\n",
                ),
            ],
            difference(
                At::LineAfter(
                    "Text to replace in the file\n\n",
                    "  - `root_directory: optional string`",
                ),
                SpecAt::Type("CreateManualBuildRequestSeedRepo"),
                "root_directory: is on the page only",
            ),
        ),
        case(
            TypeChanged,
            &[edit(
                "- `cursor: optional string`\n\n  Pagination cursor for log retrieval.",
                "- `cursor: optional number`\n\n  Pagination cursor for log retrieval.",
            )],
            difference(
                At::FirstChange,
                SpecAt::QueryParam("logs", "get", "cursor"),
                "the page says number, the spec says string",
            ),
        ),
        case(
            RequiredFlipped,
            // Create trigger's body; Update trigger's makes every field optional already.
            &[edit(
                "- `trigger_name: string`",
                "- `trigger_name: optional string`",
            )],
            difference(
                At::FirstChange,
                SpecAt::Field("CreateTriggerRequest", "trigger_name"),
                "the page says optional, the spec says required",
            ),
        ),
        case(
            EnumValueAdded,
            &[
                edit(
                    "`provider: \"github\" or \"gitlab\" or \"gitlab_internal\"`",
                    "`provider: \"github\" or \"gitlab\" or \"gitlab_internal\" or \"bitbucket\"`",
                ),
                edit(
                    "    - `\"gitlab_internal\"`\n\n  - `repository: string`",
                    "    - `\"gitlab_internal\"`\n\n    - `\"bitbucket\"`\n\n  - `repository: string`",
                ),
            ],
            difference(
                At::Line("- `\"bitbucket\"`"),
                SpecAt::Type("BuildBuildTriggerMetadataProviderType"),
                "the page allows \"bitbucket\", the spec does not",
            ),
        ),
        case(
            OperationAdded,
            &[edit(
                "\n## Domain Types\n\n### Token Create Response",
                "\n## Get build token\n\
                 \n\
                 **get** `/accounts/{account_id}/builds/tokens/{build_token_uuid}`\n\
                 \n\
                 Get a build authentication token\n\
                 \n\
                 ### Path Parameters\n\
                 \n\
                 - `account_id: string`\n\
                 \n\
                 \x20 Account identifier.\n\
                 \n\
                 - `build_token_uuid: string`\n\
                 \n\
                 \x20 Build token UUID.\n\
                 \n\
                 ### Returns\n\
                 \n\
                 - `errors: array of object { code, message }`\n\
                 \n\
                 \x20 - `code: optional number`\n\
                 \n\
                 \x20 - `message: optional string`\n\
                 \n\
                 - `messages: array of string`\n\
                 \n\
                 - `result: object { build_token_name, build_token_uuid, cloudflare_token_id, owner_type }`\n\
                 \n\
                 \x20 - `build_token_name: optional string`\n\
                 \n\
                 \x20 - `build_token_uuid: optional string`\n\
                 \n\
                 \x20   Build token UUID.\n\
                 \n\
                 \x20 - `cloudflare_token_id: optional string`\n\
                 \n\
                 \x20 - `owner_type: optional string`\n\
                 \n\
                 - `success: boolean`\n\
                 \n\
                 ### Example\n\
                 \n\
                 ```http\n\
                 curl https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/builds/tokens/$BUILD_TOKEN_UUID \\\n\
                 \x20   -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\"\n\
                 ```\n\
                 \n\
                 ## Domain Types\n\
                 \n\
                 ### Token Create Response",
            )],
            difference(
                At::Line("## Get build token"),
                SpecAt::File("cloudflare/tokens.json"),
                "operation \"Get build token\" is on the page only",
            ),
        ),
        case(
            DescriptionChanged,
            &[edit(
                "Create a new deploy hook for a worker script.",
                "Create a new deploy hook for a worker script. Each request to the hook's \
                 URL starts a build of its branch.",
            )],
            difference(
                At::FirstChange,
                SpecAt::Operation("deploy_hooks", "create"),
                "the page's description is",
            ),
        ),
    ],
};

/// Cloudflare's rendered page with its whitespace collapsed: all on line 1, nesting rebuilt
/// from the announced counts. Superseded in the repository, so checked against a spec
/// drafted from it.
pub const WORKERS_BUILDS_COLLAPSED: LayoutCases = LayoutCases {
    page: "cloudflare/superseded/workers-builds.txt",
    spec: Spec::DraftedFromPage,
    alterations: EVERY_LAYOUT,
    inexpressible: &[],
    cases: &[
        case(
            FieldRemoved,
            // Create manual build's `seed_repo` loses `owner`; its type announces one fewer.
            &[
                edit(
                    "- `seed_repo: optional { branch, owner, path, 3 more }`",
                    "- `seed_repo: optional { branch, path, provider, 2 more }`",
                ),
                edit("- `owner: string` ", ""),
            ],
            difference(
                At::Text("- `seed_repo: optional { branch, path, provider, 2 more }`"),
                SpecAt::Field("CreateManualBuildRequestSeedRepo", "owner"),
                "owner: is in the spec (",
            ),
        ),
        case(
            FieldAdded,
            &[
                edit(
                    "- `seed_repo: optional { branch, owner, path, 3 more }`",
                    "- `seed_repo: optional { branch, owner, path, 4 more }`",
                ),
                edit(
                    "Text to replace in the file ###",
                    "Text to replace in the file - `root_directory: optional string` Root \
                     directory path. ###",
                ),
            ],
            difference(
                At::TextAfter("Text to replace in the file ", "- `root_directory"),
                SpecAt::Type("CreateManualBuildRequestSeedRepo"),
                "root_directory: is on the page only",
            ),
        ),
        case(
            TypeChanged,
            &[edit(
                "### Query Parameters - `cursor: optional string`",
                "### Query Parameters - `cursor: optional number`",
            )],
            difference(
                At::Text("- `cursor: optional number`"),
                SpecAt::QueryParam("logs", "get", "cursor"),
                "the page says number, the spec says string",
            ),
        ),
        case(
            RequiredFlipped,
            &[edit(
                "- `cloudflare_token_id: string`",
                "- `cloudflare_token_id: optional string`",
            )],
            difference(
                At::Text("- `cloudflare_token_id: optional string` ###"),
                SpecAt::Field("CreateBuildTokenRequest", "cloudflare_token_id"),
                "the page says optional, the spec says required",
            ),
        ),
        case(
            EnumValueAdded,
            &[edit(
                "- `provider: \"github\"` - `\"github\"`",
                "- `provider: \"github\" or \"gitlab\"` - `\"github\"` - `\"gitlab\"`",
            )],
            difference(
                At::Text("- `\"gitlab\"` - `repository"),
                SpecAt::Type("BuildBuildTriggerMetadataProviderType"),
                "the page allows \"gitlab\", the spec does not",
            ),
        ),
        case(
            OperationAdded,
            &[edit(
                "## Domain Types ### Token Create Response",
                "## Get build token **get** `/accounts/{account_id}/builds/tokens/{build_token_uuid}` \
                 Get a build authentication token ### Path Parameters - `account_id: string` \
                 Account identifier. - `build_token_uuid: string` Build token UUID. ### Returns \
                 - `errors: array of { code, message }` - `code: optional number` \
                 - `message: optional string` - `messages: array of string` \
                 - `result: { build_token_name, build_token_uuid, cloudflare_token_id, owner_type }` \
                 - `build_token_name: optional string` - `build_token_uuid: optional string` \
                 Build token UUID. - `cloudflare_token_id: optional string` \
                 - `owner_type: optional string` - `success: boolean` ### Example ```http curl \
                 https://api.cloudflare.com/client/v4/accounts/$ACCOUNT_ID/builds/tokens/$BUILD_TOKEN_UUID \
                 \\ -H \"Authorization: Bearer $CLOUDFLARE_API_TOKEN\" ``` \
                 ## Domain Types ### Token Create Response",
            )],
            difference(
                At::Text("## Get build token"),
                SpecAt::File("cloudflare/tokens.json"),
                "operation \"Get build token\" is on the page only",
            ),
        ),
        case(
            DescriptionChanged,
            &[edit(
                "Create a new build authentication token",
                "Create a new build authentication token for the account's builds",
            )],
            difference(
                At::Text("Create a new build authentication token for"),
                SpecAt::Operation("tokens", "create"),
                "the page's description is",
            ),
        ),
    ],
};
