//! `cargo xtask docs fetch` against a real HTTP server on 127.0.0.1, on a copy of a small
//! pages tree: the files it writes, pages.json's bytes, its report and its exit status.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use codegen_pages::fetch::sha256_hex;

/// A resource page in Cloudflare's current layout; `description` tells versions apart.
fn page(description: &str) -> String {
    format!(
        r##"---
title: Purge
---

[Skip to content](#_top)

[API Reference](https://developers.cloudflare.com/api)

[Queues](https://developers.cloudflare.com/api/resources/queues)

Copy Markdown

---

**Copy Markdown****View as Markdown**

# Purge

##### [Purge Queue](https://developers.cloudflare.com/api/resources/queues/subresources/purge/methods/start)

POST/accounts/{{account\_id}}/queues/{{queue\_id}}/purge

##### ModelsExpand Collapse

<details>

<summary>

PurgeStatusResponse object {{completed, started\_at }}

</summary>

completed: optional string

{description}

<a href="#">Link to this property</a>

started\_at: optional string

Timestamp when the last purge operation started.

<a href="#">Link to this property</a>

</details>

[Link to this property](#)%20queues.purge%20%3E%20(model)%20purge_status_response%20%3E%20(schema)>)"##
    )
}

fn kept() -> String {
    page("Indicates if the last purge operation completed successfully.")
}

fn newer() -> String {
    page("Whether the last purge operation completed successfully.")
}

/// The pages with a URL, each named after what its route on the server does.
const FETCHED: [&str; 11] = [
    "unchanged",
    "changed",
    "moved",
    "away",
    "truncated",
    "cut",
    "gone",
    "slow",
    "endless",
    "html",
    "loop",
];

/// pages.json, written unevenly on purpose: entries on one line and on many, keys in
/// another order, escapes and non-ASCII text, all of which must survive an edit.
fn manifest_text() -> String {
    let sha = sha256_hex(kept().as_bytes());
    let mut entries = Vec::new();
    for name in FETCHED {
        let url = format!("https://developers.cloudflare.com/api/{name}/index.md");
        entries.push(if name == "changed" {
            format!(
                "    {{\n      \"file\": \"cloudflare/{name}/index.md\",\n      \"service\": \"cloudflare\",\n      \"title\": \"Purge — \\\"{name}\\\"\",\n      \"layout\": \"cloudflare_details\",\n      \"where\": \"{url}\",\n      \"url\": \"{url}\",\n      \"sha256\": \"{sha}\",\n      \"retrieved\": \"2026-11-29\"\n    }}"
            )
        } else {
            format!(
                "    {{\"file\": \"cloudflare/{name}/index.md\", \"service\": \"cloudflare\", \"title\": \"Purge\", \"layout\": \"cloudflare_details\", \"where\": \"{url}\", \"url\": \"{url}\", \"retrieved\": \"2026-11-29\", \"sha256\": \"{sha}\"}}"
            )
        });
    }
    let old_sha = sha256_hex(b"an older page");
    entries.push(format!(
        "    {{\"file\": \"buddy/old.txt\", \"service\": \"buddy\", \"title\": \"Old\", \"layout\": \"buddy_action\", \"where\": \"somewhere\", \"retrieved\": \"before 2026-11-23\", \"sha256\": \"{old_sha}\"}}"
    ));
    entries.push(format!(
        "    {{\"file\": \"cloudflare/superseded.md\", \"service\": \"cloudflare\", \"title\": \"Purge\", \"layout\": \"cloudflare_details\", \"where\": \"x\", \"url\": \"https://developers.cloudflare.com/api/unchanged/index.md\", \"retrieved\": \"2026-11-01\", \"sha256\": \"{sha}\", \"superseded_by\": \"cloudflare/unchanged/index.md\"}}"
    ));
    format!("{{\n  \"pages\": [\n{}\n  ]\n}}\n", entries.join(",\n"))
}

/// The pages tree, as kept.
fn write_tree(dir: &Path) {
    let write = |file: &str, text: &[u8]| {
        let path = dir.join(file);
        if let Some(parent) = path.parent()
            && let Err(e) = std::fs::create_dir_all(parent)
        {
            panic!("{e}");
        }
        if let Err(e) = std::fs::write(&path, text) {
            panic!("{}: {e}", path.display());
        }
    };
    for name in FETCHED {
        write(&format!("cloudflare/{name}/index.md"), kept().as_bytes());
    }
    write("buddy/old.txt", b"an older page");
    write("cloudflare/superseded.md", kept().as_bytes());
    write("pages.json", manifest_text().as_bytes());
}

/// A loopback server answering each page's route in its own way.
struct Server {
    addr: SocketAddr,
    /// Whether `/api/slow/` answers at all.
    silent: Arc<AtomicBool>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|e| panic!("{e}"));
        let addr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let silent = Arc::new(AtomicBool::new(false));
        let flag = silent.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let flag = flag.clone();
                std::thread::spawn(move || answer(stream, addr, &flag));
            }
        });
        Server { addr, silent }
    }

    fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Answers one request (then closes the connection, so no answer leaks into another).
