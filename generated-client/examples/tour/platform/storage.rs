//! KV namespaces and their values, D1 databases and their queries, queues and their
//! messages.

use std::collections::BTreeMap;

use generated_client::jiff::Timestamp;
use serde_json::{Map, Value, json};
use wiremock::ResponseTemplate;

use super::{Answer, Part, Refusal, State, now, success};

/// A KV namespace: its title, and its values as the bytes written.
pub(super) struct KvNamespace {
    title: String,
    values: BTreeMap<String, Vec<u8>>,
}

/// A D1 database.
pub(super) struct Database {
    name: String,
}

/// A queue, and the messages sent to it that no consumer has taken: their size in bytes
/// and when each arrived.
pub(super) struct Queue {
    name: String,
    backlog: Vec<(usize, i64)>,
}

/// A body's string member `name`, which must be there and not be empty.
fn required_text<'a>(body: &'a Value, name: &str) -> Result<&'a str, Refusal> {
    body[name]
        .as_str()
        .filter(|text| !text.is_empty())
        .ok_or_else(|| Refusal::invalid(format!("the body lacks {name}")))
}

/// `POST /storage/kv/namespaces`: a namespace whose title no other has.
pub(super) fn create_namespace(state: &mut State, body: &Value) -> Answer {
    let title = required_text(body, "title")?;
    if state.kv_namespaces.values().any(|ns| ns.title == title) {
        return Err(Refusal::conflict(
            "A namespace with this account ID and title already exists",
        ));
    }
    let id = state.hex_id("kv");
    state.kv_namespaces.insert(
        id.clone(),
        KvNamespace {
            title: title.to_owned(),
            values: BTreeMap::new(),
        },
    );
    success(json!({"id": id, "title": title, "supports_url_encoding": true}))
}

fn namespace<'a>(state: &'a mut State, id: &str) -> Result<&'a mut KvNamespace, Refusal> {
    state
        .kv_namespaces
        .get_mut(id)
        .ok_or_else(|| Refusal::not_found(format!("namespace {id} not found")))
}

/// `PUT .../values/{key}`: the `value` part's bytes, kept as they arrived.
pub(super) fn write_value(state: &mut State, id: &str, key: &str, parts: &[Part]) -> Answer {
    let namespace = namespace(state, id)?;
    let mut value = None;
    for part in parts {
        match part.name.as_str() {
            "value" => value = Some(part.content.to_vec()),
            "metadata" => {
                serde_json::from_slice::<Value>(&part.content).map_err(|error| {
                    Refusal::invalid(format!("the metadata part is not JSON: {error}"))
                })?;
            }
            other => return Err(Refusal::invalid(format!("unexpected part {other:?}"))),
        }
    }
    let value = value.ok_or_else(|| Refusal::invalid("the body has no value part"))?;
    namespace.values.insert(key.to_owned(), value);
    success(json!({}))
}

/// `GET .../values/{key}`: the bytes written, as the body itself.
pub(super) fn read_value(state: &mut State, id: &str, key: &str) -> Answer {
    let namespace = namespace(state, id)?;
    let value = namespace
        .values
        .get(key)
        .ok_or_else(|| Refusal::new(404, 10009, "get: 'key not found'"))?;
    Ok(ResponseTemplate::new(200).set_body_raw(value.clone(), "application/octet-stream"))
}

/// `POST /d1/database`: a database whose name no other has.
pub(super) fn create_database(state: &mut State, body: &Value) -> Answer {
    let name = required_text(body, "name")?;
    if state.databases.values().any(|db| db.name == name) {
        return Err(Refusal::conflict(format!(
            "a database is already named {name}"
        )));
    }
    let id = state.uuid("d1");
    let created_at = now();
    state.databases.insert(
        id.clone(),
        Database {
            name: name.to_owned(),
        },
    );
    success(json!({
        "uuid": id, "name": name, "created_at": created_at, "version": "production",
        "num_tables": 0, "file_size": 0,
    }))
}

