"""How does the text path hold up when the dumps come from a different text renderer?

Usage: .venv/bin/python benchmarks/renderer_shift.py [--renderers w3m-100,lynx,...] [--worst 5]
           [--probes unwrap,unwrap+markers] [--limit N]
Findings and figures: docs/renderer-shift.md.

The development dumps in ../shared/eval/{bodies,dates}-text were made by one text browser
(w3m, unwrapped: bullets "•"/"□", "[ ]" form fields, one line per paragraph). The project is
also measured on dumps from other renderers, so this re-renders the HTML of
../shared/eval/{bodies,dates}-html with other renderers, runs exactly `extract_document` on
each dump as a `format="text"` RawDocument, and scores it with broadsheet.evaluate:

  original       the shipped dumps (the figures `broadsheet eval` prints)
  w3m-100        w3m hard-wrapped at 100 columns (same markers, wrapped paragraphs)
  lynx           lynx -nolist: "*"/"+"/"o"/"#" bullets, 3-space indents, wrapped at 100
  lynx-refs      lynx with its link list: "[12]" before every link, a References footer
  html2text      Markdown: "* " bullets, "[text](url)", "![alt](src)", "#" headings, "**"
  inscriptis     layout-preserving: tables as aligned columns, "* " bullets, no wrapping

A renderer that is not installed is skipped with a message (this is a benchmark, not a test).
Debian: `apt-get install w3m lynx`; PyPI: `pip install --target /tmp/rs-pylib html2text
inscriptis` (outside the project's environment; the folder is taken from
$RENDERER_PYLIB, default /tmp/rs-pylib). Renders are cached under $RENDER_CACHE
(default /tmp/broadsheet-renders; delete it after changing a renderer's options or the HTML
path, whose title and language are cached there too); per-document results go to that folder
as JSON (results-<renderer>.json), for looking at the worst documents.

Seed-style fields are measured against the HTML path: the title against trafilatura's
<title>-based title of the same page (casefolded word tokens equal, or the same headline by
`title_text.similar_titles`), the language against `detect_language` of the HTML body.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadsheet.evaluate import (  # noqa: E402
    DateScore,
    GoldDocument,
    Scored,
    body_f1,
    load_gold,
    score_bodies,
    score_dates,
    shingle_precision_recall,
)
from broadsheet.extract import extract_document  # noqa: E402
from broadsheet.extract.title_text import similar_titles  # noqa: E402
from broadsheet.ingest import decode  # noqa: E402
from broadsheet.extract.outlet import OutletRegistry  # noqa: E402
from broadsheet.records import RawDocument  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
CACHE = Path(os.environ.get("RENDER_CACHE", "/tmp/broadsheet-renders"))
PYLIB = os.environ.get("RENDERER_PYLIB", "/tmp/rs-pylib")
CORPORA = {"bodies": ("bodies-html", "bodies-text"), "dates": ("dates-html", "dates-text")}
WIDTH = 100
TIMEOUT = 60

_META_CHARSET = re.compile(rb"""(<meta[^>]*?charset\s*=\s*["']?)[\w:.-]+""", re.IGNORECASE)


def _utf8_html(raw: bytes) -> bytes:
    """The page as UTF-8 whatever it was, its charset declarations saying so, so that every
    renderer reads the same characters (decoded as the project's ingest decodes)."""
    text, _ = decode(raw, "html")
    return _META_CHARSET.sub(rb"\1utf-8", text.encode("utf-8"))


def _run(argv: list[str], html: bytes) -> str:
    out = subprocess.run(argv, input=html, capture_output=True, timeout=TIMEOUT, check=False)
    return out.stdout.decode("utf-8", errors="replace")


def _w3m(html: bytes) -> str:
    return _run(["w3m", "-dump", "-T", "text/html", "-cols", str(WIDTH), "-I", "UTF-8", "-O", "UTF-8"], html)


def _lynx(html: bytes, refs: bool = False) -> str:
    argv = ["lynx", "-dump", "-force_html", f"-width={WIDTH}", "-display_charset=utf-8",
            "-assume_charset=utf-8", "-stdin"]
    if not refs:
        argv.insert(2, "-nolist")
    return _run(argv, html)


def _html2text(html: bytes) -> str:
    import html2text

    h = html2text.HTML2Text()
    h.unicode_snob = True
    h.body_width = WIDTH
    return h.handle(html.decode("utf-8"))


def _inscriptis(html: bytes) -> str:
    from inscriptis import get_text

    return get_text(html.decode("utf-8"))


def _has_module(name: str) -> bool:
    if PYLIB not in sys.path and os.path.isdir(PYLIB):
        sys.path.append(PYLIB)  # after the project's own packages: theirs win
    try:
        __import__(name)
        return True
    except ImportError:
        return False


@dataclass(frozen=True)
class Renderer:
    name: str
    render: object  # bytes -> str
    available: object  # () -> bool
    how: str


RENDERERS = {
    "w3m-100": Renderer("w3m-100", _w3m, lambda: bool(shutil.which("w3m")), "apt-get install w3m"),
    "lynx": Renderer("lynx", _lynx, lambda: bool(shutil.which("lynx")), "apt-get install lynx"),
    "lynx-refs": Renderer("lynx-refs", lambda h: _lynx(h, refs=True), lambda: bool(shutil.which("lynx")),
                          "apt-get install lynx"),
    "html2text": Renderer("html2text", _html2text, lambda: _has_module("html2text"),
                          f"pip install --target {PYLIB} html2text"),
    "inscriptis": Renderer("inscriptis", _inscriptis, lambda: _has_module("inscriptis"),
                           f"pip install --target {PYLIB} inscriptis"),
}


# --- probes: what a general fix would buy -----------------------------------------------
# Not part of the product: transforms applied to a render before `extract_document`, to
# measure how much of a renderer's loss one general signal explains. "+unwrap" joins
# hard-wrapped paragraphs with a width estimate that survives overlong lines; "+markers"
# drops renderer markup (lynx "[12]" link numbers and References footer, Markdown links,
# images, emphasis, escapes and heading marks).

_TABLE_GAP = re.compile(r"\S\s{3,}\S")
_LIST_START = re.compile(r"^\s*(?:[*+#•◦▪□☆o-]|\d{1,3}[.)])\s")


def _cells(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two terminal cells."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def estimate_width(lines: list[str]) -> int:
    """The wrap column: the longest length that at least 3 other lines nearly reach, among
    lines that are not table rows and hold no overlong token (URLs overflow any width)."""
    lengths = sorted(
        (_cells(line.rstrip()) for line in lines
         if line.strip() and not _TABLE_GAP.search(line.strip()) and max(map(len, line.split())) <= 30),
        reverse=True,
    )
    for i, n in enumerate(lengths):
        if 40 <= n <= 200 and sum(1 for m in lengths[i : i + 40] if m >= n - 8) >= 4:
            return n
    return 0


def probe_unwrap(text: str, slack: int = 4) -> str:
    lines = text.splitlines()
    width = estimate_width(lines)
    if not width:
        return text
    out: list[str] = []
    previous = ""
    for line in lines:
        stripped = line.strip()
        if (previous and stripped and not _LIST_START.match(line)
                and _cells(previous.rstrip()) + 1 + _cells(stripped.split()[0]) > width - slack):
            out[-1] += " " + stripped
        else:
            out.append(line.rstrip())
        previous = line if stripped else ""
    return "\n".join(out)


_LYNX_REF = re.compile(r"\[\d+\]")
_LYNX_FOOTER = re.compile(r"^\s*(?:References|Visible links:?|Hidden links:?)\s*$")
_NUMBERED_URL = re.compile(r"^\s*\d+\.\s+\S+:\S*$")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_MD_EMPHASIS = re.compile(r"\*\*|(?<!_)__(?!_)")
_MD_HEADING = re.compile(r"^(\s*)#{1,6}\s+")


def probe_markers(text: str) -> str:
    out = []
    for line in text.splitlines():
        if _LYNX_FOOTER.match(line) or _NUMBERED_URL.match(line):
            continue
        line = _LYNX_REF.sub("", line)
        line = _MD_IMAGE.sub(lambda m: f"[{m.group(1)}]", line)
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        line = _MD_ESCAPE.sub(r"\1", line)
        line = _MD_EMPHASIS.sub("", line)
        out.append(_MD_HEADING.sub(r"\1", line))
    return "\n".join(out)


PROBES = {"unwrap": probe_unwrap, "markers": probe_markers}


# --- work items (run in worker processes) -----------------------------------------------

_registry: OutletRegistry | None = None


def _reg() -> OutletRegistry:
    global _registry
    if _registry is None:
        _registry = OutletRegistry.from_csv()
    return _registry


def _cached_render(renderer: str, corpus: str, gold: GoldDocument) -> str:
    path = CACHE / renderer / corpus / f"{gold.id}.txt"
    if path.exists():
        return path.read_text(encoding="utf-8")
    RENDERERS[renderer].available()  # puts PYLIB on sys.path in this worker
    html = _utf8_html(gzip.decompress(gold.path.read_bytes()))
    try:
        text = RENDERERS[renderer].render(html)
    except subprocess.TimeoutExpired:
        text = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return text


def _html_reference(corpus: str, gold: GoldDocument) -> dict:
    """Title and language the HTML path finds (trafilatura), cached."""
    path = CACHE / "html-reference" / corpus / f"{gold.id}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    from datetime import date

    from broadsheet.extract.html import read_html
    from broadsheet.extract.language import detect_language

    text, _ = decode(gzip.decompress(gold.path.read_bytes()), "html")
    try:
        page = read_html(text, date.today())
        ref = {"title": page.title, "language": detect_language(page.body.body)}
    except Exception as exc:  # noqa: BLE001 - a reference we cannot make is left out
        ref = {"title": None, "language": None, "error": repr(exc)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ref), encoding="utf-8")
    return ref


def _one(args: tuple[str, str, GoldDocument, GoldDocument]) -> dict:
    renderer, corpus, html_gold, text_gold = args
    if renderer == "original":
        text, _ = decode(text_gold.path.read_bytes(), "text")
        path = str(text_gold.path)
    else:
        base, *probes = renderer.split("+")
        text = _cached_render(base, corpus, html_gold)
        for probe in probes:
            text = PROBES[probe](text)
        path = str(CACHE / base / corpus / f"{html_gold.id}.txt")
    ref = _html_reference(corpus, html_gold)
    data = text.encode("utf-8")
    row = {"id": html_gold.id, "path": path, "ref_title": ref["title"], "ref_language": ref["language"]}
    if not text.strip():
        return {**row, "error": "empty render"}
    doc = RawDocument.of_text(path, hashlib.sha256(data).hexdigest(), len(data), "text", "utf-8", text)
    try:
        e = extract_document(doc, _reg())
    except Exception as exc:  # noqa: BLE001 - a crash is a finding, not the end of the run
        return {**row, "error": f"{type(exc).__name__}: {exc}"}
    return {
        **row,
        "body": e.body,
        "published": e.published.isoformat() if e.published else None,
        "published_kind": e.published_kind,
        "published_evidence": e.published_evidence,
        "title": e.title,
        "language": e.language,
        "dateline": e.dateline,
        "wire": e.wire,
        "removed": e.removed_counts,
        "rejected": e.rejected,
    }


# --- scoring ----------------------------------------------------------------------------


def _norm_title(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def title_agrees(got: str | None, ref: str | None) -> tuple[bool, bool]:
    """(same words, same headline) for a text-path title against the HTML one."""
    if not got or not ref:
        return False, False
    a, b = _norm_title(got), _norm_title(ref)
    return a == b, a == b or similar_titles(got, ref)


@dataclass
class Result:
    renderer: str
    bodies: object | None = None  # BodyScore
    dates: DateScore | None = None
    titles: tuple[int, int, int, int] = (0, 0, 0, 0)  # reference titles, given, exact, similar
    languages: tuple[int, int] = (0, 0)  # reference languages, agreeing
    errors: int = 0
    seconds: float = 0.0


class _Ext:
    """Just enough of an Extraction for evaluate.score_*."""

    def __init__(self, row: dict):
        from datetime import date

        self.body = row.get("body") or ""
        self.published = date.fromisoformat(row["published"]) if row.get("published") else None
        self.rejected = row.get("rejected")


def score(renderer: str, rows: dict[str, list[tuple[GoldDocument, dict]]], seconds: float) -> Result:
    res = Result(renderer, seconds=seconds)
    titles = [0, 0, 0, 0]
    langs = [0, 0]
    for corpus, pairs in rows.items():
        scored = [Scored(g, None if "error" in r else _Ext(r), r.get("error")) for g, r in pairs]
        res.errors += sum(1 for _, r in pairs if "error" in r)
        if corpus == "bodies":
            res.bodies = score_bodies(scored)
        else:
            res.dates = score_dates(scored)
        for _, r in pairs:
            if r.get("ref_title"):
                titles[0] += 1
                titles[1] += bool(r.get("title"))
                exact, similar = title_agrees(r.get("title"), r["ref_title"])
                titles[2] += exact
                titles[3] += similar
            if r.get("ref_language"):
                langs[0] += 1
                langs[1] += r.get("language") == r["ref_language"]
    res.titles = tuple(titles)
    res.languages = tuple(langs)
    return res


def same_as_original(rows, base_rows, field: str) -> str:
    """Of the documents where the original dump gave `field`, the share given the same value."""
    base = {r["id"]: r.get(field) for pairs in base_rows.values() for _, r in pairs}
    found = [(base[r["id"]], r.get(field)) for pairs in rows.values() for _, r in pairs if base.get(r["id"])]
    return f"{sum(a == b for a, b in found) / len(found):.2f} of {len(found)}" if found else "-"


def table(results: list[Result], all_rows: dict) -> str:
    head = (
        "| renderer | body F1 | body P | body R | date acc | date prec | date cov | dated undated"
        " | title given | title = HTML | title ≈ HTML | lang = HTML | dateline = orig | wire = orig | errors |"
    )
    out = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in results:
        b, d = r.bodies, r.dates
        n, given, exact, similar = r.titles
        ln, lok = r.languages
        out.append(
            f"| {r.renderer} | {b.f1:.3f} | {b.precision:.3f} | {b.recall:.3f} | "
            f"{d.accuracy:.3f} | {d.precision:.3f} | {d.coverage:.3f} | {d.false_on_undated} | "
            f"{given / n:.2f} | {exact / n:.2f} | {similar / n:.2f} | {lok / ln:.2f} | "
            f"{same_as_original(all_rows[r.renderer], all_rows['original'], 'dateline')} | "
            f"{same_as_original(all_rows[r.renderer], all_rows['original'], 'wire')} | {r.errors} |"
            if b and d and n and ln
            else f"| {r.renderer} | (incomplete) |"
        )
    return "\n".join(out)


def worst(renderer: str, rows, base_rows, n: int) -> str:
    """The documents that lost most against the original dumps, bodies and dates."""
    out = [f"## {renderer}: worst {n} body drops against the original dumps"]
    base = {r["id"]: r for _, r in base_rows["bodies"]}
    drops = []
    for g, r in rows["bodies"]:
        now = body_f1(g.body, r.get("body") or "")
        was = body_f1(g.body, base[g.id].get("body") or "") if g.id in base else 0.0
        drops.append((now - was, now, was, g, r))
    drops.sort(key=lambda t: t[0])
    for delta, now, was, g, r in drops[:n]:
        p, rec = shingle_precision_recall(g.body, r.get("body") or "")
        out.append(f"  {g.id}  F1 {was:.3f} -> {now:.3f} (P {p:.2f} R {rec:.2f})  {r['path']}  removed={r.get('removed')}")
    base_d = {r["id"]: r for _, r in base_rows["dates"]}
    wrong = []
    for g, r in rows["dates"]:
        if not g.published:
            continue
        gold = g.published.isoformat()
        was_ok = base_d.get(g.id, {}).get("published") == gold
        if was_ok and r.get("published") != gold:
            wrong.append((r.get("published") is None, g, r))
    wrong.sort(key=lambda t: t[0])  # wrong dates before missing ones
    out.append(f"## {renderer}: {len(wrong)} dates right in the original dumps, not here (first {n})")
    for _, g, r in wrong[:n]:
        out.append(
            f"  {g.id}  gold {g.published}  got {r.get('published')} [{r.get('published_kind')}]"
            f" {(r.get('published_evidence') or r.get('error') or '')[:90]!r}  {r['path']}"
        )
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--renderers", default=",".join(RENDERERS))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--worst", type=int, default=5)
    ap.add_argument(
        "--probes", default="",
        help="also score renders after diagnostic transforms, e.g. unwrap,unwrap+markers",
    )
    ap.add_argument("--limit", type=int, default=0, help="first N documents of each corpus (quick look)")
    args = ap.parse_args()

    gold = {}
    for corpus, (html_dir, text_dir) in CORPORA.items():
        html_gold = load_gold(EVAL / html_dir)
        text_by_id = {g.id: g for g in load_gold(EVAL / text_dir)}
        pairs = [(g, text_by_id[g.id]) for g in html_gold if g.id in text_by_id]
        gold[corpus] = pairs[: args.limit] if args.limit else pairs

    names = ["original"]
    for name in args.renderers.split(","):
        renderer = RENDERERS.get(name)
        if renderer is None:
            print(f"skipping {name}: unknown renderer (known: {', '.join(RENDERERS)})")
        elif not renderer.available():
            print(f"skipping {name}: not installed ({renderer.how})")
        else:
            names.append(name)

    for probe in filter(None, args.probes.split(",")):
        names += [f"{name}+{probe}" for name in list(names[1:]) if "+" not in name]

    # The text path changes often: name the code the figures are for.
    extraction = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((ROOT / "broadsheet" / "extract").glob("*.py"))))
    print(f"extraction code: broadsheet/extract {extraction.hexdigest()[:10]}")
    results, all_rows = [], {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for name in names:
            t0 = time.time()
            rows = {}
            for corpus, pairs in gold.items():
                work = [(name, corpus, h, t) for h, t in pairs]
                rows[corpus] = list(zip((h for h, _ in pairs), pool.map(_one, work, chunksize=4)))
            seconds = time.time() - t0
            all_rows[name] = rows
            results.append(score(name, rows, seconds))
            dump = CACHE / f"results-{name}.json"
            dump.parent.mkdir(parents=True, exist_ok=True)
            dump.write_text(json.dumps({c: [r for _, r in rs] for c, rs in rows.items()}, ensure_ascii=False))
            print(f"{name}: done in {seconds:.0f}s", flush=True)

    print()
    print(table(results, all_rows))
    for name in names[1:]:
        print()
        print(worst(name, all_rows[name], all_rows["original"], args.worst))


if __name__ == "__main__":
    main()
