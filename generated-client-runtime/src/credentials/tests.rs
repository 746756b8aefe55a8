//! Which credentials `from_env` finds, the headers credentials become, and what errors
//! and `Debug` show of them: with two hand-written services, one with the email-and-key
//! scheme and one without, and an environment of test values.

use std::collections::HashMap;

use super::*;
use crate::__private::Service as ServiceDefinition;
use crate::ErrorDetail;

const EMAIL: &str = "owner@example.com";
const KEY: &str = "k3y-SECRET-0123456789";
const TOKEN: &str = "tok-SECRET-9876543210";

struct Keyed;

impl ServiceDefinition for Keyed {
    const NAME: &'static str = "keyed";
    const CLIENT_NAME: &'static str = "KeyedClient";
    const USER_AGENT: &'static str = "keyed/1.0";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.invalid";
    const TOKEN_ENV: &'static str = "KEYED_API_TOKEN";
    const BASE_URL_ENV: &'static str = "KEYED_BASE_URL";
    const API_KEY: Option<ApiKeyScheme> = Some(ApiKeyScheme {
        email_header: "X-Auth-Email",
        key_header: "X-Auth-Key",
        email_env: "KEYED_EMAIL",
        key_env: "KEYED_API_KEY",
    });
    const HEADERS: &'static [(&'static str, &'static str)] = &[];
    const RATE_LIMIT: crate::RateLimitHeaders = crate::RateLimitHeaders::None;
    type Meta = ();
    type Client = crate::Client<Self>;

    fn error_details(_: &[u8]) -> Option<Vec<ErrorDetail>> {
        None
    }
}

/// A service that takes a token only: it keeps the default `API_KEY`.
struct TokenOnly;

impl ServiceDefinition for TokenOnly {
    const NAME: &'static str = "token_only";
    const CLIENT_NAME: &'static str = "TokenOnlyClient";
    const USER_AGENT: &'static str = "token-only/1.0";
    const DEFAULT_BASE_URL: &'static str = "https://api.example.invalid";
    const TOKEN_ENV: &'static str = "TOKEN_ONLY_TOKEN";
    const BASE_URL_ENV: &'static str = "TOKEN_ONLY_URL";
    const HEADERS: &'static [(&'static str, &'static str)] = &[];
    const RATE_LIMIT: crate::RateLimitHeaders = crate::RateLimitHeaders::None;
    type Meta = ();
    type Client = crate::Client<Self>;

    fn error_details(_: &[u8]) -> Option<Vec<ErrorDetail>> {
        None
    }
}

/// `from_env` over an environment holding `vars`.
fn found<S: Service>(vars: &[(&str, &str)]) -> Result<Credentials, String> {
    let env: HashMap<&str, &str> = vars.iter().copied().collect();
    from_env::<S>(|name| Ok(env.get(name).map(|value| (*value).to_owned()))).map_err(|error| {
        let message = error.to_string();
        assert!(
            !message.contains(KEY) && !message.contains(EMAIL) && !message.contains(TOKEN),
            "{message}"
        );
        message
    })
}

#[test]
fn from_env_reads_the_token_first_then_the_email_and_key() {
    let token = Credentials::token(TOKEN);
    let api_key = Credentials::api_key(EMAIL, KEY);
    let all = [
        ("KEYED_API_TOKEN", TOKEN),
        ("KEYED_EMAIL", EMAIL),
        ("KEYED_API_KEY", KEY),
    ];
    assert_eq!(found::<Keyed>(&all), Ok(token.clone()));
    assert_eq!(found::<Keyed>(&all[..1]), Ok(token.clone()));
    assert_eq!(found::<Keyed>(&all[1..]), Ok(api_key));
    // A service without the scheme never reads its variables.
    let named_for_token_only = [
        ("TOKEN_ONLY_TOKEN", TOKEN),
        ("KEYED_EMAIL", EMAIL),
        ("KEYED_API_KEY", KEY),
    ];
    assert_eq!(found::<TokenOnly>(&named_for_token_only), Ok(token));
}

