//! Which stub a request matches, and when none does, what each one found different:
//! path templates, parameter values and bodies.

use percent_encoding::percent_decode_str;
use serde_json::Value;

use super::mounted::Mounted;
use super::stub::{ParamAt, ParamMatch};

/// What a stub checks of a request body: `Ok` when it accepts the body.
pub(crate) type BodyCheck = Box<dyn Fn(&[u8]) -> Result<(), BodyMismatch> + Send + Sync>;

/// Why a stub does not accept a request body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BodyMismatch {
    /// It does not read as the operation's body type: why.
    Unreadable(String),
    /// The stub's predicate is false for it.
    Refused,
    /// It is not the body the stub expects; both as JSON.
    Differs { expected: Value, sent: Value },
}

/// One check of a stub that a request fails.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mismatch {
    /// A parameter has other values than the stub's (none, when it is absent).
    Param {
        at: ParamAt,
        name: &'static str,
        secret: bool,
        sent: Vec<String>,
        expected: Vec<String>,
    },
    /// The body.
    Body(BodyMismatch),
}

/// Every check of `stub` that `request` fails: none when the stub matches. Every check
/// runs, so that a message can name them all.
pub(crate) fn mismatches(
    stub: &Mounted,
    template: &[Segment],
    request: &wiremock::Request,
) -> Vec<Mismatch> {
    let segments: Vec<&str> = split(request.url.path()).collect();
    let mut found: Vec<Mismatch> = stub
        .params
        .iter()
        .filter_map(|param| {
            let sent = sent_values(param, template, &segments, request);
            (sent != param.values).then(|| Mismatch::Param {
                at: param.at,
                name: param.name,
                secret: param.secret,
                sent,
                expected: param.values.clone(),
            })
        })
        .collect();
    if let Some(Err(body)) = stub.body.as_ref().map(|check| check(&request.body)) {
        found.push(Mismatch::Body(body));
    }
    found
}

/// A parameter's values in a request, as the client wrote them.
fn sent_values(
    param: &ParamMatch,
    template: &[Segment],
    segments: &[&str],
    request: &wiremock::Request,
) -> Vec<String> {
    match param.at {
        ParamAt::Path => path_value(template, segments, param.name)
            .into_iter()
            .collect(),
        ParamAt::Query => request
            .url
            .query_pairs()
            .filter(|(name, _)| name == param.name)
            .map(|(_, value)| value.into_owned())
            .collect(),
        ParamAt::Header => request
            .headers
            .get_all(param.name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect(),
    }
}

/// One segment of a path template: `builds`, `{account_id}`, or `{id}.txt`.
#[derive(Debug)]
pub(crate) struct Segment {
    prefix: &'static str,
    /// The parameter's name and the literal after it.
    param: Option<(&'static str, &'static str)>,
}

pub(crate) fn split(path: &str) -> impl Iterator<Item = &str> {
    path.strip_prefix('/').unwrap_or(path).split('/')
}

/// A path template (`/accounts/{account_id}/builds`), split into segments.
pub(crate) fn template(path: &'static str) -> Vec<Segment> {
    split(path)
        .map(|segment| {
            let parsed = segment.split_once('{').and_then(|(prefix, rest)| {
                let (name, suffix) = rest.split_once('}')?;
                Some(Segment {
                    prefix,
                    param: Some((name, suffix)),
                })
            });
            parsed.unwrap_or(Segment {
                prefix: segment,
                param: None,
            })
        })
        .collect()
}

/// The parameter's value within a path segment, percent-decoded, if the segment fits.
fn segment_value(segment: &Segment, actual: &str) -> Option<Option<String>> {
    match segment.param {
        None => (segment.prefix == actual).then_some(None),
        Some((_, suffix)) => {
            let value = actual.strip_prefix(segment.prefix)?.strip_suffix(suffix)?;
            Some(Some(
                percent_decode_str(value).decode_utf8_lossy().into_owned(),
            ))
        }
    }
}

/// The number of literal segments of a template that matches `segments`.
pub(crate) fn literals_matched(template: &[Segment], segments: &[&str]) -> Option<usize> {
    if template.len() != segments.len() {
        return None;
    }
    let mut literals = 0;
    for (segment, actual) in template.iter().zip(segments) {
        if segment_value(segment, actual)?.is_none() {
            literals += 1;
        }
    }
    Some(literals)
}

fn path_value(template: &[Segment], segments: &[&str], name: &str) -> Option<String> {
    let position = template
        .iter()
        .position(|segment| segment.param.is_some_and(|(param, _)| param == name))?;
    segment_value(&template[position], segments.get(position)?)?
}
