//! Buddy's pages: an action page whose lines keep their breaks, one whose lines run
//! together, and the older table layout.

use crate::{Alteration::*, At, EVERY_LAYOUT, LayoutCases, Spec, SpecAt, case, difference, edit};

/// Buddy action page whose lines keep their breaks.
pub const CLOUDFRONT: LayoutCases = LayoutCases {
    page: "buddy/cloudfront-action.txt",
    spec: Spec::Repository,
    alterations: EVERY_LAYOUT,
    inexpressible: &[],
    cases: &[
        case(
            FieldRemoved,
            // A request-only field: the body (`POST PARAMETERS`) lost it.
            &[edit(
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n",
                "",
            )],
            difference(
                At::Line("POST PARAMETERS"),
                SpecAt::Field("CloudFrontActionRequest", "url_map"),
                "url_map: is in the spec (",
            ),
        ),
        case(
            FieldAdded,
            &[edit(
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n",
                "url_mapstring\nThe URL mapping configuration for invalidation paths\n\
                 caller_referencestring\nA unique value that identifies the invalidation request\n",
            )],
            difference(
                At::FirstChange,
                SpecAt::Type("CloudFrontActionRequest"),
                "caller_reference: is on the page only",
            ),
        ),
        case(
            TypeChanged,
            &[edit("after_action_idinteger", "after_action_idstring")],
            difference(
                At::FirstChange,
                SpecAt::Field("ActionRequestCommon", "after_action_id"),
                "the page says string, the spec says integer",
            ),
        ),
        case(
            RequiredFlipped,
            // The field `name`, not `project_name`.
            &[edit("\nnamerequiredstring", "\nnamestring")],
            difference(
                At::FirstChange,
                SpecAt::Field("ActionRequestCommon", "name"),
                "the page says optional, the spec says required",
            ),
        ),
        case(
            EnumValueAdded,
            // The request's `input_type`; the response's list stays as it is.
            &[edit(
                "BUILD_ARTIFACTS\nintegrationrequired",
                "BUILD_ARTIFACTS,\nPIPELINE_FILESYSTEM\nintegrationrequired",
            )],
            difference(
                At::Line("PIPELINE_FILESYSTEM"),
                SpecAt::Type("CloudFrontInputType"),
                "the page allows \"PIPELINE_FILESYSTEM\", the spec does not",
            ),
        ),
        case(
            OperationAdded,
            // What only the page has is charged to the first spec file naming the page,
            // the one of the fields every action has.
            &[edit(
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
            difference(
                At::Line("Get CloudFront action\n"),
                SpecAt::File("buddy/actions.json"),
                "operation \"Get CloudFront action\" is on the page only",
            ),
        ),
        case(
            DescriptionChanged,
            &[edit(
                "Creates a new CloudFront action in the pipeline\n",
                "Creates a new CloudFront action in the pipeline. The action invalidates \
                 the distribution's cached files\n",
            )],
            difference(
                At::FirstChange,
                SpecAt::Operation("actions", "create_cloud_front"),
                "the page's description is",
            ),
        ),
    ],
};

/// Buddy action page whose lines run together: a description glued to the next field
/// line (`…should be addednamerequiredstring`), split with the spec's names as hints.
pub const SANDBOX_START: LayoutCases = LayoutCases {
    page: "buddy/sandbox-application-start-action.txt",
    spec: Spec::Repository,
    alterations: EVERY_LAYOUT,
    inexpressible: &[],
    cases: &[
        case(
            FieldRemoved,
            // `after_action_id` is in the request only: the body (`POST PARAMETERS`) lost it.
            &[edit(
                "Buddy.worksafter_action_idinteger\nThe numerical ID of the action, after which \
                 this action should be addednamerequiredstring",
                "Buddy.worksnamerequiredstring",
            )],
            difference(
                At::Line("POST PARAMETERS"),
                SpecAt::Field("ActionRequestCommon", "after_action_id"),
                "after_action_id: is in the spec (",
            ),
        ),
        case(
            FieldAdded,
            // After the capitals of `CUSTOM` the new name is clear; `return_existing`
            // after it is glued to the new description.
            &[edit(
                "12x24,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox will \
                 be returnedResponse",
                "12x24,CUSTOMstart_timeoutinteger\nThe number of seconds to wait for the \
                 application to startreturn_existingboolean\nIf set to true, an existing \
                 sandbox will be returnedResponse",
            )],
            difference(
                At::FirstChange,
                SpecAt::Type("SandboxApplicationStartActionRequest"),
                "start_timeout: is on the page only",
            ),
        ),
        case(
            TypeChanged,
            &[edit(
                "Buddy.worksafter_action_idinteger",
                "Buddy.worksafter_action_idstring",
            )],
            difference(
                At::FirstChange,
                SpecAt::Field("ActionRequestCommon", "after_action_id"),
                "the page says string, the spec says integer",
            ),
        ),
        case(
            RequiredFlipped,
            &[edit(
                "should be addednamerequiredstring",
                "should be addednamestring",
            )],
            difference(
                At::FirstChange,
                SpecAt::Field("ActionRequestCommon", "name"),
                "the page says optional, the spec says required",
            ),
        ),
        case(
            EnumValueAdded,
            // The request's `resources`; the response's list ends `…returnedLast modified`.
            &[edit(
                "12x24,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox will \
                 be returnedResponse",
                "12x24,16x32,CUSTOMreturn_existingboolean\nIf set to true, an existing sandbox \
                 will be returnedResponse",
            )],
            difference(
                At::FirstChange,
                SpecAt::Type("SandboxResources"),
                "the page allows \"16x32\", the spec does not",
            ),
        ),
        case(
            OperationAdded,
            // Charged to the page's own spec file: the common fields' file names another page.
            &[edit(
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
            difference(
                At::Line("Get Sandbox Application Start action\n"),
                SpecAt::File("buddy/sandbox_application_start.json"),
                "operation \"Get Sandbox Application Start action\" is on the page only",
            ),
        ),
        case(
            DescriptionChanged,
            // A field's: the operation's description differs already, as the spec explains.
            &[edit(
                "The name of the actiontrigger_timestring enum",
                "The display name of the actiontrigger_timestring enum",
            )],
            difference(
                At::FirstChange,
                SpecAt::Field("ActionRequestCommon", "name"),
                "the page's description is \"The display name of the action\"",
            ),
        ),
    ],
};

/// Buddy's older table layout.
pub const CLEAR_CACHE: LayoutCases = LayoutCases {
    page: "buddy/clear-pipeline-cache.txt",
    spec: Spec::Repository,
    alterations: EVERY_LAYOUT,
    inexpressible: &[(
        EnumValueAdded,
        "a legacy table has no enums: a row gives a type word (`String`, `Integer`, …) and \
         a description, and nothing lists allowed values",
    )],
    cases: &[
        case(
            FieldRemoved,
            // The body has one field, which the table cannot lose (a table has rows); a
            // URL parameter's row is removed, and the path still names it.
            &[edit(
                "pipeline_id\nRequired\nIntegerThe numerical ID of the desired pipeline.\n",
                "",
            )],
            difference(
                At::Line("PATCH /workspaces"),
                SpecAt::PathParam("pipelines", "clear_cache", "pipeline_id"),
                "is in the page's path but not among its path parameters",
            ),
        ),
        case(
            FieldAdded,
            &[edit(
                "BooleanClears cache in a pipeline. Must be set to true.\n",
                "BooleanClears cache in a pipeline. Must be set to true.\n\
                 clear_artifacts\nBooleanAlso removes the artifacts of the pipeline's runs.\n",
            )],
            difference(
                At::FirstChange,
                SpecAt::Type("ClearCacheRequest"),
                "clear_artifacts: is on the page only",
            ),
        ),
        case(
            TypeChanged,
            &[edit(
                "IntegerThe numerical ID of the desired pipeline.",
                "StringThe numerical ID of the desired pipeline.",
            )],
            difference(
                At::Line("pipeline_id\nRequired\nString"),
                SpecAt::PathParam("pipelines", "clear_cache", "pipeline_id"),
                "the page says string, the spec says integer",
            ),
        ),
        case(
            RequiredFlipped,
            &[edit(
                "clear_cache\nRequired\nBoolean",
                "clear_cache\nBoolean",
            )],
            difference(
                At::Line("clear_cache\nBoolean"),
                SpecAt::Field("ClearCacheRequest", "clear_cache"),
                "the page says optional, the spec says required",
            ),
        ),
        case(
            OperationAdded,
            &[edit(
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
            difference(
                At::Line("Get pipeline\n"),
                SpecAt::File("buddy/pipelines.json"),
                "operation \"Get pipeline\" is on the page only",
            ),
        ),
        case(
            DescriptionChanged,
            &[edit(
                "Clears cache of an existing pipeline in the project.",
                "Clears the cache of an existing pipeline, so that its next run starts \
                 from scratch.",
            )],
            difference(
                At::FirstChange,
                SpecAt::Operation("pipelines", "clear_cache"),
                "the page's description is",
            ),
        ),
    ],
};
