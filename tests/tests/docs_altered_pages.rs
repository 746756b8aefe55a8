//! `docs check` on altered pages, for every layout: a page edited the way a documentation
//! site edits its pages (a field removed, one added, a type changed, required flipped, an
//! enum value added, an operation added, a description changed) is reported exactly once,
//! at the line (and on the collapsed page, the column) of the edit; the unaltered page
//! reports nothing.
//!
//! Each case copies the workspace, edits the page's text (every snippet is found exactly
//! once), records the edited page's SHA-256 in the copy's `pages/pages.json`, and runs the
//! check on the copy. The current pages are checked against the repository's spec; the
//! superseded collapsed page, which the repository does not compare, against a spec
//! drafted from that very page (as `docs_check.rs` drafts it), the edit made after drafting.

use std::path::Path;

use sha2::{Digest, Sha256};
use tests::workspace_root;

use Alteration::*;

/// What a case does to the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alteration {
    FieldRemoved,
    FieldAdded,
    TypeChanged,
    RequiredFlipped,
    EnumValueAdded,
    OperationAdded,
    DescriptionChanged,
}

impl Alteration {
    const ALL: [Alteration; 7] = [
        FieldRemoved,
        FieldAdded,
        TypeChanged,
        RequiredFlipped,
        EnumValueAdded,
        OperationAdded,
        DescriptionChanged,
    ];
}

/// Where the one difference must be reported.
#[derive(Debug, Clone, Copy)]
enum At {
    /// On this line of the edited page (pages that keep their line breaks).
    Line(u32),
    /// Where this text, found once in the edited page, starts: line 1 and the character
    /// column of its byte offset (the collapsed page is all one line).
    Text(&'static str),
    /// Where the second text starts, in the one place the page has both in a row.
    TextAfter(&'static str, &'static str),
}

/// Replaces `snippet`, which the page holds exactly once, with `replacement`.
#[derive(Debug, Clone, Copy)]
struct Edit {
    snippet: &'static str,
    replacement: &'static str,
}

const fn edit(snippet: &'static str, replacement: &'static str) -> Edit {
    Edit {
        snippet,
        replacement,
    }
}

/// One alteration of one page and what the check must say about it.
#[derive(Debug, Clone, Copy)]
struct Case {
    alteration: Alteration,
    /// Applied in order; most cases are one edit. An added enum value or object member
    /// on a Cloudflare page also updates the type that announces it.
    edits: &'static [Edit],
    at: At,
    /// A fragment of the difference's message.
    message: &'static str,
}

/// Which spec the page is checked against.
#[derive(Debug, Clone, Copy)]
enum Spec {
    /// The repository's spec, which names the page in its `source`.
    Repository,
    /// A spec drafted from the unaltered page, in a workspace holding only that page.
    DraftedFromPage,
}

struct LayoutCases {
    /// Under `pages/`.
    page: &'static str,
    spec: Spec,
    cases: &'static [Case],
    /// Alterations the layout's grammar cannot express, and why.
    inexpressible: &'static [(Alteration, &'static str)],
}

