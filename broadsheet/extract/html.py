"""An HTML page read once: one lxml tree, read by trafilatura (body and metadata, with htmldate's
markup date), by the title, by the dates and by the listing test; plus generic repairs.

trafilatura (favor_precision) does most of the work; its comparison with readability and
justext is run only on a thin body, the kind it replaces (_extract_body). On top of it:
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
from datetime import date

import lxml.html
import trafilatura
from courlan import extract_domain
from htmldate import find_date
from lxml.etree import _Element
from trafilatura.metadata import META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document
from trafilatura.utils import load_html

from broadsheet.extract import cues
from broadsheet.extract.dates_html import htmldate_params
from broadsheet.extract.page import Page, squash
from broadsheet.extract.title_html import html_title
from broadsheet.extract.title_text import similar_titles


@dataclass(frozen=True, eq=False)
class HtmlPage:
    tree: lxml.html.HtmlElement | None  # the one parse of the page; None when unparseable
    title: str | None  # the headline (title_html.py)
    body: Page  # the extracted text as paragraphs, every one kept
    sitename: str | None = None
    hostname: str | None = None  # from the page's canonical or og:url link
    markup_date: str | None = None  # htmldate's reading of the markup (ISO), via trafilatura
    dropped: tuple[str, ...] = ()  # lines of the extracted text dropped as furniture
    text: str = ""  # the extracted text, furniture dropped, before it is read into paragraphs

    def link_words(self) -> int:
        """Words of the body that are the text of a link on the page (asked of a body shaped
        like a listing only: reject.listing)."""
        return _link_words(self.tree, self.text) if self.tree is not None else 0


def read_html(html: str, today: date) -> HtmlPage:
    """Parse once (trafilatura's loader: its encoding and repair rules) and read everything
    from that tree; trafilatura and htmldate copy what they prune."""
    tree = load_html(html)
    if tree is None:
        return HtmlPage(None, None, Page([], []))
    # The body (trafilatura prunes a copy of the tree); no metadata: see _metadata.
    extracted = _extract_body(tree)
    if extracted is None:
        return HtmlPage(tree, None, Page([], []))
    doc = _metadata(tree, htmldate_params(today))
    title = html_title(tree, doc.title, doc.sitename, doc.hostname)
    text = _with_sibling_chunks(tree, extracted.text or "")
    body, dropped = _drop_furniture(text, [t for t in (title, doc.title) if t])
    return HtmlPage(tree, title, Page.from_text(body), doc.sitename, doc.hostname, doc.date, dropped, body)


# trafilatura's MIN_EXTRACTED_SIZE (settings.cfg): below it, its comparison runs justext.
_THIN_TEXT = 250
_THIN_PARAGRAPHS = 3


def _extract_body(tree: lxml.html.HtmlElement) -> Document | None:
    """trafilatura's body; its comparison with readability and justext run only where it is
    likely to change the body. That comparison costs a quarter of our time on a news page, and
    replaces a body that is short (justext), without paragraphs or with more tables than
    paragraphs, or that readability doubles, which only running readability tells: in practice a
    body of a few paragraphs. So extract fast (no comparison) first, and again in full when the
    body is thin."""
    fast = trafilatura.bare_extraction(tree, include_comments=False, favor_precision=True, fast=True)
    if fast is not None and not _thin(fast.body, fast.raw_text or ""):
        return fast
    return trafilatura.bare_extraction(tree, include_comments=False, favor_precision=True)


def _thin(body: _Element, text: str) -> bool:
    """An extraction the fallback comparison may replace (see _extract_body)."""
    paragraphs = len(body.findall(".//p"))
    return len(text) < _THIN_TEXT or paragraphs <= _THIN_PARAGRAPHS or len(body.findall(".//table")) > paragraphs


def _metadata(tree: lxml.html.HtmlElement, date_params: dict) -> Document:
    """trafilatura's `extract_metadata` for the fields read here (title, site name, URL and
    host, htmldate's markup day): its steps, in its order, on the same unpruned tree (they only
    read it; htmldate copies what it prunes). Its author, category, tag and licence passes,
    which nothing here reads, are left out: they cost a tenth of trafilatura's time on a news
    page. tests/unit pins the result to `extract_metadata`'s on these fields."""
    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception:  # noqa: BLE001 - as trafilatura: a bug in its JSON-LD reader costs the fields
        pass
    if not metadata.title:
        metadata.title = extract_title(tree)
    if not metadata.url:
        metadata.url = extract_url(tree)
    if metadata.url:
        metadata.hostname = extract_domain(metadata.url, fast=True)
    metadata.date = find_date(tree, **{**date_params, "url": metadata.url})
    if not metadata.sitename:
        metadata.sitename = extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if metadata.sitename and "." not in metadata.sitename and not metadata.sitename[0].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url:
        match = META_URL.match(metadata.url)
        if match:
            metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata


# --- links ------------------------------------------------------------------------------

_LINKED_BODY_MAX = 1000  # words: a longer body is an article, whatever links it holds


