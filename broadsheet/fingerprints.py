"""Per-outlet line fingerprints: lines that recur across many pages of one outlet are its
template (navigation, footers, sign-up boxes), whatever their wording.

A fingerprint is a short hash of the line's normal form: its case-folded visible words, with
every number collapsed to 0 and all symbols, spacing and link markup dropped (so bullets and
link notation, which differ between text renderers, do not matter, and "© 2019" and "© 2020"
agree). The warehouse stores, per outlet, how many pages each fingerprint
was seen on; `template_from_counts` rebuilds the template set from those counts, and
`clean_text(..., template_lines=...)` removes matching lines from a new page of that outlet.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
# Link targets, images and reference numbers some renderers print (Markdown "[text](url)",
# "![alt](src)", lynx's "[12]text", bare URLs): a line reads as its visible words.
_LINK_MARKUP = re.compile(r"!\[[^\]]*\]\([^)\s]*\)?|(?<=\])\([^)\s]*\)?|\[\d+\]|\(?https?://\S+")


def strip_link_markup(text: str) -> str:
    """The text without link markup; the text itself when nothing else is left."""
    if "[" not in text and "://" not in text:
        return text
    return _LINK_MARKUP.sub("", text) or text


def normalise_line(line: str) -> str:
    return _DIGITS.sub("0", " ".join(_WORD.findall(strip_link_markup(line).casefold())))


def fingerprint_of_normal(normal: str) -> str:
    """16 hex digits; "" for a line with no letters or digits (nothing to recognise)."""
    if not normal:
        return ""
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=8).hexdigest()


def fingerprint(line: str) -> str:
    return fingerprint_of_normal(normalise_line(line))


def count_fingerprints(text: str) -> set[str]:
    """The distinct fingerprints of one page: a line repeated on a page counts once."""
    return {fp for fp in map(fingerprint, text.splitlines()) if fp}


def template_from_counts(
    counts: Mapping[str, int], documents: int, min_docs: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Fingerprints seen on at least `min_docs` pages and on at least `min_share` of the
    outlet's `documents` pages: recurring on most pages is what makes a line template rather
    than a story that happened to be linked from a few of them."""
    threshold = max(min_docs, math.ceil(min_share * documents))
    return frozenset(fp for fp, seen in counts.items() if seen >= threshold)


def learn_template_lines(
    pages: Iterable[str], min_docs: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Template fingerprints of one outlet, learned from the texts of its pages."""
    counts: Counter[str] = Counter()
    documents = 0
    for text in pages:
        counts.update(count_fingerprints(text))
        documents += 1
    return template_from_counts(counts, documents, min_docs, min_share)


def article_key(body: str) -> str:
    """Names the article a page carries: the fingerprint of its body's longest line. Copies
    of one article (re-fetched, syndicated, mirrored) share it, so their lines are not
    mistaken for the outlet's template; "" for an empty body."""
    lines = body.splitlines()
    return fingerprint(max(lines, key=len)) if lines else ""


def templates_by_outlet(
    pages: Mapping[str, Mapping[str, set[str]]], min_docs: int = 3, min_share: float = 0.5
) -> dict[str, frozenset[str]]:
    """Per outlet, its template learned from its distinct articles
    ({outlet: {article_key: fingerprints}}). The same set of articles gives the same template
    however often or in whatever runs they were seen: a rebuild cleans as a fresh run would."""
    templates = {}
    for outlet, by_page in pages.items():
        counts: Counter[str] = Counter()
        for fingerprints in by_page.values():
            counts.update(fingerprints)
        template = template_from_counts(counts, len(by_page), min_docs, min_share)
        if template:
            templates[outlet] = template
    return templates