/// Buddy action page whose lines keep their breaks.
const CLOUDFRONT: LayoutCases = LayoutCases {
    page: "buddy/cloudfront-action.txt",
    spec: Spec::Repository,
    inexpressible: &[],
    cases: &[
        Case {
            alteration: FieldRemoved,
            // A request-only field: the body (`POST PARAMETERS`, line 34) lost it.
            edits: &[edit(
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n",
                "",
            )],
            at: At::Line(34),
            message: "url_map: is in the spec (",
        },
        Case {
            alteration: FieldAdded,
            edits: &[edit(
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n",
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n\
                 caller_referencestring\nA unique value that identifies the invalidation request\n",
            )],
            at: At::Line(110),
            message: "caller_reference: is on the page only",
        },
        Case {
            alteration: TypeChanged,
            edits: &[edit("after_action_idinteger", "after_action_idstring")],
            at: At::Line(43),
            message: "the page says string, the spec says integer",
        },
        Case {
            alteration: RequiredFlipped,
            // The field `name`, not `project_name`.
            edits: &[edit("\nnamerequiredstring", "\nnamestring")],
            at: At::Line(45),
            message: "the page says optional, the spec says required",
        },
        Case {
            alteration: EnumValueAdded,
            // The request's `input_type`; the response's list stays as it is.
            edits: &[edit(
                "BUILD_ARTIFACTS\nintegrationrequired",
                "BUILD_ARTIFACTS,\nPIPELINE_FILESYSTEM\nintegrationrequired",
            )],
            at: At::Line(102),
            message: "the page allows \"PIPELINE_FILESYSTEM\", the spec does not",
        },
        Case {
            alteration: OperationAdded,
            edits: &[edit(
                "STATUS\n200 OK",
                "STATUS\n200 OK\n\
                 \n\
                 Get CloudFront action\n\
                 \n  \u{2022} GET\n  \u{2022} /workspaces\n  \u{2022} /:workspace\n  \
                 \u{2022} /projects\n  \u{2022} /:project_name\n  \u{2022} /pipelines\n  \
                 \u{2022} /:pipeline_id\n  \u{2022} /actions\n  \u{2022} /:action_id\n\
                 \n\
                 Returns the CloudFront action of the pipeline\n\
                 \n\
                 Request\n\
                 \n\
                 REQUIRED SCOPES\nEXECUTION_INFO\nURL PARAMETERS\n\
                 workspacerequiredstring\nThe human-readable ID of the workspace\n\n\
                 Example: \"my-company\"\n\n\
                 project_namerequiredstring\nThe human-readable ID of the project\n\n\
                 Example: \"my-project\"\n\n\
                 pipeline_idrequiredinteger\nThe ID of the pipeline\n\nExample: 123\n\n\
                 action_idrequiredinteger\nThe ID of the action\n\nExample: 456\n\
                 \n\
                 Response\n\
                 \n\
                 RESPONSE BODY\n\
                 typestring enum\nThe type of the action\nAllowed enum:\nCLOUD_FRONT\n\
                 idinteger\nThe ID of the action\n\
                 namestring\nThe name of the action\n\
                 \n\
                 Request example\n\
                 \n\
                 curl -X GET \"https://api.buddy.works/workspaces/:workspace/projects/\
                 :project_name/pipelines/:pipeline_id/actions/:action_id\" \\ \
                 -H \"Authorization: Bearer <YOUR-TOKEN>\"\n\
                 STATUS\n200 OK",
            )],
            at: At::Line(214),
            message: "operation \"Get CloudFront action\" is on the page only",
        },
        Case {
            alteration: DescriptionChanged,
            edits: &[edit(
                "Creates a new CloudFront action in the pipeline\n",
                "Creates a new CloudFront action in the pipeline. The action invalidates \
                 the distribution's cached files\n",
            )],
            at: At::Line(12),
            message: "the page's description is",
        },
    ],
};

