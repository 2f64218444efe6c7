"""`broadsheet eval`: score the pipeline's extraction on a labelled corpus.

Corpus format and metric definitions: ../shared/eval/README.md. Body scoring is the
article-extraction-benchmark's 4-token shingle F1 (per-document precision and recall,
averaged, then F1 of the averages), so figures compare with its published table.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from broadsheet.extract import extract_document
from broadsheet.fingerprints import count_fingerprints, template_from_counts
from broadsheet.ingest import read_document, source_file
from broadsheet.outlets import OutletRegistry
from broadsheet.records import Extraction, RawDocument

_TOKEN = re.compile(r"\w+")
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_tp_fp_fn(gold: str, predicted: str) -> tuple[float, float, float]:
    """Shared, extra and missing shingles, normalised to sum 1 (the benchmark's definition)."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_precision_recall(gold: str, predicted: str) -> tuple[float, float]:
    tp, fp, fn = shingle_tp_fp_fn(gold, predicted)
    if fp == fn == 0:
        return 1.0, 1.0
    precision = 0.0 if tp == fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return precision, recall


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def body_f1(gold: str, predicted: str) -> float:
    return f1(*shingle_precision_recall(gold, predicted))


@dataclass(frozen=True)
class GoldDocument:
    id: str
    path: Path
    published: date | None
    body: str | None
    labels: dict  # every field of the gold line, for seed-style corpora


@dataclass(frozen=True)
class Scored:
    gold: GoldDocument
    extraction: Extraction | None
    error: str | None = None


def load_gold(corpus: Path) -> list[GoldDocument]:
    """A corpus folder (gold.jsonl + documents) or a gold .jsonl whose paths are relative to
    the project root (as seeds-gold.jsonl's `seeds/...` paths are)."""
    gold_file = corpus / "gold.jsonl" if corpus.is_dir() else corpus
    base = corpus if corpus.is_dir() else PROJECT_ROOT
    docs = []
    with open(gold_file, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            published = date.fromisoformat(row["published"]) if row.get("published") else None
            docs.append(GoldDocument(row["id"], base / row["file"], published, row.get("body"), row))
    return docs


def _extract_one(args: tuple[GoldDocument, str | None, frozenset[str]]) -> Scored:
    gold, registry_path, template_lines = args
    registry = OutletRegistry.from_csv(registry_path) if registry_path else OutletRegistry.from_csv()
    source = source_file(gold.path)
    if source is None:
        return Scored(gold, None, "unsupported file type")
    doc = read_document(source)
    if not isinstance(doc, RawDocument):
        return Scored(gold, None, doc.reason)
    # The gold `url` is deliberately not passed: seeds have none and floors hold without it.
    return Scored(gold, extract_document(doc, registry, template_lines))


# A development corpus has one or two pages per site, so a line counts as the site's template
# when it is on every other page of the site, however few: the gain measured this way is what
# the warehouse's per-outlet counts give once an outlet has a handful of pages.
_EVAL_TEMPLATE_MIN_DOCS = 1
_EVAL_TEMPLATE_MIN_SHARE = 1.0


def learn_templates_leave_one_out(gold: list[GoldDocument]) -> list[frozenset[str]]:
    """For each document, the template of its site learned from the site's other documents.
    Sites are told apart by the host of the gold `url`, used for grouping only."""
    fingerprints: list[set[str]] = []
    for g in gold:
        source = source_file(g.path)
        doc = read_document(source) if source else None
        fingerprints.append(count_fingerprints(doc.text) if isinstance(doc, RawDocument) else set())
    by_site: dict[str, list[int]] = defaultdict(list)
    for index, g in enumerate(gold):
        if g.labels.get("url"):
            by_site[urlsplit(g.labels["url"]).hostname or ""].append(index)
    templates = [frozenset[str]()] * len(gold)
    for members in by_site.values():
        for index in members:
            others = [fingerprints[m] for m in members if m != index]
            if others:
                counts = Counter(fp for page in others for fp in page)
                templates[index] = template_from_counts(
                    counts, len(others), _EVAL_TEMPLATE_MIN_DOCS, _EVAL_TEMPLATE_MIN_SHARE
                )
    return templates


def run_corpus(
    corpus: Path, jobs: int | None = None, registry_path: str | None = None, fingerprints: bool = False
) -> list[Scored]:
    gold = load_gold(corpus)
    jobs = jobs or os.cpu_count() or 1
    templates = learn_templates_leave_one_out(gold) if fingerprints else [frozenset[str]()] * len(gold)
    work = [(g, registry_path, t) for g, t in zip(gold, templates)]
    if jobs == 1:
        return [_extract_one(w) for w in work]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_extract_one, work, chunksize=8))


@dataclass(frozen=True)
class BodyScore:
    documents: int
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass(frozen=True)
class DateScore:
    labelled: int
    given: int
    correct: int
    false_on_undated: int  # a date given where the gold says the page has none

    @property
    def accuracy(self) -> float:
        return self.correct / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.given if self.given else 0.0

    @property
    def coverage(self) -> float:
        return self.given / self.labelled if self.labelled else 0.0


def _predicted_body(s: Scored) -> str:
    return s.extraction.body if s.extraction else ""


