"""Publication day of an HTML page, from its one parsed tree.

htmldate reads the markup (metadata, <time>, known classes: trafilatura runs it once while it
reads the page's metadata, html.py); the text reading of the rendered page (dates_text.py) is
an independent witness. JSON-LD, meta tags and microdata give the evidence of a markup date,
and stand in when htmldate misses them or takes their modification day. Agreement wins;
disagreement is settled by how strong the visible date is, and by whether the structured data
declares the markup day and the page shows it too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from copy import copy
from datetime import date, datetime

from htmldate import find_date
from lxml import etree

from broadsheet.extract.dates_spans import EARLIEST, day_of, find_spans, out_of_range
from broadsheet.extract.dates_text import ACCEPT_ALONE, date_from_paragraphs
from broadsheet.extract.page import Page, plain_text
from broadsheet.records import DateCandidate, DateFinding

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer aside nav"
    " main figure figcaption blockquote pre dt dd dl form address hr".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "select", "button", "head")
_BREAK = "\ufdd0"  # a block's edge in the transform's text: a Unicode noncharacter, in no page
# The text of the document's root element, a break at each block's start and end; invisible
# elements give nothing (their tails are text of their parent), nor do comments.
_VISIBLE_TEXT = etree.XSLT(
    etree.fromstring(
        f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:apply-templates select="*[1]"/></xsl:template>
<xsl:template match="{'|'.join(_INVISIBLE_TAGS)}|comment()|processing-instruction()"/>
<xsl:template match="{'|'.join(sorted(_BLOCK_TAGS))}">{_BREAK}<xsl:apply-templates/>{_BREAK}</xsl:template>
</xsl:stylesheet>"""
    )
)
_META_PUBLISHED = frozenset(
    "article:published_time og:article:published_time og:published_time published_time pubdate"
    " publishdate publish-date publish_date date dc.date dc.date.issued dcterms.created dcterms.issued"
    " sailthru.date parsely-pub-date datepublished datecreated article.published date_published"
    " pub_date publication_date".split()
)
_META_MODIFIED = frozenset(
    "article:modified_time og:updated_time og:article:modified_time datemodified last-modified"
    " dcterms.modified modified_time updated_time".split()
)
_JSON_LD_KEYS = {"datePublished": True, "dateCreated": True, "uploadDate": True, "dateModified": False}
_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
# The trackback RDF that blog engines put in an HTML comment: the entry's Dublin Core date
# (the `dc.date` of a meta tag). The parse drops comments, so it is read from the source.
_RDF_DATE = re.compile(r'<rdf:Description\b(?:[^"/>]|"[^"]*"|/(?!>))*?\sdc:date="([^"<>]{8,60})"')


def visible_lines(tree) -> list[str]:
    """The page as a text dump would show it: one line per block element, scripts, styles and
    the head left out. The lines are paragraphs already: nothing hard-wrapped them. The tree is
    only read (an XSLT transform, which walks it in C; a branch of a larger tree is copied out
    first)."""
    if tree.getroottree().getroot() is not tree:
        tree = copy(tree)
    text = str(_VISIBLE_TEXT(tree))
    # Whitespace runs collapsed in one pass over the page (a block's ends then keep one space
    # at most, stripped): most blocks are empty, so per-block work is kept to a strip.
    chunks = " ".join(text.split()).split(_BREAK)
    return [line for line in map(str.strip, chunks) if line]


def visible_page(tree) -> Page:
    """`visible_lines` as a Page, one unit a line (`Page.from_blocks`)."""
    return Page.from_blocks(visible_lines(tree))


def _structured_dates(tree: etree._Element, source: str = "") -> list[tuple[str, str, bool]]:
    """(evidence, ISO day, is a publication date) from JSON-LD, meta tags, microdata and the
    trackback RDF of the page's `source`."""
    found: list[tuple[str, str, bool]] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _JSON_LD_KEYS and isinstance(value, str):
                    found.append((f"JSON-LD {key}: {value}", value, _JSON_LD_KEYS[key]))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content()))
        except ValueError:
            continue
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_PUBLISHED or key in _META_MODIFIED:
            value = meta.get("content")
            found.append((f'<meta {key}="{value}">', value, key in _META_PUBLISHED))
    # Microdata on other elements: <time itemprop="datePublished" datetime="...">, or the
    # element's own short text when it has no such attribute.
    # (An embedded video's uploadDate is not the page's.)
    for element in tree.xpath("//*[@itemprop][not(self::meta)]"):
        key = element.get("itemprop")
        if key in _JSON_LD_KEYS and key != "uploadDate":
            value = element.get("datetime") or element.get("content") or element.text_content().strip()
            if value and len(value) <= 60:
                found.append((f'<{element.tag} itemprop="{key}">{value}', value, _JSON_LD_KEYS[key]))
    if "<rdf:Description" in source:
        for value in _RDF_DATE.findall(source):
            found.append((f'RDF dc:date="{value}"', value, True))
    return found


def _structured_day(value: str, today: date) -> date | None:
    """The day of a structured date: ISO first ("2020-09-15T10:01:41Z"), else any single
    unambiguous written date ("Tue, Sep 15 2020 10:01:41 EDT", "06/13/2019")."""
    m = _ISO_DAY.search(value)
    if m:
        return day_of(int(m[1]), int(m[2]), int(m[3]))
    spans = find_spans([value[:100]], today)
    if len(spans) == 1 and len(spans[0].days) == 1:
        return spans[0].days[0]
    return None