/// Buddy action page whose lines run together: a description glued to the next field
/// line (`…should be addednamerequiredstring`), split with the spec's names as hints.
const SANDBOX_START: LayoutCases = LayoutCases {
    page: "buddy/sandbox-application-start-action.txt",
    spec: Spec::Repository,
    inexpressible: &[],
    cases: &[
        Case {
            alteration: FieldRemoved,
            // `after_action_id` is in the request only: the body (line 26) lost it.
            edits: &[edit(
                "Buddy.worksafter_action_idinteger\nThe numerical ID of the action, after which \
                 this action should be addednamerequiredstring",
                "Buddy.worksnamerequiredstring",
            )],
            at: At::Line(26),
            message: "after_action_id: is in the spec (",
        },
        Case {
            alteration: FieldAdded,
            // After the capitals of `CUSTOM` the new name is clear; `return_existing`
            // after it is glued to the new description.
            edits: &[edit(
                "12x24,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox will \
                 be returnedResponse",
                "12x24,CUSTOMstart_timeoutinteger\nThe number of seconds to wait for the \
                 application to startreturn_existingboolean\nIf set to true, an existing \
                 sandbox will be returnedResponse",
            )],
            at: At::Line(65),
            message: "start_timeout: is on the page only",
        },
        Case {
            alteration: TypeChanged,
            edits: &[edit(
                "Buddy.worksafter_action_idinteger",
                "Buddy.worksafter_action_idstring",
            )],
            at: At::Line(31),
            message: "the page says string, the spec says integer",
        },
        Case {
            alteration: RequiredFlipped,
            edits: &[edit(
                "should be addednamerequiredstring",
                "should be addednamestring",
            )],
            at: At::Line(32),
            message: "the page says optional, the spec says required",
        },
        Case {
            alteration: EnumValueAdded,
            // The request's `resources`; the response's list ends `…returnedLast modified`.
            edits: &[edit(
                "12x24,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox will \
                 be returnedResponse",
                "12x24,16x32,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox \
                 will be returnedResponse",
            )],
            at: At::Line(65),
            message: "the page allows \"16x32\", the spec does not",
        },
        Case {
            alteration: OperationAdded,
            edits: &[edit(
                "}'STATUS200 OK",
                "}'STATUS200 OK\n\
                 Get Sandbox Application Start action\n\
                 - GET\n- /workspaces\n- /:workspace\n- /projects\n- /:project_name\n\
                 - /pipelines\n- /:pipeline_id\n- /actions\n- /:action_id\n\
                 Get Sandbox Application Start action configuration\n\
                 Request\n\
                 REQUIRED SCOPES\nEXECUTION_INFO\nURL PARAMETERS\n\
                 workspacerequiredstring\nThe human-readable ID of the workspaceExample: \"my-company\"\n\
                 project_namerequiredstring\nThe human-readable ID of the projectExample: \"my-project\"\n\
                 pipeline_idrequiredinteger\nThe ID of the pipelineExample: 123\n\
                 action_idrequiredinteger\nThe ID of the actionExample: 456Response\n\
                 RESPONSE BODY\n\
                 typestring enum\nThe type of the actionAllowed enum:\n\
                 SANDBOX_APPLICATION_STARTidinteger\nThe ID of the actionnamestring\n\
                 The name of the action\n\
                 Request example\n\
                 curl -X GET \"https://api.buddy.works/workspaces/:workspace/projects/\
                 :project_name/pipelines/:pipeline_id/actions/:action_id\" \\\n\
                 -H \"Authorization: Bearer <YOUR-TOKEN>\"STATUS200 OK",
            )],
            at: At::Line(124),
            message: "operation \"Get Sandbox Application Start action\" is on the page only",
        },
        Case {
            alteration: DescriptionChanged,
            // A field's: the operation's description differs already, as the spec explains.
            edits: &[edit(
                "The name of the actiontrigger_timestring enum",
                "The display name of the actiontrigger_timestring enum",
            )],
            at: At::Line(33),
            message: "the page's description is \"The display name of the action\"",
        },
    ],
};

