#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into fuzz/seeds/<target>/ from the
repository's own files: spec folders, example responses and documentation pages.

`cargo fuzz cmin` then keeps the seeds that add coverage in fuzz/corpus/<target>/
(FUZZING.md). The input formats are the ones the targets' doc comments describe.
"""

import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds")


# The targets' -max_len (FUZZING.md): larger inputs run slower and mutate no better.
MAX_LEN = {
    "spec_loader": 16384,
    "decode_response": 8192,
    "page_readers": 8192,
    "details_reader": 8192,
    "fetch_checks": 8192,
}


def write(target, data):
    if len(data) > MAX_LEN.get(target, len(data)):
        return
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def spec_loader():
    """Each service folder whole, each file with the folder's definition file, and each
    file alone: `<service>\\0<file>\\0<file>...`."""
    folders = glob.glob(os.path.join(ROOT, "spec", "*"))
    folders += glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "spec", "*"), recursive=True)
    folders += glob.glob(os.path.join(ROOT, "tests", "fixtures", "errors", "*", "*"))
    folders += glob.glob(os.path.join(ROOT, "tests", "fixtures", "changes", "*", "*"))
    for folder in sorted(f for f in folders if os.path.isdir(f)):
        service = os.path.basename(folder).encode()
        files = sorted(glob.glob(os.path.join(folder, "*.json")))
        texts = [read(f) for f in files]
        if not texts:
            continue
        write("spec_loader", b"\0".join([service] + texts))
        definition = [read(f) for f in files if os.path.basename(f) == "service.json"]
        for f, text in zip(files, texts):
            write("spec_loader", b"\0".join([service, text]))
            if definition and os.path.basename(f) != "service.json":
                write("spec_loader", b"\0".join([service, definition[0], text]))


# The order of RESULTS in fuzz_targets/decode_response.rs.
RESULTS = [
    ("buddy", "CloudFrontAction"),
    ("buddy", "SandboxApplicationStartAction"),
    ("buddy", "SandboxCreateFromSandboxAction"),
    ("buddy", "PipelineView"),
    ("cloudflare", "AccountLimits"),
    ("cloudflare", "Build"),
    ("cloudflare", ("array", "Build")),
    ("cloudflare", "BuildCancelResult"),
    ("cloudflare", "BuildMap"),
    ("cloudflare", "BuildLogs"),
    ("cloudflare", "ConfigAutofill"),
    ("cloudflare", "DeployHook"),
    ("cloudflare", ("array", "DeployHookListItem")),
    ("cloudflare", "TriggeredBuild"),
    ("cloudflare", ("map", "EnvironmentVariable")),
    ("cloudflare", "RepoConnection"),
    ("cloudflare", "BuildToken"),
    ("cloudflare", ("array", "BuildToken")),
    ("cloudflare", "Trigger"),
    ("cloudflare", ("array", "Trigger")),
    ("cloudflare", "ManualBuild"),
    ("cloudflare", "unknown"),
]

# Buddy's action types, by the `variant` an operation's response names.
ACTIONS = {
    "CLOUD_FRONT": "CloudFrontAction",
    "SANDBOX_APPLICATION_START": "SandboxApplicationStartAction",
    "SANDBOX_CREATE_FROM_SANDBOX": "SandboxCreateFromSandboxAction",
}


def result_index(service, response):
    ty = response.get("type")
    if "variant" in response:
        ty = ACTIONS[response["variant"]]
    elif isinstance(ty, dict):
        ((kind, item),) = ty.items()
        ty = (kind, item)
    return RESULTS.index((service, ty))


def decode_response():
    """Every example's response body as its operation's result type; Buddy's action
    pages show none, so their request bodies with an id stand in; and envelopes that
    fail."""
    for path in sorted(glob.glob(os.path.join(ROOT, "spec", "*", "*.json"))):
        service = os.path.basename(os.path.dirname(path))
        spec = json.loads(read(path))
        for op in spec.get("operations", []):
            index = result_index(service, op["response"])
            for example in op.get("examples", []):
                body = example["response"].get("body")
                if body is None:
                    body = dict(example["request"].get("body") or {}, id=1)
                write("decode_response", bytes([index]) + json.dumps(body, indent=1).encode())
    cloudflare = RESULTS.index(("cloudflare", "Build"))
    buddy = RESULTS.index(("buddy", "PipelineView"))
    for index, body in [
        (cloudflare, {"success": False, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": None}),
        (cloudflare, {"success": True, "errors": [], "messages": [], "result": None}),
        (cloudflare, {"success": True, "errors": [], "messages": [], "result": {"build_uuid": 7}}),
        (buddy, {"errors": [{"message": "Pipeline not found"}]}),
    ]:
        write("decode_response", bytes([index]) + json.dumps(body).encode())
    write("decode_response", bytes([cloudflare]) + b"<html>502 Bad Gateway</html>")
    write("decode_response", bytes([buddy]) + b"")


LAYOUTS = ["buddy_action", "buddy_legacy", "cloudflare_collapsed", "cloudflare_markdown"]


def sections(text, layout):
    """A page cut into pieces that fit -max_len: the page's first line (its title), then
    each `## ` section (Cloudflare's pages; the collapsed one on one line)."""
    mark = b"\n## " if layout == "cloudflare_markdown" else b" ## "
    head, *rest = text.split(mark)
    title = head.split(b"\n")[0] if layout == "cloudflare_markdown" else head[:200]
    return [head] + [title + mark + section for section in rest]


def page_readers():
    """Every page with its layout, with and without the spec's field names as hints;
    Cloudflare's pages also section by section, as whole they are over -max_len."""
    manifest = json.loads(read(os.path.join(ROOT, "pages", "pages.json")))
    pages = [(os.path.join(ROOT, "pages", p["file"]), p["layout"]) for p in manifest["pages"]]
    pages.append((os.path.join(ROOT, "tests", "fixtures", "pages", "cloudflare-d1.md"), "cloudflare_markdown"))
    for path, layout in pages:
        if layout not in LAYOUTS:
            continue  # the current layout has its own target, details_reader
        text = read(path)
        index = LAYOUTS.index(layout)
        write("page_readers", bytes([index]) + text)
        write("page_readers", bytes([index | 4]) + text)
        if layout.startswith("cloudflare"):
            for section in sections(text, layout):
                write("page_readers", bytes([index]) + section[: MAX_LEN["page_readers"] - 1])


# Folders of pages in Cloudflare's current layout to seed from besides pages/, each
# `index.md` below them (a copy of the reference's pages, say); colon-separated.
CURRENT_PAGES = [d for d in os.environ.get("CURRENT_PAGES", "").split(":") if d]


def current_pages():
    """The pages in Cloudflare's current layout: pages.json's, then CURRENT_PAGES'."""
    manifest = json.loads(read(os.path.join(ROOT, "pages", "pages.json")))
    paths = [
        os.path.join(ROOT, "pages", p["file"])
        for p in manifest["pages"]
        if p["layout"] == "cloudflare_details"
    ]
    for folder in CURRENT_PAGES:
        paths += sorted(glob.glob(os.path.join(folder, "**", "index.md"), recursive=True))
    return [(path, read(path)) for path in paths]


def details_sections(text):
    """A current-layout page as its head (front matter, chrome, title, method line and
    description) and its `##### ` sections, each of which is balanced on its own."""
    head, *rest = text.split(b"\n##### ")
    return head, [b"\n##### " + section for section in rest]


def details_reader():
    """Each page whole when it fits; its head with each section, and with as many
    sections in a row as fit; a resource page's models with the returns of an operation
    page below it (NUL between pages), which resolve_models joins; and the pages written
    in the reader's own tests."""
    limit = MAX_LEN["details_reader"]
    pages = current_pages()
    models, returns = {}, {}
    for path, text in pages:
        write("details_reader", text)
        head, sections = details_sections(text)
        packed = head
        for section in sections:
            write("details_reader", head + section)
            if len(packed) + len(section) > limit:
                write("details_reader", packed)
                packed = head
            packed += section
            folder = os.path.dirname(path)
            if section.startswith(b"\n##### Models"):
                models[folder] = head + section
            if section.startswith(b"\n##### Returns"):
                returns.setdefault(folder, head + section)
        write("details_reader", packed)
    for folder, resource in sorted(models.items()):
        below = [(f, r) for f, r in sorted(returns.items()) if f.startswith(folder + os.sep)]
        for _, operation in below[:4]:
            write("details_reader", resource + b"\0" + operation)
    tests = read(os.path.join(ROOT, "codegen", "pages", "src", "pages", "cloudflare", "details", "tests.rs"))
    for raw in re.findall(rb'r(#+)"(.*?)"\1', tests, re.S):
        write("details_reader", raw[1])


# The order of Layout::ALL, which fetch_checks' first byte picks from.
ALL_LAYOUTS = LAYOUTS + ["cloudflare_details"]


def fetch_checks():
    """Small pages of every layout with each Content-Type and Content-Length the first
    byte can pick; HTML documents; and manifests with an entry for a.md to edit."""
    manifest_path = os.path.join(ROOT, "pages", "pages.json")
    manifest = json.loads(read(manifest_path))
    pages = [(os.path.join(ROOT, "pages", p["file"]), p["layout"]) for p in manifest["pages"]]
    pages += [(path, "cloudflare_details") for path, _ in current_pages()]
    small = [(path, layout) for path, layout in pages if os.path.getsize(path) < 4096]
    for path, layout in small[:40]:
        text = read(path)
        index = ALL_LAYOUTS.index(layout)
        for content_type, content_length in [(1, 1), (0, 0), (2, 1), (0, 2), (1, 3)]:
            write("fetch_checks", bytes([index | content_type << 3 | content_length << 5]) + text)
        write("fetch_checks", bytes([index | 3 << 3 | 1 << 5]) + b"Text/Markdown; Charset=UTF-8\n" + text)
    details = ALL_LAYOUTS.index("cloudflare_details")
    for body in [
        b"<!DOCTYPE html>\n<html><head><title>Not found</title></head></html>",
        b"\xef\xbb\xbf  <html lang=en>",
        b'<?xml version="1.0"?>\n<!doctype html>',
        b"",
        b" \n\t",
        b"---\ntitle: x\n---\n\n# x\n\xff\xfe",
    ]:
        write("fetch_checks", bytes([details | 1 << 3 | 1 << 5]) + body)
    write("fetch_checks", bytes([details | 3 << 3]) + b"application/xhtml+xml\n<p>")
    text = read(manifest_path)
    first = manifest["pages"][0]["file"].encode()
    write("fetch_checks", bytes([0x80]) + text.replace(b'"' + first + b'"', b'"a.md"', 1))
    write("fetch_checks", bytes([0x80]) + b'{"pages": [{"file": "a.md", "retrieved": "\\u00e9", "sha256": "\\"x\\""}]}')
    write("fetch_checks", bytes([0x80]) + b'{\r\n "pages": [\r\n  {"title": "\xc3\xa9\xe2\x80\x94", "file": "a.md",\r\n   "sha256": "", "retrieved": ""}]}')


if __name__ == "__main__":
    targets = {
        "spec_loader": spec_loader,
        "decode_response": decode_response,
        "page_readers": page_readers,
        "details_reader": details_reader,
        "fetch_checks": fetch_checks,
    }
    for name in sys.argv[1:] or targets:
        targets[name]()
