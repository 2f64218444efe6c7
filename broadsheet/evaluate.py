"""`broadsheet eval`: score the pipeline's extraction on a labelled corpus.

Corpus format and metric definitions: ../shared/eval/README.md. Body scoring is the
article-extraction-benchmark's 4-token shingle F1 (per-document precision and recall,
averaged, then F1 of the averages), so figures compare with its published table; titles and
outlets are scored by that README's rules (`title_matches`, `outlet_matches`).

The gate (`broadsheet eval --gate`, `tests/integration/test_extraction_floors.py`) checks every
corpus of a JSON baseline (`tests/extraction_floors.json`) against its floors and its digest.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections import Counter, defaultdict
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from broadsheet.extract.outlet import OutletRegistry
from broadsheet.ingest import read_document, source_file
from broadsheet.records import Extraction, RawDocument
from broadsheet.urls import registrable_domain

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

    @property
    def publishable(self) -> Extraction | None:
        """The extraction as the pipeline would publish it: none when it was rejected (the
        page scores as an empty body without a date, as it would be missing from the warehouse)."""
        e = self.extraction
        return e if e is not None and not e.rejected else None


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


def _extract_one(args: tuple[GoldDocument, str | None, frozenset[int], bool]) -> Scored:
    # Imported here: scoring and the gate's bookkeeping do not need the extraction modules.
    from broadsheet.extract import extract_document

    gold, registry_path, template_lines, with_url = args
    registry = OutletRegistry.from_csv(registry_path) if registry_path else OutletRegistry.from_csv()
    source = source_file(gold.path)
    if source is None:
        return Scored(gold, None, "unsupported file type")
    doc = read_document(source)
    if not isinstance(doc, RawDocument):
        return Scored(gold, None, doc.reason)
    # The gold `url` is passed only when asked (`with_url`, as a crawl manifest would give it):
    # seeds have none, and the floors hold without it.
    if with_url and gold.labels.get("url"):
        doc = replace(doc, url=gold.labels["url"])
    return Scored(gold, extract_document(doc, registry, template_lines))


# A development corpus has one or two pages per site, so a line counts as the site's template
# when it is on every other page of the site, however few: the gain measured this way is what
# the warehouse's per-outlet counts give once an outlet has a handful of pages.
_EVAL_TEMPLATE_MIN_DOCS = 1
_EVAL_TEMPLATE_MIN_SHARE = 1.0


def learn_templates_leave_one_out(gold: list[GoldDocument]) -> list[frozenset[int]]:
    """For each document, the template of its site learned from the site's other documents.
    Sites are told apart by the host of the gold `url`, used for grouping only."""
    from broadsheet.extract.templates import count_fingerprints, template_from_counts

    fingerprints: list[frozenset[int]] = []
    for g in gold:
        source = source_file(g.path)
        doc = read_document(source) if source else None
        fingerprints.append(count_fingerprints(doc.text) if isinstance(doc, RawDocument) else frozenset())
    by_site: dict[str, list[int]] = defaultdict(list)
    for index, g in enumerate(gold):
        if g.labels.get("url"):
            by_site[urlsplit(g.labels["url"]).hostname or ""].append(index)
    templates = [frozenset[int]()] * len(gold)
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
    corpus: Path,
    jobs: int | None = None,
    registry_path: str | None = None,
    fingerprints: bool = False,
    pool: Executor | None = None,
    with_urls: bool = False,
) -> list[Scored]:
    """Extract every document of the corpus; `pool` lets several corpora share one set of
    worker processes (the gate), otherwise `jobs` workers are started for this corpus.
    `with_urls`: each document gets its gold `url`, as a crawl manifest would give it."""
    gold = load_gold(corpus)
    jobs = jobs or os.cpu_count() or 1
    templates = learn_templates_leave_one_out(gold) if fingerprints else [frozenset[int]()] * len(gold)
    work = [(g, registry_path, t, with_urls) for g, t in zip(gold, templates)]
    if pool is not None:
        return list(pool.map(_extract_one, work, chunksize=8))
    if jobs == 1:
        return [_extract_one(w) for w in work]
    with ProcessPoolExecutor(jobs) as own_pool:
        return list(own_pool.map(_extract_one, work, chunksize=8))


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
    return s.publishable.body if s.publishable else ""


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
    predicted = {id(s): (s.publishable.published if s.publishable else None) for s in results}
    return DateScore(
        labelled=len(labelled),
        given=sum(1 for s in labelled if predicted[id(s)]),
        correct=sum(1 for s in labelled if predicted[id(s)] == s.gold.published),
        false_on_undated=sum(
            1 for s in results if "published" in s.gold.labels and not s.gold.published and predicted[id(s)]
        ),
    )


def _words(text: str | None) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def title_matches(gold: str, predicted: str | None) -> bool:
    """Right when the `\\w+` tokens, lower-cased, equal the gold headline's: an appended
    "| Outlet" or a section label in front makes a title wrong."""
    return bool(predicted) and _words(predicted) == _words(gold)


def outlet_key(name: str | None) -> str:
    """The `\\w+` characters of a name, lower-cased and joined ("Euronews (DE)" -> "euronewsde")."""
    return "".join(_words(name))


def domain_key(domain: str | None) -> str:
    """The key of a domain or URL without its public suffix: "https://www.dw.com/" -> "dw",
    "bbc.co.uk" -> "bbc", "de.euronews.com" -> "euronews"."""
    if not domain or not domain.strip():
        return ""
    registrable = registrable_domain(domain)
    if registrable:  # one label plus the public suffix
        return outlet_key(registrable.split(".", 1)[0])
    host = urlsplit(domain if "//" in domain else "//" + domain.strip()).hostname or ""
    labels = [label for label in host.split(".") if label and label != "www"]
    return outlet_key(labels[0]) if labels else ""


def _keys_match(predicted: str, gold: str) -> bool:
    if not predicted or not gold:
        return False
    if predicted == gold:
        return True
    return len(predicted) >= 4 and len(gold) >= 4 and (predicted in gold or gold in predicted)


def outlet_matches(gold_name: str | None, gold_domain: str | None, predicted: str | None) -> bool:
    """Right when the predicted name's key equals (or, keys of 4+ characters, contains or is
    contained in) the key of the gold name or of the gold domain without its suffix."""
    key = outlet_key(predicted)
    return any(_keys_match(key, gold) for gold in (outlet_key(gold_name), domain_key(gold_domain)))


@dataclass(frozen=True)
class FieldScore:
    """Title or outlet accuracy: right / labelled documents."""

    labelled: int
    given: int
    right: int

    @property
    def accuracy(self) -> float:
        return self.right / self.labelled if self.labelled else 0.0


def _title_labelled(s: Scored) -> bool:
    # Seeds: a null title with a note means "no headline on the page" (field_matches judges it).
    return bool(s.gold.labels.get("title"))


def _outlet_labelled(s: Scored) -> bool:
    labels = s.gold.labels
    # Seeds: `outlet_in_text: false` means the right answer is no outlet (field_matches judges it).
    return bool(labels.get("outlet") or labels.get("outlet_domain")) and labels.get("outlet_in_text") is not False


def _predicted(s: Scored, name: str) -> str | None:
    return getattr(s.publishable, name) if s.publishable else None


def title_right(s: Scored) -> bool:
    return title_matches(s.gold.labels["title"], _predicted(s, "title"))


def outlet_right(s: Scored) -> bool:
    return outlet_matches(s.gold.labels.get("outlet"), s.gold.labels.get("outlet_domain"), _predicted(s, "outlet"))


def score_titles(results: list[Scored]) -> FieldScore | None:
    labelled = [s for s in results if _title_labelled(s)]
    if not labelled:
        return None
    return FieldScore(
        len(labelled), sum(1 for s in labelled if _predicted(s, "title")), sum(1 for s in labelled if title_right(s))
    )


def score_outlets(results: list[Scored]) -> FieldScore | None:
    labelled = [s for s in results if _outlet_labelled(s)]
    if not labelled:
        return None
    return FieldScore(
        len(labelled), sum(1 for s in labelled if _predicted(s, "outlet")), sum(1 for s in labelled if outlet_right(s))
    )


SEED_FIELDS = ("title", "outlet", "dateline", "wire", "language")


def _seed_style(results: list[Scored]) -> bool:
    """A corpus labelling every field (seeds-gold.jsonl), not only title and outlet (news)."""
    return any(all(name in s.gold.labels for name in SEED_FIELDS) for s in results)


def field_matches(s: Scored) -> dict[str, bool]:
    """Seed-style corpora label every field; compare each one exactly (null must be null)."""
    e = s.publishable
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
    rejected = [s for s in results if s.extraction and s.extraction.rejected]
    if rejected:
        codes = Counter(s.extraction.rejected.partition(":")[0] for s in rejected)
        out.append(
            f"  rejected: {len(rejected)} ({', '.join(f'{code} {n}' for code, n in sorted(codes.items()))};"
            " scored as empty body, no date)"
        )
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
    for label, score in (("title ", score_titles(results)), ("outlet", score_outlets(results))):
        if score:
            out.append(
                f"  {label} accuracy {score.accuracy:.3f}  ({score.right}/{score.labelled} right,"
                f" {score.given} given)"
            )
    if _seed_style(results):
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
    rejected = [s for s in results if s.extraction and s.extraction.rejected]
    if rejected:
        lines.append(f"  rejected ({len(rejected)}), first {n}:")
        for s in rejected[:n]:
            lines.append(f"    {s.gold.id}  {s.extraction.rejected}  {s.gold.path}")
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
        and (s.publishable.published if s.publishable else None) != s.gold.published
    ]
    if wrong_dates:
        # Wrong dates first (worse than none), then missed ones.
        wrong_dates.sort(key=lambda s: (s.publishable is None or s.publishable.published is None))
        lines.append(f"  dates not matching ({len(wrong_dates)}), first {n}:")
        for s in wrong_dates[:n]:
            e = s.publishable
            lines.append(
                f"    {s.gold.id}  expected {s.gold.published}  produced {e.published if e else None}"
                f"  [{e.published_kind if e else '-'}] {_clip(e.published_evidence if e else s.error, 90)}"
            )
    for key, labelled, right in (("title", _title_labelled, title_right), ("outlet", _outlet_labelled, outlet_right)):
        wrong = [s for s in results if labelled(s) and not right(s)]
        if wrong:
            lines.append(f"  {key}s not matching ({len(wrong)}), first {n}:")
            for s in wrong[:n]:
                expected = s.gold.labels.get(key) or s.gold.labels.get("outlet_domain")
                got = _predicted(s, key)
                lines.append(f"    {s.gold.id}  expected {_clip(expected, 90)!r}  got {_clip(got, 90)!r}")
    seed_style = _seed_style(results)
    mismatched = [(s, [k for k, ok in field_matches(s).items() if not ok]) for s in results] if seed_style else []
    mismatched = [(s, bad) for s, bad in mismatched if bad]
    if mismatched:
        lines.append("  field mismatches:")
        for s, bad in mismatched[:n]:
            for name in bad:
                got = getattr(s.publishable, name, None) if s.publishable else None
                lines.append(f"    {s.gold.id} {name}: expected {s.gold.labels.get(name)!r} got {got!r}")
    return "\n".join(lines)


# --- The gate: floors per corpus in a JSON baseline, with a digest of each corpus -----------

DEFAULT_BASELINE = PROJECT_ROOT / "tests" / "extraction_floors.json"
# Floor = measured − margin, rounded down to 3 decimals. Exact metrics carry no margin; outlet
# accuracy starts at its measured value (near 0 until outlets are matched on news pages).
DEFAULT_MARGINS = {"default": 0.01, "fields_exact": 0.0, "outlet_accuracy": 0.0}
_EPSILON = 1e-9


def measure(results: list[Scored]) -> dict[str, float]:
    """The gated metrics a corpus's labels allow, rounded to 4 decimals."""
    metrics: dict[str, float] = {}
    if bodies := score_bodies(results):
        metrics["body_f1"] = bodies.f1
    if dates := score_dates(results):
        metrics["date_accuracy"] = dates.accuracy
        metrics["date_precision"] = dates.precision
    if titles := score_titles(results):
        metrics["title_accuracy"] = titles.accuracy
    if outlets := score_outlets(results):
        metrics["outlet_accuracy"] = outlets.accuracy
    if _seed_style(results):
        metrics["fields_exact"] = sum(1 for s in results if all(field_matches(s).values())) / len(results)
    return {name: round(value, 4) for name, value in metrics.items()}


