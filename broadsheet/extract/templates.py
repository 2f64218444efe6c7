"""Outlet templates: lines that recur across many pages of one outlet (navigation, footers,
sign-up boxes), whatever their wording.

A fingerprint is a 64-bit hash of a paragraph's normal form (page.py: its case-folded visible
words, every number as 0, link markup, bullets and bare URLs dropped), the very form the
cleaner matches, so bullets and link notation, which differ between text renderers, do not
matter, and "© 2019" and "© 2020" agree. The warehouse stores, per outlet, how many pages each
fingerprint was seen on (`outlet_line_counts`, kept at publish; `warehouse.run_templates`
applies the same rule in SQL); `template_from_counts` rebuilds the template set from counts,
and the cleaner removes matching paragraphs from a new page of that outlet.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping

from broadsheet.extract.page import Page, line_content, normal_form

# A line is an outlet's template when it is on at least this many of the outlet's articles and
# on at least this share of them (the warehouse's counts use the same two numbers).
TEMPLATE_MIN_ARTICLES = 3
TEMPLATE_MIN_SHARE = 0.5


def normalise_line(line: str) -> str:
    """The normal form of one line read as a paragraph (what the cleaner compares)."""
    return normal_form(line_content(line))


def fingerprint_of_normal(normal: str) -> int | None:
    """An unsigned 64-bit number (the warehouse's UBIGINT: a page's hundreds of them are
    counted and grouped at every publish, 2-3x faster than as strings); None for a line with
    no letters or digits (nothing to recognise)."""
    if not normal:
        return None
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprint(line: str) -> int | None:
    return fingerprint_of_normal(normalise_line(line))


def page_fingerprints(page: Page) -> tuple[int, ...]:
    """The distinct fingerprints of one page's paragraphs, sorted (as stored): one repeated on
    a page counts once."""
    found = (fingerprint_of_normal(unit.normal) for unit in page.units)
    return tuple(sorted({fp for fp in found if fp is not None}))


def count_fingerprints(text: str) -> frozenset[int]:
    return frozenset(page_fingerprints(Page.from_text(text)))


def template_from_counts(
    counts: Mapping[int, int], documents: int, min_docs: int = TEMPLATE_MIN_ARTICLES, min_share: float = TEMPLATE_MIN_SHARE
) -> frozenset[int]:
    """Fingerprints seen on at least `min_docs` pages and on at least `min_share` of the
    outlet's `documents` pages: recurring on most pages is what makes a line template rather
    than a story that happened to be linked from a few of them."""
    threshold = max(min_docs, math.ceil(min_share * documents))
    return frozenset(fp for fp, seen in counts.items() if seen >= threshold)


def article_key(body: str) -> str:
    """Names the article a page carries: the fingerprint of its body's longest line, in 16 hex
    digits. Copies of one article (re-fetched, syndicated, mirrored) share it, so their lines
    are not mistaken for the outlet's template; "" for an empty body."""
    lines = body.splitlines()
    key = fingerprint(max(lines, key=len)) if lines else None
    return "" if key is None else f"{key:016x}"
