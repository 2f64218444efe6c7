"""The headline of an HTML page: its declared title without its site affix (text dumps:
title_text.py).

Evidence, never a site's phrases: agreement between the page's title, its JSON-LD headline and
its h1; a "| Site" or "Site - " part that repeats the site name or the domain, or gives a date.
"""

from __future__ import annotations

import html as html_lib
import json
import re

from broadsheet.extract import cues
from broadsheet.extract.page import squash
from broadsheet.extract.title_text import similar_titles

_WORD = re.compile(r"\w+")


# --- HTML ---------------------------------------------------------------------------


_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:•·»«/]{1,2}\s+")
_DOMAIN = re.compile(r"\w\.(com|net|org|info|co|io|news|[a-z]{2})$", re.IGNORECASE)


def clean_title(title: str | None, sitename: str | None) -> str | None:
    """The headline without the " | Site name" part pages append to <title>."""
    if not title:
        return None
    title = " ".join(title.split())
    site = squash(sitename or "")
    if squash(title) == site:
        return None  # the page's <title> is just the site name
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and site:
        # The site name may itself contain a separator ("Name - Tagline"): match whole runs.
        for cut in range(1, len(parts)):
            head, tail = parts[:cut], parts[cut:]
            if squash(" ".join(tail)) == site or squash(" ".join(head)) == site:
                kept = head if squash(" ".join(tail)) == site else tail
                return _rejoin(title, kept)
    if len(parts) > 1:
        # No site name to compare with: a trailing domain ("… - SpaceNews.com") is one.
        if _DOMAIN.search(parts[-1]) and len(parts[-1].split()) <= 3:
            return _rejoin(title, parts[:-1])
        if site and (site in squash(parts[-1]) or squash(parts[-1]) in site):
            return _rejoin(title, parts[:-1])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of `title` covering `parts`, keeping its original separators."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()




_HEADLINE_WORDS = (3, 40)
# schema.org types whose "headline" is the page's article.
_ARTICLE_TYPE = re.compile(r"article|posting|report|story|news", re.IGNORECASE)


def _tokens(text: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall((text or "").casefold()))


def _site_keys(sitename: str | None, hostname: str | None) -> set[str]:
    """The names a site goes by: its declared name, its domain with and without the suffix."""
    keys = {squash(sitename or "")}
    host = (hostname or "").casefold().removeprefix("www.")
    if host:
        keys.add(squash(host))
        labels = [label for label in host.split(".") if len(label) >= 2]
        if labels:
            keys.add(squash(max(labels[:-1] or labels, key=len)))
    return {key for key in keys if key}


def _site_like(part: str, keys: set[str]) -> bool:
    """A part of a title that names the site ("Globalnews.ca", "The Independent") or is a date."""
    key = squash(part)
    if not key:
        return True
    if cues.DATE_OR_TIME.fullmatch(part.strip()) or key in keys:
        return True
    return len(part.split()) <= 5 and any(len(k) >= 4 and (k in key or len(key) >= 4 and key in k) for k in keys)


def strip_site(title: str | None, keys: set[str]) -> str | None:
    """The declared title without the parts at its ends that name the site or give a date
    ("X – DW – 13.06.2023", "Site | X"); None when nothing else is left."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and _site_like(parts[-1], keys):
        parts.pop()
    while len(parts) > 1 and _site_like(parts[0], keys):
        parts.pop(0)
    if len(parts) == 1 and _site_like(parts[0], keys) and squash(parts[0]) in keys:
        return None
    return _rejoin(title, parts)


_KICKER_SEPARATOR = re.compile(r"(?<=\S):\s+|\s+[|\-–—:•·»«/]{1,2}\s+")


def _supports(variant: tuple[str, ...], candidate: tuple[str, ...], raw: str, front: bool = False) -> bool:
    """`raw` (a title variant, `variant` its words) says `candidate`: the same words, or the
    candidate with a short label set off by a separator after it ("X - National", "X |
    Sport") or, with `front`, before it ("Kicker: X"): a label other titles do without."""
    if variant == candidate:
        return True
    n, extra = len(candidate), len(variant) - len(candidate)
    if not candidate or not 0 < extra <= 4 or candidate not in (variant[:n], variant[-n:] if front else ()):
        return False
    parts = (_KICKER_SEPARATOR if front else _TITLE_SEPARATOR).split(raw)
    return any(
        candidate == _tokens(" ".join(parts[:cut])) or front and candidate == _tokens(" ".join(parts[cut:]))
        for cut in range(1, len(parts))
    )


def _ld_headlines(scripts) -> list[str]:
    """The "headline" of each article object in the page's JSON-LD (`scripts`: its <script>s)."""
    found: list[str] = []
    for script in scripts:
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if "headline" not in script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack and len(found) < 5:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
                headline = item.get("headline")
                if isinstance(headline, str) and _ARTICLE_TYPE.search(kind):
                    found.append(html_lib.unescape(headline).lstrip())  # a trailing space says "cut short"
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))
    return [h for h in found if h.strip()]