def corpus_digest(corpus: Path) -> str:
    """sha256 over the gold file and every document it names, in the order of their names
    (each entry as name, length, bytes). A document that is missing raises FileNotFoundError."""
    gold_file = corpus / "gold.jsonl" if corpus.is_dir() else corpus
    digest = hashlib.sha256()

    def add(name: str, data: bytes) -> None:
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)

    add(gold_file.name, gold_file.read_bytes())
    for name, path in sorted({(g.labels["file"], g.path) for g in load_gold(corpus)}):
        add(name, path.read_bytes())
    return "sha256:" + digest.hexdigest()


@dataclass(frozen=True)
class Measurement:
    """One corpus of the baseline as found now: None fields when it is missing or incomplete."""

    corpus: str  # as written in the baseline
    path: Path
    digest: str | None = None
    documents: int = 0
    metrics: dict[str, float] = field(default_factory=dict)
    problem: str | None = None  # why it could not be measured
    results: list[Scored] = field(default_factory=list, repr=False)


def load_baseline(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        baseline = json.load(fh)
    if not isinstance(baseline.get("corpora"), list):
        raise ValueError(f"{path}: no 'corpora' list")
    return baseline


def measure_corpus(
    corpus: str, root: Path = PROJECT_ROOT, jobs: int | None = None, pool: Executor | None = None
) -> Measurement:
    path = (root / corpus).resolve()
    if not path.exists():
        return Measurement(corpus, path, problem=f"missing: {path} does not exist")
    try:
        digest = corpus_digest(path)
    except FileNotFoundError as exc:
        return Measurement(corpus, path, problem=f"incomplete: {exc.filename} does not exist")
    results = run_corpus(path, jobs=jobs, pool=pool)
    return Measurement(corpus, path, digest, len(results), measure(results), results=results)


def measure_baseline(
    baseline: dict, root: Path = PROJECT_ROOT, jobs: int | None = None, only: list[str] | None = None
) -> list[Measurement]:
    """Measure every corpus of the baseline (or those named in `only`), sharing one pool of
    worker processes across corpora."""
    corpora = [entry["corpus"] for entry in baseline["corpora"]]
    corpora += [c for c in only or [] if c not in corpora]
    if only is not None:
        corpora = [c for c in corpora if c in only]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1:
        return [measure_corpus(c, root, jobs=1) for c in corpora]
    with ProcessPoolExecutor(jobs) as pool:
        return [measure_corpus(c, root, pool=pool) for c in corpora]


def gate_failures(baseline: dict, measured: list[Measurement]) -> list[str]:
    """One line per failure: a corpus missing or changed (digest), a metric under its floor or
    no longer measured. An empty list passes."""
    by_corpus = {m.corpus: m for m in measured}
    failures = []
    for entry in baseline["corpora"]:
        name = entry["corpus"]
        m = by_corpus.get(name)
        if m is None:
            failures.append(f"{name}: not measured")
            continue
        if m.problem:
            failures.append(f"{name}: {m.problem}")
            continue
        if m.digest != entry.get("digest"):
            failures.append(
                f"{name}: corpus changed (digest {m.digest[:19]}…, baseline {str(entry.get('digest'))[:19]}…);"
                " re-set its floors consciously with --update-floors"
            )
        for metric, floor in sorted(entry.get("floors", {}).items()):
            value = m.metrics.get(metric)
            if value is None:
                failures.append(f"{name}: {metric} not measured (floor {floor:.3f})")
            elif value < floor - _EPSILON:
                failures.append(f"{name}: {metric} {value:.4f} under its floor {floor:.3f}")
    return failures


def _floor(value: float, margin: float) -> float:
    return max(0.0, math.floor((value - margin) * 1000 + 1e-6) / 1000)


def updated_baseline(
    baseline: dict, measured: list[Measurement], allow_lower: bool = False
) -> tuple[dict, list[str], list[str]]:
    """The baseline with floors re-set from the measurements (floor = measured − margin) and
    digests updated, the changes made, and the refusals. A floor is never lowered without
    `allow_lower`: where measured − margin is under the old floor but the measured value still
    meets it, the old floor is kept; where the measured value is under it, the update is
    refused. Raising is always allowed. Any refusal means nothing may be written."""
    margins = {**DEFAULT_MARGINS, **baseline.get("margins", {})}
    by_corpus = {m.corpus: m for m in measured}
    entries = {entry["corpus"]: entry for entry in baseline["corpora"]}
    order = list(entries) + [m.corpus for m in measured if m.corpus not in entries]
    corpora, changes, refusals = [], [], []
    for name in order:
        old = entries.get(name, {"corpus": name})
        m = by_corpus.get(name)
        if m is None:  # not asked for: kept as it is
            corpora.append(old)
            continue
        if m.problem:
            refusals.append(f"{name}: {m.problem}; cannot set its floors")
            corpora.append(old)
            continue
        old_floors = old.get("floors", {})
        floors = {}
        for metric, value in m.metrics.items():
            new = _floor(value, margins.get(metric, margins["default"]))
            previous = old_floors.get(metric)
            if previous is not None and new < previous and not allow_lower:
                if value < previous - _EPSILON:
                    refusals.append(
                        f"{name}: {metric} measured {value:.4f} is under its floor {previous:.3f};"
                        " lowering it needs --allow-lower"
                    )
                new = previous
            if previous is None or abs(new - previous) > _EPSILON:
                was = "none" if previous is None else f"{previous:.3f}"
                changes.append(f"{name}: {metric} floor {was} -> {new:.3f}")
            floors[metric] = new
        for metric, previous in old_floors.items():
            if metric not in floors:
                if allow_lower:
                    changes.append(f"{name}: {metric} floor {previous:.3f} dropped (no longer measured)")
                else:
                    refusals.append(f"{name}: {metric} no longer measured; dropping its floor needs --allow-lower")
                    floors[metric] = previous
        if m.digest != old.get("digest"):
            changes.append(f"{name}: digest -> {m.digest}")
        corpora.append(
            {
                "corpus": name,
                "digest": m.digest,
                "documents": m.documents,
                "measured": dict(sorted(m.metrics.items())),
                "floors": dict(sorted(floors.items())),
            }
        )
    new_baseline = {**baseline, "margins": margins, "corpora": corpora}
    return new_baseline, changes, refusals


def write_baseline(path: Path, baseline: dict) -> None:
    """Written whole to a temporary file beside it, then renamed over it."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(baseline, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def gate_report(measured: list[Measurement]) -> str:
    lines = []
    for m in measured:
        if m.problem:
            lines.append(f"{m.corpus}: {m.problem}")
        else:
            figures = "  ".join(f"{k} {v:.3f}" for k, v in sorted(m.metrics.items()))
            lines.append(f"{m.corpus} ({m.documents} documents): {figures}")
    return "\n".join(lines)
