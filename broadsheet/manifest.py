"""Crawl manifests: what a crawler knew about each file it saved (its URL, when it fetched it,
whose site it was), the strongest evidence for those fields.

A manifest is CSV (header row) or JSON lines (one object a line), chosen by suffix, with
`path` (relative to the manifest's folder, or absolute), `url`, and optionally `fetched_at`
(ISO 8601 date or time; UTC when it names no zone) and `outlet`. A bad row is reported with
its line number and the reason, and the rest is used; only a manifest that cannot be read
at all raises.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from broadsheet.paths import disk_path, storable_path
from broadsheet.records import Skipped
from broadsheet.urls import normalise_url

FIELDS = ("path", "url", "fetched_at", "outlet")


@dataclass(frozen=True)
class ManifestEntry:
    url: str | None  # normalised (urls.normalise_url)
    fetched_at: datetime | None  # timezone-aware
    outlet: str | None  # as written: the registry maps aliases to canonical names


@dataclass(frozen=True)
class ManifestProblem:
    line: int  # 1-based line of the manifest file (where the row ends, if a quoted cell spans lines)
    reason: str


@dataclass(frozen=True)
class Manifest:
    entries: dict[str, ManifestEntry]  # manifest_key(path) -> entry
    problems: list[ManifestProblem]

    def skipped(self, path: str) -> list[Skipped]:
        """The rows that could not be used, as `ignored` inputs of the run (path#line N)."""
        return [Skipped(f"{storable_path(path)}#line {p.line}", "ignored", f"manifest row: {p.reason}") for p in self.problems]


def manifest_key(path: str) -> str:
    """The form a path is looked up in: absolute and normalised ("a/./b/../c" -> "/.../a/c"),
    symlinks not resolved (a link is an input of its own), stored like `storable_path`. The
    caller looks up a discovered `SourceFile.path` with `manifest_key(source.path)`, whatever
    form (relative, absolute) the run was given its folders in."""
    return storable_path(os.path.abspath(disk_path(path)))


def _rows_csv(fh) -> Iterator[tuple[int, dict | str]]:
    reader = csv.DictReader(fh)
    if reader.fieldnames is None or "path" not in [name.strip() for name in reader.fieldnames]:
        raise ValueError(f"manifest has no 'path' column (columns: {', '.join(reader.fieldnames or [])})")
    for row in reader:
        if None in row:
            yield reader.line_num, f"{len(row[None])} more cells than the header has columns"
        else:
            yield reader.line_num, {(k or "").strip(): v for k, v in row.items()}


def _rows_jsonl(fh) -> Iterator[tuple[int, dict | str]]:
    for line, text in enumerate(fh, 1):
        if not text.strip():
            continue
        try:
            row = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield line, f"not JSON: {exc.msg} at column {exc.colno}"
            continue
        yield line, row if isinstance(row, dict) else f"a JSON {type(row).__name__}, not an object"


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, not {type(value).__name__}")
    return value.strip() or None


def _fetched_at(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"fetched_at {value!r} is not an ISO 8601 date or time") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def read_manifest(path: str | os.PathLike) -> Manifest:
    """Entries keyed by `manifest_key` of each row's path. Raises ValueError when the file is
    missing, unreadable, of an unknown suffix, not UTF-8 or has no `path` column."""
    path = os.fspath(path)
    suffix = os.path.splitext(path)[1].lower()
    rows_of = {".csv": _rows_csv, ".jsonl": _rows_jsonl, ".ndjson": _rows_jsonl}.get(suffix)
    if rows_of is None:
        raise ValueError(f"manifest {path}: a manifest is .csv or .jsonl, not {suffix or 'without a suffix'}")
    folder = os.path.dirname(os.path.abspath(path))
    entries: dict[str, ManifestEntry] = {}
    first_line: dict[str, int] = {}
    problems: list[ManifestProblem] = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for line, row in rows_of(fh):
                if isinstance(row, str):
                    problems.append(ManifestProblem(line, row))
                    continue
                try:
                    relative = _text(row, "path")
                    if relative is None:
                        raise ValueError("no path")
                    raw_url = _text(row, "url")
                    url = normalise_url(raw_url)
                    if raw_url and url is None:
                        raise ValueError(f"url {raw_url!r} is not an http(s) URL")
                    entry = ManifestEntry(url, _fetched_at(_text(row, "fetched_at")), _text(row, "outlet"))
                except ValueError as exc:
                    problems.append(ManifestProblem(line, str(exc)))
                    continue
                # written as the name on disk, so not through disk_path as manifest_key does
                key = storable_path(os.path.abspath(os.path.join(folder, relative)))
                if key in first_line:
                    problems.append(ManifestProblem(line, f"{relative} is listed already, on line {first_line[key]}"))
                    continue
                first_line[key] = line
                entries[key] = entry
    except OSError as exc:
        raise ValueError(f"manifest {path} cannot be read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"manifest {path} is not UTF-8 (byte {exc.start})") from exc
    except csv.Error as exc:
        raise ValueError(f"manifest {path} is not valid CSV: {exc}") from exc
    return Manifest(entries, problems)
