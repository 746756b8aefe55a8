//! `cargo xtask docs fetch [PAGE…] [--base-url URL] [--timeout SECONDS] [--pages DIR]`:
//! downloads the current version of the pages `pages/pages.json` gives a URL and replaces
//! the kept copies whose bytes changed; the checks a page passes first are
//! `codegen_pages::fetch`'s.

mod download;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use codegen_pages::fetch::{self, Received};
use codegen_pages::pages::manifest::{self, Manifest, PageEntry};
use reqwest::Url;

use crate::cli;
use download::Download;

/// `cargo xtask docs fetch --help`, after its usage line.
pub const HELP: &str =
    "Downloads the current version of every current page to which pages/pages.json gives a
\"url\" (or of each PAGE named, by its \"file\" there), checks it, and replaces the kept
copy of each page whose bytes changed, setting only that entry's \"sha256\" and
\"retrieved\" (today's date, UTC). Pages without a url, and superseded pages, are skipped
and said so.

A page fails, with its reason, when the server does not answer within the timeout, answers
other than 2xx, or redirects to another origin (up to 5 redirects within the origin are
followed, and noted); or when its body is over 4 MiB (reading stops there), shorter or
longer than its Content-Length, empty, HTML (by its Content-Type or how it starts), not
UTF-8, or refused by the reader of the entry's layout (a page cut off inside a <details>
block, say), with the reader's file:line message. If any page fails, nothing is written.

  PAGE               a page's \"file\" in pages/pages.json (default: every page with a url)
  --base-url URL     fetch from URL instead of each page's origin: URL followed by the
                     page URL's path (a mirror, or a test server)
  --timeout SECONDS  the most one page may take, from the request to its last byte (30)
  --pages DIR        the pages folder (default: pages/ in the workspace)

exit status:
  0  no page changed; nothing was written
  3  pages changed and were written, with their entries: run `cargo xtask docs check` next
  4  a page failed, or pages.json could not be read; nothing was written
  2  the command line is wrong";

/// The exit statuses; 3 and 4 do not collide with `docs check`'s 1 and 2, so a job that
/// runs both can tell every outcome apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Unchanged = 0,
    Changed = 3,
    Failed = 4,
}

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
struct Options {
    pages: Vec<String>,
    base_url: Option<Url>,
    timeout: Duration,
    dir: Option<PathBuf>,
}

/// `cargo xtask docs fetch`: reads the options, then fetches.
pub fn command(args: &mut cli::Args, workspace: &cli::Workspace) -> cli::Outcome {
    let options = read_options(args)?;
    let dir = match options.dir.clone() {
        Some(dir) => dir,
        None => workspace.root()?.join("pages"),
    };
    Ok(ExitCode::from(fetch(&options, &dir) as u8))
}

fn read_options(args: &mut cli::Args) -> Result<Options, cli::Error> {
    let mut options = Options {
        pages: Vec::new(),
        base_url: None,
        timeout: DEFAULT_TIMEOUT,
        dir: None,
    };
    while let Some(arg) = args.next()? {
        match arg {
            cli::Arg::Long("base-url") => {
                let url = args.string()?;
                let parsed = Url::parse(&url)
                    .map_err(|e| cli::Error::Usage(format!("--base-url {url:?}: {e}")))?;
                if !matches!(parsed.scheme(), "http" | "https") {
                    return Err(cli::Error::Usage(format!(
                        "--base-url {url:?}: expected an http or https URL"
                    )));
                }
                options.base_url = Some(parsed);
            }
            cli::Arg::Long("timeout") => {
                let seconds = args.string()?;
                options.timeout = seconds
                    .parse::<f64>()
                    .ok()
                    .filter(|s| *s > 0.0)
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or_else(|| {
                        cli::Error::Usage(format!(
                            "--timeout {seconds:?}: expected a number of seconds over 0"
                        ))
                    })?;
            }
            cli::Arg::Long("pages") => options.dir = Some(args.path()?),
            cli::Arg::Value(page) => options.pages.push(page.to_string_lossy().into_owned()),
            arg => return Err(arg.unexpected().into()),
        }
    }
    Ok(options)
}

/// A page whose new version differs from the kept one.
struct Changed<'m> {
    entry: &'m PageEntry,
    old_len: Option<u64>,
    body: Vec<u8>,
    sha256: String,
}

/// What became of the pages, as the report lists them.
#[derive(Default)]
struct Outcome<'m> {
    changed: Vec<Changed<'m>>,
    unchanged: usize,
    /// A page and why it failed.
    failed: Vec<(String, String)>,
    /// A page not fetched, and why.
    skipped: Vec<(String, String)>,
    /// Things worth knowing that fail nothing: the redirects followed.
    notes: Vec<String>,
}

