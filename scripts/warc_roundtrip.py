#!/usr/bin/env python3
"""Pack HTML pages into a WARC.gz (one gzip member per response record, as
Common Crawl does), run howtokb on the WARC and on the plain folder, and
compare the two datasets page by page (text hash, settings paths, steps).

usage: scripts/warc_roundtrip.py HTML_FOLDER [--bin target/release/howtokb]
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import uuid


def warc_record(uri, html):
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    rid = uuid.uuid5(uuid.NAMESPACE_URL, uri)
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--bin", default="target/release/howtokb")
    a = ap.parse_args()
    pages = sorted(f for f in os.listdir(a.folder) if f.endswith((".html", ".htm")))
    with tempfile.TemporaryDirectory() as tmp:
        plain = os.path.join(tmp, "plain")
        os.mkdir(plain)
        with open(os.path.join(tmp, "pages.warc.gz"), "wb") as w:
            for p in pages:
                data = open(os.path.join(a.folder, p), "rb").read()
                open(os.path.join(plain, p), "wb").write(data)
                w.write(warc_record(f"https://pages.test/{p}", data))
        for src, out in [("plain", "out-plain"), ("pages.warc.gz", "out-warc")]:
            subprocess.run([os.path.abspath(a.bin), "extract", src, "-o", out, "-q"], cwd=tmp, check=False)
        p = load(os.path.join(tmp, "out-plain/articles.jsonl"))
        w = load(os.path.join(tmp, "out-warc/articles.jsonl"))
        fields = ("content_hash", "title", "settings_paths", "steps", "removed")
        same = sum(all(x[k] == y[k] for k in fields) for x, y in zip(p, w))
        print(f"pages={len(pages)} plain_articles={len(p)} warc_articles={len(w)} identical_on_{'+'.join(fields)}={same}")
        return 0 if len(p) == len(w) == same == len(pages) else 1


if __name__ == "__main__":
    sys.exit(main())
