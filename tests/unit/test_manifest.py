"""Crawl manifests (CSV, JSON lines) over real text dumps of the news corpus."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from broadsheet.ingest import discover
from broadsheet.manifest import ManifestEntry, ManifestProblem, manifest_key, read_manifest

NEWS_TEXT = Path(__file__).resolve().parents[3] / "shared" / "eval" / "news-text"

pytestmark = pytest.mark.skipif(not NEWS_TEXT.is_dir(), reason="needs ../shared/eval beside the repo")


@pytest.fixture
def crawl(tmp_path, monkeypatch) -> tuple[Path, list[dict]]:
    """Three dumps under tmp_path/crawl/docs, the working folder tmp_path (so runs name the
    folder relatively, as `broadsheet run crawl` would)."""
    with open(NEWS_TEXT / "gold.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][:3]
    (tmp_path / "crawl" / "docs").mkdir(parents=True)
    for row in rows:
        (tmp_path / "crawl" / row["file"]).write_bytes((NEWS_TEXT / row["file"]).read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path / "crawl", rows


def discovered_keys(root: str) -> list[str]:
    return [manifest_key(s.path) for s in discover([root]).sources]


def test_csv_manifest_entries_match_discovered_paths_and_bad_rows_are_reported(crawl):
    folder, rows = crawl
    manifest = folder / "manifest.csv"
    with open(manifest, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["path", "url", "fetched_at", "outlet"])
        out.writerow([rows[0]["file"], rows[0]["url"], "2024-11-22T09:15:00+01:00", rows[0]["outlet"]])
        out.writerow([rows[1]["file"], rows[1]["url"] + "?utm_source=rss", "2024-05-02", ""])
        out.writerow([f"./docs/../{rows[2]['file']}", rows[2]["url"], "", rows[2]["outlet"]])
        out.writerow(["", "https://orf.at/stories/3376706/", "", ""])  # line 5
        out.writerow(["docs/other.txt", "xhttps://www.zoo-berlin.de/de/aktuelles/", "", ""])
        out.writerow(["docs/late.txt", "https://orf.at/", "yesterday", ""])
        out.writerow([rows[0]["file"], rows[0]["url"], "", ""])
        out.writerow(["docs/wide.txt", "https://orf.at/", "", "ORF", "extra"])
    result = read_manifest(manifest)
    assert sorted(result.entries) == sorted(discovered_keys("crawl/docs")) == sorted(discovered_keys(str(folder)))
    by_file = {row["file"]: result.entries[manifest_key(str(folder / row["file"]))] for row in rows}
    assert by_file[rows[0]["file"]] == ManifestEntry(
        "https://orf.at/stories/3376705/", datetime(2024, 11, 22, 8, 15, tzinfo=timezone.utc), rows[0]["outlet"]
    )
    assert by_file[rows[0]["file"]].fetched_at.utcoffset() == timedelta(hours=1)
    assert by_file[rows[1]["file"]] == ManifestEntry(rows[1]["url"], datetime(2024, 5, 2, tzinfo=timezone.utc), None)
    assert by_file[rows[2]["file"]].outlet == rows[2]["outlet"]
    assert result.problems == [
        ManifestProblem(5, "no path"),
        ManifestProblem(6, "url 'xhttps://www.zoo-berlin.de/de/aktuelles/' is not an http(s) URL"),
        ManifestProblem(7, "fetched_at 'yesterday' is not an ISO 8601 date or time"),
        ManifestProblem(8, f"{rows[0]['file']} is listed already, on line 2"),
        ManifestProblem(9, "1 more cells than the header has columns"),
    ]


def test_jsonl_manifest(crawl):
    folder, rows = crawl
    lines = [
        json.dumps({"path": rows[0]["file"], "url": rows[0]["url"], "outlet": rows[0]["outlet"]}),
        "",
        json.dumps({"path": rows[1]["file"], "url": None, "fetched_at": "2024-05-02T06:00:00Z"}),
        '{"path": "docs/x.txt", "url": ',
        json.dumps([rows[2]["file"], rows[2]["url"]]),
        json.dumps({"path": rows[2]["file"], "url": rows[2]["url"], "outlet": 7}),
        json.dumps({"path": str(folder / rows[2]["file"]), "url": rows[2]["url"]}),  # absolute: fine
    ]
    (folder / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_manifest(folder / "crawl.jsonl")
    assert sorted(result.entries) == sorted(discovered_keys("crawl"))
    first = result.entries[manifest_key(f"crawl/{rows[0]['file']}")]
    assert first == ManifestEntry("https://orf.at/stories/3376705/", None, rows[0]["outlet"])
    assert result.entries[manifest_key(f"crawl/{rows[1]['file']}")] == ManifestEntry(
        None, datetime(2024, 5, 2, 6, tzinfo=timezone.utc), None
    )
    assert result.problems == [
        ManifestProblem(4, "not JSON: Expecting value at column 31"),
        ManifestProblem(5, "a JSON list, not an object"),
        ManifestProblem(6, "outlet must be text, not int"),
    ]


def test_a_manifest_that_cannot_be_used_raises(tmp_path):
    with pytest.raises(ValueError, match="cannot be read: No such file or directory"):
        read_manifest(tmp_path / "missing.csv")
    with pytest.raises(ValueError, match=r"a manifest is \.csv or \.jsonl, not \.xlsx"):
        read_manifest(tmp_path / "crawl.xlsx")
    (tmp_path / "nopath.csv").write_text("file,url\na.txt,https://orf.at/\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no 'path' column"):
        read_manifest(tmp_path / "nopath.csv")
    (tmp_path / "latin1.csv").write_bytes("path,url,outlet\na.txt,https://orf.at/,Österreich\n".encode("latin-1"))
    with pytest.raises(ValueError, match="is not UTF-8"):
        read_manifest(tmp_path / "latin1.csv")
