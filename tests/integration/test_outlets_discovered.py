"""Discovered outlets end to end: a run over news pages of outlets the registry lacks lists them
(`broadsheet outlets`), `outlets promote NAME` appends a registry row, and the next run matches
another page of that outlet from the registry."""

import csv
import json
import shutil
from collections import defaultdict

import duckdb
import pytest

from broadsheet.cli import main
from broadsheet.evaluate import load_gold
from broadsheet.extract import extract_document
from broadsheet.ingest import read_document, source_file
from broadsheet.outlets import DEFAULT_REGISTRY, OutletRegistry
from broadsheet.urls import registrable_domain
from flows.news_pipeline import news_pipeline
from tests.conftest import SHARED_EVAL


def _outlet(path) -> str | None:
    return extract_document(read_document(source_file(path)), OutletRegistry.from_csv()).outlet


@pytest.fixture(scope="module")
def pages():
    """Two pages of one site that name the same outlet, and two pages of two other sites."""
    by_site = defaultdict(list)
    for gold in load_gold(SHARED_EVAL / "news-html"):
        by_site[registrable_domain(gold.labels["url"])].append(gold.path)
    for paths in by_site.values():
        if len(paths) >= 2 and _outlet(paths[0]) and _outlet(paths[0]) == _outlet(paths[1]):
            others = [p[0] for p in by_site.values() if p is not paths][:2]
            return paths[0], paths[1], others
    pytest.fail("no site with two pages naming the same outlet")


def _outlets(capsys, db, *more) -> list[dict]:
    capsys.readouterr()
    assert main(["outlets", "--warehouse", str(db), "--format", "json", *more]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_discovered_outlet_is_listed_promoted_and_then_matched_from_the_registry(tmp_path, pages, capsys):
    first, second, others = pages
    registry = tmp_path / "outlets.csv"
    shutil.copy(DEFAULT_REGISTRY, registry)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in (first, *others):
        shutil.copy(path, inbox / path.name)
    db = tmp_path / "wh.duckdb"
    news_pipeline(inputs=[str(inbox)], warehouse=str(db), registry=str(registry))

    listed = _outlets(capsys, db)
    name = _outlet(first)
    assert {row["name"] for row in listed} >= {name}
    row = next(r for r in listed if r["name"] == name)
    assert row["pages"] == 1 and row["domain"] == registrable_domain(row["domain"]) and row["evidence"]
    assert sum(r["pages"] for r in listed) == 3

    capsys.readouterr()
    assert main(["outlets", "promote", name, "--warehouse", str(db), "--registry", str(registry)]) == 0
    rows = list(csv.DictReader(registry.open(encoding="utf-8")))
    added = rows[-1]
    assert added["name"] == name and row["domain"] in added["domains"].split("|")
    assert added["country"] == added["language"] == added["founded"] == ""
    assert OutletRegistry.from_csv(registry).match_name(name)  # the reader takes the empty fields
    # A second promotion of the same name is refused (exit 2, one line), the file unchanged.
    assert main(["outlets", "promote", name, "--warehouse", str(db), "--registry", str(registry)]) == 2
    assert len(list(csv.DictReader(registry.open(encoding="utf-8")))) == len(rows)

    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(second, later / second.name)
    news_pipeline(inputs=[str(later)], warehouse=str(db), registry=str(registry))
    with duckdb.connect(str(db), read_only=True) as con:
        outlet, source = con.execute(
            "SELECT outlet, outlet_source FROM articles WHERE path LIKE ?", [f"%{second.name}"]
        ).fetchone()
    assert (outlet, source) == (name, "registry")
    assert name not in {r["name"] for r in _outlets(capsys, db)}  # promoted: no longer discovered