def _link_words(tree: lxml.html.HtmlElement, body: str) -> int:
    """Words of the body's lines that are, or start with, the text of a link on the page: a
    listing's body is its linked headlines. Counted on short bodies only (a listing's is)."""
    if not body or len(body.split()) > _LINKED_BODY_MAX:
        return 0
    links = {_norm(a.text_content()) for a in tree.iter("a")}
    links = {text for text in links if len(text.split()) >= 3}
    linked = 0
    for line in body.splitlines():
        line = _norm(line).lstrip("-•* ")
        words = line.split()
        for size in range(len(words), 2, -1):  # the longest leading run of words that is a link
            if " ".join(words[:size]) in links:
                linked += size
                break
    return linked


# --- nesting --------------------------------------------------------------------------

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr".split())
_RAW_TEXT = ("script", "style", "textarea")  # their text is not markup
# Elements whose end tag may be left out: a new one closes the open one, unless one of these
# elements (which may hold it) was opened since.
_CLOSED_BY_SIBLING = {
    "p": frozenset("button table td th caption object template".split()),
    "li": frozenset("ul ol menu".split()),
    "dt": frozenset(["dl"]),
    "dd": frozenset(["dl"]),
    "tr": frozenset(["table"]),
    "td": frozenset("tr table".split()),
    "th": frozenset("tr table".split()),
    "thead": frozenset(["table"]),
    "tbody": frozenset(["table"]),
    "tfoot": frozenset(["table"]),
    "option": frozenset(["select"]),
    "optgroup": frozenset(["select"]),
}
# One token per match, read in C: a comment (to its end), a raw-text element (its start tag and
# its text, up to its end tag in any case), or a tag (end mark, name, attributes). Comments and
# raw text give empty groups. Possessive runs: a "<" in text that opens no tag costs its run once.
_TOKEN = re.compile(
    r"<(?:!--[\s\S]*?(?:-->|\Z)|"
    + "".join(rf"(?ai:{name})(?=[\s/>])[^<>]*+(?<!/)>[^<]*+(?:<(?!/(?i:{name}))[^<]*+)*+|" for name in _RAW_TEXT)
    + r"(/?)([A-Za-z][^\s/<>]*+)([^<>]*+)>)"
)


def nesting_depth(html: str, limit: int) -> int:
    """How deep elements nest, read from the tags in one pass without building a tree (lxml
    would stop at 255 levels without a word), up to `limit` + 1: past the limit the page is
    rejected, and each tag costs at most `limit` steps (the page is tokenized whole, in C: its
    size is capped before). End tags close what they enclose and optional end tags
    ("<p>one<p>two", "<li>a<li>b") close as HTML parsers close them; the text of comments,
    scripts, styles and textareas is not markup."""
    stack: list[str] = []
    deepest = 0
    for end, name, attributes in _TOKEN.findall(html):
        if not name:  # a comment or a raw-text element
            continue
        name = name.lower()
        if end:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
            continue
        if name in _VOID or attributes.endswith("/"):
            continue
        scope = _CLOSED_BY_SIBLING.get(name)
        if scope is not None:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] == name:
                    del stack[index:]
                    break
                if stack[index] in scope:
                    break
        stack.append(name)
        if len(stack) > deepest:
            deepest = len(stack)
            if deepest > limit:
                break
    return deepest


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


def _with_sibling_chunks(tree: lxml.html.HtmlElement, text: str) -> str:
    """Add the paragraphs of containers that repeat the extracted one's tag and class.

    Some sites cut one article into consecutive blocks (around ads); trafilatura reads the
    first. The extracted paragraphs tell us which container it read; its siblings with the
    very same class attribute are the rest of the article.
    """
    extracted = {_norm(line) for line in text.splitlines() if len(line.split()) >= 8}
    if not extracted:
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
        seen = squash(text)
        before = [p for c in chunks[:index] for p in _paragraphs(c) if squash(p) not in seen]
        after = [p for c in chunks[index + 1 :] for p in _paragraphs(c) if squash(p) not in seen]
        # Same-class siblings that are teasers, cards or lists hold short lines, not prose.
        sizes = sorted(len(p.split()) for p in before + after)
        if not sizes or sizes[len(sizes) // 2] < 25 or sum(sizes) < 40 * (len(chunks) - 1):
            return text
        return "\n".join([*before, text, *after])
    return text


# --- furniture lines ------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


def _headline_like(line: str) -> bool:
    """A teaser headline or a tag list, as listed under a promo heading; not a sentence."""
    if _SENTENCE_END.search(line):
        return False
    return len(line.split()) <= 20 or line.count(",") >= len(line.split()) / 4


def _drop_furniture(text: str, titles: list[str]) -> tuple[str, tuple[str, ...]]:
    """The extracted text without the lines that are page furniture (see the module doc),
    and those lines."""
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
            and cues.DATE_OR_TIME.search(line)
            and not _SENTENCE_END.search(line)
        ):
            keep[i] = False
        prose_started = prose_started or words >= 15
    in_promo = False
    for i, line in enumerate(lines):
        if cues.CROSS_LINK.match(line):
            keep[i] = False
        elif len(line.split()) <= 8 and cues.PROMO_HEADING.match(line):
            keep[i] = False
            in_promo = True
        elif in_promo and _headline_like(line):
            keep[i] = False
        else:
            in_promo = False
    # Tail: newsletter and subscription pitches close many pages.
    for i in range(max(0, len(lines) - 3), len(lines)):
        if cues.PITCH.search(lines[i]) and len(lines[i].split()) <= 40:
            keep[i] = False
    body = "\n".join(line for line, k in zip(lines, keep) if k)
    return body, tuple(line for line, k in zip(lines, keep) if not k)