fn fetch(options: &Options, dir: &Path) -> Status {
    let shown_dir = match &options.dir {
        Some(dir) => dir.to_string_lossy().trim_end_matches('/').to_owned(),
        None => "pages".to_owned(),
    };
    let dir = dir.to_path_buf();
    let manifest = match manifest::load(&dir) {
        Ok(manifest) => manifest,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            eprintln!(
                "error: {shown_dir}/{} or its pages could not be read; nothing was fetched",
                manifest::MANIFEST_FILE
            );
            return Status::Failed;
        }
    };
    let mut outcome = Outcome::default();
    let targets = select(&manifest, options, &mut outcome);
    println!(
        "docs fetch: {} page{} from {}, at most {} s each",
        targets.len(),
        plural(targets.len()),
        options
            .base_url
            .as_ref()
            .map_or_else(|| "their URLs".to_owned(), ToString::to_string),
        options.timeout.as_secs_f64()
    );
    let urls: Vec<Url> = targets.iter().map(|(_, url)| url.clone()).collect();
    match download::download_all(&urls, options.timeout) {
        Ok(downloads) => {
            for ((entry, url), download) in targets.into_iter().zip(downloads) {
                judge(&manifest, &shown_dir, entry, &url, download, &mut outcome);
            }
        }
        Err(message) => {
            for (entry, _) in targets {
                outcome.failed.push((entry.file.clone(), message.clone()));
            }
        }
    }
    print!("{}", report(&outcome));
    finish(&manifest, &shown_dir, &outcome)
}

/// The pages to download and their URLs; the others go to the outcome, as skipped
/// (unnamed) or failed (named).
fn select<'m>(
    manifest: &'m Manifest,
    options: &Options,
    outcome: &mut Outcome<'m>,
) -> Vec<(&'m PageEntry, Url)> {
    let mut targets = Vec::new();
    let named = !options.pages.is_empty();
    let entries: Vec<&PageEntry> = if named {
        let mut entries = Vec::new();
        for name in &options.pages {
            let entry = manifest
                .entry(name)
                .or_else(|| name.strip_prefix("pages/").and_then(|n| manifest.entry(n)));
            match entry {
                Some(entry) => entries.push(entry),
                None => outcome
                    .failed
                    .push((name.clone(), "pages.json lists no such page".to_owned())),
            }
        }
        entries
    } else {
        manifest.pages.iter().collect()
    };
    for entry in entries {
        let skip = match (&entry.url, &entry.superseded_by) {
            (_, Some(successor)) => Some(format!("superseded by {successor}; kept as history")),
            (None, None) => Some("no \"url\" in pages.json".to_owned()),
            (Some(url), None) => match page_url(url, options.base_url.as_ref()) {
                Ok(url) => {
                    targets.push((entry, url));
                    None
                }
                Err(message) => {
                    outcome.failed.push((entry.file.clone(), message));
                    None
                }
            },
        };
        if let Some(why) = skip {
            if named {
                outcome.failed.push((entry.file.clone(), why));
            } else {
                outcome.skipped.push((entry.file.clone(), why));
            }
        }
    }
    targets
}

/// The URL a page is downloaded from: its own, or `base` followed by its path.
fn page_url(url: &str, base: Option<&Url>) -> Result<Url, String> {
    let own = Url::parse(url).map_err(|e| format!("its \"url\" {url:?} is not a URL: {e}"))?;
    let Some(base) = base else {
        return Ok(own);
    };
    let mut mirrored = base.as_str().trim_end_matches('/').to_owned();
    mirrored.push_str(own.path());
    if let Some(query) = own.query() {
        mirrored.push('?');
        mirrored.push_str(query);
    }
    Url::parse(&mirrored).map_err(|e| format!("{mirrored:?} is not a URL: {e}"))
}

/// Checks one download and files the page under changed, unchanged or failed.
fn judge<'m>(
    manifest: &Manifest,
    shown_dir: &str,
    entry: &'m PageEntry,
    url: &Url,
    download: Result<Download, String>,
    outcome: &mut Outcome<'m>,
) {
    let download = match download {
        Ok(download) => download,
        Err(reason) => {
            outcome.failed.push((entry.file.clone(), reason));
            return;
        }
    };
    if download.final_url != *url {
        outcome.notes.push(format!(
            "{}: {url} redirects to {}; its \"url\" may need updating",
            entry.file, download.final_url
        ));
    }
    let received = Received {
        content_type: download.content_type.as_deref(),
        content_length: download.content_length,
        body: &download.body,
    };
    let shown_file = format!("{shown_dir}/{}", entry.file);
    if let Err(refusal) = fetch::check_page(&shown_file, entry.layout, &received) {
        outcome
            .failed
            .push((entry.file.clone(), refusal.to_string()));
        return;
    }
    let sha256 = fetch::sha256_hex(&download.body);
    if sha256 == entry.sha256 {
        outcome.unchanged += 1;
    } else {
        outcome.changed.push(Changed {
            entry,
            old_len: std::fs::metadata(manifest.path(entry))
                .ok()
                .map(|m| m.len()),
            body: download.body,
            sha256,
        });
    }
}

