//! The downstream crate's deploy-hook workflows, tested through what the mock received:
//! the order of the calls, and the headers each carried.

use downstream::{rotate_deploy_hook, trigger_deploy_hook};
use generated_client::cloudflare::mock::CloudflareMock;
use generated_client::cloudflare::{DeployHook, DeployHookListItem, TriggeredBuild};
use generated_client::runtime::mock::Received;

const ACCOUNT: &str = "023e105f4ecef8ad9ca31a8372d0c353";
const OLD_HOOK: &str = "11111111-6e1a-4fe4-a799-aa6d9a6ab26e";
const NEW_HOOK: &str = "22222222-6e1a-4fe4-a799-aa6d9a6ab26e";

fn listed(name: &str, uuid: &str) -> DeployHookListItem {
    let mut hook = DeployHookListItem::new();
    hook.deploy_hook_name = Some(name.to_owned());
    hook.deploy_hook_uuid = Some(uuid.into());
    hook
}

/// The new hook is created before the old one is deleted: the mock's log of calls shows
/// the order, and each stub's calls their place in it.
#[tokio::test]
async fn rotating_a_hook_creates_the_new_one_before_deleting_the_old() {
    let mock = CloudflareMock::start().await;
    mock.deploy_hooks()
        .list()
        .respond(&vec![
            listed("release", OLD_HOOK),
            listed("nightly", "33333333-6e1a-4fe4-a799-aa6d9a6ab26e"),
        ])
        .mount();
    let mut created = DeployHook::new();
    created.deploy_hook_uuid = Some(NEW_HOOK.into());
    let create = mock
        .deploy_hooks()
        .create()
        .respond(&created)
        .expect(1)
        .mount();
    let delete = mock
        .deploy_hooks()
        .delete()
        .deploy_hook_uuid(OLD_HOOK)
        .expect(1)
        .mount();

    let hook = rotate_deploy_hook(&mock.client(), ACCOUNT, "my-worker", "release", "main")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(hook.deploy_hook_uuid.as_deref(), Some(NEW_HOOK));

    let log = mock.received();
    assert!(create.called_before(&delete), "{log:#?}");
    assert!(!delete.called_before(&create));
    let operations: Vec<&str> = log.iter().filter_map(Received::operation).collect();
    assert_eq!(
        operations,
        [
            "cloudflare.deploy_hooks.list",
            "cloudflare.deploy_hooks.create",
            "cloudflare.deploy_hooks.delete",
        ]
    );
    let stubs: Vec<Option<usize>> = log.iter().map(Received::stub).collect();
    assert_eq!(
        stubs,
        [Some(1), Some(create.number()), Some(delete.number())]
    );
    assert_eq!(delete.received()[0].sequence(), 3);
    assert_eq!(mock.verify(), Ok(()));
}

/// A deploy hook's trigger carries no token: its UUID is the credential. The calls made
/// with the token carry it, and it is never shown.
#[tokio::test]
async fn a_hook_is_triggered_without_a_token() {
    let mock = CloudflareMock::start().await;
    let mut triggered = TriggeredBuild::new();
    triggered.build_uuid = Some("b-7".into());
    let trigger = mock
        .deploy_hooks()
        .trigger()
        .respond(&triggered)
        .expect(1)
        .mount();
    let list = mock.deploy_hooks().list().respond(&vec![]).mount();

    let client = mock.client();
    let build = trigger_deploy_hook(&client, NEW_HOOK)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(build.as_deref(), Some("b-7"));
    client
        .deploy_hooks()
        .list(ACCOUNT, "my-worker")
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let sent = &trigger.received()[0];
    assert!(!sent.has_header("authorization"), "{sent:?}");
    assert_eq!(sent.header("authorization"), None);
    assert_eq!(sent.method(), "POST");
    let listed = &list.received()[0];
    assert!(listed.has_header("Authorization"));
    // Present, but its value is never shown.
    assert_eq!(listed.header("authorization"), Some("<secret>"));
    assert!(!format!("{listed:?}").contains("mock-token"));
    assert_eq!(mock.verify(), Ok(()));
}