#[test]
fn from_env_errors_say_what_to_set() {
    assert_eq!(
        found::<Keyed>(&[]),
        Err(
            "none of the environment variables KEYED_API_TOKEN, KEYED_EMAIL and KEYED_API_KEY \
             is set; set KEYED_API_TOKEN to your API token, or KEYED_EMAIL and KEYED_API_KEY to \
             your account's email and API key; or pass credentials to `KeyedClient::new`"
                .to_owned()
        )
    );
    assert_eq!(
        found::<Keyed>(&[("KEYED_EMAIL", EMAIL)]),
        Err(
            "the environment variable KEYED_EMAIL is set, but KEYED_API_KEY is not; set \
             KEYED_API_KEY to your account's API key too (or use an API token instead)"
                .to_owned()
        )
    );
    assert_eq!(
        found::<Keyed>(&[("KEYED_API_KEY", KEY)]),
        Err(
            "the environment variable KEYED_API_KEY is set, but KEYED_EMAIL is not; set \
             KEYED_EMAIL to your account's email too (or use an API token instead)"
                .to_owned()
        )
    );
    // Without the scheme, the message is the token's alone.
    assert_eq!(
        found::<TokenOnly>(&[("KEYED_EMAIL", EMAIL), ("KEYED_API_KEY", KEY)]),
        Err(
            "the environment variable TOKEN_ONLY_TOKEN is not set; set it to your API token, \
             or pass the token to `TokenOnlyClient::new`"
                .to_owned()
        )
    );
    // A variable that cannot be read is the lookup's error.
    let unreadable = from_env::<Keyed>(|name| {
        if name == "KEYED_API_KEY" {
            Err(ConfigError::new("unreadable", "fix it"))
        } else {
            Ok(Some("set".to_owned()).filter(|_| name == "KEYED_EMAIL"))
        }
    });
    assert_eq!(
        unreadable.map_err(|e| e.to_string()),
        Err("unreadable; fix it".to_owned())
    );
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a HeaderValue> {
    headers.get(name)
}

#[test]
fn credentials_become_sensitive_headers() -> Result<(), ConfigError> {
    let sent = headers::<Keyed>(&Credentials::api_key(EMAIL, KEY))?;
    assert_eq!(sent.len(), 2);
    for (name, value) in [("x-auth-email", EMAIL), ("x-auth-key", KEY)] {
        let sent = header(&sent, name);
        assert_eq!(sent.map(HeaderValue::as_bytes), Some(value.as_bytes()));
        assert!(sent.is_some_and(HeaderValue::is_sensitive), "{name}");
    }
    let debug = format!("{sent:?}");
    assert!(!debug.contains(KEY) && !debug.contains(EMAIL), "{debug}");

    let sent = headers::<TokenOnly>(&Credentials::token(TOKEN))?;
    assert_eq!(sent.len(), 1);
    let authorization = header(&sent, "authorization");
    assert_eq!(
        authorization.map(HeaderValue::as_bytes),
        Some(format!("Bearer {TOKEN}").as_bytes())
    );
    assert!(authorization.is_some_and(HeaderValue::is_sensitive));
    Ok(())
}

/// The message of the headers' error, which must name neither the key nor the email.
fn refused<S: Service>(credentials: Credentials) -> String {
    match headers::<S>(&credentials) {
        Ok(headers) => panic!("accepted: {headers:?}"),
        Err(error) => {
            let message = error.to_string();
            assert!(
                !message.contains("k3y") && !message.contains("owner"),
                "{message}"
            );
            message
        }
    }
}

#[test]
fn bad_credentials_are_refused_without_being_shown() {
    assert_eq!(
        refused::<TokenOnly>(Credentials::api_key(EMAIL, KEY)),
        "TokenOnlyClient takes an API token, not an email and API key; build the client \
         with a token: `TokenOnlyClient::new(token)`"
    );
    assert_eq!(
        refused::<Keyed>(Credentials::api_key(EMAIL, format!("{KEY}\n"))),
        "the API key has a line break or another character a header cannot carry; pass the \
         API key alone, without the line break it may have been copied with"
    );
    assert_eq!(
        refused::<Keyed>(Credentials::api_key(format!("{EMAIL}\r\n"), KEY)),
        "the email has a line break or another character a header cannot carry; pass the \
         email alone, without the line break it may have been copied with"
    );
    assert_eq!(
        refused::<Keyed>(Credentials::api_key(" ", KEY)),
        "the email is empty; pass the email itself (was the environment variable empty?)"
    );
    assert_eq!(
        refused::<Keyed>(Credentials::api_key(EMAIL, "")),
        "the API key is empty; pass the API key itself (was the environment variable empty?)"
    );
    assert_eq!(
        refused::<Keyed>(Credentials::token(" ")),
        "the API token is empty; pass the token itself (was the environment variable empty?)"
    );
}

#[test]
fn debug_shows_the_email_never_a_secret() {
    let api_key = Credentials::api_key(EMAIL, KEY);
    assert_eq!(
        format!("{api_key:?}"),
        format!("Credentials::ApiKey {{ email: {EMAIL:?}, key: <redacted> }}")
    );
    assert_eq!(format!("{api_key:#?}"), format!("{api_key:?}"));
    assert!(api_key.is_api_key());
    let token = Credentials::from(Token::from(TOKEN));
    assert_eq!(format!("{token:?}"), "Credentials::Token(<redacted>)");
    assert!(!token.is_api_key());
}

#[test]
fn a_call_without_credentials_says_how_to_give_them() {
    assert_eq!(
        missing::<Keyed>("keyed.things.get").to_string(),
        "keyed.things.get needs an API token, and this client was built without one; build \
         the client with a token: `KeyedClient::new(token)`, or an email and API key: \
         `KeyedClient::with_api_key(email, key)`; or `from_env()` with KEYED_API_TOKEN set, \
         or KEYED_EMAIL and KEYED_API_KEY"
    );
    assert_eq!(
        missing::<TokenOnly>("token_only.things.get").to_string(),
        "token_only.things.get needs an API token, and this client was built without one; \
         build the client with a token: `TokenOnlyClient::new(token)`, or `from_env()` with \
         TOKEN_ONLY_TOKEN set"
    );
}