def _meta(metas, name: str) -> str | None:
    for element in metas:
        if element.get("property") == name or element.get("name") == name:
            content = element.get("content")
            if content and content.strip():
                return " ".join(content.split())
    return None


def _title_element(tree) -> str | None:
    element = tree.find(".//title")
    text = " ".join(element.text_content().split()) if element is not None else ""
    return text or None


def _h1s(h1s, site: str) -> list[str]:
    """Headline-sized h1s, those inside the article's main block first."""
    inside, outside = [], []
    for h1 in h1s:
        text = " ".join(h1.text_content().replace("\xad", "").split())
        if not _HEADLINE_WORDS[0] <= len(text.split()) <= _HEADLINE_WORDS[1] or squash(text) == site:
            continue
        in_main = any(a.tag in ("article", "main") for a in h1.iterancestors())
        (inside if in_main else outside).append(text)
    return inside + outside


def html_title(tree, title: str | None, sitename: str | None, hostname: str | None = None) -> str | None:
    """The headline of an HTML page, from the titles it declares and shows: the JSON-LD
    article headline (written for machines, without site affixes), unless it is cut short;
    else the variant most of og:title, twitter:title, <title> and the h1s agree on, each
    without the parts naming the site; else the first headline-sized h1; else the declared
    title without its site part (`clean_title`)."""
    # The elements read here, in one walk of the tree (it was one walk per <meta> asked for).
    found: dict[str, list] = {"meta": [], "script": [], "h1": []}
    for element in tree.iter("meta", "script", "h1"):
        found[element.tag].append(element)
    metas = found["meta"]
    keys = _site_keys(sitename or _meta(metas, "og:site_name"), hostname)
    site = squash(sitename or "")
    headings = _h1s(found["h1"], site)
    declared = [
        (source, raw, strip_site(raw, keys))
        for source, raw in (
            ("og", _meta(metas, "og:title")),
            ("twitter", _meta(metas, "twitter:title")),
            ("title", _title_element(tree) or title),
        )
        if raw
    ]
    variants = [(source, stripped) for source, _, stripped in declared if stripped] + [("h1", h) for h in headings[:2]]
    for headline in _ld_headlines(found["script"])[:1]:
        cut_short = headline.endswith(("…", "...")) or headline != headline.rstrip() and headline.rstrip()[-1:].isalnum()
        headline = strip_site(" ".join(headline.split()), keys)
        if not headline or len(headline.split()) < 2 or squash(headline) in keys:
            break
        words = _tokens(headline)
        if cut_short:  # cut at a length limit: a variant that goes on from its last word
            longer = [
                s
                for _, s in variants
                if len(_tokens(s)) > len(words) and _tokens(s)[: len(words)] == words and not _supports(_tokens(s), words, s)
            ]
            if longer:
                return longer[0]
        # The headline with a label ("X | Section", "Kicker: X") that two of the other
        # titles do without.
        for _, shorter in variants:
            short = _tokens(shorter)
            if short != words and _supports(words, short, headline, front=True):
                sources = {source for source, s in variants if _tokens(s) == short}
                if "h1" in sources and len(sources) >= 2:
                    return shorter
        return headline
    # No JSON-LD headline: the variant the others agree with.
    candidates = [s for _, s in variants]
    best, best_votes = None, 0
    for candidate in candidates:
        words = _tokens(candidate)
        votes = sum(_supports(_tokens(s), words, s) for _, s in variants)
        if votes > best_votes:
            best, best_votes = candidate, votes
    if best is not None and best_votes >= 2:
        return best
    return _heading_or_declared(headings, title, sitename)


def _heading_or_declared(headings: list[str], title: str | None, sitename: str | None) -> str | None:
    """The page's own heading (an h1) where it agrees with its declared title, since the
    declared one carries site affixes; else the first headline-sized h1; else the declared
    title without its site part."""
    declared = clean_title(title, sitename)
    if not headings:
        return declared
    if declared:
        whole, kept = squash(title or ""), squash(declared)
        for heading in headings:
            key = squash(heading)
            if key and key in whole:
                # "Kicker: Heading" declared, the kicker set apart in the page: the headline
                # is the whole; "Heading - Site" declared: the heading without the affix.
                kicker = declared[: max(0, len(declared) - len(heading))].rstrip()
                return declared if kept.endswith(key) and kept != key and kicker.endswith(":") else heading
            if key and similar_titles(heading, declared):
                return heading
    return headings[0]
