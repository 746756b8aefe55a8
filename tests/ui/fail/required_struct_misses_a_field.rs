//! Eleven required fields, each named: the one left out is named by the compiler.

use generated_client::cloudflare::{CreateTriggerRequest, CreateTriggerRequired};

fn main() {
    let _body = CreateTriggerRequest::new(CreateTriggerRequired {
        trigger_name: "Production Deploy".into(),
        external_script_id: "my-worker".into(),
        repo_connection_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        build_token_uuid: "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e".into(),
        build_command: "npm run build".into(),
        deploy_command: "npx wrangler deploy".into(),
        branch_includes: vec!["main".into()],
        branch_excludes: Vec::new(),
        path_includes: vec!["*".into()],
        path_excludes: vec!["*.md".into()],
    });
}