/// Changed pages, failures, the count of unchanged pages, and the notes.
fn report(outcome: &Outcome<'_>) -> String {
    let mut out = String::new();
    for changed in &outcome.changed {
        let old_len = changed
            .old_len
            .map_or_else(|| "?".to_owned(), |n| n.to_string());
        let _ = writeln!(
            out,
            "changed    {}: {old_len} → {} bytes, sha256 {} → {}",
            changed.entry.file,
            changed.body.len(),
            prefix(&changed.entry.sha256),
            prefix(&changed.sha256)
        );
    }
    for (file, reason) in &outcome.failed {
        let _ = writeln!(out, "failed     {file}: {reason}");
    }
    let _ = writeln!(
        out,
        "unchanged  {} page{}",
        outcome.unchanged,
        plural(outcome.unchanged)
    );
    for (file, why) in &outcome.skipped {
        let _ = writeln!(out, "skipped    {file}: {why}");
    }
    for note in &outcome.notes {
        let _ = writeln!(out, "note       {note}");
    }
    out
}

/// Writes the changes when nothing failed; the exit status.
fn finish(manifest: &Manifest, shown_dir: &str, outcome: &Outcome<'_>) -> Status {
    let changed = outcome.changed.len();
    if !outcome.failed.is_empty() {
        let failed = outcome.failed.len();
        eprintln!(
            "error: {failed} page{} failed; nothing was written{}",
            plural(failed),
            if changed == 0 {
                String::new()
            } else {
                format!(
                    ", not even the {changed} changed page{}: fetch again once the \
                     failures are resolved, or name the pages to fetch",
                    plural(changed)
                )
            }
        );
        return Status::Failed;
    }
    if changed == 0 {
        println!("no page changed; nothing was written");
        return Status::Unchanged;
    }
    let today = today();
    match write_changes(manifest, &outcome.changed, &today) {
        Ok(()) => {
            println!(
                "wrote {changed} changed page{} and set their \"sha256\" and \"retrieved\" \
                 ({today}) in {shown_dir}/{}",
                plural(changed),
                manifest::MANIFEST_FILE
            );
            println!(
                "next: cargo xtask docs check, to see what the new versions change against the spec"
            );
            Status::Changed
        }
        Err(message) => {
            eprintln!("error: {message}");
            Status::Failed
        }
    }
}

/// Writes the changed pages, then the manifest; the manifest's new text is made first, so
/// a manifest that cannot be edited leaves every file as it was.
fn write_changes(manifest: &Manifest, changed: &[Changed<'_>], today: &str) -> Result<(), String> {
    let manifest_path = manifest.dir.join(manifest::MANIFEST_FILE);
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let pages: Vec<(&str, &str)> = changed
        .iter()
        .map(|c| (c.entry.file.as_str(), c.sha256.as_str()))
        .collect();
    let edited = fetch::record_fetched(&text, &pages, today).map_err(|e| {
        format!(
            "cannot edit {}: {e}; nothing was written",
            manifest_path.display()
        )
    })?;
    for page in changed {
        write_atomically(&manifest.path(page.entry), &page.body)?;
    }
    write_atomically(&manifest_path, edited.as_bytes())
}

/// Writes a file whole or not at all: a sibling file renamed over it.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.fetched"));
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot write {}: {e}", path.display())
        })
}

/// Today's date in UTC, as `retrieved` records it.
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

/// The first 8 hex digits of a SHA-256, enough to tell versions apart in a report.
fn prefix(sha256: &str) -> &str {
    sha256.get(..8).unwrap_or(sha256)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_base_url_replaces_the_origin_and_keeps_the_path() {
        let base = Url::parse("http://127.0.0.1:8080/mirror/").ok();
        let url = page_url(
            "https://developers.cloudflare.com/api/resources/kv/index.md?x=1",
            base.as_ref(),
        );
        assert_eq!(
            url.map(String::from),
            Ok("http://127.0.0.1:8080/mirror/api/resources/kv/index.md?x=1".to_owned())
        );
        let own = page_url("https://developers.cloudflare.com/api/index.md", None);
        assert_eq!(
            own.map(String::from),
            Ok("https://developers.cloudflare.com/api/index.md".to_owned())
        );
        assert!(page_url("not a url", None).is_err());
    }

    #[test]
    fn options_are_read_and_mistakes_named() {
        let parse = |args: &[&str]| read_options(&mut cli::Args::from_list(args));
        let options = match parse(&[
            "a.md",
            "--timeout",
            "0.25",
            "--base-url",
            "http://h",
            "b.md",
        ]) {
            Ok(options) => options,
            other => panic!("{other:?}"),
        };
        assert_eq!(options.pages, ["a.md", "b.md"]);
        assert_eq!(options.timeout, Duration::from_millis(250));
        assert!(matches!(parse(&["--help"]), Err(cli::Error::Help)));
        for (args, message) in [
            (
                &["--timeout", "0"][..],
                "--timeout \"0\": expected a number of seconds over 0",
            ),
            (
                &["--base-url", "ftp://h"][..],
                "--base-url \"ftp://h\": expected an http or https URL",
            ),
        ] {
            match parse(args) {
                Err(cli::Error::Usage(got)) => assert_eq!(got, message, "{args:?}"),
                other => panic!("{args:?}: {other:?}"),
            }
        }
        assert!(parse(&["--timeout"]).is_err());
        assert!(parse(&["--frobnicate"]).is_err());
    }
}