fn answer(mut stream: TcpStream, addr: SocketAddr, silent: &AtomicBool) {
    let mut reader = BufReader::new(&mut stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request_line
        .split(' ')
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let name = path.split('/').nth(2).unwrap_or_default();
    let markdown = "text/markdown; charset=utf-8";
    let response = match name {
        "unchanged" | "moved-here" => whole(markdown, kept().as_bytes()),
        "changed" => whole(markdown, newer().as_bytes()),
        "moved" => redirect("/api/moved-here/index.md"),
        "loop" => redirect(&path),
        "away" => redirect(&format!(
            "http://localhost:{}/api/unchanged/index.md",
            addr.port()
        )),
        "truncated" => {
            let body = newer();
            let head = head("200 OK", markdown, Some(body.len() + 100));
            [head.as_bytes(), body.as_bytes()].concat()
        }
        "cut" => {
            let body = newer();
            let cut = body.find("started\\_at: optional").unwrap_or(body.len());
            whole(markdown, &body.as_bytes()[..cut])
        }
        "html" => whole("text/html; charset=utf-8", b"<!DOCTYPE html><p>Purge</p>"),
        "slow" if silent.load(Ordering::SeqCst) => {
            // Says nothing until the client gives up and closes the connection.
            let _ = stream.read(&mut [0; 1]);
            return;
        }
        "slow" => whole(markdown, kept().as_bytes()),
        "endless" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/markdown\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = [
                format!("{:x}\r\n", 16384).into_bytes(),
                vec![b'a'; 16384],
                b"\r\n".to_vec(),
            ]
            .concat();
            // Until the client stops reading and closes the connection.
            while stream.write_all(&chunk).is_ok() {}
            return;
        }
        _ => [
            head("404 Not Found", "text/plain", Some(9)).as_bytes(),
            b"not found",
        ]
        .concat(),
    };
    let _ = stream.write_all(&response);
}

fn head(status: &str, content_type: &str, content_length: Option<usize>) -> String {
    let length = content_length.map_or_else(String::new, |n| format!("Content-Length: {n}\r\n"));
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{length}Connection: close\r\n\r\n"
    )
}

fn whole(content_type: &str, body: &[u8]) -> Vec<u8> {
    [
        head("200 OK", content_type, Some(body.len())).as_bytes(),
        body,
    ]
    .concat()
}

fn redirect(location: &str) -> Vec<u8> {
    format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .into_bytes()
}