/// Buddy's older table layout.
const CLEAR_CACHE: LayoutCases = LayoutCases {
    page: "buddy/clear-pipeline-cache.txt",
    spec: Spec::Repository,
    inexpressible: &[(
        EnumValueAdded,
        "a legacy table has no enums: a row gives a type word (`String`, `Integer`, …) and \
         a description, and nothing lists allowed values",
    )],
    cases: &[
        Case {
            alteration: FieldRemoved,
            // The body has one field, which the table cannot lose (a table has rows); a
            // URL parameter's row is removed, and the path (line 11) still names it.
            edits: &[edit(
                "pipeline_id\nRequired\nIntegerThe numerical ID of the desired pipeline.\n",
                "",
            )],
            at: At::Line(11),
            message: "is in the page's path but not among its path parameters",
        },
        Case {
            alteration: FieldAdded,
            edits: &[edit(
                "BooleanClears cache in a pipeline. Must be set to true.\n",
                "BooleanClears cache in a pipeline. Must be set to true.\n\
                 clear_artifacts\nBooleanAlso removes the artifacts of the pipeline's runs.\n",
            )],
            at: At::Line(32),
            message: "clear_artifacts: is on the page only",
        },
        Case {
            alteration: TypeChanged,
            edits: &[edit(
                "IntegerThe numerical ID of the desired pipeline.",
                "StringThe numerical ID of the desired pipeline.",
            )],
            at: At::Line(19),
            message: "the page says string, the spec says integer",
        },
        Case {
            alteration: RequiredFlipped,
            edits: &[edit(
                "clear_cache\nRequired\nBoolean",
                "clear_cache\nBoolean",
            )],
            at: At::Line(29),
            message: "the page says optional, the spec says required",
        },
        Case {
            alteration: OperationAdded,
            edits: &[edit(
                "Last modified on April 26, 2022",
                "Get pipeline\n\
                 \n\
                 Gets an existing pipeline in the project.\n\
                 \n\
                 Required scopes: WORKSPACE, EXECUTION_INFO\n\
                 \n\
                 Resource URL\n\
                 \n\
                 GET /workspaces/:domain/projects/:project_name/pipelines/:pipeline_id\n\
                 \n\
                 URL Parameters\n\
                 \n\
                 NameTypeDescription\n\
                 domain\nRequired\nStringThe workspace domain.\n\
                 pipeline_id\nRequired\nIntegerThe numerical ID of the desired pipeline.\n\
                 project_name\nRequired\nStringThe name ID of the project.\n\
                 \n\
                 Last modified on April 26, 2022",
            )],
            at: At::Line(98),
            message: "operation \"Get pipeline\" is on the page only",
        },
        Case {
            alteration: DescriptionChanged,
            edits: &[edit(
                "Clears cache of an existing pipeline in the project.",
                "Clears the cache of an existing pipeline, so that its next run starts \
                 from scratch.",
            )],
            at: At::Line(5),
            message: "the page's description is",
        },
    ],
};