def score_bodies(results: list[Scored]) -> BodyScore | None:
    pairs = [shingle_precision_recall(s.gold.body, _predicted_body(s)) for s in results if s.gold.body]
    if not pairs:
        return None
    return BodyScore(
        len(pairs), sum(p for p, _ in pairs) / len(pairs), sum(r for _, r in pairs) / len(pairs)
    )


def score_dates(results: list[Scored]) -> DateScore | None:
    # Body corpora carry `published: null` everywhere: unlabelled, not "undated".
    if not any(s.gold.published for s in results):
        return None
    labelled = [s for s in results if s.gold.published]
    predicted = {id(s): (s.extraction.published if s.extraction else None) for s in results}
    return DateScore(
        labelled=len(labelled),
        given=sum(1 for s in labelled if predicted[id(s)]),
        correct=sum(1 for s in labelled if predicted[id(s)] == s.gold.published),
        false_on_undated=sum(
            1 for s in results if "published" in s.gold.labels and not s.gold.published and predicted[id(s)]
        ),
    )


SEED_FIELDS = ("title", "outlet", "dateline", "wire", "language")


def field_matches(s: Scored) -> dict[str, bool]:
    """Seed-style corpora label every field; compare each one exactly (null must be null)."""
    e = s.extraction
    out = {}
    for name in SEED_FIELDS:
        if name in s.gold.labels:
            expected = s.gold.labels[name]
            got = getattr(e, name) if e else None
            ok = got == expected
            if name == "title" and expected is None and s.gold.labels.get("title_note"):
                ok = got is None or (got in (e.body if e else ""))  # standfirst accepted
            if name == "outlet" and s.gold.labels.get("outlet_in_text") is False:
                ok = got is None  # the page never names its outlet: naming one would be a guess
            out[name] = ok
    if "published" in s.gold.labels:
        out["published"] = (e.published if e else None) == s.gold.published
    return out


def _clip(text: str | None, width: int = 160) -> str:
    if text is None:
        return "null"
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def report(corpus: Path, results: list[Scored], details: int = 0) -> str:
    out = [f"corpus {corpus} — {len(results)} documents"]
    errors = [s for s in results if s.error]
    if errors:
        out.append(f"  unreadable: {len(errors)} ({'; '.join(f'{s.gold.id}: {s.error}' for s in errors[:5])})")
    bodies = score_bodies(results)
    if bodies:
        out.append(
            f"  body   F1 {bodies.f1:.3f}  precision {bodies.precision:.3f}  recall {bodies.recall:.3f}"
            f"  ({bodies.documents} documents)"
        )
    dates = score_dates(results)
    if dates:
        out.append(
            f"  date   accuracy {dates.accuracy:.3f}  precision {dates.precision:.3f}  coverage {dates.coverage:.3f}"
            f"  ({dates.correct}/{dates.labelled} correct, {dates.given} dated"
            f", {dates.false_on_undated} dated although the page has no date)"
        )
    if any(set(SEED_FIELDS) & set(s.gold.labels) for s in results):
        per_field: dict[str, list[bool]] = {}
        for s in results:
            for name, ok in field_matches(s).items():
                per_field.setdefault(name, []).append(ok)
        out.append(
            "  fields " + "  ".join(f"{n} {sum(v)}/{len(v)}" for n, v in per_field.items())
        )
    if details:
        out.append(_details(results, details))
    return "\n".join(out)


def _details(results: list[Scored], n: int) -> str:
    lines = []
    scored_bodies = sorted(
        ((body_f1(s.gold.body, _predicted_body(s)), s) for s in results if s.gold.body),
        key=lambda pair: pair[0],
    )
    if scored_bodies:
        lines.append(f"  worst {n} bodies:")
        for score, s in scored_bodies[:n]:
            p, r = shingle_precision_recall(s.gold.body, _predicted_body(s))
            lines.append(f"    {s.gold.id}  F1 {score:.3f} (P {p:.2f} R {r:.2f})  {s.gold.path}")
            lines.append(f"      expected: {_clip(s.gold.body)}")
            lines.append(f"      produced: {_clip(_predicted_body(s))}")
    wrong_dates = [
        s
        for s in results
        if "published" in s.gold.labels
        and (s.extraction.published if s.extraction else None) != s.gold.published
    ]
    if wrong_dates:
        # Wrong dates first (worse than none), then missed ones.
        wrong_dates.sort(key=lambda s: (s.extraction is None or s.extraction.published is None))
        lines.append(f"  dates not matching ({len(wrong_dates)}), first {n}:")
        for s in wrong_dates[:n]:
            e = s.extraction
            lines.append(
                f"    {s.gold.id}  expected {s.gold.published}  produced {e.published if e else None}"
                f"  [{e.published_kind if e else '-'}] {_clip(e.published_evidence if e else s.error, 90)}"
            )
    mismatched = [(s, [k for k, ok in field_matches(s).items() if not ok]) for s in results]
    mismatched = [(s, bad) for s, bad in mismatched if bad]
    if mismatched:
        lines.append("  field mismatches:")
        for s, bad in mismatched[:n]:
            for name in bad:
                got = getattr(s.extraction, name, None) if s.extraction else None
                lines.append(f"    {s.gold.id} {name}: expected {s.gold.labels.get(name)!r} got {got!r}")
    return "\n".join(lines)