fn fetch(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["docs", "fetch", "--pages"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xtask: {e}"));
    let stdout =
        String::from_utf8_lossy(&output.stdout).replace(&dir.display().to_string(), "PAGES");
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&dir.display().to_string(), "PAGES");
    (output.status.code(), stdout, stderr)
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// A server and a pages tree as kept, in a temporary folder.
fn setup() -> (Server, tempfile::TempDir) {
    let server = Server::start();
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_tree(temp.path());
    (server, temp)
}

#[test]
fn a_failed_page_keeps_every_page_from_being_written() {
    let (server, temp) = setup();
    let dir = temp.path();
    let base = server.base_url();
    let (status, stdout, stderr) = fetch(dir, &["--base-url", &base]);
    let context = format!("stdout:\n{stdout}\nstderr:\n{stderr}");
    assert_eq!(status, Some(4), "{context}");
    let port = server.addr.port();
    let kept_sha = &sha256_hex(kept().as_bytes())[..8];
    let new_sha = &sha256_hex(newer().as_bytes())[..8];
    for expected in [
        format!("docs fetch: 11 pages from {base}/, at most 30 s each\n"),
        format!(
            "changed    cloudflare/changed/index.md: {} → {} bytes, sha256 {kept_sha} → {new_sha}\n",
            kept().len(),
            newer().len()
        ),
        format!("failed     cloudflare/away/index.md: HTTP 301 Moved Permanently: redirected to http://localhost:{port}/api/unchanged/index.md, another origin; not followed (only redirects within http://127.0.0.1:{port} are)\n"),
        format!(
            "failed     cloudflare/truncated/index.md: truncated: {} of the {} bytes its Content-Length announces arrived\n",
            newer().len(),
            newer().len() + 100
        ),
        "failed     cloudflare/cut/index.md: the reader of its layout (cloudflare_details) refuses the downloaded version (a page cut short, or changed beyond what the reader knows), at these lines of that version:\n  PAGES/cloudflare/cut/index.md:25:1 at the page's structure: the page ends inside this `<details>` block: expected its `</details>` (the page is cut short)\n".to_owned(),
        format!("failed     cloudflare/gone/index.md: HTTP 404 Not Found from {base}/api/gone/index.md\n"),
        "failed     cloudflare/endless/index.md: too large: more than 4194304 bytes (4 MiB) arrived; the rest was not read\n".to_owned(),
        "failed     cloudflare/html/index.md: HTML where Markdown was expected: the server sent Content-Type \"text/html; charset=utf-8\"\n".to_owned(),
        format!("failed     cloudflare/loop/index.md: HTTP 301 Moved Permanently: more than 5 redirects (the last to {base}/api/loop/index.md); not followed\n"),
        "unchanged  3 pages\n".to_owned(),
        "skipped    buddy/old.txt: no \"url\" in pages.json\n".to_owned(),
        "skipped    cloudflare/superseded.md: superseded by cloudflare/unchanged/index.md; kept as history\n".to_owned(),
        format!("note       cloudflare/moved/index.md: {base}/api/moved/index.md redirects to {base}/api/moved-here/index.md; its \"url\" may need updating\n"),
    ] {
        assert!(stdout.contains(&expected), "expected {expected:?} in\n{context}");
    }
    assert_eq!(
        stderr,
        "error: 7 pages failed; nothing was written, not even the 1 changed page: fetch again once the failures are resolved, or name the pages to fetch\n"
    );
    assert_eq!(read(dir, "pages.json"), manifest_text());
    assert_eq!(read(dir, "cloudflare/changed/index.md"), kept());
}

#[test]
fn a_page_that_does_not_answer_in_time_fails() {
    let (server, temp) = setup();
    let dir = temp.path();
    let base = server.base_url();
    server.silent.store(true, Ordering::SeqCst);
    let (status, stdout, stderr) = fetch(
        dir,
        &[
            "cloudflare/slow/index.md",
            "--base-url",
            &base,
            "--timeout",
            "0.3",
        ],
    );
    assert_eq!(status, Some(4), "{stdout}{stderr}");
    assert!(
        stdout.contains("failed     cloudflare/slow/index.md: no answer within 0.3 s\n"),
        "{stdout}"
    );
    assert_eq!(read(dir, "pages.json"), manifest_text());
}

#[test]
fn a_changed_page_is_written_and_only_its_entry_s_two_values() {
    let (server, temp) = setup();
    let dir = temp.path();
    let base = server.base_url();
    let kept_manifest = manifest_text();
    // The pages that work, named, one as it is printed.
    let working = [
        "cloudflare/changed/index.md",
        "pages/cloudflare/unchanged/index.md",
        "cloudflare/moved/index.md",
        "--base-url",
        &base,
    ];
    let before = today();
    let (status, stdout, stderr) = fetch(dir, &working);
    let after = today();
    assert_eq!(status, Some(3), "{stdout}{stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("unchanged  2 pages\n"), "{stdout}");
    let date = if stdout.contains(&format!("({before})")) {
        before
    } else {
        after
    };
    assert!(stdout.ends_with(&format!(
        "wrote 1 changed page and set their \"sha256\" and \"retrieved\" ({date}) in PAGES/pages.json\n\
         next: cargo xtask docs check, to see what the new versions change against the spec\n"
    )), "{stdout}");
    assert_eq!(read(dir, "cloudflare/changed/index.md"), newer());
    assert_eq!(read(dir, "cloudflare/unchanged/index.md"), kept());
    let full_new_sha = sha256_hex(newer().as_bytes());
    let expected_manifest = kept_manifest.replacen(
        &format!(
            "\"sha256\": \"{}\",\n      \"retrieved\": \"2026-11-29\"",
            sha256_hex(kept().as_bytes())
        ),
        &format!("\"sha256\": \"{full_new_sha}\",\n      \"retrieved\": \"{date}\""),
        1,
    );
    assert_ne!(expected_manifest, kept_manifest);
    assert_eq!(read(dir, "pages.json"), expected_manifest);
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("cloudflare/changed"))
        .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(leftovers, ["index.md"]);

    // Again: nothing changed.
    let (status, stdout, _) = fetch(dir, &working);
    assert_eq!(status, Some(0), "{stdout}");
    assert!(stdout.contains("unchanged  3 pages\n"), "{stdout}");
    assert!(
        stdout.ends_with("no page changed; nothing was written\n"),
        "{stdout}"
    );
    assert_eq!(read(dir, "pages.json"), expected_manifest);
}

#[test]
fn help_and_mistakes_on_the_command_line() {
    let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (status, stdout, _) = fetch(temp.path(), &["--help"]);
    assert_eq!(status, Some(0));
    assert!(
        stdout.contains("exit status:\n  0  no page changed"),
        "{stdout}"
    );
    let (status, _, stderr) = fetch(temp.path(), &["--timeout", "soon"]);
    assert_eq!(status, Some(2), "a usage error");
    assert!(
        stderr.starts_with("error: --timeout \"soon\": expected a number of seconds over 0\n"),
        "{stderr}"
    );
    // No pages.json there: nothing to fetch, and said so.
    let (status, _, stderr) = fetch(temp.path(), &[]);
    assert_eq!(status, Some(4));
    assert!(stderr.contains("cannot read the page manifest"), "{stderr}");
}