/// Cloudflare's Markdown twin. Types announce their members and values
/// (`object { branch, owner, path, 3 more }`, `"a" or "b" or "c"`), so an added member or
/// value updates its announcing type too. The places edited occur once on the page (not in
/// the `Build` and `Trigger` objects that every `Returns` and `Domain Types` repeat).
const WORKERS_BUILDS_MD: LayoutCases = LayoutCases {
    page: "cloudflare/workers-builds.md",
    spec: Spec::Repository,
    inexpressible: &[],
    cases: &[
        Case {
            alteration: FieldRemoved,
            // Create build token's body (`### Body Parameters`, line 3334) lost it.
            edits: &[edit(
                "- `build_token_name: string`\n\n- `build_token_secret: string`\n\n",
                "- `build_token_name: string`\n\n",
            )],
            at: At::Line(3334),
            message: "build_token_secret: is in the spec (",
        },
        Case {
            alteration: FieldAdded,
            // Create manual build's `seed_repo` gains an optional member after `files`.
            edits: &[
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
            at: At::Line(1890),
            message: "root_directory: is on the page only",
        },
        Case {
            alteration: TypeChanged,
            edits: &[edit(
                "- `cursor: optional string`\n\n  Pagination cursor for log retrieval.",
                "- `cursor: optional number`\n\n  Pagination cursor for log retrieval.",
            )],
            at: At::Line(5114),
            message: "the page says number, the spec says string",
        },
        Case {
            alteration: RequiredFlipped,
            // Create trigger's body; Update trigger's makes every field optional already.
            edits: &[edit(
                "- `trigger_name: string`",
                "- `trigger_name: optional string`",
            )],
            at: At::Line(1290),
            message: "the page says optional, the spec says required",
        },
        Case {
            alteration: EnumValueAdded,
            edits: &[
                edit(
                    "`provider: \"github\" or \"gitlab\" or \"gitlab_internal\"`",
                    "`provider: \"github\" or \"gitlab\" or \"gitlab_internal\" or \"bitbucket\"`",
                ),
                edit(
                    "    - `\"gitlab_internal\"`\n\n  - `repository: string`",
                    "    - `\"gitlab_internal\"`\n\n    - `\"bitbucket\"`\n\n  - `repository: string`",
                ),
            ],
            at: At::Line(1876),
            message: "the page allows \"bitbucket\", the spec does not",
        },
        Case {
            alteration: OperationAdded,
            edits: &[edit(
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
            at: At::Line(3579),
            message: "operation \"Get build token\" is on the page only",
        },
        Case {
            alteration: DescriptionChanged,
            edits: &[edit(
                "Create a new deploy hook for a worker script.",
                "Create a new deploy hook for a worker script. Each request to the hook's \
                 URL starts a build of its branch.",
            )],
            at: At::Line(2629),
            message: "the page's description is",
        },
    ],
};

/// Cloudflare's rendered page with its whitespace collapsed: all on line 1, nesting rebuilt
/// from the announced counts. Superseded in the repository, so checked against a spec
/// drafted from it.
const WORKERS_BUILDS_COLLAPSED: LayoutCases = LayoutCases {
    page: "cloudflare/superseded/workers-builds.txt",
    spec: Spec::DraftedFromPage,
    inexpressible: &[],
    cases: &[
        Case {
            alteration: FieldRemoved,
            // Create manual build's `seed_repo` loses `owner`; its type announces one fewer.
            edits: &[
                edit(
                    "- `seed_repo: optional { branch, owner, path, 3 more }`",
                    "- `seed_repo: optional { branch, path, provider, 2 more }`",
                ),
                edit("- `owner: string` ", ""),
            ],
            at: At::Text("- `seed_repo: optional { branch, path, provider, 2 more }`"),
            message: "owner: is in the spec (",
        },
        Case {
            alteration: FieldAdded,
            edits: &[
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
            at: At::TextAfter("Text to replace in the file ", "- `root_directory"),
            message: "root_directory: is on the page only",
        },
        Case {
            alteration: TypeChanged,
            edits: &[edit(
                "### Query Parameters - `cursor: optional string`",
                "### Query Parameters - `cursor: optional number`",
            )],
            at: At::Text("- `cursor: optional number`"),
            message: "the page says number, the spec says string",
        },
        Case {
            alteration: RequiredFlipped,
            edits: &[edit(
                "- `cloudflare_token_id: string`",
                "- `cloudflare_token_id: optional string`",
            )],
            at: At::Text("- `cloudflare_token_id: optional string` ###"),
            message: "the page says optional, the spec says required",
        },
        Case {
            alteration: EnumValueAdded,
            edits: &[edit(
                "- `provider: \"github\"` - `\"github\"`",
                "- `provider: \"github\" or \"gitlab\"` - `\"github\"` - `\"gitlab\"`",
            )],
            at: At::Text("- `\"gitlab\"` - `repository"),
            message: "the page allows \"gitlab\", the spec does not",
        },
        Case {
            alteration: OperationAdded,
            edits: &[edit(
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
            at: At::Text("## Get build token"),
            message: "operation \"Get build token\" is on the page only",
        },
        Case {
            alteration: DescriptionChanged,
            edits: &[edit(
                "Create a new build authentication token",
                "Create a new build authentication token for the account's builds",
            )],
            at: At::Text("Create a new build authentication token for"),
            message: "the page's description is",
        },
    ],
};

#[test]
fn buddy_action_page_with_clean_lines() {
    check_layout(&CLOUDFRONT);
}

#[test]
fn buddy_action_page_with_run_together_lines() {
    check_layout(&SANDBOX_START);
}

#[test]
fn buddy_legacy_page() {
    check_layout(&CLEAR_CACHE);
}

#[test]
fn cloudflare_markdown_page() {
    check_layout(&WORKERS_BUILDS_MD);
}

#[test]
fn cloudflare_collapsed_page() {
    check_layout(&WORKERS_BUILDS_COLLAPSED);
}

/// The unaltered page reports nothing; each case reports its one difference. All cases
/// run; the failures are listed together.
fn check_layout(layout: &LayoutCases) {
    for alteration in Alteration::ALL {
        let cases = layout
            .cases
            .iter()
            .filter(|case| case.alteration == alteration)
            .count();
        let inexpressible = layout.inexpressible.iter().any(|(a, _)| *a == alteration);
        assert!(
            (cases == 1 && !inexpressible) || (cases == 0 && inexpressible),
            "{}: {alteration:?} needs one case, or a reason the layout cannot express it",
            layout.page
        );
    }
    let template = template(layout);
    let unaltered = workspace_from(template.path());
    let report = run_check(unaltered.path());
    assert!(
        report.differences.is_empty(),
        "the unaltered {} reports differences:\n{report}",
        layout.page
    );
    let failures: Vec<String> = layout
        .cases
        .iter()
        .filter_map(|case| check_case(layout, template.path(), case).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        layout.cases.len(),
        failures.join("\n\n")
    );
}

fn check_case(layout: &LayoutCases, template: &Path, case: &Case) -> Result<(), String> {
    let workspace = workspace_from(template);
    let root = workspace.path();
    let page_path = root.join("pages").join(layout.page);
    let original = read(&page_path);
    let altered = apply(&original, case.edits)
        .map_err(|e| format!("{} {:?}: {e}", layout.page, case.alteration))?;
    write(&page_path, &altered);
    record_sha256(root, layout.page, &altered);
    // A reader that refuses a sensible edit fails the case, naming it.
    let report = codegen_pages::docs::check(root).map_err(|diagnostics| {
        format!(
            "{} {:?}: the altered page cannot be read:\n{diagnostics}",
            layout.page, case.alteration
        )
    })?;
    let expected = match case.at {
        At::Line(line) => Ok((line, None)),
        At::Text(anchor) => position_of(&altered, "", anchor),
        At::TextAfter(before, anchor) => position_of(&altered, before, anchor),
    }
    .map_err(|e| format!("{} {:?}: {e}", layout.page, case.alteration))?;
    let listed: Vec<String> = report.differences.iter().map(ToString::to_string).collect();
    let describe = |problem: &str| {
        format!(
            "{} {:?}: {problem}; expected one difference at {}{} saying \"{}\", got {}:\n  {}",
            layout.page,
            case.alteration,
            expected.0,
            expected.1.map(|c| format!(":{c}")).unwrap_or_default(),
            case.message,
            listed.len(),
            listed.join("\n  ")
        )
    };
    let [difference] = report.differences.as_slice() else {
        return Err(describe("not exactly one difference"));
    };
    let file = format!("pages/{}", layout.page);
    if !difference.page.file.ends_with(&file) {
        return Err(describe("reported on another file"));
    }
    if difference.page.pos.line != expected.0 {
        return Err(describe("reported on another line"));
    }
    if expected
        .1
        .is_some_and(|column| difference.page.pos.column != column)
    {
        return Err(describe("reported at another column"));
    }
    let said = format!("{}: {}", difference.subject, difference.message);
    if !said.contains(case.message) {
        return Err(describe("reported with another message"));
    }
    Ok(())
}

/// Applies the edits in order; each snippet must be found exactly once.
fn apply(text: &str, edits: &[Edit]) -> Result<String, String> {
    let mut text = text.to_owned();
    for edit in edits {
        let found = text.matches(edit.snippet).count();
        if found != 1 {
            return Err(format!(
                "the snippet {:?} is on the page {found} times, not once",
                edit.snippet
            ));
        }
        text = text.replacen(edit.snippet, edit.replacement, 1);
    }
    Ok(text)
}

/// The 1-based line and character column where `anchor` starts, in the one place `text`
/// has `before` and `anchor` in a row.
fn position_of(text: &str, before: &str, anchor: &str) -> Result<(u32, Option<u32>), String> {
    let whole = format!("{before}{anchor}");
    let found = text.matches(&whole).count();
    if found != 1 {
        return Err(format!(
            "{whole:?} is on the altered page {found} times, not once"
        ));
    }
    let offset = text.find(&whole).unwrap_or_default() + before.len();
    let prefix = text.get(..offset).unwrap_or_default();
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.get(line_start..).unwrap_or_default().chars().count() + 1;
    let number = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((number(line), Some(number(column))))
}

fn run_check(root: &Path) -> codegen_pages::docs::Report {
    match codegen_pages::docs::check(root) {
        Ok(report) => report,
        Err(diagnostics) => panic!("the pages or the spec cannot be read:\n{diagnostics}"),
    }
}

/// The workspace each case copies: the repository's pages and spec, or a bare workspace
/// with the page and the spec drafted from it.
fn template(layout: &LayoutCases) -> tempfile::TempDir {
    match layout.spec {
        Spec::Repository => {
            let dir = temp_dir();
            let root = workspace_root();
            for part in ["pages", "spec"] {
                copy(&root.join(part), &dir.path().join(part));
            }
            dir
        }
        Spec::DraftedFromPage => drafted_workspace(layout.page),
    }
}

fn workspace_from(template: &Path) -> tempfile::TempDir {
    let dir = temp_dir();
    for part in ["pages", "spec"] {
        copy(&template.join(part), &dir.path().join(part));
    }
    dir
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("docs-altered-")
        .tempdir()
        .unwrap_or_else(|e| panic!("no temporary directory: {e}"))
}

/// A workspace holding only `page`, made current, and the spec `docs draft` writes from
/// it (with the service definitions, which no page gives).
fn drafted_workspace(page: &str) -> tempfile::TempDir {
    let dir = temp_dir();
    let root = workspace_root();
    copy(&root.join("pages"), &dir.path().join("pages"));
    let spec = dir.path().join("spec");
    for file in [
        "buddy/service.json",
        "cloudflare/service.json",
        "schema.json",
    ] {
        let target = spec.join(file);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::copy(root.join("spec").join(file), target).unwrap_or_else(|e| panic!("{e}"));
    }
    edit_manifest(dir.path(), |pages| {
        pages.retain(|entry| entry["file"] == page);
        for entry in pages {
            if let Some(entry) = entry.as_object_mut() {
                entry.remove("superseded_by");
            }
        }
    });
    let draft =
        match codegen_pages::docs::draft(dir.path(), &dir.path().join("pages").join(page), None) {
            Ok(draft) => draft,
            Err(diagnostics) => panic!("no draft of {page}:\n{diagnostics}"),
        };
    if let Err(e) = draft.write(dir.path()) {
        panic!("{e}");
    }
    dir
}

/// Records the altered page's SHA-256 in the workspace's manifest.
fn record_sha256(root: &Path, page: &str, text: &str) {
    let sha256: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    edit_manifest(root, |pages| {
        let entry = pages.iter_mut().find(|entry| entry["file"] == page);
        match entry {
            Some(entry) => entry["sha256"] = serde_json::Value::String(sha256.clone()),
            None => panic!("{page} is not in the manifest"),
        }
    });
}

fn edit_manifest(root: &Path, change: impl FnOnce(&mut Vec<serde_json::Value>)) {
    let path = root.join("pages/pages.json");
    let mut manifest: serde_json::Value =
        serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{e}"));
    match manifest["pages"].as_array_mut() {
        Some(pages) => change(pages),
        None => panic!("{} lists no pages", path.display()),
    }
    write(&path, &manifest.to_string());
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
