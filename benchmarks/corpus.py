"""Generate many unique, realistic news pages from the development corpora, for benchmarks.

    .venv/bin/python benchmarks/corpus.py --kind text|html --count N --out DIR [--start OFFSET]

Document i is a copy of one real page of ../shared/eval/{bodies,dates,news}-{text,html}
(the page order is a seeded shuffle, so copies of one page are spread over the corpus),
changed so that no two lines of the whole corpus are the same, not even after the
normalisation outlet templates use (`fingerprints.normalise_line`: case, symbols and digits
dropped): every line (text) or text node (HTML) with a word in it gets a tag of words from
its own page that spells i and the line's number in the page's vocabulary, so copies and
templates cannot make a benchmark cheap. Long lines (paragraphs) get the tag inside a
sentence of the page appended to them, and a few of their words swapped for other words of
the page; menus, bylines and other short lines just get the tag words, in their case style
(after a "|" on lines with digits). Lines with digits keep every word, so most dates survive:
a copy gets the date its real page gets in about 91% of text pages and 97% of HTML pages.
The page structure (furniture above and below, paragraphs, HTML markup, scripts, metadata)
is the real page's; bodies come out about 1.4-1.6 times as long.

Deterministic: document i depends only on --seed and i, so `--start 100000 --count 1000`
adds the next 1,000 documents of the same corpus to a folder. Files are written as
DIR/NNNN/<kind>-NNNNNNN.{txt,html}, UTF-8, with mtimes an hour back (the file index does
not trust fresh mtimes). Every line written is checked to be unique within the invocation
(a collision is an error).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import re
import sys
import time
from functools import lru_cache
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from broadsheet.extract.templates import normalise_line
from broadsheet.ingest import decode

EVAL = ROOT.parent / "shared" / "eval"
CORPORA = {"text": ("bodies-text", "dates-text", "news-text"), "html": ("bodies-html", "dates-html", "news-html")}
SUFFIX = {"text": ".txt", "html": ".html"}
MAX_DOCUMENTS = 1 << 20  # the tag spells i < this: tags stay distinct up to 1M documents
# Tags are spelled from (number * _SPREAD) mod V**k, a bijection (a prime larger than any
# vocabulary is coprime to V**k), so neighbouring numbers do not share their leading words.
_SPREAD = 1_000_000_007
LONG_LINE_WORDS = 8  # a line with this many words is a paragraph: it gets a sentence, not bare tag words
DATE_LINE_WORDS = 12  # a line with digits and fewer words may be a date line
SWAP_SHARE = 0.08  # of a paragraph's words replaced by other words of the page
CHUNK = 250  # documents per work item when generating in parallel

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"&#?\w+;|\w+")  # an entity is one token, never a word to swap
_STOPS = ".!?。！？"
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")
# Markup that holds no visible text: its contents are kept byte for byte.
_HTML_OPAQUE = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<textarea\b.*?</textarea\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>",
    re.DOTALL | re.IGNORECASE,
)
_PROSE = re.compile(r"[.!?。！？,;:]\s|[.!?。！？]$")  # punctuation between words: a paragraph, not a menu
_META_CHARSET = re.compile(r"""(<meta[^>]*?charset\s*=\s*["']?)[\w:.-]+""", re.IGNORECASE)


def _read(path: Path, kind: str) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    text, _ = decode(data, kind)
    # Written back as UTF-8, so a page must not claim another charset.
    return _META_CHARSET.sub(r"\1utf-8", text) if kind == "html" else text


@lru_cache(maxsize=2)
def source_pages(kind: str, seed: int) -> tuple[Path, ...]:
    files = []
    for corpus in CORPORA[kind]:
        with open(EVAL / corpus / "gold.jsonl", encoding="utf-8") as fh:
            files += [EVAL / corpus / json.loads(line)["file"] for line in fh if line.strip()]
    # A page without a word (a couple of empty dumps) cannot be made unique.
    files = [f for f in files if _WORD.search(_read(f, kind))]
    random.Random(seed).shuffle(files)
    return tuple(files)


class Page:
    """One real page, split into the pieces a copy changes (`slots`) and those it keeps."""

    def __init__(self, text: str, kind: str, seed: int):
        if kind == "html":
            pieces, at = [], 0
            for m in _HTML_OPAQUE.finditer(text):
                pieces += [text[at : m.start()], m.group()]
                at = m.end()
            pieces.append(text[at:])
            # Even pieces are text between tags; entities do not make a node worth tagging.
            self.slots = [i for i in range(0, len(pieces), 2) if _WORD.search(re.sub(r"&#?\w+;", "", pieces[i]))]
        else:
            pieces = text.split("\n")
            self.slots = [i for i, line in enumerate(pieces) if normalise_line(line)]
        self.pieces = pieces
        words = {w.casefold() for p in (pieces[i] for i in self.slots) for w in _WORD.findall(p)}
        vocabulary = sorted(w for w in words if w.isalpha() and 3 <= len(w) <= 15)
        random.Random(seed).shuffle(vocabulary)
        self.vocabulary = vocabulary or ["news", "report", "today"]
        sentences = [
            s.strip()
            for i in self.slots
            for s in _SENTENCE_END.split(pieces[i])
            if 6 <= len(_WORD.findall(s)) <= 16 and s.rstrip()[-1] in _STOPS and not re.search(r"\d", s)
        ]
        self.sentences = sentences
        # Tag words needed to spell (document, line) in this vocabulary.
        v = max(len(self.vocabulary), 2)
        self.tag_words = math.ceil(math.log(MAX_DOCUMENTS * max(len(self.slots), 1)) / math.log(v))
        self.tag_space = len(self.vocabulary) ** self.tag_words

    def tag(self, number: int) -> list[str]:
        v, words = len(self.vocabulary), []
        number = number * _SPREAD % self.tag_space
        for _ in range(self.tag_words):
            number, digit = divmod(number, v)
            words.append(self.vocabulary[digit])
        return words


@lru_cache(maxsize=64)
def _page(path: Path, kind: str, seed: int) -> Page:
    return Page(_read(path, kind), kind, seed)


def _styled(words: list[str], like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return " ".join(w.upper() for w in words)
    first = _WORD.search(like)
    if first and first.group()[0].isupper():
        return " ".join(w.capitalize() for w in words)
    return " ".join(words)


def _swap_words(line: str, page: Page, rng: random.Random) -> str:
    def swap(m: re.Match) -> str:
        word = m.group()
        if word.startswith("&") or not word.isalpha() or rng.random() >= SWAP_SHARE:
            return word
        new = rng.choice(page.vocabulary)
        return new.capitalize() if word[0].isupper() else new

    return _TOKEN.sub(swap, line)


def _sentence_with(tag: list[str], page: Page, rng: random.Random) -> str:
    """A sentence of the page with the tag words put in place of some of its words."""
    if not page.sentences:
        return _styled(tag, "A") + "."
    words = rng.choice(page.sentences).split()
    places = sorted(rng.sample(range(len(words)), min(len(tag), len(words))))
    for position, word in zip(places, tag):
        words[position] = word.capitalize() if words[position][:1].isupper() else word
    # A sentence with fewer spaces than tag words (scripts written without spaces) takes the
    # rest after it: a tag cut short would repeat across copies.
    sentence = " ".join(words + tag[len(places):])
    return sentence if sentence[-1] in _STOPS else sentence + "."


def _changed(piece: str, tag: list[str], page: Page, rng: random.Random) -> str:
    core = piece.rstrip()
    trailing = piece[len(core) :]
    digits, words = re.search(r"\d", core), len(_WORD.findall(core))
    if digits and words < DATE_LINE_WORDS:  # words set apart after a date read as furniture beside it, not as its context
        return f"{core} | {_styled(tag, 'A')}{trailing}"
    if words >= LONG_LINE_WORDS and _PROSE.search(core):
        if not digits:
            core = _swap_words(core, page, rng)
        return f"{core} {_sentence_with(tag, page, rng)}{trailing}"
    return f"{core} {_styled(tag, core)}{trailing}"


def document(i: int, kind: str, seed: int) -> tuple[str, list[str]]:
    """Document i and the lines it changed (for the uniqueness check)."""
    pages = source_pages(kind, seed)
    page = _page(pages[i % len(pages)], kind, seed)
    rng = random.Random(f"{seed}:{i}")
    pieces = list(page.pieces)
    changed = []
    for number, slot in enumerate(page.slots):
        pieces[slot] = _changed(pieces[slot], page.tag(i * len(page.slots) + number), page, rng)
        changed.append(pieces[slot])
    return ("" if kind == "html" else "\n").join(pieces), changed


def path_of(out: Path, kind: str, i: int) -> Path:
    return out / f"{i // 1000:04d}" / f"{kind}-{i:07d}{SUFFIX[kind]}"


def _write_chunk(args: tuple[Path, str, int, int, int, float]) -> np.ndarray:
    """Write documents [start, stop); return the 8-byte digests of the normal forms of
    every line they changed."""
    out, kind, seed, start, stop, mtime = args
    digests = []
    for i in range(start, stop):
        text, changed = document(i, kind, seed)
        path = path_of(out, kind, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.utime(path, (mtime, mtime))
        # A text node spanning source lines is one visible line: its words, joined, are its normal form.
        digests += [_digest(line) for line in changed]
    return np.array(digests, dtype=np.uint64)


def _digest(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(normalise_line(line).encode(), digest_size=8).digest(), "little")


def generate(out: Path, kind: str, count: int, start: int = 0, seed: int = 9, jobs: int | None = None) -> int:
    """Write documents start .. start+count-1 to `out`; returns the number of lines checked.
    Raises if two lines normalise alike."""
    if start + count > MAX_DOCUMENTS:
        raise ValueError(f"at most {MAX_DOCUMENTS} documents")
    mtime = time.time() - 3600
    work = [(out, kind, seed, s, min(s + CHUNK, start + count), mtime) for s in range(start, start + count, CHUNK)]
    with Pool(jobs or os.cpu_count() or 1) as pool:
        digests = np.concatenate([np.zeros(0, dtype=np.uint64), *pool.imap(_write_chunk, work)])
    repeated = len(digests) - len(np.unique(digests))
    if repeated:
        raise RuntimeError(f"{repeated} of {len(digests)} generated lines repeat another")
    return len(digests)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=sorted(CORPORA), required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--start", type=int, default=0, help="number of the first document (to add to a folder)")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--jobs", type=int, default=None, help="processes (default: one per core)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    lines = generate(args.out, args.kind, args.count, args.start, args.seed, args.jobs)
    print(
        f"{args.count} {args.kind} documents ({args.start}..{args.start + args.count - 1}) in {args.out}: "
        f"{lines} lines, all distinct, {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
