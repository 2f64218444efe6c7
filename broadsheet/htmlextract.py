"""Main text and metadata of an HTML page, through trafilatura, plus generic repairs.

trafilatura (favor_precision) does most of the work. On top of it:
- articles split into several sibling containers of the same class ("chunks") are read
  whole: trafilatura keeps only the first matching container;
- lines that are page furniture rather than prose are dropped: the headline repeated at
  the top, a date/time line above the first paragraph, "Related:"-style cross-links and
  the link lists under "Don't miss"/"You may also like" headings, newsletter pitches at
  the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura

from broadsheet.fields import DATE_OR_TIME, similar_titles


@dataclass(frozen=True)
class HtmlPage:
    title: str | None
    body: str
    sitename: str | None
    hostname: str | None = None  # from the page's canonical or og:url link


def extract_html(html: str) -> HtmlPage:
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if doc is None:
        return HtmlPage(None, "", None)
    title = clean_title(doc.title, doc.sitename)
    text = _with_sibling_chunks(html, doc.text or "")
    body = _drop_furniture(text, [t for t in (title, doc.title) if t])
    return HtmlPage(title, body, doc.sitename, doc.hostname)


# --- title -----------------------------------------------------------------------------

_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:•·»«/]{1,2}\s+")
_DOMAIN = re.compile(r"\w\.(com|net|org|info|co|io|news|[a-z]{2})$", re.IGNORECASE)


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def clean_title(title: str | None, sitename: str | None) -> str | None:
    """The headline without the " | Site name" part pages append to <title>."""
    if not title:
        return None
    title = " ".join(title.split())
    site = _squash(sitename or "")
    if _squash(title) == site:
        return None  # the page's <title> is just the site name
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and site:
        # The site name may itself contain a separator ("Name - Tagline"): match whole runs.
        for cut in range(1, len(parts)):
            head, tail = parts[:cut], parts[cut:]
            if _squash(" ".join(tail)) == site or _squash(" ".join(head)) == site:
                kept = head if _squash(" ".join(tail)) == site else tail
                return _rejoin(title, kept)
    if len(parts) > 1:
        # No site name to compare with: a trailing domain ("… - SpaceNews.com") is one.
        if _DOMAIN.search(parts[-1]) and len(parts[-1].split()) <= 3:
            return _rejoin(title, parts[:-1])
        if site and (site in _squash(parts[-1]) or _squash(parts[-1]) in site):
            return _rejoin(title, parts[:-1])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of `title` covering `parts`, keeping its original separators."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()


# --- articles split over sibling containers --------------------------------------------

_NON_PROSE = {"aside", "figure", "figcaption", "nav", "footer", "header", "form", "button"}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(element) -> list[str]:
    out = []
    for p in element.iter("p"):
        if any(a.tag in _NON_PROSE for a in p.iterancestors()):
            continue
        text = _norm(p.text_content())
        if text:
            out.append(text)
    return out


def _with_sibling_chunks(html: str, text: str) -> str:
    """Add the paragraphs of containers that repeat the extracted one's tag and class.

    Some sites cut one article into consecutive blocks (around ads); trafilatura reads the
    first. The extracted paragraphs tell us which container it read; its siblings with the
    very same class attribute are the rest of the article.
    """
    extracted = {_norm(line) for line in text.splitlines() if len(line.split()) >= 8}
    if not extracted:
        return text
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return text
    anchor = next((p for p in tree.iter("p") if _norm(p.text_content()) in extracted), None)
    if anchor is None:
        return text
    for level, container in enumerate(anchor.iterancestors()):
        if level > 3:
            break
        cls = container.get("class")
        parent = container.getparent()
        if not cls or parent is None:
            continue
        chunks = [c for c in parent.iterchildren(container.tag) if c.get("class") == cls]
        if len(chunks) < 2:
            continue
        index = chunks.index(container)
        seen = _squash(text)
        before = [p for c in chunks[:index] for p in _paragraphs(c) if _squash(p) not in seen]
        after = [p for c in chunks[index + 1 :] for p in _paragraphs(c) if _squash(p) not in seen]
        # Same-class siblings that are teasers, cards or lists hold short lines, not prose.
        sizes = sorted(len(p.split()) for p in before + after)
        if not sizes or sizes[len(sizes) // 2] < 25 or sum(sizes) < 40 * (len(chunks) - 1):
            return text
        return "\n".join([*before, text, *after])
    return text


# --- furniture lines ------------------------------------------------------------------

_CROSS_LINK = re.compile(
    r"^\W*(related|read more|read also|also read|see more|see also|more|watch|listen"
    r"|recommended|must read)\b[^:\w]*:",
    re.IGNORECASE,
)
_PROMO_HEADING = re.compile(
    r"^\W*(don'?t miss|you (may|might) also like|recommended( for you)?|most (read|popular)"
    r"|related (posts|articles|stories|news|content)|more (stories|from)|tags|trending"
    r"|also on|further reading)(\s+(in|from|on)\s.*)?\W*$",
    re.IGNORECASE,
)
_PITCH = re.compile(
    r"\b(subscribe|sign up|inbox)\b|\bnewsletters?\b.*\b(free|daily|weekly|get|receive|our)\b"
    r"|\b(free|daily|weekly|get|receive|our)\b.*\bnewsletters?\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


def _headline_like(line: str) -> bool:
    """A teaser headline or a tag list, as listed under a promo heading; not a sentence."""
    if _SENTENCE_END.search(line):
        return False
    return len(line.split()) <= 20 or line.count(",") >= len(line.split()) / 4


def _drop_furniture(text: str, titles: list[str]) -> str:
    """The extracted text without the lines that are page furniture (see the module doc)."""
    lines = [line for line in text.splitlines() if line.strip()]
    keep = [True] * len(lines)
    # Head: the headline repeated, and a bare date/time line, before the prose starts.
    prose_started = False
    for i, line in enumerate(lines[:3]):
        words = len(line.split())
        if words <= 30 and any(similar_titles(line, t) for t in titles):
            keep[i] = False
        elif (
            not prose_started
            and words <= 12
            and DATE_OR_TIME.search(line)
            and not _SENTENCE_END.search(line)
        ):
            keep[i] = False
        prose_started = prose_started or words >= 15
    in_promo = False
    for i, line in enumerate(lines):
        if _CROSS_LINK.match(line):
            keep[i] = False
        elif len(line.split()) <= 8 and _PROMO_HEADING.match(line):
            keep[i] = False
            in_promo = True
        elif in_promo and _headline_like(line):
            keep[i] = False
        else:
            in_promo = False
    # Tail: newsletter and subscription pitches close many pages.
    for i in range(max(0, len(lines) - 3), len(lines)):
        if _PITCH.search(lines[i]) and len(lines[i].split()) <= 40:
            keep[i] = False
    return "\n".join(line for line, k in zip(lines, keep) if k)
