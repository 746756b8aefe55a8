//! What the spec says beyond types, as the generated client shows it (the
//! `documented_values` snapshot case): documented error codes by name, a mock that answers
//! each documented error of an operation by name, and an undocumented code still a code.

use tests::snapshots::documented_values::vault::ErrorCode;
use tests::snapshots::documented_values::vault::mock::VaultMock;

#[test]
fn documented_codes_have_names_and_other_codes_stay_codes() {
    assert_eq!(ErrorCode::from_code(4040), ErrorCode::NotFound);
    assert_eq!(ErrorCode::AlreadyExists.code(), 4090);
    assert_eq!(i64::from(ErrorCode::NotFound), 4040);
    assert_eq!(ErrorCode::from(7), ErrorCode::Other(7));
    assert_eq!(ErrorCode::Other(7).code(), 7);
    assert_eq!(ErrorCode::NotFound.message(), Some("Not found"));
    assert_eq!(ErrorCode::NotFound.to_string(), "4040 (Not found)");
    assert_eq!(ErrorCode::Other(7).to_string(), "7");
}

#[tokio::test]
async fn a_mock_answers_a_documented_error_by_name() {
    let mock = VaultMock::start().await;
    mock.secrets().create().respond_already_exists().mount();
    let client = mock.client();
    let error = client
        .secrets()
        .create(tests::snapshots::documented_values::vault::SecretInput::new("db"))
        .await
        .err()
        .unwrap_or_else(|| panic!("the mock answers an error"));
    assert_eq!(error.status(), Some(409));
    assert_eq!(ErrorCode::of(&error), Some(ErrorCode::AlreadyExists));
    assert!(error.has_code(ErrorCode::AlreadyExists));
    assert!(error.has_code(4090));
    assert!(!error.has_code(ErrorCode::NotFound));

    // An error the pages do not document reads as its code.
    let other = VaultMock::start().await;
    other
        .secrets()
        .create()
        .respond_error(500, Some(9999), "Surprise")
        .mount();
    let error = other
        .client()
        .secrets()
        .create(tests::snapshots::documented_values::vault::SecretInput::new("db"))
        .await
        .err()
        .unwrap_or_else(|| panic!("the mock answers an error"));
    assert_eq!(ErrorCode::of(&error), Some(ErrorCode::Other(9999)));
}