/// `POST /d1/database/{id}/query`: one query, or a batch, each answered in turn.
pub(super) fn query(state: &mut State, id: &str, body: &Value) -> Answer {
    if !state.databases.contains_key(id) {
        return Err(Refusal::not_found(format!("database {id} not found")));
    }
    let queries = match body["batch"].as_array() {
        Some(batch) => batch.iter().collect(),
        None => vec![body],
    };
    let mut results = Vec::new();
    for query in queries {
        let sql = required_text(query, "sql")?;
        let params = match &query["params"] {
            Value::Null => Vec::new(),
            Value::Array(params) => params.clone(),
            _ => return Err(Refusal::invalid("params is not a list")),
        };
        let row = select_params(sql, &params)?;
        results.push(json!({
            "results": [row],
            "success": true,
            "meta": {
                "changed_db": false, "changes": 0, "duration": 0, "last_row_id": 0,
                "rows_read": 0, "rows_written": 0, "size_after": 0, "served_by_primary": true,
            },
        }));
    }
    success(Value::Array(results))
}

/// The one statement the platform's D1 evaluates: `SELECT ? AS name, ...`, a row of the
/// bound parameters, each under its column's name. Anything else is refused, saying so.
fn select_params(sql: &str, params: &[Value]) -> Result<Map<String, Value>, Refusal> {
    let unsupported = || {
        Refusal::new(
            400,
            7500,
            format!("the platform's D1 runs only `SELECT ? AS name, ...`, not {sql:?}"),
        )
    };
    let statement = sql.trim().trim_end_matches(';').trim_end();
    let columns = statement
        .get(..7)
        .filter(|select| select.eq_ignore_ascii_case("select "))
        .and_then(|_| statement.get(7..))
        .ok_or_else(unsupported)?;
    let mut names = Vec::new();
    for column in columns.split(',') {
        match column.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["?", as_, name]
                if as_.eq_ignore_ascii_case("as")
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                names.push((*name).to_owned());
            }
            _ => return Err(unsupported()),
        }
    }
    if names.len() != params.len() {
        return Err(Refusal::new(
            400,
            7500,
            format!(
                "Wrong number of parameter bindings for SQL query: {} placeholders, {} params",
                names.len(),
                params.len()
            ),
        ));
    }
    let row = names.into_iter().zip(params.iter().cloned()).collect();
    Ok(row)
}

/// `POST /queues`: a queue whose name no other has.
pub(super) fn create_queue(state: &mut State, body: &Value) -> Answer {
    let name = required_text(body, "queue_name")?;
    if state.queues.values().any(|queue| queue.name == name) {
        return Err(Refusal::conflict(format!(
            "a queue is already named {name}"
        )));
    }
    let id = state.hex_id("queue");
    let created_on = now();
    state.queues.insert(
        id.clone(),
        Queue {
            name: name.to_owned(),
            backlog: Vec::new(),
        },
    );
    success(json!({
        "queue_id": id, "queue_name": name, "created_on": created_on, "modified_on": created_on,
        "consumers": [], "consumers_total_count": 0, "producers": [], "producers_total_count": 0,
    }))
}

/// `POST /queues/{id}/messages`: a text or JSON message, added to the backlog; the answer
/// is the backlog's metrics.
pub(super) fn push_message(state: &mut State, id: &str, body: &Value) -> Answer {
    let queue = state
        .queues
        .get_mut(id)
        .ok_or_else(|| Refusal::not_found(format!("queue {id} not found")))?;
    let size = match (body["content_type"].as_str(), &body["body"]) {
        (Some("text"), Value::String(text)) => text.len(),
        (Some("json"), Value::Null) => {
            return Err(Refusal::invalid("the message has no body"));
        }
        (Some("json"), json) => json.to_string().len(),
        _ => {
            return Err(Refusal::invalid(
                "a message is text (a string body) or json",
            ));
        }
    };
    queue
        .backlog
        .push((size, Timestamp::now().as_millisecond()));
    let oldest = queue.backlog.first().map_or(0, |(_, at)| *at);
    success(json!({"metadata": {"metrics": {
        "backlog_count": queue.backlog.len(),
        "backlog_bytes": queue.backlog.iter().map(|(size, _)| size).sum::<usize>(),
        "oldest_message_timestamp_ms": oldest,
    }}}))
}