def _meta_candidates(tree: etree._Element, today: date, source: str = "") -> list[DateCandidate]:
    candidates = []
    for evidence, value, published in _structured_dates(tree, source):
        day = _structured_day(value, today)
        if not day:
            continue
        rejected = out_of_range(day)
        if rejected is None and not published:
            rejected = "modification date, not publication"
        elif rejected is None and day > today:
            rejected = "in the future"
        candidates.append(DateCandidate(day, evidence[:200], "meta", 0.0, rejected))
    return candidates


def htmldate_params(today: date, extensive: bool = False) -> dict:
    """How htmldate is asked: the original publication day, within the plausible range."""
    return {
        "extensive_search": extensive,
        "original_date": True,
        "min_date": datetime(EARLIEST.year, EARLIEST.month, EARLIEST.day),
        "max_date": datetime(today.year, today.month, today.day),
    }


_STRONG_TEXT = 5.0  # a visible date this well placed outweighs the page's markup
_PLACED_KINDS = ("published-label", "byline", "dateline", "standalone")


def date_from_html(tree, markup: str | None, today: date | None = None, source: str = "") -> DateFinding:
    """htmldate reads the markup (`markup`: its non-extensive reading, ISO, which trafilatura
    made while it read the page's metadata); our text reading of the rendered page is an
    independent witness. Agreement wins; on disagreement a strongly placed visible date beats
    the markup, a weak one defers to it, unless the page's structured data declares the markup
    day and the page shows it too (two witnesses); htmldate's free-text guess alone needs a
    visible sighting of its day. `source`: the page's HTML, for what the parse drops (comments)."""
    today = today or date.today()
    meta = _meta_candidates(tree, today, source)
    # The visible blocks as `Page.from_blocks` reads them (every one kept), without the units.
    visible = [plain_text(line) for line in visible_lines(tree)]
    seen = date_from_paragraphs(visible, [True] * len(visible), today)
    # Publication days the page's structured data declares (JSON-LD, meta tags, microdata),
    # and the days it gives as modification days.
    declared = Counter(c.day for c in meta if not c.rejected)
    modified = {c.day for c in meta if c.rejected == "modification date, not publication"}
    day = date.fromisoformat(markup) if markup else None
    source = "markup"
    if declared and (day is None or (day in modified and day not in declared)):
        # htmldate missed a date written in another format ("Tue, Sep 15 2020 10:01:41 EDT"),
        # or took the declared modification day for the publication day: the day declared
        # most often (the first on a tie) stands in.
        day, source = declared.most_common(1)[0][0], "structured data"
    guess = None
    if day is None:
        guess = find_date(tree, **htmldate_params(today, extensive=True))
        day, source = (date.fromisoformat(guess) if guess else None), "free text"
    origin = "structured data" if source == "structured data" else f"htmldate ({source})"
    htmldate_evidence = f"{origin}: {day}"
    # The finding cites the tag itself when the page's structured data carries the day.
    meta_evidence = next((c.evidence for c in meta if c.day == day and not c.rejected), htmldate_evidence)
    candidates = tuple(meta) + seen.candidates
    if day and source != "structured data":
        candidates += (DateCandidate(day, htmldate_evidence, "meta", 0.0),)

    def finding(published, evidence, kind, note):
        return DateFinding(published, evidence, kind, candidates, note)

    # The markup day where the page shows it: its best placed visible sighting.
    sightings = [c for c in seen.candidates if c.day == day and not c.rejected]
    placed = max(
        (c for c in sightings if c.kind not in ("text", "updated-label") and c.score >= ACCEPT_ALONE),
        key=lambda c: c.score,
        default=None,
    )
    text_day = seen.published
    if day and text_day == day:
        return finding(day, seen.evidence, seen.kind, f"visible {seen.kind} agrees with {origin}")
    if day and text_day:
        text_score = max(c.score for c in seen.candidates if c.day == text_day and not c.rejected)
        if seen.kind == "updated-label":
            return finding(None, None, None, f"visible update date {text_day} vs {origin} {day}")
        if day in declared and placed and seen.kind != "published-label":
            # A forum thread's later posts, a sidebar date: the declared day, shown on the
            # page too, outweighs a single visible reading.
            note = f"{day} declared in structured data and seen as {placed.kind}; beats visible {text_day}"
            return finding(day, placed.evidence, placed.kind, note)
        if text_score >= _STRONG_TEXT and seen.kind in _PLACED_KINDS:
            return finding(text_day, seen.evidence, seen.kind, f"visible {seen.kind} beats {origin} {day}")
        return finding(day, meta_evidence, "meta", f"{origin} beats weak visible {text_day}")
    if day:
        if source != "free text":
            if sightings and day not in declared and all(c.kind == "updated-label" for c in sightings):
                # "This page was last modified on ...": htmldate read an update date.
                return finding(None, None, None, f"htmldate's {day} is shown only as an update date")
            return finding(day, meta_evidence, "meta", f"{origin}; no visible date chosen")
        sighting = next(iter(sightings), None)
        if sighting:
            return finding(day, sighting.evidence, "text", "htmldate free-text guess, seen on the page")
        return finding(None, None, None, f"htmldate free-text guess {day} not seen on the page")
    if text_day:
        return finding(text_day, seen.evidence, seen.kind, f"{seen.note}; htmldate found nothing")
    if candidates and not seen.candidates:
        return finding(None, None, None, "every date on the page was rejected")
    return finding(None, None, None, seen.note or "no date found")