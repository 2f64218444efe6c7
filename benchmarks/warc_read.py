"""Speed of reading web archives: `warc.iter_archive` over a WARC of a few thousand records.

    .venv/bin/python benchmarks/warc_read.py [--records 3000] [--repeat 3]

Builds, in a temp folder, the layout `wget --warc` and Browsertrix write (a warcinfo record,
then a request and a response per capture) from the real pages of news-html, bodies-html and
dates-html, cycled with distinct record ids and URIs until there are --records records; once
gzipped per record (.warc.gz), once plain (.warc). Times only the reading (payloads
decompressed and de-chunked, sha256 taken), no decoding or extraction; reports the best of
--repeat passes (the least disturbed by other work on the machine) as records/s and
documents/s, in wall-clock and in this process's CPU time.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import tempfile
import time
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from broadsheet.warc import ArchiveDocument, iter_archive

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
CORPORA = ("news-html", "bodies-html", "dates-html")


def pages() -> list[tuple[str, bytes]]:
    found = []
    for corpus in CORPORA:
        with open(EVAL / corpus / "gold.jsonl", encoding="utf-8") as fh:
            for row in map(json.loads, fh):
                found.append((row["url"], gzip.decompress((EVAL / corpus / row["file"]).read_bytes())))
    return found


def build(path: Path, records: int, gz: bool, corpus: list[tuple[str, bytes]]) -> None:
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "benchmarks/warc_read.py"}))
        for i in range((records - 1) // 2):
            url, body = corpus[i % len(corpus)]
            url = f"{url.replace(' ', '%20')}{'&' if '?' in url else '?'}capture={i}"  # distinct per capture
            request = StatusAndHeaders("GET / HTTP/1.1", [("User-Agent", "benchmark")], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=request))
            response = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=response))


def read_once(path: Path) -> tuple[float, float, Counter]:
    wall, cpu = time.perf_counter(), time.process_time()
    kinds: Counter = Counter()
    for item in iter_archive(str(path)):
        kinds["document" if isinstance(item, ArchiveDocument) else type(item).__name__] += 1
    return time.perf_counter() - wall, time.process_time() - cpu, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = pages()
    print(f"{len(corpus)} distinct pages from {', '.join(CORPORA)}")
    with tempfile.TemporaryDirectory() as tmp:
        for gz in (True, False):
            path = Path(tmp) / ("bench.warc.gz" if gz else "bench.warc")
            build(path, args.records, gz, corpus)
            runs = [read_once(path) for _ in range(args.repeat)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            kinds = runs[0][2]
            records, documents = sum(kinds.values()), kinds["document"]
            print(
                f"{path.name}: {path.stat().st_size / 2**20:.0f} MiB, {records} records ({documents} documents); "
                f"best of {args.repeat}: {wall:.2f} s wall, {cpu:.2f} s CPU = "
                f"{records / wall:,.0f} records/s, {documents / wall:,.0f} documents/s "
                f"({documents / cpu:,.0f} documents/s of CPU)"
            )


if __name__ == "__main__":
    main()
